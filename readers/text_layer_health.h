// Is a page's PDF text layer fit to use, or must the page be OCR'd?
//
// The asymmetry drives every threshold here: a false "broken" costs one OCR pass (~2 s),
// a false "healthy" feeds garbage to every later stage. So doubt means "broken". Checks,
// in order, each with the reason it reports:
//   - "no text layer": no words at all.
//   - "text layer too thin": fewer than kMinLetters letters on the page (a stamp, a page
//     number or a scanner's invisible header is not the page's content).
//   - "broken text layer: N% replacement/private-use/control characters": glyphs with no
//     Unicode map come out as U+FFFD, private-use code points (U+E000..U+F8FF, planes
//     15-16) or C0/C1 controls. More than 2% of characters of these kinds means broken.
//   - "broken text layer: N% of words look like cp1251 mojibake": Cyrillic bytes decoded
//     as Latin-1 give words made of À-ÿ letters ("Íàëîãîâàÿ"). Real Western text uses
//     those letters sparsely inside mostly-ASCII words; a word of >= 3 letters that is
//     mostly Latin-1 Supplement letters is mojibake. More than 10% of such words: broken.
//   - "broken text layer: N% of Latin words look like unmapped Cyrillic": a Cyrillic font
//     without a ToUnicode map often yields the Latin look-alike of each glyph
//     («Налоговая» → "Hanorosas"). A declaration is a Russian form, so a page whose
//     letters are mostly Latin is suspect; each Latin word is scored by how English-like
//     it is (a list of common English/trade words, vowel ratio, and letter bigrams that
//     are rare in English but common in transliterated look-alike garbage such as "oo",
//     "rr" in odd positions, or words made only of letters that have Cyrillic
//     look-alikes: a, c, e, o, p, x, y, H, B, K, M, T ...). A page with a clear Cyrillic
//     majority passes; a page that is mostly Latin passes only if most of its Latin words
//     look like English.
// A genuinely English page therefore still passes, while a Cyrillic page whose glyphs
// decode to Latin shapes does not.
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
