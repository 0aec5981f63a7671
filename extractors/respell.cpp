#include "extractors/respell.h"

#include <map>
#include <optional>

#include "extractors/patterns.h"
#include "normalizers/script.h"

namespace declx {
namespace {

// Measured on generated declarations (fax, scans, broken text layers): shorter words have
// chance neighbours ("СНОВЕ" → "СНОБЕ" for ОСНОВЕ), and a replacement no usual confusion
// explains changed a technical word the dictionary lacks ("МОЛДИНГИ" → "ХОЛДИНГИ"). Long
// words are not split in two: compounds the dictionary lacks split into known parts
// ("АВИАМОТОРНАЯ" → "АВИА МОТОРНАЯ", "КОРМУСАХ" → "КОРМ УСАХ").
constexpr size_t kMinReplaced = 6;     // letters of a word one letter is replaced in
constexpr size_t kMinRegroupPart = 3;  // letters of each word of two neighbours regrouped
constexpr size_t kMaxShift = 2;        // letters the gap between two neighbours moves

bool is_cyrillic_capital(char32_t c) {
  return (c >= U'А' && c <= U'Я') || c == U'Ё';
}

bool is_vowel(char32_t c) {
  return std::u32string_view(U"АЕЁИОУЫЭЮЯ").find(c) != std::u32string_view::npos;
}

size_t vowels(const std::u32string& word) {
  size_t n = 0;
  for (char32_t c : word) n += is_vowel(c);
  return n;
}

// A space-separated token: punctuation around a core of letters.
struct Token {
  std::u32string prefix, core, suffix;
  std::u32string work;  // the core in Cyrillic capitals, Ё as Е; empty: not a word we touch
  bool latin = false;   // the core is Latin look-alikes only
  std::u32string text() const { return prefix + core + suffix; }
};

Token tokenize(const std::u32string& text) {
  Token token;
  size_t begin = 0, end = text.size();
  auto letter = [](char32_t c) {
    return is_cyrillic_capital(c) || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') ||
           (c >= U'а' && c <= U'я') || c == U'ё' || (c >= U'0' && c <= U'9');
  };
  while (begin < end && !letter(text[begin])) ++begin;
  while (end > begin && !letter(text[end - 1])) --end;
  token.prefix = text.substr(0, begin);
  token.core = text.substr(begin, end - begin);
  token.suffix = text.substr(end);
  // Latin capitals with a Cyrillic look-alike (A B C E H K M O P T X Y) read as that; any
  // other character leaves the token alone
  std::u32string work = cyrillic_capitals(token.core);
  bool cyrillic = false, ok = !work.empty();
  for (size_t i = 0; i < work.size() && ok; ++i) {
    ok = is_cyrillic_capital(work[i]);
    cyrillic |= work[i] == token.core[i];
    if (work[i] == U'Ё') work[i] = U'Е';
  }
  if (ok) {
    token.work = work;
    token.latin = !cyrillic;
  }
  return token;
}

class Respeller {
 public:
  Respeller(const Dictionary& dictionary, const PatternData& patterns)
      : dictionary_(dictionary), patterns_(patterns) {}

  bool known(const std::u32string& word) {
    auto [it, inserted] = known_.try_emplace(word, false);
    if (inserted) {
      const std::string utf8 = to_utf8(word);
      it->second = dictionary_.known(utf8) ||
                   (patterns_.designations && patterns_.designations->canonical(utf8).ok());
    }
    return it->second;
  }

  // A part of a re-split pair: a known word of three letters or more, or a one-letter word
  // (two-letter words make too many chance splits: "ВС ВОРЕ").
  bool known_part(const std::u32string& part) {
    if (part.size() == 1)
      return std::u32string_view(U"АВИКОСУЯ").find(part[0]) != std::u32string_view::npos;
    return part.size() >= kMinRegroupPart && known(part);
  }

  // Step 1: the one other reading of two neighbours' letters, as one word or two.
  std::optional<std::vector<std::u32string>> regroup(const std::u32string& first,
                                                     const std::u32string& second) {
    const std::u32string letters = first + second;
    std::vector<std::vector<std::u32string>> readings;
    if (known(letters)) readings.push_back({letters});
    for (size_t k = 1; k < letters.size(); ++k) {
      // the gap moved by a letter or two, as a speck or a lost space moves it
      if (k == first.size() || k + kMaxShift < first.size() || k > first.size() + kMaxShift)
        continue;
      std::u32string a = letters.substr(0, k), b = letters.substr(k);
      if (known_part(a) && known_part(b)) readings.push_back({a, b});
    }
    if (readings.size() != 1) return std::nullopt;
    return readings.front();
  }

  // Step 2: the known word one replaced letter away.
  std::optional<std::u32string> replace_one(const std::u32string& word) {
    if (word.size() < kMinReplaced || vowels(word) < 2) return std::nullopt;
    std::vector<std::u32string> confused;
    for (size_t i = 0; i < word.size(); ++i)
      for (char32_t c = U'А'; c <= U'Я'; ++c) {
        if (c == word[i]) continue;
        std::u32string candidate = word;
        candidate[i] = c;
        if (patterns_.ocr_letters.count({word[i], c}) && known(candidate))
          confused.push_back(candidate);
      }
    if (confused.size() == 1) return confused.front();
    return std::nullopt;
  }

 private:
  const Dictionary& dictionary_;
  const PatternData& patterns_;
  std::map<std::u32string, bool> known_;
};

std::vector<std::u32string> split_spaces(const std::u32string& text) {
  std::vector<std::u32string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(U' ', start);
    if (end == std::u32string::npos) end = text.size();
    if (end > start) parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

}  // namespace

std::string respell_ocr_words(std::string_view text, const Dictionary& dictionary,
                              const PatternData& patterns, std::vector<std::string>& repairs) {
  const std::u32string wide = to_u32(text);
  const LetterCounts letters = count_letters(wide);
  if (letters.cyrillic <= letters.latin) return std::string(text);

  std::vector<Token> tokens;
  for (const std::u32string& part : split_spaces(wide)) tokens.push_back(tokenize(part));
  Respeller respeller(dictionary, patterns);
  // A word of look-alikes is taken for Russian only between Russian words (or at an end).
  auto russian_context = [&](size_t i) {
    auto cyrillic_word = [&](size_t j) { return !tokens[j].work.empty() && !tokens[j].latin; };
    return (i == 0 || cyrillic_word(i - 1)) && (i + 1 >= tokens.size() || cyrillic_word(i + 1));
  };
  auto usable = [&](size_t i) {
    return !tokens[i].work.empty() && (!tokens[i].latin || russian_context(i));
  };
  auto record = [&](const std::u32string& before, const std::u32string& after) {
    repairs.push_back("dictionary: " + to_utf8(before) + "→" + to_utf8(after));
  };

  // Step 1: neighbours regrouped.
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    Token &a = tokens[i], &b = tokens[i + 1];
    if (!usable(i) || !usable(i + 1) || !a.suffix.empty() || !b.prefix.empty()) continue;
    if (respeller.known(a.work) && respeller.known(b.work)) continue;
    auto reading = respeller.regroup(a.work, b.work);
    if (!reading) continue;
    const std::u32string before = a.core + U" " + b.core;
    Token merged;
    merged.prefix = a.prefix;
    merged.suffix = b.suffix;
    if (reading->size() == 1) {
      merged.core = merged.work = (*reading)[0];
      record(before, merged.core);
      tokens[i] = merged;
      tokens.erase(tokens.begin() + static_cast<long>(i) + 1);
    } else {
      record(before, (*reading)[0] + U" " + (*reading)[1]);
      a.core = a.work = (*reading)[0];
      b.core = b.work = (*reading)[1];
      a.latin = b.latin = false;
    }
  }

  // An unknown word of two vowels or more right beside (no mark between) is the other part of
  // a word split at a line's end ("ПОМЕХОПОДА ВЛЯЮЩИЕ", a compound the dictionary lacks):
  // neither part is a misread word, and "ВЛЯЮЩИЕ" must not become "ВАЯЮЩИЕ".
  auto beside_fragment = [&](size_t i) {
    auto fragment = [&](size_t j) {
      return usable(j) && vowels(tokens[j].work) >= 2 && !respeller.known(tokens[j].work);
    };
    return (i > 0 && tokens[i - 1].suffix.empty() && tokens[i].prefix.empty() && fragment(i - 1)) ||
           (i + 1 < tokens.size() && tokens[i].suffix.empty() && tokens[i + 1].prefix.empty() &&
            fragment(i + 1));
  };

  // Steps 2-3: one word at a time.
  std::vector<Token> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    Token token = tokens[i];
    if (usable(i)) {
      if (respeller.known(token.work)) {
        if (token.work != token.core) {  // Ё, or look-alikes between Russian words
          record(token.core, token.work);
          token.core = token.work;
        }
      } else if (!beside_fragment(i)) {
        if (auto replaced = respeller.replace_one(token.work)) {
          record(token.core, *replaced);
          token.core = *replaced;
        }
      }
    }
    out.push_back(token);
  }
  std::u32string result;
  for (const Token& token : out) {
    if (!result.empty()) result.push_back(U' ');
    result += token.text();
  }
  return to_utf8(result);
}

}  // namespace declx
