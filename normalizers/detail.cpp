#include "normalizers/detail.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include "normalizers/script.h"

namespace declx::detail {

std::u32string decode_utf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = 0, n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string encode_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  for (char32_t c : text) append_utf8(out, c);
  return out;
}

std::string describe(char32_t c) {
  std::string s;
  append_utf8(s, c);
  return s;
}

bool is_ascii(std::string_view text) {
  for (unsigned char c : text)
    if (c >= 0x80) return false;
  return true;
}

bool is_cyrillic_letter(char32_t c) {
  return (c >= 0x410 && c <= 0x44F) || c == 0x401 || c == 0x451;
}
bool is_latin_letter(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

char32_t ocr_digit_for(char32_t c) {
  switch (c) {
    case U'O':
    case U'o':
    case U'О':
    case U'о':
    case U'D':
    case U'Q':
      return U'0';
    case U'l':
    case U'I':
    case U'|':
    case U'і':
    case U'І':
    case U'!':
    case U'i':
      return U'1';
    case U'З':
    case U'з':
      return U'3';
    case U'Ч':
      return U'4';
    case U'S':
    case U's':
      return U'5';
    case U'б':
    case U'Б':
    case U'G':
      return U'6';
    case U'B':
    case U'В':
    case U'в':
      return U'8';
    case U'Z':
    case U'z':
      return U'2';
    default:
      return 0;
  }
}

bool repair_digits(std::u32string& token, std::vector<std::string>& repairs) {
  bool has_digit = false;
  for (char32_t c : token) {
    if (is_digit(c)) {
      has_digit = true;
    } else if (ocr_digit_for(c) == 0) {
      return false;
    }
  }
  if (!has_digit) return false;
  for (char32_t& c : token) {
    char32_t d = ocr_digit_for(c);
    if (d != 0 && !is_digit(c)) {
      repairs.push_back("ocr-digit: " + describe(c) + "→" + describe(d));
      c = d;
    }
  }
  return true;
}

namespace {

bool junk_at(std::string_view s, size_t pos, size_t& len) {
  static const std::string_view multi[] = {"‚", "‘", "’", "“", "”", "°", "—", "•", "·", "«", "»"};
  unsigned char c = static_cast<unsigned char>(s[pos]);
  if (c < 0x80) {
    len = 1;
    return std::string_view(" `'\".,:;-_~*|><[]()!^").find(static_cast<char>(c)) !=
           std::string_view::npos;
  }
  for (std::string_view m : multi) {
    if (s.substr(pos, m.size()) == m) {
      len = m.size();
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view strip_junk(std::string_view text, bool keep_minus) {
  size_t len = 0;
  while (!text.empty() && junk_at(text, 0, len)) {
    if (keep_minus && text[0] == '-' && text.size() > 1 && text[1] >= '0' && text[1] <= '9') break;
    text.remove_prefix(len);
  }
  while (!text.empty()) {
    // Step back over one UTF-8 character.
    size_t start = text.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    if (!junk_at(text, start, len) || start + len != text.size()) break;
    text.remove_suffix(len);
  }
  return text;
}

namespace {

// Latin letters a Cyrillic letter may stand for when an OCR engine with a Russian model read a
// Latin code. Besides the ICU confusables pairs (С→C, ...) this holds OCR-specific ones: М and
// Н for N, И for N, Ц for U — these are why "СМ" is reported as CN or CM.
std::u32string cyrillic_candidates(char32_t c) {
  std::u32string out;
  char32_t look = latin_lookalike_of_cyrillic(c);
  if (look >= 'a' && look <= 'z') look = look - 'a' + 'A';
  if (look) out.push_back(look);
  switch (c) {
    case U'М':
    case U'м':
      out += U"N";
      break;
    case U'Н':
    case U'н':
      out += U"N";
      break;
    case U'И':
    case U'и':
      out += U"N";
      break;
    case U'Ц':
    case U'ц':
    case U'У':
    case U'у':
      out += U"U";
      break;
    case U'П':
    case U'п':
      out += U"N";
      break;
    case U'Ь':
    case U'ь':
      out += U"B";
      break;
    case U'З':
    case U'з':
      out += U"Z";
      break;
    case U'Г':
    case U'г':
      out += U"F";
      break;
    case U'Д':
    case U'д':
      out += U"D";
      break;
    case U'Л':
    case U'л':
      out += U"J";
      break;
    case U'Я':
    case U'я':
      out += U"R";
      break;
    default:
      break;
  }
  return out;
}

std::u32string digit_candidates(char32_t c) {
  switch (c) {
    case U'0':
      return U"ODQU";
    case U'1':
      return U"IL";
    case U'2':
      return U"Z";
    case U'4':
      return U"A";
    case U'5':
      return U"S";
    case U'6':
      return U"G";
    case U'8':
      return U"B";
    default:
      return U"";
  }
}

// Letter pairs OCR engines confuse within one script.
bool ocr_letter_confusion(char32_t a, char32_t b) {
  static const char* const pairs[] = {"EF", "PF", "OD", "OQ", "CG", "UV", "IL", "IJ", "MN",
                                      "HN", "KX", "RP", "RB", "BE", "CO", "SZ", "PD"};
  for (const char* p : pairs) {
    if ((a == static_cast<char32_t>(p[0]) && b == static_cast<char32_t>(p[1])) ||
        (a == static_cast<char32_t>(p[1]) && b == static_cast<char32_t>(p[0])))
      return true;
  }
  return false;
}

}  // namespace

namespace {

// Latin letters Tesseract's Russian model produced Cyrillic letters for, seen in
// tests/normalizers/harvest_ocr.py output ("RU"→"КУ"/"ВО", "TR"→"ТВ"/"ТА", "EUR"→"ЕОВ"/"БОК",
// "EXW"→"ЕХМ"/"ЕХИ").
// Weaker evidence than a look-alike: they cost 0.75, so a look-alike reading (cost 0, e.g. "НК"
// → HK) is not made ambiguous by them.
bool observed_cyrillic_misread(char32_t cyrillic, char32_t latin) {
  static const std::u32string_view pairs[] = {U"КR", U"ВR", U"АR", U"ОU",
                                              U"БE", U"ЯR", U"МW", U"ИW"};
  for (auto p : pairs)
    if (p[0] == cyrillic && static_cast<char32_t>(p[1]) == latin) return true;
  return false;
}

char32_t upper_simple(char32_t c) {
  if (c >= 'a' && c <= 'z') return c - 'a' + 'A';
  if (c >= 0x430 && c <= 0x44F) return c - 0x20;
  if (c == 0x451) return 0x401;
  return c;
}

}  // namespace

ClosedMatch match_closed(std::u32string_view token, const std::vector<std::string>& vocabulary,
                         double max_cost) {
  struct Scored {
    double cost;
    const std::string* entry;
    std::vector<std::string> repairs;
  };
  std::vector<Scored> scored;
  for (const std::string& entry : vocabulary) {
    if (entry.size() != token.size()) continue;
    double cost = 0;
    std::vector<std::string> repairs;
    for (size_t i = 0; i < token.size() && cost <= max_cost; ++i) {
      const char32_t t = upper_simple(token[i]);
      const char32_t e = static_cast<unsigned char>(entry[i]);
      if (t == e) continue;
      if (is_cyrillic_letter(t)) {
        std::u32string cands = cyrillic_candidates(t);
        if (cands.find(e) != std::u32string::npos) {
          repairs.push_back("script: Cyrillic " + describe(token[i]) + "→Latin " + describe(e));
          continue;
        }
        if (observed_cyrillic_misread(t, e)) {
          cost += 0.75;
          repairs.push_back("ocr-letter: " + describe(token[i]) + "→" + describe(e));
          continue;
        }
        // Cyrillic look-alike of a letter OCR confuses with e (ЕСА: Е→E↔F).
        bool near = false;
        for (char32_t c : cands) near = near || ocr_letter_confusion(c, e);
        if (near) {
          cost += 1;
          repairs.push_back("ocr-letter: " + describe(token[i]) + "→" + describe(e));
          continue;
        }
        cost = 1e9;
      } else if (is_digit(t)) {
        if (digit_candidates(t).find(e) != std::u32string::npos) {
          cost += 0.5;
          repairs.push_back("ocr-letter: " + describe(t) + "→" + describe(e));
          continue;
        }
        cost = 1e9;
      } else if (ocr_letter_confusion(t, e)) {
        cost += 1;
        repairs.push_back("ocr-letter: " + describe(token[i]) + "→" + describe(e));
      } else {
        cost = 1e9;
      }
    }
    if (cost <= max_cost) scored.push_back({cost, &entry, std::move(repairs)});
  }
  ClosedMatch result;
  if (scored.empty()) return result;
  std::stable_sort(scored.begin(), scored.end(),
                   [](const Scored& a, const Scored& b) { return a.cost < b.cost; });
  // Entries within half a confusion of the best are not told apart: reported as alternatives.
  result.cost = scored[0].cost;
  result.repairs = scored[0].repairs;
  for (const Scored& s : scored)
    if (s.cost <= result.cost + 0.5) result.best.push_back(*s.entry);
  return result;
}

std::vector<TsvRow> read_tsv(const std::string& path, size_t min_fields) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open data file " + path);
  std::vector<TsvRow> rows;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    TsvRow row;
    row.line = number;
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      row.fields.push_back(
          line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    size_t non_empty = std::count_if(row.fields.begin(), row.fields.end(),
                                     [](const std::string& f) { return !f.empty(); });
    if (row.fields.size() < min_fields || non_empty < min_fields)
      throw std::runtime_error(path + ":" + std::to_string(number) + ": expected " +
                               std::to_string(min_fields) + " tab-separated fields, got '" + line +
                               "'");
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace declx::detail
