#include "extractors/grid.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace declx {
void infer_labels_from_grid(ExtractContext& context,
                            const std::map<std::string, PatternData::GridSlot>& grid,
                            const std::vector<GridGroup>& groups, const GridAccept& accept,
                            const std::vector<std::map<int, double>>& edges) {
  if (grid.empty() || groups.empty()) return;
  auto slot_of = [&](const LabelHit* label) -> const PatternData::GridSlot* {
    auto it = grid.find(label->box);
    return it == grid.end() || label->inferred ? nullptr : &it->second;
  };
  // Row height: from pairs of read captions of one block in different rows.
  std::vector<double> pitches, heights, anchored_heights;
  std::map<std::string, std::vector<double>> widths;
  std::map<int, std::vector<double>> column_widths;
  bool same_row_pair = false;  // two read captions side by side in one grid row
  // Captions of which only the number was read were placed by a fit to this grid that
  // checked rows and columns (anchor_number_captions): they show the layout is the grid's.
  bool anchored = false;
  for (const GridGroup& group : groups) {
    const PageLayout& layout = context.layouts[group.page];
    std::vector<const LabelHit*> read;
    for (const auto& [box, label] : group.labels)
      if (const auto* slot = slot_of(label)) {
        read.push_back(label);
        anchored |= label->anchored;
        // A caption of which only the number (and some damaged words) was read measures no
        // width (its words stop where OCR lost some), and the height only where no caption
        // read in full does.
        if (!label->anchored) widths[box].push_back(label->aligned.width());
        if (!label->anchored) column_widths[slot->column].push_back(label->aligned.width());
        (label->anchored ? anchored_heights : heights).push_back(label->aligned.height());
      }
    for (size_t a = 0; a < read.size(); ++a)
      for (size_t b = a + 1; b < read.size(); ++b) {
        const auto *sa = slot_of(read[a]), *sb = slot_of(read[b]);
        if (std::abs(sa->row - sb->row) < 0.5) {
          if (sa->column != sb->column &&
              std::abs(read[a]->aligned.y0 - read[b]->aligned.y0) < layout.line_height)
            same_row_pair = true;
          continue;
        }
        double pitch = (read[b]->aligned.y0 - read[a]->aligned.y0) / (sb->row - sa->row);
        if (pitch > 0) pitches.push_back(pitch);
      }
  }
  if (pitches.size() < 3 || !(same_row_pair || anchored)) return;
  const double row_height = median(pitches);
  const double label_height = median(heights.empty() ? anchored_heights : heights);
  // Column x per page (scans shift), from read captions; the document's as a fallback.
  std::map<int, std::vector<double>> document_columns;
  std::vector<std::map<int, double>> page_columns(context.layouts.size());
  // The same from captions read in full only: a placed caption takes its x from these, then
  // from the page's edges, before numbers alone (on a skewed page a column's x drifts with
  // y, and the edges are measured over the whole page).
  std::vector<std::map<int, double>> read_columns(context.layouts.size());
  {
    // Captions read in full measure a column; captions of which only the number was read
    // only where no full one does.
    std::vector<std::map<int, std::vector<double>>> xs(context.layouts.size()),
        anchored_xs(context.layouts.size());
    std::map<int, std::vector<double>> anchored_document;
    for (const GridGroup& group : groups)
      for (const auto& [box, label] : group.labels)
        if (const auto* slot = slot_of(label)) {
          (label->anchored ? anchored_xs : xs)[group.page][slot->column].push_back(
              label->aligned.x0);
          (label->anchored ? anchored_document : document_columns)[slot->column].push_back(
              label->aligned.x0);
        }
    for (size_t p = 0; p < xs.size(); ++p) {
      for (const auto& [column, values] : anchored_xs[p]) page_columns[p][column] = median(values);
      for (const auto& [column, values] : xs[p])
        read_columns[p][column] = page_columns[p][column] = median(values);
    }
    for (auto& [column, values] : anchored_document)
      if (!document_columns.count(column)) document_columns[column] = std::move(values);
  }
  // The read captions must sit on the grid: rows within a fifth of the row height of the
  // fitted block top, columns within a few letters of the column x; four in five of them.
  // (Layouts that are not the grid, broker printouts, have no rows to measure and stopped
  // above. On faxes a few captions are misread as others' or placed wrongly: 56 of 65 and
  // 24 of 27 sat on the grid in two tuning faxes, whose every item then lost box 31 when
  // nine in ten were asked for.)
  size_t fitting_total = 0, read_total = 0;
  struct Fit {
    const GridGroup* group;
    double top;
  };
  std::vector<Fit> fits;
  for (const GridGroup& group : groups) {
    const PageLayout& layout = context.layouts[group.page];
    std::vector<double> tops;
    for (const auto& [box, label] : group.labels)
      if (const auto* slot = slot_of(label))
        tops.push_back(label->aligned.y0 - slot->row * row_height);
    if (tops.empty()) continue;
    double top = median(tops);
    size_t fitting = 0;
    double min_row = 1e9, max_row = -1e9;
    for (const auto& [box, label] : group.labels)
      if (const auto* slot = slot_of(label)) {
        ++read_total;
        double column_x = page_columns[group.page][slot->column];
        bool fits_row = std::abs(label->aligned.y0 - top - slot->row * row_height) <
                        (label->anchored ? 0.3 : 0.2) * row_height;
        bool fits_column = std::abs(label->aligned.x0 - column_x) < 4 * layout.line_height;
        if (fits_row && fits_column) {
          ++fitting;
          min_row = std::min(min_row, slot->row);
          max_row = std::max(max_row, slot->row);
        }
      }
    fitting_total += fitting;
    if (accept(group.labels, fitting, min_row, max_row)) fits.push_back(Fit{&group, top});
  }
  if (read_total == 0 || static_cast<double>(fitting_total) < 0.8 * static_cast<double>(read_total))
    return;
  // A column no caption measures on its page, from the form's proportions (the grid's
  // optional x) between the two reference columns measured there. Where the second reference
  // column is not measured either (a dense fax lost every caption of the header's middle
  // column), the span between them comes from the other columns the page measures that have a
  // proportion: (x of the column - x of reference 0) / its proportion, their median.
  int reference0 = -1, reference1 = -1;
  std::map<int, double> proportions;  // column → its x between the references
  for (const auto& [box, slot] : grid) {
    if (slot.x == 0) reference0 = slot.column;
    if (slot.x == 1) reference1 = slot.column;
    if (slot.x > 0) proportions[slot.column] = slot.x;
  }
  auto form_x = [&](size_t page, const PatternData::GridSlot& slot) -> std::optional<double> {
    // the box's own proportion, or its column's (given with another box of the column)
    double x = slot.x;
    if (x < 0 && proportions.count(slot.column)) x = proportions[slot.column];
    if (x < 0 || reference0 < 0 || reference1 < 0) return std::nullopt;
    auto a = page_columns[page].find(reference0), b = page_columns[page].find(reference1);
    if (a == page_columns[page].end()) return std::nullopt;
    if (b != page_columns[page].end()) return a->second + x * (b->second - a->second);
    std::vector<double> spans;
    for (const auto& [column, proportion] : proportions)
      if (auto c = page_columns[page].find(column); c != page_columns[page].end())
        spans.push_back((c->second - a->second) / proportion);
    if (spans.empty()) return std::nullopt;
    return a->second + x * median(spans);
  };
  std::vector<std::vector<LabelHit>> added(context.layouts.size());
  for (const Fit& fit : fits) {
    const size_t page = fit.group->page;
    const PageLayout& layout = context.layouts[page];
    for (const auto& [box, slot] : grid) {
      if (fit.group->labels.count(box)) continue;
      double x0;
      if (auto it = read_columns[page].find(slot.column); it != read_columns[page].end())
        x0 = it->second;
      else if (auto edge = page < edges.size() ? edges[page].find(slot.column)
                                               : std::map<int, double>::const_iterator();
               page < edges.size() && edge != edges[page].end())
        x0 = edge->second;
      else if (auto it = page_columns[page].find(slot.column); it != page_columns[page].end())
        x0 = it->second;
      else if (auto from_form = form_x(page, slot))
        x0 = *from_form;
      else if (auto doc = document_columns.find(slot.column); doc != document_columns.end())
        x0 = median(doc->second);
      else
        continue;
      double width = widths.count(box)                  ? median(widths[box])
                     : column_widths.count(slot.column) ? median(column_widths[slot.column])
                                                        : 8 * layout.line_height;
      double y0 = fit.top + slot.row * row_height;
      LabelHit hit;
      hit.box = box;
      for (const LabelSpelling& spelling : context.patterns.labels)
        if (spelling.box == box) {
          hit.spelling = &spelling;
          break;
        }
      if (!hit.spelling) continue;
      hit.inferred = true;
      hit.aligned = BBox{x0, y0, x0 + width, y0 + label_height};
      if (hit.aligned.y0 < 0 || hit.aligned.y1 > layout.page_height ||
          hit.aligned.x1 > layout.page_width)
        continue;
      bool taken = false;  // another caption (read or inferred) already sits there
      auto near = [&](const LabelHit& other) {
        return std::abs(other.aligned.y0 - y0) < row_height / 3 &&
               std::abs(other.aligned.x0 - x0) < 2 * layout.line_height;
      };
      for (const LabelHit& other : layout.labels) taken |= near(other);
      for (const LabelHit& other : added[page]) taken |= near(other);
      if (taken) continue;
      place_inferred_label(layout, hit);
      added[page].push_back(hit);
    }
  }
  for (size_t p = 0; p < context.layouts.size(); ++p) {
    if (added[p].empty()) continue;
    for (auto& hit : added[p]) context.layouts[p].labels.push_back(hit);
    assign_words_to_boxes(context.layouts[p]);
  }
}

std::vector<std::map<int, double>> left_edges(const ExtractContext& context,
                                              const std::set<std::string>& boxes) {
  std::vector<std::map<int, double>> edges(context.layouts.size());
  std::vector<double> all;
  for (size_t p = 0; p < context.layouts.size(); ++p) {
    std::vector<double> xs;
    for (const LabelHit& label : context.layouts[p].labels)
      if (!label.inferred && boxes.count(label.box)) xs.push_back(label.aligned.x0);
    if (xs.size() >= 2) edges[p][0] = median(xs);
    all.insert(all.end(), xs.begin(), xs.end());
  }
  if (all.size() >= 2)
    for (auto& edge : edges) edge.emplace(0, median(all));
  return edges;
}

void infer_missing_header_labels(ExtractContext& context) {
  const auto& grid = context.patterns.header_grid;
  std::vector<GridGroup> groups;
  // The items' left edge stands in for the header's column 0 only on a page where no caption
  // of that column was read, not even its number alone.
  std::vector<std::map<int, double>> edges = left_edges(context, {"31", "44", "47", "48", "54"});
  for (size_t p = 0; p < context.layouts.size(); ++p) {
    GridGroup group{p, {}};
    for (const LabelHit& label : context.layouts[p].labels)
      if (grid.count(label.box) && !group.labels.count(label.box)) {
        group.labels.emplace(label.box, &label);
        if (!label.inferred && grid.at(label.box).column == 0) edges[p].erase(0);
      }
    if (!group.labels.empty()) groups.push_back(std::move(group));
  }
  infer_labels_from_grid(
      context, grid, groups,
      [](const std::map<std::string, const LabelHit*>& labels, size_t fitting, double min_row,
         double max_row) {
        // The main sheet's header: read captions from its top rows down past the
        // parties (a continuation sheet repeats only boxes 1-3, which must not
        // grow a header). Numbers that anchor_number_captions placed were
        // checked against the whole grid already: from box 10's row will do.
        bool anchored = std::any_of(labels.begin(), labels.end(),
                                    [](const auto& l) { return l.second->anchored; });
        return fitting >= 4 && (min_row <= 3 || (anchored && min_row <= 5)) &&
               max_row - min_row >= 5;
      },
      edges);
}

}  // namespace declx
