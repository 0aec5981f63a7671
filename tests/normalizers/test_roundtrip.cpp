// Round-trip properties parse(format(x)) == x over generated values (seeded, reproducible).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>

#include "normalizers/countries.h"
#include "normalizers/dates.h"
#include "normalizers/hs_code.h"
#include "normalizers/identifiers.h"
#include "normalizers/numbers.h"
#include "normalizers/registration_number.h"

using namespace declx;

namespace {

std::string group_thousands(long long integer, const std::string& sep) {
  std::string digits = std::to_string(integer), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += sep;
    out += digits[i];
  }
  return out;
}

const char* const kMonthsGenitive[] = {"января",   "февраля", "марта",  "апреля",
                                       "мая",      "июня",    "июля",   "августа",
                                       "сентября", "октября", "ноября", "декабря"};

Date random_date(std::mt19937& rng) {
  std::uniform_int_distribution<int> year(1990, 2035), month(1, 12), day(1, 31);
  Date d;
  do {
    d = {year(rng), month(rng), day(rng)};
  } while (!date_valid(d.year, d.month, d.day));
  return d;
}

std::string two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v % 100);
  return buf;
}

}  // namespace

TEST_CASE("property: numbers survive every printed format", "[numbers][property]") {
  std::mt19937 rng(2024);
  std::uniform_int_distribution<long long> integer(0, 999'999'999);
  std::uniform_int_distribution<int> decimals(0, 6), digit(0, 9);
  for (int i = 0; i < 2000; ++i) {
    long long whole = integer(rng) >> (i % 30);
    int places = decimals(rng);
    std::string fraction;
    for (int k = 0; k < places; ++k) fraction.push_back(static_cast<char>('0' + digit(rng)));
    double expected = std::stod(std::to_string(whole) + (places ? "." + fraction : ""));
    const std::string formats[] = {
        std::to_string(whole) + (places ? "." + fraction : ""),        // machine printout
        group_thousands(whole, " ") + (places ? "," + fraction : ""),  // Russian text
        group_thousands(whole, "\u00A0") + (places ? "," + fraction : ""),
        group_thousands(whole, "\u202F") + (places ? "," + fraction : ""),
    };
    for (const std::string& text : formats) {
      CAPTURE(text);
      auto p = parse_number(text);
      REQUIRE(p.ok());
      CHECK(*p.value == Approx(expected).epsilon(1e-12));
      CHECK(p.repairs.empty());
    }
  }
}

TEST_CASE("property: dates survive every printed format", "[dates][property]") {
  std::mt19937 rng(99);
  for (int i = 0; i < 1500; ++i) {
    Date d = random_date(rng);
    std::string formats[] = {
        two(d.day) + "." + two(d.month) + "." + std::to_string(d.year),
        d.iso(),
        std::to_string(d.day) + " " + kMonthsGenitive[d.month - 1] + " " + std::to_string(d.year) +
            " г.",
        two(d.day) + "/" + two(d.month) + "/" + std::to_string(d.year),
    };
    for (const std::string& text : formats) {
      CAPTURE(text);
      auto p = parse_date(text);
      REQUIRE(p.ok());
      CHECK(*p.value == d);
    }
    if (d.year >= 2000 && d.year < 2070) {
      std::string ddmmyy = two(d.day) + two(d.month) + two(d.year);
      CHECK(parse_date(ddmmyy).value == d);
      CHECK(parse_ddmmyy(ddmmyy) == d);
    }
  }
}

TEST_CASE("property: registration numbers round-trip and survive OCR separators",
          "[regnum][property]") {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> digit(0, 9), office_kind(0, 2), serial_len(1, 7);
  for (int i = 0; i < 1000; ++i) {
    RegistrationNumber rn;
    size_t office_len = office_kind(rng) == 0 ? 8 : (office_kind(rng) == 1 ? 5 : 2);
    for (size_t k = 0; k < office_len; ++k)
      rn.office.push_back(static_cast<char>('0' + digit(rng)));
    Date d;
    do {
      d = random_date(rng);
    } while (d.year < 2000 || d.year >= 2070);
    rn.date = d;
    rn.date_ddmmyy = two(d.day) + two(d.month) + two(d.year);
    int len = serial_len(rng);
    for (int k = 0; k < len; ++k) rn.serial.push_back(static_cast<char>('0' + digit(rng)));
    if (i % 10 == 0) rn.serial = "Э" + rn.serial;
    CAPTURE(rn.canonical());
    auto p = parse_registration_number(rn.canonical());
    REQUIRE(p.ok());
    CHECK(*p.value == rn);
    auto spaced = parse_registration_number(rn.office + " / " + rn.date_ddmmyy + " / " + rn.serial);
    REQUIRE(spaced.ok());
    CHECK(*spaced.value == rn);
    CHECK_FALSE(spaced.repairs.empty());
    if (office_len == 8 && rn.serial.size() == 7) {
      // "/" read as "I": the fixed field widths make it unambiguous.
      auto ocr = parse_registration_number(rn.office + "I" + rn.date_ddmmyy + "I" + rn.serial);
      REQUIRE(ocr.ok());
      CHECK(*ocr.value == rn);
    }
  }
}

// Random ten digits whose first six are an HS 2022 subheading.
std::string random_hs_code(std::mt19937& rng) {
  std::uniform_int_distribution<int> digit(0, 9), chapter(1, 97);
  while (true) {
    std::string digits = two(chapter(rng));
    for (int k = 0; k < 8; ++k) digits.push_back(static_cast<char>('0' + digit(rng)));
    if (digits.substr(0, 2) != "77" && hs6_known(digits.substr(0, 6))) return digits;
  }
}

TEST_CASE("property: HS codes round-trip through every grouping", "[hs][property]") {
  REQUIRE(hs6_list_present());
  std::mt19937 rng(31337);
  for (int i = 0; i < 1500; ++i) {
    const std::string digits = random_hs_code(rng);
    std::string grouped = digits.substr(0, 4) + " " + digits.substr(4, 2) + " " +
                          digits.substr(6, 3) + " " + digits.substr(9, 1);
    std::string dotted = digits.substr(0, 4) + "." + digits.substr(4, 2) + "." +
                         digits.substr(6, 3) + "." + digits.substr(9, 1);
    for (const std::string& text : {digits, grouped, dotted}) {
      CAPTURE(text);
      auto p = parse_hs_code(text);
      REQUIRE(p.ok());
      CHECK(p.value->digits == digits);
      CHECK(p.value->chpl_tier == chpl_tier(digits.substr(0, 6)));
      CHECK(p.repairs.empty());
      CHECK(p.error.empty());
    }
  }
}

// One usual digit confusion in the first six digits that leaves no subheading: the true code
// comes back when it is the one confusion that gives a subheading, and is among the
// alternatives otherwise; the reading is never silently taken as clean.
TEST_CASE("property: a misread HS-6 is settled or reported, never taken as read",
          "[hs][property]") {
  std::mt19937 rng(4242);
  int settled = 0, reported = 0;
  for (int i = 0; i < 800; ++i) {
    const std::string digits = random_hs_code(rng);
    for (const std::string& misread : ocr_digit_variants(digits.substr(0, 6))) {
      if (hs6_known(misread) || misread.substr(0, 2) == "00" || misread.substr(0, 2) == "77" ||
          misread.substr(0, 2) > "97")
        continue;
      CAPTURE(digits, misread);
      auto p = parse_hs_code(misread + digits.substr(6));
      REQUIRE(p.ok());
      if (p.error.empty()) {
        ++settled;
        CHECK(p.value->digits == digits);
        CHECK_FALSE(p.repairs.empty());
        CHECK(p.confidence <= 0.6);
      } else {
        ++reported;
        CHECK(p.value->digits == misread + digits.substr(6));
        CHECK(p.confidence <= 0.4);
        bool listed = false;
        for (const HsCode& alternative : p.alternatives) listed |= alternative.digits == digits;
        CHECK(listed);
      }
    }
  }
  CHECK(settled > 0);
  CHECK(reported > 0);
}

TEST_CASE("property: every ISO country's ICU Russian name maps back to its code",
          "[countries][property]") {
  int checked = 0;
  for (const char* code :
       {"CN", "HK", "AE", "TR", "RU", "US", "DE", "IN", "KZ", "BY", "KR", "JP",
        "IT", "FR", "GB", "VN", "MY", "SG", "TH", "IL", "CH", "NL", "PL", "FI"}) {
    std::string name = country_name_ru(code);
    CAPTURE(code, name);
    REQUIRE_FALSE(name.empty());
    auto p = parse_country(name);
    REQUIRE(p.ok());
    CHECK(*p.value == code);
    CHECK(parse_country_code(code).value == std::string(code));
    CHECK(parse_country(country_alpha3(code)).value == std::string(code));
    ++checked;
  }
  CHECK(checked == 24);
}
