#pragma once
// ТН ВЭД ЕАЭС commodity codes (10 digits; the first 6 are the HS code), the HS 2022
// subheadings their first six digits must be (patterns/hs6.tsv) and the Common High Priority
// List tier of their HS-6 (patterns/chpl.tsv); both files are loaded once at first use.

#include <string>
#include <string_view>
#include <vector>

#include "normalizers/parsed.h"

namespace declx {

struct HsCode {
  std::string digits;  // 10 digits
  std::string hs6() const { return digits.substr(0, 6); }
  std::string chpl_tier;  // "", "1", "2", "3.A", "3.B", "4.A", "4.B"
  bool operator==(const HsCode&) const = default;
};

// Contiguous, 4-2-3-1 grouped, dotted or OCR-respaced ("8529 10 9000") → 10 digits. Fails on
// a count other than 10 digits or an invalid chapter (00, 77, 98, 99). When the first six
// digits are no HS 2022 subheading, the one usual OCR digit confusion (ocr_digit_confusions)
// that gives a subheading is taken and reported ("9630320009" → 9030320009); with several
// such confusions, or none, the code is kept as read with `error` saying so and low
// confidence, the candidates' codes in `alternatives`.
Parsed<HsCode> parse_hs_code(std::string_view text);

// Whether `hs6` (six digits) is an HS 2022 subheading. True for any six digits when
// patterns/hs6.tsv is absent (the check is then off); throws std::runtime_error if the file
// is malformed.
bool hs6_known(std::string_view hs6);
// Whether patterns/hs6.tsv was found (hs6_known checks anything).
bool hs6_list_present();
// The HS 2022 subheadings one usual OCR digit confusion away from `hs6`.
std::vector<std::string> hs6_neighbours(std::string_view hs6);

// CHPL tier of an HS-6 code ("" if not listed). Reads patterns/chpl.tsv from
// default_patterns_dir() at first call; throws std::runtime_error if the file is malformed.
std::string chpl_tier(std::string_view hs6);

}  // namespace declx
