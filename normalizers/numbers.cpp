#include "normalizers/numbers.h"

#include <charconv>
#include <string>

#include "normalizers/detail.h"
#include "normalizers/text.h"

namespace declx {
namespace {

bool is_group_separator(char32_t c) {
  return c == ' ' || c == 0xA0 || c == 0x202F || c == 0x2009 || c == '\'' || c == 0x2019;
}

// Checks that the digit groups split by a thousands separator are 1-3 digits then 3 digits.
bool groups_valid(const std::u32string& integer_part, char32_t sep) {
  size_t start = 0;
  bool first = true;
  while (true) {
    size_t pos = integer_part.find(sep, start);
    size_t len = (pos == std::u32string::npos ? integer_part.size() : pos) - start;
    if (first ? (len < 1 || len > 3) : len != 3) return false;
    first = false;
    if (pos == std::u32string::npos) return true;
    start = pos + 1;
  }
}

}  // namespace

Parsed<double> parse_number(std::string_view text) {
  Parsed<double> result;
  result.raw = std::string(text);
  std::string cleaned = clean_text(text);
  std::u32string chars = detail::decode_utf8(detail::strip_junk(cleaned, true));
  // OCR reads "." as ":" and "," as ";"; a space next to a separator is debris.
  for (char32_t& c : chars) {
    if (c == ':') c = '.';
    if (c == ';') c = ',';
  }
  for (size_t k = 0; k < chars.size(); ++k) {
    bool near_sep = (k > 0 && (chars[k - 1] == '.' || chars[k - 1] == ',')) ||
                    (k + 1 < chars.size() && (chars[k + 1] == '.' || chars[k + 1] == ','));
    if (chars[k] == ' ' && near_sep) chars.erase(k--, 1);
  }
  // Trim spaces around.
  while (!chars.empty() && (is_group_separator(chars.back()) || chars.back() == '\t'))
    chars.pop_back();
  size_t lead = 0;
  while (lead < chars.size() && (is_group_separator(chars[lead]) || chars[lead] == '\t')) ++lead;
  chars.erase(0, lead);
  if (chars.empty()) {
    result.error = "empty";
    return result;
  }
  bool negative = false;
  if (chars[0] == '-' || chars[0] == 0x2212 || chars[0] == 0x2013) {
    negative = true;
    chars.erase(0, 1);
  }
  // Unify separators: every space kind becomes ' '.
  for (char32_t& c : chars)
    if (is_group_separator(c)) c = ' ';
  // OCR letters inside the numeric token.
  std::u32string body;
  for (char32_t c : chars)
    if (c != ' ' && c != '.' && c != ',') body.push_back(c);
  bool needs_repair = false;
  for (char32_t c : body) needs_repair = needs_repair || !detail::is_digit(c);
  if (needs_repair) {
    std::u32string probe = chars;
    std::vector<std::string> repairs;
    std::u32string stripped;
    for (char32_t c : probe)
      if (c != ' ' && c != '.' && c != ',') stripped.push_back(c);
    if (!detail::repair_digits(stripped, repairs)) {
      result.error = "not a number";
      return result;
    }
    for (char32_t& c : chars)
      if (c != ' ' && c != '.' && c != ',' && !detail::is_digit(c)) c = detail::ocr_digit_for(c);
    result.repairs = std::move(repairs);
  }
  // Decide which separator is the decimal one.
  size_t last_dot = chars.rfind('.'), last_comma = chars.rfind(',');
  size_t decimal = std::u32string::npos;
  char32_t thousands = ' ';
  int dots = 0, commas = 0;
  for (char32_t c : chars) {
    dots += c == '.';
    commas += c == ',';
  }
  if (dots > 0 && commas > 0) {
    decimal = std::max(last_dot, last_comma);
    thousands = chars[decimal] == '.' ? ',' : '.';
    if ((chars[decimal] == '.' ? dots : commas) != 1) {
      result.error = "more than one decimal separator";
      return result;
    }
  } else if (dots + commas == 1) {
    decimal = dots ? last_dot : last_comma;
  } else if (dots + commas > 1) {
    thousands = dots ? '.' : ',';  // "1.250.000": only thousands separators
  }
  std::u32string integer_part = chars.substr(0, decimal);
  std::u32string fraction =
      decimal == std::u32string::npos ? std::u32string() : chars.substr(decimal + 1);
  if (fraction.find_first_of(U" .,") != std::u32string::npos) {
    result.error = "separator inside the fraction";
    return result;
  }
  if (integer_part.empty() && fraction.empty()) {
    result.error = "no digits";
    return result;
  }
  if (!integer_part.empty()) {
    bool has_space = integer_part.find(' ') != std::u32string::npos;
    bool has_thousands = thousands != ' ' && integer_part.find(thousands) != std::u32string::npos;
    if (has_space && has_thousands) {
      result.error = "mixed thousands separators";
      return result;
    }
    char32_t sep = has_thousands ? thousands : ' ';
    if ((has_space || has_thousands) && !groups_valid(integer_part, sep)) {
      result.error = "digit groups are not thousands";
      return result;
    }
  }
  std::string ascii;
  if (negative) ascii.push_back('-');
  for (char32_t c : integer_part)
    if (detail::is_digit(c)) ascii.push_back(static_cast<char>(c));
  if (integer_part.empty()) ascii.push_back('0');
  if (!fraction.empty()) {
    ascii.push_back('.');
    for (char32_t c : fraction) ascii.push_back(static_cast<char>(c));
  }
  if (ascii.size() > 64) {
    result.error = "too many digits";
    return result;
  }
  double value = 0;
  auto [ptr, ec] = std::from_chars(ascii.data(), ascii.data() + ascii.size(), value);
  if (ec != std::errc() || ptr != ascii.data() + ascii.size()) {
    result.error = "not a number";
    return result;
  }
  result.value = value;
  result.confidence = result.repairs.empty() ? 1.0 : 0.8;
  return result;
}

}  // namespace declx
