// End-use notes: statements in goods descriptions about what the goods are for, found with
// the lexicon in end_use.tsv (phrases, stems, negations, contract markers) and the weapon
// designations of designations.tsv. Tolerant to inflection (stems), one damaged letter in
// long words, and mixed Latin/Cyrillic script (words are homoglyph-folded before matching).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extractors/patterns.h"
#include "extractors/record.h"

namespace declx {

struct EndUseSpan {
  EndUseNote note;            // text, system, military, negated, contract_id, matched
  size_t begin = 0, end = 0;  // byte range of note.text inside the searched text
};

// Splits `text` into statements (at ';', ',', sentence-ending '.', and element prefixes such
// as "2)") and returns one note per statement that holds an end-use phrase, a designation or a
// contract id. A civil phrase ("НЕ ВОЕННОГО НАЗНАЧЕНИЯ", "ГРАЖДАНСКОГО НАЗНАЧЕНИЯ") or a
// negator right before a military phrase makes the note negated and never military.
std::vector<EndUseSpan> find_end_use_notes(std::string_view text, const PatternData& patterns);

}  // namespace declx
