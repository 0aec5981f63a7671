// Failure classes of reading a document. Each maps to a stable process exit code that
// the README documents; never renumber an existing entry.
#pragma once

#include <stdexcept>
#include <string>

namespace declx {

enum class ErrorKind {
  Usage = 2,        // bad command line
  Unreadable = 3,   // missing path, permission denied, a directory, I/O error
  Unsupported = 4,  // not a PDF or an image format Leptonica reads
  Corrupt = 5,      // empty, truncated or damaged file
  Encrypted = 6,    // password-protected PDF
  TooLarge = 7,     // over --max-pages or --max-pixels
  TimedOut = 8,     // over --timeout (ingest)
  Crashed = 9,      // a library crashed while reading it (ingest)
  Internal = 70,    // a bug in declx
};

// Exit code for a run in which some, but not all, files of several failed.
inline constexpr int kExitSomeFailed = 1;

const char* to_string(ErrorKind kind);  // "unreadable", "unsupported", "corrupt", ...
inline int exit_code(ErrorKind kind) {
  return static_cast<int>(kind);
}

// Thrown by readers; what() is a one-line reason that does not repeat the path.
class ReadError : public std::runtime_error {
 public:
  ReadError(ErrorKind kind, std::string path, const std::string& reason)
      : std::runtime_error(reason), kind_(kind), path_(std::move(path)) {}
  ErrorKind kind() const { return kind_; }
  const std::string& path() const { return path_; }
  // "declx: scans/a.pdf: corrupt: PDF trailer not found"
  std::string message() const {
    return "declx: " + path_ + ": " + to_string(kind_) + ": " + what();
  }

 private:
  ErrorKind kind_;
  std::string path_;
};

}  // namespace declx
