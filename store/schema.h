// The ingest database schema (SQLite). Documented in README.md, "Bulk ingestion".
//
// One row per distinct document (identified by the SHA-256 of its bytes) in `documents`,
// every path it was seen under in `document_paths`, and the record flattened into
// `parties`, `items`, `end_use_notes`, `flags` and `validation` for plain-SQL queries;
// the full record JSON stays in documents.record_json. Files that could not even be read
// (so have no SHA-256) go to `file_errors`.
#pragma once

#include "store/sqlite.h"

namespace declx::store {

inline constexpr int kSchemaVersion = 1;

// Creates the schema in an empty database, or checks the version of an existing one.
// Throws SqliteError when the database was made by a newer declx (higher version) or is
// not a declx database at all (tables present but no schema_version).
void ensure_schema(Database& db);

// For readers (export, stats): checks that `db` is a declx database this version
// understands, without writing. Throws SqliteError otherwise.
void check_schema(Database& db);

// Sets WAL journaling and synchronous=NORMAL: a killed process never corrupts the file and
// loses at most the open transaction.
void configure_for_writing(Database& db);

}  // namespace declx::store
