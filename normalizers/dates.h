#pragma once
// Calendar dates in the forms declarations use, validated (month 1-12, real day of month).

#include <string>
#include <string_view>

#include "normalizers/parsed.h"

namespace declx {

struct Date {
  int year = 0, month = 0, day = 0;
  std::string iso() const;  // "YYYY-MM-DD"
  bool operator==(const Date&) const = default;
};

// True if year/month/day form a real Gregorian date (year 1900-2099).
bool date_valid(int year, int month, int day);

// DD.MM.YYYY, DD.MM.YY, DD/MM/YYYY, DD-MM-YYYY, DDMMYY, DDMMYYYY, YYYY-MM-DD and
// "15 марта 2022 г." (genitive or nominative month names, any case; also Latin look-alike
// damage). Two-digit years map to 20YY (1970-1999 for YY ≥ 70). OCR digit confusions are
// repaired and reported.
Parsed<Date> parse_date(std::string_view text);

// DDMMYY (exactly six digits) → Date; nullopt if not a valid date.
std::optional<Date> parse_ddmmyy(std::string_view six_digits);

}  // namespace declx
