#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>

#include "extractors/extract.h"
#include "tests/extractors/page_builder.h"
#include "tests/support/process.h"

using namespace declx;
using declx::test::PageBuilder;

namespace {

using test::patterns;

// One goods item in the grid of the printed form, starting at y.
void item_boxes(PageBuilder& b, double y, int number, const std::vector<std::string>& description,
                const std::string& hs, const std::string& origin, const std::string& gross,
                const std::string& net, const std::string& price, const std::string& customs_value,
                const std::string& statistical_value) {
  b.line(40, y, "31 Грузовые места и описание товаров", 5)
      .line(300, y, "32 Товар", 5)
      .line(340, y, "33 Код товара", 5);
  double line_y = y + 8;
  for (size_t i = 0; i < description.size(); ++i, line_y += 9)
    b.line(42, line_y, (i == 0 ? "1) " : "") + description[i], 8);
  b.line(42, line_y, "ПРОИЗВОДИТЕЛЬ: SHENZHEN CO., LTD", 8);
  b.line(42, line_y + 9, "2) 3 CT-3", 8);
  b.line(302, y + 8, std::to_string(number), 8).line(345, y + 8, hs, 9);
  b.line(300, y + 20, "34 Код страны происх.", 5)
      .line(370, y + 20, "35 Вес брутто (кг)", 5)
      .line(460, y + 20, "36 Преференция", 5);
  b.line(305, y + 28, "a " + origin + " b", 8)
      .line(372, y + 28, gross, 8)
      .line(462, y + 28, "ОООО-ОО", 8);
  b.line(300, y + 40, "37 Процедура", 5)
      .line(370, y + 40, "38 Вес нетто (кг)", 5)
      .line(460, y + 40, "39 Квота", 5);
  b.line(302, y + 48, "4000000", 8).line(372, y + 48, net, 8);
  b.line(300, y + 60, "41 Дополнит. единицы", 5)
      .line(370, y + 60, "42 Цена товара", 5)
      .line(460, y + 60, "43 Код МОС", 5);
  b.line(302, y + 68, "3 (796) ШТ", 8).line(372, y + 68, price, 8).line(462, y + 68, "1", 8);
  b.line(40, y + 80, "44 Дополнит. информация/Представл. документы", 5)
      .line(300, y + 80, "45 Таможенная стоимость", 5);
  b.line(42, y + 88, "04021/0 ИНВОЙС № INV-1 ОТ 01.03.2022", 8).line(302, y + 88, customs_value, 8);
  b.line(300, y + 100, "46 Статистическая стоимость", 5);
  b.line(302, y + 108, statistical_value, 8);
}

Document sample_declaration(const std::string& declarant_box = "") {
  PageBuilder first(1);
  first.line(40, 30, "2 Отправитель/Экспортер", 5)
      .line(300, 30, "1 ДЕКЛАРАЦИЯ", 5)
      .line(420, 40, "10005030/150322/0123456", 11);
  first.line(42, 38, "SHENZHEN HUAXIN ELECTRONICS CO., LTD", 8)
      .line(42, 47, "КИТАЙ, GUANGDONG, SHENZHEN, NANSHAN DISTRICT, KEJI ROAD 12", 8)
      .line(302, 38, "ИМ 40 ЭД", 8);
  first.line(300, 60, "3 Формы", 5).line(360, 60, "5 Всего т-ов", 5);
  first.line(302, 68, "1 2", 8).line(362, 68, "3", 8);
  first.line(40, 90, "8 Получатель", 5)
      .line(300, 90, "9 Лицо, ответственное за финансовое урегулирование", 5);
  first.line(42, 98, "АО «КОНЦЕРН ВКО «АЛМАЗ-АНТЕЙ»", 8).line(302, 98, "СМ. ГРАФУ 14", 8);
  first.line(42, 107, "№ 7707083893 / 773101001", 8);
  first.line(42, 116, "121471, РОССИЯ, Г. МОСКВА, УЛ. ВЕРЕЙСКАЯ, Д. 41", 8);
  first.line(42, 125, "№ 1027700132195", 8);
  first.line(40, 140, "14 Декларант", 5);
  if (declarant_box.empty()) {
    first.line(42, 148, "ООО «ТКС-ЛОГИСТИК»", 8)
        .line(42, 157, "ИНН/КПП 7736050003/773601001", 8)
        .line(42, 166, "129110, РОССИЯ, Г. МОСКВА, ПР-КТ МИРА, Д. 5", 8)
        .line(42, 175, "ОГРН 1027700070518", 8);
  } else {
    first.line(42, 148, declarant_box, 8);
  }
  first.line(300, 140, "15 Страна отправления", 5)
      .line(420, 140, "15 a Код страны отпр.", 5)
      .line(500, 140, "17 a Код страны назнач.", 5);
  first.line(302, 148, "КИТАЙ", 8).line(425, 148, "a CN b", 8).line(505, 148, "a RU b", 8);
  first.line(300, 162, "16 Страна происхождения", 5).line(420, 162, "17 Страна назначения", 5);
  first.line(302, 170, "КИТАЙ", 8).line(425, 170, "РОССИЯ", 8);
  first.line(300, 184, "20 Условия поставки", 5);
  first.line(302, 192, "FCA ПЕКИН", 8);
  first.line(300, 204, "22 Валюта и общая сумма по счету", 5).line(450, 204, "23 Курс валюты", 5);
  first.line(302, 212, "USD 1 600,50", 8).line(452, 212, "76,1262", 8);
  item_boxes(first, 240, 1,
             {"АНТЕННЫ И АНТЕННЫЕ ОТРАЖАТЕЛИ ВСЕХ", "ТИПОВ И ИХ ЧАСТИ: ЭЛЕМЕНТЫ ВЧ-",
              "УСИЛИТЕЛИ ВОЛНОВОДНЫЕ, ДЛЯ РЛС", "96Л6Е ЗРС С-400"},
             "8529 10 900 0", "CN", "12,500", "10,250", "1000,00", "76 126,20", "1000,00");
  PageBuilder second(2);
  second.line(150, 20, "ДОБАВОЧНЫЙ ЛИСТ К ДЕКЛАРАЦИИ НА ТОВАРЫ", 8);
  second.line(40, 30, "2 Отправитель/Экспортер", 5).line(300, 30, "1 ДЕКЛАРАЦИЯ", 5);
  second.line(42, 38, "SHENZHEN HUAXIN ELECTRONICS CO., LTD", 8).line(302, 38, "ИМ 40 ЭД", 8);
  item_boxes(second, 60, 2,
             {"ОБУВЬ МУЖСКАЯ С ВЕРХОМ ИЗ НАТУРАЛЬНОЙ", "КОЖИ; ТОВАР НЕ ВОЕННОГО НАЗНАЧЕНИЯ"},
             "6403999800", "СМ", "5.000", "6.000", "400.50", "30 000,00", "400,50");
  item_boxes(second, 200, 3, {"МИКРОСХЕМЫ ИНТЕГРАЛЬНЫЕ, ИГК", "2312345678901234510000000"},
             "8542319000", "CN", "0.5", "0.4", "200", "15 225,24", "200,00");
  Document doc;
  doc.path = "synthetic.pdf";
  doc.media_type = "application/pdf";
  doc.pages = {first.page(), second.page()};
  return doc;
}

using test::value;

bool has_warning(const Record& record, const std::string& part) {
  for (const auto& warning : record.warnings)
    if (warning.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("a two-sheet declaration built from page structs", "[extract]") {
  Record record = extract_record(sample_declaration(), patterns());
  CHECK(record.document_type == "declaration");
  CHECK(value(record.declaration_number) == "10005030/150322/0123456");
  CHECK(record.declaration_number.page == 1);
  CHECK(value(record.declaration_date) == "2022-03-15");
  CHECK(value(record.direction) == "IM");
  CHECK(value(record.procedure) == "40");
  CHECK(value(record.consignor.name) == "SHENZHEN HUAXIN ELECTRONICS CO., LTD");
  CHECK(value(record.consignor.country) == "CN");
  CHECK_FALSE(record.consignor.inn.present());
  CHECK(value(record.consignee.name) == "АО «КОНЦЕРН ВКО «АЛМАЗ-АНТЕЙ»");
  CHECK(value(record.consignee.legal_form) == "АО");
  CHECK(value(record.consignee.inn) == "7707083893");
  CHECK(value(record.consignee.kpp) == "773101001");
  CHECK(value(record.consignee.ogrn) == "1027700132195");
  CHECK(value(record.consignee.address) == "121471, РОССИЯ, Г. МОСКВА, УЛ. ВЕРЕЙСКАЯ, Д. 41");
  CHECK(value(record.consignee.country) == "RU");
  CHECK(value(record.declarant.inn) == "7736050003");
  CHECK(value(record.country_dispatch) == "CN");
  CHECK(value(record.country_origin) == "CN");
  CHECK(value(record.country_destination) == "RU");
  CHECK(value(record.delivery_terms.incoterm) == "FCA");
  CHECK(value(record.delivery_terms.place) == "ПЕКИН");
  CHECK(value(record.invoice_currency) == "USD");
  CHECK(value(record.invoice_total) == Approx(1600.50));
  CHECK(value(record.items_declared) == 3);

  REQUIRE(record.items.size() == 3);
  const Item& first = record.items[0];
  CHECK(value(first.item_no) == 1);
  CHECK(value(first.hs_code) == "8529109000");
  // Word-wrapped lines join with a space; a line-end hyphen is kept and joins without one
  // (declaration printers do not hyphenate: the hyphen belongs to a compound).
  CHECK(value(first.description) ==
        "АНТЕННЫ И АНТЕННЫЕ ОТРАЖАТЕЛИ ВСЕХ ТИПОВ И ИХ ЧАСТИ: ЭЛЕМЕНТЫ ВЧ-УСИЛИТЕЛИ ВОЛНОВОДНЫЕ, "
        "ДЛЯ РЛС 96Л6Е ЗРС С-400");
  CHECK(value(first.gross_kg) == Approx(12.5));
  CHECK(value(first.net_kg) == Approx(10.25));
  CHECK(value(first.customs_value) == Approx(76126.20));
  CHECK(value(first.chpl_tier) == "3.A");
  CHECK(first.flags == std::vector<std::string>{"chpl:3.A", "military-end-use"});
  REQUIRE(first.end_use.size() == 1);
  CHECK(first.end_use[0].system == std::optional<std::string>("S-400"));
  CHECK(first.end_use[0].item_no == std::optional<int>(1));
  CHECK(first.end_use[0].page == 1);

  const Item& second = record.items[1];
  CHECK(value(second.item_no) == 2);
  CHECK(second.item_no.page == 2);
  // "СМ" is CN or CM; box 16 says КИТАЙ, so CN, with the repair recorded.
  CHECK(value(second.origin_country) == "CN");
  REQUIRE_FALSE(second.origin_country.repairs.empty());
  CHECK(second.origin_country.repairs.back().find("box 16") != std::string::npos);
  REQUIRE(second.end_use.size() == 1);
  CHECK(second.end_use[0].negated);
  CHECK_FALSE(second.end_use[0].military);
  CHECK(second.flags.empty());
  const Item& third = record.items[2];
  CHECK(value(third.hs_code) == "8542319000");
  CHECK(third.flags == std::vector<std::string>{"chpl:1", "military-end-use"});
  CHECK(record.end_use.size() == 3);

  // net > gross in item 2 and the invoice total are checked
  bool net_gross_failed = false, total_ok = false, count_ok = false;
  for (const auto& result : record.validation) {
    if (result.check == "net-le-gross" && result.field == "items[1].net_kg")
      net_gross_failed = !result.ok;
    if (result.check == "total-vs-item-prices") total_ok = result.ok;
    if (result.check == "item-count-box-5") count_ok = result.ok;
  }
  CHECK(net_gross_failed);
  CHECK(total_ok);
  CHECK(count_ok);
}

TEST_CASE("the record JSON validates against the schema", "[extract][schema]") {
  for (bool explain : {false, true}) {
    ExtractOptions options;
    options.explain = explain;
    Record record = extract_record(sample_declaration(), patterns(), options);
    record.source.path = "synthetic.pdf";
    auto path = std::filesystem::temp_directory_path() /
                ("declx_record_" + std::to_string(explain) + ".json");
    std::ofstream(path) << to_json(record, explain).dump(2);
    CHECK(test::validate_against_schema(path.string()) == 0);
    std::filesystem::remove(path);
  }
  // and the check can fail: a military negated note is rejected
  Record record = extract_record(sample_declaration(), patterns());
  REQUIRE_FALSE(record.end_use.empty());
  record.end_use[0].negated = record.end_use[0].military = true;
  auto path = std::filesystem::temp_directory_path() / "declx_record_bad.json";
  std::ofstream(path) << to_json(record).dump();
  CHECK(test::validate_against_schema(path.string()) == 1);
  std::filesystem::remove(path);
}

TEST_CASE("box 14 'СМ. ГРАФУ 8' takes the consignee as declarant", "[extract]") {
  Record record = extract_record(sample_declaration("СМ. ГРАФУ 8"), patterns());
  CHECK(record.declarant.see_box == "8");
  CHECK(value(record.declarant.inn) == "7707083893");
  CHECK(record.declarant.inn.rule.find("copied from box 8") != std::string::npos);
}

TEST_CASE("item count disagreeing with box 5 and empty boxes give warnings", "[extract]") {
  Document doc = sample_declaration();
  doc.pages.pop_back();  // only item 1 left, box 5 still says 3
  Record record = extract_record(doc, patterns());
  CHECK(record.items.size() == 1);
  CHECK(has_warning(record, "box 5 declares 3 items but 1 were found"));
  bool count_failed = false;
  for (const auto& result : record.validation)
    if (result.check == "item-count-box-5") count_failed = !result.ok;
  CHECK(count_failed);
}

TEST_CASE("a page that is not a declaration", "[extract]") {
  Document doc;
  doc.pages.push_back(PageBuilder()
                          .line(40, 40, "Счет на оплату № 12 от 01.02.2022", 10)
                          .line(40, 60, "Поставщик: ООО Ромашка, ИНН 7707083893", 10)
                          .page());
  Record record = extract_record(doc, patterns());
  CHECK(record.document_type == "unknown");
  CHECK(record.items.empty());
  CHECK(has_warning(record, "not a declaration"));
  CHECK(has_warning(record, "box 1"));
  CHECK_FALSE(record.declaration_number.present());
  CHECK(record.declaration_number.why_empty.find("registration number") != std::string::npos);
}

// The sample declaration with box A's number gone and a box (caption, value) added low on
// its first page.
Document without_box_a_but(const std::string& caption, const std::string& value) {
  Document doc = sample_declaration();
  for (auto& line : doc.pages[0].blocks[0].lines)
    for (auto& word : line.words)
      if (word.text == "10005030/150322/0123456") word.text = "A";
  Page box = PageBuilder().line(160, 600, caption, 5).line(162, 608, value, 8).page();
  doc.pages[0].blocks.push_back(box.blocks[0]);
  return doc;
}

TEST_CASE("box 40's declaration number is not the registration number", "[extract]") {
  Document doc = without_box_a_but("40 Общая декларация/Предшествующий документ",
                                   "ТД 10013160/230922/0039293");
  Record record = extract_record(doc, patterns());
  CHECK_FALSE(record.declaration_number.present());
  CHECK(std::find(record.warnings.begin(), record.warnings.end(),
                  "box A: registration number not found") != record.warnings.end());
}

TEST_CASE("patterns with bad data name the file and line", "[patterns]") {
  auto dir = std::filesystem::temp_directory_path() / "declx_bad_patterns";
  std::filesystem::create_directories(dir);
  for (const char* name : {"labels.tsv", "end_use.tsv", "fields.tsv", "country_prior.tsv"})
    std::filesystem::copy_file(test::patterns_dir() + "/" + name, dir / name,
                               std::filesystem::copy_options::overwrite_existing);
  std::ofstream(dir / "end_use.tsv", std::ios::app) << "weapon\tС-300\n";
  try {
    Patterns::load(dir.string());
    FAIL("no exception");
  } catch (const std::runtime_error& error) {
    CHECK(std::string(error.what()).find("end_use.tsv:") != std::string::npos);
    CHECK(std::string(error.what()).find("unknown kind 'weapon'") != std::string::npos);
  }
  std::filesystem::copy_file(test::patterns_dir() + "/end_use.tsv", dir / "end_use.tsv",
                             std::filesystem::copy_options::overwrite_existing);
  std::ofstream(dir / "fields.tsv", std::ios::app) << "broken\t(unclosed\n";
  CHECK_THROWS_WITH(Patterns::load(dir.string()),
                    Catch::Contains("fields.tsv:") && Catch::Contains("broken"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("a description printed to the box edge joins broken words without a space", "[extract]") {
  // Customs-service print: each line is filled to the right edge, words broken anywhere.
  PageBuilder b;
  b.line(40, 100, "31 Грузовые места и описание товаров", 5)
      .line(300, 100, "32 Товар", 5)
      .line(340, 100, "33 Код товара", 5);
  const double size = 8;
  // every line holds exactly 30 letters, so all end at the same x
  b.line(42, 108, "1) МИКРОСХЕМЫ ИНТЕГРАЛЬНЫЕ ЭЛ", size);
  b.line(42, 117, "ЕКТРОННЫЕ: ПРОЦЕССОРЫ И КОНТР", size);
  b.line(42, 126, "ОЛЛЕРЫ В КОРПУСАХ", size);
  b.line(302, 108, "1", size).line(345, 108, "8542319000", size);
  b.line(40, 150, "44 Дополнит. информация/Представл. документы", 5);
  Document doc;
  doc.pages.push_back(b.page());
  Record record = extract_record(doc, patterns());
  REQUIRE(record.items.size() == 1);
  CHECK(value(record.items[0].description) ==
        "МИКРОСХЕМЫ ИНТЕГРАЛЬНЫЕ ЭЛЕКТРОННЫЕ: ПРОЦЕССОРЫ И КОНТРОЛЛЕРЫ В КОРПУСАХ");
  CHECK(record.items[0].description.rule.find("edge-wrapped") != std::string::npos);
}

TEST_CASE("an empty item box is named once in its warning", "[extract]") {
  Document doc = sample_declaration();
  // Blank the value under item 1's "35 Вес брутто (кг)" caption.
  double caption_y = -1;
  for (auto& block : doc.pages[0].blocks)
    for (auto& line : block.lines)
      for (auto& word : line.words)
        if (word.text == "брутто" && caption_y < 0) caption_y = word.bbox.y0;
  REQUIRE(caption_y > 0);
  int blanked = 0;
  for (auto& block : doc.pages[0].blocks)
    for (auto& line : block.lines)
      for (auto& word : line.words)
        if (word.bbox.x0 > 371 && word.bbox.x0 < 373 && word.bbox.y0 > caption_y + 1 &&
            word.bbox.y0 < caption_y + 12) {
          word.text = "-";
          ++blanked;
        }
  REQUIRE(blanked == 1);
  Record record = extract_record(doc, patterns());
  REQUIRE_FALSE(record.items.empty());
  CHECK_FALSE(record.items[0].gross_kg.present());
  bool named = false;
  for (const auto& warning : record.warnings) {
    CAPTURE(warning);
    CHECK(warning.find("box 35 box") == std::string::npos);
    if (warning.rfind("item 1: box 35", 0) == 0) named = true;
  }
  CHECK(named);
}

TEST_CASE("box 32 numbers out of order are settled by sheet and place", "[extract]") {
  // ДТ1 holds item 1, each ДТ2 sheet three items: OCR read the first sheet's numbers as
  // 3, 4, 4 (dt0031 of the 60-document corpus), which moved item 2's end-use note to item 3.
  Document doc = sample_declaration();
  for (auto& block : doc.pages[0].blocks)  // box 5: six items
    for (auto& line : block.lines)
      for (auto& word : line.words)
        if (word.text == "3" && word.bbox.x0 > 361 && word.bbox.x0 < 363) word.text = "6";
  auto sheet = [](int page, std::vector<int> numbers) {
    PageBuilder b(page);
    b.line(150, 20, "ДОБАВОЧНЫЙ ЛИСТ К ДЕКЛАРАЦИИ НА ТОВАРЫ", 8);
    b.line(40, 30, "2 Отправитель/Экспортер", 5).line(300, 30, "1 ДЕКЛАРАЦИЯ", 5);
    b.line(42, 38, "SHENZHEN HUAXIN ELECTRONICS CO., LTD", 8).line(302, 38, "ИМ 40 ЭД", 8);
    for (size_t i = 0; i < numbers.size(); ++i)
      item_boxes(
          b, 60 + 140 * static_cast<double>(i), numbers[i],
          {i == 0 && page == 2 ? "ЧАСТИ АНТЕНН, ДЛЯ ИЗДЕЛИЯ 91Н6Е" : "ПРОВОДА ИЗОЛИРОВАННЫЕ"},
          "8544429007", "CN", "5.000", "4.000", "100", "7 612,62", "100,00");
    return b.page();
  };
  doc.pages[1] = sheet(2, {3, 4, 4});
  doc.pages.push_back(sheet(3, {5, 6}));
  Record record = extract_record(doc, patterns());
  REQUIRE(record.items.size() == 6);
  for (size_t i = 0; i < record.items.size(); ++i) {
    CAPTURE(i);
    CHECK(value(record.items[i].item_no) == static_cast<int>(i) + 1);
  }
  CHECK_FALSE(record.items[1].item_no.repairs.empty());  // read 3, set to 2
  CHECK_FALSE(record.items[2].item_no.repairs.empty());  // read 4, set to 3
  CHECK(record.items[3].item_no.repairs.empty());        // read 4, right
  bool note_on_item_2 = false;
  for (const auto& note : record.end_use)
    if (note.system == "91N6E") note_on_item_2 = note.item_no == 2;
  CHECK(note_on_item_2);
}

TEST_CASE("a sheet that lost its middle item numbers its last one by its slot", "[extract]") {
  // tf3 dt0019 (dense fax): OCR lost the middle item of a ДТ2 sheet whole and the box 32 of
  // the other two; they were numbered 2 and 3 by their order, and every value of item 3
  // was item 4's. The slots are measured on the sheets where all three items were found.
  Document doc = sample_declaration();
  auto sheet = [](int page, const std::vector<std::pair<int, int>>& slots_and_numbers) {
    PageBuilder b(page);
    b.line(150, 20, "ДОБАВОЧНЫЙ ЛИСТ К ДЕКЛАРАЦИИ НА ТОВАРЫ", 8);
    b.line(40, 30, "2 Отправитель/Экспортер", 5).line(300, 30, "1 ДЕКЛАРАЦИЯ", 5);
    b.line(42, 38, "SHENZHEN HUAXIN ELECTRONICS CO., LTD", 8).line(302, 38, "ИМ 40 ЭД", 8);
    for (const auto& [slot, number] : slots_and_numbers)
      item_boxes(b, 60 + 140 * slot, number, {"ПРОВОДА ИЗОЛИРОВАННЫЕ"}, "8544429007", "CN", "5.000",
                 "4.000", std::to_string(100 * (page * 3 + slot)), "7 612,62", "100,00");
    return b.page();
  };
  doc.pages[1] = sheet(2, {{0, 2}, {1, 3}, {2, 4}});
  doc.pages.push_back(sheet(3, {{0, 0}, {2, 0}}));  // box 32 read as 0: unread
  Record record = extract_record(doc, patterns());
  REQUIRE(record.items.size() == 6);
  CHECK(value(record.items[4].item_no) == 5);
  CHECK(value(record.items[5].item_no) == 7);
  CHECK(value(record.items[5].invoice_price) == Approx(1100));  // the third slot's
}

TEST_CASE("a ДТ2 item whose box 31 caption was lost does not take the next item's", "[extract]") {
  // dt0045 of the 60-document corpus: every description on a sheet moved up one item.
  Document doc = sample_declaration();
  bool removed = false;
  for (auto& block : doc.pages[1].blocks)
    for (auto& line : block.lines)
      if (!removed && !line.words.empty() && line.words[0].text == "31") {
        for (auto& word : line.words) word.text = "~";
        removed = true;
      }
  REQUIRE(removed);
  Record record = extract_record(doc, patterns());
  REQUIRE(record.items.size() == 3);
  CHECK(value(record.items[1].item_no) == 2);
  CHECK(value(record.items[2].item_no) == 3);
  // Item 3 keeps its own description; item 2's is read from where the form puts box 31,
  // or is absent, but never item 3's.
  CHECK_THAT(value(record.items[2].description), Catch::Contains("МИКРОСХЕМЫ"));
  if (record.items[1].description.present())
    CHECK_THAT(*record.items[1].description.value, !Catch::Contains("МИКРОСХЕМЫ"));
}

TEST_CASE("an item caption read in the ДТ1 header is not an item", "[extract]") {
  // dt0023: "12 Общая таможенная стоимость" lost its number and first word to OCR and was
  // taken for box 45; it must not become an empty item before item 1.
  Document doc = sample_declaration();
  Page extra = PageBuilder().line(300, 222, "Таможенная стоимость", 5).page();
  doc.pages[0].blocks.push_back(extra.blocks[0]);
  Record record = extract_record(doc, patterns());
  REQUIRE(record.items.size() == 3);
  CHECK(value(record.items[0].item_no) == 1);
  CHECK_THAT(value(record.items[0].description), Catch::Contains("АНТЕННЫ"));
}

TEST_CASE("box 14's reference read with a Latin C or a bracket for С", "[extract]") {
  // dt0013 (broken text layer): "CM. ГРАФУ 8" with a Latin C was taken as the declarant's name.
  // tuning dt0012-official-fax: "CM, ГРАФУ 8", the point read as a comma.
  // reporting dt0016 (200 dpi): "СМ. [PAY 8".
  for (const char* read : {"CM. ГРАФУ 8", "(М. ГРАФУ 8", "CM, ГРАФУ 8", "СМ. [PAY 8"}) {
    Record record = extract_record(sample_declaration(read), patterns());
    CHECK(record.declarant.see_box == "8");
    CHECK(value(record.declarant.inn) == "7707083893");
  }
}

TEST_CASE("value boxes: points between thousands before a decimal comma", "[extract][numbers]") {
  // dt0058 (200 dpi scan) box 46 "138.703,58": only "138.703" was taken. A point with six
  // decimals after it stays a decimal point.
  PageBuilder page(1);
  item_boxes(page, 100, 1, {"ПРИБОРЫ"}, "8542319000", "CN", "141.192000", "1.250,500", "12.158,00",
             "1.234.567,89", "138.703,58");
  Document doc;
  doc.pages = {page.page()};
  Record record = extract_record(doc, patterns());
  REQUIRE(record.items.size() == 1);
  const Item& item = record.items[0];
  CHECK(value(item.gross_kg) == Approx(141.192));
  CHECK(value(item.net_kg) == Approx(1250.5));
  CHECK(value(item.invoice_price) == Approx(12158.0));
  CHECK(value(item.customs_value) == Approx(1234567.89));
  CHECK(value(item.statistical_value) == Approx(138703.58));
}

TEST_CASE("value boxes: a decimal separator read as a colon or semicolon", "[extract][numbers]") {
  // ts3 dt0006 / dt0027 (scans): "61:593000", "4724:55", "255:20" were read as 61, 4724, 255.
  PageBuilder page(1);
  item_boxes(page, 100, 1, {"ПРИБОРЫ"}, "8542319000", "CN", "61:593000", "52;100", "255:20",
             "301 877,40", "4724:55");
  Document doc;
  doc.pages = {page.page()};
  Record record = extract_record(doc, patterns());
  REQUIRE(record.items.size() == 1);
  const Item& item = record.items[0];
  CHECK(value(item.gross_kg) == Approx(61.593));
  CHECK(value(item.net_kg) == Approx(52.1));
  CHECK(value(item.invoice_price) == Approx(255.20));
  CHECK(value(item.statistical_value) == Approx(4724.55));
}

TEST_CASE("a warehouse certificate number is not the registration number", "[extract]") {
  // t4 dt0016 (200 dpi scan): box 30's "СВИД. 10005/141210/10108/4" has the shape of a
  // Belarusian registration number followed by "/4"; it was taken for box A.
  Document doc = without_box_a_but("30 Местонахождение товаров",
                                   "10005020, СВХ ООО \"ТЕРМИНАЛ\", СВИД. 10005/141210/10108/4");
  Record record = extract_record(doc, patterns());
  CHECK_FALSE(record.declaration_number.present());
}

namespace {

// A page whose first two goods items have every caption: the offsets an item that lost its
// captions is placed by.
PageBuilder two_items(const std::string& first_hs = "9031410000",
                      const std::string& second_hs = "8529109000") {
  PageBuilder b(1);
  item_boxes(b, 100, 1, {"ПРИБОРЫ ДЛЯ ИЗМЕРЕНИЯ"}, first_hs, "CN", "12,5", "10,2", "100",
             "8 500,00", "100,00");
  item_boxes(b, 250, 2, {"АНТЕННЫ И ИХ ЧАСТИ"}, second_hs, "CN", "3,1", "2,7", "200", "17 000,00",
             "200,00");
  return b;
}

}  // namespace

TEST_CASE("an item whose every caption OCR lost is found by its first description row",
          "[extract]") {
  // tuning fax dt0007 (dense): "ЗА ipyromme носи ronapon 32 (owup $3koq" for the captions of
  // item 5; its first row "1) МУЛЬТИМЕТРЫ ... 5 9030.52.000.9" and its values were read.
  auto build = [](bool ocr) {
    PageBuilder b = two_items();
    // item 3: no caption at all
    const double y = 400;
    b.line(42, y + 8, "1) МУЛЬТИМЕТРЫ ЦИФРОВЫЕ, ЛАБОРАТОРНЫЕ", 8)
        .line(302, y + 8, "3", 8)
        .line(345, y + 8, "9030.32.000.9", 9);
    b.line(305, y + 28, "a CN b", 8).line(372, y + 28, "4,890", 8);
    b.line(302, y + 48, "4000000", 8).line(372, y + 48, "3,293", 8);
    b.line(302, y + 68, "1 (796) ШТ", 8).line(372, y + 68, "1 668,29", 8);
    b.line(302, y + 88, "23 417,36", 8);
    b.line(302, y + 108, "236,80", 8);
    Document doc;
    doc.pages = {b.page()};
    doc.pages[0].source = ocr ? PageSource::Ocr : PageSource::TextLayer;
    return extract_record(doc, patterns());
  };
  Record record = build(true);
  REQUIRE(record.items.size() == 3);
  const Item& lost = record.items[2];
  CHECK_THAT(value(lost.description), Catch::StartsWith("МУЛЬТИМЕТРЫ ЦИФРОВЫЕ"));
  CHECK(value(lost.hs_code) == "9030320009");
  CHECK(value(lost.gross_kg) == Approx(4.89));
  CHECK(value(lost.net_kg) == Approx(3.293));
  CHECK(value(lost.customs_value) == Approx(23417.36));
  // the first two items keep their own values
  CHECK(value(record.items[1].hs_code) == "8529109000");
  CHECK(value(record.items[1].customs_value) == Approx(17000.00));
  // a text layer's captions are never lost to OCR: nothing is placed there
  CHECK(build(false).items.size() == 2);
}

TEST_CASE("a first description row beside its own item's box 31 caption adds no item",
          "[extract]") {
  // held-out dt0023 (dense scan): item 1's first row began left of its box 31 caption, so no
  // box 31 held it, and a second box 31 was placed above it: an empty item 1 came first.
  PageBuilder b = two_items();
  b.line(60, 400, "31 Грузовые места и описание товаров", 5)
      .line(300, 400, "32 Товар", 5)
      .line(340, 400, "33 Код товара", 5);
  b.line(20, 408, "1) МУЛЬТИМЕТРЫ ЦИФРОВЫЕ", 8)
      .line(302, 408, "3", 8)
      .line(345, 408, "9030320009", 9);
  Document doc;
  doc.pages = {b.page()};
  doc.pages[0].source = PageSource::Ocr;
  Record record = extract_record(doc, patterns());
  CHECK(record.items.size() == 3);
  for (const Item& item : record.items) CHECK(item.hs_code.present());
}

TEST_CASE("box 33's first six digits are checked against the HS 2022 subheadings",
          "[extract][hs]") {
  // tuning faxes: 9030 read 9630 (one confusion gives a subheading); 8482 10 read 8482 19
  // (three confusions do: reported, kept as read).
  PageBuilder b = two_items("9630320009", "8482190090");
  Document doc;
  doc.pages = {b.page()};
  doc.pages[0].source = PageSource::Ocr;
  Record record = extract_record(doc, patterns());
  REQUIRE(record.items.size() == 2);
  CHECK(value(record.items[0].hs_code) == "9030320009");
  REQUIRE_FALSE(record.items[0].hs_code.repairs.empty());
  CHECK_THAT(record.items[0].hs_code.repairs.back(), Catch::Contains("963032"));
  CHECK(value(record.items[1].hs_code) == "8482190090");
  CHECK(record.items[1].hs_code.confidence <= 0.4);
  std::map<std::string, const ValidationResult*> checks;
  for (const auto& result : record.validation)
    if (result.check == "hs-code-subheading") checks[result.field] = &result;
  REQUIRE(checks.count("items[0].hs_code"));
  CHECK(checks["items[0].hs_code"]->ok);
  REQUIRE(checks.count("items[1].hs_code"));
  CHECK_FALSE(checks["items[1].hs_code"]->ok);
  CHECK_THAT(checks["items[1].hs_code"]->message, Catch::Contains("848210"));
}

TEST_CASE("box 33's caption lost everywhere: the code read in box 32 is box 33's",
          "[extract][hs]") {
  // tf3 dt0001 / dt0018 (faxes): no "33 Код товара" caption read in the document, so no place
  // for box 33 could be inferred; its code went to box 32 ("Код Topaps 8414590000").
  auto record_for = [](const std::string& hs) {
    PageBuilder b(1);
    item_boxes(b, 100, 1, {"ПРИБОРЫ"}, hs, "CN", "12,500", "10,250", "1000,00", "76 126,20",
               "1000,00");
    Page page = b.page();
    auto& lines = page.blocks[0].lines;
    std::erase_if(lines, [](const Line& line) { return line.words.front().text == "33"; });
    Document doc;
    doc.pages = {page};
    doc.pages[0].source = PageSource::Ocr;
    return extract_record(doc, patterns());
  };
  Record record = record_for("8529109000");
  REQUIRE(record.items.size() == 1);
  CHECK(value(record.items[0].item_no) == 1);
  CHECK(value(record.items[0].hs_code) == "8529109000");
  CHECK(record.items[0].hs_code.box == "33");
  CHECK_THAT(record.items[0].hs_code.repairs.back(), Catch::Contains("box 33's caption not read"));
  // ten digits that are no HS 2022 subheading are not taken for a code
  record = record_for("1234567890");
  REQUIRE(record.items.size() == 1);
  CHECK_FALSE(record.items[0].hs_code.present());
}

TEST_CASE("box 42 at box 23's rate against a box 45 that box 46 confirms", "[extract][cross]") {
  // h35 dt0019 (fax) kind: box 42 of one item misread in a leading digit; boxes 45 and 46
  // agree at the USD rate, box 23 quotes it, the other items' prices fit.
  auto build = [](const std::string& rate, const std::string& third_price) {
    PageBuilder b(1);
    b.line(300, 40, "22 Валюта и общая сумма по счету", 5).line(450, 40, "23 Курс валюты", 5);
    b.line(452, 48, rate, 8);
    item_boxes(b, 100, 1, {"ПРИБОРЫ ДЛЯ ИЗМЕРЕНИЯ"}, "9031410000", "CN", "12,5", "10,2", "100,00",
               "8 600,00", "101,18");
    item_boxes(b, 250, 2, {"АНТЕННЫ И ИХ ЧАСТИ"}, "8529109000", "CN", "3,1", "2,7", "200,00",
               "17 340,00", "204,00");
    item_boxes(b, 400, 3, {"ПОДШИПНИКИ ШАРИКОВЫЕ"}, "8482100090", "CN", "3,1", "2,7", third_price,
               "62 050,00", "730,00");
    Document doc;
    doc.pages = {b.page()};
    doc.pages[0].source = PageSource::Ocr;
    return extract_record(doc, patterns());
  };
  // 700,00 at 85 is 59 500 against 62 050 (1.04): "760,00" and "100,00" are no price of it
  Record record = build("85,0000", "100,00");
  REQUIRE(record.items.size() == 3);
  CHECK(value(record.items[2].invoice_price) == Approx(700.00));
  REQUIRE_FALSE(record.items[2].invoice_price.repairs.empty());
  CHECK_THAT(record.items[2].invoice_price.repairs.back(), Catch::Contains("box 23"));
  CHECK(value(record.items[0].invoice_price) == Approx(100.00));
  // no rate in box 23: nothing to check against
  record = build("", "100,00");
  CHECK(value(record.items[2].invoice_price) == Approx(100.00));
  // a price no one confusion brings to it is reported, not changed
  record = build("85,0000", "166,00");
  CHECK(value(record.items[2].invoice_price) == Approx(166.00));
  bool reported = false;
  for (const auto& result : record.validation)
    reported |= result.check == "price-vs-customs-value" &&
                result.field == "items[2].invoice_price" && !result.ok;
  CHECK(reported);
}
