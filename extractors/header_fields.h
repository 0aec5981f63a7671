// Extractors of the declaration's header boxes (one value per document). Each fills its part
// of context.record, with a warning naming the box when it is missing or unreadable.
#pragma once

#include <string>
#include <vector>

#include "extractors/fill.h"

namespace declx {

// The first non-empty box with this number on any page (main sheet first), else the first
// one found, else null.
const BoxContent* find_header_box(const ExtractContext& context, const std::string& box);

void extract_registration_number(ExtractContext& context);  // box A (+ date)
void extract_direction(ExtractContext& context);            // box 1
void extract_countries(ExtractContext& context);            // boxes 15/15a, 16, 17/17a
void extract_delivery_terms(ExtractContext& context);       // box 20
void extract_currency_total(ExtractContext& context);       // box 22
void extract_items_declared(ExtractContext& context);       // box 5
void extract_parties(ExtractContext& context);              // boxes 2, 8, 14 (party.cpp)
void extract_items(ExtractContext& context);                // boxes 31-46 (items.cpp)
// Adds labels for item boxes that OCR lost, where the other items of the document have them
// (relative to box 31), and reassigns words. Needs two or more items with box 31.
void infer_missing_item_labels(ExtractContext& context);
void validate_record(ExtractContext& context);  // validate.cpp

// Shared by items: a code box ("a CN b") and an integer box.
Field<std::string> code_from_box(const BoxContent* box, const std::string& box_name,
                                 std::vector<std::string>* alternatives);
// Settles an ambiguous country code (field.value empty, `alternatives` from the normalizer)
// with the first hint that is one of the alternatives, else with country_prior.tsv; records
// the repair. `hints`: (alpha-2, "box 16 'КИТАЙ'") pairs in order of authority.
void settle_country(Field<std::string>& field, const std::vector<std::string>& alternatives,
                    const std::vector<std::pair<std::string, std::string>>& hints,
                    const PatternData& patterns);
Field<int> integer_from_box(const ExtractContext& context, const BoxContent* box,
                            const std::string& box_name);
// parse_number, then for a box that holds one number whose spaces OCR damaged, two readings,
// each recorded as a repair with confidence at most 0.6: a thousands space lost ("9908
// 965,64" for 9 908 965,64: a first group of 4-6 digits before whole groups of three), and,
// for `money` (boxes 22, 42, 45, 46: two decimals), the decimal comma read as a space ("1 564
// 38" for 1 564,38: a last group of two digits after at least four integer digits). Anything
// else stays unread.
Parsed<double> parse_box_number(const std::string& text, bool money);

}  // namespace declx
