#pragma once
// Organisation names: legal form separated (Russian ООО/АО/... and foreign CO., LTD / INC /
// LLC / LTD STI, also in Cyrillic transliteration «КО., ЛТД»), a canonical comparison key and
// a Latin transliteration (ICU Russian-Latin/BGN, post-processed to plain ASCII).
// Legal forms are data: patterns/legal_forms.tsv.

#include <string>
#include <string_view>

#include "normalizers/parsed.h"

namespace declx {

struct OrgName {
  std::string name;        // cleaned, without legal form, quotes removed
  std::string legal_form;  // canonical form, e.g. "АО", "ООО", "CO., LTD", "" if none found
  std::string key;    // fold_for_compare of name (upper, Ё→Е, homoglyphs) minus punctuation
                      // other than "-" and "&"
  std::string latin;  // ASCII transliteration of name ("KONTSERN VKO ALMAZ-ANTEY")
  bool operator==(const OrgName&) const = default;
};

Parsed<OrgName> parse_org_name(std::string_view text);

// Russian → Latin, BGN/PCGN-like (Ц→TS, Й→Y, Х→KH, Щ→SHCH, Ь/Ъ dropped), upper-case ASCII.
std::string transliterate_to_latin(std::string_view text);

}  // namespace declx
