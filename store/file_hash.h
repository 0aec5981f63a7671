// SHA-256 of a file's bytes (OpenSSL libcrypto), the identity of a document in the store:
// the same bytes under two names are one document.
#pragma once

#include <cstdint>
#include <string>

namespace declx::store {

struct FileDigest {
  std::string sha256;  // lower-case hex, 64 characters
  std::int64_t size = 0;
};

// Reads the file in 1 MiB chunks (flat memory whatever its size). Throws ReadError
// (Unreadable) when it cannot be opened or read, naming the system error.
FileDigest hash_file(const std::string& path);

}  // namespace declx::store
