#include "readers/sniff.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "readers/errors.h"

namespace declx {

const char* media_type_name(MediaType type) {
  switch (type) {
    case MediaType::Pdf:
      return "application/pdf";
    case MediaType::Png:
      return "image/png";
    case MediaType::Jpeg:
      return "image/jpeg";
    case MediaType::Tiff:
      return "image/tiff";
    case MediaType::Pnm:
      return "image/x-portable-anymap";
    case MediaType::Bmp:
      return "image/bmp";
    case MediaType::Gif:
      return "image/gif";
    case MediaType::WebP:
      return "image/webp";
    case MediaType::Jp2:
      return "image/jp2";
  }
  return "application/octet-stream";
}

namespace {

bool starts_with(std::string_view head, std::string_view magic) {
  return head.substr(0, magic.size()) == magic;
}

}  // namespace

bool sniff_bytes(std::string_view head, MediaType& type) {
  using namespace std::string_view_literals;
  // PDF readers accept "%PDF-" anywhere in the first 1024 bytes (some files start with
  // junk such as a mail header); so do we.
  if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) {
    type = MediaType::Pdf;
  } else if (starts_with(head, "\x89PNG\r\n\x1a\n"sv)) {
    type = MediaType::Png;
  } else if (starts_with(head, "\xff\xd8\xff"sv)) {
    type = MediaType::Jpeg;
  } else if (starts_with(head, "II*\0"sv) || starts_with(head, "MM\0*"sv) ||
             starts_with(head, "II+\0"sv) || starts_with(head, "MM\0+"sv)) {
    type = MediaType::Tiff;  // classic and BigTIFF, either byte order
  } else if (head.size() >= 3 && head[0] == 'P' && head[1] >= '1' && head[1] <= '7' &&
             (head[2] == '\n' || head[2] == '\r' || head[2] == ' ' || head[2] == '\t')) {
    type = MediaType::Pnm;  // P1..P6 PBM/PGM/PPM, P7 PAM
  } else if (starts_with(head, "BM") && head.size() >= 14) {
    type = MediaType::Bmp;
  } else if (starts_with(head, "GIF87a") || starts_with(head, "GIF89a")) {
    type = MediaType::Gif;
  } else if (head.size() >= 12 && starts_with(head, "RIFF") && head.substr(8, 4) == "WEBP") {
    type = MediaType::WebP;
  } else if (starts_with(head, "\0\0\0\x0cjP  \r\n\x87\n"sv) ||
             starts_with(head, "\xff\x4f\xff\x51"sv)) {
    type = MediaType::Jp2;  // JP2 box container or a raw J2K codestream
  } else {
    return false;
  }
  return true;
}

MediaType sniff_file(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    throw ReadError(ErrorKind::Unreadable, path, std::strerror(errno));
  }
  if (S_ISDIR(info.st_mode)) throw ReadError(ErrorKind::Unreadable, path, "is a directory");
  if (!S_ISREG(info.st_mode)) throw ReadError(ErrorKind::Unreadable, path, "not a regular file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ReadError(ErrorKind::Unreadable, path, std::strerror(errno));
  if (info.st_size == 0) throw ReadError(ErrorKind::Corrupt, path, "empty file (0 bytes)");
  std::string head(1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  if (head.empty()) throw ReadError(ErrorKind::Unreadable, path, "read error");
  MediaType type;
  if (!sniff_bytes(head, type)) {
    throw ReadError(ErrorKind::Unsupported, path,
                    "unsupported file type (not a PDF or an image format declx reads)");
  }
  return type;
}

}  // namespace declx
