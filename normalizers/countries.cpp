#include "normalizers/countries.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "normalizers/designations.h"
#include "normalizers/detail.h"
#include "normalizers/distance.h"
#include "normalizers/text.h"

namespace declx {
namespace {

// Comparison key of a country name: folded (case, homoglyphs, Ё), punctuation → space.
std::string country_key(std::string_view text) {
  std::u32string chars = detail::decode_utf8(fold_for_compare(text));
  std::u32string out;
  for (char32_t c : chars) {
    bool keep = detail::is_cyrillic_letter(c) || detail::is_latin_letter(c) ||
                detail::is_digit(c) || c > 0x7F;
    if (keep) {
      out.push_back(c);
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return detail::encode_utf8(out);
}

struct CountryData {
  std::unordered_map<std::string, std::set<std::string>> by_name;  // key → alpha-2 codes
  std::set<std::string> alpha2;
  std::unordered_map<std::string, std::string> alpha3, numeric;  // → alpha-2
  std::vector<std::string> code_vocabulary;                      // alpha-2 + EU + 00
  std::vector<std::pair<std::u32string, std::string>> names;     // for fuzzy matching
};

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

const CountryData& data() {
  static const CountryData instance = [] {
    CountryData d;
    auto add_name = [&](const std::string& name, const std::string& code) {
      std::string key = country_key(name);
      if (!key.empty()) d.by_name[key].insert(code);
    };
    const icu::Locale ru("ru"), en("en");
    for (const char* const* cc = icu::Locale::getISOCountries(); *cc != nullptr; ++cc) {
      std::string code = *cc;
      d.alpha2.insert(code);
      icu::Locale locale("", *cc);
      icu::UnicodeString name;
      add_name(to_utf8(locale.getDisplayCountry(ru, name)), code);
      name.remove();
      add_name(to_utf8(locale.getDisplayCountry(en, name)), code);
      std::string a3 = locale.getISO3Country();
      if (!a3.empty()) d.alpha3[a3] = code;
    }
    // Numeric codes and official names from Debian's iso-codes, when installed.
    std::ifstream json_file("/usr/share/iso-codes/json/iso_3166-1.json");
    if (json_file) {
      nlohmann::json j = nlohmann::json::parse(json_file, nullptr, false);
      if (!j.is_discarded() && j.contains("3166-1") && j["3166-1"].is_array()) {
        for (const auto& entry : j["3166-1"]) {
          std::string a2 = entry.value("alpha_2", "");
          if (a2.empty()) continue;
          std::string num = entry.value("numeric", "");
          if (!num.empty()) d.numeric[num] = a2;
          std::string a3 = entry.value("alpha_3", "");
          if (!a3.empty()) d.alpha3.emplace(a3, a2);
          for (const char* field : {"name", "official_name", "common_name"}) {
            std::string n = entry.value(field, "");
            if (!n.empty()) add_name(n, a2);
          }
        }
      }
    }
    for (const auto& row : detail::read_tsv(default_patterns_dir() + "/countries_extra.tsv", 2)) {
      add_name(row.fields[1], row.fields[0]);
      if (row.fields[0] == "EU") d.alpha2.insert("EU");
    }
    d.code_vocabulary.assign(d.alpha2.begin(), d.alpha2.end());
    d.code_vocabulary.push_back("EU");
    d.code_vocabulary.push_back("00");
    std::sort(d.code_vocabulary.begin(), d.code_vocabulary.end());
    d.code_vocabulary.erase(std::unique(d.code_vocabulary.begin(), d.code_vocabulary.end()),
                            d.code_vocabulary.end());
    for (const auto& [key, codes] : d.by_name)
      for (const auto& code : codes) d.names.emplace_back(detail::decode_utf8(key), code);
    return d;
  }();
  return instance;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Parsed<std::string> parse_country_code(std::string_view text) {
  Parsed<std::string> result;
  result.raw = std::string(text);
  const CountryData& d = data();
  std::string full = clean_text(text);
  std::string cleaned(detail::strip_junk(full));
  std::u32string token;
  for (char32_t c : detail::decode_utf8(cleaned))
    if (c != ' ' && c != '.' && c != ',') token.push_back(c);
  // "(М" for CN: a C read as an opening bracket, which the junk strip took away.
  if (token.size() == 1 && full.find("(" + detail::encode_utf8(token)) != std::string::npos) {
    token.insert(token.begin(), U'C');
    result.repairs.push_back("ocr: '(' read for C");
  }
  std::string ascii = detail::encode_utf8(token);
  if (token.size() == 3 && all_digits(ascii)) {
    auto it = d.numeric.find(ascii);
    if (it != d.numeric.end()) {
      result.value = it->second;
      result.confidence = 1.0;
    } else {
      result.error = "unknown numeric country code " + ascii;
    }
    return result;
  }
  if (token.size() == 3) {
    std::string upper = to_upper(ascii);
    auto it = d.alpha3.find(upper);
    if (it != d.alpha3.end()) {
      result.value = it->second;
      result.confidence = 1.0;
      return result;
    }
  }
  if (token.size() != 2) {
    result.error = "country code: expected 2 characters";
    return result;
  }
  if (token[0] >= 'A' && token[0] <= 'Z' && token[1] >= 'A' && token[1] <= 'Z' &&
      std::binary_search(d.code_vocabulary.begin(), d.code_vocabulary.end(), ascii)) {
    result.value = ascii;  // clean code: no look-alike search needed
    result.confidence = 1.0;
    return result;
  }
  detail::ClosedMatch m = detail::match_closed(token, d.code_vocabulary, 1.0);
  if (m.best.empty()) {
    result.error = "unknown country code " + cleaned;
    return result;
  }
  if (m.best.size() > 1) {
    result.alternatives = m.best;
    result.error = "ambiguous country code " + cleaned;
    return result;
  }
  result.value = m.best[0];
  result.repairs = m.repairs;
  result.confidence = m.repairs.empty() ? 1.0 : (m.cost == 0 ? 0.85 : 0.6);
  return result;
}

Parsed<std::string> parse_country(std::string_view text, std::string* matched_name) {
  Parsed<std::string> result;
  result.raw = std::string(text);
  const CountryData& d = data();
  std::string key = country_key(text);
  if (key.empty()) {
    result.error = "empty";
    return result;
  }
  auto found = d.by_name.find(key);
  if (found != d.by_name.end()) {
    if (found->second.size() == 1) {
      result.value = *found->second.begin();
      result.confidence = 1.0;
    } else {
      result.alternatives.assign(found->second.begin(), found->second.end());
      result.error = "ambiguous country name";
    }
    return result;
  }
  std::u32string k = detail::decode_utf8(key);
  if (k.size() <= 3 && k.find(' ') == std::u32string::npos) {
    Parsed<std::string> code = parse_country_code(text);
    code.raw = result.raw;
    return code;
  }
  // OCR-damaged name: closest names within a small edit distance, ambiguity reported.
  size_t limit = k.size() >= 10 ? 2 : (k.size() >= 5 ? 1 : 0);
  if (limit == 0) {
    result.error = "unknown country";
    return result;
  }
  size_t best = limit + 1;
  std::set<std::string> codes;
  std::u32string best_name;
  for (const auto& [name, code] : d.names) {
    size_t dist = edit_distance(k, name, limit);
    if (dist < best) {
      best = dist;
      codes.clear();
      best_name = name;
    }
    if (dist == best && dist <= limit) codes.insert(code);
  }
  if (codes.empty()) {
    result.error = "unknown country";
    return result;
  }
  if (codes.size() > 1) {
    result.alternatives.assign(codes.begin(), codes.end());
    result.error = "ambiguous country name";
    return result;
  }
  result.value = *codes.begin();
  result.repairs.push_back("ocr-name: " + key + "→" + detail::encode_utf8(best_name));
  if (matched_name) *matched_name = detail::encode_utf8(best_name);
  result.confidence = best == 1 ? 0.75 : 0.6;
  return result;
}

Parsed<std::string> parse_country_name_start(std::string_view text, std::string* matched_name) {
  Parsed<std::string> result;
  result.raw = std::string(text);
  std::string_view word = text;
  while (!word.empty() && (word.back() == '.' || word.back() == ',')) word.remove_suffix(1);
  const std::u32string start = detail::decode_utf8(country_key(word));
  bool letters = start.size() >= 3;
  for (char32_t c : start) letters &= detail::is_cyrillic_letter(c) || detail::is_latin_letter(c);
  if (!letters || country_key(word) != fold_for_compare(word)) {
    result.error = "not the start of a country name";
    return result;
  }
  std::set<std::string> codes;
  std::u32string shortest;
  for (const auto& [name, code] : data().names)
    if (name.size() > start.size() && name.compare(0, start.size(), start) == 0) {
      codes.insert(code);
      if (shortest.empty() || name.size() < shortest.size()) shortest = name;
    }
  if (codes.size() != 1) {
    result.error =
        codes.empty() ? "not the start of a country name" : "the start of several countries' names";
    result.alternatives.assign(codes.begin(), codes.end());
    return result;
  }
  result.value = *codes.begin();
  result.confidence = 0.6;
  result.repairs.push_back("ocr-name: '" + std::string(text) + "' is the start of " +
                           detail::encode_utf8(shortest) + " only");
  if (matched_name) *matched_name = detail::encode_utf8(shortest);
  return result;
}

std::string country_name_ru(std::string_view alpha2) {
  std::string code = to_upper(alpha2);
  if (data().alpha2.count(code) == 0) return "";
  icu::Locale locale("", code.c_str());
  icu::UnicodeString name;
  locale.getDisplayCountry(icu::Locale("ru"), name);
  std::string out = to_utf8(name);
  return out == code ? "" : out;
}

std::string country_alpha3(std::string_view alpha2) {
  std::string code = to_upper(alpha2);
  if (data().alpha2.count(code) == 0) return "";
  icu::Locale locale("", code.c_str());
  return locale.getISO3Country();
}

}  // namespace declx
