// Form-template fallback for box captions OCR lost: the printed ДТ places every caption in a
// fixed row and column of its block (patterns/item_grid.tsv, patterns/header_grid.tsv). The
// row height and the x of each column are measured from the captions that were read; a block
// (one goods item, or the header of the main sheet) is fitted from its own read captions, and
// the captions it lacks are added where the grid has them (LabelHit::inferred), so the words
// there are assigned to the right boxes. Layouts whose read captions do not sit on the grid
// (broker printouts: one "гр. N" line per box) get nothing.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "extractors/fill.h"

namespace declx {

// Read captions of one block on page `page` (index into context.layouts), by box.
struct GridGroup {
  size_t page = 0;
  std::map<std::string, const LabelHit*> labels;
};

// Decides whether a fitted block gets inferred captions: `fitting` read captions agree with
// the fit, spanning grid rows [min_row, max_row].
using GridAccept = std::function<bool(const std::map<std::string, const LabelHit*>& labels,
                                      size_t fitting, double min_row, double max_row)>;

// Adds inferred captions to context.layouts for the boxes of `grid` each accepted group lacks,
// and reassigns the words of every page that got one. Groups must point into
// context.layouts' labels (they are read before anything is added). `edges` (optional, per
// page index) gives a column's x measured from other captions of the page that share its
// edge of the form, for a column no read caption of the grid measures on that page.
void infer_labels_from_grid(ExtractContext& context,
                            const std::map<std::string, PatternData::GridSlot>& grid,
                            const std::vector<GridGroup>& groups, const GridAccept& accept,
                            const std::vector<std::map<int, double>>& edges = {});

// Captions OCR damaged past reading but for their printed box number (fax, dense scans):
// bare numbers of grid boxes at the start of a caption place become labels (anchored) when
// they sit on the printed grid together — for the main sheet's header, a row pitch and top
// that four of them from the top rows (five from box 10's row) and nearly all read captions
// agree on; for goods items, one row pitch for the document and blocks of three or more,
// largest first and six rows apart. Columns must agree (a column's x from its read captions
// where it has some; columns sharing a grid row in the grid's order). OCR pages only. Run
// before the grid inference, which then takes them as read captions.
void anchor_number_captions(ExtractContext& context);

// The form's left edge per page (index into context.layouts), as column 0 of a grid: the
// median x of the read (not inferred) captions of `boxes`, all of which start at that edge,
// where a page has two or more; the document's median elsewhere (when it has two or more).
std::vector<std::map<int, double>> left_edges(const ExtractContext& context,
                                              const std::set<std::string>& boxes);

// The header of the main sheet (boxes 1-30): one block per page, from header_grid.tsv. Where
// no caption of the header's left column (2, 8, 14, 21, 25, 29) was read on the page, the
// form's left edge is measured from the goods items' 31 and 44 and the boxes below them (47,
// 48, 54), which start there too.
void infer_missing_header_labels(ExtractContext& context);

}  // namespace declx
