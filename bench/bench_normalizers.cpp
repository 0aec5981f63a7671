// Normalizer throughput: text cleanup in MB/s on Russian declaration text and typed parses per
// second, single thread. Targets (issue 3): ≥ 20 MB/s cleanup, ≥ 1M parses/s per core.
//   build-*/bench/bench_normalizers [seconds-per-measurement]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "normalizers/countries.h"
#include "normalizers/currency.h"
#include "normalizers/dates.h"
#include "normalizers/hs_code.h"
#include "normalizers/identifiers.h"
#include "normalizers/numbers.h"
#include "normalizers/org_name.h"
#include "normalizers/registration_number.h"
#include "normalizers/text.h"

using namespace declx;
using Clock = std::chrono::steady_clock;

namespace {

double g_seconds = 1.0;
size_t g_sink = 0;  // keeps results alive so the optimiser cannot drop the work

// Lines as OCR/PDF text of a declaration looks: capitals, NBSP, guillemets, dashes, numbers.
std::vector<std::string> russian_lines() {
  const char* const templates[] = {
      "8 Получатель ООО «РАДИОКОМПЛЕКТ» 123456, Г.\u00A0МОСКВА, УЛ. ЛЕНИНА, Д.\u00A05",
      "31 АНТЕННА ДЛЯ РЛС — ИЗДЕЛИЕ 96Л6Е, ПРОИЗВОДИТЕЛЬ: АО \"КОНЦЕРН ВКО \"АЛМАЗ-АНТЕЙ\"",
      "ТОВАРНЫЙ ЗНАК ОТСУТСТВУЕТ, МОДЕЛЬ НЕ УКАЗАНА, КОЛ-ВО 363\u00A0ШТ (796)",
      "44 КОНТРАКТ № 12/2022 ОТ 15.03.2022, ИНВОЙС № 345 ОТ 01.04.2022",
      "2 Отправитель/Экспортер SHENZHEN HUAXIN TECHNOLOGY CO., LTD КИТАЙ, ШЭНЬЧЖЭНЬ",
      "Общая таможенная стоимость 1\u202F250\u202F500,00 РУБ — курс 82,3456",
      "ГРАЖДАНСКОГО НАЗНАЧЕНИЯ, НЕ ВОЕННОГО НАЗНАЧЕНИЯ, НЕ ЛОМ ЭЛЕКТРООБОРУДОВАНИЯ",
      "\u201EПРОИЗ\u00ADВОДИТЕЛЬ\u201C: ООО «ЗАВОД\u2009ЭЛЕКТРОН»\tТОВ.ЗНАК: ОТСУТСТВУЕТ",
  };
  std::vector<std::string> lines;
  for (int i = 0; i < 4000; ++i) lines.push_back(templates[i % 8]);
  return lines;
}

// Runs fn over inputs repeatedly for g_seconds; returns calls per second.
template <class Fn>
double per_second(const std::vector<std::string>& inputs, Fn fn, size_t* bytes = nullptr) {
  size_t calls = 0, total_bytes = 0;
  auto start = Clock::now();
  double elapsed = 0;
  do {
    for (const std::string& s : inputs) {
      fn(s);
      total_bytes += s.size();
    }
    calls += inputs.size();
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < g_seconds);
  if (bytes) *bytes = static_cast<size_t>(total_bytes / elapsed);
  return calls / elapsed;
}

void report_text(const char* name, const std::vector<std::string>& lines,
                 const std::function<std::string(std::string_view)>& fn) {
  size_t bytes_per_second = 0;
  double lines_per_second = per_second(
      lines, [&](const std::string& s) { g_sink += fn(s).size(); }, &bytes_per_second);
  std::printf("%-28s %8.1f MB/s  %10.0f lines/s\n", name, bytes_per_second / 1e6, lines_per_second);
}

template <class Parser>
void report_parse(const char* name, const std::vector<std::string>& inputs, Parser parse) {
  double rate = per_second(inputs, [&](const std::string& s) { g_sink += parse(s).ok(); });
  std::printf("%-28s %10.0f parses/s%s\n", name, rate, rate >= 1e6 ? "" : "  (< 1M target)");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1) g_seconds = std::atof(argv[1]);
  std::mt19937 rng(1);
  auto digits = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + rng() % 10));
    return s;
  };

  std::vector<std::string> lines = russian_lines();
  std::vector<std::string> ascii_lines;
  for (int i = 0; i < 4000; ++i)
    ascii_lines.push_back("SHENZHEN HUAXIN TECHNOLOGY CO., LTD  8529 10 900 0  " + digits(10));
  std::string block;
  for (const auto& l : lines) block += l + "\n";
  std::vector<std::string> blocks(4, block);

  std::printf("normalizers benchmark, one thread, %.1f s per measurement\n", g_seconds);
  report_text("clean_text (Russian lines)", lines,
              [](std::string_view s) { return clean_text(s); });
  report_text("clean_text (Russian 1 MB)", blocks,
              [](std::string_view s) { return clean_text(s); });
  report_text("clean_text (ASCII lines)", ascii_lines,
              [](std::string_view s) { return clean_text(s); });
  report_text("fold_for_compare (Russian)", lines,
              [](std::string_view s) { return fold_for_compare(s); });

  std::vector<std::string> inns, numbers, dates, hs, regs, codes, currencies, ogrns, names;
  for (int i = 0; i < 2000; ++i) {
    std::string inn = digits(9);
    int sum = 0;
    const int w[] = {2, 4, 10, 3, 5, 9, 4, 6, 8};
    for (int k = 0; k < 9; ++k) sum += w[k] * (inn[k] - '0');
    inns.push_back(inn + static_cast<char>('0' + sum % 11 % 10));
    ogrns.push_back("1" + digits(12));
    numbers.push_back(i % 2 ? digits(1 + i % 6) + "." + digits(3)
                            : "1 " + digits(3) + "," + digits(2));
    dates.push_back(std::to_string(1 + i % 28) + "." + (i % 12 < 9 ? "0" : "") +
                    std::to_string(1 + i % 12) + ".20" + std::to_string(10 + i % 20));
    hs.push_back(std::to_string(10 + i % 80) + digits(2) + " " + digits(2) + " " + digits(3) + " " +
                 digits(1));
    regs.push_back(digits(8) + "/" + dates.back().substr(0, 2) + "0" + std::to_string(1 + i % 9) +
                   "22/" + digits(7));
    codes.push_back(i % 3 == 0 ? "CN" : (i % 3 == 1 ? "RU" : "НК"));
    currencies.push_back(i % 2 ? "USD" : "CNY");
    names.push_back(i % 2 ? "АО \"КОНЦЕРН ВКО \"АЛМАЗ-АНТЕЙ\"" : "SHENZHEN HUAXIN CO., LTD");
  }
  report_parse("parse_inn", inns, [](const std::string& s) { return parse_inn(s); });
  report_parse("parse_ogrn (mostly invalid)", ogrns,
               [](const std::string& s) { return parse_ogrn(s); });
  report_parse("parse_number", numbers, [](const std::string& s) { return parse_number(s); });
  report_parse("parse_date", dates, [](const std::string& s) { return parse_date(s); });
  report_parse("parse_hs_code", hs, [](const std::string& s) { return parse_hs_code(s); });
  report_parse("parse_registration_number", regs,
               [](const std::string& s) { return parse_registration_number(s); });
  report_parse("parse_country_code", codes,
               [](const std::string& s) { return parse_country_code(s); });
  report_parse("parse_currency", currencies,
               [](const std::string& s) { return parse_currency(s); });
  report_parse("parse_org_name", names, [](const std::string& s) { return parse_org_name(s); });
  std::printf("(sink %zu)\n", g_sink);
  return 0;
}
