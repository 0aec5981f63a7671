#include <cmath>

#include "extractors/record.h"

namespace declx {
namespace {

using nlohmann::json;

json bbox_json(const BBox& box) {
  auto round2 = [](double v) { return std::round(v * 100) / 100; };
  return json::array({round2(box.x0), round2(box.y0), round2(box.x1), round2(box.y1)});
}

template <class T>
void put(json& object, const char* name, const Field<T>& field, bool explain) {
  if (!field.present()) {
    if (explain) {
      json why = {{"why_empty", field.why_empty.empty() ? "not found" : field.why_empty}};
      if (!field.box.empty()) why["box"] = field.box;
      object[name] = json{{"explain", why}};
    }
    return;
  }
  json out;
  out["value"] = *field.value;
  if (!field.raw.empty()) out["raw"] = field.raw;
  if (field.page > 0) out["page"] = field.page;
  if (field.bbox && !field.bbox->empty()) out["bbox"] = bbox_json(*field.bbox);
  out["confidence"] = std::round(std::clamp(field.confidence, 0.0, 1.0) * 1000) / 1000;
  if (!field.repairs.empty()) out["repairs"] = field.repairs;
  if (explain) {
    json info;
    if (!field.box.empty()) info["box"] = field.box;
    if (!field.rule.empty()) info["rule"] = field.rule;
    out["explain"] = info;
  }
  object[name] = out;
}

json party_json(const Party& party, bool explain) {
  json out = json::object();
  put(out, "name", party.name, explain);
  put(out, "name_latin", party.name_latin, explain);
  put(out, "legal_form", party.legal_form, explain);
  put(out, "address", party.address, explain);
  put(out, "country", party.country, explain);
  put(out, "inn", party.inn, explain);
  put(out, "kpp", party.kpp, explain);
  put(out, "ogrn", party.ogrn, explain);
  if (!party.see_box.empty()) out["see_box"] = party.see_box;
  return out;
}

json note_json(const EndUseNote& note, bool explain) {
  json out;
  out["text"] = note.text;
  out["system"] = note.system ? json(*note.system) : json(nullptr);
  out["military"] = note.military;
  out["negated"] = note.negated;
  out["contract_id"] = note.contract_id ? json(*note.contract_id) : json(nullptr);
  out["item_no"] = note.item_no ? json(*note.item_no) : json(nullptr);
  if (note.page > 0) out["page"] = note.page;
  if (note.bbox && !note.bbox->empty()) out["bbox"] = bbox_json(*note.bbox);
  if (explain) out["explain"] = json{{"matched", note.matched}};
  return out;
}

}  // namespace

nlohmann::json to_json(const Record& record, bool explain) {
  json out;
  out["schema"] = kRecordSchemaId;
  json source;
  source["path"] = record.source.path;
  if (!record.source.sha256.empty()) source["sha256"] = record.source.sha256;
  if (!record.source.media_type.empty()) source["media_type"] = record.source.media_type;
  source["pages"] = record.source.pages;
  json page_sources = json::array();
  for (const auto& page : record.source.page_sources)
    page_sources.push_back({{"page", page.page}, {"source", page.source}, {"reason", page.reason}});
  source["page_sources"] = page_sources;
  if (record.source.ocr_confidence)
    source["ocr_confidence"] = std::round(*record.source.ocr_confidence * 1000) / 1000;
  out["source"] = source;
  out["document_type"] = record.document_type;
  put(out, "declaration_number", record.declaration_number, explain);
  put(out, "declaration_date", record.declaration_date, explain);
  put(out, "direction", record.direction, explain);
  put(out, "procedure", record.procedure, explain);
  out["consignor"] = party_json(record.consignor, explain);
  out["consignee"] = party_json(record.consignee, explain);
  out["declarant"] = party_json(record.declarant, explain);
  put(out, "country_dispatch", record.country_dispatch, explain);
  put(out, "country_origin", record.country_origin, explain);
  put(out, "country_destination", record.country_destination, explain);
  json terms = json::object();
  put(terms, "incoterm", record.delivery_terms.incoterm, explain);
  put(terms, "place", record.delivery_terms.place, explain);
  out["delivery_terms"] = terms;
  put(out, "invoice_currency", record.invoice_currency, explain);
  put(out, "invoice_total", record.invoice_total, explain);
  put(out, "items_declared", record.items_declared, explain);
  json items = json::array();
  for (const Item& item : record.items) {
    json j = json::object();
    put(j, "item_no", item.item_no, explain);
    put(j, "hs_code", item.hs_code, explain);
    put(j, "description", item.description, explain);
    put(j, "origin_country", item.origin_country, explain);
    put(j, "gross_kg", item.gross_kg, explain);
    put(j, "net_kg", item.net_kg, explain);
    put(j, "invoice_price", item.invoice_price, explain);
    put(j, "customs_value", item.customs_value, explain);
    put(j, "statistical_value", item.statistical_value, explain);
    if (item.chpl_tier.present()) put(j, "chpl_tier", item.chpl_tier, explain);
    json notes = json::array();
    for (const auto& note : item.end_use) notes.push_back(note_json(note, explain));
    j["end_use"] = notes;
    j["flags"] = item.flags;
    items.push_back(j);
  }
  out["items"] = items;
  json notes = json::array();
  for (const auto& note : record.end_use) notes.push_back(note_json(note, explain));
  out["end_use"] = notes;
  json validation = json::array();
  for (const auto& result : record.validation)
    validation.push_back({{"field", result.field},
                          {"check", result.check},
                          {"ok", result.ok},
                          {"message", result.message}});
  out["validation"] = validation;
  out["warnings"] = record.warnings;
  out["errors"] = record.errors;
  if (explain) out["explain"] = {{"labels", record.explain_labels}};
  return out;
}

Record error_record(const std::string& path, const std::string& kind, const std::string& reason) {
  Record record;
  record.source.path = path;
  record.document_type = "unknown";
  record.errors.push_back(kind + ": " + reason);
  return record;
}

}  // namespace declx
