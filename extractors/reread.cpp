#include "extractors/reread.h"

#include <algorithm>
#include <cmath>

#include "normalizers/countries.h"
#include "normalizers/hs_code.h"
#include "normalizers/numbers.h"

namespace declx {
namespace {

using Check = PatternData::RereadBox::Check;

// How far below its caption a box is read again, in line heights: a value sits on the
// caption's row or the one or two rows under it.
constexpr double kRowsBelowCaption = 4.0;
// Below this mean word confidence a clean reading is checked by a second one. On 60 generated
// declarations (159 pages): 0 (only unreadable boxes) gave field F1 0.893; 0.5 0.897; 0.7
// 0.898; 0.85 0.898 with twice the re-reading; 0.95 0.889 (surer-looking second readings
// were wrong more often than the first).
constexpr double kUnsure = 0.7;
// Widest region read again, in points (a box of the form is at most ~ a third of A4).
constexpr double kMaxRegionWidth = 260.0;

// 2: a clean reading; 1: one that needed OCR repairs or left alternatives; 0: nothing.
template <class T>
int quality_of(const Parsed<T>& parsed) {
  if (parsed.ok()) return parsed.repairs.empty() && parsed.confidence >= 0.9 ? 2 : 1;
  return parsed.alternatives.empty() ? 0 : 1;
}

int number_quality(const PatternData& patterns, const std::string& text, bool whole) {
  re2::StringPiece input(text), match;
  if (!RE2::PartialMatch(input, patterns.field("number"), &match)) return 0;
  Parsed<double> parsed = parse_number(std::string(match));
  if (parsed.ok() && whole) {
    double value = *parsed.value;
    if (value < 1 || value > 999 || value != std::floor(value)) return 0;
  }
  return quality_of(parsed);
}

int hs_quality(const std::string& text) {
  std::string digits;
  for (char c : text) digits.push_back(c >= '0' && c <= '9' ? c : c == ' ' ? c : '|');
  std::erase(digits, ' ');
  int best = 0;
  size_t start = 0;
  while (start < digits.size()) {
    size_t end = digits.find('|', start);
    if (end == std::string::npos) end = digits.size();
    if (end - start == 10)
      best = std::max(best, quality_of(parse_hs_code(digits.substr(start, 10))));
    start = end + 1;
  }
  return best;
}

int country_quality(const std::string& text) {
  int best = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of(" \n", start);
    if (end == std::string::npos) end = text.size();
    std::string token = text.substr(start, end - start);
    if (to_u32(token).size() == 2) best = std::max(best, quality_of(parse_country_code(token)));
    start = end + 1;
  }
  return best;
}

// The box's area in page coordinates as read (skew put back), from its caption down a few
// rows, clipped to the page and to a box's width.
BBox region_on_page(const PageLayout& layout, const BoxContent& box) {
  const double h = layout.line_height;
  BBox aligned = box.region;
  aligned.x0 = std::max(0.0, aligned.x0);
  aligned.y0 = std::max(0.0, aligned.y0);
  aligned.x1 = std::min({aligned.x1, layout.page_width, aligned.x0 + kMaxRegionWidth});
  aligned.y1 =
      std::min({aligned.y1, layout.page_height, box.label.aligned.y0 + kRowsBelowCaption * h});
  BBox out{1e18, 1e18, -1e18, -1e18};
  for (double x : {aligned.x0, aligned.x1})
    for (double y : {aligned.y0, aligned.y1}) {
      double shifted = y + layout.skew_slope * x;
      out.x0 = std::min(out.x0, x), out.x1 = std::max(out.x1, x);
      out.y0 = std::min(out.y0, shifted), out.y1 = std::max(out.y1, shifted);
    }
  return out;
}

// The words of a re-reading that are not the box's own caption, as placed words of the page.
std::vector<PlacedWord> placed_values(const PageLayout& layout, const BoxContent& box,
                                      const std::vector<Word>& words) {
  const double h = layout.line_height;
  std::vector<PlacedWord> out;
  for (const Word& word : words) {
    std::string text = word.text;
    size_t first = text.find_first_not_of("|"), last = text.find_last_not_of("|");
    if (first == std::string::npos) continue;
    text = text.substr(first, last - first + 1);
    PlacedWord placed;
    placed.text = text;
    placed.bbox = word.bbox;
    placed.confidence = word.confidence;
    placed.page = layout.page;
    placed.reread = true;
    double shift = layout.skew_slope * (word.bbox.x0 + word.bbox.x1) / 2;
    placed.aligned = BBox{word.bbox.x0, word.bbox.y0 - shift, word.bbox.x1, word.bbox.y1 - shift};
    double cx = (placed.aligned.x0 + placed.aligned.x1) / 2,
           cy = (placed.aligned.y0 + placed.aligned.y1) / 2;
    const BBox& caption = box.label.aligned;
    bool on_caption = cx >= caption.x0 - 0.5 * h && cx <= caption.x1 + 0.5 * h &&
                      cy >= caption.y0 - 0.3 * h && cy <= caption.y1 + 0.3 * h;
    if (on_caption || cy < caption.y0 - 0.3 * h) continue;
    out.push_back(std::move(placed));
  }
  std::sort(out.begin(), out.end(), [h](const PlacedWord& a, const PlacedWord& b) {
    double ya = (a.aligned.y0 + a.aligned.y1) / 2, yb = (b.aligned.y0 + b.aligned.y1) / 2;
    if (std::abs(ya - yb) > 0.5 * h) return ya < yb;
    return a.aligned.x0 < b.aligned.x0;
  });
  return out;
}

double mean_confidence(const std::vector<PlacedWord>& words) {
  double sum = 0;
  for (const PlacedWord& word : words) sum += word.confidence;
  return words.empty() ? 0 : sum / static_cast<double>(words.size());
}

std::string joined(const std::vector<PlacedWord>& words) {
  std::string text;
  for (const PlacedWord& word : words) text += (text.empty() ? "" : " ") + word.text;
  return text;
}

}  // namespace

int box_reading_quality(const PatternData& patterns, Check check, const std::string& text) {
  switch (check) {
    case Check::Number:
      return number_quality(patterns, text, false);
    case Check::Count:
      return number_quality(patterns, text, true);
    case Check::Hs:
      return hs_quality(text);
    case Check::Country:
      return country_quality(text);
  }
  return 0;
}

void reread_weak_boxes(ExtractContext& context) {
  const auto& reread = context.options.reread_region;
  if (!reread || context.patterns.reread.empty()) return;
  for (PageLayout& layout : context.layouts) {
    if (!layout.ocr) continue;
    std::vector<std::vector<PlacedWord>> readings;
    for (const BoxContent& box : layout.boxes) {
      auto spec = context.patterns.reread.find(box.label.box);
      if (spec == context.patterns.reread.end()) continue;
      const Check check = spec->second.check;
      int before = box_reading_quality(context.patterns, check, box.text());
      // A clean reading from unsure words is checked too; it is replaced only by a clean
      // reading from surer words.
      const double sure = box.mean_confidence();
      if (before == 2 && sure < kUnsure) before = 1;
      if (before == 2) continue;
      std::vector<PlacedWord> values = placed_values(
          layout, box, reread(layout.page, region_on_page(layout, box), spec->second.charset));
      if (values.empty()) continue;
      const int after = box_reading_quality(context.patterns, check, joined(values));
      if (after < before || (after == before && (after < 2 || mean_confidence(values) <= sure)))
        continue;
      // The re-reading replaces the box's words.
      for (const auto& line : box.lines)
        for (const PlacedWord* word : line)
          layout.words[static_cast<size_t>(word - layout.words.data())].superseded = true;
      readings.push_back(std::move(values));
    }
    // Rows of their own keep the new words apart from the page pass's rows.
    const double h = layout.line_height;
    for (auto& values : readings) {
      double row_y = -1e18;
      for (PlacedWord& word : values) {
        double y = (word.aligned.y0 + word.aligned.y1) / 2;
        if (std::abs(y - row_y) > 0.5 * h) {
          layout.rows.emplace_back();
          row_y = y;
        }
        word.row = static_cast<int>(layout.rows.size()) - 1;
        layout.rows.back().push_back(layout.words.size());
        layout.words.push_back(std::move(word));
        layout.is_label_word.push_back(false);
      }
    }
    const bool changed = !readings.empty();
    // Adding words moved the words vector: rebuild every box's word lists.
    if (changed) assign_words_to_boxes(layout);
  }
}

}  // namespace declx
