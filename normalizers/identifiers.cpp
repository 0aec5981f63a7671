#include "normalizers/identifiers.h"

#include <array>

#include "normalizers/detail.h"
#include "normalizers/script.h"
#include "normalizers/text.h"

namespace declx {
namespace {

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int weighted_check(std::string_view d, std::initializer_list<int> weights) {
  int sum = 0, i = 0;
  for (int w : weights) sum += w * (d[i++] - '0');
  return sum % 11 % 10;
}

// Digits OCR engines confuse with each digit: domain.md's 0/8/6/9, 1/7, 3/8, 5/6 plus what
// Tesseract did on rendered identifiers (tests/normalizers/harvest_ocr.py: 1→4, 7→2, 0→6,
// 0→9), closed under symmetry. Symmetry matters: when the real confusion is in the table, the
// true value is always among the candidates, so a unique candidate is the true value. A
// confusion outside the table can yield a wrong unique candidate, so the table errs wide
// (simulated on random ИНН/ОГРН: 0 wrong repairs when corruptions stay inside the table).
std::string_view confusions(char digit) {
  static constexpr std::array<std::string_view, 10> table = {"689", "47",  "7",  "589",   "1",
                                                             "368", "058", "12", "03569", "038"};
  if (digit < '0' || digit > '9') return {};
  return table[static_cast<size_t>(digit - '0')];
}

// Strips a label ("ИНН", "КПП", "ОГРН", "ОГРНИП", "№", ":") and spaces, and maps OCR letters to
// digits. Returns the characters left.
std::u32string extract_body(std::string_view text) {
  std::string cleaned = clean_text(text);
  std::string_view stripped = detail::strip_junk(cleaned);
  std::u32string chars = detail::decode_utf8(stripped);
  std::u32string folded = detail::decode_utf8(fold_for_compare(stripped));
  static const std::u32string labels[] = {U"ОГРНИП", U"ОГРН", U"ИНН", U"КПП"};
  for (const auto& label : labels) {
    if (folded.size() == chars.size() && folded.compare(0, label.size(), label) == 0) {
      chars.erase(0, label.size());
      break;
    }
  }
  std::u32string out;
  for (char32_t c : chars)
    if (c != ' ' && c != U'№' && c != ':' && c != '-' && c != '.' && c != ',' && c != '"')
      out.push_back(c);
  return out;
}

using Validator = bool (*)(std::string_view);

// Shared flow for the check-digit identifiers.
Parsed<std::string> parse_checked(std::string_view text, std::initializer_list<size_t> lengths,
                                  Validator valid, const char* what) {
  Parsed<std::string> result;
  result.raw = std::string(text);
  std::u32string body = extract_body(text);
  if (body.empty() || !detail::repair_digits(body, result.repairs)) {
    result.error = std::string("not a ") + what;
    result.repairs.clear();
    return result;
  }
  std::string digits = detail::encode_utf8(body);
  bool length_ok = false;
  for (size_t n : lengths) length_ok = length_ok || digits.size() == n;
  if (!length_ok) {
    result.error = std::string(what) + ": wrong length " + std::to_string(digits.size());
    result.repairs.clear();
    return result;
  }
  if (valid(digits)) {
    result.value = digits;
    result.confidence = result.repairs.empty() ? 1.0 : 0.8;
    return result;
  }
  // One-digit OCR repair, kept only when exactly one candidate passes.
  std::string candidate;
  int passing = 0;
  std::string repair;
  for (size_t i = 0; i < digits.size() && passing < 2; ++i) {
    for (char alt : confusions(digits[i])) {
      std::string trial = digits;
      trial[i] = alt;
      if (valid(trial)) {
        ++passing;
        candidate = trial;
        repair = std::string("check-digit repair: position ") + std::to_string(i + 1) + " " +
                 digits[i] + "→" + alt;
      }
    }
  }
  if (passing == 1) {
    result.value = candidate;
    result.repairs.push_back(repair);
    result.confidence = 0.7;
    return result;
  }
  result.value = digits;
  result.confidence = 0.2;
  result.error = std::string(what) + " check digit failed" +
                 (passing > 1 ? " (several one-digit repairs pass; none applied)" : "");
  return result;
}

}  // namespace

std::string_view ocr_digit_confusions(char digit) {
  return confusions(digit);
}

std::vector<std::string> ocr_digit_variants(std::string_view text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size(); ++i)
    for (char c : confusions(text[i])) {
      std::string changed(text);
      changed[i] = c;
      out.push_back(std::move(changed));
    }
  return out;
}

int ocr_confused_digits(std::string_view read, std::string_view meant) {
  if (read.size() != meant.size()) return -1;
  int count = 0;
  for (size_t i = 0; i < read.size(); ++i) {
    if (read[i] == meant[i]) continue;
    if (confusions(read[i]).find(meant[i]) == std::string_view::npos) return -1;
    ++count;
  }
  return count;
}

bool inn_valid(std::string_view d) {
  if (!all_digits(d)) return false;
  if (d.size() == 10) return weighted_check(d, {2, 4, 10, 3, 5, 9, 4, 6, 8}) == d[9] - '0';
  if (d.size() == 12)
    return weighted_check(d, {7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == d[10] - '0' &&
           weighted_check(d, {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == d[11] - '0';
  return false;
}

bool ogrn_valid(std::string_view d) {
  if (d.size() != 13 || !all_digits(d)) return false;
  unsigned long long n = 0;
  for (size_t i = 0; i < 12; ++i) n = n * 10 + static_cast<unsigned>(d[i] - '0');
  return static_cast<int>(n % 11 % 10) == d[12] - '0';
}

bool ogrnip_valid(std::string_view d) {
  if (d.size() != 15 || !all_digits(d)) return false;
  unsigned long long n = 0;
  for (size_t i = 0; i < 14; ++i) n = n * 10 + static_cast<unsigned>(d[i] - '0');
  return static_cast<int>(n % 13 % 10) == d[14] - '0';
}

Parsed<std::string> parse_inn(std::string_view text) {
  return parse_checked(text, {10, 12}, inn_valid, "ИНН");
}
Parsed<std::string> parse_ogrn(std::string_view text) {
  return parse_checked(text, {13}, ogrn_valid, "ОГРН");
}
Parsed<std::string> parse_ogrnip(std::string_view text) {
  return parse_checked(text, {15}, ogrnip_valid, "ОГРНИП");
}

Parsed<std::string> parse_kpp(std::string_view text) {
  Parsed<std::string> result;
  result.raw = std::string(text);
  std::u32string body = extract_body(text);
  if (body.size() != 9) {
    result.error = "КПП: expected 9 characters, got " + std::to_string(body.size());
    return result;
  }
  std::string out;
  for (size_t i = 0; i < 9; ++i) {
    char32_t c = body[i];
    bool letter_slot = i == 4 || i == 5;
    if (detail::is_digit(c)) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    if (!letter_slot) {
      char32_t d = detail::ocr_digit_for(c);
      if (d == 0) {
        result.error = "КПП: not a digit at position " + std::to_string(i + 1);
        result.repairs.clear();
        return result;
      }
      result.repairs.push_back("ocr-digit: " + detail::describe(c) + "→" + detail::describe(d));
      out.push_back(static_cast<char>(d));
      continue;
    }
    // Positions 5-6 (reason code) may hold Latin capitals; fold Cyrillic look-alikes.
    char32_t latin = c;
    if (detail::is_cyrillic_letter(c)) {
      latin = latin_lookalike_of_cyrillic(c);
      if (latin == 0) {
        result.error = "КПП: not a Latin letter at position " + std::to_string(i + 1);
        result.repairs.clear();
        return result;
      }
      result.repairs.push_back("script: Cyrillic " + detail::describe(c) + "→Latin " +
                               detail::describe(latin));
    }
    if (!(latin >= 'A' && latin <= 'Z')) {
      result.error = "КПП: bad character at position " + std::to_string(i + 1);
      result.repairs.clear();
      return result;
    }
    out.push_back(static_cast<char>(latin));
  }
  result.value = out;
  result.confidence = result.repairs.empty() ? 1.0 : 0.8;
  return result;
}

}  // namespace declx
