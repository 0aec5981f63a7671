#include "extractors/ocr_repair.h"

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
        if (c == U'0') c = U'О';
      static const std::u32string forms[] = {U"ООО", U"ОАО", U"АО", U"ПАО", U"ЗАО", U"НАО"};
      for (const auto& form : forms)
        if (letters == form && letters != wide) {
          repairs.push_back("ocr-letter: " + token + "→" + to_utf8(form));
          wide = letters;
        }
    }
    // word-final Й read as И; punctuation may follow the word
    size_t end = wide.size();
    while (end > 0 && (wide[end - 1] == U',' || wide[end - 1] == U'.' || wide[end - 1] == U';'))
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

}  // namespace declx
