// Captions of which OCR read only the printed box number (dense faxes): the numbers that sit
// on the form's grid anchor the header and the goods items.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "extractors/extract.h"
#include "readers/page_model_json.h"
#include "tests/extractors/page_builder.h"
#include "tests/support/process.h"

using namespace declx;
using declx::test::PageBuilder;

namespace {

using test::value;

size_t count_number_only(const Record& record) {
  size_t count = 0;
  for (const std::string& line : record.explain_labels)
    count += line.find("(number only)") != std::string::npos;
  return count;
}

// A dense fax's main sheet (trimmed from dt0005-dense-fax): every caption is its box number
// and unreadable letters ("8 оливы" for "8 Получатель"), the values are read well. Header
// rows are 24 points apart, item rows 21.
// With `top_numbers_lost`, the captions of the first four header rows lost their numbers too
// (tuning dt0004-dense-fax): only numbers from box 12's row down are left to place the header.
Page dense_fax_sheet(double caption_confidence, bool top_numbers_lost = false) {
  const double c = caption_confidence, v = 0.93, row = 24;
  auto caption = [&](PageBuilder& b, double x, double y, const std::string& text) {
    if (top_numbers_lost && y < 26 + 4 * row)
      b.line(x, y, "Зо" + text.substr(text.find(' ')), 4, c);
    else
      b.line(x, y, text, 4, c);
  };
  PageBuilder b(1);
  caption(b, 21, 26, "2 Ompanmenn");
  caption(b, 253, 26, "1 шеклАйАНИЯ");
  b.line(22, 33, "СЯМЫНЬ ХУНДА МАШИНЕРИ КО., ЛТД", 6, v).line(255, 34, "ИМ 40 ЭД", 6, v);
  b.line(22, 40, "КИТАЙ, FUJIAN, XIAMEN, KEJI ROAD 64", 6, v);
  b.line(380, 44, "10716050/280924/0449483", 8, v);
  caption(b, 253, 26 + 2 * row, "5 Soot");
  b.line(254, 33 + 2 * row, "8", 6, v);
  caption(b, 21, 26 + 3 * row, "8 оливы");
  caption(b, 253, 26 + 3 * row, "9 Инки. чуть");
  b.line(22, 33 + 3 * row, "АО \"НПО \"ЛЭМЗ\"", 6, v).line(254, 33 + 3 * row, "СМ. ГРАФУ 8", 6, v);
  b.line(22, 40 + 3 * row, "ИНН/КПП 6625233391/662545002", 6, v);
  b.line(22, 47 + 3 * row, "127411, РОССИЯ, Г. МОСКВА, ДМИТРОВСКОЕ Ш., Д. 110", 6, v);
  caption(b, 345, 26 + 4.8 * row, "12 (opie! аноним");
  caption(b, 136, 26 + 10 * row, "27 Mer, fy angry");
  caption(b, 22, 26 + 6 * row, "14 Цеклорину");
  caption(b, 254, 26 + 6 * row, "38 Геранл ранения");
  b.line(23, 33 + 6 * row, "АО \"РТЛ-БРОКЕР\"", 6, v).line(255, 33 + 6 * row, "КИТАЙ", 6, v);
  b.line(23, 40 + 6 * row, "196084, РОССИЯ, Г. САНКТ-ПЕТЕРБУРГ, УЛ. ЗАСТАВСКАЯ, Д. 25", 6, v);
  caption(b, 255, 26 + 8 * row, "19 kon");
  caption(b, 290, 26 + 8 * row, "Yon nocras");  // box 20, no number: placed by the form
  b.line(256, 33 + 8 * row, "0", 6, v).line(290, 33 + 8 * row, "FOB САНКТ-ПЕТЕРБУРГ", 6, v);
  caption(b, 23, 26 + 9 * row, "22 идентьтыкация");
  caption(b, 255, 26 + 9 * row, "23 далюга и общая");  // box 22's caption, number misread
  caption(b, 431, 26 + 9 * row, "24 хорактер");
  b.line(257, 36 + 9 * row, "EUR 500536,72", 6, v).line(370, 33 + 9 * row, "90,8922", 6, v);
  caption(b, 24, 26 + 11 * row, "5 onan ea");
  // The goods item: rows of 21 points from box 31's caption row.
  const double y = 26 + 12.2 * row, irow = 21;
  caption(b, 24, y, "SA Грили wares");
  caption(b, 356, y, "$2 Teng");
  caption(b, 395, y, "33 ow wrap");
  b.line(26, y + 7, "1) СОЕДИНИТЕЛИ ЭЛЕКТРИЧЕСКИЕ КОАКСИАЛЬНЫЕ", 6, v);
  b.line(357, y + 7, "1", 6, v).line(402, y + 7, "8536694008", 6, v);
  caption(b, 356, y + irow, "M4 Koa capa");
  caption(b, 424, y + irow, "35 Bee брони");
  caption(b, 515, y + irow, "46 Плефорлиыня");
  b.line(363, y + irow + 8, "CN", 6, v).line(425, y + irow + 8, "1.086000", 6, v);
  caption(b, 356, y + 2 * irow, "57 Nomina");
  caption(b, 424, y + 2 * irow, "58 Ras попа");
  caption(b, 515, y + 2 * irow, "39 мым");
  b.line(357, y + 2 * irow + 7, "4000000", 6, v).line(425, y + 2 * irow + 7, "0.037000", 6, v);
  caption(b, 356, y + 4 * irow, "41 Ллбианыя");
  caption(b, 424, y + 4 * irow, "42 kona зовзфл");
  b.line(426, y + 4 * irow + 7, "41.84", 6, v);
  caption(b, 25, y + 5 * irow, "44 Пополни");
  caption(b, 357, y + 5 * irow, "Als Parking");
  b.line(358, y + 5 * irow + 7, "3862.27", 6, v);
  caption(b, 357, y + 6 * irow, "46 Cranmer");
  b.line(358, y + 6 * irow + 7, "46.19", 6, v);
  Page page = b.page();
  page.source = PageSource::Ocr;
  return page;
}

}  // namespace

TEST_CASE("a dense fax whose captions kept only their numbers is read by the form grid",
          "[extract][grid]") {
  // dt0005-dense-fax: no caption matched its spelling, so every party, the currency and the
  // item's values were "box not found". Numbers misread as other boxes ("38" for 15, "22"
  // for 21, "5" for 29) must not be taken: they sit off their box's place; "23" for 22 sits
  // in box 23's row, but left of box 22's column, where box 23 cannot be (dt0047). Box 20's
  // column has no caption at all: the form's proportions place it (dt0005, dt0026).
  Document doc;
  doc.pages = {dense_fax_sheet(0.2)};
  Record record = extract_record(doc, test::bundled_patterns(), ExtractOptions{true});
  CHECK(value(record.consignor.name) == "СЯМЫНЬ ХУНДА МАШИНЕРИ КО., ЛТД");
  CHECK(value(record.consignee.name) == "АО \"НПО \"ЛЭМЗ\"");
  CHECK(value(record.consignee.inn) == "6625233391");
  CHECK(value(record.declarant.name) == "АО \"РТЛ-БРОКЕР\"");
  CHECK(value(record.invoice_currency) == "EUR");
  CHECK(value(record.invoice_total) == Approx(500536.72));
  CHECK(value(record.delivery_terms.incoterm) == "FOB");
  CHECK(value(record.delivery_terms.place) == "САНКТ-ПЕТЕРБУРГ");
  REQUIRE(record.items.size() == 1);
  const Item& item = record.items[0];
  CHECK(value(item.hs_code) == "8536694008");
  CHECK(value(item.gross_kg) == Approx(1.086));
  CHECK(value(item.net_kg) == Approx(0.037));
  CHECK(value(item.invoice_price) == Approx(41.84));
  CHECK(value(item.description) == "СОЕДИНИТЕЛИ ЭЛЕКТРИЧЕСКИЕ КОАКСИАЛЬНЫЕ");
  // The misread numbers were not made captions of the boxes they name.
  for (const std::string& line : record.explain_labels) {
    INFO(line);
    bool misread =
        line.find("box 38 ") != std::string::npos && line.find("(254,") != std::string::npos;
    misread |= line.find("box 22 ") != std::string::npos && line.find("(23,") != std::string::npos;
    misread |= line.find("box 21 ") != std::string::npos && line.find("(255,") != std::string::npos;
    misread |= line.find("box 23 ") != std::string::npos && line.find("(255,") != std::string::npos;
    CHECK_FALSE(misread);
  }
  CHECK(count_number_only(record) >= 8);
}

TEST_CASE("numbered lines that do not sit on the form grid anchor nothing", "[extract][grid]") {
  // A scanned list whose lines start with the numbers 1 to 46, evenly spaced in one column
  // (a page of a contract, say): bare numbers alone, off the grid, are no captions.
  PageBuilder b(1);
  for (int n = 1; n <= 46; ++n)
    b.line(40, 20 + 16.0 * n, std::to_string(n) + " ПОСТАВЩИК ОБЯЗУЕТСЯ ПОСТАВИТЬ ТОВАР", 6, 0.9);
  Document doc;
  doc.pages = {b.page()};
  doc.pages[0].source = PageSource::Ocr;
  Record record = extract_record(doc, test::bundled_patterns(), ExtractOptions{true});
  CHECK(count_number_only(record) == 0);
  CHECK(record.document_type == "unknown");
}

TEST_CASE("declx extract on a fax's page model writes the record and nothing on stderr",
          "[extract][grid][cli]") {
  // The grid stages once printed a debugging line per placed caption to stderr.
  Document doc;
  doc.path = "dense-fax.tif";
  doc.media_type = "image/tiff";
  doc.pages = {dense_fax_sheet(0.2)};
  const auto dir = std::filesystem::temp_directory_path();
  const std::string model = (dir / "declx_grid_fax.json").string(),
                    out = (dir / "declx_grid_fax.out").string(),
                    err = (dir / "declx_grid_fax.err").string();
  std::ofstream(model) << to_json(doc).dump();
  REQUIRE(test::run_process_to({DECLX_BINARY_PATH, "extract", "--from-json", model}, out, err) ==
          0);
  std::stringstream record, messages;
  record << std::ifstream(out).rdbuf();
  messages << std::ifstream(err).rdbuf();
  CHECK(record.str().find("СЯМЫНЬ ХУНДА МАШИНЕРИ") != std::string::npos);
  CHECK(messages.str().empty());
}

TEST_CASE("a dense fax whose top captions lost their numbers too is placed from box 12 down",
          "[extract][grid]") {
  // tuning dt0004-dense-fax: boxes 2, 1, 3, 5, 8 and 9 read as unnumbered garbage; the numbers
  // of boxes 12, 14, 19, 27 and 30 were left, all from the header's fifth row down.
  Document doc;
  doc.pages = {dense_fax_sheet(0.2, true)};
  Record record = extract_record(doc, test::bundled_patterns());
  CHECK(value(record.consignor.name) == "СЯМЫНЬ ХУНДА МАШИНЕРИ КО., ЛТД");
  CHECK(value(record.consignee.name) == "АО \"НПО \"ЛЭМЗ\"");
  CHECK(value(record.declarant.name) == "АО \"РТЛ-БРОКЕР\"");
  CHECK(value(record.invoice_total) == Approx(500536.72));
}
