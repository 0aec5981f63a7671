// Cross-field digit repair of item values. Two agreements of the declaration are exact enough
// to settle a single OCR digit error or a lost decimal comma:
//  - box 45 / box 46: the statistical value is the customs value at one USD rate, the same for
//    every item of a declaration ("1 035,59" read as "103559" stands out by a factor of 100,
//    "15 177,27" for 13 177,27 by one digit);
//  - box 22 / box 42: the invoice total is the sum of the item prices.
// A value is changed only when exactly one candidate (a usual OCR digit confusion at one
// position, or the decimal comma put back) restores the agreement; the change is recorded
// in the field's repairs. Nothing is computed from the other box: an item whose values
// cannot be reconciled keeps what was read (validation reports it).
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
