#include <catch2/catch.hpp>

#include "readers/text_layer_health.h"

using namespace declx;

TEST_CASE("healthy Russian text passes", "[health]") {
  TextLayerHealth h = judge_text(
      "ДЕКЛАРАЦИЯ НА ТОВАРЫ 10005030/150322/0123456 Отправитель: SHENZHEN HUAWEI "
      "TECHNOLOGY CO LTD Получатель: ООО Ромашка, ИНН 7701234567 Налоговая стоимость");
  CHECK(h.healthy);
  CHECK(h.reason == "healthy text layer");
  CHECK(h.cyrillic_letters > h.latin_letters);
}

TEST_CASE("units and brand names inside Russian text pass", "[health]") {
  // Electronics declarations are full of mAh, kVA, dBm, iPhone, GmbH: not garbage.
  TextLayerHealth h = judge_text(
      "Аккумулятор 5000mAh для смартфона iPhone, изготовитель Varta Microbattery GmbH, "
      "источник питания 3kVA, усилитель 20dBm, мощность 10kW, страна происхождения Германия");
  CHECK(h.healthy);
}

TEST_CASE("English prose passes", "[health]") {
  TextLayerHealth h = judge_text(
      "This certificate confirms that the goods listed in the attached invoice are intended "
      "for civil use only and will not be transferred to any third party.");
  CHECK(h.healthy);
}

TEST_CASE("Cyrillic decoded as Latin look-alikes is broken", "[health]") {
  // «Налоговая стоимость товаров», «Условия поставки», «Получатель» through a font
  // without a Unicode map.
  TextLayerHealth h = judge_text(
      "AEKnAPAUNR HA TOBAPbI 10005030/150322/0123456 OTnpaBuTenb: SHENZHEN HUAWEI "
      "TECHNOLOGY CO LTD Tlonyyatenb: OOO Pomawka, NHH 7701234567 Hanorosas ctonmoctb "
      "tosapos 12345.67 USD Ycnosns nocTaBkn FCA NEKNH");
  CHECK_FALSE(h.healthy);
  CHECK_THAT(h.reason, Catch::StartsWith("broken text layer:"));

  // Even without case changes inside words, a Latin page that is not English is broken.
  TextLayerHealth lower = judge_text(
      "hanorosas ctonmoctb tosapos ycnosns nocrabkn nonyyatenb otnpabntenb pomawka deknapauns "
      "tamoxehhan");
  CHECK_FALSE(lower.healthy);
  CHECK_THAT(lower.reason, Catch::Contains("unmapped Cyrillic"));
}

TEST_CASE("cp1251 read as Latin-1 is broken", "[health]") {
  TextLayerHealth h = judge_text("Íàëîãîâàÿ ñòîèìîñòü òîâàðîâ 12345.67 USD Ïîëó÷àòåëü");
  CHECK_FALSE(h.healthy);
  CHECK_THAT(h.reason, Catch::Contains("mojibake"));
  // A few accented letters in real Western text are fine.
  CHECK(judge_text("Müller GmbH, Straße 5, München, Société Générale, café, résumé, the "
                   "supplier and the buyer of the goods")
            .healthy);
}

TEST_CASE("unmapped glyphs are broken", "[health]") {
  std::string text = "Налоговая стоимость товаров \uE001\uE002\uE003\uE004 ";
  text += "\xEF\xBF\xBD\xEF\xBF\xBD получатель отправитель";  // U+FFFD twice
  TextLayerHealth h = judge_text(text);
  CHECK_FALSE(h.healthy);
  CHECK(h.suspicious_characters == 6);
  CHECK_THAT(h.reason, Catch::Contains("private-use"));
}

TEST_CASE("missing and thin text layers", "[health]") {
  CHECK(judge_text("").reason == "no text layer");
  TextLayerHealth thin = judge_text("Стр. 1 из 2");
  CHECK_FALSE(thin.healthy);
  CHECK_THAT(thin.reason, Catch::StartsWith("text layer too thin"));
}
