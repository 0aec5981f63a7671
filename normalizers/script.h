#pragma once
// Script repair: OCR and typists mix Latin and Cyrillic look-alike letters ("AO" typed with
// Latin A and O inside Russian text, "C-400" with a Latin C, "СМ" read for "CM"). repair_script
// decides per token which script was meant and folds look-alikes into it, using ICU's
// confusables data (USpoofChecker skeletons) to find the counterpart letter.

#include <string>
#include <string_view>
#include <vector>

namespace declx {

// What the field is known to contain; Auto decides per token from the token itself.
enum class FieldScript {
  Auto,      // majority script of the token's letters wins; ties keep the token
  Cyrillic,  // Russian-language field (names, addresses): Latin look-alikes → Cyrillic
  Latin,     // Latin-only field (foreign names): Cyrillic look-alikes → Latin
  Code       // codes/numbers: Latin letters + digits; Cyrillic look-alikes → Latin
};

struct ScriptRepair {
  std::string text;  // the repaired text (tokens rejoined with original spacing)
  std::vector<std::string>
      repairs;  // one entry per changed letter, e.g. "script: Latin A→Cyrillic А"
};

// Repairs every whitespace-separated token of `text` independently. A token whose letters are
// all in one script, or whose letters from the other script have no look-alike counterpart,
// is left alone (a repair that would not make the token single-script is not made).
ScriptRepair repair_script(std::string_view text, FieldScript field = FieldScript::Auto);

// The look-alike counterpart of one code point in the other script (Latin A ↔ Cyrillic А,
// ...), or 0 if it has none. Derived from ICU confusables at first use.
char32_t latin_lookalike_of_cyrillic(char32_t cyrillic);
char32_t cyrillic_lookalike_of_latin(char32_t latin);

// Capitals only (А В Е К М Н О Р С Т Х У ↔ A B E K M H O P C T X Y): every capital with a
// look-alike in the other script written in that script, anything else kept. For codes
// and words compared in one script after OCR mixed the two ("СМ" for CN, "TPИYMФ").
std::u32string latin_capitals(std::u32string text);
std::u32string cyrillic_capitals(std::u32string text);

// How many letters of `text` are Cyrillic (А-я, Ё, ё) and how many basic Latin (A-Z, a-z):
// which script a line or description is written in.
struct LetterCounts {
  size_t cyrillic = 0, latin = 0;
};
LetterCounts count_letters(std::u32string_view text);

}  // namespace declx
