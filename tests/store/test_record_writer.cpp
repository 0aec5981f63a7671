// Schema creation and the single writer: a record's rows land in the right tables, the
// analysts' query is one indexed lookup, retries replace rows, and a process that dies
// mid-batch leaves nothing half-written.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "store/record_writer.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "tests/store/store_test_util.h"

using declx::store::Database;
using declx::store::DocumentOutcome;
using declx::store::RecordWriter;
using declx::test::sample_record;
using declx::test::ScratchDir;

namespace {

std::int64_t count(Database& db, const std::string& sql) {
  auto query = db.prepare(sql);
  REQUIRE(query.step());
  return query.column_int(0);
}

DocumentOutcome done_outcome(const std::string& sha256, const nlohmann::json& record) {
  DocumentOutcome outcome;
  outcome.sha256 = sha256;
  outcome.paths = {"/in/" + sha256 + ".pdf"};
  outcome.media_type = "application/pdf";
  outcome.pages = 2;
  outcome.ok = true;
  outcome.record = &record;
  return outcome;
}

}  // namespace

TEST_CASE("schema is created once, versioned, and refuses foreign or newer databases") {
  ScratchDir dir;
  {
    Database db(dir / "a.sqlite");
    declx::store::ensure_schema(db);
    declx::store::ensure_schema(db);  // idempotent
    CHECK(count(db, "SELECT max(version) FROM schema_version") == declx::store::kSchemaVersion);
    CHECK(count(db, "SELECT count(*) FROM schema_version") == 1);
    for (const char* index :
         {"items_hs_code", "items_hs6", "parties_inn", "documents_declaration_number",
          "end_use_notes_system", "items_chpl_tier"}) {
      auto query = db.prepare("SELECT count(*) FROM sqlite_master WHERE type='index' AND name=?");
      query.bind(1, index);
      REQUIRE(query.step());
      INFO(index);
      CHECK(query.column_int(0) == 1);
    }
    db.exec("INSERT INTO schema_version(version) VALUES (99)");
    CHECK_THROWS_WITH(declx::store::ensure_schema(db), Catch::Contains("newer"));
    CHECK_THROWS_WITH(declx::store::check_schema(db), Catch::Contains("newer"));
  }
  {
    Database other(dir / "other.sqlite");
    other.exec("CREATE TABLE t(x)");
    CHECK_THROWS_WITH(declx::store::ensure_schema(other), Catch::Contains("not a declx"));
  }
}

TEST_CASE("writer flattens a record into parties, items, notes, flags and validation") {
  ScratchDir dir;
  nlohmann::json record = sample_record("aa11", "РАДИОПРИЕМНИК");
  {
    RecordWriter writer(dir / "db.sqlite");
    writer.write(done_outcome("aa11", record));
    writer.commit();
  }
  Database db(dir / "db.sqlite");
  CHECK(count(db, "SELECT count(*) FROM documents WHERE status='done'") == 1);
  CHECK(count(db, "SELECT count(*) FROM parties") == 3);
  CHECK(count(db, "SELECT count(*) FROM items") == 2);
  CHECK(count(db, "SELECT count(*) FROM end_use_notes WHERE system='S-400' AND military=1") == 1);
  CHECK(count(db, "SELECT count(*) FROM flags WHERE flag='chpl:3.A'") == 1);
  CHECK(count(db, "SELECT count(*) FROM validation WHERE ok=1") == 1);
  CHECK(count(db, "SELECT count(*) FROM document_paths") == 1);

  auto header = db.prepare(
      "SELECT declaration_number, declaration_date, incoterm, delivery_place, invoice_total, "
      "items_declared, record_json FROM documents");
  REQUIRE(header.step());
  CHECK(header.column_text(0) == "10005030/150322/0123456");
  CHECK(header.column_text(1) == "2022-03-15");
  CHECK(header.column_text(2) == "FCA");
  CHECK(header.column_text(3) == "ПЕКИН");
  CHECK(header.column_double(4) == Approx(12345.67));
  CHECK(header.column_int(5) == 2);
  CHECK(nlohmann::json::parse(header.column_text(6)) == record);

  auto item =
      db.prepare("SELECT hs_code, hs6, net_kg, chpl_tier, military FROM items ORDER BY item_no");
  REQUIRE(item.step());
  CHECK(item.column_text(0) == "8529109000");
  CHECK(item.column_text(1) == "852910");
  CHECK(item.column_double(2) == Approx(1.2));
  CHECK(item.column_text(3) == "3.A");
  CHECK(item.column_int(4) == 1);
  REQUIRE(item.step());
  CHECK(item.is_null(2));
  CHECK(item.column_int(4) == 0);

  // The README's query: every item under 852910 sent to INN 7731084175.
  const char* query_sql =
      "SELECT d.declaration_number, i.item_no, i.hs_code, i.description FROM items i "
      "JOIN parties p ON p.document_id = i.document_id AND p.role = 'consignee' "
      "JOIN documents d ON d.id = i.document_id "
      "WHERE i.hs6 = '852910' AND p.inn = '7731084175'";
  auto analyst = db.prepare(query_sql);
  REQUIRE(analyst.step());
  CHECK(analyst.column_text(3) == "РАДИОПРИЕМНИК");
  CHECK_FALSE(analyst.step());
  auto plan = db.prepare(std::string("EXPLAIN QUERY PLAN ") + query_sql);
  std::string details;
  while (plan.step()) details += plan.column_text(3) + "\n";
  INFO(details);
  CHECK(details.find("USING INDEX") != std::string::npos);
  CHECK(details.find("SCAN i") == std::string::npos);
}

TEST_CASE("a retried document replaces its rows and keeps its paths") {
  ScratchDir dir;
  RecordWriter writer(dir / "db.sqlite");
  DocumentOutcome failed;
  failed.sha256 = "bb22";
  failed.paths = {"/in/first.pdf"};
  failed.ok = false;
  failed.error_kind = "timed_out";
  failed.error_message = "timed out after 5 s";
  writer.write(failed);
  CHECK(writer.status_of("bb22") == std::optional<std::string>("failed"));
  writer.add_path("bb22", "/in/copy.pdf");

  nlohmann::json record = sample_record("bb22", "X");
  DocumentOutcome retried = done_outcome("bb22", record);
  retried.paths = {"/in/first.pdf"};
  writer.write(retried);
  writer.write(retried);  // twice: still one set of rows
  writer.commit();
  Database& db = writer.database();
  CHECK(count(db, "SELECT count(*) FROM documents") == 1);
  CHECK(count(db, "SELECT count(*) FROM documents WHERE status='done' AND error_kind IS NULL") ==
        1);
  CHECK(count(db, "SELECT count(*) FROM items") == 2);
  CHECK(count(db, "SELECT count(*) FROM document_paths") == 2);
  CHECK_FALSE(writer.status_of("cc33").has_value());
}

TEST_CASE("unreadable paths go to file_errors and leave it once readable") {
  ScratchDir dir;
  RecordWriter writer(dir / "db.sqlite");
  writer.record_file_error("/in/x.pdf", "unreadable", "Permission denied");
  writer.record_file_error("/in/x.pdf", "unreadable", "Permission denied");
  CHECK(count(writer.database(), "SELECT count(*) FROM file_errors") == 1);
  nlohmann::json record = sample_record("dd44", "X");
  DocumentOutcome outcome = done_outcome("dd44", record);
  outcome.paths = {"/in/x.pdf"};
  writer.write(outcome);
  CHECK(count(writer.database(), "SELECT count(*) FROM file_errors") == 0);
}

TEST_CASE("a process killed inside a batch leaves committed documents and nothing else") {
  ScratchDir dir;
  std::string path = dir / "db.sqlite";
  {
    RecordWriter writer(path);
    nlohmann::json record = sample_record("ee55", "X");
    writer.write(done_outcome("ee55", record));
    writer.commit();
  }
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The batch is written but never committed: _exit stands in for SIGKILL.
    RecordWriter writer(path, {.batch_documents = 1000, .batch_seconds = 1000});
    nlohmann::json record = sample_record("ff66", "Y");
    writer.write(done_outcome("ff66", record));
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  Database db(path);
  CHECK(count(db, "SELECT count(*) FROM documents") == 1);
  CHECK(count(db, "SELECT count(*) FROM items") == 2);
  auto check = db.prepare("PRAGMA integrity_check");
  REQUIRE(check.step());
  CHECK(check.column_text(0) == "ok");
  auto mode = db.prepare("PRAGMA journal_mode");
  REQUIRE(mode.step());
  CHECK(mode.column_text(0) == "wal");
}

TEST_CASE("batches commit by size") {
  ScratchDir dir;
  RecordWriter writer(dir / "db.sqlite", {.batch_documents = 2, .batch_seconds = 1000});
  nlohmann::json record = sample_record("a1", "X");
  writer.write(done_outcome("a1", record));
  writer.commit_if_due();
  CHECK(writer.database().in_transaction());
  writer.write(done_outcome("a2", record));
  writer.commit_if_due();
  CHECK_FALSE(writer.database().in_transaction());
}
