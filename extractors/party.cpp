// Party boxes 2 (consignor), 8 (consignee), 14 (declarant): name, identifiers, address.
// Printed as: name (1-2 lines), "№ ИНН/КПП" or "ИНН ... КПП ...", address, "№ ОГРН"; a box may
// instead refer to another ("СМ. ГРАФУ 8"), in which case that party's fields are used.
#include <algorithm>
#include <set>
#include <sstream>

#include <unicode/uchar.h>

#include "extractors/header_fields.h"
#include "extractors/ocr_repair.h"
#include "extractors/respell.h"
#include "normalizers/countries.h"
#include "normalizers/distance.h"
#include "normalizers/identifiers.h"
#include "normalizers/org_name.h"
#include "normalizers/script.h"
#include "normalizers/text.h"

namespace declx {
namespace {

struct PartyLine {
  TextSpan span;
  std::string rest;  // text with identifiers removed
  bool has_ids = false;
  bool address_like = false;
};

std::string trim(std::string text) {
  size_t b = text.find_first_not_of(" ,;:");
  size_t e = text.find_last_not_of(" ,;:");
  return b == std::string::npos ? "" : text.substr(b, e - b + 1);
}

// Folds lines' whitespace only: quotes and dashes are kept as printed (the name is evidence).
std::string squeeze_spaces(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool has_alnum(const std::string& token) {
  for (char32_t c : to_u32(token))
    if (u_isalnum(static_cast<UChar32>(c))) return true;
  return false;
}

bool all_digits(const std::string& token) {
  return !token.empty() && std::all_of(token.begin(), token.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

// Whether the address's first part (up to its first comma) names China.
bool chinese_address(const std::vector<std::string>& tokens) {
  std::string first_part;
  for (const std::string& token : tokens) {
    first_part += (first_part.empty() ? "" : " ") + token;
    if (token.back() == ',') break;
  }
  if (!first_part.empty() && first_part.back() == ',') first_part.pop_back();
  const Parsed<std::string> country = parse_country(first_part);
  return country.ok() && *country.value == "CN";
}

// Chinese place names are written in pinyin, and a misread breaks its rules:
// - the syllable JI read as one Cyrillic letter, Л, Й or П, the rest of the word in Cyrillic
//   look-alikes ("КЕЙ" or "КЕЛ" for KEJI): written back in Latin, when a Latin word stands
//   beside it;
// - Q comes only before I or U ("JINQIAO", "HUAQIANG"): a Q between two other Latin capitals
//   is a misread O ("BAQAN" for BAOAN, "GAQXIN" for GAOXIN).
void settle_pinyin(std::vector<std::string>& tokens, std::vector<std::string>& repairs) {
  auto latin_word = [](const std::string& token) {
    return !token.empty() && std::all_of(token.begin(), token.end(), [](char c) {
      return std::isupper(static_cast<unsigned char>(c)) || c == ',';
    });
  };
  for (size_t i = 1; i < tokens.size(); ++i) {
    std::u32string word = to_u32(tokens[i]);
    const bool comma = !word.empty() && word.back() == U',';
    if (comma) word.pop_back();
    std::string spelled;
    size_t syllables = 0;
    for (char32_t c : latin_capitals(word)) {
      if (c == U'Л' || c == U'Й' || c == U'П') {
        spelled += "JI";
        ++syllables;
      } else if (c >= U'A' && c <= U'Z') {
        spelled += static_cast<char>(c);
      } else {
        syllables = 0;
        break;
      }
    }
    const bool beside_latin =
        latin_word(tokens[i - 1]) || (i + 1 < tokens.size() && latin_word(tokens[i + 1]));
    if (syllables != 1 || word.size() < 3 || !beside_latin) continue;
    repairs.push_back("ocr-address: " + tokens[i] + "→" + spelled + (comma ? "," : "") +
                      " (pinyin JI read as one Cyrillic letter)");
    tokens[i] = spelled + (comma ? "," : "");
  }
  for (std::string& token : tokens) {
    std::string repaired = token;
    for (size_t at = 1; at + 1 < repaired.size(); ++at)
      if (repaired[at] == 'Q' && std::isupper(static_cast<unsigned char>(repaired[at - 1])) &&
          std::isupper(static_cast<unsigned char>(repaired[at + 1])) && repaired[at + 1] != 'I' &&
          repaired[at + 1] != 'U')
        repaired[at] = 'O';
    if (repaired != token) {
      repairs.push_back("ocr-address: " + token + "→" + repaired +
                        " (pinyin Q before I or U only)");
      token = repaired;
    }
  }
}

// Address clean-up after OCR: specks and identifier markers before a Russian postal index
// ("WHH/KAN 620014, РОССИЯ", ". 127411, ..."), punctuation specks and a stray ОГРН/ИНН-long
// number at the end ("Д. 38 1044739234980", "ROAD 201 -"), abbreviations as OCR reads them
// (address_tokens.tsv), and the comma OCR drops before a new component ("ОБЛ. Г. ...").
std::string clean_address(const std::string& address, const PatternData& patterns,
                          std::vector<std::string>& repairs) {
  std::vector<std::string> tokens;
  {
    std::stringstream in(address);
    std::string token;
    while (in >> token) tokens.push_back(token);
  }
  // the low single quote OCR reads for a comma ("ОБЛ. ‚Г. ФРЯЗИНО")
  for (std::string& token : tokens)
    for (size_t at; (at = token.find("\u201A")) != std::string::npos;) token.replace(at, 3, ",");
  // a postal index among the first three tokens: what comes before it is not the address
  for (size_t i = 1; i < tokens.size() && i < 3; ++i) {
    std::string bare = tokens[i];
    while (!bare.empty() && bare.back() == ',') bare.pop_back();
    if (bare.size() == 6 && all_digits(bare)) {
      std::string dropped;
      for (size_t k = 0; k < i; ++k) dropped += (k ? " " : "") + tokens[k];
      repairs.push_back("ocr: dropped '" + dropped + "' before the postal index");
      tokens.erase(tokens.begin(), tokens.begin() + static_cast<long>(i));
      break;
    }
  }
  // Addresses are printed in capitals: a word of one to three lower-case letters is a speck
  // ("ПОМ. ye 3", "STREET риа"); lower-case words with a dot ("пом.") are kept.
  for (size_t i = 0; i < tokens.size();) {
    std::u32string wide = to_u32(tokens[i]);
    bool lower = !wide.empty() && wide.size() <= 3;
    for (char32_t c : wide) lower &= u_islower(static_cast<UChar32>(c)) != 0;
    if (lower) {
      repairs.push_back("ocr: dropped '" + tokens[i] + "'");
      tokens.erase(tokens.begin() + static_cast<long>(i));
    } else {
      ++i;
    }
  }
  while (!tokens.empty() && !has_alnum(tokens.front())) {
    repairs.push_back("ocr: dropped '" + tokens.front() + "'");
    tokens.erase(tokens.begin());
  }
  while (!tokens.empty() &&
         (!has_alnum(tokens.back()) || (all_digits(tokens.back()) && tokens.back().size() >= 10))) {
    repairs.push_back("ocr: dropped '" + tokens.back() + "' after the address");
    tokens.pop_back();
  }
  // A word OCR read with a speck after the house number ("ROAD 101 G", "Д. 96 АГ", "23/F Ne"):
  // one or two letters alone at the end, after a token that holds a digit.
  if (tokens.size() >= 3) {
    std::u32string last = to_u32(tokens.back());
    bool speck = !last.empty() && last.size() <= 2;
    for (char32_t c : last) speck &= u_isalpha(static_cast<UChar32>(c)) != 0;
    const std::string& before = tokens[tokens.size() - 2];
    if (speck && std::any_of(before.begin(), before.end(),
                             [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      repairs.push_back("ocr: dropped '" + tokens.back() + "' after the address");
      tokens.pop_back();
    }
  }
  if (!tokens.empty()) {  // a mark glued to the last word ("AVENUE 244°")
    std::string& last = tokens.back();
    size_t keep = last.size();
    while (keep > 0 && std::string_view("°'\"`^*~").find(last[keep - 1]) != std::string::npos)
      --keep;
    if (keep > 0 && keep < last.size()) {
      repairs.push_back("ocr: dropped '" + last.substr(keep) + "' after the address");
      last.erase(keep);
    }
  }
  // Punctuation OCR doubled or put on its own between words ("ОБЛ.., Г.", "Г. . НОВОСИБИРСК",
  // "ЗАСТАВСКАЯ, ; Д. 66", "АЛЕУТСКАЯ, .Д. 43"): a mark alone between two words goes (a comma
  // among it stays with the word before), a mark before a word goes, and a word's closing marks
  // keep one dot and one comma.
  auto is_mark = [](char c) { return c == '.' || c == ',' || c == ';' || c == ':'; };
  for (size_t i = 1; i + 1 < tokens.size();) {
    std::string& token = tokens[i];
    if (!token.empty() && std::all_of(token.begin(), token.end(), is_mark)) {
      std::string& previous = tokens[i - 1];
      if (token.find(',') != std::string::npos && previous.back() != ',') previous += ',';
      repairs.push_back("ocr: dropped '" + token + "' between words");
      tokens.erase(tokens.begin() + static_cast<long>(i));
      continue;
    }
    size_t lead = 0;
    while (lead < token.size() && is_mark(token[lead])) ++lead;
    if (lead > 0 && lead < token.size()) {
      // a comma that belongs to the word before ("ФРЯЗИНО ,УЛ.") goes back to it
      if (token.find(',') < lead && tokens[i - 1].back() != ',') {
        tokens[i - 1] += ',';
        repairs.push_back("ocr: comma before '" + token.substr(lead) + "' moved after '" +
                          tokens[i - 1].substr(0, tokens[i - 1].size() - 1) + "'");
      } else {
        repairs.push_back("ocr: dropped '" + token.substr(0, lead) + "' before '" +
                          token.substr(lead) + "'");
      }
      token.erase(0, lead);
    }
    ++i;
  }
  for (std::string& token : tokens) {
    size_t end = token.size();
    while (end > 0 && is_mark(token[end - 1])) --end;
    if (end == 0 || token.size() - end < 2) continue;
    std::string marks = token.substr(end), kept;
    if (marks.find('.') != std::string::npos) kept += '.';
    if (marks.find(',') != std::string::npos) kept += ',';
    if (kept.empty() || kept == marks) continue;
    repairs.push_back("ocr: '" + marks + "' after '" + token.substr(0, end) + "' read as '" + kept +
                      "'");
    token = token.substr(0, end) + kept;
  }
  // A Latin word of a foreign address that OCR ended with '!' for I and read with Cyrillic
  // look-alikes ("НО! BUN ROAD" for HOI BUN ROAD): written in Latin.
  for (std::string& token : tokens) {
    std::u32string wide = to_u32(token);
    size_t end = wide.size();
    while (end > 0 && (wide[end - 1] == U',' || wide[end - 1] == U'.')) --end;
    if (end < 2 || wide[end - 1] != U'!') continue;
    std::u32string latin = latin_capitals(wide.substr(0, end - 1));
    if (!std::all_of(latin.begin(), latin.end(), [](char32_t c) { return c >= U'A' && c <= U'Z'; }))
      continue;
    std::string repaired = to_utf8(latin + U"I" + wide.substr(end));
    repairs.push_back("ocr: Latin word " + token + "→" + repaired + " ('!' read for I)");
    token = repaired;
  }
  // A country name is followed by a comma; OCR read it as a dot ("630099, РОССИЯ. НОВОСИБИРСКАЯ").
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    std::string& token = tokens[i];
    if (token.size() < 2 || token.back() != '.') continue;
    std::string word = token.substr(0, token.size() - 1);
    if (fold_letters(word).size() < 4 || to_upper(word) != word ||
        std::any_of(word.begin(), word.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; }))
      continue;
    if (!parse_country(word).ok()) continue;
    repairs.push_back("ocr: '.' after the country " + word + " read for ','");
    token = word + ",";
  }
  // Turkish addresses end in "NO:7" (numara); OCR reads the NO as the sign №.
  for (size_t i = 1; i < tokens.size(); ++i) {
    std::string& token = tokens[i];
    const std::string sign = "№:";
    if (token.compare(0, sign.size(), sign) == 0 && token.size() > sign.size() &&
        std::isdigit(static_cast<unsigned char>(token[sign.size()])) &&
        tokens[i - 1].find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos) {
      std::string repaired = "NO:" + token.substr(sign.size());
      repairs.push_back("ocr-address: " + token + "→" + repaired);
      token = repaired;
    }
  }
  if (chinese_address(tokens)) settle_pinyin(tokens, repairs);
  for (size_t i = 0; i < tokens.size(); ++i) {
    bool number_follows =
        i + 1 < tokens.size() && std::isdigit(static_cast<unsigned char>(tokens[i + 1][0]));
    // the rule's token, with a comma OCR left on it ("OBJI.," for "ОБЛ.,")
    std::string bare = tokens[i], comma;
    if (bare.size() > 1 && bare.back() == ',' && bare[bare.size() - 2] != ',') {
      bare.pop_back();
      comma = ",";
    }
    // exact readings first ("УЛ," is "УЛ." with its dot read as a comma), then with the comma
    bool done = false;
    for (int pass = 0; pass < 2 && !done; ++pass)
      for (const auto& rule : patterns.address_tokens) {
        bool exact = tokens[i] == rule.read;
        if (!(pass == 0 ? exact : !comma.empty() && bare == rule.read)) continue;
        if (rule.before_number && !number_follows) continue;
        std::string printed = pass == 0 ? rule.printed : rule.printed + comma;
        repairs.push_back("ocr-address: " + tokens[i] + "→" + printed);
        tokens[i] = printed;
        done = true;
        break;
      }
  }
  // "ОБЛ. Г. ЕКАТЕРИНБУРГ": a component marker after a token that closes a component
  static const std::set<std::string> starts = {"Г.",   "УЛ.", "Д.",  "СТР.", "ПОМ.",
                                               "ЭТАЖ", "КВ.", "ОФ.", "ЛИТЕР"};
  static const std::set<std::string> closers = {"ОБЛ.", "Ш.", "ПР-КТ", "КРАЙ", "Р-Н"};
  for (size_t i = 1; i < tokens.size(); ++i)
    if (starts.count(tokens[i]) && closers.count(tokens[i - 1])) {
      repairs.push_back("ocr-address: comma after '" + tokens[i - 1] + "'");
      tokens[i - 1] += ",";
    }
  std::string out;
  for (const auto& token : tokens) out += (out.empty() ? "" : " ") + token;
  // "P.O. BOX" read with Cyrillic look-alikes and digits ("Р.0.80Х11252" for P.O. BOX 11252,
  // "Р.О, BOX", "P.O. GOX"), as UAE and Hong Kong addresses print it before the box number.
  static const RE2 kPoBox(
      "(^|[\\s,])(?:P|Р)\\.?\\s?(?:O|0|О)[.,]?\\s?(?:B|8|В|G)(?:O|0|О)(?:X|Х)\\s?(\\d)");
  std::string po_box = out;
  if (RE2::GlobalReplace(&po_box, kPoBox, "\\1P.O. BOX \\2") > 0 && po_box != out) {
    repairs.push_back("ocr-address: P.O. BOX read with look-alikes in '" + out + "'");
    out = po_box;
  }
  return out;
}

// Name clean-up after OCR: a fragment of the box's own caption before the name
// ("Эжспортер : FAR EAST ..."), specks before a Russian legal form ("Г 000 «...»", ". 1$ АО"),
// and after the name: an identifier marker and what follows ("... ИНН/КПП ИР НА"), short
// specks after the closing quote ("«АВТОДЕТАЛЬ-М» р") or after a foreign form's last word
// ("CO.,LTD АВЕ", "CO.,LTD - ZHONGGUANCUN"). Each cut is recorded.
std::string clean_name(const std::string& name, const std::string& box, const PatternData& patterns,
                       std::vector<std::string>& repairs) {
  std::vector<std::string> tokens;
  {
    std::stringstream in(name);
    std::string token;
    while (in >> token) tokens.push_back(token);
  }
  auto drop_front = [&](size_t count, const std::string& why) {
    std::string dropped;
    for (size_t k = 0; k < count; ++k) dropped += (k ? " " : "") + tokens[k];
    repairs.push_back("ocr: dropped '" + dropped + "' " + why);
    tokens.erase(tokens.begin(), tokens.begin() + static_cast<long>(count));
  };
  auto drop_back = [&](size_t from, const std::string& why) {
    std::string dropped;
    for (size_t k = from; k < tokens.size(); ++k) dropped += (k > from ? " " : "") + tokens[k];
    repairs.push_back("ocr: dropped '" + dropped + "' " + why);
    tokens.resize(from);
  };
  // the box's caption words ("Отправитель/Экспортер" gives two), by label skeleton
  std::vector<std::u32string> caption_words;
  for (const LabelSpelling& spelling : patterns.labels) {
    if (spelling.box != box) continue;
    std::stringstream words(spelling.text);
    std::string word;
    while (std::getline(words, word, '/')) {
      std::u32string skeleton = label_skeleton(fold_letters(word));
      if (skeleton.size() >= 6) caption_words.push_back(skeleton);
    }
  }
  if (tokens.size() > 2) {
    std::u32string first = label_skeleton(fold_letters(tokens[0]));
    // the caption OCR split in two ("Эк портер", "ис портер")
    std::u32string joined = first + label_skeleton(fold_letters(tokens[1]));
    bool split = utf8_length(tokens[0]) <= 3 && tokens.size() > 3;
    for (const auto& caption : caption_words) {
      size_t count = 0;
      if (first.size() >= 5 && edit_distance(first, caption, 2) <= 2)
        count = 1;
      else if (split && joined.size() >= 6 && edit_distance(joined, caption, 2) <= 2)
        count = 2;
      if (count == 0) continue;
      if (tokens[count] == ":" || tokens[count] == "-") ++count;
      drop_front(count, "(caption of box " + box + ")");
      break;
    }
  }
  // A first word with lower-case letters before a name printed in capitals ("непортер
  // SHANGHAI ...", "Эк FAR EAST ..."): what is left of the caption, misread past matching it.
  // (Not before a quoted name: there it is the legal form misread, "Аб «КОНЦЕРН ...»".)
  auto has_lower = [](const std::string& token) { return to_upper(token) != token; };
  auto quoted = [](const std::string& token) {
    for (const char* quote : {"«", "\"", "“", "„", "'"})
      if (token.rfind(quote, 0) == 0) return true;
    return false;
  };
  if (tokens.size() > 2 && has_lower(tokens[0]) && fold_letters(tokens[0]).size() >= 2 &&
      !quoted(tokens[1]) && std::none_of(tokens.begin() + 1, tokens.end(), has_lower))
    drop_front(1, "(lower case before a name in capitals: left of the caption)");
  // digits and slashes before the name: the sheet count of box 3 ("1/5") or a caption's box
  // number ("2", "5") that OCR put on the name's line ("000" is the legal form ООО, read
  // with zeros, and is left for the legal-form repair)
  auto sheet_or_box_number = [](const std::string& token) {
    return utf8_length(token) <= 3 && token.find_first_of("123456789/") != std::string::npos &&
           std::all_of(token.begin(), token.end(), [](char c) {
             return std::isdigit(static_cast<unsigned char>(c)) || c == '/';
           });
  };
  while (tokens.size() > 2 && sheet_or_box_number(tokens[0]) && has_alnum(tokens[1]) &&
         !std::isdigit(static_cast<unsigned char>(tokens[1][0])))
    drop_front(1, "before the name");
  static const std::set<std::string> russian_forms = {"ООО", "АО",  "ПАО", "ЗАО", "ОАО",
                                                      "НАО", "000", "AO",  "OOO"};
  for (size_t k = 1; k < tokens.size() && k <= 3; ++k) {
    if (!russian_forms.count(tokens[k])) continue;
    bool specks = true;
    for (size_t j = 0; j < k; ++j) specks &= utf8_length(tokens[j]) <= 2;
    if (specks) drop_front(k, "before the legal form");
    break;
  }
  for (size_t k = 1; k < tokens.size(); ++k) {
    std::u32string folded = fold_letters(tokens[k]);
    if (folded.rfind(U"ИНН", 0) == 0 || folded.rfind(U"КПП", 0) == 0 ||
        folded.rfind(U"ОГРН", 0) == 0) {
      drop_back(k, "(identifier marker after the name)");
      break;
    }
  }
  // after the closing quote of a quoted name
  static const std::string closers[] = {"»", "“", "”", "\""};
  for (size_t k = tokens.size(); k-- > 1;) {
    bool closes = false;
    for (const auto& quote : closers)
      closes |= tokens[k].size() >= quote.size() &&
                tokens[k].compare(tokens[k].size() - quote.size(), quote.size(), quote) == 0;
    if (!closes) continue;
    bool specks = k + 1 < tokens.size();
    for (size_t j = k + 1; j < tokens.size(); ++j) specks &= utf8_length(tokens[j]) <= 3;
    if (specks) drop_back(k + 1, "after the closing quote");
    break;
  }
  // A closing quote read as '*' at the end of a quoted name ("ООО \"ТКС-ЛОГИСТИК*", "АО \"НПО
  // \"ЛЭМЗ*"): the quote.
  if (!tokens.empty() && tokens.back().size() > 1 && tokens.back().back() == '*') {
    size_t quotes = 0;  // straight quotes, or opening ones of other kinds
    for (const std::string& token : tokens)
      quotes += std::count(token.begin(), token.end(), '"') +
                (token.find("«") != std::string::npos || token.find("„") != std::string::npos ||
                 token.find("“") != std::string::npos);
    if (quotes > 0) {
      std::string& last = tokens.back();
      repairs.push_back("ocr: '*' at the end of '" + last + "' read for the closing quote");
      last.back() = '"';
    }
  }
  // after the last word of a foreign legal form
  static const std::set<std::string> form_ends = {
      "LTD",    "LTD.", "CO.,LTD", "CO.,LTD.", "LIMITED", "ЛИМИТЕД", "ЛТД",   "ЛТД.", "L.L.C",
      "L.L.C.", "STI",  "STI.",    "INC",      "INC.",    "CORP",    "CORP.", "FZE",  "FZCO"};
  // (read with Cyrillic look-alikes too: "СО.,LTD")
  auto latin = [](const std::string& token) { return to_utf8(latin_capitals(to_u32(token))); };
  // Marks OCR glued to a name's last word when it ends a form ("LTD-.", "LTD~"): dropped.
  if (tokens.size() > 1) {
    std::string& last = tokens.back();
    size_t keep = last.size();
    while (keep > 0 && std::string_view("-~^`'*.,;:").find(last[keep - 1]) != std::string::npos)
      --keep;
    const std::string bare = last.substr(0, keep);
    if (keep > 0 && keep < last.size() && last.substr(keep) != "." &&
        (form_ends.count(bare) || form_ends.count(latin(bare)))) {
      std::string with_dot = bare + ".";
      const bool dotted =
          last[keep] == '.' && (form_ends.count(with_dot) || form_ends.count(latin(with_dot)));
      const std::string kept = dotted ? with_dot : bare;
      repairs.push_back("ocr: dropped '" + last.substr(kept.size()) + "' after the legal form");
      last = kept;
    }
  }
  for (size_t k = tokens.size(); k-- > 1;) {
    if (!form_ends.count(tokens[k]) && !form_ends.count(latin(tokens[k]))) continue;
    size_t trailing = tokens.size() - k - 1;
    std::string next = trailing >= 1 ? tokens[k + 1] : "";
    while (!next.empty() && std::string_view(",.;:").find(next.back()) != std::string::npos)
      next.pop_back();  // "CO.,LTD АВЕ," : the speck with a mark after it
    if (trailing >= 1 && trailing <= 2 && (utf8_length(next) <= 3 || !has_alnum(next)))
      drop_back(k + 1, "after the legal form");
    break;
  }
  // a stray quote or mark before a foreign name ("\" FAR EAST ...")
  while (tokens.size() > 1 && !has_alnum(tokens.front())) drop_front(1, "before the name");
  // "ИМ." (named after), "АКАД." and a person's initials after them, before a surname, their
  // dots read as commas or lost ("ИМ, ШОКИНА", "АКАД, А.А, РАСПЛЕТИНА", "АКАД. АА.
  // РАСПЛЕТИНА"). Only after those titles: "CO.," before "LTD" is no initials.
  for (size_t k = 0; k + 1 < tokens.size(); ++k) {
    std::string& token = tokens[k];
    std::string fixed;
    if (token == "ИМ," || token == "ИМ" || token == "АКАД," || token == "АКАД") {
      fixed = token.substr(0, token.find(',')) + ".";
    } else {
      // two initials: capitals (or Latin look-alikes) with dots or commas, at least one mark
      std::u32string wide = to_u32(token), letters, marks;
      for (char32_t c : wide) (u_isupper(static_cast<UChar32>(c)) ? letters : marks) += c;
      const std::u32string next = to_u32(tokens[k + 1]);
      const bool surname = next.size() >= 3 && u_isupper(static_cast<UChar32>(next[0])) &&
                           next.find(U'.') == std::u32string::npos;
      const bool titled = k > 0 && (tokens[k - 1] == "ИМ." || tokens[k - 1] == "АКАД.");
      if (titled && letters.size() == 2 && !marks.empty() && marks.size() <= 2 && surname &&
          u_isupper(static_cast<UChar32>(wide[0])) &&
          marks.find_first_not_of(U".,") == std::u32string::npos) {
        std::u32string initials{letters[0], U'.', letters[1], U'.'};
        fixed = to_utf8(initials);
      }
    }
    if (!fixed.empty() && fixed != token) {
      repairs.push_back("ocr: '" + token + "' → '" + fixed + "' before '" + tokens[k + 1] + "'");
      token = fixed;
    }
  }
  // A comma or dot glued to the front of a word is the low opening quote „ as OCR reads it
  // ("АО „ОКБ ,HOBATOP\"", "ООО .ЭЛКОМ-ПОСТАВКА\""): no word of a name starts with one.
  for (size_t k = 1; k < tokens.size(); ++k) {
    std::string& token = tokens[k];
    if (token.size() < 3 || (token[0] != ',' && token[0] != '.')) continue;
    std::u32string rest = to_u32(token.substr(1));
    if (rest.empty() || !u_isalpha(static_cast<UChar32>(rest[0]))) continue;
    repairs.push_back("ocr: '" + token.substr(0, 1) + "' before '" + token.substr(1) +
                      "' read for the opening quote „");
    token = "„" + token.substr(1);
  }
  std::string out;
  for (const auto& token : tokens) out += (out.empty() ? "" : " ") + token;
  // "CO;LTD", "СО. »LTD", "(0., LTD." are the form "CO.,LTD" with OCR's punctuation; a fax
  // reads its "CO" as "60", "CQ" or "GO" too. The Russian spelling's "ЛТД" is read "АТД" or
  // "ATA" ("КО., АТД"), its Л without serifs.
  static const RE2 kMarkedLtd("(^|\\s)(?:CO|СО|C0|\\(0)[.,]*\\s*[;:»«\"][.,;:»«\"]*\\s*LTD");
  static const RE2 kZeroLtd("(^|\\s)(?:C0|\\(0|60|6O|CQ|GO|G0)[.,;:]*\\s*LTD");
  static const RE2 kRussianLtd("(^|\\s)(?:КО|KO)([.,]+\\s*)(?:АТД|ATA|АТА|ATД|ЛТА)(\\.?)(\\s|$)");
  std::string fixed = out;
  RE2::GlobalReplace(&fixed, kMarkedLtd, "\\1CO.,LTD");
  RE2::GlobalReplace(&fixed, kZeroLtd, "\\1CO.,LTD");
  RE2::GlobalReplace(&fixed, kRussianLtd, "\\1КО\\2ЛТД\\3\\4");
  if (fixed != out) {
    repairs.push_back("ocr: legal form punctuation '" + out + "'→'" + fixed + "'");
    out = fixed;
  }
  return out;
}

void take_identifier(ExtractContext& context, Party& party, const TextSpan& span,
                     const std::string& box, std::string& rest, bool& found) {
  const std::string upper = to_upper(span.text);
  // to_upper keeps byte offsets only for same-length case mappings; match on the original
  // text where possible and fall back to the upper-case copy's offsets.
  const std::string& text = upper.size() == span.text.size() ? upper : span.text;
  re2::StringPiece input(text);
  re2::StringPiece whole, inn, kpp;
  while (RE2::FindAndConsume(&input, context.patterns.field("inn_kpp"), &inn, &kpp)) {
    (void)whole;
    found = true;
    size_t inn_at = static_cast<size_t>(inn.data() - text.data());
    if (!party.inn.present()) {
      party.inn = field_from<std::string>(parse_inn(std::string(inn)),
                                          evidence_of(span, inn_at, inn_at + inn.size(), box),
                                          "fields.tsv:inn_kpp");
    }
    if (!kpp.empty() && !party.kpp.present()) {
      size_t kpp_at = static_cast<size_t>(kpp.data() - text.data());
      party.kpp = field_from<std::string>(parse_kpp(std::string(kpp)),
                                          evidence_of(span, kpp_at, kpp_at + kpp.size(), box),
                                          "fields.tsv:inn_kpp");
    }
  }
  // A КПП OCR split with a space ("№ 4725819098 / 4 72501001"): two digit groups of nine
  // digits together right after the ИНН's slash, joined (recorded).
  std::string split_kpp_text;
  if (party.inn.present() && !party.kpp.present()) {
    static const RE2 kSplitKpp("^\\s*/\\s*((\\d{1,8}) (\\d{1,8}))(?:\\s|$)");
    re2::StringPiece after(input), both, first, second;
    if (RE2::PartialMatch(after, kSplitKpp, &both, &first, &second) &&
        first.size() + second.size() == 9) {
      size_t at = static_cast<size_t>(both.data() - text.data());
      Parsed<std::string> parsed = parse_kpp(std::string(first) + std::string(second));
      if (parsed.ok()) {
        parsed.repairs.push_back("ocr: space inside the КПП '" + std::string(both) + "' removed");
        parsed.confidence = std::min(parsed.confidence, 0.7);
        party.kpp = field_from<std::string>(parsed, evidence_of(span, at, at + both.size(), box),
                                            "fields.tsv:inn_kpp; КПП split by OCR");
        split_kpp_text = std::string(both);
      }
    }
  }
  input = re2::StringPiece(text);
  re2::StringPiece ogrn;
  while (RE2::FindAndConsume(&input, context.patterns.field("ogrn"), &ogrn)) {
    found = true;
    size_t at = static_cast<size_t>(ogrn.data() - text.data());
    if (!party.ogrn.present()) {
      std::string digits(ogrn);
      auto parsed = digits.size() == 15 ? parse_ogrnip(digits) : parse_ogrn(digits);
      party.ogrn = field_from<std::string>(parsed, evidence_of(span, at, at + ogrn.size(), box),
                                           "fields.tsv:ogrn");
    }
  }
  if (found) {
    // what is left of the line after removing identifiers and their markers
    std::string stripped = text;
    RE2::GlobalReplace(&stripped, context.patterns.field("inn_kpp"), " ");
    RE2::GlobalReplace(&stripped, context.patterns.field("ogrn"), " ");
    RE2::GlobalReplace(&stripped, context.patterns.field("id_marker"), " ");
    if (!split_kpp_text.empty())
      if (size_t at = stripped.find(split_kpp_text); at != std::string::npos)
        stripped.replace(at, split_kpp_text.size(), " ");
    rest = trim(squeeze_spaces(stripped));
    if (fold_letters(rest).size() < 3) rest.clear();
  }
}

// An ОГРН (13 digits) read with one OCR-confused digit that its check digit alone cannot settle:
// the number's structure decides, then the party's ИНН. An ОГРН is the sign 1 or 5, two
// digits of the year of registration (ОГРН exist since 2002), the region code — for an
// organisation registered where its ИНН was issued, the ИНН's first two digits —, and so on.
// Among the one-digit confusions of a number that fails its check or has an impossible sign
// or year, the one candidate that passes the check with a possible sign and year is taken;
// if several do, the one whose region is the ИНН's. Recorded as a repair.
void settle_ogrn(Party& party) {
  if (!party.ogrn.present() || party.ogrn.value->size() != 13) return;
  const std::string read = *party.ogrn.value;
  auto plausible = [](const std::string& d) {
    int year = (d[1] - '0') * 10 + (d[2] - '0');
    return (d[0] == '1' || d[0] == '5') && year >= 2 && year <= 39;
  };
  if (ogrn_valid(read) && plausible(read)) return;
  std::vector<std::string> fits;
  for (std::string& candidate : ocr_digit_variants(read))
    if (ogrn_valid(candidate) && plausible(candidate)) fits.push_back(std::move(candidate));
  std::string why = "ОГРН check digit and structure (sign, year of registration)";
  if (fits.size() > 1 && party.inn.present() && party.inn.value->size() >= 2 &&
      inn_valid(*party.inn.value)) {
    std::vector<std::string> regional;
    for (const std::string& fit : fits)
      if (fit.compare(3, 2, *party.inn.value, 0, 2) == 0) regional.push_back(fit);
    fits = regional;
    why += ", region code as in the ИНН";
  }
  if (fits.size() == 1) settle_identifier(party.ogrn, "ОГРН", fits[0], why);
}

// A КПП is the tax office (four digits: region, inspection), the reason code (two) and a
// number (three). A Russian organisation (a 10-digit ИНН that passes its check and is no
// foreign organisation's 99...) is registered at the office that issued its ИНН or at an
// inspection for the largest taxpayers (99..), with a reason code from 01 to 50 (51-99 are
// for foreign organisations). A КПП read against that in its region digits or its reason
// code ("784191001", "097750001" on a fax) is settled by the one OCR digit confusion there
// that agrees; where several reason codes would, 01 (registration where the organisation
// is, by far the most common) if it is one of them. The inspection digits are never
// changed: an organisation that moved within its region keeps its ИНН (7707...) but not
// its office (7701). Recorded as a repair.
void settle_kpp(Party& party) {
  if (!party.kpp.present() || !party.inn.present()) return;
  const std::string& inn = *party.inn.value;
  const std::string read = *party.kpp.value;
  auto digits = [](const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (inn.size() != 10 || !inn_valid(inn) || inn.compare(0, 2, "99") == 0 || read.size() != 9 ||
      !digits(read))
    return;
  auto agrees = [&](const std::string& kpp) {
    int reason = (kpp[4] - '0') * 10 + (kpp[5] - '0');
    return (kpp.compare(0, 2, "99") == 0 || kpp.compare(0, 4, inn, 0, 4) == 0) && reason >= 1 &&
           reason <= 50;
  };
  if (agrees(read)) return;
  std::vector<std::string> fits;
  for (std::string& candidate : ocr_digit_variants(read)) {
    size_t at = 0;
    while (candidate[at] == read[at]) ++at;
    if ((at <= 1 || at == 4 || at == 5) && agrees(candidate)) fits.push_back(std::move(candidate));
  }
  std::string why = "КПП: tax office as in the ИНН or 99.., reason code 01-50";
  if (fits.size() > 1) {
    std::erase_if(fits, [](const std::string& fit) { return fit.compare(4, 2, "01") != 0; });
    why += "; of several reason codes the usual 01";
  }
  if (fits.size() == 1) settle_identifier(party.kpp, "КПП", fits[0], why);
}

Party parse_party(ExtractContext& context, const BoxContent& box, const std::string& box_name,
                  const std::string& role) {
  Party party;
  std::string all = to_upper(clean_text(box.text()));
  re2::StringPiece input(all);
  std::string referenced;
  if (RE2::PartialMatch(input, context.patterns.field("see_box"), &referenced)) {
    party.see_box = referenced;
    party.name.why_empty = "box " + box_name + " refers to box " + referenced;
    return party;
  }
  // "СМ. ГРАФУ 8" whose 8 OCR read as a letter or sign ("СМ. ГРАФУЯ", "CM, ГРАФУ $"): the
  // whole box is the reference, so a character that looks like an 8 is one (fields.tsv
  // see_box_8, optional).
  const auto see_box_8 = context.patterns.fields.find("see_box_8");
  std::string mark;
  if (see_box_8 != context.patterns.fields.end() &&
      RE2::FullMatch(all, *see_box_8->second, &mark)) {
    party.see_box = "8";
    party.name.why_empty =
        "box " + box_name + " refers to box 8 ('" + all + "': '" + mark + "' read for 8)";
    return party;
  }
  std::vector<PartyLine> lines;
  for (const auto& words : box.lines) {
    PartyLine line;
    line.span = span_of_line(words);
    line.rest = line.span.text;
    take_identifier(context, party, line.span, box_name, line.rest, line.has_ids);
    std::string upper = to_upper(clean_text(line.rest));
    re2::StringPiece line_input(upper);
    line.address_like = RE2::PartialMatch(line_input, context.patterns.field("address_line"));
    if (!line.address_like) {
      size_t comma = upper.find(',');
      if (comma != std::string::npos && parse_country(upper.substr(0, comma)).ok())
        line.address_like = true;
    }
    lines.push_back(std::move(line));
  }
  // Name: text lines until the first identifier or address line; address: the text after.
  std::vector<const PartyLine*> name_lines, address_lines;
  bool in_name = true;
  static const RE2 kPostalIndex("^\\W*\\d{6}\\b");
  for (const auto& line : lines) {
    if (line.rest.empty()) {
      if (line.has_ids && !name_lines.empty()) in_name = false;
      continue;
    }
    if (in_name && name_lines.empty()) {
      // A speck line before the name ("у", "5") is none of it; a first line that starts with a
      // postal index is the address of a box whose name OCR lost, not a name.
      if (fold_letters(line.rest).size() < 2) continue;
      if (RE2::PartialMatch(line.rest, kPostalIndex)) in_name = false;
    }
    if (in_name && (line.address_like || line.has_ids) && !name_lines.empty()) in_name = false;
    (in_name ? name_lines : address_lines).push_back(&line);
    if (line.has_ids && in_name) in_name = false;
  }
  auto join = [](const std::vector<const PartyLine*>& parts, Evidence& evidence,
                 const std::string& box) {
    std::string text;
    for (const PartyLine* part : parts) {
      if (!text.empty()) text += ' ';
      text += part->rest;
      evidence.bbox = unite(evidence.bbox, part->span.bbox_of(0, part->span.text.size()));
      evidence.confidence +=
          part->span.confidence_of(0, part->span.text.size()) / static_cast<double>(parts.size());
      evidence.page = part->span.page();
    }
    evidence.raw = text;
    evidence.box = box;
    return squeeze_spaces(text);
  };
  if (!name_lines.empty()) {
    Evidence evidence;
    std::string name = join(name_lines, evidence, box_name);
    // Only spaces are normalised: quotes and dashes stay as printed.
    set_evidence(party.name, evidence, "party box: text before identifiers/address");
    name = clean_name(name, box_name, context.patterns, party.name.repairs);
    name = repair_ocr_text(name, party.name.repairs, /*legal_form_first=*/true);
    party.name.value = trim(name);
    party.name.confidence = evidence.confidence;
    Parsed<OrgName> org = parse_org_name(name);
    if (org.ok()) {
      if (!org.value->legal_form.empty()) {
        set_evidence(party.legal_form, evidence, "parse_org_name");
        party.legal_form.value = org.value->legal_form;
        // A foreign form is reported as printed after the name ("(HK) CO., LIMITED",
        // "КО., ЛТД"): the canonical spelling would hide what the document says.
        const std::string& bare = org.value->name;
        std::string printed = trim(name);
        if (!bare.empty() && printed.rfind(bare, 0) == 0 && printed.size() > bare.size()) {
          std::string suffix = trim(printed.substr(bare.size()));
          // Hong Kong companies print "TRADING LIMITED" as their form (domain.md, Names);
          // the normalizer keeps "TRADING" in the name for the comparison key.
          for (const char* word : {"TRADING", "ТРЕЙДИНГ"}) {
            std::string tail = std::string(" ") + word;
            bool limited = suffix == "LIMITED" || suffix == "ЛИМИТЕД";
            if (limited && bare.size() > tail.size() &&
                bare.compare(bare.size() - tail.size(), tail.size(), tail) == 0)
              suffix = std::string(word) + " " + suffix;
          }
          if (!suffix.empty()) {
            party.legal_form.value = suffix;
            party.legal_form.rule = "parse_org_name; printed form after the name";
          }
        }
        party.legal_form.confidence = evidence.confidence * org.confidence;
      }
      if (!org.value->latin.empty()) {
        set_evidence(party.name_latin, evidence, "parse_org_name (transliteration)");
        party.name_latin.value = org.value->latin;
        party.name_latin.confidence = evidence.confidence * org.confidence;
      }
    }
  } else {
    party.name.why_empty = "box " + box_name + ": no name";
    context.warn("box " + box_name + " (" + role + "): name not found");
  }
  if (!address_lines.empty()) {
    Evidence evidence;
    std::string address = trim(join(address_lines, evidence, box_name));
    set_evidence(party.address, evidence, "party box: text after the name");
    address = repair_ocr_text(address, party.address.repairs);
    address = clean_address(address, context.patterns, party.address.repairs);
    party.address.confidence = evidence.confidence;
    // OCR'd Russian words no dictionary knows ("НОВОСИВИРСКАЯ")
    const size_t before = party.address.repairs.size();
    if (ocr_page(context, evidence.page))
      if (const Dictionary* dictionary = Dictionary::russian())
        address = respell_ocr_words(address, *dictionary, context.patterns, party.address.repairs);
    if (party.address.repairs.size() > before) party.address.confidence *= 0.9;
    party.address.value = address;
    // Country: the first comma-separated part of the address that names a country.
    std::string upper = to_upper(clean_text(address));
    size_t start = 0;
    while (start <= upper.size()) {
      size_t comma = upper.find(',', start);
      std::string part =
          trim(upper.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (!part.empty() && fold_letters(part).size() >= 2 &&
          !std::isdigit(static_cast<unsigned char>(part[0]))) {
        std::string name;  // the country's name, when the part is a damaged reading of it
        Parsed<std::string> country = parse_country(part, &name);
        if (country.ok()) {
          party.country =
              field_from<std::string>(country, evidence, "address part naming a country");
          party.country.raw = part;
          // The address's first part, the country's Russian name, read with look-alikes or a
          // misread letter or two ("ОБЪЕДИНЕННЫЕ APABCKME ЭМИРАТЫ"): written as the name the
          // country was recognised by (parse_country allows one or two letters).
          if (start == 0 && !name.empty() && part != name &&
              address.compare(0, part.size(), part) == 0) {
            party.address.repairs.push_back("ocr-address: country '" + part + "' → '" + name + "'");
            address = name + address.substr(part.size());
            party.address.value = address;
          }
          break;
        }
      }
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (!party.country.present())
      party.country.why_empty = "box " + box_name + ": no country in the address";
  } else {
    party.address.why_empty = "box " + box_name + ": no address";
  }
  settle_ogrn(party);
  settle_kpp(party);
  if (!party.inn.present()) party.inn.why_empty = "box " + box_name + ": no ИНН";
  if (!party.kpp.present()) party.kpp.why_empty = "box " + box_name + ": no КПП";
  if (!party.ogrn.present()) party.ogrn.why_empty = "box " + box_name + ": no ОГРН";
  return party;
}

void mark_copied(Party& party, const std::string& from_box) {
  for (Field<std::string>* field :
       {&party.name, &party.name_latin, &party.legal_form, &party.address, &party.country,
        &party.inn, &party.kpp, &party.ogrn})
    if (field->present())
      field->rule = "copied from box " + from_box + " (СМ. ГРАФУ " + from_box + "); " + field->rule;
}

}  // namespace

void extract_parties(ExtractContext& context) {
  struct Role {
    const char* box;
    const char* name;
    Party* party;
  };
  Record& record = context.record;
  Role roles[] = {{"2", "consignor", &record.consignor},
                  {"8", "consignee", &record.consignee},
                  {"14", "declarant", &record.declarant}};
  for (const Role& role : roles) {
    const BoxContent* box = find_header_box(context, role.box);
    if (!box || box->empty()) {
      role.party->name.why_empty = why_box_empty(box, role.box);
      context.warn(std::string("box ") + role.box + " (" + role.name +
                   "): " + (box ? "empty" : "not found"));
      continue;
    }
    *role.party = parse_party(context, *box, role.box, role.name);
  }
  for (const Role& role : roles) {
    if (role.party->see_box.empty()) continue;
    for (const Role& other : roles)
      if (other.box == role.party->see_box && other.party != role.party &&
          other.party->see_box.empty()) {
        std::string see = role.party->see_box;
        *role.party = *other.party;
        role.party->see_box = see;
        mark_copied(*role.party, see);
      }
  }
}

}  // namespace declx
