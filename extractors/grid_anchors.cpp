#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "extractors/grid.h"

namespace declx {
namespace {

// A caption that places a box on the grid: a read label, or a bare box number (candidate).
struct Point {
  size_t page = 0;  // index into context.layouts
  std::string box;
  PatternData::GridSlot slot;
  double x = 0, y = 0;     // de-skewed top-left
  size_t word = SIZE_MAX;  // the number's word; SIZE_MAX for a read label
};

// "33", "|3" → "33"/"3"; anything else (letters, ")", more than two digits) → "".
std::string bare_number(const std::string& text) {
  static const std::string junk = "|'`\".,:;";
  size_t begin = 0, end = text.size();
  while (begin < end && junk.find(text[begin]) != std::string::npos) ++begin;
  while (end > begin && junk.find(text[end - 1]) != std::string::npos) --end;
  if (end - begin < 1 || end - begin > 2) return {};
  for (size_t i = begin; i < end; ++i)
    if (text[i] < '0' || text[i] > '9') return {};
  if (text[begin] == '0') return {};
  return text.substr(begin, end - begin);
}

// Bare numbers of `grid`'s boxes that start a caption: nothing printed just before them on
// their text row, not part of a read label.
std::vector<Point> number_candidates(const ExtractContext& context,
                                     const std::map<std::string, PatternData::GridSlot>& grid) {
  std::vector<Point> points;
  for (size_t p = 0; p < context.layouts.size(); ++p) {
    const PageLayout& layout = context.layouts[p];
    if (!layout.ocr) continue;
    for (const auto& row : layout.rows)
      for (size_t i = 0; i < row.size(); ++i) {
        const size_t w = row[i];
        const PlacedWord& word = layout.words[w];
        if (layout.is_label_word[w]) continue;
        std::string number = bare_number(word.text);
        auto slot = grid.find(number);
        if (number.empty() || slot == grid.end()) continue;
        // Nothing just before it on the row, or only unreadable words (the damaged caption of
        // the box to its left, as on dense forms whose captions run on).
        if (i > 0) {
          const PlacedWord& before = layout.words[row[i - 1]];
          const double gap = word.aligned.x0 - before.aligned.x1;
          if (gap < 1.5 * layout.line_height &&
              (before.confidence >= 0.5 || gap < 0.3 * layout.line_height))
            continue;
        }
        points.push_back(Point{p, number, slot->second, word.aligned.x0, word.aligned.y0, w});
      }
  }
  return points;
}

// Read labels of `grid`'s boxes (not inferred).
std::vector<Point> read_points(const ExtractContext& context,
                               const std::map<std::string, PatternData::GridSlot>& grid) {
  std::vector<Point> points;
  for (size_t p = 0; p < context.layouts.size(); ++p)
    for (const LabelHit& label : context.layouts[p].labels) {
      auto slot = grid.find(label.box);
      if (label.inferred || slot == grid.end()) continue;
      points.push_back(Point{p, label.box, slot->second, label.aligned.x0, label.aligned.y0});
    }
  return points;
}

// Drops points whose column x disagrees with the other points of their column on the page
// (more than four letter heights from the column's median), and, since column 0 is the form's
// left edge, points of column 0 that are not left of every other column. With
// `distinct_columns` (the item grid, whose columns are all far apart), columns whose x are
// within two letter heights of each other are not the grid's: their points go.
// Columns left to right within a row of the grid: (a, b) when boxes of columns a < b share a
// row (box 22 at column 3 is left of box 23 at column 12).
using ColumnOrder = std::set<std::pair<int, int>>;

ColumnOrder column_order(const std::map<std::string, PatternData::GridSlot>& grid) {
  ColumnOrder order;
  for (const auto& [a, sa] : grid)
    for (const auto& [b, sb] : grid)
      if (std::abs(sa.row - sb.row) < 0.01 && sa.column < sb.column)
        order.emplace(sa.column, sb.column);
  return order;
}

void keep_columns(std::vector<const Point*>& points, double line_height, bool distinct_columns,
                  const ColumnOrder& order) {
  // A column's x: the median of its read captions where it has some, else of its numbers.
  std::map<int, std::vector<double>> xs, read_xs;
  for (const Point* point : points) {
    xs[point->slot.column].push_back(point->x);
    if (point->word == SIZE_MAX) read_xs[point->slot.column].push_back(point->x);
  }
  std::map<int, double> column_x;
  for (const auto& [column, values] : xs)
    column_x[column] = median(read_xs.count(column) ? read_xs[column] : values);
  double right_of_edge = 1e18;
  for (const auto& [column, x] : column_x)
    if (column != 0) right_of_edge = std::min(right_of_edge, x);
  std::set<int> crowded;
  if (distinct_columns)
    for (const auto& [a, xa] : column_x)
      for (const auto& [b, xb] : column_x)
        if (a != b && std::abs(xa - xb) < 2 * line_height) crowded.insert(a);
  // Two columns that share a row of the form in the wrong order: the one fewer captions
  // measure goes (both when as many do).
  for (const auto& [a, b] : order) {
    auto ia = column_x.find(a), ib = column_x.find(b);
    if (ia == column_x.end() || ib == column_x.end() || ia->second + line_height < ib->second)
      continue;
    if (xs[a].size() <= xs[b].size()) crowded.insert(a);
    if (xs[b].size() <= xs[a].size()) crowded.insert(b);
  }
  std::erase_if(points, [&](const Point* point) {
    double x = column_x[point->slot.column];
    if (std::abs(point->x - x) > 4 * line_height || crowded.count(point->slot.column)) return true;
    return point->slot.column == 0 && point->x > right_of_edge - 2 * line_height;
  });
}

// Points of one block: those whose row fits `top` + row × pitch within a fifth of a row,
// column-checked, then one per box (the nearest) and column-checked again.
std::vector<const Point*> block_points(const std::vector<const Point*>& points, double top,
                                       double pitch, double line_height, bool distinct_columns,
                                       const ColumnOrder& order) {
  std::vector<const Point*> fitting;
  for (const Point* point : points)
    if (std::abs(point->y - top - point->slot.row * pitch) < 0.3 * pitch) fitting.push_back(point);
  keep_columns(fitting, line_height, distinct_columns, order);
  std::map<std::string, const Point*> best;
  for (const Point* point : fitting) {
    double off = std::abs(point->y - top - point->slot.row * pitch);
    auto it = best.find(point->box);
    if (it == best.end() || off < std::abs(it->second->y - top - it->second->slot.row * pitch) ||
        (point->word == SIZE_MAX && it->second->word != SIZE_MAX))
      best[point->box] = point;
  }
  std::vector<const Point*> kept;
  for (const auto& [box, point] : best) kept.push_back(point);
  keep_columns(kept, line_height, distinct_columns, order);
  return kept;
}

size_t distinct_rows(const std::vector<const Point*>& points) {
  std::vector<double> rows;
  for (const Point* point : points) rows.push_back(point->slot.row);
  std::sort(rows.begin(), rows.end());
  return static_cast<size_t>(std::unique(rows.begin(), rows.end()) - rows.begin());
}

size_t distinct_columns(const std::vector<const Point*>& points) {
  std::set<int> columns;
  for (const Point* point : points) columns.insert(point->slot.column);
  return columns.size();
}

// Adds an anchored label for a candidate number: the number and the damaged caption words
// that follow it on its text row (up to a gap of two letter heights) are the caption.
void add_anchor(ExtractContext& context, const Point& point,
                const std::vector<std::vector<size_t>>& stops) {
  PageLayout& layout = context.layouts[point.page];
  // A caption read from a later word on ("31 [lost] Описание товаров") is this one.
  for (const LabelHit& label : layout.labels)
    if (label.box == point.box && std::abs(label.aligned.y0 - point.y) < 2 * layout.line_height)
      return;
  LabelHit hit;
  hit.box = point.box;
  for (const LabelSpelling& spelling : context.patterns.labels)
    if (spelling.box == point.box) {
      hit.spelling = &spelling;
      break;
    }
  if (!hit.spelling) return;
  hit.numbered = true;
  hit.anchored = true;
  const PlacedWord& number = layout.words[point.word];
  hit.row = number.row;
  hit.aligned = number.aligned;
  hit.bbox = number.bbox;
  layout.is_label_word[point.word] = true;
  const auto& row = layout.rows[static_cast<size_t>(number.row)];
  auto at = std::find(row.begin(), row.end(), point.word);
  for (++at; at != row.end(); ++at) {
    const PlacedWord& word = layout.words[*at];
    if (word.aligned.x0 - hit.aligned.x1 > 2 * layout.line_height || layout.is_label_word[*at] ||
        std::find(stops[point.page].begin(), stops[point.page].end(), *at) !=
            stops[point.page].end())
      break;
    layout.is_label_word[*at] = true;
    hit.aligned = unite(hit.aligned, word.aligned);
    hit.bbox = unite(hit.bbox, word.bbox);
  }
  layout.labels.push_back(hit);
}

}  // namespace

void anchor_number_captions(ExtractContext& context) {
  const auto& header_grid = context.patterns.header_grid;
  const auto& item_grid = context.patterns.item_grid;
  if (header_grid.empty() && item_grid.empty()) return;
  std::vector<Point> header = number_candidates(context, header_grid);
  std::vector<Point> items = number_candidates(context, item_grid);
  if (header.empty() && items.empty()) return;
  std::vector<Point> header_read = read_points(context, header_grid);
  std::vector<Point> items_read = read_points(context, item_grid);
  header.insert(header.end(), header_read.begin(), header_read.end());
  items.insert(items.end(), items_read.begin(), items_read.end());

  const ColumnOrder header_order = column_order(header_grid), item_order = column_order(item_grid);
  std::vector<const Point*> accepted;
  // The main sheet's header, per page: the row pitch and top that most captions agree on,
  // from every pair of captions in different rows.
  for (size_t p = 0; p < context.layouts.size(); ++p) {
    const PageLayout& layout = context.layouts[p];
    if (!layout.ocr) continue;
    std::vector<const Point*> points;
    size_t read = 0;
    for (const Point& point : header)
      if (point.page == p) {
        points.push_back(&point);
        read += point.word == SIZE_MAX;
      }
    if (read == points.size()) continue;  // no bare number to place
    std::vector<const Point*> best;
    for (const Point* a : points)
      for (const Point* b : points) {
        if (b->slot.row - a->slot.row < 1) continue;
        double pitch = (b->y - a->y) / (b->slot.row - a->slot.row);
        if (pitch < 2 * layout.line_height || pitch > layout.page_height / 12) continue;
        auto block = block_points(points, a->y - a->slot.row * pitch, pitch, layout.line_height,
                                  false, header_order);
        if (block.size() > best.size()) best = std::move(block);
      }
    double min_row = 1e9, max_row = -1e9;
    size_t read_fitting = 0, below_top = 0;
    for (const Point* point : best) {
      min_row = std::min(min_row, point->slot.row);
      max_row = std::max(max_row, point->slot.row);
      read_fitting += point->word == SIZE_MAX;
      below_top += point->slot.row >= 2;
    }
    // As the grid's own fit: four captions from the top rows down past the parties (or five
    // from box 10's row down), three of them below the rows a continuation sheet repeats
    // (boxes 1-3), spread over a fifth of the page's width; the captions that were read must
    // (nearly all) agree.
    double left = 1e18, right = -1e18;
    for (const Point* point : best)
      left = std::min(left, point->x), right = std::max(right, point->x);
    const bool from_top = min_row <= 3 || (best.size() >= 5 && min_row <= 5);
    if (best.size() < 4 || below_top < 3 || right - left < 0.2 * layout.page_width || !from_top ||
        max_row - min_row < 5 ||
        static_cast<double>(read_fitting) < 0.9 * static_cast<double>(read))
      continue;
    accepted.insert(accepted.end(), best.begin(), best.end());
  }

  // Goods items: one row pitch for the document; each block is a set of captions whose tops
  // (caption y minus row × pitch) agree, with at least three different rows.
  // Candidate pitches come from pairs in one column of a page (x within four letter heights,
  // at most six rows apart); pitches within 1% of one already tried are not tried again, so a
  // long declaration costs a few dozen fits, not one per pair.
  std::vector<double> pitches;
  if (items.size() > items_read.size())
    for (const Point& a : items)
      for (const Point& b : items) {
        const PageLayout& layout = context.layouts[a.page];
        const double rows = b.slot.row - a.slot.row;
        if (a.page != b.page || !layout.ocr || rows < 1 || rows > 6 ||
            std::abs(a.x - b.x) > 4 * layout.line_height)
          continue;
        double pitch = (b.y - a.y) / rows;
        if (pitch >= 2 * layout.line_height && pitch <= layout.page_height / 12)
          pitches.push_back(pitch);
      }
  std::sort(pitches.begin(), pitches.end());
  {
    double best_score = 0, tried = -1;
    std::vector<const Point*> best;
    for (double pitch : pitches) {
      if (tried > 0 && pitch < tried * 1.01) continue;
      tried = pitch;
      std::vector<const Point*> chosen;
      for (size_t p = 0; p < context.layouts.size(); ++p) {
        const double line_height = context.layouts[p].line_height;
        std::vector<const Point*> points;
        for (const Point& point : items)
          if (point.page == p) points.push_back(&point);
        // Every point proposes the block it would start; the largest blocks are taken first,
        // without sharing a point and at least six rows apart (an item's block is seven rows
        // high, so two blocks closer than that are one item fitted twice).
        struct Block {
          std::vector<const Point*> points;
          double top;
        };
        std::vector<Block> blocks;
        for (const Point* seed : points) {
          auto block = block_points(points, seed->y - seed->slot.row * pitch, pitch, line_height,
                                    true, item_order);
          if (block.size() < 3 || distinct_rows(block) < 2 || distinct_columns(block) < 2) continue;
          std::vector<double> tops;
          for (const Point* point : block) tops.push_back(point->y - point->slot.row * pitch);
          blocks.push_back(Block{std::move(block), median(tops)});
        }
        std::stable_sort(blocks.begin(), blocks.end(), [](const Block& a, const Block& b) {
          return a.points.size() > b.points.size();
        });
        std::vector<const Point*> page_chosen;
        std::vector<double> taken_tops;
        for (const Block& block : blocks) {
          bool clash = false;
          for (double top : taken_tops) clash |= std::abs(top - block.top) < 6 * pitch;
          for (const Point* point : block.points)
            clash |= std::find(page_chosen.begin(), page_chosen.end(), point) != page_chosen.end();
          if (clash) continue;
          taken_tops.push_back(block.top);
          page_chosen.insert(page_chosen.end(), block.points.begin(), block.points.end());
        }
        // Column agreement across the page's blocks.
        keep_columns(page_chosen, line_height, true, item_order);
        chosen.insert(chosen.end(), page_chosen.begin(), page_chosen.end());
      }
      size_t read_in = 0;
      for (const Point* point : chosen) read_in += point->word == SIZE_MAX;
      double score = static_cast<double>(chosen.size()) + 0.5 * static_cast<double>(read_in);
      if (score > best_score) best_score = score, best = std::move(chosen);
    }
    size_t read_fitting = 0;
    for (const Point* point : best) read_fitting += point->word == SIZE_MAX;
    if (static_cast<double>(read_fitting) >= 0.9 * static_cast<double>(items_read.size()))
      accepted.insert(accepted.end(), best.begin(), best.end());
  }

  std::vector<std::vector<size_t>> stops(context.layouts.size());
  for (const Point* point : accepted)
    if (point->word != SIZE_MAX) stops[point->page].push_back(point->word);
  std::vector<bool> changed(context.layouts.size(), false);
  for (const Point* point : accepted)
    if (point->word != SIZE_MAX) {
      add_anchor(context, *point, stops);
      changed[point->page] = true;
    }
  for (size_t p = 0; p < context.layouts.size(); ++p)
    if (changed[p]) assign_words_to_boxes(context.layouts[p]);
}

}  // namespace declx
