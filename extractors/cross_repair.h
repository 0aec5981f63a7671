// Cross-field digit repair. Agreements of the declaration exact enough to settle OCR digit
// errors or a lost decimal comma:
//  - box 45 / box 46: the statistical value is the customs value at one USD rate, the same for
//    every item of a declaration ("1 035,59" read as "103559" stands out by a factor of 100,
//    "15 177,27" for 13 177,27 by one digit); when the larger items pin the rate's four quoted
//    decimals, box 46 must be box 45 at it to the cent;
//  - box 42 / box 45 at box 23's rate: the customs value is the price at the rate plus at
//    most a tenth (transport, insurance), for an item whose box 45 box 46 confirms;
//  - box 22 / box 42: the invoice total is the sum of the item prices;
//  - boxes B/47 / the parties' ИНН: the payments carry the payer's ИНН;
//  - box 1 / box 37 and the procedure classifier.
// A value is changed only when exactly one candidate (usual OCR digit confusions, or the
// decimal comma put back) restores the agreement; the change is recorded in the field's
// repairs. A box 46 two confusions from box 45 at a pinned rate is the one value computed
// from another box; an item whose values cannot be reconciled keeps what was read
// (validation reports it).
#pragma once

#include "extractors/fill.h"

namespace declx {

void repair_values_by_cross_checks(ExtractContext& context);

// Exposed for tests: `value` (printed with `decimals`) with one digit replaced by a usual OCR
// confusion (3/5/8, 0/9, 1/7, ...), and, when `comma_lost` (the raw text had no decimal
// separator), with its last two or three digits made decimals; with `lost_or_added`, also
// with one digit put in anywhere or taken out ("979,62" for 3 979,62), as many decimals kept.
std::vector<double> ocr_value_candidates(double value, int decimals, bool comma_lost,
                                         bool lost_or_added = false);

}  // namespace declx
