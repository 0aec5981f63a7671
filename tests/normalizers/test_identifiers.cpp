// ИНН, КПП, ОГРН, ОГРНИП: check digits, OCR repairs, and properties over generated values.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "normalizers/identifiers.h"

using namespace declx;

namespace {

std::string random_digits(std::mt19937& rng, size_t n, bool nonzero_first = true) {
  std::uniform_int_distribution<int> digit(0, 9);
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    int d = digit(rng);
    if (i == 0 && nonzero_first && d == 0) d = 1;
    s.push_back(static_cast<char>('0' + d));
  }
  return s;
}

// Independent re-statement of the rules in domain.md, to generate valid values.
char weighted(const std::string& d, std::initializer_list<int> w) {
  int sum = 0, i = 0;
  for (int x : w) sum += x * (d[i++] - '0');
  return static_cast<char>('0' + sum % 11 % 10);
}
std::string make_inn10(std::mt19937& rng) {
  std::string d = random_digits(rng, 9);
  return d + weighted(d, {2, 4, 10, 3, 5, 9, 4, 6, 8});
}
std::string make_inn12(std::mt19937& rng) {
  std::string d = random_digits(rng, 10);
  d += weighted(d, {7, 2, 4, 10, 3, 5, 9, 4, 6, 8});
  return d + weighted(d, {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8});
}
std::string make_ogrn(std::mt19937& rng) {
  std::string d = random_digits(rng, 12);
  return d + static_cast<char>('0' + std::stoull(d) % 11 % 10);
}
std::string make_ogrnip(std::mt19937& rng) {
  std::string d = random_digits(rng, 14);
  return d + static_cast<char>('0' + std::stoull(d) % 13 % 10);
}

}  // namespace

TEST_CASE("check digits of the documented examples", "[identifiers]") {
  CHECK(inn_valid("7707083893"));
  CHECK(inn_valid("123456789047"));
  CHECK(ogrn_valid("1027700132195"));
  CHECK(ogrnip_valid("304500116000157"));
  CHECK_FALSE(inn_valid("7707083894"));
  CHECK_FALSE(inn_valid("123456789048"));
  CHECK_FALSE(inn_valid("770708389"));
  CHECK_FALSE(inn_valid("77070838a3"));
  CHECK_FALSE(ogrn_valid("1027700132196"));
  CHECK_FALSE(ogrnip_valid("304500116000158"));
}

TEST_CASE("identifiers parse with labels, spaces and OCR letters", "[identifiers]") {
  auto [kind, input, expected, repaired] =
      GENERATE(table<std::string, std::string, std::string, bool>({
          {"inn", "7707083893", "7707083893", false},
          {"inn", "ИНН 7707083893", "7707083893", false},
          {"inn", "ИНН: 7707083893", "7707083893", false},
          {"inn", "№ 7707083893", "7707083893", false},
          {"inn", "7707 083 893", "7707083893", false},
          {"inn", "77О7083893", "7707083893", true},
          {"inn", "77O7O83893", "7707083893", true},
          {"inn", "7707O8З893", "7707083893", true},
          {"inn", "123456789047", "123456789047", false},
          {"inn", "l23456789047", "123456789047", true},
          {"ogrn", "1027700132195", "1027700132195", false},
          {"ogrn", "ОГРН 1027700132195", "1027700132195", false},
          {"ogrn", "1O277OO132195", "1027700132195", true},
          {"ogrnip", "304500116000157", "304500116000157", false},
          {"ogrnip", "ОГРНИП 304500116000157", "304500116000157", false},
          {"kpp", "773101001", "773101001", false},
          {"kpp", "КПП 773101001", "773101001", false},
          {"kpp", "7731AE001", "7731AE001", false},
          {"kpp", "7731АЕ001", "7731AE001", true},  // Cyrillic А, Е in the reason code
          {"kpp", "77З101001", "773101001", true},
      }));
  CAPTURE(kind, input);
  Parsed<std::string> p = kind == "inn"    ? parse_inn(input)
                          : kind == "ogrn" ? parse_ogrn(input)
                          : kind == "kpp"  ? parse_kpp(input)
                                           : parse_ogrnip(input);
  REQUIRE(p.ok());
  CHECK(*p.value == expected);
  CHECK(p.error.empty());
  CHECK(p.repairs.empty() == !repaired);
}

TEST_CASE("identifiers of the wrong shape fail", "[identifiers]") {
  CHECK_FALSE(parse_inn("77070838").ok());
  CHECK_FALSE(parse_inn("77070838931").ok());
  CHECK_FALSE(parse_inn("ИНН").ok());
  CHECK_FALSE(parse_inn("АБВГДЕЖЗИК").ok());
  CHECK_FALSE(parse_ogrn("102770013219").ok());
  CHECK_FALSE(parse_ogrnip("30450011600015").ok());
  CHECK_FALSE(parse_kpp("77310100").ok());
  CHECK_FALSE(parse_kpp("7731ЖЖ001").ok());
}

TEST_CASE("a failed check keeps the raw digits and says so", "[identifiers]") {
  // 7707083894: several one-digit repairs would pass, so none is applied.
  auto p = parse_inn("1234567890");
  REQUIRE(p.ok());
  CHECK(*p.value == "1234567890");
  CHECK(p.error.find("check digit failed") != std::string::npos);
  CHECK(p.confidence < 0.5);
  CHECK(p.repairs.empty());
}

TEST_CASE("Tesseract misreadings of ИНН are repaired or kept, never mis-repaired",
          "[identifiers][ocr]") {
  // Inputs: tesseract 5.3 (rus, --psm 7) on rendered and degraded ИНН, harvest_ocr.py.
  auto [ocr, truth] = GENERATE(table<std::string, std::string>({
      {"7107083893", "7707083893"},
      {"2707083893", "7707083893"},
      {"7767683893", "7707083893"},  // two digits wrong: not repairable
      {"7731084475", "7731084175"},
      {"1731084175", "7731084175"},
      {"5024648006", "5024048000"},
      {"1323456789047", "123456789047"},
      {"‚7707083893", "7707083893"},
      {"| 7731084175. |", "7731084175"},
      {"`7731084175", "7731084175"},
      {"\"123456789047", "123456789047"},
      {"123456789047 -", "123456789047"},
  }));
  CAPTURE(ocr);
  auto p = parse_inn(ocr);
  if (p.ok() && p.error.empty()) {
    CHECK(*p.value == truth);  // accepted values are right
  } else {
    CHECK(!p.error.empty());  // otherwise the failure is reported
    if (p.ok()) CHECK(*p.value != truth);
  }
}

TEST_CASE("ИНН debris and clean readings from Tesseract parse exactly", "[identifiers][ocr]") {
  // tesseract 5.3 output with only debris around the digits: must parse without any repair.
  for (std::string s : {"‚7707083893", "7707083893,", ". 7707083893", "| 7731084175. |",
                        "`7731084175", "5024048000;", "\"123456789047", "123456789047 ."}) {
    CAPTURE(s);
    auto p = parse_inn(s);
    REQUIRE(p.ok());
    CHECK(p.error.empty());
    CHECK(p.confidence == 1.0);
  }
}

TEST_CASE("property: generated valid identifiers round-trip unchanged", "[identifiers][property]") {
  std::mt19937 rng(12345);
  for (int i = 0; i < 500; ++i) {
    std::string inn10 = make_inn10(rng), inn12 = make_inn12(rng), ogrn = make_ogrn(rng),
                ogrnip = make_ogrnip(rng);
    REQUIRE(inn_valid(inn10));
    REQUIRE(inn_valid(inn12));
    REQUIRE(ogrn_valid(ogrn));
    REQUIRE(ogrnip_valid(ogrnip));
    CHECK(parse_inn(inn10).value == inn10);
    CHECK(parse_inn("ИНН " + inn12).value == inn12);
    CHECK(parse_ogrn(ogrn).value == ogrn);
    CHECK(parse_ogrnip(ogrnip).value == ogrnip);
    CHECK(parse_inn(inn10).repairs.empty());
  }
}

TEST_CASE("property: a one-digit OCR repair is never wrong", "[identifiers][property]") {
  // Corrupt one digit with a typical confusion; the parser may repair (must then give back the
  // original) or keep the raw value with an error — it must never produce a different valid
  // number silently.
  std::mt19937 rng(777);
  const std::string swaps[10] = {"689", "47", "7", "589", "1", "368", "058", "12", "03569", "038"};
  int repaired = 0, kept = 0;
  for (int i = 0; i < 2000; ++i) {
    std::string good = i % 2 ? make_inn10(rng) : make_ogrn(rng);
    std::uniform_int_distribution<size_t> pos_dist(0, good.size() - 1);
    size_t pos = pos_dist(rng);
    const std::string& alts = swaps[good[pos] - '0'];
    if (alts.empty()) continue;
    std::string bad = good;
    bad[pos] = alts[std::uniform_int_distribution<size_t>(0, alts.size() - 1)(rng)];
    auto p = i % 2 ? parse_inn(bad) : parse_ogrn(bad);
    REQUIRE(p.ok());
    if (p.error.empty() && *p.value != bad) {
      CHECK(*p.value == good);
      CHECK(p.repairs.size() == 1);
      ++repaired;
    } else if (!p.error.empty()) {
      CHECK(*p.value == bad);
      ++kept;
    }
  }
  CHECK(repaired > 20);  // the repair does fire on real confusions
  CHECK(kept > 0);
}
