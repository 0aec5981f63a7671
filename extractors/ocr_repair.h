// Small, safe repairs of OCR'd Russian text in free-text fields (names, addresses,
// descriptions). Each repair is reported; nothing is changed that could be a valid spelling.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace declx {

// - a word ending in "ЫИ", "ОИ" or "АИ" gets "Й" (Й read as И: "КРАСНЫИ" → "КРАСНЫЙ");
//   these endings do not occur in Russian words, "ИИ" (РОССИИ) is left alone;
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
// printed in capitals, a lone lower-case letter that is no one-letter word (а в и к о с у я)
// is a speck too ("РАДИОЛОКАЦИОННОЙ: д МОДУЛИ").
std::string drop_stray_marks(std::string_view text, std::vector<std::string>& repairs);

}  // namespace declx
