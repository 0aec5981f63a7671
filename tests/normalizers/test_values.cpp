// Numbers, dates, registration numbers and commodity codes: clean and damaged inputs.
#include <catch2/catch.hpp>

#include <string>

#include "normalizers/dates.h"
#include "normalizers/hs_code.h"
#include "normalizers/numbers.h"
#include "normalizers/registration_number.h"

using namespace declx;

TEST_CASE("parse_number reads every printed form", "[numbers]") {
  auto [input, expected, repaired] = GENERATE(table<std::string, double, bool>({
      {"1 250,500", 1250.5, false},
      {"1250.500", 1250.5, false},
      {"12158.00", 12158.0, false},
      {"141.192000", 141.192, false},
      {"1\u00A0250,500", 1250.5, false},
      {"1\u202F250,500", 1250.5, false},
      {"1 000 000", 1000000.0, false},
      {"1,250,000.50", 1250000.5, false},
      {"1.250.000,50", 1250000.5, false},
      {"1.250.000", 1250000.0, false},
      {"0,5", 0.5, false},
      {"7", 7.0, false},
      {"-3,25", -3.25, false},
      {"36 805,17", 36805.17, false},
      {"1 25O,5", 1250.5, true},
      {"l2158.00", 12158.0, true},
      {"З4б", 346.0, true},
      {"1O0", 100.0, true},
      {"8B,5", 88.5, true},
  }));
  CAPTURE(input);
  auto p = parse_number(input);
  REQUIRE(p.ok());
  CHECK(*p.value == Approx(expected));
  CHECK(p.repairs.empty() == !repaired);
  CHECK(p.confidence == (repaired ? Approx(0.8) : Approx(1.0)));
}

TEST_CASE("parse_number refuses what is not one number", "[numbers]") {
  auto input = GENERATE(as<std::string>{}, "", "abc", "12 34", "1,2,3.4.5", "1 2345", "1.2.3,4,5",
                        "ООО", "12-34", "1 250 ,5 0", "ДВА", "1e5", "12 34 56");
  CAPTURE(input);
  auto p = parse_number(input);
  CHECK_FALSE(p.ok());
  CHECK_FALSE(p.error.empty());
}

TEST_CASE("parse_date reads numeric and long forms", "[dates]") {
  auto [input, iso] = GENERATE(table<std::string, std::string>({
      {"15.03.2022", "2022-03-15"},
      {"15.03.22", "2022-03-15"},
      {"150322", "2022-03-15"},
      {"15032022", "2022-03-15"},
      {"2022-03-15", "2022-03-15"},
      {"15/03/2022", "2022-03-15"},
      {"5.3.2022", "2022-03-05"},
      {"29.02.2024", "2024-02-29"},
      {"31.12.99", "1999-12-31"},
      {"15 марта 2022 г.", "2022-03-15"},
      {"15 МАРТА 2022 Г.", "2022-03-15"},
      {"1 января 2023", "2023-01-01"},
      {"28 февраля 2023 года", "2023-02-28"},
      {"3 апреля 2021 г", "2021-04-03"},
      {"9 мая 2020г.", "2020-05-09"},
      {"10 июня 2020", "2020-06-10"},
      {"10 июля 2020", "2020-07-10"},
      {"31 августа 2020", "2020-08-31"},
      {"30 сентября 2020", "2020-09-30"},
      {"31 октября 2020", "2020-10-31"},
      {"30 ноября 2020", "2020-11-30"},
      {"31 декабря 2020", "2020-12-31"},
      {"1 май 2020", "2020-05-01"},
      {"15 март 2022", "2022-03-15"},
  }));
  CAPTURE(input);
  auto p = parse_date(input);
  REQUIRE(p.ok());
  CHECK(p.value->iso() == iso);
}

TEST_CASE("parse_date validates the calendar", "[dates]") {
  auto input = GENERATE(as<std::string>{}, "31.02.2022", "29.02.2023", "00.01.2022", "15.13.2022",
                        "32.01.2022", "310422", "15 мартобря 2022", "2022-02-30", "", "15.03",
                        "15.03.202", "1.1.1800", "ДАТА", "15 марта", "12345");
  CAPTURE(input);
  CHECK_FALSE(parse_date(input).ok());
}

TEST_CASE("registration numbers are read with OCR damage repaired and reported", "[regnum]") {
  auto [input, canonical, repaired] = GENERATE(table<std::string, std::string, bool>({
      {"10005030/150322/0123456", "10005030/150322/0123456", false},
      {"10702070/010121/0004567", "10702070/010121/0004567", false},
      {"10216170/050722/Э001234", "10216170/050722/Э001234", false},
      {"11201/020322/0000123", "11201/020322/0000123", false},  // 5-digit office (BY)
      {"05/020322/0000123", "05/020322/0000123", false},        // 2-digit office (AM)
      {"10005030/150322/12", "10005030/150322/12", false},
      {"10005030 / 150322 / 0123456", "10005030/150322/0123456", true},
      {"10005030I150322I0123456", "10005030/150322/0123456", true},
      {"100050301150322l0123456", "10005030/150322/0123456", true},
      {"10005030|150322|0123456", "10005030/150322/0123456", true},
      {"1OOO5O3O/150322/0123456", "10005030/150322/0123456", true},
      {"№ 10005030/150322/0123456", "10005030/150322/0123456", false},
      {"10005030/150322/0123456.", "10005030/150322/0123456", false},
      // the first slash lost on a fax: office and date have fixed lengths, the date is valid
      {"10130090060922/0806572", "10130090/060922/0806572", true},
  }));
  CAPTURE(input);
  auto p = parse_registration_number(input);
  REQUIRE(p.ok());
  CHECK(p.value->canonical() == canonical);
  CHECK(p.repairs.empty() == !repaired);
  CHECK(p.raw == input);
}

TEST_CASE("registration number date and shape are validated", "[regnum]") {
  auto input = GENERATE(as<std::string>{}, "10005030/310222/0123456", "10005030/150322/01234567",
                        "1000503/150322/0123456", "10005030/1503/0123456", "10005030/150322/",
                        // both slashes lost, or the second: the serial's length is unknown
                        "100050301503220123456", "10005030/1503220123456",
                        // the first lost before a date that is none
                        "10005030310222/0123456",
                        "ДТ 10005030/150322/0123456 и 10005030/160322/0123457", "просто текст");
  CAPTURE(input);
  CHECK_FALSE(parse_registration_number(input).ok());
}

TEST_CASE("find_registration_numbers scans a page", "[regnum]") {
  std::string page =
      "ДЕКЛАРАЦИЯ НА ТОВАРЫ A 10005030/150322/0123456 ... 40 Общая декларация/предшествующий "
      "документ 10005020/010322/0012345 ИНН 7707083893 от 15.03.2022";
  auto found = find_registration_numbers(page);
  REQUIRE(found.size() == 2);
  CHECK(found[0].value->canonical() == "10005030/150322/0123456");
  CHECK(found[1].value->canonical() == "10005020/010322/0012345");
  CHECK(found[0].value->date.iso() == "2022-03-15");
  CHECK(find_registration_numbers("7707083893 1234567890123").empty());
}

TEST_CASE("parse_hs_code takes every grouping to 10 digits", "[hs]") {
  auto [input, digits, tier, repaired] =
      GENERATE(table<std::string, std::string, std::string, bool>({
          {"8529109000", "8529109000", "3.A", false},
          {"8529 10 900 0", "8529109000", "3.A", false},
          {"8529.10.900.0", "8529109000", "3.A", false},
          {"8529 10 9000", "8529109000", "3.A", true},
          {"8529-10-900-0", "8529109000", "3.A", false},
          {"8529109000 ", "8529109000", "3.A", false},
          {"8542 31 000 1", "8542310001", "1", false},
          {"8517 62 000 9", "8517620009", "2", false},
          {"9013 80 900 0", "9013809000", "3.B", false},
          {"8471 80 000 0", "8471800000", "4.A", false},
          {"8457 10 100 0", "8457101000", "4.B", false},
          {"0101 21 000 0", "0101210000", "", false},
          {"8529 109000", "8529109000", "3.A", true},
          {"8529 10900 0", "8529109000", "3.A", true},
          {"85291O9OOO", "8529109000", "3.A", true},
          {"8S29 10 900 0", "8529109000", "3.A", true},
          // a stray digit before the heading of the grouped form (tuning dt0013, 200 dpi)
          {"18482. 10.009.0", "8482100090", "3.B", true},
      }));
  CAPTURE(input);
  auto p = parse_hs_code(input);
  REQUIRE(p.ok());
  CHECK(p.value->digits == digits);
  CHECK(p.value->hs6() == digits.substr(0, 6));
  CHECK(p.value->chpl_tier == tier);
  CHECK(p.repairs.empty() == !repaired);
}

TEST_CASE("parse_hs_code rejects wrong lengths and chapters", "[hs]") {
  auto input = GENERATE(as<std::string>{}, "852910900", "85291090001", "7707 10 000 0",
                        "18482 10 009 00", "184821 0 009 0", "0001 00 000 0", "9801 00 000 0",
                        "9900 00 000 0", "", "КОД ТОВАРА");
  CAPTURE(input);
  auto p = parse_hs_code(input);
  CHECK_FALSE(p.ok());
  CHECK_FALSE(p.error.empty());
}

TEST_CASE("parse_hs_code settles a first six digits that are no HS 2022 subheading", "[hs]") {
  // Fax readings of the tuning corpus: 9030 read 9630, 8534 read 8554, 4011 10 read 4011 19.
  auto [input, digits] = GENERATE(table<std::string, std::string>({
      {"9630320009", "9030320009"},
      {"8554001900", "8534001900"},
      {"4011.19.000.3", "4011100003"},
  }));
  CAPTURE(input);
  auto p = parse_hs_code(input);
  REQUIRE(p.ok());
  CHECK(p.value->digits == digits);
  CHECK(p.error.empty());
  REQUIRE_FALSE(p.repairs.empty());
  CHECK(p.repairs.back().find("no HS 2022 subheading") != std::string::npos);
  CHECK(p.confidence <= 0.6);
}

TEST_CASE("parse_hs_code keeps an unknown subheading it cannot settle, and says so", "[hs]") {
  // 848219: 848210, 840219 and 846219 are each one confusion away; 893224: none is.
  auto p = parse_hs_code("8482190090");
  REQUIRE(p.ok());
  CHECK(p.value->digits == "8482190090");
  CHECK(p.error.find("848219 is no HS 2022 subheading") != std::string::npos);
  CHECK(p.alternatives.size() == 3);
  CHECK(p.confidence <= 0.4);
  auto none = parse_hs_code("8932240000");
  REQUIRE(none.ok());
  CHECK(none.value->digits == "8932240000");
  CHECK_FALSE(none.error.empty());
  CHECK(none.alternatives.empty());
}

TEST_CASE("hs6.tsv holds every subheading the CHPL names, and no reserved chapter", "[hs]") {
  REQUIRE(hs6_list_present());
  for (const char* code :
       {"854231", "854232", "854233", "854239", "851762", "852691", "853221", "853224", "854800",
        "847150", "852910", "880730", "901380", "903082", "846693", "847130", "010121", "970610"})
    CHECK(hs6_known(code));
  for (const char* code : {"963032", "855400", "770000", "980100", "999999", "854240"})
    CHECK_FALSE(hs6_known(code));
}

TEST_CASE("chpl_tier covers every tier of the list", "[hs]") {
  CHECK(chpl_tier("854231") == "1");
  CHECK(chpl_tier("854800") == "2");
  CHECK(chpl_tier("852910") == "3.A");
  CHECK(chpl_tier("880730") == "3.B");
  CHECK(chpl_tier("903082") == "4.A");
  CHECK(chpl_tier("846693") == "4.B");
  CHECK(chpl_tier("847130") == "");
  CHECK(chpl_tier("8529109000") == "3.A");  // longer codes use their HS-6
}
