#include "store/file_hash.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include "readers/errors.h"

namespace declx::store {

namespace {

struct DigestContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

struct FileCloser {
  int fd;
  ~FileCloser() {
    if (fd >= 0) close(fd);
  }
};

}  // namespace

FileDigest hash_file(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) throw ReadError(ErrorKind::Unreadable, path, std::strerror(errno));
  FileCloser closer{fd};
  struct stat info {};
  if (fstat(fd, &info) != 0) throw ReadError(ErrorKind::Unreadable, path, std::strerror(errno));
  if (S_ISDIR(info.st_mode)) throw ReadError(ErrorKind::Unreadable, path, "is a directory");
  if (!S_ISREG(info.st_mode)) throw ReadError(ErrorKind::Unreadable, path, "not a regular file");

  std::unique_ptr<EVP_MD_CTX, DigestContextDeleter> context(EVP_MD_CTX_new());
  if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1)
    throw ReadError(ErrorKind::Internal, path, "OpenSSL SHA-256 unavailable");
  std::vector<unsigned char> buffer(1 << 20);
  FileDigest digest;
  for (;;) {
    ssize_t got = read(fd, buffer.data(), buffer.size());
    if (got < 0) {
      if (errno == EINTR) continue;
      throw ReadError(ErrorKind::Unreadable, path, std::strerror(errno));
    }
    if (got == 0) break;
    EVP_DigestUpdate(context.get(), buffer.data(), static_cast<std::size_t>(got));
    digest.size += got;
  }
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(context.get(), hash, &length);
  static const char kHex[] = "0123456789abcdef";
  digest.sha256.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    digest.sha256 += kHex[hash[i] >> 4];
    digest.sha256 += kHex[hash[i] & 15];
  }
  return digest;
}

}  // namespace declx::store
