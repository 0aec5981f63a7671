#pragma once
// Internal helpers shared by the normalizer sources (not part of the public API):
// UTF-8 decoding/encoding, OCR confusion tables and a look-alike-aware matcher for closed
// vocabularies (currency codes, Incoterms, country codes).

#include <string>
#include <string_view>
#include <vector>

namespace declx::detail {

// Decodes UTF-8; invalid sequences become U+FFFD.
std::u32string decode_utf8(std::string_view text);
void append_utf8(std::string& out, char32_t c);
std::string encode_utf8(std::u32string_view text);
// "U+0410 'А'"-style description for repair messages: just the character in quotes.
std::string describe(char32_t c);

bool is_ascii(std::string_view text);
inline bool is_digit(char32_t c) {
  return c >= '0' && c <= '9';
}
bool is_cyrillic_letter(char32_t c);
bool is_latin_letter(char32_t c);

// The digit an OCR engine may have read as this letter inside a numeric token (О→0, З→3,
// б→6, l/I→1, S→5, B→8), or 0 if none.
char32_t ocr_digit_for(char32_t c);

// Maps OCR letter confusions to digits in a token that is mostly digits; appends repairs
// ("ocr-digit: З→3"). Returns false (token untouched) if the token has no real digit or
// holds a letter with no digit counterpart.
bool repair_digits(std::u32string& token, std::vector<std::string>& repairs);

// Removes OCR debris around a value: spaces and the punctuation Tesseract puts at the edges of
// a field (` ' " ‚ ‘ ’ “ ” ° | . , : ; - — _ ~ * • · > < [ ] ( ) !). Keeps a leading '-' when
// keep_minus and a digit follows. Works on cleaned (clean_text) UTF-8.
std::string_view strip_junk(std::string_view text, bool keep_minus = false);

// Look-alike-aware match of `token` against a closed vocabulary of upper-case ASCII codes.
// Per character: equal = 0; Cyrillic look-alike of the Latin letter = 0 (recorded as a script
// repair); digit read for a letter = 0.5; a known OCR letter confusion = 1. Other differences
// and length differences do not match. Returns every vocabulary entry within 0.5 of the minimal
// cost (ambiguity is reported, not guessed) if that cost ≤ max_cost; repairs are for best[0].
struct ClosedMatch {
  std::vector<std::string> best;     // entries at minimal cost
  double cost = 0;                   // that cost
  std::vector<std::string> repairs;  // for best[0]
};
ClosedMatch match_closed(std::u32string_view token, const std::vector<std::string>& vocabulary,
                         double max_cost);

// Reads a TSV data file from the patterns directory: skips blank lines and '#' comments,
// splits each line on tabs. Throws std::runtime_error naming the file and line when a line has
// fewer than `min_fields` non-empty fields, or when the file cannot be opened.
struct TsvRow {
  int line = 0;
  std::vector<std::string> fields;
};
std::vector<TsvRow> read_tsv(const std::string& path, size_t min_fields);

}  // namespace declx::detail
