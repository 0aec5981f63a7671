// Layout stage: finds the declaration's box labels on a page and assigns every other word
// to the box whose region holds it. Works on the page model only, so text-layer and OCR
// pages are treated alike; skew up to a few degrees is removed by measuring the slope of the
// text lines and comparing positions in de-skewed coordinates.
#pragma once

#include <string>
#include <vector>

#include "extractors/patterns.h"
#include "readers/page_model.h"

namespace declx {

// A word with its position in de-skewed page coordinates (x, y as printed; y corrected by
// the measured slope). `bbox` stays the reader's box, for evidence.
struct PlacedWord {
  std::string text;
  BBox bbox;     // as read
  BBox aligned;  // de-skewed
  double confidence = 1;
  int page = 0;
  int row = -1;  // index into PageLayout::rows
  // From a second OCR of its box's region (extractors/reread.h), not from the page pass.
  bool reread = false;
  // Replaced by a re-reading of its box: belongs to no box any more.
  bool superseded = false;
};

// One found label: the words it used and the spelling that matched.
struct LabelHit {
  std::string box;  // "8", "15a"
  const LabelSpelling* spelling = nullptr;
  BBox aligned;           // union of the label words, de-skewed
  BBox bbox;              // as read
  size_t distance = 0;    // edit distance of the match (0 = exact)
  bool numbered = false;  // the box number was printed and matched
  bool inferred = false;  // not read: placed where the other items of the form have it
  // Only the printed box number was read (the caption words are damaged); taken as the
  // caption because it sits where the form's grid has that box (extractors/grid.h).
  bool anchored = false;
  // Box 31 whose caption was lost with every other caption of its item, placed above the
  // item's first description row ("1) МУЛЬТИМЕТРЫ ... 5 9030.52.000.9"); also `inferred`.
  bool first_row = false;
  int row = -1;
};

// The words assigned to one labelled box, in reading order (rows top to bottom).
struct BoxContent {
  LabelHit label;
  BBox region;  // de-skewed area the box covers
  std::vector<std::vector<const PlacedWord*>> lines;

  bool empty() const { return lines.empty(); }
  // Lines joined by '\n', words by ' '.
  std::string text() const;
  std::vector<std::string> line_texts() const;
  // Union of the read bboxes of every word.
  BBox bbox() const;
  double mean_confidence() const;
};

struct PageLayout {
  int page = 0;
  bool ocr = false;       // the page's words came from OCR (only such pages are re-read)
  double skew_slope = 0;  // dy/dx of text lines (tan of the skew angle)
  double page_width = 0, page_height = 0, line_height = 10;
  std::vector<PlacedWord> words;          // every word of the page
  std::vector<std::vector<size_t>> rows;  // word indexes per text row, left to right
  std::vector<LabelHit> labels;
  std::vector<BoxContent> boxes;    // one per label, same order as labels
  std::vector<bool> is_label_word;  // per word

  // Boxes with this number, top to bottom then left to right.
  std::vector<const BoxContent*> find(const std::string& box) const;
  const BoxContent* first(const std::string& box) const;
  // The text of a row of words, joined by spaces.
  std::string row_text(size_t row) const;
};

// Measures the skew, groups words into rows, finds labels and assigns words to boxes.
// Cost: O(words x label spellings) for label search; a page takes well under 10 ms.
PageLayout analyse_layout(const Page& page, const PatternData& patterns);

// (Re)computes every box's region from layout.labels and assigns the words: a box reaches
// right to the next label on its row and down to the next label below within that span; a
// word belongs to the box with the nearest label above-left whose region holds it. Call again
// after adding labels (e.g. inferred ones).
void assign_words_to_boxes(PageLayout& layout);

// Completes a label that was placed, not read (hit.aligned set, in deskewed coordinates):
// its bbox on the page as printed (skew put back) and the text row nearest its centre.
void place_inferred_label(const PageLayout& layout, LabelHit& hit);

// Slope (dy/dx) of text lines on the page: the median over lines with at least two words
// spread over enough width; 0 when nothing can be measured.
double estimate_skew(const Page& page);

}  // namespace declx
