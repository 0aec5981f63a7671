#pragma once
// Currencies (ISO 4217 via ICU ucurr_*) and delivery terms (Incoterms 2010/2020 + place),
// both closed vocabularies matched look-alike-aware ("Ц50" → USD, "ЕСА" → FCA).

#include <string>
#include <string_view>

#include "normalizers/parsed.h"

namespace declx {

// Alpha-3, numeric (840), Russian names ("доллар США") → alpha-3.
Parsed<std::string> parse_currency(std::string_view text);

struct DeliveryTerms {
  std::string incoterm;  // EXW FCA FAS FOB CFR CIF CPT CIP DAP DPU DAT DDP
  std::string place;     // cleaned, may be empty
  bool operator==(const DeliveryTerms&) const = default;
};

// "ЕСА ПЕКИН" → FCA + ПЕКИН. The first token is the term; the rest is the place. Box 20 may
// also carry a leading digit code ("FCA ПЕКИН 1"): trailing lone digits are dropped.
Parsed<DeliveryTerms> parse_delivery_terms(std::string_view text);

}  // namespace declx
