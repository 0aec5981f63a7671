// Helpers shared by the field extractors: turning a normalizer result plus the words it came
// from into a Field with evidence, and the extraction context.
#pragma once

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "extractors/extract.h"
#include "extractors/layout.h"
#include "extractors/patterns.h"
#include "extractors/text_span.h"
#include "normalizers/parsed.h"

namespace declx {

// A word replaced by a second reading of its region (extractors/reread.h), for the repairs of
// the field that comes to hold it.
struct RereadNote {
  int page = 0;
  BBox bbox;
  std::string repair;  // "ocr: 'КЕЙ' read again on its own: 'KEJI'"
};

struct ExtractContext {
  const PatternData& patterns;
  const ExtractOptions& options;
  std::vector<PageLayout> layouts;
  Record record;
  std::vector<RereadNote> rereads = {};
  // Boxes already read a second time (page, box, caption x, y), so that a later pass does not
  // read them again.
  std::set<std::tuple<int, std::string, int, int>> reread_tried = {};

  void warn(const std::string& message) { record.warnings.push_back(message); }
  void check(const std::string& field, const std::string& check, bool ok,
             const std::string& message) {
    record.validation.push_back(ValidationResult{field, check, ok, message});
  }
};

// An identifier (ИНН, КПП, ОГРН) whose OCR-confused digits a cross-check settled: the value
// replaced, the repair and the rule recorded, the confidence capped.
inline void settle_identifier(Field<std::string>& field, const std::string& name,
                              const std::string& value, const std::string& why) {
  field.repairs.push_back("cross-field: " + name + " " + *field.value + "→" + value + " (" + why +
                          ")");
  field.rule += "; OCR-confused digits settled by " + why;
  field.value = value;
  field.confidence = std::min(field.confidence, 0.6);
}

// Whether page `page` (1-based, as PlacedWord::page) was read by OCR.
inline bool ocr_page(const ExtractContext& context, int page) {
  for (const PageLayout& layout : context.layouts)
    if (layout.page == page) return layout.ocr;
  return false;
}

// The middle value (the upper of the two middle ones for an even count); `values` not empty.
inline double median(std::vector<double> values) {
  std::nth_element(values.begin(), values.begin() + static_cast<long>(values.size() / 2),
                   values.end());
  return values[values.size() / 2];
}

// Evidence of a value: the words it was read from.
struct Evidence {
  std::string raw;
  int page = 0;
  BBox bbox;
  double confidence = 0;  // mean word confidence
  std::string box;
  bool reread = false;  // some of the words come from a second OCR of the box's region
};

inline Evidence evidence_of(const TextSpan& span, size_t begin, size_t end,
                            const std::string& box) {
  Evidence e;
  for (const PlacedWord* word : span.words_in(begin, end)) e.reread |= word->reread;
  e.raw = span.text.substr(begin, end - begin);
  e.page = span.page();
  e.bbox = span.bbox_of(begin, end);
  e.confidence = span.confidence_of(begin, end);
  e.box = box;
  return e;
}

inline Evidence evidence_of(const TextSpan& span, const std::string& box) {
  return evidence_of(span, 0, span.text.size(), box);
}

template <class T>
void set_evidence(Field<T>& field, const Evidence& evidence, const std::string& rule) {
  field.raw = evidence.raw;
  field.page = evidence.page;
  if (!evidence.bbox.empty()) field.bbox = evidence.bbox;
  field.box = evidence.box;
  field.rule = rule;
}

// A Field from a normalizer result; value absent (why_empty set) when parsing failed.
template <class T, class U>
Field<T> field_from(const Parsed<U>& parsed, const Evidence& evidence, const std::string& rule) {
  Field<T> field;
  set_evidence(field, evidence, rule);
  field.repairs = parsed.repairs;
  if (evidence.reread)
    field.repairs.push_back("ocr: box " + evidence.box +
                            " unreadable in the page's OCR; its region read again on its own");
  if (parsed.ok()) {
    if constexpr (std::is_constructible_v<T, const U&>) field.value = static_cast<T>(*parsed.value);
    field.confidence = std::clamp(
        parsed.confidence * (evidence.confidence > 0 ? evidence.confidence : 1), 0.0, 1.0);
  } else {
    field.why_empty = "box " + evidence.box + ": '" + evidence.raw + "' unreadable" +
                      (parsed.error.empty() ? "" : ": " + parsed.error);
  }
  return field;
}

// The whole text of a box as one span (lines joined with " ").
TextSpan span_of_box(const BoxContent& box);

// Why a field has no value when its box is missing or empty: "box 35 not found" /
// "box 35 is empty". The one wording --explain and the warnings use.
inline std::string why_box_empty(const BoxContent* box, const std::string& box_name) {
  return "box " + box_name + (box ? " is empty" : " not found");
}

}  // namespace declx
