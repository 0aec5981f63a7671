#pragma once
// ТН ВЭД ЕАЭС commodity codes (10 digits; the first 6 are the HS code) and the Common High
// Priority List tier of their HS-6 (patterns/chpl.tsv, loaded once at first use).

#include <string>
#include <string_view>

#include "normalizers/parsed.h"

namespace declx {

struct HsCode {
  std::string digits;  // 10 digits
  std::string hs6() const { return digits.substr(0, 6); }
  std::string chpl_tier;  // "", "1", "2", "3.A", "3.B", "4.A", "4.B"
  bool operator==(const HsCode&) const = default;
};

// Contiguous, 4-2-3-1 grouped, dotted or OCR-respaced ("8529 10 9000") → 10 digits. Fails on
// a count other than 10 digits or an invalid chapter (00, 77, 98, 99).
Parsed<HsCode> parse_hs_code(std::string_view text);

// CHPL tier of an HS-6 code ("" if not listed). Reads patterns/chpl.tsv from
// default_patterns_dir() at first call; throws std::runtime_error if the file is malformed.
std::string chpl_tier(std::string_view hs6);

}  // namespace declx
