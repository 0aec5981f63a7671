#include "extractors/ocr_repair.h"

#include <map>
#include <sstream>

#include "extractors/patterns.h"

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
      std::u32string letters = wide;
      for (char32_t& c : letters)
        if (c == U'0' || c == U'Q' || c == U'O')
          c = U'О';
        else if (c == U'A')
          c = U'А';
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

std::string drop_stray_marks(std::string_view text, std::vector<std::string>& repairs) {
  // In text printed in capitals (nine letters in ten upper case), a lone lower-case letter is
  // a speck ("РАДИОЛОКАЦИОННОЙ: д МОДУЛИ"); Russian one-letter words are printed as capitals.
  size_t upper = 0, lower = 0;
  for (char32_t c : to_u32(text)) {
    upper += (c >= U'А' && c <= U'Я') || (c >= U'A' && c <= U'Z');
    lower += (c >= U'а' && c <= U'я') || (c >= U'a' && c <= U'z');
  }
  const bool capitals = upper >= 20 && lower * 10 <= upper + lower;
  std::stringstream in{std::string(text)};
  std::string token, out;
  while (in >> token) {
    std::u32string wide = to_u32(token);
    // (not the one-letter words а в и к о с у я, nor their Latin look-alikes: "ЧАСТИ и ...")
    static const std::u32string kWords = U"авикосуяacoyk";
    if (capitals && wide.size() == 1 && kWords.find(wide[0]) == std::u32string::npos &&
        ((wide[0] >= U'а' && wide[0] <= U'я') || (wide[0] >= U'a' && wide[0] <= U'z'))) {
      repairs.push_back("ocr: dropped stray '" + token + "'");
      continue;
    }
    if (token == "©") {
      repairs.push_back("ocr-letter: ©→С");
      token = "С";
    }
    static const std::string marks[] = {":", ";", "‘", "’", "`", "'", "\"", "„", "“", "”",
                                        "^", "~", "*", "°", "•", "«", "»",  ",", "."};
    bool stray = false;
    for (const auto& mark : marks) stray |= token == mark;
    if (stray) {
      repairs.push_back("ocr: dropped stray '" + token + "'");
      continue;
    }
    if (!out.empty()) out += ' ';
    out += token;
  }
  return out;
}

std::string cyrillize_lookalike_words(std::string_view text, std::vector<std::string>& repairs) {
  std::u32string wide = to_u32(text);
  size_t cyrillic = 0, latin = 0;
  for (char32_t c : wide) {
    if ((c >= U'А' && c <= U'я') || c == U'Ё' || c == U'ё') ++cyrillic;
    if ((c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z')) ++latin;
  }
  if (cyrillic < latin) return std::string(text);
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

}  // namespace declx
