#include "normalizers/currency.h"

#include <unicode/ucurr.h>
#include <unicode/uenum.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <set>
#include <unordered_map>

#include "normalizers/designations.h"
#include "normalizers/detail.h"
#include "normalizers/text.h"

namespace declx {
namespace {

struct CurrencyData {
  std::vector<std::string> codes;                                  // alpha-3, sorted
  std::unordered_map<std::string, std::string> numeric;            // "840" → USD
  std::unordered_map<std::string, std::set<std::string>> by_name;  // folded name → codes
};

std::string name_key(std::string_view text) {
  std::string folded = fold_for_compare(text);
  std::string out;
  for (char c : folded) {
    if (c == '.' || c == ',' || c == '"' || c == '(' || c == ')') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

const CurrencyData& data() {
  static const CurrencyData instance = [] {
    CurrencyData d;
    UErrorCode status = U_ZERO_ERROR;
    UEnumeration* all = ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &status);
    const char* code = nullptr;
    int32_t len = 0;
    while (U_SUCCESS(status) && (code = uenum_next(all, &len, &status)) != nullptr) {
      std::string alpha(code, static_cast<size_t>(len));
      d.codes.push_back(alpha);
      icu::UnicodeString ucode(alpha.c_str(), static_cast<int32_t>(alpha.size()), US_INV);
      UErrorCode st = U_ZERO_ERROR;
      int32_t num = ucurr_getNumericCode(ucode.getTerminatedBuffer());
      if (num > 0) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%03d", num);
        d.numeric[buf] = alpha;
      }
      auto add = [&](const UChar* name, int32_t n) {
        if (name == nullptr || n <= 0) return;
        std::string utf8;
        icu::UnicodeString(name, n).toUTF8String(utf8);
        d.by_name[name_key(utf8)].insert(alpha);
      };
      for (const char* locale : {"ru", "en"}) {
        UBool is_choice = false;
        st = U_ZERO_ERROR;
        int32_t n = 0;
        const UChar* name = ucurr_getName(ucode.getTerminatedBuffer(), locale, UCURR_LONG_NAME,
                                          &is_choice, &n, &st);
        if (U_SUCCESS(st)) add(name, n);
        for (const char* plural : {"one", "few", "many", "other"}) {
          st = U_ZERO_ERROR;
          name =
              ucurr_getPluralName(ucode.getTerminatedBuffer(), locale, &is_choice, plural, &n, &st);
          if (U_SUCCESS(st)) add(name, n);
        }
      }
    }
    uenum_close(all);
    std::sort(d.codes.begin(), d.codes.end());
    for (const auto& row : detail::read_tsv(default_patterns_dir() + "/currencies_extra.tsv", 2))
      d.by_name[name_key(row.fields[1])].insert(row.fields[0]);
    return d;
  }();
  return instance;
}

const std::vector<std::string>& incoterms() {
  // Incoterms 2010 and 2020 (DAT was replaced by DPU in 2020; both occur).
  static const std::vector<std::string> terms = {"EXW", "FCA", "FAS", "FOB", "CFR", "CIF",
                                                 "CPT", "CIP", "DAP", "DPU", "DAT", "DDP"};
  return terms;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Parsed<std::string> parse_currency(std::string_view text) {
  Parsed<std::string> result;
  result.raw = std::string(text);
  const CurrencyData& d = data();
  std::string full = clean_text(text);
  std::string cleaned(detail::strip_junk(full));
  if (cleaned.empty()) {
    result.error = "empty";
    return result;
  }
  if (cleaned.size() == 3 && all_digits(cleaned)) {
    auto it = d.numeric.find(cleaned);
    if (it == d.numeric.end()) {
      result.error = "unknown numeric currency code " + cleaned;
    } else {
      result.value = it->second;
      result.confidence = 1.0;
    }
    return result;
  }
  std::u32string token = detail::decode_utf8(cleaned);
  if (token.size() == 3 && std::binary_search(d.codes.begin(), d.codes.end(), cleaned)) {
    result.value = cleaned;  // clean code: no look-alike search needed
    result.confidence = 1.0;
    return result;
  }
  if (token.size() == 3) {
    detail::ClosedMatch m = detail::match_closed(token, d.codes, 1.0);
    if (m.best.size() == 1) {
      result.value = m.best[0];
      result.repairs = m.repairs;
      result.confidence = m.repairs.empty() ? 1.0 : (m.cost == 0 ? 0.85 : 0.6);
      return result;
    }
    if (m.best.size() > 1) {
      result.alternatives = m.best;
      result.error = "ambiguous currency code " + cleaned;
      return result;
    }
  }
  auto it = d.by_name.find(name_key(cleaned));
  if (it != d.by_name.end()) {
    if (it->second.size() == 1) {
      result.value = *it->second.begin();
      result.confidence = 1.0;
    } else {
      result.alternatives.assign(it->second.begin(), it->second.end());
      result.error = "ambiguous currency name";
    }
    return result;
  }
  result.error = "unknown currency " + cleaned;
  return result;
}

Parsed<DeliveryTerms> parse_delivery_terms(std::string_view text) {
  Parsed<DeliveryTerms> result;
  result.raw = std::string(text);
  std::string full = clean_text(text);
  std::u32string chars = detail::decode_utf8(detail::strip_junk(full));
  auto is_word = [](char32_t c) {
    return detail::is_latin_letter(c) || detail::is_cyrillic_letter(c) || detail::is_digit(c);
  };
  // The term is the leading run of letters; OCR glues it to the place with "-", ".", "/", ":".
  size_t end = 0;
  while (end < chars.size() && is_word(chars[end])) ++end;
  std::u32string term = chars.substr(0, end), rest = chars.substr(end);
  auto place_of = [&](std::u32string text_after) {
    std::string place = detail::encode_utf8(text_after);
    std::string trimmed(detail::strip_junk(place));
    while (!trimmed.empty() && (trimmed[0] == '/' || trimmed[0] == '\\'))
      trimmed = std::string(detail::strip_junk(trimmed.substr(1)));
    // A trailing code subfield ("FCA ПЕКИН 1") is not part of the place.
    size_t last = trimmed.rfind(' ');
    if (last != std::string::npos && all_digits(std::string_view(trimmed).substr(last + 1)) &&
        trimmed.size() - last <= 3)
      trimmed.erase(last);
    if (all_digits(trimmed) && trimmed.size() <= 2) trimmed.clear();
    return trimmed;
  };
  detail::ClosedMatch m = detail::match_closed(term, incoterms(), 1.0);
  std::string place = place_of(rest);
  if (m.best.empty() && term.size() > 5) {
    // "ЕХМШЭНЬЧЖЭНЬ": the space between term and place was lost.
    detail::ClosedMatch glued = detail::match_closed(term.substr(0, 3), incoterms(), 1.0);
    if (glued.best.size() == 1) {
      m = glued;
      m.repairs.push_back("ocr-space: term glued to the place");
      place = place_of(term.substr(3) + rest);
    }
  }
  std::string term_text = detail::encode_utf8(term);
  if (m.best.empty()) {
    result.error = "unknown delivery term '" + term_text + "'";
    return result;
  }
  if (m.best.size() > 1) {
    for (const auto& t : m.best) result.alternatives.push_back({t, place});
    result.error = "ambiguous delivery term '" + term_text + "'";
    return result;
  }
  result.value = DeliveryTerms{m.best[0], place};
  result.repairs = m.repairs;
  result.confidence = m.repairs.empty() ? 1.0 : (m.cost == 0 ? 0.85 : 0.6);
  return result;
}

}  // namespace declx
