#pragma once
// Decimal numbers as printed in declarations: "1 250,500", "1250.500", "12158.00",
// "141.192000", thousands separated by space, NBSP, U+202F, apostrophe or (when unambiguous)
// by "." / ",". OCR letter-for-digit confusions (О→0, З→3, б→6, l/I→1, S→5, B→8) are repaired
// inside numeric tokens only and reported.

#include <string_view>

#include "normalizers/parsed.h"

namespace declx {

// Parses one number. Fails (error set, no value) on anything that is not a single number.
Parsed<double> parse_number(std::string_view text);

}  // namespace declx
