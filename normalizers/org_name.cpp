#include "normalizers/org_name.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "normalizers/designations.h"
#include "normalizers/detail.h"
#include "normalizers/script.h"
#include "normalizers/text.h"

namespace declx {
namespace {

struct Word {
  std::string folded;
  size_t begin = 0, end = 0;  // byte offsets in the cleaned text
};

bool word_char(char32_t c) {
  return detail::is_cyrillic_letter(c) || detail::is_latin_letter(c) || detail::is_digit(c) ||
         c == '&' || (c > 0x7F && c != 0xAB && c != 0xBB);
}

std::vector<Word> words_of(std::string_view text) {
  std::vector<Word> words;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = 0, n = static_cast<int32_t>(text.size());
  bool in_word = false;
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c >= 0 && word_char(static_cast<char32_t>(c))) {
      if (!in_word) words.push_back({"", static_cast<size_t>(start), 0});
      in_word = true;
      words.back().end = static_cast<size_t>(i);
    } else {
      in_word = false;
    }
  }
  for (Word& w : words) w.folded = fold_for_compare(text.substr(w.begin, w.end - w.begin));
  return words;
}

struct LegalForm {
  std::string canonical;
  std::vector<std::string> folded_words;
};

const std::vector<LegalForm>& legal_forms() {
  static const std::vector<LegalForm> forms = [] {
    std::vector<LegalForm> out;
    for (const auto& row : detail::read_tsv(default_patterns_dir() + "/legal_forms.tsv", 2)) {
      LegalForm f;
      f.canonical = row.fields[0];
      for (const Word& w : words_of(clean_text(row.fields[1]))) f.folded_words.push_back(w.folded);
      if (f.folded_words.empty()) continue;
      out.push_back(std::move(f));
    }
    // Longest forms first, so "ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО" wins over "АКЦИОНЕРНОЕ ОБЩЕСТВО".
    std::stable_sort(out.begin(), out.end(), [](const LegalForm& a, const LegalForm& b) {
      return a.folded_words.size() > b.folded_words.size();
    });
    return out;
  }();
  return forms;
}

// Display name: quotes become spaces (they often stand between words: ВКО "АЛМАЗ), OCR debris
// (* ^ _ ` ~ | { } [ ]) is dropped, punctuation at the edges is trimmed.
std::string strip_name(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '"') {
      out.push_back(' ');
    } else if (std::string_view("*^_`~|{}[]").find(c) == std::string_view::npos) {
      out.push_back(c);
    }
  }
  std::string cleaned = clean_text(out);
  auto junk = [](char c) {
    return c == ' ' || c == ',' || c == ';' || c == ':' || c == '-' || c == '.';
  };
  size_t b = 0, e = cleaned.size();
  while (b < e && junk(cleaned[b])) ++b;
  while (e > b && junk(cleaned[e - 1])) {
    // Keep a final "." that ends an abbreviation ("ИМ. ПОПОВА" is rare; "LTD." is a form).
    --e;
  }
  return cleaned.substr(b, e - b);
}

// Comparison key: folded (case, Ё, homoglyphs) with punctuation other than "-" and "&" removed,
// so "КОНЦЕРН. ВКО" and "КОНЦЕРН ВКО" meet.
std::string name_key(std::string_view name) {
  std::string folded = fold_for_compare(name), out;
  for (char c : folded) {
    if (std::string_view(".,:;!?()'").find(c) != std::string_view::npos) c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::string transliterate_to_latin(std::string_view text) {
  if (detail::is_ascii(text)) return to_upper(text);
  // Е and Ё always give E here (BGN writes YE at word start and YË); mapping them to Э first
  // keeps the output predictable for matching against English-language lists.
  std::u32string chars = detail::decode_utf8(text);
  for (char32_t& c : chars) {
    if (c == U'Е' || c == U'Ё') c = U'Э';
    if (c == U'е' || c == U'ё') c = U'э';
  }
  thread_local std::unique_ptr<icu::Transliterator> translit = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Russian-Latin/BGN; [\\u02B9\\u02BA\\u00B7] Remove; Any-Latin; Latin-ASCII; Any-Upper",
        UTRANS_FORWARD, status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU transliterator Russian-Latin/BGN missing");
    return t;
  }();
  std::string utf8 = detail::encode_utf8(chars);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  translit->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

Parsed<OrgName> parse_org_name(std::string_view text) {
  Parsed<OrgName> result;
  result.raw = std::string(text);
  std::string cleaned = clean_text(text);
  if (cleaned.empty()) {
    result.error = "empty";
    return result;
  }
  ScriptRepair repaired = repair_script(cleaned, FieldScript::Auto);
  result.repairs = repaired.repairs;
  const std::string& s = repaired.text;
  std::vector<Word> words = words_of(s);
  OrgName org;
  size_t name_begin = 0, name_end = s.size();
  bool found = false;
  for (const LegalForm& form : legal_forms()) {
    size_t k = form.folded_words.size();
    if (k > words.size()) continue;
    bool prefix = true, suffix = true;
    for (size_t i = 0; i < k; ++i) {
      prefix = prefix && words[i].folded == form.folded_words[i];
      suffix = suffix && words[words.size() - k + i].folded == form.folded_words[i];
    }
    if (prefix && k == words.size()) {
      result.error = "no name besides the legal form";
      return result;
    }
    if (prefix && k < words.size()) {
      org.legal_form = form.canonical;
      name_begin = words[k - 1].end;
      found = true;
      break;
    }
    if (suffix && k < words.size()) {
      org.legal_form = form.canonical;
      name_end = words[words.size() - k].begin;
      // "(HK) LIMITED": an opening bracket before the form belongs to it.
      while (name_end > 0 && (s[name_end - 1] == '(' || s[name_end - 1] == ' ')) --name_end;
      found = true;
      break;
    }
  }
  org.name = strip_name(std::string_view(s).substr(name_begin, name_end - name_begin));
  if (org.name.empty()) {
    result.error = "no name besides the legal form";
    return result;
  }
  org.key = name_key(org.name);
  org.latin = transliterate_to_latin(org.name);
  result.value = org;
  result.confidence = result.repairs.empty() ? (found ? 1.0 : 0.9) : 0.8;
  return result;
}

}  // namespace declx
