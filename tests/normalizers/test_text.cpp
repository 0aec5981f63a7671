// Text cleanup, folding, line joining and script repair.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <tuple>

#include "normalizers/distance.h"
#include "normalizers/script.h"
#include "normalizers/text.h"

using namespace declx;

TEST_CASE("clean_text unifies spaces, dashes, quotes and drops invisible characters", "[text]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"  АО  КОНЦЕРН  ", "АО КОНЦЕРН"},
      {"1\u00A0250,500", "1 250,500"},
      {"1\u202F250\u2009500", "1 250 500"},
      {"A\tB\nC\r\nD", "A B C D"},
      {"АЛМАЗ\u2010АНТЕЙ", "АЛМАЗ-АНТЕЙ"},
      {"АЛМАЗ\u2013АНТЕЙ", "АЛМАЗ-АНТЕЙ"},
      {"АЛМАЗ\u2014АНТЕЙ", "АЛМАЗ-АНТЕЙ"},
      {"АЛМАЗ\u2212АНТЕЙ", "АЛМАЗ-АНТЕЙ"},
      {"АЛМАЗ \u2014 АНТЕЙ", "АЛМАЗ - АНТЕЙ"},
      {"\u00ABРОМАШКА\u00BB", "\"РОМАШКА\""},
      {"\u201EРОМАШКА\u201C", "\"РОМАШКА\""},
      {"\u201CROMASHKA\u201D", "\"ROMASHKA\""},
      {"\u2018X\u2019", "\"X\""},
      {"``X''", "\"X\""},
      {"'X'", "\"X\""},
      {"АО \"КОНЦЕРН ВКО \"АЛМАЗ-АНТЕЙ\"", "АО \"КОНЦЕРН ВКО \"АЛМАЗ-АНТЕЙ\""},
      {"ПРОИЗ\u00ADВОДИТЕЛЬ", "ПРОИЗВОДИТЕЛЬ"},
      {"ZERO\u200BWIDTH", "ZEROWIDTH"},
      {"\uFEFFBOM", "BOM"},
      {"\uFF21\uFF22\uFF23", "ABC"},     // NFKC: fullwidth letters
      {"\uFF11\uFF12\uFF13", "123"},     // fullwidth digits
      {"\u0418\u0306", "\u0419"},        // NFKC composes И + breve → Й
      {"\u0415\u0308", "\u0401"},        // Е + diaeresis → Ё
      {"№ 7707083893", "№ 7707083893"},  // № survives (NFKC would give "No")
      {"", ""},
      {"   ", ""},
      {"plain ascii", "plain ascii"},
      {"x\x01y", "xy"},
  }));
  CAPTURE(input);
  CHECK(clean_text(input) == expected);
}

TEST_CASE("clean_text is idempotent", "[text]") {
  auto input = GENERATE(as<std::string>{}, "  АО\u00A0«КОНЦЕРН — ВКО»  ", "a\u00ADb", "``x''",
                        "\u201E\u201C", "№\u2116", "\xff\xfe broken utf8",
                        // a control character between a letter and a combining accent: the
                        // accent composes only once the control is gone (found by fuzz_text)
                        "A\x1e\u0301EHP", "И\u200B\u0306");
  std::string once = clean_text(input);
  CHECK(clean_text(once) == once);
}

TEST_CASE("fold_for_compare folds case, Ё and Latin look-alikes", "[text]") {
  auto [a, b] = GENERATE(table<std::string, std::string>({
      {"AO", "АО"},
      {"CБЕРБАНК", "СБЕРБАНК"},
      {"сбербанк", "СБЕРБАНК"},
      {"ОБЪЕДИНЁННЫЕ", "ОБЪЕДИНЕННЫЕ"},
      {"«Ромашка»", "\"РОМАШКА\""},
      {"KOHЦEPH", "КОНЦЕРН"},
      {"АЛМАЗ\u2014АНТЕЙ", "АЛМАЗ-АНТЕЙ"},
  }));
  CAPTURE(a, b);
  CHECK(fold_for_compare(a) == fold_for_compare(b));
}

TEST_CASE("fold_for_compare keeps different words apart", "[text]") {
  CHECK(fold_for_compare("АО") != fold_for_compare("ООО"));
  CHECK(fold_for_compare("ЛТД") != fold_for_compare("LTD"));
  CHECK(fold_for_compare("КИТАЙ") != fold_for_compare("КИТАИ"));
}

TEST_CASE("to_upper handles Cyrillic and ASCII", "[text]") {
  CHECK(to_upper("ромашка") == "РОМАШКА");
  CHECK(to_upper("ёж") == "ЁЖ");
  CHECK(to_upper("abc-1") == "ABC-1");
}

TEST_CASE("join_lines joins hyphenated words and keeps code hyphens", "[text]") {
  using Lines = std::vector<std::string>;
  auto [lines, expected] = GENERATE(table<Lines, std::string>({
      {Lines{"ПРОИЗ-", "ВОДИТЕЛЬ"}, "ПРОИЗВОДИТЕЛЬ"},
      {Lines{"произ-", "водитель"}, "производитель"},
      {Lines{"АНТЕННА ДЛЯ", "РЛС"}, "АНТЕННА ДЛЯ РЛС"},
      {Lines{"ЗРС С-", "400"}, "ЗРС С-400"},
      {Lines{"ПАНЦИРЬ-", "С1"}, "ПАНЦИРЬ-С1"},
      {Lines{"96Л6-", "Е"}, "96Л6-Е"},
      {Lines{"  ОДНА  ", "", "  ДВЕ "}, "ОДНА ДВЕ"},
      {Lines{"ПРОИЗ\u00AD", "ВОДИТЕЛЬ"}, "ПРОИЗ ВОДИТЕЛЬ"},  // soft hyphen is dropped by cleanup
      {Lines{"A -", "B"}, "A - B"},
      {Lines{}, ""},
  }));
  CAPTURE(lines);
  CHECK(join_lines(lines) == expected);
}

TEST_CASE("ICU confusables give the expected look-alike pairs", "[script]") {
  auto [cyr, lat] = GENERATE(table<char32_t, char32_t>({
      {U'А', U'A'},
      {U'В', U'B'},
      {U'Е', U'E'},
      {U'К', U'K'},
      {U'М', U'M'},
      {U'Н', U'H'},
      {U'О', U'O'},
      {U'Р', U'P'},
      {U'С', U'C'},
      {U'Т', U'T'},
      {U'Х', U'X'},
      {U'а', U'a'},
      {U'е', U'e'},
      {U'о', U'o'},
      {U'р', U'p'},
      {U'с', U'c'},
      {U'х', U'x'},
  }));
  CHECK(latin_lookalike_of_cyrillic(cyr) == lat);
  CHECK(cyrillic_lookalike_of_latin(lat) == cyr);
}

TEST_CASE("letters without look-alikes have no counterpart", "[script]") {
  for (char32_t c : std::u32string(U"БГДЖЗИЙЛПФЦЧШЩЪЫЭЮЯ"))
    CHECK(latin_lookalike_of_cyrillic(c) == 0);
  for (char32_t c : std::u32string(U"DFGIJLNQRSUVWZ")) CHECK(cyrillic_lookalike_of_latin(c) == 0);
}

TEST_CASE("capitals are written in one script, small letters and the rest kept", "[script]") {
  CHECK(latin_capitals(U"СМ") == U"CM");
  CHECK(latin_capitals(U"НО! ВАОМ") == U"HO! BAOM");
  CHECK(latin_capitals(U"ЗИП, ао") == U"ЗИП, ао");  // no look-alike; small letters stay
  CHECK(cyrillic_capitals(U"TPИYMФ") == U"ТРИУМФ");
  CHECK(cyrillic_capitals(U"ROAD 12, cx") == U"RОАD 12, cx");  // R, D have no look-alike
}

TEST_CASE("letters are counted per script, digits and marks not at all", "[script]") {
  LetterCounts counts = count_letters(U"ЁЖИК ёж, GaN 12-Ü");
  CHECK(counts.cyrillic == 6);
  CHECK(counts.latin == 3);
}

TEST_CASE("repair_script folds look-alikes into the meant script", "[script]") {
  auto [input, field, expected, repairs] =
      GENERATE(table<std::string, FieldScript, std::string, size_t>({
          {"AO KOHЦEPH", FieldScript::Auto, "АО КОНЦЕРН", 8},
          {"AO", FieldScript::Cyrillic, "АО", 2},
          {"AO", FieldScript::Auto, "AO", 0},  // nothing says it is Russian
          {"CБЕРБАНК", FieldScript::Auto, "СБЕРБАНК", 1},
          {"CБЕРБАНК", FieldScript::Latin, "СБЕРБАНК", 1},  // Б only exists in Cyrillic: token wins
          {"СМ", FieldScript::Code, "CM", 2},
          {"СN", FieldScript::Auto, "CN", 1},
          {"ЕUR", FieldScript::Code, "EUR", 1},
          {"HUAWEI TECHNOLOGIES", FieldScript::Cyrillic, "HUAWEI TECHNOLOGIES", 0},
          {"SHENZHEN TECH CO., LTD", FieldScript::Auto, "SHENZHEN TECH CO., LTD", 0},
          {"ООО РОМАШКА", FieldScript::Auto, "ООО РОМАШКА", 0},
          {"ПАНЦИР-C1", FieldScript::Auto, "ПАНЦИР-С1", 1},
          {"C-400", FieldScript::Code, "C-400", 0},
          {"ТОР-M2", FieldScript::Auto, "ТОР-М2", 1},
          {"ЗАО TEXHOЛОГИИ", FieldScript::Auto, "ЗАО ТЕХНОЛОГИИ", 5},
          {"KZ", FieldScript::Cyrillic, "KZ", 0},
          {"", FieldScript::Auto, "", 0},
      }));
  CAPTURE(input);
  ScriptRepair r = repair_script(input, field);
  CHECK(r.text == expected);
  CHECK(r.repairs.size() == repairs);
}

TEST_CASE("repair_script reports each change", "[script]") {
  ScriptRepair r = repair_script("AO", FieldScript::Cyrillic);
  REQUIRE(r.repairs.size() == 2);
  CHECK(r.repairs[0] == "script: Latin A→Cyrillic А");
  CHECK(r.repairs[1] == "script: Latin O→Cyrillic О");
}

namespace {
// Textbook full-matrix Levenshtein, to check the bounded one against.
size_t reference_distance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j)
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
  return d[a.size()][b.size()];
}
}  // namespace

TEST_CASE("edit_distance: known pairs", "[distance]") {
  CHECK(edit_distance(U"ПОЛУЧАТЕЛЬ", U"ПОЛУЧАТЕЛЬ") == 0);
  CHECK(edit_distance(U"ПОЛУЧАТЕЛЬ", U"ПОЛУЧАТЕЛ") == 1);
  CHECK(edit_distance(U"ПОЛУЧАТЕЛЬ", U"ОТПРАВИТЕЛЬ") == 6);
  CHECK(edit_distance(U"", U"АБВ") == 3);
  CHECK(edit_distance(U"КИТАИ", U"КИТАЙ", 0) == 1);
  CHECK(edit_distance(U"ПОЛУЧАТЕЛЬ", U"ОТПРАВИТЕЛЬ", 2) == 3);  // limit + 1
  CHECK(edit_distance(U"А", U"АБВГД", 2) == 3);                 // lengths alone decide
}

TEST_CASE("edit_distance agrees with the full matrix, bounded or not", "[distance]") {
  // Short strings over a three-letter alphabet make every kind of edit likely.
  std::mt19937 rng(20261201);
  std::uniform_int_distribution<int> length(0, 9), letter(0, 2);
  const char32_t alphabet[] = {U'А', U'Б', U'Ц'};
  for (int n = 0; n < 3000; ++n) {
    std::u32string a, b;
    for (int k = length(rng); k > 0; --k) a.push_back(alphabet[letter(rng)]);
    for (int k = length(rng); k > 0; --k) b.push_back(alphabet[letter(rng)]);
    size_t expected = reference_distance(a, b);
    CAPTURE(n, expected);
    REQUIRE(edit_distance(a, b) == expected);
    for (size_t limit = 0; limit < 5; ++limit)
      REQUIRE(edit_distance(a, b, limit) == std::min(expected, limit + 1));
  }
}
