#include "extractors/end_use.h"

#include <unicode/uchar.h>

#include "normalizers/script.h"
#include "normalizers/text.h"

namespace declx {
namespace {

struct Token {
  std::u32string folded;
  size_t begin = 0, end = 0;  // bytes in the statement
};

size_t utf8_sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

// Words of a statement: runs of letters and digits (a '-' inside a word is kept, so that
// "С-400" stays one token for the designation lexicon but folds to "С400").
std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    size_t length = utf8_sequence_length(static_cast<unsigned char>(text[i]));
    std::u32string c = to_u32(text.substr(i, length));
    bool word_char = !c.empty() && u_isalnum(static_cast<UChar32>(c[0]));
    if (!word_char) {
      i += length;
      continue;
    }
    size_t begin = i;
    while (i < text.size()) {
      size_t l = utf8_sequence_length(static_cast<unsigned char>(text[i]));
      std::u32string d = to_u32(text.substr(i, l));
      bool inner_dash = d == U"-" && i + 1 < text.size() && i > begin;
      if (d.empty() || (!u_isalnum(static_cast<UChar32>(d[0])) && !inner_dash)) break;
      i += l;
    }
    std::string_view word = text.substr(begin, i - begin);
    while (!word.empty() && word.back() == '-') word.remove_suffix(1);
    tokens.push_back(Token{fold_letters(word), begin, begin + word.size()});
  }
  return tokens;
}

bool word_matches(const std::u32string& token, const std::u32string& word, bool stem) {
  size_t tolerance = word.size() >= 6 ? 1 : 0;
  if (stem) {
    if (token.size() < word.size())
      return token.size() + tolerance >= word.size() && tolerance &&
             edit_distance(token, word, tolerance) <= tolerance;
    return edit_distance(std::u32string_view(token).substr(0, word.size()), word, tolerance) <=
           tolerance;
  }
  return edit_distance(token, word, tolerance) <= tolerance;
}

// Length in tokens of `phrase` matched at token i, or 0.
// A word OCR split with a space ("ГРАЖДАНСКОГО ПР ИМЕНЕНИЯ") matches as its two tokens joined,
// tried only when the token alone does not match and the first part is at most three letters
// (a longer part is a word of its own).
size_t match_phrase(const std::vector<Token>& tokens, size_t i, const EndUsePhrase& phrase) {
  size_t t = i;
  for (size_t k = 0; k < phrase.words.size(); ++k, ++t) {
    if (t >= tokens.size()) return 0;
    if (word_matches(tokens[t].folded, phrase.words[k], phrase.stem[k])) {
      // the ending of a stem's word OCR split off ("ГОСУДАРСТВЕНН ОГО ОБОРОННОГО"): the word
      // stops where the stem does, and a token of at most three letters that the next phrase
      // word does not take (and that is not the negator НЕ) goes with it
      if (phrase.stem[k] && k + 1 < phrase.words.size() && t + 1 < tokens.size() &&
          tokens[t].folded.size() <= phrase.words[k].size() && tokens[t + 1].folded.size() <= 3 &&
          tokens[t + 1].folded != U"НЕ" && tokens[t + 1].folded != U"HE" &&
          !word_matches(tokens[t + 1].folded, phrase.words[k + 1], phrase.stem[k + 1]) &&
          t + 2 < tokens.size() &&
          word_matches(tokens[t + 2].folded, phrase.words[k + 1], phrase.stem[k + 1]))
        ++t;
      continue;
    }
    if (t + 1 < tokens.size() && tokens[t].folded.size() <= 3 &&
        word_matches(tokens[t].folded + tokens[t + 1].folded, phrase.words[k], phrase.stem[k])) {
      ++t;
      continue;
    }
    return 0;
  }
  return t - i;
}

// Statement boundaries: ';', ',' (not a decimal comma), '.' before a space/end, "N)" prefixes.
std::vector<std::pair<size_t, size_t>> statements(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t start = 0;
  auto flush = [&](size_t end) {
    size_t b = start, e = end;
    while (b < e && (text[b] == ' ' || text[b] == ',')) ++b;
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == ',')) --e;
    if (e > b) out.emplace_back(b, e);
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool decimal_comma = c == ',' && i > 0 && i + 1 < text.size() &&
                         std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
                         std::isdigit(static_cast<unsigned char>(text[i + 1]));
    if (c == ';' || (c == ',' && !decimal_comma)) {
      flush(i);
      start = i + 1;
    } else if (c == '.' && (i + 1 == text.size() || text[i + 1] == ' ')) {
      // keep abbreviations of one or two letters ("Г.", "УЛ.", "ТОВ.") inside a statement
      size_t word_start = i;
      while (word_start > 0 && text[word_start - 1] != ' ') --word_start;
      if (utf8_length(text.substr(word_start, i - word_start)) <= 4) continue;
      flush(i + 1);
      start = i + 1;
    } else if (c == ')' && i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]))) {
      size_t digits = i;
      while (digits > 0 && std::isdigit(static_cast<unsigned char>(text[digits - 1]))) --digits;
      if (digits == 0 || text[digits - 1] == ' ') {
        flush(digits);
        start = i + 1;
      }
    }
  }
  flush(text.size());
  return out;
}

std::string digits_only(std::string_view text) {
  std::string out;
  for (char c : text)
    if (std::isdigit(static_cast<unsigned char>(c))) out += c;
  return out;
}

// What a word reads as in the lexicon, or "" when it is no term: a designation's canonical
// name, or a one-word phrase of letters only (the digit forms "3РС" in end_use.tsv are
// themselves OCR readings, not spellings).
std::string lexicon_term(const std::u32string& word, const PatternData& patterns) {
  std::string text = to_utf8(word);
  if (patterns.designations) {
    Parsed<std::string> designation = patterns.designations->canonical(text);
    if (designation.ok()) return *designation.value;
  }
  for (char32_t c : word)
    if (!u_isalpha(static_cast<UChar32>(c))) return "";
  std::u32string folded = fold_letters(text);
  for (const EndUsePhrase& phrase : patterns.end_use)
    if (phrase.kind != EndUsePhrase::Kind::Negator && phrase.words.size() == 1 && !phrase.stem[0] &&
        phrase.words[0] == folded)
      return phrase.text;
  return "";
}

// One place in a word where OCR may have read a printed character as something else.
struct Confusion {
  size_t at = 0, length = 1;      // characters of the word as read
  std::vector<char32_t> printed;  // what the print may have had there
};

std::vector<Confusion> confusions_in(const std::u32string& word) {
  std::vector<Confusion> out;
  for (size_t i = 0; i < word.size(); ++i) {
    char32_t c = word[i], next = i + 1 < word.size() ? word[i + 1] : 0;
    if ((c == U'/' && (next == U'1' || next == U'I' || next == U'l')) ||
        (c == U'J' && (next == U'I' || next == U'l'))) {
      out.push_back({i, 2, {U'Л'}});
      ++i;
    } else if (c == U'3') {
      out.push_back({i, 1, {U'З'}});
    } else if (c == U'0') {
      out.push_back({i, 1, {U'О', U'Ф'}});
    } else if (c == U'O' || c == U'О') {
      out.push_back({i, 1, {U'0', U'Ф'}});
    } else if (c == U'U') {
      out.push_back({i, 1, {U'И'}});
    } else if (c == U'?') {
      out.push_back({i, 1, {U'2'}});
    } else if (c == U'б') {
      out.push_back({i, 1, {U'6'}});
    } else if (c == U'Э') {  // a fax's 9 ("Э6Л6Е")
      out.push_back({i, 1, {U'9'}});
    }
  }
  return out;
}

// The word with `chosen` confusions undone (each: index into `sites`, printed character).
std::u32string undo(const std::u32string& word, const std::vector<Confusion>& sites,
                    const std::vector<std::pair<size_t, char32_t>>& chosen) {
  std::u32string out;
  size_t i = 0;
  for (const auto& [site, printed] : chosen) {
    out += word.substr(i, sites[site].at - i);
    out += printed;
    i = sites[site].at + sites[site].length;
  }
  return out + word.substr(i);
}

// A spelling that holds a Cyrillic letter after the confusions were undone is written in
// Cyrillic throughout ("TPИYMФ" → "ТРИУМФ"): its Latin letters were look-alikes too.
std::u32string cyrillic_spelling(std::u32string word) {
  bool cyrillic = false;
  for (char32_t c : word) cyrillic |= (c >= U'А' && c <= U'я') || c == U'Ё' || c == U'ё';
  return cyrillic ? cyrillic_capitals(std::move(word)) : word;
}

bool cyrillic_text(std::string_view text) {
  const LetterCounts letters = count_letters(to_u32(text));
  return letters.cyrillic > letters.latin;
}

}  // namespace

std::string spell_lexicon_terms(std::string_view text, const PatternData& patterns,
                                std::vector<std::string>& repairs) {
  if (!cyrillic_text(text)) return std::string(text);
  static const std::u32string kOpen = U"«\"'(„“", kClose = U"»\"'),.;:“”";
  std::string out;
  size_t start = 0;
  bool follows_order_context = false;  // the word before was РАМКАХ or ЗАКАЗ*
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    std::u32string token = to_u32(text.substr(start, end - start));
    size_t begin = 0, stop = token.size();
    while (begin < stop && kOpen.find(token[begin]) != std::u32string::npos) ++begin;
    while (stop > begin && kClose.find(token[stop - 1]) != std::u32string::npos) --stop;
    std::u32string core = token.substr(begin, stop - begin);
    // A word of digits and marks alone ("96/16", "2?") is a number, never a term.
    bool letter = false;
    for (char32_t c : core)
      letter |= u_isalpha(static_cast<UChar32>(c)) && !(c == U'I' || c == U'l' || c == U'б');
    std::vector<Confusion> sites;
    if (letter && core.size() >= 3 && core.size() <= 14 && lexicon_term(core, patterns).empty())
      sites = confusions_in(core);
    // Fewest confusions first: one, then two; a term must come out of exactly one spelling.
    std::u32string spelled;
    std::string term;
    bool ambiguous = false;
    if (!sites.empty() && sites.size() <= 6) {
      for (size_t count = 1; count <= 2 && spelled.empty() && !ambiguous; ++count) {
        std::vector<std::vector<std::pair<size_t, char32_t>>> choices;
        for (size_t a = 0; a < sites.size(); ++a)
          for (char32_t pa : sites[a].printed) {
            if (count == 1) {
              choices.push_back({{a, pa}});
              continue;
            }
            for (size_t b = a + 1; b < sites.size(); ++b)
              for (char32_t pb : sites[b].printed) choices.push_back({{a, pa}, {b, pb}});
          }
        for (const auto& chosen : choices) {
          std::u32string candidate = cyrillic_spelling(undo(core, sites, chosen));
          std::string found = lexicon_term(candidate, patterns);
          if (found.empty()) continue;
          if (!spelled.empty() && candidate != spelled) ambiguous = true;
          spelled = candidate, term = found;
        }
      }
    }
    // "В РАМКАХ [03", "£03": ГОЗ read with Г as a bracket, I or £ and О, З as digits. Only right
    // after РАМКАХ (or ЗАКАЗА), only three characters each a reading of its letter, and only with a
    // mark or letter first: a number there stays a number.
    if (spelled.empty() && !ambiguous && core.size() == 3 && follows_order_context &&
        std::u32string(U"[{(|IlГг1£").find(core[0]) != std::u32string::npos && core[0] != U'1' &&
        std::u32string(U"ОоOo0").find(core[1]) != std::u32string::npos &&
        std::u32string(U"Зз3").find(core[2]) != std::u32string::npos && core != U"ГОЗ") {
      spelled = U"ГОЗ";
      term = "ГОЗ";
    }
    static const std::u32string kWithin = fold_letters("РАМКАХ"), kOrder = fold_letters("ЗАКАЗ");
    const std::u32string folded_core = fold_letters(to_utf8(core));
    follows_order_context = folded_core == kWithin || folded_core.rfind(kOrder, 0) == 0;
    std::string word = to_utf8(token);
    if (!spelled.empty() && !ambiguous) {
      std::string read = to_utf8(core);
      word = to_utf8(token.substr(0, begin) + spelled + token.substr(stop));
      repairs.push_back("lexicon: " + read + "→" + to_utf8(spelled) + " (OCR look-alikes of " +
                        term + ")");
    }
    if (!out.empty() || start > 0) out += ' ';
    out += word;
    start = end + 1;
  }
  return out;
}

std::vector<EndUseSpan> find_end_use_notes(std::string_view text, const PatternData& patterns) {
  std::vector<EndUseSpan> notes;
  // A phrase that OCR broke with a dot ("ГРАЖДАНСКОГО. НАЗНАЧЕНИЯ"): two statements whose
  // joint tokens hold a phrase of two or more words across the boundary are one statement.
  std::vector<std::pair<size_t, size_t>> spans = statements(text);
  for (size_t i = 0; i + 1 < spans.size(); ++i) {
    std::vector<Token> left =
        tokenize(text.substr(spans[i].first, spans[i].second - spans[i].first));
    std::vector<Token> right =
        tokenize(text.substr(spans[i + 1].first, spans[i + 1].second - spans[i + 1].first));
    if (left.empty() || right.empty()) continue;
    std::vector<Token> joint = {left.back()};
    joint.insert(joint.end(), right.begin(), right.end());
    bool across = false;
    for (const EndUsePhrase& phrase : patterns.end_use)
      across |= phrase.words.size() >= 2 && phrase.kind != EndUsePhrase::Kind::Negator &&
                match_phrase(joint, 0, phrase) >= 2;
    if (!across) continue;
    spans[i].second = spans[i + 1].second;
    spans.erase(spans.begin() + static_cast<long>(i + 1));
    --i;
  }
  for (auto [begin, end] : spans) {
    std::string_view statement = text.substr(begin, end - begin);
    std::vector<Token> tokens = tokenize(statement);
    bool military = false, civil = false, dual = false, contract_marker = false;
    EndUseNote note;
    std::vector<size_t> military_starts;
    std::vector<bool> negator_at(tokens.size(), false);
    for (size_t i = 0; i < tokens.size(); ++i) {
      // Longest phrase at this token wins (civil "НЕ ВОЕННОГО НАЗНАЧЕНИЯ" over negator "НЕ").
      // Longer means more phrase words; the tokens it took (best_length) may be more.
      const EndUsePhrase* best = nullptr;
      size_t best_length = 0;
      for (const EndUsePhrase& phrase : patterns.end_use) {
        size_t length = match_phrase(tokens, i, phrase);
        if (length > 0 && (!best || phrase.words.size() > best->words.size()))
          best = &phrase, best_length = length;
      }
      if (!best) continue;
      note.matched.push_back(best->text);
      switch (best->kind) {
        case EndUsePhrase::Kind::Military:
          military_starts.push_back(i);
          break;
        case EndUsePhrase::Kind::Civil:
          civil = true;
          break;
        case EndUsePhrase::Kind::Dual:
          dual = true;
          break;
        case EndUsePhrase::Kind::Negator:
          negator_at[i] = true;
          note.matched.pop_back();
          break;
        case EndUsePhrase::Kind::Contract:
          contract_marker = true;
          break;
      }
      if (best->kind != EndUsePhrase::Kind::Negator) i += best_length - 1;
    }
    for (size_t start : military_starts) {
      bool negated = (start >= 1 && negator_at[start - 1]) || (start >= 2 && negator_at[start - 2]);
      if (negated)
        civil = true;
      else
        military = true;
    }
    if (patterns.designations) {
      auto found = patterns.designations->find_all(statement);
      // OCR splits a designation at a wide letter ("ИС КАНДЕР-М", "С У-35С"): with none
      // found, each space between two words is tried closed, one at a time.
      for (size_t at = statement.find(' '); found.empty() && at != std::string_view::npos;
           at = statement.find(' ', at + 1)) {
        std::string joined =
            std::string(statement.substr(0, at)) + std::string(statement.substr(at + 1));
        found = patterns.designations->find_all(joined);
      }
      for (const DesignationMatch& match : found) {
        note.system = match.canonical;  // the last one names the system ("РЛС 96Л6Е ЗРС С-400")
        note.matched.push_back("designation " + match.canonical);
        military = true;
      }
    }
    std::string contract;
    re2::StringPiece input(statement.data(), statement.size());
    std::string captured;
    while (RE2::FindAndConsume(&input, patterns.field("contract_id"), &captured)) {
      std::string digits = digits_only(captured);
      if (digits.size() == 20 || digits.size() == 25) {
        contract = digits;
        break;
      }
    }
    if (!contract.empty()) {
      note.contract_id = contract;
      note.matched.push_back("contract id");
      // 25-digit identifiers are issued for state defence orders (ГОЗ) only.
      if (contract.size() == 25) military = true;
    }
    bool has_contract = !contract.empty() || contract_marker;
    if (!military && !civil && !dual && !has_contract && !note.system) continue;
    note.negated = civil;
    note.military = military && !civil;
    note.text = std::string(statement);
    notes.push_back(EndUseSpan{std::move(note), begin, end});
  }
  return notes;
}

// Whether `text` starts the way end-use statements do even where OCR damaged them beyond the
// lexicon ("ГРАЖДАНСКОГО мени", "ДЛЯ ВЕРТОЛЕТА KA+52"): with ДЛЯ or В, which open "ДЛЯ НУЖД
// ...", "В РАМКАХ ...", or with the first word of a phrase of four letters or more.
bool opens_statement(std::string_view text, const PatternData& patterns) {
  const std::vector<Token> tokens = tokenize(text);
  if (tokens.empty()) return false;
  const std::u32string& first = tokens.front().folded;
  if (first == U"ДЛЯ" || first == U"В" || first == U"B") return true;
  for (const EndUsePhrase& phrase : patterns.end_use)
    if (!phrase.words.empty() && phrase.words[0].size() >= 4 &&
        word_matches(first, phrase.words[0], phrase.stem[0]))
      return true;
  return false;
}

// Whether the mark at `at` is the text's first ',', '.', ':' or ';'.
bool first_mark(const std::string& text, size_t at) {
  return text.find_first_of(",.:;!") == at;
}

// Words after a colon in which an end-use note must start for the colon to be read as a
// semicolon: "ДЛЯ НУЖД МИНИСТЕРСТВА ОБОРОНЫ", "ТОВАР НЕ ВОЕННОГО НАЗНАЧЕНИЯ".
constexpr int kClauseHeadWords = 4;

std::string settle_clause_marks(std::string_view text, const PatternData& patterns,
                                std::vector<std::string>& repairs) {
  std::string out(text);
  for (size_t at = 0; at < out.size(); ++at) {
    const char mark = out[at];
    // a mark attached to the word before it, a space after it
    if ((mark != ':' && mark != ';' && mark != '!') || at == 0 || out[at - 1] == ' ' ||
        at + 1 >= out.size() || out[at + 1] != ' ')
      continue;
    // up to the next ';' (the statement and what continues it), and its first words
    const std::string_view rest = std::string_view(out).substr(at + 1, out.find(';', at + 1) - at);
    size_t head_end = 0;
    for (int words = 0; words < kClauseHeadWords && head_end != std::string_view::npos; ++words)
      head_end = rest.find(' ', rest.find_first_not_of(' ', head_end));
    std::string_view head = rest.substr(0, head_end);
    head = head.substr(0, head.find_first_of(",;"));  // within its own statement
    char settled = mark;
    if (mark != ';' && !find_end_use_notes(head, patterns).empty())
      settled = ';';
    else if (mark != ':' && first_mark(out, at) && !opens_statement(rest, patterns) &&
             find_end_use_notes(rest.substr(0, rest.find(',')), patterns).empty())
      settled = ':';
    if (settled == mark) continue;
    size_t word = out.rfind(' ', at);
    word = word == std::string::npos ? 0 : word + 1;
    repairs.push_back(
        "ocr-punctuation: '" + out.substr(word, at - word + 1) + "' → '" + std::string(1, settled) +
        "' (" + (settled == ';' ? "an end-use statement follows" : "no end-use statement follows") +
        ")");
    out[at] = settled;
  }
  return out;
}

}  // namespace declx
