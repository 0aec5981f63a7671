#include "extractors/extract.h"

#include <fstream>
#include <set>
#include <stdexcept>

#include "extractors/cross_repair.h"
#include "extractors/grid.h"
#include "extractors/header_fields.h"
#include "extractors/reread.h"

namespace declx {

Record extract_record(const Document& doc, const Patterns& patterns,
                      const ExtractOptions& options) {
  ExtractContext context{patterns.data(), options, {}, {}};
  for (const Page& page : doc.pages) {
    if (options.reread_region && page.source == PageSource::Ocr) {
      Page recovered = page;
      if (recover_lost_bands(recovered, options) > 0) {
        context.layouts.push_back(analyse_layout(recovered, patterns.data()));
        continue;
      }
    }
    context.layouts.push_back(analyse_layout(page, patterns.data()));
  }
  std::set<std::string> boxes_seen;
  for (const auto& layout : context.layouts)
    for (const auto& label : layout.labels) boxes_seen.insert(label.box);
  anchor_number_captions(context);
  infer_missing_header_labels(context);
  reread_weak_boxes(context, /*item_boxes=*/false);
  reread_garbled_party_lines(context);
  reread_cyrillic_amid_latin(context);
  extract_registration_number(context);
  extract_direction(context);
  extract_parties(context);
  attach_reread_notes(context);
  extract_countries(context);
  extract_delivery_terms(context);
  extract_currency_total(context);
  infer_missing_item_labels(context);
  reread_weak_boxes(context, /*item_boxes=*/true);
  extract_items_declared(context);
  extract_items(context);
  repair_values_by_cross_checks(context);
  validate_record(context);
  for (const auto& layout : context.layouts)
    for (const auto& label : layout.labels) {
      if (options.explain) {
        char position[64];
        std::snprintf(position, sizeof position, " at (%.0f, %.0f)", label.bbox.x0, label.bbox.y0);
        context.record.explain_labels.push_back(
            "page " + std::to_string(layout.page) + ": box " + label.box + " '" +
            label.spelling->text + "'" + position +
            (label.distance ? " (" + std::to_string(label.distance) + " edits)" : "") +
            (label.numbered ? "" : " (no number)") + (label.anchored ? " (number only)" : "") +
            (label.first_row  ? " (above its item's first description row)"
             : label.inferred ? " (inferred from other items)"
                              : ""));
      }
    }

  // A declaration prints its boxes: enough distinct labels (or a registration number with
  // some of them) make the document one.
  bool declaration = boxes_seen.size() >= 8 ||
                     (context.record.declaration_number.present() && boxes_seen.size() >= 3);
  context.record.document_type = declaration ? "declaration" : "unknown";
  if (!declaration)
    context.record.warnings.insert(
        context.record.warnings.begin(),
        "not a declaration: " + std::to_string(boxes_seen.size()) + " box labels found and " +
            (context.record.declaration_number.present() ? "a" : "no") + " registration number");
  return std::move(context.record);
}

void fill_source_from_document(Record& record, const Document& doc) {
  record.source.path = doc.path;
  record.source.media_type = doc.media_type;
  record.source.pages = static_cast<int>(doc.pages.size());
  record.source.page_sources.clear();
  double ocr_sum = 0;
  int ocr_pages = 0;
  for (const Page& page : doc.pages) {
    record.source.page_sources.push_back(
        PageSourceInfo{page.number, to_string(page.source), page.reason});
    if (page.source == PageSource::Ocr) {
      ocr_sum += page.mean_confidence;
      ++ocr_pages;
    }
  }
  if (ocr_pages > 0) record.source.ocr_confidence = ocr_sum / ocr_pages;
}

}  // namespace declx
