#pragma once
// Weapon-system designations (S-400, 96L6E, Pantsir-S1, ...) found through a lexicon in
// patterns/designations.tsv: one "canonical<TAB>form" per line, '#' comments. Forms are
// matched after folding script, case and dashes, and transliterating by sound (С→S, Н→N,
// Л→L), so "С-400", "C-400", "С400" and "S-400" all hit the same entry.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "normalizers/parsed.h"

namespace declx {

struct DesignationMatch {
  std::string canonical;
  std::string matched_text;
  size_t begin = 0, end = 0;  // byte offsets in the input
};

class DesignationLexicon {
 public:
  // Loads the lexicon; throws std::runtime_error naming the file and line on bad data.
  static DesignationLexicon load(const std::string& path);

  // "C-400" → "S-400"; error when the token is not a known designation.
  Parsed<std::string> canonical(std::string_view token) const;

  // Every designation inside free text, left to right, longest match first.
  std::vector<DesignationMatch> find_all(std::string_view text) const;

  size_t size() const { return by_key_.size(); }

 private:
  std::unordered_map<std::string, std::string> by_key_;  // folded form → canonical
  size_t max_key_tokens_ = 1;
};

// Sound-based Latin key of a designation token: upper case, Cyrillic letters transliterated by
// sound (С→S, Н→N, Л→L, Ь dropped), dashes/spaces removed. "ПАНЦИРЬ-С1" → "PANTSIRS1".
std::string designation_key(std::string_view token);

// $DECLX_PATTERNS if set, else the DECLX_PATTERNS_DIR compile definition.
std::string default_patterns_dir();

}  // namespace declx
