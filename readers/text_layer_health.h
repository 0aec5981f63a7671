// Is a page's PDF text layer fit to use, or must the page be OCR'd?
//
// The asymmetry drives every threshold here: a false "broken" costs one OCR pass (~2 s),
// a false "healthy" feeds garbage to every later stage. So doubt means "broken". Checks,
// in order, each with the reason it reports:
//   - "no text layer": no characters at all.
//   - "broken text layer: N% replacement, private-use or control characters": glyphs with
//     no Unicode map come out as U+FFFD, private-use code points, C0/C1 controls or
//     unassigned code points. More than 2% of all characters: broken.
//   - "text layer too thin (N letters)": fewer than kMinLetters letters (a page number or
//     a scanner's invisible header is not the page's content).
//   - "broken text layer: N% of words look like cp1251 mojibake": Cyrillic bytes decoded
//     as Latin-1 give words of À-ÿ letters ("Íàëîãîâàÿ"). Western text uses those letters
//     sparsely; a word of 3+ letters that is 60%+ Latin-1 letters is mojibake. Over 10% of
//     words: broken.
//   - "broken text layer: N% of words mix Cyrillic and Latin letters": over 20% of words.
//   - "broken text layer: N% of Latin words change case inside the word": a Cyrillic font
//     without a ToUnicode map often yields Latin look-alikes of each glyph, with case
//     chosen by shape («поставки» → "nocTaBkn", «Налоговая» → "Hanorosas"). English has
//     few lower→upper changes inside words ("GmbH", "iPhone"). On a page at least 30%
//     Latin, at least 3 such words of 4+ letters and over 10% of Latin words: broken.
//   - "broken text layer: N% of letters are Latin but only M% of Latin words are English":
//     a declaration is a Russian form, so a Latin majority is believed only when it reads
//     like English: at least 15% of its Latin words are English function words ("the",
//     "of", "and" ...; not "no" or "a", which «по» and «а» decode to), or at least half
//     are known English/trade words ("invoice", "ltd", "fca" ...).
// A genuine English page (prose, or a form of mostly known trade words) therefore passes,
// while a Cyrillic page whose glyphs decode to Latin shapes does not. Known gap: a page of
// Latin names and codes only (no function words) is sent to OCR, which only costs time.
#pragma once

#include <string>
#include <string_view>

#include "readers/page_model.h"

namespace declx {

struct TextLayerHealth {
  bool healthy = false;
  std::string reason;  // "healthy text layer", "no text layer", "broken text layer: ..."
  // Counts behind the verdict, for diagnostics and tests.
  int letters = 0, cyrillic_letters = 0, latin_letters = 0, suspicious_characters = 0;
  int words = 0, latin_words = 0, garbled_words = 0;
};

// Minimum letters for a text layer to count as the page's content.
inline constexpr int kMinLetters = 20;

// Judges the words of one page. Pure function of the text; cheap (linear in its length).
TextLayerHealth judge_text_layer(const Page& page);

// The same judgement on plain UTF-8 text (words separated by white space).
TextLayerHealth judge_text(std::string_view utf8_text);

}  // namespace declx
