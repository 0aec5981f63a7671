#pragma once
// Customs registration numbers (box A, box 40): CCCCCCCC/DDMMYY/NNNNNNN — office code of 8
// (RU), 5 (BY/KZ/KG) or 2 (AM) digits, filing date, serial of up to 7 digits with an optional
// letter prefix ("Э"). Tolerant to OCR spaces around and inside the parts and to "/" read as
// "1", "I", "l" or "|", with the date validated.

#include <string>
#include <string_view>
#include <vector>

#include "normalizers/dates.h"
#include "normalizers/parsed.h"

namespace declx {

struct RegistrationNumber {
  std::string office;       // digits only
  std::string date_ddmmyy;  // six digits
  std::string serial;       // as printed, incl. a letter prefix (Cyrillic), zero padding kept
  Date date;
  std::string canonical() const;  // office/DDMMYY/serial
  bool operator==(const RegistrationNumber&) const = default;
};

// Parses a text that should hold exactly one registration number (surrounding spaces and
// punctuation allowed).
Parsed<RegistrationNumber> parse_registration_number(std::string_view text);

// Finds every candidate inside a longer text (box A, whole pages), left to right,
// non-overlapping. Only candidates whose date validates are returned.
std::vector<Parsed<RegistrationNumber>> find_registration_numbers(std::string_view text);

}  // namespace declx
