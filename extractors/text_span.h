// A line of text built from placed words, remembering which bytes came from which word, so
// that a regex match inside the text can be traced back to its words (page, bbox, confidence).
#pragma once

#include <string>
#include <vector>

#include "extractors/layout.h"

namespace declx {

struct TextSpan {
  std::string text;
  std::vector<size_t> starts;  // byte offset of each word in text
  std::vector<const PlacedWord*> words;

  // Appends a word, separated by `separator` unless the span is empty.
  void append(const PlacedWord* word, const std::string& separator = " ");
  // Words overlapping bytes [begin, end).
  std::vector<const PlacedWord*> words_in(size_t begin, size_t end) const;
  BBox bbox_of(size_t begin, size_t end) const;
  double confidence_of(size_t begin, size_t end) const;
  int page() const { return words.empty() ? 0 : words.front()->page; }
};

TextSpan span_of_line(const std::vector<const PlacedWord*>& line);

}  // namespace declx
