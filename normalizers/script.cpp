#include "normalizers/script.h"

#include <unicode/unistr.h>
#include <unicode/uspoof.h>

#include <array>
#include <stdexcept>
#include <unordered_map>

#include "normalizers/detail.h"

namespace declx {
namespace {

struct LookalikeTables {
  std::unordered_map<char32_t, char32_t> cyrillic_to_latin;
  std::unordered_map<char32_t, char32_t> latin_to_cyrillic;
};

bool same_case(char32_t latin, char32_t cyrillic) {
  bool latin_upper = latin >= 'A' && latin <= 'Z';
  bool cyr_upper = (cyrillic >= 0x410 && cyrillic <= 0x42F) || cyrillic == 0x401;
  return latin_upper == cyr_upper;
}

// Pairs a Russian letter with a Latin letter when ICU's confusables data gives both the same
// skeleton (А/A, С/C, Р/P, ...), keeping only same-case pairs so repairs never change case.
const LookalikeTables& tables() {
  static const LookalikeTables instance = [] {
    LookalikeTables t;
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker* checker = uspoof_open(&status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU uspoof_open failed");
    auto skeleton = [&](char32_t c) {
      icu::UnicodeString in(static_cast<UChar32>(c)), out;
      UErrorCode st = U_ZERO_ERROR;
      uspoof_getSkeletonUnicodeString(checker, 0, in, out, &st);
      return U_SUCCESS(st) ? out : icu::UnicodeString();
    };
    std::unordered_map<std::u16string, char32_t> latin_by_skeleton;
    for (char32_t c = 'A'; c <= 'z'; ++c) {
      if (!detail::is_latin_letter(c)) continue;
      icu::UnicodeString s = skeleton(c);
      latin_by_skeleton.emplace(std::u16string(s.getBuffer(), s.length()), c);
    }
    for (char32_t c = 0x401; c <= 0x451; ++c) {
      if (!detail::is_cyrillic_letter(c)) continue;
      icu::UnicodeString s = skeleton(c);
      auto it = latin_by_skeleton.find(std::u16string(s.getBuffer(), s.length()));
      if (it == latin_by_skeleton.end() || !same_case(it->second, c)) continue;
      t.cyrillic_to_latin.emplace(c, it->second);
      t.latin_to_cyrillic.emplace(it->second, c);
    }
    uspoof_close(checker);
    return t;
  }();
  return instance;
}

enum class Script { None, Cyrillic, Latin };

struct TokenStats {
  int cyrillic = 0, latin = 0;                // letters of each script
  int cyrillic_unique = 0, latin_unique = 0;  // letters with no look-alike in the other script
};

TokenStats stats_of(std::u32string_view token) {
  TokenStats s;
  for (char32_t c : token) {
    if (detail::is_cyrillic_letter(c)) {
      ++s.cyrillic;
      if (!latin_lookalike_of_cyrillic(c)) ++s.cyrillic_unique;
    } else if (detail::is_latin_letter(c)) {
      ++s.latin;
      if (!cyrillic_lookalike_of_latin(c)) ++s.latin_unique;
    }
  }
  return s;
}

// Which script the token was meant to be in; None = leave it alone.
Script decide(const TokenStats& s, FieldScript field, Script text_script) {
  if (s.cyrillic == 0 || s.latin == 0) {
    // Single-script token: only a field that forces the other script changes it, and only
    // when every letter has a look-alike ("AO" in a Russian field, "СМ" in a code box).
    if (field == FieldScript::Cyrillic && s.latin > 0 && s.latin_unique == 0) {
      return Script::Cyrillic;
    }
    if ((field == FieldScript::Latin || field == FieldScript::Code) && s.cyrillic > 0 &&
        s.cyrillic_unique == 0) {
      return Script::Latin;
    }
    if (field == FieldScript::Auto && text_script == Script::Cyrillic && s.latin > 0 &&
        s.latin_unique == 0 && s.latin > 1) {
      return Script::Cyrillic;
    }
    return Script::None;
  }
  // Mixed token: letters unique to one script decide; then the field; then the majority.
  if (s.cyrillic_unique > 0 && s.latin_unique == 0) return Script::Cyrillic;
  if (s.latin_unique > 0 && s.cyrillic_unique == 0) return Script::Latin;
  if (s.latin_unique > 0 && s.cyrillic_unique > 0) return Script::None;
  if (field == FieldScript::Cyrillic) return Script::Cyrillic;
  if (field == FieldScript::Latin || field == FieldScript::Code) return Script::Latin;
  if (text_script != Script::None) return text_script;
  if (s.cyrillic > s.latin) return Script::Cyrillic;
  if (s.latin > s.cyrillic) return Script::Latin;
  return Script::None;
}

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0;
}

}  // namespace

char32_t latin_lookalike_of_cyrillic(char32_t cyrillic) {
  const auto& m = tables().cyrillic_to_latin;
  auto it = m.find(cyrillic);
  return it == m.end() ? 0 : it->second;
}

LetterCounts count_letters(std::u32string_view text) {
  LetterCounts counts;
  for (char32_t c : text) {
    counts.cyrillic += (c >= U'А' && c <= U'я') || c == U'Ё' || c == U'ё';
    counts.latin += (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
  }
  return counts;
}

std::u32string latin_capitals(std::u32string text) {
  for (char32_t& c : text)
    if (c >= U'А' && c <= U'Я')
      if (char32_t latin = latin_lookalike_of_cyrillic(c)) c = latin;
  return text;
}

std::u32string cyrillic_capitals(std::u32string text) {
  for (char32_t& c : text)
    if (c >= U'A' && c <= U'Z')
      if (char32_t cyrillic = cyrillic_lookalike_of_latin(c)) c = cyrillic;
  return text;
}

char32_t cyrillic_lookalike_of_latin(char32_t latin) {
  const auto& m = tables().latin_to_cyrillic;
  auto it = m.find(latin);
  return it == m.end() ? 0 : it->second;
}

ScriptRepair repair_script(std::string_view text, FieldScript field) {
  ScriptRepair result;
  std::u32string chars = detail::decode_utf8(text);
  // The text's own script, from letters that exist in one script only.
  TokenStats whole = stats_of(chars);
  Script text_script = Script::None;
  if (whole.cyrillic_unique > 0 && whole.latin_unique == 0) text_script = Script::Cyrillic;
  if (whole.latin_unique > 0 && whole.cyrillic_unique == 0) text_script = Script::Latin;
  if (whole.cyrillic_unique > 2 * whole.latin_unique && whole.cyrillic_unique >= 3)
    text_script = Script::Cyrillic;

  size_t i = 0;
  while (i < chars.size()) {
    if (is_space(chars[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < chars.size() && !is_space(chars[end])) ++end;
    std::u32string_view token(chars.data() + i, end - i);
    Script target = decide(stats_of(token), field, text_script);
    for (size_t k = i; target != Script::None && k < end; ++k) {
      char32_t c = chars[k];
      if (target == Script::Cyrillic && detail::is_latin_letter(c)) {
        char32_t r = cyrillic_lookalike_of_latin(c);
        result.repairs.push_back("script: Latin " + detail::describe(c) + "→Cyrillic " +
                                 detail::describe(r));
        chars[k] = r;
      } else if (target == Script::Latin && detail::is_cyrillic_letter(c)) {
        char32_t r = latin_lookalike_of_cyrillic(c);
        result.repairs.push_back("script: Cyrillic " + detail::describe(c) + "→Latin " +
                                 detail::describe(r));
        chars[k] = r;
      }
    }
    i = end;
  }
  result.text = detail::encode_utf8(chars);
  return result;
}

}  // namespace declx
