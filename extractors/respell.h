// Words of OCR'd goods descriptions and addresses settled by the Russian dictionary
// (normalizers/spelling.h). OCR of a fax or a worn scan reads one letter for another inside
// a word ("ПРИВОРЫ", "КОРМУСАХ") or splits a word at a speck ("ПРЕОБРАЗОВАТ ЕЛИ"). A word
// the dictionary knows is never changed; one it does not know is changed only when exactly
// one dictionary spelling explains the reading:
//
// 1. Two neighbouring words, one of them unknown, whose letters make exactly one other
//    reading as one word or as two known words (of three letters or more, or one-letter
//    words; the gap moved by at most two letters): "ПРЕОБРАЗОВАТ ЕЛИ" → "ПРЕОБРАЗОВАТЕЛИ",
//    "ПРОМЫШЛЕННОЙА ППАРАТУРЫ" → "ПРОМЫШЛЕННОЙ АППАРАТУРЫ".
// 2. An unknown word of six letters or more with two vowels or more, one letter replaced:
//    the known word a usual OCR confusion (patterns/ocr_letters.tsv: Б/В, П/Н, Г/Е, ...)
//    reaches, when exactly one does ("ПРИВОРЫ" → "ПРИБОРЫ", not "ПРИВОДЫ"); not beside
//    another unknown word of two vowels or more, which makes the two parts of one word split
//    at a line's end ("ПОМЕХОПОДА ВЛЯЮЩИЕ": not "ВАЯЮЩИЕ").
// 3. Ё in a word whose Е spelling is known becomes Е: customs texts print Е, and a speck
//    over Е reads as Ё.
//
// Words run together ("РАССЕИВАЕМОЙМОЩНОСТЬЮ") are not split: compounds the dictionary
// lacks would be too ("АВИАМОТОРНАЯ" → "АВИА МОТОРНАЯ").
// Designations of patterns/designations.tsv (ТРИУМФ, ИСКАНДЕР) count as known words.
// Only words of capitals: Cyrillic ones, Latin look-alikes read for them (A B C E H K M O P
// T X Y) in text that is mostly Cyrillic, nothing else. Abbreviations (ГНСС, ЗРК, ЛВС),
// words with digits or hyphens, and Latin terms (TFT, GAN) are left alone. Each change is
// recorded in `repairs` as "dictionary: READ→WORD".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extractors/patterns.h"
#include "normalizers/spelling.h"

namespace declx {

std::string respell_ocr_words(std::string_view text, const Dictionary& dictionary,
                              const PatternData& patterns, std::vector<std::string>& repairs);

}  // namespace declx
