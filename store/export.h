// Reading an ingest database back out, streaming row by row (memory does not grow with the
// number of documents).
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.h"

namespace declx::store {

struct ExportOptions {
  bool include_failed = false;  // also emit failed documents (error records / one CSV row)
  bool byte_order_mark = true;  // CSV only: UTF-8 BOM first, so Excel detects UTF-8
};

// One record JSON per line, in ingest order. Failed documents (with include_failed) come
// out as error records: {"schema", "source": {path, sha256, media_type, pages},
// "document_type": "unknown", "status": "failed", "errors": ["corrupt: ..."]}.
// Returns the number of lines written.
long long export_jsonl(Database& db, std::FILE* out, const ExportOptions& options);

// RFC 4180 CSV (comma, CRLF line ends, fields quoted when they hold a comma, quote, CR or
// LF, or begin/end with a space; quotes doubled), UTF-8. One row per goods item with the
// declaration's header fields repeated; a document without items still gets one row.
// Returns the number of data rows written. The columns are csv_columns().
long long export_csv(Database& db, std::FILE* out, const ExportOptions& options);

// The CSV header names, in order.
const std::vector<std::string>& csv_columns();

// Writes one CSV field (without separator), quoting only when needed.
void write_csv_field(std::FILE* out, std::string_view field);

}  // namespace declx::store
