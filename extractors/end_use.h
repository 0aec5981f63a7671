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

// Box 31: a word that is a lexicon term (a designation of designations.tsv, or a one-word
// phrase of end_use.tsv such as ЗРС, ГОЗ) read with OCR confusions that no print uses is
// written as the term: "3PC" → "ЗРС", "96/16E" → "96Л6E", "TPUYMO" → "ТРИУМФ", "5П85СЕ?" →
// "5П85СЕ2". At most two confusions per word (З/3, О/0/Ф, Л read as "/1" or "JI", И read
// as U, 2 read as '?', 6 read as б, 9 read as Э), and only where exactly one term comes out;
// a word that already reads as a term, a word without a letter ("96/16"), or one that
// nothing turns into a term is left as it is. Latin and Cyrillic look-alikes alone (C-400
// with a Latin C) are how documents print, not damage.
// Each change is recorded in `repairs`.
std::string spell_lexicon_terms(std::string_view text, const PatternData& patterns,
                                std::vector<std::string>& repairs);

// Box 31 of an OCR'd page: ':' and ';' differ by a comma's tail, which faxes and worn scans
// lose or add. Descriptions use them for different things: a colon after the class of goods
// introduces what they are ("ЧАСТИ АППАРАТУРЫ РАДИОЛОКАЦИОННОЙ: МОДУЛИ ..."), a semicolon sets
// off a statement of its own such as the end use ("... БЕЗ НИХ; ПРОДУКЦИЯ НЕ ВОЕННОГО
// НАЗНАЧЕНИЯ"). A colon after a word whose next four words (before a comma) start an
// end-use note (find_end_use_notes) is written ';'. A semicolon is written ':' only where a
// heading's colon stands: the description's first mark, with no end-use note in the clause
// after it (up to the next comma or semicolon), and the words after it not opening like one
// (ДЛЯ, В, the first word of a lexicon phrase: "ГРАЖДАНСКОГО мени" is a damaged note). A '!'
// after a word, which no description prints, is either mark misread and is settled the same
// way ("ЖИДКОКРИСТАЛЛИЧЕСКИЕ! МОДУЛИ" → ':'); where neither rule applies it stays. Each change
// is recorded in `repairs`. Text layers keep their marks (the caller's choice).
std::string settle_clause_marks(std::string_view text, const PatternData& patterns,
                                std::vector<std::string>& repairs);

}  // namespace declx
