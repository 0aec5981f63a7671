#include <catch2/catch.hpp>

#include "extractors/extract.h"
#include "extractors/layout.h"
#include "tests/extractors/page_builder.h"

using namespace declx;
using declx::test::PageBuilder;

namespace {

using test::patterns;

std::string box_text(const PageLayout& layout, const std::string& box) {
  const BoxContent* content = layout.first(box);
  return content ? content->text() : "<no box " + box + ">";
}

// Boxes 15 | 15a | 17a side by side, 16 | 17 below: values share text lines with their
// neighbours, so only x-extents keep them apart.
PageBuilder country_rows(PageBuilder builder) {
  builder.line(300, 200, "15 Страна отправления", 5)
      .line(420, 200, "15 a Код страны отпр.", 5)
      .line(500, 200, "17 a Код страны назнач.", 5);
  builder.line(302, 208, "КИТАЙ", 8).line(425, 208, "a CN b", 8).line(505, 208, "a RU b", 8);
  builder.line(300, 222, "16 Страна происхождения", 5).line(420, 222, "17 Страна назначения", 5);
  builder.line(302, 230, "КИТАЙ", 8).line(425, 230, "РОССИЯ", 8);
  builder.line(300, 244, "20 Условия поставки", 5);
  builder.line(302, 252, "FCA ПЕКИН", 8);
  return builder;
}

}  // namespace

TEST_CASE("labels are found in printed, glued and broker-inline forms", "[layout]") {
  Page page = PageBuilder()
                  .line(40, 40, "8 Получатель", 5)
                  .line(40, 100, "14Декларант", 5)
                  .line(40, 160, "гр. 2 Отправитель/Экспортер: SHENZHEN HUAXIN CO., LTD", 8)
                  .line(300, 40, "15 a Код страны отпр.", 5)
                  .page();
  PageLayout layout = analyse_layout(page, patterns().data());
  REQUIRE(layout.first("8") != nullptr);
  REQUIRE(layout.first("14") != nullptr);
  REQUIRE(layout.first("2") != nullptr);
  REQUIRE(layout.first("15a") != nullptr);
  CHECK(layout.first("15") == nullptr);
  CHECK(box_text(layout, "2") == "SHENZHEN HUAXIN CO., LTD");
}

TEST_CASE("a broker caption whose box number is misread still matches after its гр.", "[layout]") {
  // tuning dt0008-broker-fax: "гр. 8 Получатель:" read as "гр. $ Получатель;", and the
  // consignee was lost (a caption this short needs its number, which "гр." stands in for).
  Page page = PageBuilder()
                  .line(40, 40, "гр. 6 Всего мест: 166", 8, 0.9)
                  .line(40, 50, "гр. $ Получатель; АО \"НПП \"ИСТОК\" ИМ. ШОКИНА\"", 8, 0.9)
                  .line(40, 60, "гр. Декларант: ООО «ДЕКЛАРАНТ-ПРОФИ»", 8, 0.9)
                  .line(40, 70, "Получатель отказался", 8, 0.9)
                  .page();
  PageLayout layout = analyse_layout(page, patterns().data());
  REQUIRE(layout.first("8") != nullptr);  // "$" is no token; the party reader drops it
  CHECK(box_text(layout, "8").ends_with("АО \"НПП \"ИСТОК\" ИМ. ШОКИНА\""));
  CHECK(box_text(layout, "14") == "ООО «ДЕКЛАРАНТ-ПРОФИ»\nПолучатель отказался");
}

TEST_CASE("OCR-damaged labels still match: Latin junk, number read as letters", "[layout]") {
  Page page = PageBuilder()
                  .line(40, 40, "8Nonysatenb", 5, 0.4)  // 8Получатель read as Latin
                  .line(40, 48, "ООО РОМАШКА", 8, 0.9)
                  .line(300, 40, "З2товар", 5, 0.8)  // 32 with З for 3
                  .line(302, 48, "1", 8, 0.9)
                  .line(380, 40, "ЗЗКод товара", 5, 0.8)  // 33
                  .line(382, 48, "8529109000", 8, 0.9)
                  .page();
  PageLayout layout = analyse_layout(page, patterns().data());
  CHECK(box_text(layout, "8") == "ООО РОМАШКА");
  CHECK(box_text(layout, "32") == "1");
  CHECK(box_text(layout, "33") == "8529109000");
}

TEST_CASE("a numbered caption with two letters misread in nine still matches", "[layout]") {
  // dt0052 (dense 200 dpi scan): "33 Код товара" read as "33 кой повара"; the item's ТН ВЭД
  // code was lost with it.
  Page page = PageBuilder()
                  .line(300, 40, "32 Товар", 5, 0.8)
                  .line(302, 48, "1", 8, 0.9)
                  .line(380, 40, "33 кой повара", 5, 0.8)
                  .line(382, 48, "8542399010", 8, 0.9)
                  .page();
  PageLayout layout = analyse_layout(page, patterns().data());
  CHECK(box_text(layout, "32") == "1");
  CHECK(box_text(layout, "33") == "8542399010");
}

TEST_CASE("an abbreviated caption is matched on the letters it has, not the whole label",
          "[layout]") {
  // t4 dt0016 (200 dpi scan): box 4 "4Отгруз. спец." with the registration number beside it
  // was taken for box 40 ("4О" as 40, "тгруз. спец." 8 edits from "Общая дек"), and the
  // number inside it was then no longer box A's.
  Page page = PageBuilder()
                  .line(317, 65, "3Формы", 5, 0.85)
                  .line(388, 68, "4Отгруз. спец. 10005020/230223/0739061", 5, 0.8)
                  .line(300, 100, "40 Общая дек.", 5, 0.9)
                  .page();
  PageLayout layout = analyse_layout(page, patterns().data());
  REQUIRE(layout.first("40") != nullptr);
  CHECK(layout.first("40")->label.aligned.y0 > 90);  // the real one, not box 4
}

TEST_CASE("a broker caption with a word lost in the middle still spans its gap", "[layout]") {
  // t4 dt0017 (200 dpi broker scan): "rp. 31 Грузовы Cpeeta и описа   товаров: 1) ЧАСТИ" —
  // "ние" of "описание" lost, leaving a gap of three letter heights; the caption was cut
  // before "товаров:", did not match, and the item was lost.
  Page page = PageBuilder()
                  .line(40, 100, "rp. 31 Грузовы Cpeeta и описа", 8, 0.9)
                  .line(182, 100, "товаров: 1) ЧАСТИ АППАРАТУРЫ", 8, 0.9)
                  .line(40, 112, "гр. 32 Товар: 1", 8, 0.9)
                  .page();
  PageLayout layout = analyse_layout(page, patterns().data());
  CHECK(box_text(layout, "31") == "1) ЧАСТИ АППАРАТУРЫ");
}

TEST_CASE("box 15a/17a: the number and sub-box letter settle a caption cut after 'Код страны'",
          "[layout]") {
  // t4 dt0002 (200 dpi scan): "17 а Код страмы mann" was not found, so box 15a reached over
  // 17a's "RU" and the dispatch country became Russia.
  Page page = PageBuilder()
                  .line(354, 171, "15 а Код страны ormp.", 5, 0.8)
                  .line(416, 171, "17 а Код страмы mann", 5, 0.8)
                  .line(354, 184, "a", 8, 0.3)
                  .line(416, 184, "a RU b", 8, 0.9)
                  .page();
  PageLayout layout = analyse_layout(page, patterns().data());
  REQUIRE(layout.first("17a") != nullptr);
  CHECK(box_text(layout, "17a").find("RU") != std::string::npos);
  CHECK(box_text(layout, "15a").find("RU") == std::string::npos);
}

TEST_CASE("a title is not a box label, an unrelated number-word pair is not either", "[layout]") {
  Page page = PageBuilder()
                  .line(40, 20, "ДЕКЛАРАЦИЯ НА ТОВАРЫ", 10)
                  .line(40, 60, "ДОБАВОЧНЫЙ ЛИСТ К ДЕКЛАРАЦИИ НА ТОВАРЫ", 10)
                  .line(40, 100, "12 ТОВАРОВ ДЛЯ ДОМА", 8)
                  .page();
  PageLayout layout = analyse_layout(page, patterns().data());
  CHECK(layout.labels.empty());
}

TEST_CASE("neighbouring boxes sharing text lines are kept apart by x-extents", "[layout]") {
  PageLayout layout = analyse_layout(country_rows(PageBuilder()).page(), patterns().data());
  CHECK(box_text(layout, "15") == "КИТАЙ");
  CHECK(box_text(layout, "15a") == "a CN b");
  CHECK(box_text(layout, "17a") == "a RU b");
  CHECK(box_text(layout, "16") == "КИТАЙ");
  CHECK(box_text(layout, "17") == "РОССИЯ");
  CHECK(box_text(layout, "20") == "FCA ПЕКИН");
}

TEST_CASE("a page skewed by 2 degrees gives the same boxes", "[layout]") {
  for (double degrees : {2.0, -2.0}) {
    PageBuilder builder;
    builder.skew(degrees);
    // enough long lines to measure the slope
    builder.line(40, 100, "ОДНА ДЛИННАЯ СТРОКА ТЕКСТА ДЛЯ ИЗМЕРЕНИЯ НАКЛОНА", 8)
        .line(40, 120, "ВТОРАЯ ДЛИННАЯ СТРОКА ТЕКСТА ДЛЯ ИЗМЕРЕНИЯ НАКЛОНА", 8)
        .line(40, 140, "ТРЕТЬЯ ДЛИННАЯ СТРОКА ТЕКСТА ДЛЯ ИЗМЕРЕНИЯ НАКЛОНА", 8);
    Page page = country_rows(builder).page();
    PageLayout layout = analyse_layout(page, patterns().data());
    INFO("skew " << degrees);
    CHECK(std::abs(layout.skew_slope - std::tan(degrees * M_PI / 180)) < 0.01);
    CHECK(box_text(layout, "15") == "КИТАЙ");
    CHECK(box_text(layout, "15a") == "a CN b");
    CHECK(box_text(layout, "17") == "РОССИЯ");
    CHECK(box_text(layout, "20") == "FCA ПЕКИН");
  }
}

TEST_CASE("label skeletons fold OCR look-alikes of small print", "[layout]") {
  CHECK(edit_distance(label_skeleton(fold_letters("Nonysatenb")),
                      label_skeleton(fold_letters("Получатель"))) <= 1);
  CHECK(edit_distance(fold_letters("Получатель"), fold_letters("Отправитель")) > 3);
}

TEST_CASE("a word read taller than its line stays on its OCR line's row", "[layout]") {
  // "ТОКАРНЫЕ." read with a speck above it: its box reaches up to the caption's row, and its
  // centre is nearer that row than its own line's.
  Page page = PageBuilder()
                  .line(46, 380, "31 Грузовые места и описание товаров", 5)
                  .line(48, 388, "1) СТАНКИ ТОКАРНЫЕ. ГОРИЗОНТАЛЬНЫЕ С ЧПУ", 7)
                  .line(48, 397, "ПРОИЗВОДИТЕЛЬ: SUZHOU KAIDA", 7)
                  .page();
  Word& tall = page.blocks[0].lines[1].words[2];
  REQUIRE(tall.text == "ТОКАРНЫЕ.");
  tall.bbox.y0 = 376;
  const PageLayout layout = analyse_layout(page, patterns().data());
  const BoxContent* box = layout.first("31");
  REQUIRE(box);
  REQUIRE(box->lines.size() == 2);
  std::string first;
  for (const PlacedWord* word : box->lines[0]) first += (first.empty() ? "" : " ") + word->text;
  CHECK(first == "1) СТАНКИ ТОКАРНЫЕ. ГОРИЗОНТАЛЬНЫЕ С ЧПУ");

  // Alone on its OCR line, such a word is placed by its centre as before.
  Page alone = PageBuilder()
                   .line(46, 380, "31 Грузовые места и описание товаров", 5)
                   .line(48, 388, "1) СТАНКИ", 7)
                   .line(150, 376, "ТОКАРНЫЕ.", 19)
                   .line(195, 388, "ГОРИЗОНТАЛЬНЫЕ С ЧПУ", 7)
                   .page();
  const PageLayout alone_layout = analyse_layout(alone, patterns().data());
  const BoxContent* other = alone_layout.first("31");
  REQUIRE(other);
  CHECK(other->text().rfind("ТОКАРНЫЕ.", 0) == 0);
}

TEST_CASE("specks read as letters or digits are dropped from a scan's words", "[layout]") {
  PageBuilder builder;
  builder.line(46, 380, "31 Грузовые места и описание товаров", 5, 0.9)
      .line(48, 388, "1) ВЫЧИСЛИТЕЛЬНЫЕ МАШИНЫ БЕЗ ПРЕДУСТАНОВЛЕННОГО ПО", 7, 0.9)
      .line(230, 390, "Я", 1, 0.6)
      .line(48, 397, "ПРОИЗВОДИТЕЛЬ: SUZHOU KAIDA", 7, 0.9)
      .line(150, 402, ".", 1, 0.9)
      .line(48, 409, "2", 2.5, 0.95)
      .line(55, 406, "217,532", 7, 0.9);
  Page scan = builder.page();
  scan.source = PageSource::Ocr;
  const PageLayout layout = analyse_layout(scan, patterns().data());
  const BoxContent* box = layout.first("31");
  REQUIRE(box);
  CHECK(box->line_texts().at(0) == "1) ВЫЧИСЛИТЕЛЬНЫЕ МАШИНЫ БЕЗ ПРЕДУСТАНОВЛЕННОГО ПО");
  // A point is not a speck of a letter; a text layer's words are print, whatever their size.
  CHECK(box->line_texts().at(1) == "ПРОИЗВОДИТЕЛЬ: SUZHOU KAIDA .");
  // a digit read surely in a box a third of its height is print (tf4 dt0002: "2 217,532")
  CHECK(box->line_texts().at(2) == "2 217,532");
  Page text_layer = builder.page();
  text_layer.source = PageSource::TextLayer;
  const PageLayout printed = analyse_layout(text_layer, patterns().data());
  REQUIRE(printed.first("31"));
  CHECK(printed.first("31")->text().find("Я") != std::string::npos);
}
