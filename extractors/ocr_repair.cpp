#include "extractors/ocr_repair.h"

#include <cstring>
#include <map>
#include <set>
#include <sstream>

#include "extractors/patterns.h"
#include "normalizers/script.h"

namespace declx {

std::string repair_ocr_text(std::string_view text, std::vector<std::string>& repairs,
                            bool legal_form_first) {
  std::stringstream in{std::string(text)};
  std::string token, out;
  bool first = true;
  while (in >> token) {
    std::u32string wide = to_u32(token);
    bool has_alnum = false;
    for (char32_t c : wide)
      has_alnum |= (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') ||
                   (c >= U'a' && c <= U'z') || (c >= U'А' && c <= U'я') || c == U'Ё' || c == U'ё';
    if (!has_alnum && token.find_first_not_of("_|~=") == std::string::npos) {
      repairs.push_back("ocr: dropped '" + token + "'");
      continue;
    }
    if (first && legal_form_first) {
      // In a Russian name (Cyrillic letters after the first word) a fax or scan also reads О
      // as G, D, б or 9 and П as N ("AG", "Аб", "NAO", "900"); a foreign name ("AD TRADING")
      // keeps its first word.
      const std::u32string after = to_u32(text.substr(std::min(text.size(), token.size())));
      const bool russian_name = std::any_of(after.begin(), after.end(), [](char32_t c) {
        return (c >= U'А' && c <= U'я') || c == U'Ё' || c == U'ё';
      });
      std::u32string letters = wide;
      for (char32_t& c : letters)
        if (c == U'0' || c == U'Q' || c == U'O')
          c = U'О';
        else if (c == U'A')
          c = U'А';
        else if (russian_name && (c == U'G' || c == U'D' || c == U'б' || c == U'9'))
          c = U'О';
        else if (russian_name && c == U'N')
          c = U'П';
      static const std::u32string forms[] = {U"ООО", U"ОАО", U"АО", U"ПАО", U"ЗАО", U"НАО"};
      for (const auto& form : forms)
        if (letters == form && letters != wide) {
          repairs.push_back("ocr-letter: " + token + "→" + to_utf8(form));
          wide = letters;
        }
    }
    // word-final Й read as И; punctuation may follow the word
    size_t end = wide.size();
    while (end > 0 && (wide[end - 1] == U',' || wide[end - 1] == U'.' || wide[end - 1] == U';' ||
                       wide[end - 1] == U':' || wide[end - 1] == U')' || wide[end - 1] == U'\"'))
      --end;
    if (end >= 3 && (wide[end - 1] == U'И' || wide[end - 1] == U'и')) {
      char32_t before = wide[end - 2];
      if (before == U'Ы' || before == U'О' || before == U'А' || before == U'ы' || before == U'о' ||
          before == U'а') {
        std::string old = to_utf8(wide);
        wide[end - 1] = wide[end - 1] == U'И' ? U'Й' : U'й';
        repairs.push_back("ocr-letter: " + old + "→" + to_utf8(wide));
      }
    }
    // Й read as И before the adjective suffix -Н-: "МНОГОСЛОИНЫЕ", "ДИСПЛЕИНЫЕ", "ЛИНЕИНАЯ".
    // After О, Е or А, "ИН" with an adjective ending (ЫЕ ЫЙ ЫХ ЫМ ЫМИ АЯ ОЕ ОГО ОМУ УЮ) ends
    // no Russian word; nouns in -ИНОЙ, -ИНА (ГЕРОИНОЙ) are left alone.
    {
      static const std::u32string kEndings[] = {U"ЫЕ", U"ЫЙ", U"ЫХ",  U"ЫМ",  U"ЫМИ",
                                                U"АЯ", U"ОЕ", U"ОГО", U"ОМУ", U"УЮ"};
      for (const auto& ending : kEndings) {
        size_t at = end >= ending.size() + 4 ? end - ending.size() - 3 : std::u32string::npos;
        if (at == std::u32string::npos || wide.compare(at + 3, ending.size(), ending) != 0 ||
            wide[at + 1] != U'И' || wide[at + 2] != U'Н' ||
            (wide[at] != U'О' && wide[at] != U'Е' && wide[at] != U'А'))
          continue;
        std::string old = to_utf8(wide);
        wide[at + 1] = U'Й';
        repairs.push_back("ocr-letter: " + old + "→" + to_utf8(wide));
        break;
      }
    }
    // doubled punctuation at the end of a word
    while (wide.size() >= 2 && wide.back() == wide[wide.size() - 2] &&
           (wide.back() == U'.' || wide.back() == U',')) {
      repairs.push_back("ocr: doubled '" + to_utf8(std::u32string(1, wide.back())) + "'");
      wide.pop_back();
    }
    if (wide.size() >= 2 && wide[wide.size() - 2] == U'.' && wide.back() == U'.') wide.pop_back();
    if (!out.empty()) out += ' ';
    out += to_utf8(wide);
    first = false;
  }
  return out;
}

std::string settle_braces(std::string_view text, std::vector<std::string>& repairs) {
  std::string out(text);
  for (size_t at = 0; at < out.size(); ++at) {
    if (out[at] != '{' && out[at] != '}') continue;
    const bool opens = out[at] == '{' && (at == 0 || out[at - 1] == ' ') && at + 1 < out.size() &&
                       out[at + 1] != ' ';
    const bool closes = out[at] == '}' && at > 0 && out[at - 1] != ' ' &&
                        (at + 1 == out.size() || std::strchr(" ,.;:", out[at + 1]));
    if (!opens && !closes) continue;
    size_t begin = out.rfind(' ', at);
    begin = begin == std::string::npos ? 0 : begin + 1;
    const size_t end = std::min(out.find(' ', at), out.size());
    const std::string before = out.substr(begin, end - begin);
    out[at] = opens ? '(' : ')';
    repairs.push_back("ocr: '" + before + "' → '" + out.substr(begin, end - begin) +
                      "' (a brace read for a parenthesis)");
  }
  return out;
}

std::string drop_stray_marks(std::string_view text, std::vector<std::string>& repairs) {
  // In text printed in capitals (nine letters in ten upper case), a lone lower-case letter is
  // a speck ("РАДИОЛОКАЦИОННОЙ: д МОДУЛИ"); Russian one-letter words are printed as capitals.
  size_t upper = 0, lower = 0;
  for (char32_t c : to_u32(text)) {
    upper += (c >= U'А' && c <= U'Я') || (c >= U'A' && c <= U'Z');
    lower += (c >= U'а' && c <= U'я') || (c >= U'a' && c <= U'z');
  }
  const bool capitals = upper >= 20 && lower * 10 <= upper + lower;
  const LetterCounts letters = count_letters(to_u32(text));
  std::vector<std::string> tokens;
  {
    std::stringstream in{std::string(text)};
    for (std::string token; in >> token;) tokens.push_back(token);
  }
  auto lower_case = [](const std::u32string& word) {
    for (char32_t c : word)
      if (!((c >= U'а' && c <= U'я') || (c >= U'a' && c <= U'z'))) return false;
    return !word.empty();
  };
  std::string out;
  bool after_number = false;  // the token before holds a digit: units ("30 мм") follow it
  for (size_t t = 0; t < tokens.size(); ++t) {
    std::string token = tokens[t];
    std::u32string wide = to_u32(token);
    const bool unit_place = after_number;
    after_number = token.find_first_of("0123456789") != std::string::npos;
    // (not the one-letter words а в и к о с у я, nor their Latin look-alikes: "ЧАСТИ и ...",
    // unless it ends the text: no one-letter word ends a description)
    static const std::u32string kWords = U"авикосуяacoyk";
    const bool last = t + 1 == tokens.size();
    if (capitals && wide.size() == 1 && lower_case(wide) && !unit_place &&
        (kWords.find(wide[0]) == std::u32string::npos || last)) {
      repairs.push_back("ocr: dropped stray '" + token + "'");
      continue;
    }
    // Two lower-case Latin letters amid Cyrillic capitals ("ЗАГЛУШКИ, ae", "В be РАМКАХ") are
    // a speck, unless they read as a Russian two-letter word in look-alikes ("no" for ПО, n
    // for п) or follow a number (a unit).
    if (capitals && letters.cyrillic > letters.latin && wide.size() == 2 && lower_case(wide) &&
        wide[0] < 0x80 && wide[1] < 0x80 && !unit_place) {
      static const std::map<char32_t, char32_t> kLower = {
          {U'a', U'А'}, {U'c', U'С'}, {U'e', U'Е'}, {U'k', U'К'}, {U'n', U'П'},
          {U'o', U'О'}, {U'p', U'Р'}, {U'u', U'И'}, {U'x', U'Х'}, {U'y', U'У'}};
      static const std::set<std::u32string> kTwoLetterWords = {
          U"ПО", U"НА", U"ИЗ", U"ДО", U"ОТ", U"ЗА", U"НЕ", U"СО", U"КО", U"ОБ", U"ВО", U"ИХ"};
      std::u32string cyrillic;
      for (char32_t c : wide)
        if (auto it = kLower.find(c); it != kLower.end()) cyrillic += it->second;
      if (cyrillic.size() == 2 && kTwoLetterWords.count(cyrillic)) {
        repairs.push_back("ocr-letter: " + token + "→" + to_utf8(cyrillic) +
                          " (lower-case Latin look-alikes in capitals)");
        token = to_utf8(cyrillic);
      } else {
        repairs.push_back("ocr: dropped stray '" + token + "'");
        continue;
      }
    }
    // a lone low quote after a word is its comma, set low and apart ("GAN ‚ ДЛЯ")
    if (token == "‚" && !out.empty() && out.back() != ',' && out.back() != ';' &&
        out.back() != '.' && out.back() != ':') {
      repairs.push_back("ocr: lone '‚' read for the comma of the word before it");
      out += ',';
      continue;
    }
    // A dash glued before the contract id after ИГК ("ИГК -2213727035819561872000000"): the
    // id is a number of 20 or 25 digits, never negative.
    if (t > 0 && (tokens[t - 1] == "ИГК" || tokens[t - 1] == "ИГК:") && token.size() >= 21 &&
        token[0] == '-' && token.find_first_not_of("0123456789", 1) >= 21) {
      repairs.push_back("ocr: dropped '-' glued before the contract id " + token.substr(1));
      token.erase(0, 1);
    }
    // '!' before a mark ("ПРИБОРОВ!:"): goods descriptions hold no exclamation
    for (size_t at; (at = token.find('!')) != std::string::npos && at + 1 < token.size() &&
                    std::strchr(":;,.", token[at + 1]);) {
      repairs.push_back("ocr: dropped '!' in '" + token + "'");
      token.erase(at, 1);
    }
    if (token == "©") {
      repairs.push_back("ocr-letter: ©→С");
      token = "С";
    }
    static const std::string marks[] = {":", ";", "‘", "’", "`", "'", "\"", "„", "“", "”", "‚",
                                        "^", "~", "*", "°", "•", "«", "»",  ",", ".", "[", "]"};
    bool stray = false;
    for (const auto& mark : marks) stray |= token == mark;
    if (stray) {
      repairs.push_back("ocr: dropped stray '" + token + "'");
      continue;
    }
    if (!out.empty()) out += ' ';
    out += token;
  }
  // a comma left at the end by a dropped speck after it ("ФИКСАТОРЫ, ae")
  if (!out.empty() && out.back() == ',' && !tokens.empty() && tokens.back() != "," &&
      out.size() < std::string(text).size()) {
    std::string last = tokens.back();
    if (last.back() != ',') out.pop_back();
  }
  return out;
}

std::string cyrillize_lookalike_words(std::string_view text, std::vector<std::string>& repairs) {
  std::u32string wide = to_u32(text);
  const LetterCounts letters = count_letters(wide);
  if (letters.cyrillic < letters.latin) return std::string(text);
  static const std::map<char32_t, char32_t> single = {
      {U'A', U'А'}, {U'B', U'В'}, {U'C', U'С'}, {U'E', U'Е'}, {U'H', U'Н'}, {U'K', U'К'},
      {U'M', U'М'}, {U'O', U'О'}, {U'P', U'Р'}, {U'T', U'Т'}, {U'X', U'Х'}, {U'Y', U'У'},
      {U'3', U'З'}, {U'U', U'И'}, {U'b', U'Ь'}, {U'0', U'О'}};
  std::stringstream in{std::string(text)};
  std::string token, out;
  while (in >> token) {
    std::u32string word = to_u32(token);
    size_t begin = 0, end = word.size();
    auto is_punct = [](char32_t c) {
      return c == U',' || c == U'.' || c == U';' || c == U':' || c == U'(' || c == U')' ||
             c == U'"' || c == U'-';
    };
    while (begin < end && is_punct(word[begin])) ++begin;
    while (end > begin && is_punct(word[end - 1])) --end;
    std::u32string core = word.substr(begin, end - begin);
    bool tell = core.find(U'U') != std::u32string::npos ||
                core.find(U"bI") != std::u32string::npos ||
                core.find(U"JI") != std::u32string::npos || core.find(U'b') != std::u32string::npos;
    for (size_t i = 1; i + 1 < core.size(); ++i)
      tell |= core[i] == U'3' && core[i - 1] > U'9' && core[i + 1] > U'9';
    std::u32string mapped;
    bool ok = core.size() >= 4 && tell;
    for (size_t i = 0; ok && i < core.size(); ++i) {
      if (core.compare(i, 2, U"bI") == 0) {
        mapped += U'Ы', ++i;
      } else if (core.compare(i, 2, U"JI") == 0) {
        mapped += U'Л', ++i;
      } else if (auto it = single.find(core[i]); it != single.end()) {
        mapped += it->second;
      } else {
        ok = false;
      }
    }
    if (ok) {
      std::string repaired = to_utf8(word.substr(0, begin) + mapped + word.substr(end));
      repairs.push_back("script: Latin look-alikes " + token + "→" + repaired);
      token = repaired;
    }
    if (!out.empty()) out += ' ';
    out += token;
  }
  return out;
}

namespace {

// What a character OCR read may have been printed as in a Latin term: look-alikes (kept by
// the scorer and the reader alike) and confusions that are no look-alike.
struct TermReading {
  std::u32string lookalike;  // the same shape
  std::u32string confused;   // another letter OCR read as this one
};

const TermReading* term_reading(char32_t c) {
  static const std::map<char32_t, TermReading> readings = {
      {U'А', {U"A", U""}},  {U'В', {U"B", U""}}, {U'Е', {U"E", U"F"}}, {U'К', {U"K", U""}},
      {U'М', {U"M", U"N"}}, {U'Н', {U"H", U""}}, {U'О', {U"O", U"D"}}, {U'Р', {U"P", U""}},
      {U'С', {U"C", U"G"}}, {U'Т', {U"T", U""}}, {U'Х', {U"X", U""}},  {U'И', {U"", U"N"}},
      {U'З', {U"", U"S"}},  {U'б', {U"", U"G"}}, {U'0', {U"", U"OD"}}, {U'5', {U"", U"S"}},
      {U'1', {U"", U"I"}},  {U'І', {U"I", U""}}, {U'/', {U"/", U""}},  {U'-', {U"-", U""}}};
  auto it = readings.find(c);
  return it == readings.end() ? nullptr : &it->second;
}

// Latin spellings of `core` (confusions undone in every combination) that are a term.
void term_spellings(const std::u32string& core, size_t at, std::u32string& spelled, bool confused,
                    const RE2& terms, std::set<std::u32string>& found) {
  if (at == core.size()) {
    if (confused && RE2::FullMatch(to_utf8(spelled), terms)) found.insert(spelled);
    return;
  }
  char32_t c = core[at];
  if (c >= U'A' && c <= U'Z') {
    spelled.push_back(c);
    term_spellings(core, at + 1, spelled, confused, terms, found);
    spelled.pop_back();
    return;
  }
  const TermReading* reading = term_reading(c);
  if (!reading) return;
  for (char32_t printed : reading->lookalike) {
    spelled.push_back(printed);
    term_spellings(core, at + 1, spelled, confused, terms, found);
    spelled.pop_back();
  }
  for (char32_t printed : reading->confused) {
    spelled.push_back(printed);
    term_spellings(core, at + 1, spelled, true, terms, found);
    spelled.pop_back();
  }
}

}  // namespace

std::string latinize_technical_terms(std::string_view text, const PatternData& patterns,
                                     std::vector<std::string>& repairs) {
  auto terms = patterns.fields.find("latin_term");
  if (terms == patterns.fields.end()) return std::string(text);
  auto words = patterns.fields.find("latin_term_word");
  const LetterCounts letters = count_letters(to_u32(text));
  if (letters.cyrillic <= letters.latin) return std::string(text);
  std::vector<std::string> tokens;
  {
    std::stringstream in{std::string(text)};
    for (std::string token; in >> token;) tokens.push_back(token);
  }
  static const std::u32string kOpen = U"(«\"„“", kClose = U"),.;:»\"“”";
  std::string out;
  for (size_t t = 0; t < tokens.size(); ++t) {
    std::string token = tokens[t];
    std::u32string wide = to_u32(token);
    size_t begin = 0, end = wide.size();
    while (begin < end && kOpen.find(wide[begin]) != std::u32string::npos) ++begin;
    while (end > begin && kClose.find(wide[end - 1]) != std::u32string::npos) --end;
    std::u32string core = wide.substr(begin, end - begin);
    bool read_other = false;         // a Cyrillic letter or a digit: not printed as the term is
    size_t digits = 0, letters = 0;  // more letters than digits: numbers are never rewritten
    for (char32_t c : core) {
      read_other |= !(c >= U'A' && c <= U'Z') && c != U'/' && c != U'-';
      digits += c >= U'0' && c <= U'9';
      letters += c != U'/' && c != U'-' && !(c >= U'0' && c <= U'9');
    }
    read_other &= letters > digits;
    std::set<std::u32string> found;
    if (core.size() >= 3 && core.size() <= 8 && read_other && core.front() != U'-' &&
        core.front() != U'/' && core.back() != U'-' && core.back() != U'/') {
      std::u32string spelled;
      term_spellings(core, 0, spelled, false, *terms->second, found);
    }
    if (found.size() == 1 && words != patterns.fields.end() &&
        RE2::FullMatch(to_utf8(core), *words->second)) {
      // a Russian word: the term only where it ends a statement
      static const std::set<std::string> kEnds = {",", ";", ".", ")", "‚"};
      bool ends = end < wide.size() || t + 1 == tokens.size() || kEnds.count(tokens[t + 1]);
      if (!ends) found.clear();
    }
    if (found.size() == 1) {
      std::string repaired = to_utf8(wide.substr(0, begin) + *found.begin() + wide.substr(end));
      repairs.push_back("ocr-letter: " + token + "→" + repaired + " (Latin term read as " +
                        "look-alikes and confusions, fields.tsv:latin_term)");
      token = repaired;
    }
    if (!out.empty()) out += ' ';
    out += token;
  }
  return out;
}

}  // namespace declx
