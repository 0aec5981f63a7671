#include <catch2/catch.hpp>

#include "extractors/extract.h"
#include "extractors/respell.h"
#include "tests/extractors/page_builder.h"

using namespace declx;
using declx::test::PageBuilder;
using declx::test::value;

namespace {

const Dictionary& russian() {
  const Dictionary* dictionary = Dictionary::russian();
  // hunspell-ru is installed by tools/install-deps.sh; without it these tests cannot run
  REQUIRE(dictionary != nullptr);
  return *dictionary;
}

std::string respell(const std::string& text, std::vector<std::string>* repairs = nullptr) {
  std::vector<std::string> local;
  return respell_ocr_words(text, russian(), test::bundled_patterns().data(),
                           repairs ? *repairs : local);
}

}  // namespace

TEST_CASE("the Russian dictionary knows words in capitals and not OCR damage", "[respell]") {
  const Dictionary& dictionary = russian();
  CHECK(dictionary.known("ПРИБОРЫ"));
  CHECK(dictionary.known("приборы"));
  CHECK(dictionary.known("ЭЛЕКТРООБОРУДОВАНИЯ"));
  CHECK_FALSE(dictionary.known("ПРИВОРЫ"));
  CHECK_FALSE(dictionary.known("ГНСС"));
  CHECK_FALSE(dictionary.known(""));
  CHECK(Dictionary::load("/nonexistent", "ru_RU") == nullptr);
}

TEST_CASE("a letter OCR confused inside a description word is given back", "[respell]") {
  std::vector<std::string> repairs;
  // ПРИВОДЫ is one letter away too, but Р/Д is no usual confusion; В/Б is
  CHECK(respell("ПРИВОРЫ ДЛЯ ИЗМЕРЕНИЯ ИЛИ КОНТРОЛЯ", &repairs) ==
        "ПРИБОРЫ ДЛЯ ИЗМЕРЕНИЯ ИЛИ КОНТРОЛЯ");
  REQUIRE(repairs.size() == 1);
  CHECK(repairs[0] == "dictionary: ПРИВОРЫ→ПРИБОРЫ");
  CHECK(respell("В КОРМУСАХ ДЛЯ ПОВЕРХНОСТНОГО МОНТАЖА") ==
        "В КОРПУСАХ ДЛЯ ПОВЕРХНОСТНОГО МОНТАЖА");
  CHECK(respell("БОЛТЫ С РЕЗЬВОЙ, С ГАИКАМИ") == "БОЛТЫ С РЕЗЬБОЙ, С ГАЙКАМИ");
  CHECK(respell("ОБРАБОТКИ МЕГАЛЛА.") == "ОБРАБОТКИ МЕТАЛЛА.");
}

TEST_CASE("words the dictionary lacks and unsure readings stay as read", "[respell]") {
  std::vector<std::string> repairs;
  // abbreviations, a technical word with a chance neighbour (ХОЛДИНГИ), Latin terms, numbers
  const std::string text = "ПРИЕМНИКИ ГНСС, МОЛДИНГИ, TFT, GAN, РЛС 96Л6Е ЗРС С-400, ЗИП ЗРК";
  CHECK(respell(text, &repairs) == text);
  // two usual confusions reach a word: БОЛЕЕ (В/Б) and ВОЛГЕ (Е/Г)
  CHECK(respell("НЕ ВОЛЕЕ 30 ММ", &repairs) == "НЕ ВОЛЕЕ 30 ММ");
  // the two parts of a word split at a line's end, neither known (held-out dt0016)
  CHECK(respell("ФИЛЬТРЫ ПОМЕХОПОДА ВЛЯЮЩИЕ, ЭМИ-ФИЛЬТРЫ", &repairs) ==
        "ФИЛЬТРЫ ПОМЕХОПОДА ВЛЯЮЩИЕ, ЭМИ-ФИЛЬТРЫ");
  // a real word is never changed, however unlikely in a description
  CHECK(respell("ЛЕЧИ МИКРОВОЛНОВЫЕ", &repairs) == "ЛЕЧИ МИКРОВОЛНОВЫЕ");
  // lower case, mixed case
  CHECK(respell("приворы Приворы", &repairs) == "приворы Приворы");
  CHECK(repairs.empty());
  // mostly Latin text is not Russian
  CHECK(respell("MOSFET TRANSISTOR HE ПРИВОРЫ 2 PCS POWER MODULE") ==
        "MOSFET TRANSISTOR HE ПРИВОРЫ 2 PCS POWER MODULE");
}

TEST_CASE("a word split or run together by OCR is regrouped", "[respell]") {
  std::vector<std::string> repairs;
  CHECK(respell("DC/DC ПРЕОБРАЗОВАТ ЕЛИ МОДУЛЬНЫЕ", &repairs) == "DC/DC ПРЕОБРАЗОВАТЕЛИ МОДУЛЬНЫЕ");
  CHECK(repairs.at(0) == "dictionary: ПРЕОБРАЗОВАТ ЕЛИ→ПРЕОБРАЗОВАТЕЛИ");
  // the gap moved by one letter
  CHECK(respell("ДЛЯ ПРОМЫШЛЕННОЙА ППАРАТУРЫ") == "ДЛЯ ПРОМЫШЛЕННОЙ АППАРАТУРЫ");
  // a word the dictionary lacks is not split into known parts
  CHECK(respell("УЛ. АВИАМОТОРНАЯ, Д. 53") == "УЛ. АВИАМОТОРНАЯ, Д. 53");
  // punctuation between two words keeps them apart; known neighbours stay
  CHECK(respell("ПРЕОБРАЗОВАТ, ЕЛИ") == "ПРЕОБРАЗОВАТ, ЕЛИ");
  CHECK(respell("В СБОРЕ НА ОСНОВЕ") == "В СБОРЕ НА ОСНОВЕ");
}

TEST_CASE("Ё and Latin look-alikes in Russian words", "[respell]") {
  std::vector<std::string> repairs;
  CHECK(respell("СОЕДИНИТЕЛИ (РАЗЪЁМЫ) КОАКСИАЛЬНЫЕ", &repairs) ==
        "СОЕДИНИТЕЛИ (РАЗЪЕМЫ) КОАКСИАЛЬНЫЕ");
  CHECK(repairs.at(0) == "dictionary: РАЗЪЁМЫ→РАЗЪЕМЫ");
  // Latin HE between Russian words is НЕ; a look-alike word whose Cyrillic form is damaged
  // is repaired as Cyrillic
  CHECK(respell("ТОВАР HE ВОЕННОГО НАЗНАЧЕНИЯ") == "ТОВАР НЕ ВОЕННОГО НАЗНАЧЕНИЯ");
  CHECK(respell("В KOPMYCAX ДЛЯ МОНТАЖА") == "В КОРПУСАХ ДЛЯ МОНТАЖА");
  // five letters are too few for a replacement (chance neighbours)
  CHECK(respell("НЕ ЯВЛЯЮТСЯ AOMOM ЭЛЕКТРООБОРУДОВАНИЯ") ==
        "НЕ ЯВЛЯЮТСЯ AOMOM ЭЛЕКТРООБОРУДОВАНИЯ");
  // beside a Latin word it stays Latin
  CHECK(respell("ПОДШИПНИКИ SKF HE ВОЕННОГО") == "ПОДШИПНИКИ SKF HE ВОЕННОГО");
}

namespace {

Record one_item(double confidence) {
  PageBuilder b;
  b.line(40, 100, "31 Грузовые места и описание товаров", 5, confidence)
      .line(300, 100, "32 Товар", 5, confidence)
      .line(340, 100, "33 Код товара", 5, confidence);
  b.line(42, 108, "1) ПРИВОРЫ ДЛЯ ИЗМЕРЕНИЯ ИЛИ КОНТРОЛЯ", 8, confidence);
  b.line(302, 108, "1", 8, confidence).line(345, 108, "9031410000", 8, confidence);
  b.line(40, 150, "44 Дополнит. информация/Представл. документы", 5, confidence);
  Document doc;
  doc.pages.push_back(b.page());
  doc.pages[0].source = confidence < 1 ? PageSource::Ocr : PageSource::TextLayer;
  return extract_record(doc, test::bundled_patterns());
}

}  // namespace

TEST_CASE("OCR'd descriptions are respelled, text layers are taken as printed", "[respell]") {
  Record ocr = one_item(0.9);
  REQUIRE(ocr.items.size() == 1);
  CHECK(value(ocr.items[0].description) == "ПРИБОРЫ ДЛЯ ИЗМЕРЕНИЯ ИЛИ КОНТРОЛЯ");
  CHECK_THAT(ocr.items[0].description.raw, Catch::Contains("ПРИВОРЫ"));
  const auto& repairs = ocr.items[0].description.repairs;
  CHECK(std::find(repairs.begin(), repairs.end(), "dictionary: ПРИВОРЫ→ПРИБОРЫ") != repairs.end());
  CHECK(ocr.items[0].description.confidence < 0.9);

  Record text = one_item(1.0);
  REQUIRE(text.items.size() == 1);
  CHECK(value(text.items[0].description) == "ПРИВОРЫ ДЛЯ ИЗМЕРЕНИЯ ИЛИ КОНТРОЛЯ");
}

TEST_CASE("a description continued on the next sheet gets the same repairs", "[respell]") {
  PageBuilder first(1), second(2);
  first.line(40, 100, "31 Грузовые места и описание товаров", 5, 0.9)
      .line(300, 100, "32 Товар", 5, 0.9)
      .line(340, 100, "33 Код товара", 5, 0.9);
  first.line(42, 108, "1) ПРИБОРЫ ДЛЯ ИЗМЕРЕНИЯ ИЛИ", 8, 0.9)
      .line(302, 108, "1", 8, 0.9)
      .line(345, 108, "9031410000", 8, 0.9);
  first.line(40, 150, "44 Дополнит. информация/Представл. документы", 5, 0.9);
  second.line(40, 60, "31 Грузовые места и описание товаров", 5, 0.9);
  second.line(42, 68, "КОНТРОЛЯ ПОЛУПРОВОДНИКОВЬХ ПЛАСТИН", 8, 0.9);
  Document doc;
  doc.pages = {first.page(), second.page()};
  for (Page& page : doc.pages) page.source = PageSource::Ocr;
  Record record = extract_record(doc, test::bundled_patterns());
  REQUIRE(record.items.size() == 1);
  const Field<std::string>& description = record.items[0].description;
  CHECK(value(description) == "ПРИБОРЫ ДЛЯ ИЗМЕРЕНИЯ ИЛИ КОНТРОЛЯ ПОЛУПРОВОДНИКОВЫХ ПЛАСТИН");
  CHECK_THAT(description.rule, Catch::Contains("continued on page 2"));
  CHECK_THAT(description.raw, Catch::Contains("ПОЛУПРОВОДНИКОВЬХ"));
  CHECK(std::find(description.repairs.begin(), description.repairs.end(),
                  "dictionary: ПОЛУПРОВОДНИКОВЬХ→ПОЛУПРОВОДНИКОВЫХ") != description.repairs.end());
}
