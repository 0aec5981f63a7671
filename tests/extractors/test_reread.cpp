// Re-reading weak boxes (extractors/reread.h) with a stand-in for the OCR of a region: which
// boxes are asked for again, and when a second reading replaces the first.
#include <catch2/catch.hpp>

#include "extractors/reread.h"
#include "tests/extractors/page_builder.h"

using namespace declx;
using declx::test::PageBuilder;
using Check = PatternData::RereadBox::Check;

namespace {

using test::pattern_data;

// One OCR'd goods item of the printed form (confidence 0.9), box 35 and 34 as given.
Document ocr_item(const std::string& origin, const std::string& gross, bool ocr = true) {
  PageBuilder b(1);
  const double c = ocr ? 0.9 : 1.0;
  b.line(40, 100, "31 Грузовые места и описание товаров", 5, c)
      .line(300, 100, "32 Товар", 5, c)
      .line(340, 100, "33 Код товара", 5, c);
  b.line(42, 108, "1) АНТЕННЫ И ИХ ЧАСТИ", 8, c)
      .line(302, 108, "1", 8, c)
      .line(345, 108, "8529109000", 9, c);
  b.line(300, 120, "34 Код страны происх.", 5, c)
      .line(370, 120, "35 Вес брутто (кг)", 5, c)
      .line(460, 120, "36 Преференция", 5, c);
  b.line(305, 128, origin, 8, c).line(372, 128, gross, 8, c).line(462, 128, "ОООО-ОО", 8, c);
  b.line(300, 140, "37 Процедура", 5, c)
      .line(370, 140, "38 Вес нетто (кг)", 5, c)
      .line(460, 140, "39 Квота", 5, c);
  b.line(302, 148, "4000000", 8, c).line(372, 148, "10,250", 8, c);
  Document doc;
  doc.path = "scan.tif";
  doc.pages = {b.page()};
  doc.pages[0].source = ocr ? PageSource::Ocr : PageSource::TextLayer;
  return doc;
}

struct Request {
  int page;
  BBox region;
  std::string charset;
};

// A stand-in OCR: answers `answers[box]` for a request whose region holds that box's value
// position, and records every request.
struct FakeRegionOcr {
  std::map<std::string, Word> answers;  // keyed by "34", "35"
  std::vector<Request> requests;

  std::function<std::vector<Word>(int, const BBox&, const std::string&)> callback() {
    return [this](int page, const BBox& region, const std::string& charset) {
      requests.push_back({page, region, charset});
      std::vector<Word> out;
      for (const auto& [box, word] : answers) {
        double cx = (word.bbox.x0 + word.bbox.x1) / 2, cy = (word.bbox.y0 + word.bbox.y1) / 2;
        if (cx > region.x0 && cx < region.x1 && cy > region.y0 && cy < region.y1)
          out.push_back(word);
      }
      return out;
    };
  }
};

// Extracts `doc` with `ocr` standing in for the OCR of regions.
Record extract_with(FakeRegionOcr& ocr, const Document& doc) {
  ExtractOptions options;
  options.reread_region = ocr.callback();
  return extract_record(doc, test::bundled_patterns(), options);
}

Word word_at(double x, double y, const std::string& text, double confidence = 0.95) {
  return Word{text, BBox{x, y, x + 30, y + 8}, confidence, PageSource::Ocr};
}

bool mentions(const std::vector<std::string>& repairs, const std::string& part) {
  for (const auto& repair : repairs)
    if (repair.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("how well a box's text holds its value", "[reread]") {
  CHECK(box_reading_quality(pattern_data(), Check::Number, ",") == 0);
  CHECK(box_reading_quality(pattern_data(), Check::Number, "ь :") == 0);
  CHECK(box_reading_quality(pattern_data(), Check::Number, "12,500") == 2);
  CHECK(box_reading_quality(pattern_data(), Check::Number, "9 908 965,64") == 2);
  CHECK(box_reading_quality(pattern_data(), Check::Number, "1З,5") == 1);  // Cyrillic З for 3
  CHECK(box_reading_quality(pattern_data(), Check::Count, "3") == 2);
  CHECK(box_reading_quality(pattern_data(), Check::Count, "0,5") == 0);
  CHECK(box_reading_quality(pattern_data(), Check::Hs, "8529 10 900 0") == 2);
  CHECK(box_reading_quality(pattern_data(), Check::Hs, "8529 10 90") == 0);
  CHECK(box_reading_quality(pattern_data(), Check::Country, "a CN b") == 2);
  CHECK(box_reading_quality(pattern_data(), Check::Country, "а СМ b") == 1);  // CN or CM
  CHECK(box_reading_quality(pattern_data(), Check::Country, "a о °") == 0);
  CHECK(box_reading_quality(pattern_data(), Check::CountryName, "КИТАЙ") == 2);
  CHECK(box_reading_quality(pattern_data(), Check::CountryName, "Ba\nКИТАЙ") == 2);  // a speck line
  CHECK(box_reading_quality(pattern_data(), Check::CountryName, "ь ..") == 0);
  CHECK(box_reading_quality(pattern_data(), Check::Amount, "EUR 7 674 595,64") == 2);
  CHECK(box_reading_quality(pattern_data(), Check::Amount, "EUR") == 0);
  CHECK(box_reading_quality(pattern_data(), Check::Amount, "ЕИВ 7 674 595,64") == 1);  // code lost
  CHECK(box_reading_quality(pattern_data(), Check::Latin, "КЕЙ ROAD") == 2);  // not a value check
}

TEST_CASE("an unreadable weight is read again from its region and recorded", "[reread]") {
  FakeRegionOcr ocr;
  ocr.answers["35"] = word_at(372, 128, "28,870");
  Record record = extract_with(ocr, ocr_item("a CN b", ","));
  // Box 35 is asked for: page 1, the box under its caption, not into box 36. Boxes read
  // cleanly (34, 38) are not; the item's boxes placed from the form grid below (42, 45, 46:
  // captions not on this page) are, being empty.
  auto holds = [](const BBox& r, double x, double y) {
    return x > r.x0 && x < r.x1 && y > r.y0 && y < r.y1;
  };
  const Request* box35 = nullptr;
  for (const auto& r : ocr.requests) {
    CHECK(r.page == 1);
    CHECK_FALSE(holds(r.region, 310, 132));  // box 34's value
    CHECK_FALSE(holds(r.region, 380, 152));  // box 38's value
    if (holds(r.region, 387, 132)) box35 = &r;
  }
  REQUIRE(box35 != nullptr);
  CHECK(box35->region.y0 <= 120);
  CHECK(box35->region.x1 < 460);
  REQUIRE(record.items.size() == 1);
  const Item& item = record.items[0];
  REQUIRE(item.gross_kg.present());
  CHECK(*item.gross_kg.value == Approx(28.87));
  CHECK(item.gross_kg.raw == "28,870");
  CHECK(mentions(item.gross_kg.repairs, "read again"));
  // Fields read in the page pass are untouched.
  REQUIRE(item.net_kg.present());
  CHECK(*item.net_kg.value == Approx(10.25));
  CHECK_FALSE(mentions(item.net_kg.repairs, "read again"));
}

TEST_CASE("a second reading that is no better leaves the box as it was", "[reread]") {
  FakeRegionOcr ocr;
  ocr.answers["35"] = word_at(372, 128, "ь :");
  Record record = extract_with(ocr, ocr_item("a CN b", ","));
  CHECK_FALSE(ocr.requests.empty());
  REQUIRE(record.items.size() == 1);
  CHECK_FALSE(record.items[0].gross_kg.present());
  bool warned = false;
  for (const auto& warning : record.warnings) warned |= warning.find("box 35") != std::string::npos;
  CHECK(warned);
}

TEST_CASE("a damaged country code is read again and text-layer pages never are", "[reread]") {
  FakeRegionOcr ocr;
  ocr.answers["34"] = word_at(305, 128, "KR");
  Record record = extract_with(ocr, ocr_item("a о °", "12,500"));
  REQUIRE(record.items.size() == 1);
  REQUIRE(record.items[0].origin_country.present());
  CHECK(*record.items[0].origin_country.value == "KR");
  CHECK(mentions(record.items[0].origin_country.repairs, "read again"));

  FakeRegionOcr unused;
  extract_with(unused, ocr_item("a о °", ",", /*ocr=*/false));
  CHECK(unused.requests.empty());
}

namespace {

// Box 2 of an OCR'd page: a Latin name and address (with one word read in Cyrillic, say),
// and a last line `last` read at 0.3 when given.
Document consignor_box(const std::string& address, const std::string& last = "") {
  PageBuilder b(1);
  b.line(40, 30, "2 Отправитель/Экспортер", 5, 0.9);
  b.line(42, 38, "HANGZHOU ZHONGKE COMPONENTS CO., LTD", 8, 0.9);
  b.line(42, 47, address, 8, 0.9);
  if (!last.empty()) b.line(42, 56, last, 8, 0.3);
  Document doc;
  doc.path = "scan.tif";
  doc.pages = {b.page()};
  doc.pages[0].source = PageSource::Ocr;
  return doc;
}

// The bbox PageBuilder gave a word of the document.
BBox bbox_of(const Document& doc, const std::string& text) {
  for (const auto& block : doc.pages[0].blocks)
    for (const auto& line : block.lines)
      for (const auto& word : line.words)
        if (word.text == text) return word.bbox;
  FAIL("no word " << text);
  return {};
}

}  // namespace

TEST_CASE("a word read in Cyrillic amid Latin ones is read again", "[reread]") {
  Document doc = consignor_box("КИТАЙ, ZHEJIANG, HANGZHOU, НАТОТАМ DISTRICT, XINGHU STREET 280");
  const BBox suspect = bbox_of(doc, "НАТОТАМ");
  std::vector<BBox> asked;
  std::string answer = "HAIDIAN";
  ExtractOptions options;
  options.reread_region = [&](int, const BBox& region, const std::string&) {
    asked.push_back(region);
    // The second reading: the neighbours again and the word in its place.
    return std::vector<Word>{Word{"HANGZHOU,", bbox_of(doc, "HANGZHOU,"), 0.9, PageSource::Ocr},
                             Word{answer, suspect, 0.9, PageSource::Ocr},
                             Word{"DISTRICT,", bbox_of(doc, "DISTRICT,"), 0.9, PageSource::Ocr}};
  };
  Record record = extract_record(doc, test::bundled_patterns(), options);
  // One request: the suspect word with its neighbours; not the country name "КИТАЙ,".
  REQUIRE(asked.size() == 1);
  CHECK(asked[0].x0 <= bbox_of(doc, "HANGZHOU,").x0);
  CHECK(asked[0].x1 >= bbox_of(doc, "DISTRICT,").x1);
  REQUIRE(record.consignor.address.present());
  CHECK(*record.consignor.address.value ==
        "КИТАЙ, ZHEJIANG, HANGZHOU, HAIDIAN DISTRICT, XINGHU STREET 280");
  CHECK(mentions(record.consignor.address.repairs, "'НАТОТАМ' read again on its own: 'HAIDIAN'"));

  // A second reading in Cyrillic again: the word was meant so, and stays.
  answer = "НАТОТАМ";
  record = extract_record(doc, test::bundled_patterns(), options);
  REQUIRE(record.consignor.address.present());
  CHECK_THAT(*record.consignor.address.value, Catch::Contains("НАТОТАМ DISTRICT"));
  CHECK_FALSE(mentions(record.consignor.address.repairs, "read again"));
}

TEST_CASE("a header box is read again once, before the header fields are read", "[reread]") {
  PageBuilder b(1);
  b.line(300, 204, "22 Валюта и общая сумма по счету", 5, 0.9)
      .line(450, 204, "23 Курс валюты", 5, 0.9);
  b.line(302, 212, "ЕИ ,", 8, 0.9).line(452, 212, "76,1262", 8, 0.9);
  Document doc;
  doc.path = "scan.tif";
  doc.pages = {b.page()};
  doc.pages[0].source = PageSource::Ocr;
  int asked = 0;
  ExtractOptions options;
  options.reread_region = [&](int, const BBox& region, const std::string&) {
    std::vector<Word> out;
    if (region.x0 < 310 && region.x1 > 340 && region.x1 < 450) {  // box 22, not box 23
      ++asked;
      out.push_back(Word{"EUR", BBox{302, 212, 318, 220}, 0.9, PageSource::Ocr});
      out.push_back(Word{"1", BBox{322, 212, 326, 220}, 0.9, PageSource::Ocr});
      out.push_back(Word{"600,50", BBox{328, 212, 352, 220}, 0.9, PageSource::Ocr});
    }
    return out;
  };
  Record record = extract_record(doc, test::bundled_patterns(), options);
  CHECK(asked == 1);
  REQUIRE(record.invoice_currency.present());
  CHECK(*record.invoice_currency.value == "EUR");
  REQUIRE(record.invoice_total.present());
  CHECK(*record.invoice_total.value == Approx(1600.5));
  CHECK(mentions(record.invoice_total.repairs, "read again"));
}

TEST_CASE("a second reading keeps only the words of its own box", "[reread]") {
  // dt0009: the crop of one box reached into the next one and its caption number ("35" of
  // "гр. 35 Вес брутто") became that box's weight.
  Document doc = ocr_item("a о °", ",");
  std::vector<BBox> asked;
  ExtractOptions options;
  options.reread_region = [&](int, const BBox& region, const std::string&) {
    asked.push_back(region);
    std::vector<Word> out;
    if (region.x0 < 305) {  // box 34's crop, reaching into box 35's region
      out.push_back(word_at(305, 128, "CN"));
      out.push_back(word_at(380, 128, "35"));
    }
    return out;
  };
  Record record = extract_record(doc, test::bundled_patterns(), options);
  REQUIRE(record.items.size() == 1);
  REQUIRE(record.items[0].origin_country.present());
  CHECK(*record.items[0].origin_country.value == "CN");
  CHECK_FALSE(record.items[0].gross_kg.present());  // box 35 read nothing of its own
  CHECK(asked.size() >= 2);
}

TEST_CASE("a caption placed from the form is moved to where a second reading shows it",
          "[reread]") {
  // tune-fax-stop16 dt0000: box 46's caption, lost on the page, was placed from the other
  // items half a row below the printed one, over the value; the value ("443 681,93") was
  // taken for caption words and dropped. The re-reading shows "46" and the caption's words.
  Document doc = ocr_item("a CN b", "28,870");
  std::vector<BBox> asked;
  ExtractOptions options;
  options.reread_region = [&](int, const BBox& region, const std::string&) {
    asked.push_back(region);
    std::vector<Word> out;
    // Box 46, placed from the grid at y 220; its printed caption, cut by the crop's top
    // edge, is read at 216-221, the value under it at 222-229.
    if (region.y0 > 210 && region.y0 < 230 && region.x0 < 305) {
      out.push_back(Word{"46", BBox{300, 216, 306, 221}, 0.6, PageSource::Ocr});
      out.push_back(Word{"Статистическая", BBox{308, 216, 350, 221}, 0.4, PageSource::Ocr});
      out.push_back(Word{"3 173,14", BBox{302, 222, 330, 229}, 0.93, PageSource::Ocr});
    }
    return out;
  };
  Record record = extract_record(doc, test::bundled_patterns(), options);
  REQUIRE(record.items.size() == 1);
  bool asked_46 = false;
  for (const BBox& region : asked) asked_46 |= region.y0 > 210 && region.y0 < 230;
  REQUIRE(asked_46);
  INFO(record.items[0].statistical_value.why_empty);
  REQUIRE(record.items[0].statistical_value.present());
  CHECK(*record.items[0].statistical_value.value == Approx(3173.14));
}

TEST_CASE("a whole number in a value box is checked for a lost fraction", "[reread]") {
  // t4 dt0018 (300 dpi image PDF): box 35 "5,584" read as "5", the comma lost and "584" a
  // word of its own outside the box.
  {
    FakeRegionOcr ocr;
    ocr.answers["35"] = word_at(372, 128, "5,584");
    Record record = extract_with(ocr, ocr_item("a CN b", "5"));
    REQUIRE(record.items.size() == 1);
    REQUIRE(record.items[0].gross_kg.present());
    CHECK(*record.items[0].gross_kg.value == Approx(5.584));
    CHECK(mentions(record.items[0].gross_kg.repairs, "read again"));
  }
  // Another number, or the same one again, leaves the page's reading.
  for (const char* second : {"6,584", "5", "15,584"}) {
    FakeRegionOcr ocr;
    ocr.answers["35"] = word_at(372, 128, second);
    Record record = extract_with(ocr, ocr_item("a CN b", "5"));
    REQUIRE(record.items.size() == 1);
    CHECK(*record.items[0].gross_kg.value == Approx(5.0));
    CHECK_FALSE(mentions(record.items[0].gross_kg.repairs, "read again"));
  }
  // A number with its fraction is not asked for again.
  FakeRegionOcr ocr;
  Record record = extract_with(ocr, ocr_item("a CN b", "5,584"));
  auto holds = [](const BBox& r, double x, double y) {
    return x > r.x0 && x < r.x1 && y > r.y0 && y < r.y1;
  };
  for (const auto& r : ocr.requests) CHECK_FALSE(holds(r.region, 387, 132));
}

TEST_CASE("a party box's line read as specks is read again across the box", "[reread]") {
  // ts3 dt0014 (scan): the address's last line "STREET 50" read "deg an:" at 0.3.
  auto document = [](const std::string& last) {
    return consignor_box("КИТАЙ, ZHEJIANG, HANGZHOU, BAOAN DISTRICT, ZHONGGUANCUN", last);
  };
  Document doc = document("deg an:");
  std::vector<BBox> asked;
  double confidence = 0.93;
  ExtractOptions options;
  options.reread_region = [&](int, const BBox& region, const std::string&) {
    asked.push_back(region);
    // the ruling at the box's edge, the line, and the foot of the line above cut by the crop
    return std::vector<Word>{Word{"|", BBox{40, 55, 41, 65}, 0.9, PageSource::Ocr},
                             Word{"STREET", BBox{42, 56, 70, 64}, confidence, PageSource::Ocr},
                             Word{"50", BBox{72, 56, 80, 64}, confidence, PageSource::Ocr},
                             Word{"=", BBox{42, 49, 60, 51}, 0.6, PageSource::Ocr}};
  };
  Record record = extract_record(doc, test::bundled_patterns(), options);
  REQUIRE(asked.size() == 1);
  CHECK(asked[0].y0 >= bbox_of(doc, "ZHONGGUANCUN").y1 - 1e-9);  // below the line above
  CHECK(asked[0].x1 >= bbox_of(doc, "ZHONGGUANCUN").x1);         // as wide as the box's lines
  REQUIRE(record.consignor.address.present());
  CHECK(*record.consignor.address.value ==
        "КИТАЙ, ZHEJIANG, HANGZHOU, BAOAN DISTRICT, ZHONGGUANCUN STREET 50");
  CHECK(mentions(record.consignor.address.repairs,
                 "line 'deg an:' read again on its own: 'STREET 50'"));

  // A second reading no surer than 0.75 leaves the line as it was.
  confidence = 0.7;
  record = extract_record(doc, test::bundled_patterns(), options);
  CHECK_FALSE(mentions(record.consignor.address.repairs, "read again"));

  // A line of a lone point is a speck beside lines read well: not asked about.
  asked.clear();
  confidence = 0.93;
  extract_record(document("."), test::bundled_patterns(), options);
  CHECK(asked.empty());
}

TEST_CASE("a band of a page OCR dropped whole is read again across the page", "[reread]") {
  // tf2 dt0002 (broker fax): twelve lines, "гр. 14 Декларант" to "гр. 22", were missing from
  // the page pass between two lines read well.
  PageBuilder b(1);
  for (int i = 0; i < 6; ++i)
    b.line(42, 40 + 11 * i, "гр. 8 Получатель: АО «ПРОМЭЛЕКТРОНИКА»", 7, 0.9);
  for (int i = 0; i < 6; ++i) b.line(42, 300 + 11 * i, "гр. 31 Описание товаров: БОЛТЫ", 7, 0.9);
  Page page = b.page();
  page.source = PageSource::Ocr;
  std::vector<BBox> asked;
  double confidence = 0.9;
  ExtractOptions options;
  options.reread_region = [&](int, const BBox& region, const std::string&) {
    asked.push_back(region);
    return std::vector<Word>{
        Word{"гр.", BBox{42, 180, 52, 187}, confidence, PageSource::Ocr},
        Word{"14", BBox{54, 180, 60, 187}, confidence, PageSource::Ocr},
        Word{"Декларант:", BBox{62, 180, 100, 187}, confidence, PageSource::Ocr},
        Word{"ра", BBox{300, 240, 306, 247}, 0.3, PageSource::Ocr},        // a speck
        Word{"гр.", BBox{42, 96, 52, 103}, confidence, PageSource::Ocr}};  // the line above
  };
  Page recovered = page;
  CHECK(recover_lost_bands(recovered, options) == 1);
  REQUIRE(asked.size() == 1);
  CHECK(asked[0].y0 >= 40 + 11 * 5);  // from the last word above the gap
  CHECK(asked[0].y1 <= 300.0);        // to the first below it
  REQUIRE(recovered.blocks.size() == page.blocks.size() + 1);
  std::string added;
  for (const Line& line : recovered.blocks.back().lines)
    for (const Word& word : line.words) added += (added.empty() ? "" : " ") + word.text;
  CHECK(added == "гр. 14 Декларант:");

  // a reading no surer than 0.75 on average adds nothing; a text layer is never read again
  confidence = 0.7;
  recovered = page;
  CHECK(recover_lost_bands(recovered, options) == 0);
  CHECK(recovered.blocks.size() == page.blocks.size());
  asked.clear();
  recovered = page;
  recovered.source = PageSource::TextLayer;
  CHECK(recover_lost_bands(recovered, options) == 0);
  CHECK(asked.empty());
}
