// The compiled contents of a patterns directory (see extract.h, class Patterns).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "normalizers/designations.h"
#include "normalizers/distance.h"

namespace declx {

// One spelling of a box label from labels.tsv.
struct LabelSpelling {
  std::string box;          // "8", "15a", "B"
  std::string text;         // as written in the file
  std::u32string letters;   // folded letters and digits only
  std::u32string skeleton;  // label_skeleton(letters), for fuzzy comparison
  size_t word_count = 0;    // words in `text`
  int line = 0;             // line in labels.tsv (explain)
};

// One phrase of end_use.tsv.
struct EndUsePhrase {
  enum class Kind { Military, Civil, Dual, Negator, Contract };
  Kind kind = Kind::Military;
  std::string text;                   // as written
  std::vector<std::u32string> words;  // folded; a stem keeps no trailing '*'
  std::vector<bool> stem;             // per word: prefix match
  int line = 0;
};

struct PatternData {
  std::vector<LabelSpelling> labels;
  std::vector<EndUsePhrase> end_use;
  std::map<std::string, std::unique_ptr<RE2>> fields;  // fields.tsv, by name
  std::optional<DesignationLexicon> designations;      // absent if designations.tsv missing
  std::vector<std::string> country_prior;  // country_prior.tsv: most frequent first (optional)
  std::set<std::string> procedures;        // procedures.tsv: customs procedure codes (optional)
  // Caption slot of a box in the printed form's grid (item_grid.tsv, header_grid.tsv):
  // rows in units of the grid's row height, columns measured on the page.
  struct GridSlot {
    double row = 0;
    int column = 0;
    // Optional (-1: none): where the column sits between the column given x 0 and the one
    // given x 1, as the printed form has it; used only when no caption on the page measures
    // the column.
    double x = -1;
  };
  std::map<std::string, GridSlot> item_grid;    // item_grid.tsv (optional)
  std::map<std::string, GridSlot> header_grid;  // header_grid.tsv (optional)
  // description_stops.tsv (optional): label skeletons of box-31 sub-entry captions.
  std::vector<std::u32string> description_stops;
  // address_tokens.tsv (optional): OCR readings of address abbreviations.
  struct AddressToken {
    std::string read, printed;
    bool before_number = false;
  };
  std::vector<AddressToken> address_tokens;
  // reread.tsv (optional): boxes OCR'd again when the page pass left them unreadable.
  struct RereadBox {
    // Latin: not a value check; words of the box read in Cyrillic amid Latin ones are read
    // again, and kept from the second reading only if it is Latin.
    enum class Check { Number, Count, Hs, Country, CountryName, Amount, Latin };
    Check check = Check::Number;
    std::string charset;  // empty: any character
  };
  std::map<std::string, RereadBox> reread;
  // ocr_letters.tsv (optional): letters OCR reads for one another, both orders
  // (extractors/respell.h).
  std::set<std::pair<char32_t, char32_t>> ocr_letters;

  // The compiled pattern `name` from fields.tsv; throws std::out_of_range if missing.
  const RE2& field(const std::string& name) const;
};

// Exposed for tests: the folded letter/digit sequence used for label and lexicon matching
// (case and homoglyph fold, punctuation and spaces dropped, Ё→Е).
std::u32string fold_letters(std::string_view text);
// Collapses letters OCR confuses in small print (п/л/и/n, ь/в/б/b, у/ч/y, т/m, ...) into one
// class each, for matching box labels: "Nonysatenb" and "ПОЛУЧАТЕЛЬ" get the same skeleton.
// Input: fold_letters output.
std::u32string label_skeleton(const std::u32string& folded);
// UTF-8 <-> code points.
std::u32string to_u32(std::string_view utf8);
std::string to_utf8(const std::u32string& text);

}  // namespace declx
