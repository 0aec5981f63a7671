#include "normalizers/dates.h"

#include <array>
#include <cstdio>

#include "normalizers/detail.h"
#include "normalizers/text.h"

namespace declx {

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year % 10000, month % 100, day % 100);
  return buf;
}

bool date_valid(int year, int month, int day) {
  static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int limit = days[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= limit;
}

namespace {

int to_int(std::u32string_view digits) {
  int v = 0;
  for (char32_t c : digits) v = v * 10 + static_cast<int>(c - '0');
  return v;
}

int expand_year(int yy) {
  return yy >= 70 ? 1900 + yy : 2000 + yy;
}

// Month stems (upper case, after homoglyph folding) → month number. Stems cover genitive
// ("марта"), nominative ("март") and the prepositional forms.
int month_from_word(const std::string& folded) {
  static const std::array<const char*, 12> stems = {"ЯНВАР",   "ФЕВРАЛ", "МАРТ",  "АПРЕЛ",
                                                    "МА",      "ИЮН",    "ИЮЛ",   "АВГУСТ",
                                                    "СЕНТЯБР", "ОКТЯБР", "НОЯБР", "ДЕКАБР"};
  for (size_t m = 0; m < stems.size(); ++m) {
    std::string_view stem = stems[m];
    if (folded.compare(0, stem.size(), stem) != 0) continue;
    if (m == 4) {  // МАЙ / МАЯ / МАЕ only, not МАРТ
      if (folded != "МАЙ" && folded != "МАЯ" && folded != "МАЕ") continue;
    }
    // Case endings only: "МАРТА", "ИЮНЬ", "ФЕВРАЛЯ", but not "МАРТОБРЯ".
    std::string_view ending = std::string_view(folded).substr(stem.size());
    if (!ending.empty() && ending != "А" && ending != "Я" && ending != "Ь" && ending != "Е" &&
        ending != "Ю" && ending != "Й")
      continue;
    return static_cast<int>(m) + 1;
  }
  return 0;
}

bool is_sep(char32_t c) {
  return c == '.' || c == '/' || c == '-' || c == ',' || c == ' ' || c == ':' || c == ';' ||
         c == '"' || c == 0xB0;
}

}  // namespace

std::optional<Date> parse_ddmmyy(std::string_view six) {
  if (six.size() != 6) return std::nullopt;
  for (char c : six)
    if (c < '0' || c > '9') return std::nullopt;
  Date d{expand_year((six[4] - '0') * 10 + (six[5] - '0')), (six[2] - '0') * 10 + (six[3] - '0'),
         (six[0] - '0') * 10 + (six[1] - '0')};
  if (!date_valid(d.year, d.month, d.day)) return std::nullopt;
  return d;
}

Parsed<Date> parse_date(std::string_view text) {
  Parsed<Date> result;
  result.raw = std::string(text);
  std::string cleaned = clean_text(text);
  std::u32string chars = detail::decode_utf8(detail::strip_junk(cleaned));
  // Split into tokens at separators.
  std::vector<std::u32string> tokens;
  std::u32string cur;
  std::vector<char32_t> separators;
  for (char32_t c : chars) {
    if (is_sep(c)) {
      if (!cur.empty()) tokens.push_back(cur), cur.clear();
      separators.push_back(c);
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) tokens.push_back(cur);
  // Drop a trailing "г" / "г." / "года".
  bool last_has_letter = false;
  if (!tokens.empty())
    for (char32_t c : tokens.back()) last_has_letter = last_has_letter || !detail::is_digit(c);
  if (last_has_letter) {
    std::string last = fold_for_compare(detail::encode_utf8(tokens.back()));
    if (last == "Г" || last == "ГОДА" || last == "ГОД") tokens.pop_back();
  }
  if (tokens.empty()) {
    result.error = "empty";
    return result;
  }
  // Long form: day, month name, year.
  // Tokens after the year are tolerated when short (OCR reads "г." as "r:", "Е", "5").
  bool long_tail_ok = true;
  for (size_t k = 3; k < tokens.size(); ++k) long_tail_ok = long_tail_ok && tokens[k].size() <= 2;
  bool month_is_word = tokens.size() >= 3 && !tokens[1].empty() && !detail::is_digit(tokens[1][0]);
  if (month_is_word && long_tail_ok) {
    std::string month_word = fold_for_compare(detail::encode_utf8(tokens[1]));
    int month = month_from_word(month_word);
    if (month != 0) {
      if (tokens.size() > 3) result.repairs.push_back("ocr-debris: ignored text after the year");
      std::u32string day = tokens[0], year = tokens[2];
      // A year glued to "г" ("2022г").
      if (year.size() > 4 && (year.back() == U'г' || year.back() == U'Г')) year.pop_back();
      if (!detail::repair_digits(day, result.repairs) ||
          !detail::repair_digits(year, result.repairs) || day.size() > 2 ||
          (year.size() != 4 && year.size() != 2)) {
        result.error = "bad day or year";
        return result;
      }
      Date d{year.size() == 4 ? to_int(year) : expand_year(to_int(year)), month, to_int(day)};
      if (!date_valid(d.year, d.month, d.day)) {
        result.error = "invalid date " + d.iso();
        return result;
      }
      result.value = d;
      result.confidence = result.repairs.empty() ? 1.0 : 0.8;
      return result;
    }
  }
  for (auto& t : tokens) {
    if (!detail::repair_digits(t, result.repairs)) {
      result.error = "not a date";
      result.repairs.clear();
      return result;
    }
  }
  Date d;
  if (tokens.size() == 1 && (tokens[0].size() == 6 || tokens[0].size() == 8)) {
    const auto& t = tokens[0];
    d.day = to_int(t.substr(0, 2));
    d.month = to_int(t.substr(2, 2));
    d.year = t.size() == 8 ? to_int(t.substr(4, 4)) : expand_year(to_int(t.substr(4, 2)));
  } else if (tokens.size() == 3 && tokens[0].size() == 4 && tokens[1].size() <= 2 &&
             tokens[2].size() <= 2) {
    d.year = to_int(tokens[0]);
    d.month = to_int(tokens[1]);
    d.day = to_int(tokens[2]);
  } else if (tokens.size() == 3 && tokens[0].size() <= 2 && tokens[1].size() <= 2 &&
             (tokens[2].size() == 4 || tokens[2].size() == 2)) {
    d.day = to_int(tokens[0]);
    d.month = to_int(tokens[1]);
    d.year = tokens[2].size() == 4 ? to_int(tokens[2]) : expand_year(to_int(tokens[2]));
  } else {
    result.error = "not a date";
    result.repairs.clear();
    return result;
  }
  if (!date_valid(d.year, d.month, d.day)) {
    result.error = "invalid date " + d.iso();
    return result;
  }
  result.value = d;
  result.confidence = result.repairs.empty() ? 1.0 : 0.8;
  return result;
}

}  // namespace declx
