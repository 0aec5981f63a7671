// A thin RAII layer over the SQLite C API: a connection, prepared statements with bound
// parameters (the only way declx puts values into SQL), and a scoped transaction.
// Errors throw SqliteError carrying SQLite's own message; nothing fails silently.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace declx::store {

class SqliteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Statement;

// One connection. Opening sets a busy timeout (readers and the ingest writer may meet) and
// turns foreign keys on. Not thread-safe: one connection per thread.
class Database {
 public:
  enum class Mode { ReadWriteCreate, ReadOnly };
  // Throws SqliteError when the file cannot be opened (or, read-only, does not exist).
  Database(const std::string& path, Mode mode = Mode::ReadWriteCreate);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements without parameters (DDL, PRAGMAs). Never pass user data.
  void exec(const std::string& sql);
  Statement prepare(std::string_view sql);
  std::int64_t last_insert_rowid() const;
  int changes() const;
  bool in_transaction() const;
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

// A prepared statement. bind() indices are 1-based, as in SQLite. step() returns true while
// a row is available; reset() makes it reusable with new bindings.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) {
    return bind(index, std::string_view(text));
  }
  Statement& bind_null(int index);
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  bool step();
  // Runs a statement that returns no rows (or ignores them), then resets it.
  void run();
  void reset();

  bool is_null(int column) const;
  std::int64_t column_int(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;       // "" for NULL
  std::string_view column_view(int column) const;  // valid until the next step()
  std::optional<std::string> column_optional_text(int column) const;
  int column_count() const;
  std::string column_name(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool open_ = true;
};

}  // namespace declx::store
