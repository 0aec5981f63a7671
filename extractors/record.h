// The record: what `declx extract` prints and `declx ingest` stores, one per document.
// Plain structs mirroring the JSON contract (docs/design.md, "The record"); to_json turns
// them into the exact JSON shape that schema/record.schema.json describes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "readers/page_model.h"

namespace declx {

// One extracted scalar with its evidence. An absent value (value empty) is omitted from the
// JSON; `why_empty` then says which box was missing or unreadable (shown with --explain).
template <class T>
struct Field {
  std::optional<T> value;
  std::string raw;                   // the text as read, before normalisation
  int page = 0;                      // 1-based; 0 = unknown
  std::optional<BBox> bbox;          // PDF points from the page's top-left
  double confidence = 0;             // 0..1
  std::vector<std::string> repairs;  // every change made to `raw`, e.g. "ocr-digit: З→3"
  // Explain info (JSON only with --explain): the box ("8", "A", "33") and the rule that
  // produced the value, or why it is empty.
  std::string box;
  std::string rule;
  std::string why_empty;

  bool present() const { return value.has_value(); }
};

struct Party {
  Field<std::string> name;        // full printed name incl. legal form, cleaned
  Field<std::string> name_latin;  // ASCII transliteration of name (without legal form)
  Field<std::string> legal_form;  // "ООО", "АО", "CO., LTD", ...
  Field<std::string> address;
  Field<std::string> country;  // alpha-2
  Field<std::string> inn;
  Field<std::string> kpp;
  Field<std::string> ogrn;
  // "СМ. ГРАФУ 14": the box refers to another party's box (box number), nothing copied.
  std::string see_box;
};

struct EndUseNote {
  std::string text;                   // exact source text of the note
  std::optional<std::string> system;  // canonical designation ("S-400"), if any
  bool military = false;              // a military end-use claim (never when negated)
  bool negated = false;  // a civil-use claim ("НЕ ВОЕННОГО НАЗНАЧЕНИЯ")
  std::optional<std::string> contract_id;  // ИГК, 20 or 25 digits
  std::optional<int> item_no;
  int page = 0;
  std::optional<BBox> bbox;
  std::vector<std::string> matched;  // lexicon entries that fired (explain only)
};

struct Item {
  Field<int> item_no;
  Field<std::string> hs_code;  // 10 digits
  Field<std::string> description;
  Field<std::string> origin_country;  // alpha-2 (also "EU", "00")
  Field<double> gross_kg, net_kg, invoice_price, customs_value, statistical_value;
  Field<std::string> chpl_tier;  // "1", "2", "3.A", ...
  std::vector<EndUseNote> end_use;
  std::vector<std::string> flags;  // "chpl:3.A", "military-end-use"
};

struct ValidationResult {
  std::string field;  // "items[2].net_kg", "consignee.inn", ...
  std::string check;  // "inn-check-digit", "net-le-gross", "country-15-15a", ...
  bool ok = true;
  std::string message;
};

struct PageSourceInfo {
  int page = 0;
  std::string source;  // "text-layer" | "ocr"
  std::string reason;
};

struct SourceInfo {
  std::string path, sha256, media_type;
  int pages = 0;
  std::vector<PageSourceInfo> page_sources;
  std::optional<double> ocr_confidence;  // mean over OCR pages; absent without OCR
};

struct DeliveryTermsFields {
  Field<std::string> incoterm;
  Field<std::string> place;
};

struct Record {
  SourceInfo source;                      // filled by the caller (fill_source_from_document helps)
  std::string document_type = "unknown";  // "declaration" | "unknown"
  Field<std::string> declaration_number, declaration_date, direction, procedure;
  Party consignor, consignee, declarant;
  Field<std::string> country_dispatch, country_origin, country_destination;
  DeliveryTermsFields delivery_terms;
  Field<std::string> invoice_currency;
  Field<double> invoice_total;
  Field<int> items_declared;
  std::vector<Item> items;
  std::vector<EndUseNote> end_use;  // every note of the document
  std::vector<ValidationResult> validation;
  std::vector<std::string> warnings, errors;
  // With ExtractOptions::explain: every box label found, "page 1: box 8 'Получатель' (exact)".
  std::vector<std::string> explain_labels;
};

inline constexpr const char* kRecordSchemaId = "declx.record/1";

// The record as JSON (the contract). With `explain`, every field object also carries
// "explain": {"box", "rule"} and every absent field appears as {"explain": {"why_empty"}}
// so that a user sees why it is missing.
nlohmann::json to_json(const Record& record, bool explain = false);

// A record for a file that could not be read at all: source.path set, document_type
// "unknown", `errors` holding "<kind>: <reason>".
Record error_record(const std::string& path, const std::string& kind, const std::string& reason);

}  // namespace declx
