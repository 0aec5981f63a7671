#include "store/export.h"
#include "readers/page_model_json.h"

#include <csv.h>

#include <vector>

#include <nlohmann/json.hpp>

namespace declx::store {

using nlohmann::json;

namespace {

// Column name → SQL expression over documents d, items i, parties cr/ce/dc.
const std::vector<std::pair<std::string, std::string>>& csv_layout() {
  static const std::vector<std::pair<std::string, std::string>> layout = {
      {"sha256", "d.sha256"},
      {"path", "(SELECT min(path) FROM document_paths p WHERE p.document_id = d.id)"},
      {"status", "d.status"},
      {"error_kind", "d.error_kind"},
      {"error_message", "d.error_message"},
      {"media_type", "d.media_type"},
      {"pages", "d.pages"},
      {"document_type", "d.document_type"},
      {"declaration_number", "d.declaration_number"},
      {"declaration_date", "d.declaration_date"},
      {"direction", "d.direction"},
      {"procedure", "d.procedure"},
      {"consignor_name", "cr.name"},
      {"consignor_country", "cr.country"},
      {"consignee_name", "ce.name"},
      {"consignee_inn", "ce.inn"},
      {"consignee_kpp", "ce.kpp"},
      {"consignee_ogrn", "ce.ogrn"},
      {"consignee_country", "ce.country"},
      {"declarant_name", "dc.name"},
      {"declarant_inn", "dc.inn"},
      {"country_dispatch", "d.country_dispatch"},
      {"country_origin", "d.country_origin"},
      {"country_destination", "d.country_destination"},
      {"incoterm", "d.incoterm"},
      {"delivery_place", "d.delivery_place"},
      {"invoice_currency", "d.invoice_currency"},
      {"invoice_total", "d.invoice_total"},
      {"items_declared", "d.items_declared"},
      {"item_no", "i.item_no"},
      {"hs_code", "i.hs_code"},
      {"hs6", "i.hs6"},
      {"description", "i.description"},
      {"origin_country", "i.origin_country"},
      {"gross_kg", "i.gross_kg"},
      {"net_kg", "i.net_kg"},
      {"invoice_price", "i.invoice_price"},
      {"customs_value", "i.customs_value"},
      {"statistical_value", "i.statistical_value"},
      {"chpl_tier", "i.chpl_tier"},
      {"military_end_use", "CASE WHEN i.id IS NULL THEN NULL ELSE i.military END"},
      {"end_use_systems",
       "(SELECT group_concat(system, ';') FROM (SELECT DISTINCT n.system FROM end_use_notes n "
       "WHERE n.document_id = d.id AND n.item_no = i.item_no AND n.system IS NOT NULL "
       "ORDER BY n.system))"},
      {"flags", "(SELECT group_concat(f.flag, ';') FROM flags f WHERE f.item_id = i.id)"},
  };
  return layout;
}

bool needs_quotes(std::string_view field) {
  if (field.empty()) return false;
  if (field.front() == ' ' || field.back() == ' ') return true;
  return field.find_first_of(",\"\r\n") != std::string_view::npos;
}

}  // namespace

const std::vector<std::string>& csv_columns() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> result;
    for (const auto& [name, expression] : csv_layout()) result.push_back(name);
    return result;
  }();
  return names;
}

void write_csv_field(std::FILE* out, std::string_view field) {
  if (field.empty()) return;  // (a NULL column's view has no data pointer at all)
  if (needs_quotes(field))
    csv_fwrite(out, field.data(), field.size());  // libcsv: quotes, doubling inner quotes
  else
    std::fwrite(field.data(), 1, field.size(), out);
}

long long export_csv(Database& db, std::FILE* out, const ExportOptions& options) {
  std::string sql = "SELECT ";
  bool first = true;
  for (const auto& [name, expression] : csv_layout()) {
    if (!first) sql += ", ";
    sql += expression;
    first = false;
  }
  sql +=
      " FROM documents d"
      " LEFT JOIN parties cr ON cr.document_id = d.id AND cr.role = 'consignor'"
      " LEFT JOIN parties ce ON ce.document_id = d.id AND ce.role = 'consignee'"
      " LEFT JOIN parties dc ON dc.document_id = d.id AND dc.role = 'declarant'"
      " LEFT JOIN items i ON i.document_id = d.id";
  if (!options.include_failed) sql += " WHERE d.status = 'done'";
  sql += " ORDER BY d.id, i.item_no, i.id";

  if (options.byte_order_mark) std::fputs("\xEF\xBB\xBF", out);
  const auto& names = csv_columns();
  for (std::size_t column = 0; column < names.size(); ++column) {
    if (column) std::fputc(',', out);
    write_csv_field(out, names[column]);
  }
  std::fputs("\r\n", out);

  Statement rows = db.prepare(sql);
  long long count = 0;
  int columns = rows.column_count();
  while (rows.step()) {
    for (int column = 0; column < columns; ++column) {
      if (column) std::fputc(',', out);
      write_csv_field(out, rows.column_view(column));
    }
    std::fputs("\r\n", out);
    ++count;
  }
  return count;
}

long long export_jsonl(Database& db, std::FILE* out, const ExportOptions& options) {
  std::string sql =
      "SELECT d.status, d.record_json, d.sha256, d.media_type, d.pages, d.error_kind, "
      "d.error_message, (SELECT min(path) FROM document_paths p WHERE p.document_id = d.id) "
      "FROM documents d";
  if (!options.include_failed) sql += " WHERE d.status = 'done'";
  sql += " ORDER BY d.id";
  Statement rows = db.prepare(sql);
  long long count = 0;
  while (rows.step()) {
    if (rows.column_view(0) == "done" && !rows.is_null(1)) {
      std::string_view record = rows.column_view(1);
      std::fwrite(record.data(), 1, record.size(), out);
    } else {
      json source = {{"path", rows.column_text(7)}, {"sha256", rows.column_text(2)}};
      if (!rows.is_null(3)) source["media_type"] = rows.column_text(3);
      if (!rows.is_null(4)) source["pages"] = rows.column_int(4);
      json record = {{"schema", "declx.record/1"},
                     {"source", source},
                     {"document_type", "unknown"},
                     {"status", rows.column_text(0)},
                     {"errors", json::array({rows.column_text(5) + ": " + rows.column_text(6)})}};
      std::string line = dump_json(record);
      std::fwrite(line.data(), 1, line.size(), out);
    }
    std::fputc('\n', out);
    ++count;
  }
  return count;
}

}  // namespace declx::store
