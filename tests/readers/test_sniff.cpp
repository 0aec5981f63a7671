#include <catch2/catch.hpp>

#include "readers/errors.h"
#include "readers/sniff.h"
#include "test_support.h"

using namespace declx;
using declx::test::data_path;

TEST_CASE("sniffing recognises formats by content, not by name", "[sniff]") {
  CHECK(sniff_file(data_path("text.pdf")) == MediaType::Pdf);
  CHECK(sniff_file(data_path("scan.png")) == MediaType::Png);
  CHECK(sniff_file(data_path("two-pages.tif")) == MediaType::Tiff);
  CHECK(sniff_file(data_path("tiny.jpg")) == MediaType::Jpeg);
  CHECK(sniff_file(data_path("tiny.bmp")) == MediaType::Bmp);
  CHECK(sniff_file(data_path("tiny.gif")) == MediaType::Gif);
  CHECK(sniff_file(data_path("tiny.pgm")) == MediaType::Pnm);
  CHECK(sniff_file(data_path("tiny.webp")) == MediaType::WebP);
  CHECK(std::string(media_type_name(MediaType::Tiff)) == "image/tiff");
}

TEST_CASE("sniffing classifies magic bytes", "[sniff]") {
  using namespace std::string_view_literals;
  MediaType type{};
  CHECK((sniff_bytes("%PDF-1.7\n"sv, type) && type == MediaType::Pdf));
  CHECK((sniff_bytes("junk before\n%PDF-1.4"sv, type) && type == MediaType::Pdf));
  CHECK((sniff_bytes("MM\0*\0\0\0\x08"sv, type) && type == MediaType::Tiff));
  CHECK((sniff_bytes("P4\n8 8\n"sv, type) && type == MediaType::Pnm));
  CHECK((sniff_bytes("\0\0\0\x0cjP  \r\n\x87\n"sv, type) && type == MediaType::Jp2));
  CHECK_FALSE(sniff_bytes("PK\x03\x04 a zip"sv, type));
  CHECK_FALSE(sniff_bytes("Pxy"sv, type));
  CHECK_FALSE(sniff_bytes(""sv, type));
}

TEST_CASE("sniffing reports why a file cannot be read", "[sniff]") {
  auto kind_of = [](const std::string& path) {
    try {
      sniff_file(path);
    } catch (const ReadError& error) {
      CHECK(error.path() == path);
      return error.kind();
    }
    return ErrorKind::Internal;
  };
  CHECK(kind_of(data_path("empty.pdf")) == ErrorKind::Corrupt);
  CHECK(kind_of(data_path("not-a-pdf.pdf")) == ErrorKind::Unsupported);
  CHECK(kind_of(data_path("does-not-exist.pdf")) == ErrorKind::Unreadable);
  CHECK(kind_of(data_path("")) == ErrorKind::Unreadable);  // the directory itself
}
