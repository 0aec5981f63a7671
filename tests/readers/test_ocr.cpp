// OCR tests: few and small, since each costs about a second of Tesseract time.
#include <catch2/catch.hpp>

#include <leptonica/allheaders.h>
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <set>

#include "readers/document_source.h"
#include "readers/errors.h"
#include "readers/ocr_engine.h"
#include "readers/page_image.h"
#include "readers/page_model_json.h"
#include "readers/read_document.h"
#include "readers/region_reader.h"
#include "test_support.h"

using namespace declx;
using declx::test::data_path;
using declx::test::fixture_facts;

namespace {

// Strips the punctuation Tesseract and the fixture may attach differently.
std::string core(const std::string& text) {
  std::string out;
  for (char c : text)
    if (c != ',' && c != ':' && c != '.') out += c;
  return out;
}

// Fraction of the expected words (4+ bytes) found by OCR at an overlapping position.
double found_in_place(const Page& page, const nlohmann::json& expected, double dx = 0,
                      double dy = 0) {
  int wanted = 0, found = 0;
  for (const auto& e : expected) {
    std::string text = core(e["text"].get<std::string>());
    if (text.size() < 4) continue;
    ++wanted;
    BBox want{e["bbox"][0].get<double>() + dx, e["bbox"][1].get<double>() + dy,
              e["bbox"][2].get<double>() + dx, e["bbox"][3].get<double>() + dy};
    bool hit = false;
    for (const Block& block : page.blocks)
      for (const Line& line : block.lines)
        for (const Word& word : line.words)
          if (core(word.text) == text && overlap_ratio(word.bbox, want) > 0.5) hit = true;
    if (hit) ++found;
    UNSCOPED_INFO((hit ? "found " : "MISSING ") << text);
  }
  return wanted ? double(found) / wanted : 0;
}

}  // namespace

TEST_CASE("OCR reads Cyrillic and Latin words where they are drawn", "[ocr]") {
  ReadOptions options;
  auto source = DocumentSource::open(data_path("scan.png"), options);
  OcrEngine engine(options);
  Page page = read_page(*source, 1, engine);
  CHECK(page.source == PageSource::Ocr);
  CHECK(page.reason == "image file");
  CHECK(page.width == Approx(fixture_facts()["scan.png"]["width_pt"].get<double>()));
  CHECK(page.mean_confidence > 0.8);
  CHECK(found_in_place(page, fixture_facts()["scan.png"]["words"]) >= 0.8);
  std::string text = page_text(page);
  CHECK_THAT(text, Catch::Contains("10005030/150322/0123456"));
  CHECK_THAT(text, Catch::Contains("SHENZHEN"));
  CHECK_THAT(text, Catch::Contains("Налоговая"));
}

TEST_CASE("an upside-down scan is turned upright, boxes mapped back to the page as given",
          "[ocr]") {
  ReadOptions options;
  OcrEngine engine(options);
  {
    auto flipped = DocumentSource::open(data_path("scan-upside-down.png"), options);
    Page upside = read_page(*flipped, 1, engine);
    CHECK_THAT(page_text(upside), Catch::Contains("Налоговая"));
    // A word drawn at (x0, y0, x1, y1) now sits at (W - x1, H - y1, W - x0, H - y0).
    const double w = upside.width, h = upside.height;
    nlohmann::json rotated = nlohmann::json::array();
    for (const auto& e : fixture_facts()["scan.png"]["words"]) {
      rotated.push_back({{"text", e["text"]},
                         {"bbox",
                          {w - e["bbox"][2].get<double>(), h - e["bbox"][3].get<double>(),
                           w - e["bbox"][0].get<double>(), h - e["bbox"][1].get<double>()}}});
    }
    CHECK(found_in_place(upside, rotated) >= 0.8);
    CHECK(engine.orientation_checks() == 1);
  }
}

TEST_CASE("orientation is checked only for pages whose reading looks turned", "[ocr]") {
  ReadOptions options;
  OcrEngine engine(options);
  auto source = DocumentSource::open(data_path("scan.png"), options);
  PageImage image = source->page_image(1);
  Page upright = engine.recognise(image, 1);
  CHECK_THAT(page_text(upright), Catch::Contains("Налоговая"));
  CHECK(engine.orientation_checks() == 0);
  // A quarter turn: Tesseract reads the lines as vertical text, so the page is checked and
  // read again upright; words come back in the turned page's own coordinates.
  PixPtr turned = adopt_pix(pixRotateOrth(image.pix.get(), 1));
  REQUIRE(turned);
  Page sideways = engine.recognise(turned.get(), 1, image.height_pt, image.width_pt);
  CHECK(engine.orientation_checks() == 1);
  CHECK_THAT(page_text(sideways), Catch::Contains("Налоговая"));
  for (const Block& block : sideways.blocks)
    for (const Line& line : block.lines)
      for (const Word& word : line.words) {
        CHECK(word.bbox.x1 <= image.height_pt + 1);
        CHECK(word.bbox.y1 <= image.width_pt + 1);
      }
}

TEST_CASE("only the page without a text layer is OCR'd", "[ocr][pdf]") {
  Document document = read_document(data_path("mixed.pdf"), ReadOptions{});
  REQUIRE(document.pages.size() == 2);
  CHECK(document.pages[0].source == PageSource::TextLayer);
  CHECK(document.pages[0].reason == "healthy text layer");
  CHECK(document.pages[1].source == PageSource::Ocr);
  CHECK(document.pages[1].reason == "no text layer");
  CHECK(found_in_place(document.pages[1], fixture_facts()["mixed.pdf"]["page2_words"]) >= 0.75);
}

TEST_CASE("a broken Cyrillic text layer is replaced by OCR", "[ocr][pdf][health]") {
  ReadOptions options;
  options.jobs = 2;
  Document document = read_document(data_path("broken-cyrillic.pdf"), options);
  REQUIRE(document.pages.size() == 1);
  const Page& page = document.pages[0];
  CHECK(page.source == PageSource::Ocr);
  CHECK_THAT(page.reason, Catch::StartsWith("broken text layer"));
  std::string text = page_text(page);
  CHECK_THAT(text, Catch::Contains("Налоговая"));
  CHECK_THAT(text, Catch::Contains("10005030/150322/0123456"));
  CHECK_THAT(text, !Catch::Contains("Hanorosas"));
}

TEST_CASE("an unknown OCR language is a usage error", "[ocr][errors]") {
  ReadOptions options;
  options.lang = "xx-no-such-language";
  try {
    OcrEngine engine(options);
    FAIL("engine initialised with a missing language");
  } catch (const ReadError& error) {
    CHECK(error.kind() == ErrorKind::Usage);
  }
}

namespace {

// scan.png (300 dpi) resampled to a standard-mode fax's 204 x 98 dpi and binarised.
PixPtr standard_mode_fax() {
  PixPtr scan = adopt_pix(pixRead(data_path("scan.png").c_str()));
  REQUIRE(scan);
  PixPtr squashed = adopt_pix(pixScale(scan.get(), 204.0f / 300, 98.0f / 300));
  REQUIRE(squashed);
  PixPtr binary = adopt_pix(pixConvertTo1(squashed.get(), 160));
  REQUIRE(binary);
  pixSetResolution(binary.get(), 204, 98);
  return binary;
}

// Writes `pix` as a G4 TIFF in the temporary directory; returns its path.
std::string write_g4(const Pix* pix, const std::string& name) {
  const std::string path =
      (std::filesystem::temp_directory_path() / (name + std::to_string(getpid()) + ".tif"))
          .string();
  REQUIRE(pixWriteTiff(path.c_str(), const_cast<Pix*>(pix), IFF_TIFF_G4, "w") == 0);
  return path;
}

// How many grey levels strictly between black and white the image has, at most 256.
int grey_levels(const Pix* pix) {
  std::set<l_uint32> levels;
  Pix* p = const_cast<Pix*>(pix);
  if (pixGetDepth(p) != 8) return 0;
  for (int y = 0; y < pixGetHeight(p); y += 3)
    for (int x = 0; x < pixGetWidth(p); x += 3) {
      l_uint32 v = 0;
      pixGetPixel(p, x, y, &v);
      if (v > 0 && v < 255) levels.insert(v);
    }
  return static_cast<int>(levels.size());
}

}  // namespace

TEST_CASE("a standard-mode fax (204 x 98 dpi) is read at its real proportions", "[ocr][image]") {
  PixPtr binary = standard_mode_fax();
  const std::string path = write_g4(binary.get(), "declx-fax-");

  ReadOptions options;
  auto source = DocumentSource::open(path, options);
  PageImage image = source->page_image(1);
  // Square pixels at the resolution OCR wants; the page keeps the scan's size in points.
  CHECK(pixGetXRes(image.pix.get()) == kOcrResolution);
  CHECK(pixGetYRes(image.pix.get()) == kOcrResolution);
  const double width_pt = fixture_facts()["scan.png"]["width_pt"].get<double>();
  CHECK(image.width_pt == Approx(width_pt).epsilon(0.01));
  CHECK(image.height_pt == Approx(667 * 72.0 / 300).epsilon(0.02));
  // Smoothed: the black-and-white letters got grey edges.
  CHECK(grey_levels(image.pix.get()) > 20);

  OcrEngine engine(options);
  Page page = read_page(*source, 1, engine);
  std::filesystem::remove(path);
  CHECK(found_in_place(page, fixture_facts()["scan.png"]["words"]) >= 0.6);
  CHECK_THAT(page_text(page), Catch::Contains("Налоговая"));
}

TEST_CASE("a fax stored with its rows doubled is read as the standard-mode fax it is", "[image]") {
  PixPtr fax = standard_mode_fax();
  // Every row written twice, at fine mode's 204 x 196 dpi, as many fax programs store it;
  // dots on one row (the sender's header line is added after the doubling) change nothing.
  const int w = pixGetWidth(fax.get()), h = pixGetHeight(fax.get());
  PixPtr doubled = adopt_pix(pixCreate(w, 2 * h, 1));
  REQUIRE(doubled);
  for (int y = 0; y < 2 * h; ++y)
    for (int x = 0; x < w; ++x) {
      l_uint32 v = 0;
      pixGetPixel(fax.get(), x, y / 2, &v);
      pixSetPixel(doubled.get(), x, y, v);
    }
  for (int x = 10; x < w - 10; x += 3) pixSetPixel(doubled.get(), x, 3, 1);
  pixSetResolution(doubled.get(), 204, 196);
  const std::string standard_path = write_g4(fax.get(), "declx-fax98-");
  const std::string doubled_path = write_g4(doubled.get(), "declx-fax-doubled-");

  ReadOptions options;
  PageImage standard = DocumentSource::open(standard_path, options)->page_image(1);
  PageImage undoubled = DocumentSource::open(doubled_path, options)->page_image(1);
  std::filesystem::remove(standard_path);
  std::filesystem::remove(doubled_path);
  CHECK(undoubled.width_pt == Approx(standard.width_pt));
  CHECK(undoubled.height_pt == Approx(standard.height_pt).margin(0.5));
  REQUIRE(pixGetHeight(undoubled.pix.get()) == pixGetHeight(standard.pix.get()));
  // The same pixels but for the header row's dots.
  BOX* below_header = boxCreate(0, 20, w * 2, 2 * h);
  PixPtr a = adopt_pix(pixClipRectangle(standard.pix.get(), below_header, nullptr));
  PixPtr b = adopt_pix(pixClipRectangle(undoubled.pix.get(), below_header, nullptr));
  boxDestroy(&below_header);
  l_int32 same = 0;
  REQUIRE(pixEqual(a.get(), b.get(), &same) == 0);
  CHECK(same == 1);

  SECTION("an ordinary black-and-white image keeps its rows") {
    // The fax as a 204 dpi black-and-white scan: no row repeats its neighbour.
    PixPtr plain = adopt_pix(pixScale(standard.pix.get(), 204.0f / 300, 204.0f / 300));
    REQUIRE(plain);
    PixPtr binary = adopt_pix(pixConvertTo1(plain.get(), 128));
    REQUIRE(binary);
    pixSetResolution(binary.get(), 204, 204);
    const std::string path = write_g4(binary.get(), "declx-bilevel-");
    PageImage image = DocumentSource::open(path, options)->page_image(1);
    std::filesystem::remove(path);
    CHECK(image.height_pt == Approx(pixGetHeight(binary.get()) * 72.0 / 204).margin(0.5));
    CHECK(pixGetHeight(image.pix.get()) ==
          Approx(pixGetHeight(binary.get()) * 300.0 / 204).margin(1));
  }
}

TEST_CASE("a region of a page is read again on its own, words in page points", "[ocr][reread]") {
  const auto& words = fixture_facts()["scan.png"]["words"];
  auto bbox_of = [&](const std::string& text) {
    for (const auto& e : words)
      if (e["text"] == text)
        return BBox{e["bbox"][0].get<double>(), e["bbox"][1].get<double>(),
                    e["bbox"][2].get<double>(), e["bbox"][3].get<double>()};
    FAIL("no fixture word " << text);
    return BBox{};
  };
  const BBox amount = bbox_of("12345.67");
  RegionReader reader(data_path("scan.png"), ReadOptions{});
  // The amount with a margin around it, digits only: the amount and nothing from the row.
  BBox region{amount.x0 - 3, amount.y0 - 4, amount.x1 + 2, amount.y1 + 4};
  std::vector<Word> read = reader.read(1, region, "0123456789.,");
  REQUIRE(read.size() == 1);
  CHECK(read[0].text == "12345.67");
  CHECK(read[0].source == PageSource::Ocr);
  CHECK(overlap_ratio(read[0].bbox, amount) > 0.5);
  // Any characters: two words of the consignee row, left to right.
  const BBox name = bbox_of("Ромашка,"), inn = bbox_of("7701234567");
  read = reader.read(1, BBox{name.x0 - 4, name.y0 - 4, inn.x1 + 4, inn.y1 + 4}, "");
  std::string text;
  for (const Word& word : read) text += word.text + " ";
  CHECK_THAT(text, Catch::Contains("Ромашка") && Catch::Contains("7701234567"));
  CHECK(reader.regions_read() == 2);
  // Outside the page, or a page the file does not have: nothing, and no error.
  CHECK(reader.read(1, BBox{600, 200, 700, 260}, "").empty());
  CHECK(reader.read(2, region, "").empty());
  CHECK(reader.error().empty());
}

TEST_CASE("a region reader whose file is gone reads nothing and says why", "[reread]") {
  RegionReader reader("/nonexistent/declx-scan.png", ReadOptions{});
  CHECK(reader.read(1, BBox{0, 0, 100, 100}, "").empty());
  CHECK_THAT(reader.error(), Catch::Contains("/nonexistent/declx-scan.png"));
  CHECK(reader.regions_read() == 0);
}
