#include "store/record_writer.h"

#include <algorithm>

#include "readers/page_model_json.h"
#include "store/record_json.h"
#include "store/schema.h"

namespace declx::store {

using nlohmann::json;

namespace {

constexpr const char* kDeclxVersion = "0.1.0";

template <class T>
void bind_optional(Statement& statement, int index, const std::optional<T>& value) {
  if (value)
    statement.bind(index, *value);
  else
    statement.bind_null(index);
}

void bind_text_or_null(Statement& statement, int index, const std::string& text) {
  if (text.empty())
    statement.bind_null(index);
  else
    statement.bind(index, text);
}

bool note_is_military(const json& note) {
  auto military = note.find("military");
  return military != note.end() && military->is_boolean() && military->get<bool>();
}

}  // namespace

RecordWriter::RecordWriter(const std::string& db_path, WriterOptions options)
    : db_(db_path), options_(options) {
  configure_for_writing(db_);
  ensure_schema(db_);
}

RecordWriter::~RecordWriter() {
  try {
    commit();
  } catch (...) {
  }
}

void RecordWriter::begin_if_needed() {
  if (db_.in_transaction()) return;
  db_.exec("BEGIN IMMEDIATE");
  pending_ = 0;
  batch_started_ = std::chrono::steady_clock::now();
}

void RecordWriter::commit() {
  if (db_.in_transaction()) db_.exec("COMMIT");
  pending_ = 0;
}

void RecordWriter::commit_if_due() {
  if (!db_.in_transaction()) return;
  std::chrono::duration<double> age = std::chrono::steady_clock::now() - batch_started_;
  if (pending_ >= options_.batch_documents || age.count() >= options_.batch_seconds) commit();
}

std::optional<std::string> RecordWriter::status_of(const std::string& sha256) {
  auto query = db_.prepare("SELECT status FROM documents WHERE sha256 = ?");
  query.bind(1, sha256);
  if (!query.step()) return std::nullopt;
  return query.column_text(0);
}

void RecordWriter::add_path(const std::string& sha256, const std::string& path) {
  begin_if_needed();
  auto insert = db_.prepare(
      "INSERT INTO document_paths(path, document_id) "
      "SELECT ?, id FROM documents WHERE sha256 = ? "
      "ON CONFLICT(path) DO UPDATE SET document_id = excluded.document_id");
  insert.bind(1, path).bind(2, sha256).run();
  auto clear = db_.prepare("DELETE FROM file_errors WHERE path = ?");
  clear.bind(1, path).run();
  ++pending_;
}

void RecordWriter::record_file_error(const std::string& path, const std::string& kind,
                                     const std::string& message) {
  begin_if_needed();
  auto insert = db_.prepare(
      "INSERT INTO file_errors(path, error_kind, error_message) VALUES (?, ?, ?) "
      "ON CONFLICT(path) DO UPDATE SET error_kind = excluded.error_kind, "
      "error_message = excluded.error_message, seen_at = excluded.seen_at");
  insert.bind(1, path).bind(2, kind).bind(3, message).run();
  ++pending_;
}

std::int64_t RecordWriter::upsert_document(const DocumentOutcome& outcome) {
  static const json kEmpty = json::object();
  const json& record = outcome.ok && outcome.record ? *outcome.record : kEmpty;
  const json* delivery = record.contains("delivery_terms") ? &record["delivery_terms"] : &kEmpty;
  std::optional<double> ocr_confidence;
  if (auto source = record.find("source"); source != record.end() && source->is_object())
    if (auto confidence = source->find("ocr_confidence");
        confidence != source->end() && confidence->is_number())
      ocr_confidence = confidence->get<double>();

  std::int64_t id = 0;
  {
    auto find = db_.prepare("SELECT id FROM documents WHERE sha256 = ?");
    find.bind(1, outcome.sha256);
    if (find.step()) id = find.column_int(0);
  }
  if (id != 0) {
    // A retried document: drop its old rows, keep its id (and so its earlier paths).
    for (const char* table : {"parties", "items", "end_use_notes", "flags", "validation"}) {
      auto erase = db_.prepare(std::string("DELETE FROM ") + table + " WHERE document_id = ?");
      erase.bind(1, id).run();
    }
  }
  auto statement = db_.prepare(
      id != 0 ? "UPDATE documents SET media_type=?1, size_bytes=?2, pages=?3, ocr_pages=?4, "
                "status=?5, error_kind=?6, error_message=?7, document_type=?8, "
                "declaration_number=?9, declaration_date=?10, direction=?11, procedure=?12, "
                "country_dispatch=?13, country_origin=?14, country_destination=?15, "
                "incoterm=?16, delivery_place=?17, invoice_currency=?18, invoice_total=?19, "
                "items_declared=?20, ocr_confidence=?21, started_at=?22, finished_at=?23, "
                "wall_seconds=?24, work_seconds=?25, declx_version=?26, record_json=?27 "
                "WHERE sha256=?28"
              : "INSERT INTO documents(media_type, size_bytes, pages, ocr_pages, status, "
                "error_kind, error_message, document_type, declaration_number, "
                "declaration_date, direction, procedure, country_dispatch, country_origin, "
                "country_destination, incoterm, delivery_place, invoice_currency, "
                "invoice_total, items_declared, ocr_confidence, started_at, finished_at, "
                "wall_seconds, work_seconds, declx_version, record_json, sha256) VALUES "
                "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,"
                "?22,?23,?24,?25,?26,?27,?28)");
  bind_text_or_null(statement, 1, outcome.media_type);
  bind_optional(statement, 2, outcome.size_bytes);
  bind_optional(statement, 3, outcome.pages);
  bind_optional(statement, 4, outcome.ocr_pages);
  statement.bind(5, outcome.ok ? "done" : "failed");
  bind_text_or_null(statement, 6, outcome.ok ? std::string() : outcome.error_kind);
  bind_text_or_null(statement, 7, outcome.ok ? std::string() : outcome.error_message);
  bind_optional(statement, 8, plain_text(record, "document_type"));
  bind_optional(statement, 9, field_text(record, "declaration_number"));
  bind_optional(statement, 10, field_text(record, "declaration_date"));
  bind_optional(statement, 11, field_text(record, "direction"));
  bind_optional(statement, 12, field_text(record, "procedure"));
  bind_optional(statement, 13, field_text(record, "country_dispatch"));
  bind_optional(statement, 14, field_text(record, "country_origin"));
  bind_optional(statement, 15, field_text(record, "country_destination"));
  bind_optional(statement, 16, field_text(*delivery, "incoterm"));
  bind_optional(statement, 17, field_text(*delivery, "place"));
  bind_optional(statement, 18, field_text(record, "invoice_currency"));
  bind_optional(statement, 19, field_number(record, "invoice_total"));
  bind_optional(statement, 20, field_integer(record, "items_declared"));
  bind_optional(statement, 21, ocr_confidence);
  bind_text_or_null(statement, 22, outcome.started_at);
  bind_text_or_null(statement, 23, outcome.finished_at);
  statement.bind(24, outcome.wall_seconds);
  statement.bind(25, outcome.work_seconds);
  statement.bind(26, kDeclxVersion);
  if (outcome.ok && outcome.record)
    statement.bind(27, dump_json(*outcome.record));
  else
    statement.bind_null(27);
  statement.bind(28, outcome.sha256);
  statement.run();
  if (id != 0) return id;
  return db_.last_insert_rowid();
}

void RecordWriter::write_record_rows(std::int64_t document_id, const json& record) {
  auto party = db_.prepare(
      "INSERT INTO parties(document_id, role, name, name_latin, legal_form, address, country, "
      "inn, kpp, ogrn) VALUES (?,?,?,?,?,?,?,?,?,?)");
  for (const char* role : {"consignor", "consignee", "declarant"}) {
    auto found = record.find(role);
    if (found == record.end() || !found->is_object()) continue;
    const json& p = *found;
    party.bind(1, document_id).bind(2, role);
    bind_optional(party, 3, field_text(p, "name"));
    bind_optional(party, 4, field_text(p, "name_latin"));
    bind_optional(party, 5, field_text(p, "legal_form"));
    bind_optional(party, 6, field_text(p, "address"));
    bind_optional(party, 7, field_text(p, "country"));
    bind_optional(party, 8, field_text(p, "inn"));
    bind_optional(party, 9, field_text(p, "kpp"));
    bind_optional(party, 10, field_text(p, "ogrn"));
    party.run();
  }

  auto note_insert = db_.prepare(
      "INSERT INTO end_use_notes(document_id, item_no, text, system, military, negated, "
      "contract_id, page) VALUES (?,?,?,?,?,?,?,?)");
  auto write_note = [&](const json& note, std::optional<std::int64_t> item_no) {
    if (!note.is_object()) return;
    note_insert.bind(1, document_id);
    std::optional<std::int64_t> own_item;
    if (auto found = note.find("item_no"); found != note.end() && found->is_number_integer())
      own_item = found->get<std::int64_t>();
    bind_optional(note_insert, 2, own_item ? own_item : item_no);
    note_insert.bind(3, plain_text(note, "text").value_or(""));
    bind_optional(note_insert, 4, plain_text(note, "system"));
    note_insert.bind(5, note_is_military(note) ? 1 : 0);
    auto negated = note.find("negated");
    note_insert.bind(6, negated != note.end() && negated->is_boolean() && negated->get<bool>());
    bind_optional(note_insert, 7, plain_text(note, "contract_id"));
    std::optional<std::int64_t> page;
    if (auto found = note.find("page"); found != note.end() && found->is_number_integer())
      page = found->get<std::int64_t>();
    bind_optional(note_insert, 8, page);
    note_insert.run();
  };
  // The document-level list holds every note; fall back to the items' own lists when absent.
  auto document_notes = record.find("end_use");
  bool have_document_notes = document_notes != record.end() && document_notes->is_array();
  if (have_document_notes)
    for (const json& note : *document_notes) write_note(note, std::nullopt);

  auto item_insert = db_.prepare(
      "INSERT INTO items(document_id, item_no, hs_code, hs6, description, origin_country, "
      "gross_kg, net_kg, invoice_price, customs_value, statistical_value, chpl_tier, military) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
  auto flag_insert =
      db_.prepare("INSERT INTO flags(document_id, item_id, item_no, flag) VALUES (?,?,?,?)");
  auto items = record.find("items");
  if (items != record.end() && items->is_array()) {
    for (const json& item : *items) {
      if (!item.is_object()) continue;
      auto item_no = field_integer(item, "item_no");
      auto hs_code = field_text(item, "hs_code");
      bool military = false;
      std::vector<std::string> flags;
      if (auto found = item.find("flags"); found != item.end() && found->is_array())
        for (const json& flag : *found)
          if (flag.is_string()) flags.push_back(flag.get<std::string>());
      if (std::find(flags.begin(), flags.end(), "military-end-use") != flags.end()) military = true;
      auto notes = item.find("end_use");
      if (notes != item.end() && notes->is_array())
        for (const json& note : *notes) {
          if (note.is_object() && note_is_military(note)) military = true;
          if (!have_document_notes) write_note(note, item_no);
        }
      if (have_document_notes && item_no)
        for (const json& note : *document_notes)
          if (note.is_object() && note_is_military(note) && note.contains("item_no") &&
              note["item_no"] == *item_no)
            military = true;

      item_insert.bind(1, document_id);
      bind_optional(item_insert, 2, item_no);
      bind_optional(item_insert, 3, hs_code);
      if (hs_code && hs_code->size() >= 6)
        item_insert.bind(4, hs_code->substr(0, 6));
      else
        item_insert.bind_null(4);
      bind_optional(item_insert, 5, field_text(item, "description"));
      bind_optional(item_insert, 6, field_text(item, "origin_country"));
      bind_optional(item_insert, 7, field_number(item, "gross_kg"));
      bind_optional(item_insert, 8, field_number(item, "net_kg"));
      bind_optional(item_insert, 9, field_number(item, "invoice_price"));
      bind_optional(item_insert, 10, field_number(item, "customs_value"));
      bind_optional(item_insert, 11, field_number(item, "statistical_value"));
      bind_optional(item_insert, 12, field_text(item, "chpl_tier"));
      item_insert.bind(13, military ? 1 : 0);
      item_insert.run();
      std::int64_t item_id = db_.last_insert_rowid();
      for (const std::string& flag : flags) {
        flag_insert.bind(1, document_id).bind(2, item_id);
        bind_optional(flag_insert, 3, item_no);
        flag_insert.bind(4, flag);
        flag_insert.run();
      }
    }
  }

  auto validation = record.find("validation");
  if (validation != record.end() && validation->is_array()) {
    auto insert = db_.prepare(
        "INSERT INTO validation(document_id, field, \"check\", ok, message) VALUES (?,?,?,?,?)");
    for (const json& result : *validation) {
      if (!result.is_object()) continue;
      insert.bind(1, document_id);
      bind_optional(insert, 2, plain_text(result, "field"));
      bind_optional(insert, 3, plain_text(result, "check"));
      auto ok = result.find("ok");
      insert.bind(4, ok != result.end() && ok->is_boolean() && ok->get<bool>() ? 1 : 0);
      bind_optional(insert, 5, plain_text(result, "message"));
      insert.run();
    }
  }
}

void RecordWriter::write(const DocumentOutcome& outcome) {
  begin_if_needed();
  // A savepoint keeps one document all-or-nothing even inside a shared batch: a failure
  // half-way through its rows rolls back just this document.
  db_.exec("SAVEPOINT document");
  try {
    std::int64_t id = upsert_document(outcome);
    if (outcome.ok && outcome.record) write_record_rows(id, *outcome.record);
    auto path_insert = db_.prepare(
        "INSERT INTO document_paths(path, document_id) VALUES (?, ?) "
        "ON CONFLICT(path) DO UPDATE SET document_id = excluded.document_id");
    auto clear = db_.prepare("DELETE FROM file_errors WHERE path = ?");
    for (const std::string& path : outcome.paths) {
      path_insert.bind(1, path).bind(2, id).run();
      clear.bind(1, path).run();
    }
    db_.exec("RELEASE document");
  } catch (...) {
    db_.exec("ROLLBACK TO document");
    db_.exec("RELEASE document");
    throw;
  }
  ++pending_;
}

}  // namespace declx::store
