// Builds page models by hand for extractor tests: no reader, no OCR. Each `line` call adds
// one text line whose words get widths proportional to their length.
#pragma once

#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "extractors/extract.h"
#include "extractors/patterns.h"
#include "readers/page_model.h"

namespace declx::test {

class PageBuilder {
 public:
  explicit PageBuilder(int number = 1, double width = 595, double height = 842) {
    page_.number = number;
    page_.width = width;
    page_.height = height;
    page_.blocks.emplace_back();
  }
  // Words of `text` from (x, y) (top of the line), `size` points high.
  PageBuilder& line(double x, double y, const std::string& text, double size = 8,
                    double confidence = 1.0) {
    Line line;
    std::istringstream words(text);
    std::string word;
    double cursor = x;
    while (words >> word) {
      double width = 0.55 * size * static_cast<double>(to_u32(word).size());
      Word w;
      w.text = word;
      w.bbox = rotate(BBox{cursor, y, cursor + width, y + size});
      w.confidence = confidence;
      w.source = confidence < 1 ? PageSource::Ocr : PageSource::TextLayer;
      line.words.push_back(w);
      line.bbox = unite(line.bbox, w.bbox);
      cursor += width + 0.3 * size;
    }
    page_.blocks.back().lines.push_back(line);
    return *this;
  }
  // Rotates everything added afterwards by `degrees` around the page's top-left corner.
  PageBuilder& skew(double degrees) {
    angle_ = degrees * M_PI / 180;
    return *this;
  }
  Page page() const { return page_; }

 private:
  BBox rotate(BBox box) const {
    if (angle_ == 0) return box;
    double c = std::cos(angle_), s = std::sin(angle_);
    double x = box.x0, y = box.y0, w = box.width(), h = box.height();
    double rx = x * c - y * s, ry = x * s + y * c;
    return BBox{rx, ry, rx + w, ry + h};
  }
  Page page_;
  double angle_ = 0;
};

inline std::string patterns_dir() {
  return std::string(DECLX_SOURCE_DIR) + "/patterns";
}

// The bundled patterns/, loaded once per test binary.
// A field's value; fails the test, showing what was read, when the field is empty.
template <class T>
T value(const Field<T>& field) {
  INFO("field raw '" << field.raw << "' why empty: " << field.why_empty);
  REQUIRE(field.present());
  return *field.value;
}

inline const Patterns& bundled_patterns() {
  static const Patterns loaded = Patterns::load(patterns_dir());
  return loaded;
}
inline const Patterns& patterns() {
  return bundled_patterns();
}
inline const PatternData& pattern_data() {
  return bundled_patterns().data();
}

}  // namespace declx::test
