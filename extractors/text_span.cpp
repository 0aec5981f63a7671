#include "extractors/text_span.h"

namespace declx {

void TextSpan::append(const PlacedWord* word, const std::string& separator) {
  if (!text.empty()) text += separator;
  starts.push_back(text.size());
  words.push_back(word);
  text += word->text;
}

std::vector<const PlacedWord*> TextSpan::words_in(size_t begin, size_t end) const {
  std::vector<const PlacedWord*> out;
  for (size_t i = 0; i < words.size(); ++i) {
    size_t word_begin = starts[i], word_end = starts[i] + words[i]->text.size();
    if (word_begin < end && word_end > begin) out.push_back(words[i]);
  }
  return out;
}

BBox TextSpan::bbox_of(size_t begin, size_t end) const {
  BBox box;
  for (const PlacedWord* word : words_in(begin, end)) box = unite(box, word->bbox);
  return box;
}

double TextSpan::confidence_of(size_t begin, size_t end) const {
  auto in = words_in(begin, end);
  if (in.empty()) return 0;
  double sum = 0;
  for (const PlacedWord* word : in) sum += word->confidence;
  return sum / static_cast<double>(in.size());
}

TextSpan span_of_line(const std::vector<const PlacedWord*>& line) {
  TextSpan span;
  for (const PlacedWord* word : line) span.append(word);
  return span;
}

}  // namespace declx
