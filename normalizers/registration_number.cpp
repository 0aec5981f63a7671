#include "normalizers/registration_number.h"

#include <cctype>

#include "normalizers/detail.h"
#include "normalizers/text.h"

namespace declx {

std::string RegistrationNumber::canonical() const {
  return office + "/" + date_ddmmyy + "/" + serial;
}

namespace {

using detail::is_digit;

// A character of the text seen as a possible digit (with the OCR repair it needs).
char32_t as_digit(char32_t c) {
  if (is_digit(c)) return c;
  char32_t d = detail::ocr_digit_for(c);
  // "I", "l", "|" are more often the separator; as digits only when not at a separator slot.
  return d;
}

bool is_separator_char(char32_t c) {
  // "7" is what Tesseract most often makes of a thin slash (harvest_ocr.py).
  return c == '/' || c == '\\' || c == '|' || c == 'I' || c == 'l' || c == '1' || c == '7' ||
         c == 0x2215 || c == 0x2044 || c == U'І' || c == '!';
}

bool is_space(char32_t c) {
  return c == ' ';
}

struct Scan {
  const std::u32string& s;
  size_t pos;
  std::vector<std::string> repairs;
  bool spaces_fixed = false;

  void skip_spaces() {
    while (pos < s.size() && is_space(s[pos])) {
      ++pos;
      spaces_fixed = true;
    }
  }
  // Reads exactly n digit-like characters.
  bool digits(size_t n, std::string& out) {
    for (size_t k = 0; k < n; ++k) {
      // OCR splits digit groups with a stray space ("1 50322"); one space is skipped.
      if (k > 0 && pos + 1 < s.size() && (is_space(s[pos]) || s[pos] == '.') &&
          is_digit(s[pos + 1])) {
        ++pos;
        spaces_fixed = true;
      }
      if (pos >= s.size()) return false;
      char32_t d = as_digit(s[pos]);
      if (d == 0) return false;
      if (d != s[pos])
        repairs.push_back("ocr-digit: " + detail::describe(s[pos]) + "→" + detail::describe(d));
      out.push_back(static_cast<char>(d));
      ++pos;
    }
    return true;
  }
  bool separator() {
    size_t before = pos;
    skip_spaces();
    if (pos >= s.size() || !is_separator_char(s[pos])) return false;
    if (s[pos] != '/') repairs.push_back("ocr-separator: " + detail::describe(s[pos]) + "→/");
    ++pos;
    skip_spaces();
    if (pos - before > 1 && s[before] == ' ') spaces_fixed = true;
    return true;
  }
};

// Tries to read a registration number starting exactly at `start` with an office code of
// `office_len` digits. On success fills `out` and returns the end position.
size_t try_at(const std::u32string& s, size_t start, size_t office_len,
              Parsed<RegistrationNumber>& out) {
  Scan scan{s, start, {}};
  RegistrationNumber rn;
  if (!scan.digits(office_len, rn.office)) return 0;
  // The first slash OCR lost altogether ("10130090060922/0806572" on a fax): only for the
  // 8-digit office code of a Russian number, with the date after it valid and the second
  // slash read (office and date have fixed lengths; the serial has not).
  bool first_lost = false;
  if (!scan.separator()) {
    if (office_len != 8 || scan.pos >= s.size() || !is_digit(s[scan.pos])) return 0;
    first_lost = true;
  }
  if (!scan.digits(6, rn.date_ddmmyy)) return 0;
  auto date = parse_ddmmyy(rn.date_ddmmyy);
  if (!date) return 0;
  rn.date = *date;
  // The second slash must be read: without it the serial's length is unknown.
  if (!scan.separator()) return 0;
  if (first_lost) scan.repairs.push_back("ocr-separator: lost / restored after the office code");
  // Serial: optional letter prefix, then 1..7 digits, not followed by a digit.
  if (scan.pos < s.size() &&
      (detail::is_cyrillic_letter(s[scan.pos]) || detail::is_latin_letter(s[scan.pos]))) {
    char32_t c = s[scan.pos];
    if (as_digit(c) == 0 || c == U'Э') {
      if (detail::is_latin_letter(c)) {
        // Latin look-alike of a Cyrillic prefix letter.
        return 0;
      }
      detail::append_utf8(rn.serial, c);
      ++scan.pos;
      scan.skip_spaces();
    }
  }
  size_t digits_start = scan.pos;
  while (scan.pos < s.size() && scan.pos - digits_start < 7 && is_digit(s[scan.pos])) ++scan.pos;
  if (scan.pos == digits_start) return 0;
  if (scan.pos < s.size() && is_digit(s[scan.pos])) return 0;  // serial longer than 7 digits
  for (size_t k = digits_start; k < scan.pos; ++k) rn.serial.push_back(static_cast<char>(s[k]));
  out.value = rn;
  out.repairs = std::move(scan.repairs);
  if (scan.spaces_fixed) out.repairs.push_back("ocr-space: spaces removed");
  out.raw = detail::encode_utf8(s.substr(start, scan.pos - start));
  out.confidence = out.repairs.empty() ? 1.0 : 0.8;
  return scan.pos;
}

}  // namespace

std::vector<Parsed<RegistrationNumber>> find_registration_numbers(std::string_view text) {
  std::vector<Parsed<RegistrationNumber>> found;
  std::u32string s = detail::decode_utf8(clean_text(text));
  size_t i = 0;
  while (i < s.size()) {
    bool boundary = i == 0 || (!is_digit(s[i - 1]) && !detail::is_latin_letter(s[i - 1]) &&
                               !detail::is_cyrillic_letter(s[i - 1]));
    if (boundary && as_digit(s[i]) != 0) {
      Parsed<RegistrationNumber> candidate;
      size_t end = 0;
      for (size_t len : {8, 5, 2}) {
        end = try_at(s, i, len, candidate);
        if (end) break;
      }
      if (end) {
        found.push_back(std::move(candidate));
        i = end;
        continue;
      }
    }
    ++i;
  }
  return found;
}

Parsed<RegistrationNumber> parse_registration_number(std::string_view text) {
  std::string cleaned = clean_text(text);
  auto found = find_registration_numbers(cleaned);
  Parsed<RegistrationNumber> result;
  result.raw = std::string(text);
  if (found.size() == 1) {
    // The number must be the whole text, bar punctuation around it ("№", ":", ".", quotes).
    size_t at = cleaned.find(found[0].raw);
    bool only_punct = at != std::string::npos;
    for (size_t k = 0; only_punct && k < cleaned.size(); ++k) {
      if (k >= at && k < at + found[0].raw.size()) continue;
      unsigned char c = static_cast<unsigned char>(cleaned[k]);
      only_punct = c >= 0x80 ? cleaned.compare(k, 3, "№") == 0 ||
                                   (k > 0 && cleaned.compare(k - 1, 3, "№") == 0) ||
                                   (k > 1 && cleaned.compare(k - 2, 3, "№") == 0)
                             : !std::isalnum(c);
    }
    if (only_punct) {
      result = std::move(found[0]);
      result.raw = std::string(text);
      return result;
    }
  }
  result.error = found.empty() ? "no registration number" : "not a single registration number";
  return result;
}

}  // namespace declx
