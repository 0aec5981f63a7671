// Export and stats over a database the writer filled: CSV parsed back with libcsv's parser
// (quotes, commas, newlines, Cyrillic survive; one row per item; a document without items
// still has a row), JSON Lines parsed back, and the stats figures.
#include <csv.h>

#include <catch2/catch.hpp>
#include <cstdio>

#include "store/export.h"
#include "store/record_writer.h"
#include "store/stats.h"
#include "tests/store/store_test_util.h"
#include "tests/store/tiny_pdf.h"

using declx::store::Database;
using declx::store::DocumentOutcome;
using declx::store::RecordWriter;
using declx::test::sample_record;
using declx::test::ScratchDir;
using nlohmann::json;

namespace {

using Rows = std::vector<std::vector<std::string>>;

struct CsvCollector {
  Rows rows;
  std::vector<std::string> row;
};

Rows parse_csv(const std::string& text) {
  csv_parser parser;
  REQUIRE(csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) == 0);
  CsvCollector collector;
  auto on_field = [](void* data, size_t size, void* user) {
    static_cast<CsvCollector*>(user)->row.emplace_back(static_cast<const char*>(data), size);
  };
  auto on_row = [](int, void* user) {
    auto* c = static_cast<CsvCollector*>(user);
    c->rows.push_back(std::move(c->row));
    c->row.clear();
  };
  size_t parsed = csv_parse(&parser, text.data(), text.size(), on_field, on_row, &collector);
  CHECK(parsed == text.size());
  CHECK(csv_fini(&parser, on_field, on_row, &collector) == 0);
  csv_free(&parser);
  return collector.rows;
}

std::string export_to_string(Database& db, bool csv, const declx::store::ExportOptions& options) {
  char* buffer = nullptr;
  size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  if (csv)
    declx::store::export_csv(db, out, options);
  else
    declx::store::export_jsonl(db, out, options);
  std::fclose(out);
  std::string text(buffer, size);
  std::free(buffer);
  return text;
}

const std::string kNasty = "ПРИЕМНИК \"ЛУЧ\", модель 7\nвторая строка, с запятой; \"кавычки\"";

void fill(const std::string& path) {
  RecordWriter writer(path);
  json first = sample_record("aa", kNasty);
  DocumentOutcome done;
  done.sha256 = "aa";
  done.paths = {"/in/a.pdf", "/in/copy of a.pdf"};
  done.ok = true;
  done.record = &first;
  writer.write(done);

  json empty = {
      {"schema", "declx.record/1"}, {"document_type", "unknown"}, {"items", json::array()}};
  DocumentOutcome no_items;
  no_items.sha256 = "bb";
  no_items.paths = {"/in/b.pdf"};
  no_items.ok = true;
  no_items.record = &empty;
  writer.write(no_items);

  DocumentOutcome failed;
  failed.sha256 = "cc";
  failed.paths = {"/in/c.pdf"};
  failed.error_kind = "corrupt";
  failed.error_message = "PDF trailer not found";
  writer.write(failed);
  writer.commit();
}

}  // namespace

TEST_CASE("CSV export: one row per item, header fields repeated, RFC 4180 quoting") {
  ScratchDir dir;
  fill(dir / "db.sqlite");
  Database db(dir / "db.sqlite");
  std::string text = export_to_string(db, true, {});
  REQUIRE(text.rfind("\xEF\xBB\xBF", 0) == 0);  // BOM
  Rows rows = parse_csv(text.substr(3));
  REQUIRE(rows.size() == 1 + 2 + 1);  // header, two items of "aa", one row for "bb"
  const auto& header = rows[0];
  CHECK(header == declx::store::csv_columns());
  auto column = [&](const std::string& name) {
    auto found = std::find(header.begin(), header.end(), name);
    REQUIRE(found != header.end());
    return static_cast<std::size_t>(found - header.begin());
  };
  for (std::size_t r = 1; r < rows.size(); ++r) CHECK(rows[r].size() == header.size());
  CHECK(rows[1][column("description")] == kNasty);
  CHECK(rows[1][column("hs_code")] == "8529109000");
  CHECK(rows[1][column("consignee_inn")] == "7731084175");
  CHECK(rows[1][column("consignee_name")] == "АО \"КОНЦЕРН ВКО \"АЛМАЗ-АНТЕЙ\"");
  CHECK(rows[1][column("military_end_use")] == "1");
  CHECK(rows[1][column("end_use_systems")] == "S-400");
  CHECK(rows[1][column("flags")] == "chpl:3.A;military-end-use");
  CHECK(rows[1][column("path")] == "/in/a.pdf");
  CHECK(rows[2][column("item_no")] == "2");
  CHECK(rows[2][column("declaration_number")] == "10005030/150322/0123456");  // repeated
  CHECK(rows[2][column("military_end_use")] == "0");
  CHECK(rows[3][column("sha256")] == "bb");
  CHECK(rows[3][column("item_no")].empty());
  // Lines end in CRLF outside quoted fields.
  CHECK(text.substr(text.size() - 2) == "\r\n");

  declx::store::ExportOptions with_failed;
  with_failed.include_failed = true;
  with_failed.byte_order_mark = false;
  std::string all = export_to_string(db, true, with_failed);
  Rows all_rows = parse_csv(all);
  REQUIRE(all_rows.size() == 5);
  CHECK(all_rows[4][column("status")] == "failed");
  CHECK(all_rows[4][column("error_kind")] == "corrupt");
}

TEST_CASE("CSV fields are quoted only when they must be") {
  char* buffer = nullptr;
  size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  for (const char* field : {"plain", "a,b", "say \"hi\"", "two\nlines", " padded", ""}) {
    declx::store::write_csv_field(out, field);
    std::fputc('|', out);
  }
  std::fclose(out);
  std::string text(buffer, size);
  std::free(buffer);
  CHECK(text == "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\" padded\"||");
}

TEST_CASE("JSON Lines export: the stored records, one per line, failed ones on request") {
  ScratchDir dir;
  fill(dir / "db.sqlite");
  Database db(dir / "db.sqlite");
  std::string text = export_to_string(db, false, {});
  std::vector<json> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    REQUIRE(end != std::string::npos);
    lines.push_back(json::parse(text.substr(start, end - start)));
    start = end + 1;
  }
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == sample_record("aa", kNasty));
  CHECK(lines[1]["document_type"] == "unknown");

  declx::store::ExportOptions with_failed;
  with_failed.include_failed = true;
  std::string all = export_to_string(db, false, with_failed);
  CHECK(std::count(all.begin(), all.end(), '\n') == 3);
  json failed = json::parse(all.substr(all.rfind('\n', all.size() - 2) + 1));
  CHECK(failed["status"] == "failed");
  CHECK(failed["source"]["sha256"] == "cc");
  CHECK(failed["source"]["path"] == "/in/c.pdf");
  CHECK(failed["errors"][0] == "corrupt: PDF trailer not found");
}

TEST_CASE("stats count status, consignees, HS-6, CHPL tiers and military end use") {
  ScratchDir dir;
  fill(dir / "db.sqlite");
  Database db(dir / "db.sqlite");
  json stats = declx::store::collect_stats(db);
  CHECK(stats["documents"]["done"] == 2);
  CHECK(stats["documents"]["failed"] == 1);
  CHECK(stats["errors"]["corrupt"] == 1);
  CHECK(stats["items"] == 2);
  CHECK(stats["paths"] == 4);
  REQUIRE(stats["consignees"].size() == 1);
  CHECK(stats["consignees"][0]["inn"] == "7731084175");
  CHECK(stats["consignees"][0]["documents"] == 1);
  CHECK(stats["consignees"][0]["items"] == 2);
  REQUIRE(stats["hs6"].size() == 2);
  CHECK(stats["hs6"][0]["items"] == 1);
  CHECK(stats["military"]["items"] == 1);
  CHECK(stats["military"]["documents"] == 1);
  CHECK(stats["military"]["systems"][0]["system"] == "S-400");
  bool found_tier = false;
  for (const json& tier : stats["chpl_tiers"])
    if (tier["tier"] == "3.A") found_tier = tier["items"] == 1;
  CHECK(found_tier);
  std::string text = declx::store::format_stats(stats);
  CHECK(text.find("2 done") != std::string::npos);
  CHECK(text.find("7731084175") != std::string::npos);
  CHECK(text.find("S-400") != std::string::npos);
}
