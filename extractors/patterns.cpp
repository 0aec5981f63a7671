#include "extractors/patterns.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "extractors/extract.h"
#include "normalizers/text.h"

namespace declx {

std::u32string to_u32(std::string_view utf8) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::u32string out;
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    out.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
  return out;
}

std::string to_utf8(const std::u32string& text) {
  icu::UnicodeString s;
  for (char32_t c : text) s.append(static_cast<UChar32>(c));
  std::string out;
  s.toUTF8String(out);
  return out;
}

std::u32string fold_letters(std::string_view text) {
  std::u32string out;
  for (char32_t c : to_u32(fold_for_compare(text))) {
    if (c == U'Ё') c = U'Е';
    if (u_isalnum(static_cast<UChar32>(c))) out.push_back(c);
  }
  return out;
}

std::u32string label_skeleton(const std::u32string& folded) {
  std::u32string out;
  for (char32_t c : folded) {
    switch (c) {
      case U'N':
      case U'П':
      case U'Л':
      case U'И':
      case U'Й':
      case U'U':
      case U'Ц':
        c = U'П';
        break;
      case U'B':
      case U'В':
      case U'Ь':
      case U'Ъ':
      case U'Б':
      case U'6':
        c = U'Ь';
        break;
      case U'Y':
      case U'У':
      case U'Ч':
      case U'4':
        c = U'У';
        break;
      case U'M':
      case U'М':
      case U'Т':
      case U'T':
        c = U'Т';
        break;
      case U'R':
      case U'Г':
      case U'F':
        c = U'Г';
        break;
      case U'0':
      case U'О':
      case U'O':
      case U'Q':
      case U'D':
        c = U'О';
        break;
      case U'3':
      case U'З':
      case U'Э':
        c = U'З';
        break;
      case U'Ш':
      case U'Щ':
      case U'W':
        c = U'Ш';
        break;
      case U'I':
      case U'L':
      case U'1':
      case U'|':
        c = U'I';
        break;
      case U'A':
      case U'А':
      case U'Д':
      case U'G':
        c = U'А';
        break;
      case U'S':
      case U'5':
        c = U'S';
        break;
      case U'H':
      case U'Н':
        c = U'Н';
        break;
      case U'K':
      case U'К':
        c = U'К';
        break;
      case U'E':
      case U'Е':
      case U'Ё':
      case U'Є':
        c = U'Е';
        break;
      case U'C':
      case U'С':
        c = U'С';
        break;
      case U'P':
      case U'Р':
        c = U'Р';
        break;
      case U'X':
      case U'Х':
      case U'Ж':
        c = U'Х';
        break;
      default:
        break;
    }
    out.push_back(c);
  }
  return out;
}

const RE2& PatternData::field(const std::string& name) const {
  auto it = fields.find(name);
  if (it == fields.end()) throw std::out_of_range("fields.tsv has no pattern named " + name);
  return *it->second;
}

namespace {

// Lines of a TSV data file without comments and blank lines, with their line numbers.
std::vector<std::pair<int, std::vector<std::string>>> read_tsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::vector<std::pair<int, std::vector<std::string>>> rows;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> columns;
    std::stringstream ss(line);
    std::string column;
    while (std::getline(ss, column, '\t')) columns.push_back(column);
    rows.emplace_back(number, std::move(columns));
  }
  return rows;
}

std::string where(const std::string& path, int line) {
  return path + ":" + std::to_string(line);
}

void load_labels(const std::string& path, PatternData& data) {
  for (auto& [line, columns] : read_tsv(path)) {
    if (columns.size() != 2 || columns[0].empty() || columns[1].empty())
      throw std::runtime_error(where(path, line) + ": expected box<TAB>label");
    LabelSpelling spelling;
    spelling.box = columns[0];
    spelling.text = columns[1];
    spelling.letters = fold_letters(columns[1]);
    spelling.skeleton = label_skeleton(spelling.letters);
    spelling.line = line;
    std::stringstream words(columns[1]);
    std::string word;
    while (words >> word) ++spelling.word_count;
    if (spelling.letters.empty())
      throw std::runtime_error(where(path, line) + ": label has no letters");
    data.labels.push_back(std::move(spelling));
  }
}

void load_end_use(const std::string& path, PatternData& data) {
  static const std::map<std::string, EndUsePhrase::Kind> kinds = {
      {"military", EndUsePhrase::Kind::Military},
      {"civil", EndUsePhrase::Kind::Civil},
      {"dual", EndUsePhrase::Kind::Dual},
      {"negator", EndUsePhrase::Kind::Negator},
      {"contract", EndUsePhrase::Kind::Contract}};
  for (auto& [line, columns] : read_tsv(path)) {
    if (columns.size() != 2)
      throw std::runtime_error(where(path, line) + ": expected kind<TAB>phrase");
    auto kind = kinds.find(columns[0]);
    if (kind == kinds.end())
      throw std::runtime_error(where(path, line) + ": unknown kind '" + columns[0] + "'");
    EndUsePhrase phrase;
    phrase.kind = kind->second;
    phrase.text = columns[1];
    phrase.line = line;
    std::stringstream words(columns[1]);
    std::string word;
    while (words >> word) {
      bool stem = word.back() == '*';
      if (stem) word.pop_back();
      std::u32string folded = fold_letters(word);
      if (folded.empty()) throw std::runtime_error(where(path, line) + ": empty word in phrase");
      phrase.words.push_back(folded);
      phrase.stem.push_back(stem);
    }
    if (phrase.words.empty()) throw std::runtime_error(where(path, line) + ": empty phrase");
    data.end_use.push_back(std::move(phrase));
  }
}

// DIGIT in a field pattern: a digit or a letter OCR confuses with one.
constexpr const char* kDigitClass = "[0-9OОЗIl|Б]";

void load_fields(const std::string& path, PatternData& data) {
  for (auto& [line, columns] : read_tsv(path)) {
    if (columns.size() != 2 || columns[0].empty())
      throw std::runtime_error(where(path, line) + ": expected name<TAB>pattern");
    std::string pattern = columns[1];
    for (size_t at; (at = pattern.find("DIGIT")) != std::string::npos;)
      pattern.replace(at, 5, kDigitClass);
    RE2::Options options;
    options.set_encoding(RE2::Options::EncodingUTF8);
    options.set_log_errors(false);
    auto re = std::make_unique<RE2>(pattern, options);
    if (!re->ok())
      throw std::runtime_error(where(path, line) + ": pattern '" + columns[0] +
                               "' does not compile: " + re->error());
    data.fields[columns[0]] = std::move(re);
  }
  for (const char* required :
       {"direction", "see_box", "inn_kpp", "ogrn", "id_marker", "address_line", "currency_total",
        "integer", "number", "contract_id"})
    if (!data.fields.count(required))
      throw std::runtime_error(path + ": missing pattern '" + required + "'");
}

// An optional grid file: box<TAB>row<TAB>column[<TAB>x] (see item_grid.tsv, header_grid.tsv).
void load_grid(const std::string& path, std::map<std::string, PatternData::GridSlot>& grid) {
  std::ifstream probe(path);
  if (!probe) return;
  for (auto& [line, columns] : read_tsv(path)) {
    double row = -1, x = -1;
    int column = -1;
    if ((columns.size() == 3 || columns.size() == 4) && !columns[0].empty()) {
      try {
        size_t used_row = 0, used_column = 0, used_x = 0;
        row = std::stod(columns[1], &used_row);
        column = std::stoi(columns[2], &used_column);
        if (columns.size() == 4) {
          x = std::stod(columns[3], &used_x);
          if (used_x != columns[3].size() || !(x >= 0 && x <= 10)) row = -1;
        }
        if (used_row != columns[1].size() || used_column != columns[2].size()) row = -1;
      } catch (const std::exception&) {
        row = -1;
      }
    }
    if (!(row >= 0 && row <= 30) || column < 0 || column > 30)
      throw std::runtime_error(where(path, line) + ": expected box<TAB>row<TAB>column[<TAB>x]");
    grid[columns[0]] = PatternData::GridSlot{row, column, x};
  }
}

}  // namespace

Patterns Patterns::load(const std::string& dir) {
  auto data = std::make_shared<PatternData>();
  load_labels(dir + "/labels.tsv", *data);
  load_end_use(dir + "/end_use.tsv", *data);
  load_fields(dir + "/fields.tsv", *data);
  std::ifstream designations(dir + "/designations.tsv");
  if (designations) data->designations = DesignationLexicon::load(dir + "/designations.tsv");
  if (std::ifstream procedures(dir + "/procedures.tsv"); procedures) {
    for (auto& [line, columns] : read_tsv(dir + "/procedures.tsv")) {
      if (columns.empty() || columns[0].size() != 2 ||
          !std::all_of(columns[0].begin(), columns[0].end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        throw std::runtime_error(where(dir + "/procedures.tsv", line) +
                                 ": expected a two-digit procedure code");
      data->procedures.insert(columns[0]);
    }
  }
  if (std::ifstream letters(dir + "/ocr_letters.tsv"); letters) {
    for (auto& [line, columns] : read_tsv(dir + "/ocr_letters.tsv")) {
      std::u32string a = columns.size() == 2 ? to_u32(columns[0]) : U"",
                     b = columns.size() == 2 ? to_u32(columns[1]) : U"";
      if (a.size() != 1 || b.size() != 1 || a == b)
        throw std::runtime_error(where(dir + "/ocr_letters.tsv", line) +
                                 ": expected two different letters");
      data->ocr_letters.insert({a[0], b[0]});
      data->ocr_letters.insert({b[0], a[0]});
    }
  }
  std::ifstream prior(dir + "/country_prior.tsv");
  if (prior) {
    for (auto& [line, columns] : read_tsv(dir + "/country_prior.tsv")) {
      if (columns.size() != 1 || columns[0].size() != 2)
        throw std::runtime_error(where(dir + "/country_prior.tsv", line) +
                                 ": expected one alpha-2 code");
      data->country_prior.push_back(columns[0]);
    }
  }
  load_grid(dir + "/item_grid.tsv", data->item_grid);
  load_grid(dir + "/header_grid.tsv", data->header_grid);
  if (std::ifstream tokens(dir + "/address_tokens.tsv"); tokens)
    for (auto& [line, columns] : read_tsv(dir + "/address_tokens.tsv")) {
      if (columns.size() != 3 || columns[0].empty() || columns[1].empty() ||
          (columns[2] != "always" && columns[2] != "before-number"))
        throw std::runtime_error(where(dir + "/address_tokens.tsv", line) +
                                 ": expected read<TAB>printed<TAB>always|before-number");
      data->address_tokens.push_back({columns[0], columns[1], columns[2] == "before-number"});
    }
  if (std::ifstream stops(dir + "/description_stops.tsv"); stops)
    for (auto& [line, columns] : read_tsv(dir + "/description_stops.tsv")) {
      std::u32string letters = columns.size() == 1 ? fold_letters(columns[0]) : U"";
      if (letters.size() < 4)
        throw std::runtime_error(where(dir + "/description_stops.tsv", line) +
                                 ": expected one caption of four or more letters");
      data->description_stops.push_back(label_skeleton(letters));
    }
  if (std::ifstream reread(dir + "/reread.tsv"); reread)
    for (auto& [line, columns] : read_tsv(dir + "/reread.tsv")) {
      using Check = PatternData::RereadBox::Check;
      static const std::map<std::string, Check> kChecks = {{"number", Check::Number},
                                                           {"count", Check::Count},
                                                           {"hs", Check::Hs},
                                                           {"country", Check::Country},
                                                           {"country-name", Check::CountryName},
                                                           {"amount", Check::Amount},
                                                           {"latin", Check::Latin}};
      if (columns.size() != 3 || columns[0].empty() || !kChecks.count(columns[1]) ||
          columns[2].empty())
        throw std::runtime_error(where(dir + "/reread.tsv", line) +
                                 ": expected box<TAB>a check of reread.tsv<TAB>charset or -");
      data->reread[columns[0]] = {kChecks.at(columns[1]), columns[2] == "-" ? "" : columns[2]};
    }
  Patterns patterns;
  patterns.data_ = std::move(data);
  patterns.dir_ = dir;
  return patterns;
}

}  // namespace declx
