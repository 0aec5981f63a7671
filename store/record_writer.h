// The single writer of an ingest database. Every document's rows (its status, the
// flattened record and its paths) are written inside one transaction, and several
// documents share a transaction (a batch) to keep commits cheap; a batch is committed when
// it holds `batch_documents` documents or is `batch_seconds` old. A process killed at any
// moment therefore leaves each document either fully written or absent.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/sqlite.h"

namespace declx::store {

// What became of one document: either a record (ok) or an error kind and message.
struct DocumentOutcome {
  std::string sha256;
  std::vector<std::string> paths;  // every path it was seen under in this run
  std::string media_type;
  std::optional<std::int64_t> size_bytes;
  std::optional<int> pages, ocr_pages;
  bool ok = false;
  std::string error_kind;  // error_kind_key(): "corrupt", "timed_out", ...
  std::string error_message;
  std::string started_at, finished_at;  // ISO 8601 UTC
  double wall_seconds = 0, work_seconds = 0;
  const nlohmann::json* record = nullptr;  // the record JSON when ok (not owned)
};

struct WriterOptions {
  int batch_documents = 64;
  double batch_seconds = 0.5;
};

class RecordWriter {
 public:
  // Opens (creating if needed) the database, sets WAL mode and checks the schema.
  // Throws SqliteError.
  explicit RecordWriter(const std::string& db_path, WriterOptions options = {});
  ~RecordWriter();  // commits the open batch

  // "done" / "failed" for a document already in the database (this batch included).
  std::optional<std::string> status_of(const std::string& sha256);
  // Records one more path of a document already in the database.
  void add_path(const std::string& sha256, const std::string& path);
  // Writes (or, for a retried document, replaces) one document.
  void write(const DocumentOutcome& outcome);
  // A path that could not be read at all (no bytes, so no SHA-256).
  void record_file_error(const std::string& path, const std::string& kind,
                         const std::string& message);

  void commit_if_due();
  void commit();
  Database& database() { return db_; }

 private:
  void begin_if_needed();
  std::int64_t upsert_document(const DocumentOutcome& outcome);
  void write_record_rows(std::int64_t document_id, const nlohmann::json& record);

  Database db_;
  WriterOptions options_;
  int pending_ = 0;
  std::chrono::steady_clock::time_point batch_started_;
};

}  // namespace declx::store
