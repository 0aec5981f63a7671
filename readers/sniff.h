// Sniffing: what kind of file is this, decided by its first bytes, never by its name.
#pragma once

#include <string>
#include <string_view>

namespace declx {

// The media types declx reads. Every image type is one Leptonica decodes.
enum class MediaType { Pdf, Png, Jpeg, Tiff, Pnm, Bmp, Gif, WebP, Jp2 };

// "application/pdf", "image/png", "image/jpeg", "image/tiff", "image/x-portable-anymap",
// "image/bmp", "image/gif", "image/webp", "image/jp2".
const char* media_type_name(MediaType type);

// Classifies the leading bytes of a file (a few dozen bytes suffice). Returns false when
// they match no supported format. Cheap and pure: no I/O.
bool sniff_bytes(std::string_view head, MediaType& type);

// Opens `path`, reads its first bytes and classifies them.
// Throws ReadError: Unreadable (missing, permission denied, a directory, I/O error),
// Corrupt (zero bytes), Unsupported (anything else that is not a known format).
MediaType sniff_file(const std::string& path);

}  // namespace declx
