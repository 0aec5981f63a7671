// Small, safe repairs of OCR'd Russian text in free-text fields (names, addresses,
// descriptions). Each repair is reported; nothing is changed that could be a valid spelling.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extractors/patterns.h"

namespace declx {

// - a word ending in "ЫИ", "ОИ" or "АИ" gets "Й" (Й read as И: "КРАСНЫИ" → "КРАСНЫЙ");
//   these endings do not occur in Russian words, "ИИ" (РОССИИ) is left alone; so does
//   "ОИН", "ЕИН", "АИН" before an adjective ending ("МНОГОСЛОИНЫЕ" → "МНОГОСЛОЙНЫЕ");
// - "..", ".," doubled punctuation collapsed; tokens that hold no letter or digit and are
//   not punctuation a value uses ("_", "|") removed;
// - a leading legal form read with zeros ("000", "0АО", "А0") gets its letters back.
std::string repair_ocr_text(std::string_view text, std::vector<std::string>& repairs,
                            bool legal_form_first = false);

// In Russian text (more Cyrillic letters than Latin), a word OCR read entirely as Latin look-alikes
// is given its Cyrillic letters back: "TPAH3UCTOPbI" → "ТРАНЗИСТОРЫ", "JIOMOM" → "ЛОМОМ". Only
// words of four or more characters that carry a sign no Latin word has (a 3 between letters,
// U, "bI", "JI", a lower-case b) and whose every character has a Cyrillic look-alike; Latin
// terms (MOSFET, GAN, TFT) are left alone.
std::string cyrillize_lookalike_words(std::string_view text, std::vector<std::string>& repairs);

// Box 31: a lone punctuation mark between spaces (":", "‘", a quote) is a speck, and a lone
// "©" is the letter С ("БОЛТЫ ... © РЕЗЬБОЙ"). Marks attached to words are kept. In text
// printed in capitals, a lone lower-case letter that is no one-letter word (а в и к о с у я),
// or any lone lower-case letter ending the text, is a speck too ("РАДИОЛОКАЦИОННОЙ: д
// МОДУЛИ", "КРОНШТЕЙНЫ a"); so are two lower-case Latin letters amid Cyrillic capitals
// ("ФИКСАТОРЫ, ae") unless their look-alikes make a Russian two-letter word ("no" → ПО).
// Not after a number: "30 мм", "125 Вт" are units. Lone brackets are specks; a lone low
// quote "‚" after a word is its comma.
std::string drop_stray_marks(std::string_view text, std::vector<std::string>& repairs);

// Read by OCR, a parenthesis is often a curly brace: "{ФЛЭШ-ПАМЯТЬ}", "(MOSFET}". Goods
// descriptions hold no braces, so a brace that opens or closes a word becomes the parenthesis.
std::string settle_braces(std::string_view text, std::vector<std::string>& repairs);

// In Russian text, a word OCR read as Cyrillic look-alikes of a Latin technical term
// (fields.tsv:latin_term: TFT, GAN, MOSFET, DC/DC ...) gets the term back: "ТЕТ" → "TFT"
// (F read as Е), "(МОЗЕЕТ)" → "(MOSFET)", "0С/ОС" → "DC/DC". Every character must be a
// look-alike or a usual OCR confusion of the term's letter (F→Е, G→С/б, N→М/И, S→З/5,
// D→О/0, O→0, I→1), at least one of them a confusion that is no look-alike (a word of
// look-alikes alone is how it was printed), and exactly one term must come out. A Russian
// word that reads as a term (fields.tsv:latin_term_word: САМ for GAN) is taken for the term
// only where it ends a statement (before ',', ';', '.', ')' or the end), never before
// another word, which may be its own continuation ("САМ ОЛЕТА"). Without the pattern in
// fields.tsv nothing changes.
std::string latinize_technical_terms(std::string_view text, const PatternData& patterns,
                                     std::vector<std::string>& repairs);

}  // namespace declx
