// The page model: what every reader produces and every later stage consumes.
// It has the same shape whether words came from a PDF text layer or from OCR, so the
// extractors never need to know which reader ran.
#pragma once

#include <string>
#include <vector>

namespace declx {

// A rectangle in PDF points (1/72 inch) with the origin at the page's top-left corner,
// y growing downwards. Images are mapped to points through their resolution.
struct BBox {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  bool empty() const { return x1 <= x0 || y1 <= y0; }
};

// The smallest box holding both (an empty box is ignored).
BBox unite(const BBox& a, const BBox& b);
// Area of the intersection divided by the area of the smaller box; 0 when disjoint.
double overlap_ratio(const BBox& a, const BBox& b);

enum class PageSource { TextLayer, Ocr };
const char* to_string(PageSource source);  // "text-layer" | "ocr"

struct Word {
  std::string text;  // UTF-8, as read (no normalisation)
  BBox bbox;
  double confidence = 1.0;  // 0..1; text-layer words are 1.0
  PageSource source = PageSource::TextLayer;
};

struct Line {
  BBox bbox;
  std::vector<Word> words;  // left to right
};

struct Block {
  BBox bbox;
  std::vector<Line> lines;  // top to bottom
};

struct Page {
  int number = 0;                // 1-based
  double width = 0, height = 0;  // points
  PageSource source = PageSource::TextLayer;
  // Why this source was chosen, e.g. "healthy text layer", "no text layer",
  // "broken text layer: 61% of letters look like unmapped Cyrillic".
  std::string reason;
  double mean_confidence = 1.0;  // mean word confidence, 0..1
  std::vector<Block> blocks;     // in reading order
};

struct Document {
  std::string path;
  std::string media_type;  // "application/pdf", "image/tiff", ...
  std::vector<Page> pages;
};

}  // namespace declx
