#include "readers/page_model.h"

#include <algorithm>

namespace declx {

BBox unite(const BBox& a, const BBox& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

double overlap_ratio(const BBox& a, const BBox& b) {
  if (a.empty() || b.empty()) return 0;
  double w = std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
  double h = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  if (w <= 0 || h <= 0) return 0;
  double smaller = std::min(a.width() * a.height(), b.width() * b.height());
  return w * h / smaller;
}

const char* to_string(PageSource source) {
  return source == PageSource::Ocr ? "ocr" : "text-layer";
}

}  // namespace declx
