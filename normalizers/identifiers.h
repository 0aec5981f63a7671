#pragma once
// Russian taxpayer and registry identifiers with their check digits. When a check fails and
// exactly one substitution of one digit by an OCR confusion (0/8/6/9, 1/7, 3/8, 5/6, ...)
// makes it pass, the value is repaired and the repair reported; otherwise the raw digits are
// kept with `error` naming the failed check (value present, confidence low).

#include <string>
#include <string_view>
#include <vector>

#include "normalizers/parsed.h"

namespace declx {

Parsed<std::string> parse_inn(std::string_view text);     // 10 or 12 digits
Parsed<std::string> parse_kpp(std::string_view text);     // \d{4}[0-9A-Z]{2}\d{3}
Parsed<std::string> parse_ogrn(std::string_view text);    // 13 digits
Parsed<std::string> parse_ogrnip(std::string_view text);  // 15 digits

bool inn_valid(std::string_view digits);  // 10 or 12 digits

// The digits OCR confuses with `digit` ('0'..'9') in print: 0/8/6/9, 1/7, 3/8, 5/6 and what
// Tesseract did on rendered identifiers, symmetric. Empty for anything else. The identifier
// repairs above and the extractors' cross-field digit repairs use this one table.
std::string_view ocr_digit_confusions(char digit);
// `text` with one of its digits replaced by one of its confusions, every way (other
// characters kept): the candidates the digit repairs check against a rule.
std::vector<std::string> ocr_digit_variants(std::string_view text);
// How many digits `read` differs from `meant` in, when each differing digit is a usual OCR
// confusion of the one read; -1 when the lengths differ or a differing digit is no usual
// confusion.
int ocr_confused_digits(std::string_view read, std::string_view meant);
bool ogrn_valid(std::string_view digits);
bool ogrnip_valid(std::string_view digits);

}  // namespace declx
