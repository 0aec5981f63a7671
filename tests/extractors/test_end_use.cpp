#include <catch2/catch.hpp>

#include "extractors/end_use.h"
#include "extractors/extract.h"
#include "tests/extractors/page_builder.h"

using namespace declx;

namespace {

using test::pattern_data;

std::vector<EndUseNote> notes(const std::string& text) {
  std::vector<EndUseNote> out;
  for (auto& span : find_end_use_notes(text, pattern_data())) {
    CHECK(text.substr(span.begin, span.end - span.begin) == span.note.text);  // exact source text
    out.push_back(span.note);
  }
  return out;
}

}  // namespace

TEST_CASE("a weapon-system note after the goods name", "[end_use]") {
  auto found = notes("АНТЕННЫ И ИХ ЧАСТИ: ЭЛЕМЕНТЫ АНТЕННЫЕ ВОЛНОВОДНЫЕ, ДЛЯ РЛС 96Л6Е ЗРС С-400");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "ДЛЯ РЛС 96Л6Е ЗРС С-400");
  CHECK(found[0].system == std::optional<std::string>("S-400"));
  CHECK(found[0].military);
  CHECK_FALSE(found[0].negated);
}

TEST_CASE("mixed scripts in designations", "[end_use]") {
  auto latin = notes("ЧАСТИ; ДЛЯ ЗРС C-400");  // Latin C
  REQUIRE(latin.size() == 1);
  CHECK(latin[0].system == std::optional<std::string>("S-400"));
  auto pantsir = notes("МОДУЛИ. ДЛЯ ЗРПК ПАНЦИР-C1");
  REQUIRE(pantsir.size() == 1);
  CHECK(pantsir[0].system == std::optional<std::string>("Pantsir-S1"));
}

TEST_CASE("civil-use claims are negated notes, never military", "[end_use]") {
  for (const char* text :
       {"ОБУВЬ МУЖСКАЯ; ТОВАР НЕ ВОЕННОГО НАЗНАЧЕНИЯ", "ОБУВЬ, ГРАЖДАНСКОГО НАЗНАЧЕНИЯ",
        "ШИНЫ. ДЛЯ ГРАЖДАНСКОГО ПРИМЕНЕНИЯ", "ПРОДУКЦИЯ НЕ ВОЕННОГО НАЗНАЧЕНИЯ"}) {
    INFO(text);
    auto found = notes(text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].negated);
    CHECK_FALSE(found[0].military);
  }
}

TEST_CASE("inflected phrases, OCR damage and contract ids", "[end_use]") {
  auto goz = notes("ПЛАТЫ; В РАМКАХ ГОСУДАРСТВЕННОГО ОБОРОННОГО ЗАКАЗА");
  REQUIRE(goz.size() == 1);
  CHECK(goz[0].military);
  CHECK_FALSE(goz[0].system);
  auto damaged = notes("ПЛАТЫ; ДЛЯ НУЖД МИНИСТЕРСТВА 0БОРОНЫ РФ");  // zero for О
  REQUIRE(damaged.size() == 1);
  CHECK(damaged[0].military);
  auto igk = notes("ПЛАТЫ, ИГК 2312345678901234510000000");
  REQUIRE(igk.size() == 1);
  CHECK(igk[0].contract_id == std::optional<std::string>("2312345678901234510000000"));
  CHECK(igk[0].military);  // 25 digits: a defence-order contract
  auto twenty = notes("ПЛАТЫ, ИГК 12345678901234567890");
  REQUIRE(twenty.size() == 1);
  CHECK(twenty[0].contract_id == std::optional<std::string>("12345678901234567890"));
  CHECK_FALSE(twenty[0].military);
}

TEST_CASE("two notes in one description, plain goods give none", "[end_use]") {
  auto found = notes("МИКРОСХЕМЫ, ДЛЯ ЗРК ТОР-М2, В РАМКАХ ГОЗ");
  REQUIRE(found.size() == 2);
  CHECK(found[0].system == std::optional<std::string>("Tor-M2"));
  CHECK(found[1].text == "В РАМКАХ ГОЗ");
  CHECK(notes("МИКРОСХЕМЫ ИНТЕГРАЛЬНЫЕ, В КОРПУСАХ ДЛЯ ПОВЕРХНОСТНОГО МОНТАЖА").empty());
  CHECK(notes("ЗАПОМИНАЮЩИЕ УСТРОЙСТВА, НЕ ЯВЛЯЮТСЯ ЛОМОМ ЭЛЕКТРООБОРУДОВАНИЯ").empty());
}

TEST_CASE("a phrase word OCR split with a space still matches", "[end_use]") {
  // dt0006 of the 60-document corpus: "ДЛЯ ГРАЖДАНСКОГО ПР ИМЕНЕНИЯ".
  auto civil = notes("СТЕЛЛАЖИ СКЛАДСКИЕ. ДЛЯ ГРАЖДАНСКОГО ПР ИМЕНЕНИЯ");
  REQUIRE(civil.size() == 1);
  CHECK(civil[0].negated);
  CHECK_FALSE(civil[0].military);
  CHECK(civil[0].text == "ДЛЯ ГРАЖДАНСКОГО ПР ИМЕНЕНИЯ");
  auto defence = notes("МОДУЛИ; ДЛЯ НУЖД МИНИСТЕРСТВА ОБ ОРОНЫ РФ");
  REQUIRE(defence.size() == 1);
  CHECK(defence[0].military);
  // A fragment alone is no phrase, and a long first part is a word of its own.
  CHECK(notes("СТЕЛЛАЖИ. ДЛЯ ГРАЖДАНСКОГО ПР").empty());
  CHECK(notes("КАБЕЛИ ГРАЖДАН СКОГО НАЗНАЧЕНИЯ").empty());
}

TEST_CASE("lexicon terms read with OCR confusions are written as the lexicon spells them",
          "[end_use][spelling]") {
  // dt0008 / dt0050 / dt0036 (300 dpi image PDFs): "ДЛЯ 3PC C-400", "ДЛЯ РЛС 96/16E",
  // "ДЛЯ ПУ 5П85СЕ?", "C-400 TPUYMO»".
  std::vector<std::string> repairs;
  CHECK(spell_lexicon_terms("ФИЛЬТРЫ; ДЛЯ 3PC C-400", pattern_data(), repairs) ==
        "ФИЛЬТРЫ; ДЛЯ ЗРС C-400");
  REQUIRE(repairs.size() == 1);
  CHECK(repairs[0].find("3PC→ЗРС") != std::string::npos);
  repairs.clear();
  CHECK(spell_lexicon_terms("КОММУТАТОРЫ ЛВС, ДЛЯ РЛС 96/16E ЗРС", pattern_data(), repairs) ==
        "КОММУТАТОРЫ ЛВС, ДЛЯ РЛС 96Л6Е ЗРС");
  CHECK(spell_lexicon_terms("ЗАГЛУШКИ. ДЛЯ ПУ 5П85СЕ? ЗРС", pattern_data(), repairs) ==
        "ЗАГЛУШКИ. ДЛЯ ПУ 5П85СЕ2 ЗРС");
  CHECK(spell_lexicon_terms("ДЛЯ РЛС ЗРС C-400 TPUYMO»", pattern_data(), repairs) ==
        "ДЛЯ РЛС ЗРС C-400 ТРИУМФ»");
  // tuning fax dt0014: 9 read as Э
  CHECK(spell_lexicon_terms("ФЛЭШ-ПАМЯТЬ; ДЛЯ РЛС Э6Л6Е ЗРС C-400", pattern_data(), repairs) ==
        "ФЛЭШ-ПАМЯТЬ; ДЛЯ РЛС 96Л6Е ЗРС C-400");
  CHECK(repairs.size() == 4);
  // Printed look-alikes, ordinary words and part numbers stay as they are.
  repairs.clear();
  for (const std::string text :
       {"ТРАНЗИСТОРЫ (MOSFET) ДЛЯ ЗРС C-400", "МОДЕЛЬ R17-3985, BX-35, IMU-8245 ДЛЯ ИЗДЕЛИЯ",
        "ЗАГЛУШКИ ИЗ ПЛАСТМАСС 300 ШТ, ТОВАР 3", "ПРИБОРЫ 0ПТИЧЕСКИЕ 96/16 ДЛЯ ЦЕХА",
        "ЧАСТИ АППАРАТУРЫ ДЛЯ ЭТАЖА 3Э"})
    CHECK(spell_lexicon_terms(text, pattern_data(), repairs) == text);
  CHECK(repairs.empty());
}

TEST_CASE("a stem's ending split off, and a phrase broken by a dot, still match", "[end_use]") {
  // dt0031 (scan): "В РАМКАХ ГОСУДАРСТВЕНН ОГО ОБОРОННОГО ЗАКАЗА"; dt0033 (fax):
  // "125 ВТ. ГРАЖДАНСКОГО. НАЗНАЧЕНИЯ".
  auto split = notes("ПЛАТЫ ПЕЧАТНЫЕ, В РАМКАХ ГОСУДАРСТВЕНН ОГО ОБОРОННОГО ЗАКАЗА");
  REQUIRE(split.size() == 1);
  CHECK(split[0].military);
  auto dotted = notes("ВЕНТИЛЯТОРЫ МОЩНОСТЬЮ БОЛЕЕ 125 ВТ. ГРАЖДАНСКОГО. НАЗНАЧЕНИЯ");
  REQUIRE(dotted.size() == 1);
  CHECK(dotted[0].negated);
  CHECK_FALSE(dotted[0].military);
  // the negator НЕ is never taken as a split-off ending
  auto civil = notes("КОНДЕНСАТОРЫ, ПРОДУКЦИЯ НЕ ВОЕННОГО НАЗНАЧЕНИЯ");
  REQUIRE(civil.size() == 1);
  CHECK(civil[0].negated);
  CHECK_FALSE(civil[0].military);
}

TEST_CASE("end use: ГОЗ read with a bracket and digits after В РАМКАХ is the state defence order",
          "[end_use]") {
  // 200 dpi scans: "ЗИП К РЛС 92Н6Е; В РАМКАХ [03", "МОНТАЖА, В РАМКАХ [03".
  std::vector<std::string> repairs;
  std::string text = spell_lexicon_terms("ЗИП К РЛС 92Н6Е; В РАМКАХ [03", pattern_data(), repairs);
  CHECK(text == "ЗИП К РЛС 92Н6Е; В РАМКАХ ГОЗ");
  CHECK(repairs.size() == 1);
  bool military = false;
  for (const EndUseSpan& span : find_end_use_notes(text, pattern_data()))
    military |= span.note.military;
  CHECK(military);
  CHECK(spell_lexicon_terms("МОНТАЖА, В РАМКАХ I03.", pattern_data(), repairs) ==
        "МОНТАЖА, В РАМКАХ ГОЗ.");
  // a fax (tuning dt0006): Г as a pound sign
  CHECK(spell_lexicon_terms("ЭМИ-ФИЛЬТРЫ. В РАМКАХ £03", pattern_data(), repairs) ==
        "ЭМИ-ФИЛЬТРЫ. В РАМКАХ ГОЗ");
  // a number after РАМКАХ, or the same characters elsewhere, stay
  for (const char* printed : {"В РАМКАХ 103 ЗАКАЗОВ", "КОРПУС [03", "В РАМКАХ ГОЗ"}) {
    std::vector<std::string> none;
    CHECK(spell_lexicon_terms(printed, pattern_data(), none) == printed);
    CHECK(none.empty());
  }
}

TEST_CASE("a fax's colon and semicolon settled by what follows them", "[end_use]") {
  std::vector<std::string> repairs;
  auto settle = [&](const std::string& text) {
    return settle_clause_marks(text, pattern_data(), repairs);
  };
  // tuning faxes: the heading's colon read as ';', the end use's semicolon read as ':'
  CHECK(settle("ЧАСТИ АППАРАТУРЫ РАДИОЛОКАЦИОННОЙ; МОДУЛИ ПРИЕМОПЕРЕДАЮЩИЕ, ПЕЧАТНЫЕ УЗЛЫ") ==
        "ЧАСТИ АППАРАТУРЫ РАДИОЛОКАЦИОННОЙ: МОДУЛИ ПРИЕМОПЕРЕДАЮЩИЕ, ПЕЧАТНЫЕ УЗЛЫ");
  REQUIRE(repairs.size() == 1);
  CHECK(repairs[0] == "ocr-punctuation: 'РАДИОЛОКАЦИОННОЙ;' → ':' (no end-use statement follows)");
  // an end use later, after a comma of the goods' own text, is no reason to keep it
  CHECK(settle("ЧАСТИ РАДИОЛОКАЦИОННОЙ; МОДУЛИ, УЗЛЫ В СБОРЕ, ПРОДУКЦИЯ НЕ ВОЕННОГО НАЗНАЧЕНИЯ") ==
        "ЧАСТИ РАДИОЛОКАЦИОННОЙ: МОДУЛИ, УЗЛЫ В СБОРЕ, ПРОДУКЦИЯ НЕ ВОЕННОГО НАЗНАЧЕНИЯ");
  CHECK(settle("БОЛТЫ С РЕЗЬБОЙ, С ГАЙКАМИ ИЛИ БЕЗ НИХ: ПРОДУКЦИЯ НЕ ВОЕННОГО НАЗНАЧЕНИЯ") ==
        "БОЛТЫ С РЕЗЬБОЙ, С ГАЙКАМИ ИЛИ БЕЗ НИХ; ПРОДУКЦИЯ НЕ ВОЕННОГО НАЗНАЧЕНИЯ");
  CHECK(settle("УСИЛИТЕЛИ МОЩНОСТИ НА ОСНОВЕ GAN: ДЛЯ НУЖД МИНИСТЕРСТВА ОБОРОНЫ РФ; ИГК "
               "2262189468196561766000000") ==
        "УСИЛИТЕЛИ МОЩНОСТИ НА ОСНОВЕ GAN; ДЛЯ НУЖД МИНИСТЕРСТВА ОБОРОНЫ РФ; ИГК "
        "2262189468196561766000000");
  // '!' is neither: a heading's colon, or the semicolon before an end use
  CHECK(settle("УСТРОЙСТВА ЖИДКОКРИСТАЛЛИЧЕСКИЕ! МОДУЛИ ДИСПЛЕЙНЫЕ TFT") ==
        "УСТРОЙСТВА ЖИДКОКРИСТАЛЛИЧЕСКИЕ: МОДУЛИ ДИСПЛЕЙНЫЕ TFT");
  CHECK(settle("ШИНЫ НОВЫЕ, ДЛЯ АВТОМОБИЛЕЙ! ДЛЯ РЛС 92Н6Е") ==
        "ШИНЫ НОВЫЕ, ДЛЯ АВТОМОБИЛЕЙ; ДЛЯ РЛС 92Н6Е");
  repairs.clear();
  // marks that fit stay: a heading colon before goods with an end use further on, a
  // semicolon before an end use
  for (const std::string kept :
       {"МЕБЕЛЬ МЕТАЛЛИЧЕСКАЯ ПРОЧАЯ: СТЕЛЛАЖИ СКЛАДСКИЕ СБОРНЫЕ, ИГК 2317274611172792253200000",
        "ИЗДЕЛИЯ ИЗ ПЛАСТМАСС: КЛИПСЫ, ЗАГЛУШКИ; ГРАЖДАНСКОГО НАЗНАЧЕНИЯ",
        // a semicolon that is not the first mark, and one before a damaged end use
        "СВИТЕРЫ ИЗ ПРЯЖИ, ЖЕНСКИЕ; В РАМКАХ ГО В",
        "ЦЕНТРЫ ДЛЯ ОБРАБОТКИ МЕТАЛЛА; ГРАЖДАНСКОГО мени", "НА ОСНОВЕ GAN; ДЛЯ ВЕРТОЛЕТА KA+52",
        // marks not after a word
        "ЧАСТИ ; МОДУЛИ", "ЧАСТИ;МОДУЛИ"})
    CHECK(settle(kept) == kept);
  CHECK(repairs.empty());
}
