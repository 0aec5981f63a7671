#include "normalizers/detail.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <array>
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
  static const auto table = [] {
    std::array<std::array<bool, 128>, 128> t{};
    for (const char* p : {"EF", "PF", "OD", "OQ", "CG", "UV", "IL", "IJ", "MN", "HN", "KX", "RP",
                          "RB", "BE", "CO", "SZ", "PD"}) {
      t[static_cast<size_t>(p[0])][static_cast<size_t>(p[1])] = true;
      t[static_cast<size_t>(p[1])][static_cast<size_t>(p[0])] = true;
    }
    return t;
  }();
  return a < 128 && b < 128 && table[a][b];
}

}  // namespace

namespace {

// Latin letters Tesseract's Russian model produced Cyrillic letters for, seen in
// tests/normalizers/harvest_ocr.py output ("RU"→"КУ"/"ВО", "TR"→"ТВ"/"ТА", "EUR"→"ЕОВ"/"БОК",
// "EXW"→"ЕХМ"/"ЕХИ").
// Weaker evidence than a look-alike: they cost 0.75, so a look-alike reading (cost 0, e.g. "НК"
// → HK) is not made ambiguous by them.
bool observed_cyrillic_misread(char32_t cyrillic, char32_t latin) {
  switch (cyrillic) {
    case U'К':
    case U'В':
    case U'А':
    case U'Я':
      return latin == 'R';
    case U'О':
      return latin == 'U';
    case U'Б':
      return latin == 'E';
    case U'М':
    case U'И':
      return latin == 'W';
    default:
      return false;
  }
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
  // What each token position may stand for, worked out once rather than per entry.
  struct Position {
    char32_t original, upper;
    bool cyrillic, digit;
    std::u32string look_alikes;  // Cyrillic: Latin letters it may stand for; digit: letters
  };
  std::vector<Position> positions;
  positions.reserve(token.size());
  for (char32_t c : token) {
    Position p{c, upper_simple(c), false, false, {}};
    p.cyrillic = is_cyrillic_letter(p.upper);
    p.digit = is_digit(p.upper);
    if (p.cyrillic) p.look_alikes = cyrillic_candidates(p.upper);
    if (p.digit) p.look_alikes = digit_candidates(p.upper);
    positions.push_back(std::move(p));
  }
  // Cost of one position against one vocabulary letter; < 0 = no match.
  enum class Kind { Equal, Script, Observed, DigitLetter, Confusion, None };
  auto classify = [](const Position& p, char32_t e) {
    if (p.upper == e) return Kind::Equal;
    if (p.cyrillic) {
      if (p.look_alikes.find(e) != std::u32string::npos) return Kind::Script;
      if (observed_cyrillic_misread(p.upper, e)) return Kind::Observed;
      for (char32_t c : p.look_alikes)
        if (ocr_letter_confusion(c, e)) return Kind::Confusion;
      return Kind::None;
    }
    if (p.digit)
      return p.look_alikes.find(e) != std::u32string::npos ? Kind::DigitLetter : Kind::None;
    return ocr_letter_confusion(p.upper, e) ? Kind::Confusion : Kind::None;
  };
  auto cost_of = [](Kind k) {
    switch (k) {
      case Kind::Equal:
      case Kind::Script:
        return 0.0;
      case Kind::Observed:
        return 0.75;
      case Kind::DigitLetter:
        return 0.5;
      case Kind::Confusion:
        return 1.0;
      default:
        return 1e9;
    }
  };
  struct Scored {
    double cost;
    const std::string* entry;
  };
  // Vocabularies are upper-case ASCII codes: tabulate each position's cost per ASCII letter.
  std::vector<std::array<double, 128>> table(positions.size());
  for (size_t i = 0; i < positions.size(); ++i)
    for (char32_t e = 0; e < 128; ++e)
      table[i][e] =
          (e >= 'A' && e <= 'Z') || is_digit(e) ? cost_of(classify(positions[i], e)) : 1e9;
  std::vector<Scored> scored;
  for (const std::string& entry : vocabulary) {
    if (entry.size() != positions.size()) continue;
    double cost = 0;
    for (size_t i = 0; i < positions.size() && cost <= max_cost; ++i) {
      unsigned char e = static_cast<unsigned char>(entry[i]);
      cost += e < 128 ? table[i][e] : 1e9;
    }
    if (cost <= max_cost) scored.push_back({cost, &entry});
  }
  ClosedMatch result;
  if (scored.empty()) return result;
  std::stable_sort(scored.begin(), scored.end(),
                   [](const Scored& a, const Scored& b) { return a.cost < b.cost; });
  // Entries within half a confusion of the best are not told apart: reported as alternatives.
  result.cost = scored[0].cost;
  for (const Scored& s : scored)
    if (s.cost <= result.cost + 0.5) result.best.push_back(*s.entry);
  const std::string& best = *scored[0].entry;
  for (size_t i = 0; i < positions.size(); ++i) {
    const char32_t e = static_cast<unsigned char>(best[i]);
    switch (classify(positions[i], e)) {
      case Kind::Script:
        result.repairs.push_back("script: Cyrillic " + describe(positions[i].original) + "→Latin " +
                                 describe(e));
        break;
      case Kind::Observed:
      case Kind::DigitLetter:
      case Kind::Confusion:
        result.repairs.push_back("ocr-letter: " + describe(positions[i].original) + "→" +
                                 describe(e));
        break;
      default:
        break;
    }
  }
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
