// Organisation names and weapon designations.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "normalizers/designations.h"
#include "normalizers/org_name.h"
#include "normalizers/text.h"

using namespace declx;

TEST_CASE("parse_org_name separates the legal form and builds key and Latin", "[org]") {
  auto [input, form, name,
        latin] = GENERATE(table<std::string, std::string, std::string, std::string>({
      {"АО \"КОНЦЕРН ВКО \"АЛМАЗ-АНТЕЙ\"", "АО", "КОНЦЕРН ВКО АЛМАЗ-АНТЕЙ",
       "KONTSERN VKO ALMAZ-ANTEY"},
      {"AO \"KOHЦEPH BKO \"AЛMAЗ-AHTEЙ\"", "АО", "КОНЦЕРН ВКО АЛМАЗ-АНТЕЙ",
       "KONTSERN VKO ALMAZ-ANTEY"},
      {"АО «КОНЦЕРН ВКО «АЛМАЗ – АНТЕЙ»", "АО", "КОНЦЕРН ВКО АЛМАЗ - АНТЕЙ",
       "KONTSERN VKO ALMAZ - ANTEY"},
      {"ООО «Ромашка»", "ООО", "Ромашка", "ROMASHKA"},
      {"ООО \"РАДИОКОМПЛЕКТ\"", "ООО", "РАДИОКОМПЛЕКТ", "RADIOKOMPLEKT"},
      {"ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ \"ЩУКА-ЁЖ\"", "ООО", "ЩУКА-ЁЖ", "SHCHUKA-EZH"},
      {"ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО \"ЯХОНТ\"", "ПАО", "ЯХОНТ", "YAKHONT"},
      {"АКЦИОНЕРНОЕ ОБЩЕСТВО \"ЦЕНТР\"", "АО", "ЦЕНТР", "TSENTR"},
      {"ФГУП \"ЖЕЛДОРЭКСПЕДИЦИЯ\"", "ФГУП", "ЖЕЛДОРЭКСПЕДИЦИЯ", "ZHELDOREKSPEDITSIYA"},
      {"ИП ИВАНОВ ИВАН ИВАНОВИЧ", "ИП", "ИВАНОВ ИВАН ИВАНОВИЧ", "IVANOV IVAN IVANOVICH"},
      {"ПАО \"ОБЪЕДИНЕННАЯ АВИАСТРОИТЕЛЬНАЯ КОРПОРАЦИЯ\"", "ПАО",
       "ОБЪЕДИНЕННАЯ АВИАСТРОИТЕЛЬНАЯ КОРПОРАЦИЯ", "OBEDINENNAYA AVIASTROITELNAYA KORPORATSIYA"},
      {"SHENZHEN HUAXIN TECHNOLOGY CO., LTD", "CO., LTD", "SHENZHEN HUAXIN TECHNOLOGY",
       "SHENZHEN HUAXIN TECHNOLOGY"},
      {"SHENZHEN HUAXIN TECHNOLOGY CO.,LTD.", "CO., LTD", "SHENZHEN HUAXIN TECHNOLOGY",
       "SHENZHEN HUAXIN TECHNOLOGY"},
      {"ABC TRADING (HK) LIMITED", "(HK) LIMITED", "ABC TRADING", "ABC TRADING"},
      {"ACME ELECTRONICS LIMITED", "LIMITED", "ACME ELECTRONICS", "ACME ELECTRONICS"},
      {"ANKARA MAKINA LTD STI", "LTD STI", "ANKARA MAKINA", "ANKARA MAKINA"},
      {"ШЭНЬЧЖЭНЬ ХУАСИНЬ ТЕКНОЛОДЖИ КО., ЛТД", "CO., LTD", "ШЭНЬЧЖЭНЬ ХУАСИНЬ ТЕКНОЛОДЖИ",
       "SHENCHZHEN KHUASIN TEKNOLODZHI"},
      {"ГУАНЧЖОУ ТРЕЙДИНГ ЛИМИТЕД", "LIMITED", "ГУАНЧЖОУ ТРЕЙДИНГ", "GUANCHZHOU TREYDING"},
      {"HUAWEI TECHNOLOGIES INC.", "INC", "HUAWEI TECHNOLOGIES", "HUAWEI TECHNOLOGIES"},
      {"НПО \"АЛМАЗ\"", "", "НПО АЛМАЗ", "NPO ALMAZ"},  // НПО is not a legal form
  }));
  CAPTURE(input);
  auto p = parse_org_name(input);
  REQUIRE(p.ok());
  CHECK(p.value->legal_form == form);
  CHECK(p.value->name == name);
  CHECK(p.value->latin == latin);
  CHECK(p.value->key == fold_for_compare(name));
}

TEST_CASE("org keys match across quote, case, dash and script variants", "[org]") {
  auto key = [](const std::string& s) { return parse_org_name(s).value->key; };
  CHECK(key("АО \"КОНЦЕРН ВКО \"АЛМАЗ-АНТЕЙ\"") == key("AO «Концерн ВКО «Алмаз‐Антей»"));
  CHECK(key("ООО \"CБЕРТЕХ\"") == key("ООО «СБЕРТЕХ»"));  // Latin C in the first
  CHECK(key("ООО \"РОМАШКА\"") != key("ООО \"ЛЮТИК\""));
  CHECK(parse_org_name("АО \"КОНЦЕРН ВКО \"АЛМАЗ-АНТЕЙ\"").value->key == "КОНЦЕРН ВКО АЛМАЗ-АНТЕЙ");
}

TEST_CASE("parse_org_name reports script repairs and empty names", "[org]") {
  auto p = parse_org_name("AO \"KOHЦEPH\"");
  REQUIRE(p.ok());
  CHECK_FALSE(p.repairs.empty());
  CHECK(p.confidence < 1.0);
  CHECK_FALSE(parse_org_name("ООО").ok());
  CHECK_FALSE(parse_org_name("").ok());
}

TEST_CASE("transliterate_to_latin follows BGN/PCGN-like rules", "[org]") {
  auto [in, out] = GENERATE(table<std::string, std::string>({
      {"КОНЦЕРН ВКО АЛМАЗ-АНТЕЙ", "KONTSERN VKO ALMAZ-ANTEY"},
      {"ЩУКА", "SHCHUKA"},
      {"ЁЛКА", "ELKA"},
      {"ЕЛЬ", "EL"},
      {"ХИМПРОМ", "KHIMPROM"},
      {"ЖУК", "ZHUK"},
      {"ЮГ", "YUG"},
      {"ЯМАЛ", "YAMAL"},
      {"ВЫБОРГ", "VYBORG"},
      {"ОБЪЕКТ", "OBEKT"},
      {"ЧАЙ", "CHAY"},
      {"ШАР", "SHAR"},
      {"ЭЛЕКТРОН", "ELEKTRON"},
      {"ABC-1", "ABC-1"},
  }));
  CHECK(transliterate_to_latin(in) == out);
}

namespace {
const DesignationLexicon& lexicon() {
  static const DesignationLexicon lex =
      DesignationLexicon::load(default_patterns_dir() + "/designations.tsv");
  return lex;
}
}  // namespace

TEST_CASE("designations map every spelling to the canonical name", "[designations]") {
  auto [input, canonical] = GENERATE(table<std::string, std::string>({
      {"С-400", "S-400"},
      {"C-400", "S-400"},
      {"С400", "S-400"},
      {"S-400", "S-400"},
      {"s-400", "S-400"},
      {"С–400", "S-400"},
      {"ТРИУМФ", "S-400"},
      {"Триумф", "S-400"},
      {"40Р6", "S-400"},
      {"96Л6Е", "96L6E"},
      {"96L6E", "96L6E"},
      {"96Л6", "96L6E"},
      {"91Н6Е", "91N6E"},
      {"91H6E", "91N6E"},
      {"92Н6Е", "92N6E"},
      {"55К6Е", "55K6E"},
      {"5П85СЕ2", "5P85"},
      {"5П85ТЕ2", "5P85"},
      {"5П85СМ2", "5P85"},
      {"5P85", "5P85"},
      {"48Н6", "48N6"},
      {"40Н6", "40N6"},
      {"9М96", "9M96"},
      {"9M96E2", "9M96"},
      {"ПАНЦИРЬ-С1", "Pantsir-S1"},
      {"ПАНЦИР-C1", "Pantsir-S1"},
      {"Панцирь-С1", "Pantsir-S1"},
      {"PANTSIR-S1", "Pantsir-S1"},
      {"96К6", "Pantsir-S1"},
      {"ТОР-М2", "Tor-M2"},
      {"ТОР-M2", "Tor-M2"},
      {"9К332", "Tor-M2"},
      {"9К330", "Tor-M2"},
      {"БУК-М2", "Buk-M2"},
      {"БУК-М3", "Buk-M3"},
      {"9К317", "Buk-M2"},
      {"9К317М", "Buk-M3"},
      {"ИСКАНДЕР-М", "Iskander-M"},
      {"9К720", "Iskander-M"},
      {"СУ-35", "Su-35"},
      {"СУ-35С", "Su-35"},
      {"CY-35", "Su-35"},
      {"КА-52", "Ka-52"},
      {"KA-52", "Ka-52"},
      {"МИ-8АМТШ", "Mi-8"},
      {"МИ-171Ш", "Mi-171"},
      {"МИ-171Е", "Mi-171"},
      {"Mi-171", "Mi-171"},
  }));
  CAPTURE(input);
  auto p = lexicon().canonical(input);
  REQUIRE(p.ok());
  CHECK(*p.value == canonical);
}

TEST_CASE("designation transliteration is by sound, not look", "[designations]") {
  CHECK(designation_key("96Л6Е") == "96L6E");
  CHECK(designation_key("91Н6Е") == "91N6E");  // Н is N, not H
  CHECK(designation_key("ПАНЦИРЬ-С1") == "PANTSIRS1");
  CHECK(designation_key("С-400") == "S400");
}

TEST_CASE("non-designations are not matched", "[designations]") {
  for (std::string s : {"КОНЦЕРН", "400", "С", "АНТЕННА", "8529109000", "С-401", "ТОР"}) {
    CAPTURE(s);
    CHECK_FALSE(lexicon().canonical(s).ok());
  }
}

TEST_CASE("find_all locates designations in free text with offsets", "[designations]") {
  std::string text =
      "АНТЕННА ДЛЯ РЛС 96Л6Е ИЗ СОСТАВА ЗРС С-400 \"ТРИУМФ\", С 400 ШТ (796), ЗРС 40Р6 И "
      "ПАНЦИР-C1; ЗИП К 5П85СЕ2.";
  auto found = lexicon().find_all(text);
  REQUIRE(found.size() == 6);
  CHECK(found[0].canonical == "96L6E");
  CHECK(found[1].canonical == "S-400");
  CHECK(found[2].canonical == "S-400");
  CHECK(found[2].matched_text == "ТРИУМФ");
  CHECK(found[3].canonical == "S-400");
  CHECK(found[3].matched_text == "ЗРС 40Р6");
  CHECK(found[4].canonical == "Pantsir-S1");
  CHECK(found[5].canonical == "5P85");
  for (const auto& m : found) CHECK(text.substr(m.begin, m.end - m.begin) == m.matched_text);
}

TEST_CASE("the lexicon loader names the file and line of bad data", "[designations]") {
  std::string path =
      (std::filesystem::temp_directory_path() / "declx_bad_designations.tsv").string();
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    REQUIRE(f != nullptr);
    std::fputs("# comment\nS-400\tС-400\nBROKEN LINE WITHOUT TAB\n", f);
    std::fclose(f);
  }
  try {
    DesignationLexicon::load(path);
    FAIL("no exception");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find(path + ":3") != std::string::npos);
  }
  CHECK_THROWS_AS(DesignationLexicon::load("/nonexistent/designations.tsv"), std::runtime_error);
  std::remove(path.c_str());
}
