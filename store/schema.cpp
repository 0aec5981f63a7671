#include "store/schema.h"

#include <string>

namespace declx::store {

namespace {

constexpr const char* kCreateSchema = R"sql(
CREATE TABLE schema_version (
  version    INTEGER NOT NULL,
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE documents (
  id                  INTEGER PRIMARY KEY,
  sha256              TEXT NOT NULL UNIQUE,
  media_type          TEXT,
  size_bytes          INTEGER,
  pages               INTEGER,
  ocr_pages           INTEGER,
  status              TEXT NOT NULL CHECK (status IN ('done', 'failed')),
  error_kind          TEXT,
  error_message       TEXT,
  document_type       TEXT,
  declaration_number  TEXT,
  declaration_date    TEXT,
  direction           TEXT,
  procedure           TEXT,
  country_dispatch    TEXT,
  country_origin      TEXT,
  country_destination TEXT,
  incoterm            TEXT,
  delivery_place      TEXT,
  invoice_currency    TEXT,
  invoice_total       REAL,
  items_declared      INTEGER,
  ocr_confidence      REAL,
  started_at          TEXT,
  finished_at         TEXT,
  wall_seconds        REAL,
  work_seconds        REAL,
  declx_version       TEXT,
  record_json         TEXT
);
CREATE TABLE document_paths (
  path        TEXT PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seen_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE file_errors (
  path          TEXT PRIMARY KEY,
  error_kind    TEXT NOT NULL,
  error_message TEXT NOT NULL,
  seen_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE parties (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  role        TEXT NOT NULL CHECK (role IN ('consignor', 'consignee', 'declarant')),
  name        TEXT,
  name_latin  TEXT,
  legal_form  TEXT,
  address     TEXT,
  country     TEXT,
  inn         TEXT,
  kpp         TEXT,
  ogrn        TEXT,
  PRIMARY KEY (document_id, role)
);
CREATE TABLE items (
  id                INTEGER PRIMARY KEY,
  document_id       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  item_no           INTEGER,
  hs_code           TEXT,
  hs6               TEXT,
  description       TEXT,
  origin_country    TEXT,
  gross_kg          REAL,
  net_kg            REAL,
  invoice_price     REAL,
  customs_value     REAL,
  statistical_value REAL,
  chpl_tier         TEXT,
  military          INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE end_use_notes (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  item_no     INTEGER,
  text        TEXT NOT NULL,
  system      TEXT,
  military    INTEGER NOT NULL,
  negated     INTEGER NOT NULL,
  contract_id TEXT,
  page        INTEGER
);
CREATE TABLE flags (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  item_id     INTEGER REFERENCES items(id) ON DELETE CASCADE,
  item_no     INTEGER,
  flag        TEXT NOT NULL
);
CREATE TABLE validation (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  field       TEXT,
  "check"     TEXT,
  ok          INTEGER NOT NULL,
  message     TEXT
);
CREATE INDEX documents_status ON documents(status);
CREATE INDEX documents_declaration_number ON documents(declaration_number);
CREATE INDEX document_paths_document ON document_paths(document_id);
CREATE INDEX parties_inn ON parties(inn);
CREATE INDEX items_document ON items(document_id, item_no);
CREATE INDEX items_hs_code ON items(hs_code);
CREATE INDEX items_hs6 ON items(hs6);
CREATE INDEX items_chpl_tier ON items(chpl_tier);
CREATE INDEX end_use_notes_document ON end_use_notes(document_id, item_no);
CREATE INDEX end_use_notes_system ON end_use_notes(system);
CREATE INDEX flags_flag ON flags(flag);
CREATE INDEX flags_item ON flags(item_id);
CREATE INDEX validation_document ON validation(document_id);
)sql";

}  // namespace

void configure_for_writing(Database& db) {
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = NORMAL");
}

namespace {

bool has_version_table(Database& db) {
  auto has_table =
      db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
  has_table.bind(1, "schema_version");
  has_table.step();
  return has_table.column_int(0) > 0;
}

// Refuses a database written by a newer declx, whose tables this one would misread.
void check_version(Database& db) {
  auto version = db.prepare("SELECT max(version) FROM schema_version");
  version.step();
  int found = static_cast<int>(version.column_int(0));
  if (found > kSchemaVersion)
    throw SqliteError("database schema version " + std::to_string(found) +
                      " is newer than this declx understands (" + std::to_string(kSchemaVersion) +
                      ")");
}

}  // namespace

void check_schema(Database& db) {
  if (!has_version_table(db)) throw SqliteError("not a declx ingest database");
  check_version(db);
}

void ensure_schema(Database& db) {
  Transaction transaction(db);
  if (!has_version_table(db)) {
    auto any = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'");
    any.step();
    if (any.column_int(0) > 0)
      throw SqliteError("not a declx database (it has tables but no schema_version)");
    db.exec(kCreateSchema);
    auto insert = db.prepare("INSERT INTO schema_version(version) VALUES (?)");
    insert.bind(1, kSchemaVersion).run();
    transaction.commit();
    return;
  }
  check_version(db);
  // Version 1 is the only one so far; migrations from older versions go here.
  transaction.commit();
}

}  // namespace declx::store
