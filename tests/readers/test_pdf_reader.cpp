#include <catch2/catch.hpp>

#include "readers/document_source.h"
#include "readers/errors.h"
#include "readers/page_model_json.h"
#include "readers/read_document.h"
#include "test_support.h"

using namespace declx;
using declx::test::data_path;
using declx::test::fixture_facts;

namespace {

std::vector<Word> all_words(const Page& page) {
  std::vector<Word> words;
  for (const Block& block : page.blocks)
    for (const Line& line : block.lines)
      for (const Word& word : line.words) words.push_back(word);
  return words;
}

BBox box_of(const nlohmann::json& j) {
  return {j[0].get<double>(), j[1].get<double>(), j[2].get<double>(), j[3].get<double>()};
}

}  // namespace

TEST_CASE("text-layer words and boxes match what was drawn", "[pdf]") {
  ReadOptions options;
  auto source = DocumentSource::open(data_path("text.pdf"), options);
  REQUIRE(source->media_type() == MediaType::Pdf);
  REQUIRE(source->page_count() == 1);
  PageAnalysis analysis = source->analyse_page(1);
  CHECK_FALSE(analysis.needs_ocr);
  CHECK(analysis.reason == "healthy text layer");
  const Page& page = analysis.page;
  CHECK(page.source == PageSource::TextLayer);
  CHECK(page.width == Approx(595.0));
  CHECK(page.height == Approx(842.0));

  std::vector<Word> words = all_words(page);
  const auto& expected = fixture_facts()["text.pdf"]["words"];
  REQUIRE(words.size() == expected.size());
  for (size_t i = 0; i < words.size(); ++i) {
    INFO("word " << i << ": " << words[i].text);
    CHECK(words[i].text == expected[i]["text"].get<std::string>());
    BBox want = box_of(expected[i]["bbox"]);
    CHECK(words[i].bbox.x0 == Approx(want.x0).margin(1.5));
    CHECK(words[i].bbox.x1 == Approx(want.x1).margin(1.5));
    CHECK(overlap_ratio(words[i].bbox, want) > 0.7);
    CHECK(words[i].confidence == 1.0);
    CHECK(words[i].source == PageSource::TextLayer);
  }
  // Reading order: five lines, top to bottom.
  std::string text = page_text(page);
  CHECK(text.find("ДЕКЛАРАЦИЯ НА ТОВАРЫ") < text.find("Условия поставки FCA ПЕКИН"));
  size_t lines = 0;
  for (const Block& block : page.blocks) lines += block.lines.size();
  CHECK(lines == 5);
}

TEST_CASE("the page model survives a JSON round trip", "[json]") {
  Document document = read_document(data_path("text.pdf"), ReadOptions{});
  nlohmann::json json = to_json(document);
  Document back = document_from_json(nlohmann::json::parse(json.dump()));
  REQUIRE(back.pages.size() == 1);
  CHECK(to_json(back) == json);
  CHECK(back.media_type == "application/pdf");
  CHECK(page_text(back.pages[0]) == page_text(document.pages[0]));
  nlohmann::json via_adl = document.pages[0];
  CHECK(via_adl.get<Page>().blocks.size() == document.pages[0].blocks.size());
  CHECK_THROWS(page_from_json(nlohmann::json{{"number", 1}}));
}

TEST_CASE("opening bad PDFs fails with the right kind", "[pdf][errors]") {
  auto kind_of = [](const std::string& name, ReadOptions options = {}) {
    try {
      DocumentSource::open(data_path(name), options);
    } catch (const ReadError& error) {
      return error.kind();
    }
    return ErrorKind::Internal;
  };
  CHECK(kind_of("truncated.pdf") == ErrorKind::Corrupt);
  CHECK(kind_of("corrupt.pdf") == ErrorKind::Corrupt);
  CHECK(kind_of("encrypted.pdf") == ErrorKind::Encrypted);
  CHECK(kind_of("huge.png") == ErrorKind::TooLarge);
  ReadOptions one_page;
  one_page.max_pages = 1;
  CHECK(kind_of("mixed.pdf", one_page) == ErrorKind::TooLarge);
  CHECK(kind_of("two-pages.tif", one_page) == ErrorKind::TooLarge);
}

TEST_CASE("a multi-page TIFF has one page per directory", "[image]") {
  auto source = DocumentSource::open(data_path("two-pages.tif"), ReadOptions{});
  CHECK(source->page_count() == 2);
  PageAnalysis analysis = source->analyse_page(2);
  CHECK(analysis.needs_ocr);
  PageImage image = source->page_image(2);
  REQUIRE(image.pix);
  CHECK(image.width_pt == Approx(fixture_facts()["scan.png"]["width_pt"].get<double>()).margin(1));
}

TEST_CASE("a rendered PDF page over --max-pixels is refused", "[pdf][errors]") {
  ReadOptions options;
  options.max_pixels = 1'000'000;  // an A4 page at 300 dpi is ~8.7 million
  auto source = DocumentSource::open(data_path("mixed.pdf"), options);
  REQUIRE_THROWS_AS(source->page_image(2), ReadError);
  try {
    source->page_image(2);
  } catch (const ReadError& error) {
    CHECK(error.kind() == ErrorKind::TooLarge);
  }
}
