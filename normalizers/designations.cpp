#include "normalizers/designations.h"

#include <unicode/utf8.h>
#include <stdexcept>

#include "normalizers/detail.h"
#include "normalizers/script.h"
#include "normalizers/text.h"

namespace declx {
namespace {

// Russian letter → Latin by sound, as designations are transliterated (Н→N, С→S, Л→L).
const char* sound_of(char32_t c) {
  static const char* const upper[] = {
      "A", "B", "V", "G", "D", "E",  "ZH", "Z",  "I",  "Y",    "K", "L", "M", "N", "O",  "P",
      "R", "S", "T", "U", "F", "KH", "TS", "CH", "SH", "SHCH", "",  "Y", "",  "E", "YU", "YA"};
  if (c == U'Ё' || c == U'ё') return "E";
  if (c >= 0x410 && c <= 0x42F) return upper[c - 0x410];
  if (c >= 0x430 && c <= 0x44F) return upper[c - 0x430];
  return nullptr;
}

bool token_char(char32_t c) {
  return detail::is_cyrillic_letter(c) || detail::is_latin_letter(c) || detail::is_digit(c) ||
         c == '-';
}

// Key of a token read "by look": Latin letters that have a Cyrillic look-alike are taken as that
// Cyrillic letter first ("C-400" with a Latin C is С-400), then transliterated by sound.
std::string look_key(std::string_view token) {
  std::u32string chars = detail::decode_utf8(to_upper(token));
  for (char32_t& c : chars) {
    if (detail::is_latin_letter(c)) {
      char32_t cyr = cyrillic_lookalike_of_latin(c);
      if (cyr) c = cyr;
    }
  }
  return designation_key(detail::encode_utf8(chars));
}

struct Token {
  size_t begin, end;  // byte offsets
};

std::vector<Token> tokens_of(std::string_view text) {
  std::vector<Token> out;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = 0, n = static_cast<int32_t>(text.size());
  bool in = false;
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c >= 0 && token_char(static_cast<char32_t>(c))) {
      if (!in) out.push_back({static_cast<size_t>(start), 0});
      in = true;
      out.back().end = static_cast<size_t>(i);
    } else {
      in = false;
    }
  }
  // Trim dashes at token edges ("-С-400-" → "С-400").
  std::vector<Token> trimmed;
  for (Token t : out) {
    while (t.begin < t.end && text[t.begin] == '-') ++t.begin;
    while (t.end > t.begin && text[t.end - 1] == '-') --t.end;
    if (t.end > t.begin) trimmed.push_back(t);
  }
  return trimmed;
}

// Whether two adjacent tokens may be one designation that OCR split: the gap holds a "-", ":"
// or "." (not just a space, as in "С 400 ШТ" = "from 400 pcs"), or the first token is all
// digits and the second holds a digit ("96 Л6Е").
bool splittable(std::string_view text, const Token& a, const Token& b) {
  std::string_view gap = text.substr(a.end, b.begin - a.end);
  if (gap.size() > 3) return false;
  for (char c : gap)
    if (c != ' ' && c != '-' && c != ':' && c != '.') return false;
  if (gap.find_first_of("-:.") != std::string_view::npos) return true;
  std::string_view first = text.substr(a.begin, a.end - a.begin);
  std::string_view second = text.substr(b.begin, b.end - b.begin);
  bool first_digits = first.find_first_not_of("0123456789") == std::string_view::npos;
  return first_digits && second.find_first_of("0123456789") != std::string_view::npos;
}

}  // namespace

std::string designation_key(std::string_view token) {
  std::u32string chars = detail::decode_utf8(to_upper(clean_text(token)));
  std::string key;
  for (char32_t c : chars) {
    if (c == '-' || c == ' ' || c == '.' || c == '"') continue;
    if (const char* s = sound_of(c)) {
      key += s;
    } else {
      detail::append_utf8(key, c);
    }
  }
  return key;
}

DesignationLexicon DesignationLexicon::load(const std::string& path) {
  DesignationLexicon lex;
  for (const auto& row : detail::read_tsv(path, 2)) {
    const std::string& canonical = row.fields[0];
    for (const std::string& form : {canonical, row.fields[1]}) {
      std::string key = designation_key(form);
      size_t words = tokens_of(clean_text(form)).size();
      if (key.empty() || words == 0)
        throw std::runtime_error(path + ":" + std::to_string(row.line) + ": empty form");
      key = std::to_string(words) + "|" + key;
      auto [it, inserted] = lex.by_key_.emplace(key, canonical);
      if (!inserted && it->second != canonical)
        throw std::runtime_error(path + ":" + std::to_string(row.line) + ": form '" + form +
                                 "' already means " + it->second);
      lex.max_key_tokens_ = std::max(lex.max_key_tokens_, words);
    }
  }
  if (lex.by_key_.empty()) throw std::runtime_error(path + ": no designations");
  return lex;
}

Parsed<std::string> DesignationLexicon::canonical(std::string_view token) const {
  Parsed<std::string> result;
  result.raw = std::string(token);
  std::string cleaned = clean_text(token);
  size_t words = tokens_of(cleaned).size();
  std::string prefix = std::to_string(words) + "|";
  auto it = by_key_.find(prefix + designation_key(cleaned));
  if (it != by_key_.end()) {
    result.value = it->second;
    result.confidence = 1.0;
    return result;
  }
  it = by_key_.find(prefix + look_key(cleaned));
  if (it != by_key_.end()) {
    result.value = it->second;
    ScriptRepair r = repair_script(cleaned, FieldScript::Cyrillic);
    result.repairs = r.repairs;
    if (result.repairs.empty()) result.repairs.push_back("script: read by look");
    result.confidence = 0.9;
    return result;
  }
  result.error = "not a known designation";
  return result;
}

std::vector<DesignationMatch> DesignationLexicon::find_all(std::string_view text) const {
  std::vector<DesignationMatch> out;
  std::vector<Token> tokens = tokens_of(text);
  size_t i = 0;
  while (i < tokens.size()) {
    bool matched = false;
    for (size_t n = std::min(std::max<size_t>(max_key_tokens_, 2), tokens.size() - i);
         n >= 1 && !matched; --n) {
      size_t begin = tokens[i].begin, end = tokens[i + n - 1].end;
      std::string_view span = text.substr(begin, end - begin);
      std::string prefix = std::to_string(n) + "|";
      auto it = by_key_.find(prefix + designation_key(span));
      if (it == by_key_.end()) it = by_key_.find(prefix + look_key(span));
      if (it == by_key_.end() && n == 2 && splittable(text, tokens[i], tokens[i + 1])) {
        // OCR split one designation in two ("96 Л6Е", "ПАНЦИРЬ:С1"): try it as one word.
        it = by_key_.find("1|" + designation_key(span));
        if (it == by_key_.end()) it = by_key_.find("1|" + look_key(span));
      }
      if (it != by_key_.end()) {
        out.push_back({it->second, std::string(span), begin, end});
        i += n;
        matched = true;
      }
    }
    if (!matched) ++i;
  }
  return out;
}

}  // namespace declx
