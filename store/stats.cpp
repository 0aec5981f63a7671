#include "store/stats.h"

#include <cstdio>

namespace declx::store {

using nlohmann::json;

namespace {

json column_value(const Statement& row, int column) {
  if (row.is_null(column)) return nullptr;
  return row.column_text(column);
}

std::int64_t single_number(Database& db, const char* sql) {
  Statement query = db.prepare(sql);
  query.step();
  return query.column_int(0);
}

}  // namespace

json collect_stats(Database& db, int top) {
  json stats;
  stats["documents"] = json::object();
  {
    Statement query = db.prepare("SELECT status, count(*) FROM documents GROUP BY status");
    while (query.step()) stats["documents"][query.column_text(0)] = query.column_int(1);
  }
  stats["errors"] = json::object();
  {
    Statement query = db.prepare(
        "SELECT error_kind, count(*) FROM documents WHERE status = 'failed' GROUP BY error_kind "
        "ORDER BY 2 DESC");
    while (query.step()) stats["errors"][query.column_text(0)] = query.column_int(1);
  }
  stats["unreadable_files"] = single_number(db, "SELECT count(*) FROM file_errors");
  stats["paths"] = single_number(db, "SELECT count(*) FROM document_paths");
  stats["pages"] =
      single_number(db, "SELECT coalesce(sum(pages), 0) FROM documents WHERE status = 'done'");
  stats["ocr_pages"] =
      single_number(db, "SELECT coalesce(sum(ocr_pages), 0) FROM documents WHERE status = 'done'");
  stats["declarations"] = single_number(
      db, "SELECT count(*) FROM documents WHERE status = 'done' AND document_type = 'declaration'");
  stats["items"] = single_number(db, "SELECT count(*) FROM items");

  stats["consignees"] = json::array();
  {
    Statement query = db.prepare(
        "SELECT p.inn, p.name, count(DISTINCT p.document_id), count(i.id) "
        "FROM parties p LEFT JOIN items i ON i.document_id = p.document_id "
        "WHERE p.role = 'consignee' GROUP BY p.inn, p.name "
        "ORDER BY 3 DESC, 4 DESC, p.inn LIMIT ?");
    query.bind(1, top);
    while (query.step())
      stats["consignees"].push_back({{"inn", column_value(query, 0)},
                                     {"name", column_value(query, 1)},
                                     {"documents", query.column_int(2)},
                                     {"items", query.column_int(3)}});
  }
  stats["hs6"] = json::array();
  {
    Statement query = db.prepare(
        "SELECT hs6, count(*), count(DISTINCT document_id) FROM items WHERE hs6 IS NOT NULL "
        "GROUP BY hs6 ORDER BY 2 DESC, hs6 LIMIT ?");
    query.bind(1, top);
    while (query.step())
      stats["hs6"].push_back({{"hs6", query.column_text(0)},
                              {"items", query.column_int(1)},
                              {"documents", query.column_int(2)}});
  }
  stats["chpl_tiers"] = json::array();
  {
    Statement query = db.prepare(
        "SELECT chpl_tier, count(*) FROM items GROUP BY chpl_tier ORDER BY chpl_tier IS NULL, "
        "chpl_tier");
    while (query.step())
      stats["chpl_tiers"].push_back(
          {{"tier", column_value(query, 0)}, {"items", query.column_int(1)}});
  }
  json military;
  military["items"] = single_number(db, "SELECT count(*) FROM items WHERE military = 1");
  military["documents"] =
      single_number(db, "SELECT count(DISTINCT document_id) FROM end_use_notes WHERE military = 1");
  military["civil_claims"] =
      single_number(db, "SELECT count(DISTINCT document_id) FROM end_use_notes WHERE negated = 1");
  military["systems"] = json::array();
  {
    Statement query = db.prepare(
        "SELECT system, count(DISTINCT document_id), count(*) FROM end_use_notes "
        "WHERE military = 1 AND system IS NOT NULL GROUP BY system ORDER BY 2 DESC, system "
        "LIMIT ?");
    query.bind(1, top);
    while (query.step())
      military["systems"].push_back({{"system", query.column_text(0)},
                                     {"documents", query.column_int(1)},
                                     {"notes", query.column_int(2)}});
  }
  stats["military"] = military;
  return stats;
}

std::string format_stats(const json& stats) {
  std::string out;
  char line[512];
  auto text = [](const json& value) {
    return value.is_null()     ? std::string("-")
           : value.is_string() ? value.get<std::string>()
                               : value.dump();
  };
  auto count = [&](const char* key) { return stats.value(key, json(0)).get<long long>(); };
  long long done = stats["documents"].value("done", 0LL);
  long long failed = stats["documents"].value("failed", 0LL);
  std::snprintf(line, sizeof line,
                "Documents: %lld done (%lld declarations), %lld failed; %lld unreadable files; "
                "%lld paths\n",
                done, count("declarations"), failed, count("unreadable_files"), count("paths"));
  out += line;
  std::snprintf(line, sizeof line, "Pages: %lld (%lld OCR); goods items: %lld\n", count("pages"),
                count("ocr_pages"), count("items"));
  out += line;
  if (!stats["errors"].empty()) {
    out += "\nFailures by kind:\n";
    for (const auto& [kind, n] : stats["errors"].items()) {
      std::snprintf(line, sizeof line, "  %-14s %8lld\n", kind.c_str(), n.get<long long>());
      out += line;
    }
  }
  out += "\nConsignees (documents, items):\n";
  for (const json& row : stats["consignees"]) {
    std::snprintf(line, sizeof line, "  %6lld %7lld  %-12s %s\n", row["documents"].get<long long>(),
                  row["items"].get<long long>(), text(row["inn"]).c_str(),
                  text(row["name"]).c_str());
    out += line;
  }
  out += "\nHS-6 headings (items, documents):\n";
  for (const json& row : stats["hs6"]) {
    std::snprintf(line, sizeof line, "  %-8s %7lld %7lld\n", text(row["hs6"]).c_str(),
                  row["items"].get<long long>(), row["documents"].get<long long>());
    out += line;
  }
  out += "\nCHPL tiers (items):\n";
  for (const json& row : stats["chpl_tiers"]) {
    std::snprintf(line, sizeof line, "  %-8s %7lld\n",
                  row["tier"].is_null() ? "(none)" : text(row["tier"]).c_str(),
                  row["items"].get<long long>());
    out += line;
  }
  const json& military = stats["military"];
  std::snprintf(line, sizeof line,
                "\nMilitary end use: %lld items in %lld documents; civil-use claims in %lld "
                "documents\n",
                military["items"].get<long long>(), military["documents"].get<long long>(),
                military["civil_claims"].get<long long>());
  out += line;
  for (const json& row : military["systems"]) {
    std::snprintf(line, sizeof line, "  %-16s %5lld documents %5lld notes\n",
                  text(row["system"]).c_str(), row["documents"].get<long long>(),
                  row["notes"].get<long long>());
    out += line;
  }
  return out;
}

}  // namespace declx::store
