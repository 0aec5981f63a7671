#pragma once
// Countries → ISO 3166-1 alpha-2. Names come from ICU locale data (Russian and English
// display names of every ISO country), plus customs spellings ICU lacks
// (patterns/countries_extra.tsv); numeric codes from Debian iso-codes
// (/usr/share/iso-codes/json/iso_3166-1.json) when installed.

#include <string>
#include <string_view>

#include "normalizers/parsed.h"

namespace declx {

// Names (RU/EN, any case, look-alike damage folded), alpha-2, alpha-3, numeric → alpha-2.
// Unknown → error; ambiguous OCR damage → alternatives, no value. When the text is a name
// damaged by OCR and `matched_name` is given, it receives the name it was recognised by
// (upper case, "ОБЪЕДИНЕННЫЕ АРАБСКИЕ ЭМИРАТЫ" for "ОБЪЕДИНЕННЫЕ APABCKME ЭМИРАТЫ"); it is
// left as it was otherwise.
Parsed<std::string> parse_country(std::string_view text, std::string* matched_name = nullptr);

// A name cut short in a narrow box or abbreviated ("КИТ.", "КИТ" for КИТАЙ): one word of three
// letters or more, with or without a closing '.' or ',', that starts the names of exactly one
// country. `matched_name` receives that name (upper case). Anything else is an error.
Parsed<std::string> parse_country_name_start(std::string_view text,
                                             std::string* matched_name = nullptr);

// For code boxes (11, 15a, 17a, 34): the closed set of alpha-2 codes plus "EU" and "00".
// Cyrillic look-alikes are mapped to Latin; when several codes are equally close
// ("СМ" → CN or CM) the candidates are returned as alternatives, not guessed.
Parsed<std::string> parse_country_code(std::string_view text);

// Russian display name of an alpha-2 code via ICU ("CN" → "Китай"); "" if unknown.
std::string country_name_ru(std::string_view alpha2);

// ISO alpha-3 ("CN" → "CHN") via ICU; "" if unknown.
std::string country_alpha3(std::string_view alpha2);

}  // namespace declx
