// `declx ingest`, `export` and `stats` end to end: the real binary (DECLX_BINARY_PATH),
// real worker processes, real SQLite. Inputs are tiny born-digital PDFs written by the test
// (no OCR) plus one bundled sample; crashes and hangs come from the worker's test-only
// hooks (DECLX_TEST_CRASH_ON / _ABORT_ON / _HANG_ON / _DELAY_MS, see store/ingest_worker.h).
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csv.h>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <sstream>
#include <thread>

#include "store/sqlite.h"
#include "tests/store/store_test_util.h"
#include "tests/store/tiny_pdf.h"
#include "tests/support/process.h"

using declx::store::Database;
using declx::test::read_file;
using declx::test::run_declx;
using declx::test::ScratchDir;
using declx::test::tiny_pdf;
using declx::test::wait_exit_code;
using declx::test::write_file;
using nlohmann::json;

namespace {

pid_t spawn_declx(const std::vector<std::string>& arguments, const std::vector<std::string>& env,
                  const std::string& stdout_path, const std::string& stderr_path) {
  std::vector<std::string> argv = {DECLX_BINARY_PATH};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  pid_t pid = declx::test::spawn_process(argv, stdout_path, stderr_path, env);
  REQUIRE(pid > 0);
  return pid;
}

std::int64_t count(Database& db, const std::string& sql) {
  auto query = db.prepare(sql);
  REQUIRE(query.step());
  return query.column_int(0);
}

std::string text(Database& db, const std::string& sql) {
  auto query = db.prepare(sql);
  REQUIRE(query.step());
  return query.column_text(0);
}

void check_integrity(Database& db) {
  auto check = db.prepare("PRAGMA integrity_check");
  REQUIRE(check.step());
  CHECK(check.column_text(0) == "ok");
  CHECK(count(db, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
}

// `n` distinct tiny PDFs in dir/in.
void make_pdfs(const ScratchDir& dir, int n, const std::string& prefix = "doc") {
  std::filesystem::create_directories(dir / "in");
  for (int i = 0; i < n; ++i)
    write_file(dir / ("in/" + prefix + std::to_string(i) + ".pdf"),
               tiny_pdf(prefix + std::to_string(i)));
}

}  // namespace

TEST_CASE("ingest: every file recorded once, duplicates kept as paths, bad files with reasons") {
  ScratchDir dir;
  make_pdfs(dir, 3);
  std::filesystem::create_directories(dir / "in/sub");
  write_file(dir / "in/sub/copy of doc0.pdf", tiny_pdf("doc0"));
  write_file(dir / "in/notes.txt", "not a declaration\n");
  write_file(dir / "in/empty.pdf", "");
  write_file(dir / "in/truncated.pdf", tiny_pdf("cut").substr(0, 200));
  std::string db_path = dir / "in/db.sqlite";  // inside the walked folder: must be skipped

  auto first = run_declx({"ingest", dir / "in", "--db", db_path, "--jobs", "2"});
  CHECK(first.exit_code == 1);  // some failed
  CHECK(first.err.find("3 failed") != std::string::npos);
  CHECK(first.err.find("1 duplicates") != std::string::npos);
  CHECK(first.err.find("notes.txt: unsupported") != std::string::npos);
  CHECK(first.err.find('\r') == std::string::npos);  // stderr is no terminal: no progress line
  {
    Database db(db_path);
    check_integrity(db);
    CHECK(count(db, "SELECT count(*) FROM documents WHERE status = 'done'") == 3);
    CHECK(count(db, "SELECT count(*) FROM documents WHERE status = 'failed'") == 3);
    CHECK(count(db, "SELECT count(*) FROM documents WHERE pages = 1 AND status = 'done'") == 3);
    CHECK(count(db, "SELECT count(*) FROM document_paths") == 7);
    CHECK(count(db,
                "SELECT count(*) FROM document_paths p JOIN documents d ON d.id = "
                "p.document_id GROUP BY d.id ORDER BY 1 DESC LIMIT 1") == 2);
    CHECK(text(db,
               "SELECT error_kind FROM documents d JOIN document_paths p ON p.document_id = "
               "d.id WHERE p.path LIKE '%notes.txt'") == "unsupported");
    CHECK(text(db,
               "SELECT error_kind FROM documents d JOIN document_paths p ON p.document_id = "
               "d.id WHERE p.path LIKE '%empty.pdf'") == "corrupt");
    CHECK(text(db,
               "SELECT error_kind FROM documents d JOIN document_paths p ON p.document_id = "
               "d.id WHERE p.path LIKE '%truncated.pdf'") == "corrupt");
    CHECK(count(db, "SELECT count(*) FROM document_paths WHERE path LIKE '%db.sqlite%'") == 0);
    json record = json::parse(text(db, "SELECT record_json FROM documents WHERE status = 'done'"));
    CHECK(record["schema"] == "declx.record/1");
    CHECK(record["source"]["sha256"].get<std::string>().size() == 64);
  }

  // The same command again: nothing is read twice, failures stay recorded, exit still 1.
  auto second = run_declx({"ingest", dir / "in", "--db", db_path, "--quiet"});
  CHECK(second.exit_code == 1);
  CHECK(second.err.empty());  // --quiet
  {
    Database db(db_path);
    CHECK(count(db, "SELECT count(*) FROM documents") == 6);
    CHECK(count(db, "SELECT count(*) FROM document_paths") == 7);
  }
  // Without the bad files every input is done: exit 0.
  auto good = run_declx({"ingest", dir / "in/doc0.pdf", dir / "in/doc1.pdf", "--db", db_path});
  CHECK(good.exit_code == 0);
  CHECK(good.err.find("2 skipped") != std::string::npos);
}

TEST_CASE("ingest: a worker that segfaults or aborts fails only its document") {
  ScratchDir dir;
  make_pdfs(dir, 3);
  write_file(dir / "in/crashme.pdf", tiny_pdf("crashme"));
  write_file(dir / "in/abortme.pdf", tiny_pdf("abortme"));
  std::string db_path = dir / "db.sqlite";
  auto result = run_declx({"ingest", dir / "in", "--db", db_path, "--jobs", "2"},
                          {"DECLX_TEST_CRASH_ON=crashme", "DECLX_TEST_ABORT_ON=abortme"});
  CHECK(result.exit_code == 1);
  Database db(db_path);
  check_integrity(db);
  CHECK(count(db, "SELECT count(*) FROM documents WHERE status = 'done'") == 3);
  std::string crashed = text(db,
                             "SELECT error_kind || ': ' || error_message FROM documents d JOIN "
                             "document_paths p ON p.document_id = d.id WHERE p.path LIKE "
                             "'%crashme.pdf'");
  CHECK_THAT(crashed, Catch::StartsWith("crashed: "));
  CHECK_THAT(crashed, Catch::EndsWith("while reading page 1"));
#if !defined(__SANITIZE_ADDRESS__)
  // (under ASan the sanitizer catches the SIGSEGV and the worker exits with status 1)
  CHECK_THAT(crashed, Catch::Contains("signal 11 (SIGSEGV)"));
#endif
  std::string aborted = text(db,
                             "SELECT error_message FROM documents d JOIN document_paths p ON "
                             "p.document_id = d.id WHERE p.path LIKE '%abortme.pdf'");
  CHECK_THAT(aborted, Catch::Contains("SIGABRT"));
}

TEST_CASE("ingest: a document over --timeout is killed and the batch goes on") {
  ScratchDir dir;
  make_pdfs(dir, 3);
  write_file(dir / "in/hangme.pdf", tiny_pdf("hangme"));
  std::string db_path = dir / "db.sqlite";
  auto started = std::chrono::steady_clock::now();
  auto result = run_declx({"ingest", dir / "in", "--db", db_path, "--jobs", "2", "--timeout", "2",
                           "--log-json", dir / "log.jsonl"},
                          {"DECLX_TEST_HANG_ON=hangme"});
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(result.exit_code == 1);
  CHECK(seconds < 30);
  Database db(db_path);
  check_integrity(db);
  CHECK(count(db, "SELECT count(*) FROM documents WHERE status = 'done'") == 3);
  CHECK(text(db,
             "SELECT error_kind || ': ' || error_message FROM documents WHERE status = "
             "'failed'") == "timed_out: timed out after 2 s while reading page 1");

  // The JSON Lines log: a start event, one event per document, a summary.
  std::string log = read_file(dir / "log.jsonl");
  std::vector<json> events;
  std::size_t start = 0;
  while (start < log.size()) {
    std::size_t end = log.find('\n', start);
    REQUIRE(end != std::string::npos);
    events.push_back(json::parse(log.substr(start, end - start)));
    start = end + 1;
  }
  REQUIRE(events.size() >= 6);
  CHECK(events.front()["event"] == "start");
  CHECK(events.back()["event"] == "summary");
  CHECK(events.back()["done"] == 3);
  CHECK(events.back()["failed"] == 1);
  int documents = 0;
  for (const json& event : events)
    if (event["event"] == "document") ++documents;
  CHECK(documents == 4);
}

TEST_CASE("ingest: killed with SIGKILL mid-run and re-run, every document exactly once") {
  ScratchDir dir;
  const int kDocuments = 24;
  make_pdfs(dir, kDocuments);
  std::string db_path = dir / "db.sqlite";
  std::vector<std::string> command = {"ingest", dir / "in", "--db", db_path, "--jobs", "2"};

  // Two kills at different points, then a run to completion.
  for (int kill_after : {1, 8}) {
    pid_t pid = spawn_declx(command, {"DECLX_TEST_DELAY_MS=150"}, dir / "out", dir / "err");
    std::int64_t done = 0;
    for (int attempt = 0; attempt < 1000; ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      if (!std::filesystem::exists(db_path)) continue;
      try {
        Database watcher(db_path, Database::Mode::ReadOnly);
        done = count(watcher, "SELECT count(*) FROM documents WHERE status = 'done'");
      } catch (const declx::store::SqliteError&) {
        continue;  // schema not created yet
      }
      if (done >= kill_after) break;
    }
    REQUIRE(kill(pid, SIGKILL) == 0);
    CHECK(wait_exit_code(pid) == 128 + SIGKILL);
    INFO("documents done when killed: " << done);
    CHECK(done >= kill_after);
    CHECK(done < kDocuments);  // it really was killed part-way
    Database db(db_path);
    check_integrity(db);
  }
  auto final_run = run_declx(command);
  CHECK(final_run.exit_code == 0);
  Database db(db_path);
  check_integrity(db);
  CHECK(count(db, "SELECT count(*) FROM documents") == kDocuments);
  CHECK(count(db, "SELECT count(*) FROM documents WHERE status = 'done'") == kDocuments);
  CHECK(count(db, "SELECT count(DISTINCT sha256) FROM documents") == kDocuments);
  CHECK(count(db, "SELECT count(*) FROM document_paths") == kDocuments);
  CHECK(final_run.err.find("skipped") != std::string::npos);
  // No worker outlived its killed supervisor (they die with it: PR_SET_PDEATHSIG).
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  int orphans = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::string cmdline = read_file(entry.path().string() + "/cmdline");
    if (cmdline.find("worker") != std::string::npos && cmdline.find(DECLX_BINARY_PATH) == 0 &&
        read_file(entry.path().string() + "/environ").find("DECLX_TEST_DELAY_MS=150") !=
            std::string::npos)
      ++orphans;
  }
  CHECK(orphans == 0);
}

TEST_CASE("export and stats read back what ingest stored") {
  ScratchDir dir;
  std::filesystem::create_directories(dir / "in");
  const std::string sample =
      std::string(DECLX_SOURCE_DIR) + "/samples/sample0000-official-born-digital.pdf";
  const std::string truth_path =
      std::string(DECLX_SOURCE_DIR) + "/samples/sample0000-official-born-digital.truth.json";
  REQUIRE(std::filesystem::exists(sample));
  std::filesystem::copy_file(sample, dir / "in/sample.pdf");
  write_file(dir / "in/tiny.pdf", tiny_pdf("t"));
  write_file(dir / "in/bad.pdf", "%PDF-1.4 broken");
  std::string db_path = dir / "db.sqlite";
  CHECK(run_declx({"ingest", dir / "in", "--db", db_path}).exit_code == 1);
  json truth = json::parse(read_file(truth_path));
  const std::size_t items = truth["items"].size();

  // CSV: one row per item of the declaration, one row for the tiny PDF (no items).
  auto csv = run_declx({"export", "--db", db_path, "--format", "csv", "-o", dir / "out.csv"});
  REQUIRE(csv.exit_code == 0);
  std::string csv_text = read_file(dir / "out.csv");
  REQUIRE(csv_text.rfind("\xEF\xBB\xBF", 0) == 0);
  csv_parser parser;
  csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);
  struct Collected {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
  } collected;
  auto on_field = [](void* data, size_t size, void* user) {
    static_cast<Collected*>(user)->row.emplace_back(static_cast<char*>(data), size);
  };
  auto on_row = [](int, void* user) {
    auto* c = static_cast<Collected*>(user);
    c->rows.push_back(std::move(c->row));
    c->row.clear();
  };
  csv_parse(&parser, csv_text.data() + 3, csv_text.size() - 3, on_field, on_row, &collected);
  CHECK(csv_fini(&parser, on_field, on_row, &collected) == 0);
  csv_free(&parser);
  REQUIRE(collected.rows.size() == 1 + items + 1);
  const auto& header = collected.rows[0];
  auto column =
      static_cast<std::size_t>(std::find(header.begin(), header.end(), "hs_code") - header.begin());
  REQUIRE(column < header.size());
  std::size_t matched = 0;
  for (const json& item : truth["items"])
    for (std::size_t r = 1; r < collected.rows.size(); ++r)
      if (collected.rows[r][column] == item["hs_code"].get<std::string>()) {
        ++matched;
        break;
      }
  CHECK(matched == items);

  // The analysts' query over the consignee's INN finds the declaration's items.
  if (truth["consignee"]["inn"].is_string()) {
    Database db(db_path);
    auto query = db.prepare(
        "SELECT count(*) FROM items i JOIN parties p ON p.document_id = i.document_id AND "
        "p.role = 'consignee' WHERE p.inn = ? AND i.hs6 = ?");
    query.bind(1, truth["consignee"]["inn"].get<std::string>())
        .bind(2, truth["items"][0]["hs_code"].get<std::string>().substr(0, 6));
    REQUIRE(query.step());
    CHECK(query.column_int(0) >= 1);
  }

  auto jsonl = run_declx({"export", "--db", db_path, "--format", "jsonl", "--include-failed"});
  REQUIRE(jsonl.exit_code == 0);
  CHECK(std::count(jsonl.out.begin(), jsonl.out.end(), '\n') == 3);
  std::istringstream lines(jsonl.out);
  std::string line;
  int failed = 0;
  while (std::getline(lines, line)) {
    json record = json::parse(line);
    CHECK(record["source"]["sha256"].get<std::string>().size() == 64);
    if (record.value("status", "") == "failed") ++failed;
  }
  CHECK(failed == 1);

  auto stats = run_declx({"stats", "--db", db_path, "--json"});
  REQUIRE(stats.exit_code == 0);
  json figures = json::parse(stats.out);
  CHECK(figures["documents"]["done"] == 2);
  CHECK(figures["documents"]["failed"] == 1);
  CHECK(figures["items"] == items);
  auto human = run_declx({"stats", "--db", db_path});
  CHECK(human.out.find("2 done") != std::string::npos);

  CHECK(run_declx({"stats", "--db", dir / "in/tiny.pdf"}).exit_code != 0);
}

TEST_CASE("ingest: SIGINT stops cleanly, records no in-flight document as failed") {
  ScratchDir dir;
  const int kDocuments = 12;
  make_pdfs(dir, kDocuments);
  std::string db_path = dir / "db.sqlite";
  std::vector<std::string> command = {"ingest", dir / "in", "--db", db_path, "--jobs", "2"};
  pid_t pid = spawn_declx(command, {"DECLX_TEST_DELAY_MS=200"}, dir / "out", dir / "err");
  std::int64_t done = 0;
  for (int attempt = 0; attempt < 1000 && done < 1; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (!std::filesystem::exists(db_path)) continue;
    try {
      Database watcher(db_path, Database::Mode::ReadOnly);
      done = count(watcher, "SELECT count(*) FROM documents");
    } catch (const declx::store::SqliteError&) {
    }
  }
  REQUIRE(kill(pid, SIGINT) == 0);
  CHECK(wait_exit_code(pid) == 130);
  CHECK(read_file(dir / "err").find("interrupted") != std::string::npos);
  {
    Database db(db_path);
    check_integrity(db);
    CHECK(count(db, "SELECT count(*) FROM documents WHERE status = 'failed'") == 0);
    CHECK(count(db, "SELECT count(*) FROM documents") < kDocuments);
  }
  CHECK(run_declx(command).exit_code == 0);
  Database db(db_path);
  CHECK(count(db, "SELECT count(*) FROM documents WHERE status = 'done'") == kDocuments);
}

TEST_CASE("ingest: the OCR pages of one scan are spread over the workers") {
  // The one OCR test here: a two-page image-only PDF, two workers, each OCRs one page.
  ScratchDir dir;
  std::filesystem::create_directories(dir / "in");
  std::filesystem::copy_file(
      std::string(DECLX_SOURCE_DIR) + "/samples/sample0003-official-image-pdf.pdf",
      dir / "in/scan.pdf");
  std::string db_path = dir / "db.sqlite";
  auto result = run_declx(
      {"ingest", dir / "in", "--db", db_path, "--jobs", "2", "--log-json", dir / "log.jsonl"});
  CHECK(result.exit_code == 0);
  std::istringstream log(read_file(dir / "log.jsonl"));
  std::string line;
  std::map<int, long> worker_of_page;
  while (std::getline(log, line)) {
    json event = json::parse(line);
    if (event["event"] == "task" && event["task"] == "ocr" && event["answer"] == "page")
      worker_of_page[event["page"].get<int>()] = event["worker"].get<long>();
  }
  REQUIRE(worker_of_page.size() == 2);
  CHECK(worker_of_page[1] != worker_of_page[2]);
  Database db(db_path);
  CHECK(count(db, "SELECT ocr_pages FROM documents") == 2);
  json record = json::parse(text(db, "SELECT record_json FROM documents"));
  REQUIRE(record["source"]["page_sources"].size() == 2);
  CHECK(record["source"]["page_sources"][0]["source"] == "ocr");
  CHECK(record["source"]["page_sources"][1]["source"] == "ocr");
  // The extract task re-reads weak boxes from the file like `declx extract` does: the same
  // goods items, repairs included (this scan has boxes only the second reading gets).
  auto extracted = run_declx({"extract", "--jsonl", dir / "in/scan.pdf"});
  REQUIRE(extracted.exit_code == 0);
  json alone = json::parse(extracted.out);
  CHECK(alone["items"] == record["items"]);
  CHECK(alone["items"].dump().find("read again on its own") != std::string::npos);
}

TEST_CASE("ingest: failed documents are skipped on re-runs unless --retry-failed") {
  ScratchDir dir;
  make_pdfs(dir, 2);
  write_file(dir / "in/flaky.pdf", tiny_pdf("flaky"));
  std::string db_path = dir / "db.sqlite";
  std::vector<std::string> command = {"ingest", dir / "in", "--db", db_path, "--jobs", "1"};
  CHECK(run_declx(command, {"DECLX_TEST_CRASH_ON=flaky"}).exit_code == 1);
  // The crash is gone (think: a library upgrade), but a plain re-run does not retry.
  auto plain = run_declx(command);
  CHECK(plain.exit_code == 1);
  CHECK(plain.err.find("1 of them failed earlier") != std::string::npos);
  std::vector<std::string> retry = command;
  retry.push_back("--retry-failed");
  CHECK(run_declx(retry).exit_code == 0);
  Database db(db_path);
  CHECK(count(db, "SELECT count(*) FROM documents") == 3);
  CHECK(count(db, "SELECT count(*) FROM documents WHERE status = 'done'") == 3);
  CHECK(count(db, "SELECT count(*) FROM document_paths") == 3);
}

TEST_CASE("ingest: a file whose name is not UTF-8 is read, stored byte for byte and exported") {
  // "ДТ_пример.pdf" in cp1251, as unpacked from an archive made on Windows.
  ScratchDir dir;
  std::filesystem::create_directories(dir / "in");
  const std::string name = "\xc4\xd2_\xef\xf0\xe8\xec\xe5\xf0.pdf";
  write_file(dir / ("in/" + name), tiny_pdf("cp1251"));
  write_file(dir / "in/plain.pdf", tiny_pdf("plain"));
  std::string db_path = dir / "db.sqlite";

  auto ingest = run_declx({"ingest", dir / "in", "--db", db_path, "--quiet"});
  CHECK(ingest.exit_code == 0);
  {
    Database db(db_path);
    CHECK(count(db, "SELECT count(*) FROM documents WHERE status = 'done'") == 2);
    // The path is stored byte for byte, so the analyst can find the file again.
    auto query = db.prepare("SELECT count(*) FROM document_paths WHERE path = ?");
    query.bind(1, std::string(dir / ("in/" + name)));
    REQUIRE(query.step());
    CHECK(query.column_int(0) == 1);
  }
  auto exported = run_declx({"export", "--db", db_path, "--format", "jsonl"});
  CHECK(exported.exit_code == 0);
  std::istringstream lines(exported.out);
  int records = 0;
  for (std::string line; std::getline(lines, line);) {
    json record = json::parse(line);  // valid UTF-8 JSON: bad bytes became U+FFFD
    ++records;
  }
  CHECK(records == 2);

  auto text = run_declx({"text", "--json", dir / ("in/" + name)});
  CHECK(text.exit_code == 0);
  CHECK(json::parse(text.out)["pages"].size() == 1);
}
