#include "readers/text_layer_health.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <string>
#include <unordered_set>

namespace declx {
namespace {

// Common English function words (of two letters or more, and not "no": Russian «по» and
// «а» come out of a broken font as "no" and "a"). Genuine English prose is 30-50% function
// words; garbage from unmapped Cyrillic fonts almost never produces them.
const std::unordered_set<std::string>& function_words() {
  static const std::unordered_set<std::string> words = {
      "about",   "above",   "after", "all",   "also",   "an",      "and",     "any",   "are",
      "as",      "at",      "be",    "been",  "before", "between", "both",    "but",   "by",
      "can",     "could",   "did",   "do",    "does",   "each",    "either",  "for",   "from",
      "had",     "has",     "have",  "he",    "her",    "here",    "his",     "how",   "if",
      "in",      "into",    "is",    "it",    "its",    "may",     "more",    "most",  "must",
      "my",      "nor",     "not",   "of",    "on",     "only",    "or",      "other", "our",
      "out",     "over",    "shall", "she",   "should", "so",      "some",    "such",  "than",
      "that",    "the",     "their", "them",  "then",   "there",   "these",   "they",  "this",
      "those",   "through", "to",    "under", "upon",   "us",      "was",     "we",    "were",
      "what",    "when",    "where", "which", "while",  "who",     "will",    "with",  "within",
      "without", "would",   "you",   "your",  "hereby", "herein",  "whereas", "per"};
  return words;
}

// Common English function words and words of trade paperwork. Genuine English running
// text is ~40% function words; Latin-looking garbage from unmapped Cyrillic fonts almost
// never hits this list.
const std::unordered_set<std::string>& english_words() {
  static const std::unordered_set<std::string> words = {"a",
                                                        "about",
                                                        "above",
                                                        "after",
                                                        "all",
                                                        "also",
                                                        "an",
                                                        "and",
                                                        "any",
                                                        "are",
                                                        "as",
                                                        "at",
                                                        "be",
                                                        "been",
                                                        "before",
                                                        "between",
                                                        "both",
                                                        "but",
                                                        "by",
                                                        "can",
                                                        "could",
                                                        "did",
                                                        "do",
                                                        "does",
                                                        "each",
                                                        "either",
                                                        "for",
                                                        "from",
                                                        "had",
                                                        "has",
                                                        "have",
                                                        "he",
                                                        "her",
                                                        "here",
                                                        "his",
                                                        "how",
                                                        "i",
                                                        "if",
                                                        "in",
                                                        "into",
                                                        "is",
                                                        "it",
                                                        "its",
                                                        "may",
                                                        "more",
                                                        "most",
                                                        "must",
                                                        "my",
                                                        "no",
                                                        "nor",
                                                        "not",
                                                        "of",
                                                        "on",
                                                        "only",
                                                        "or",
                                                        "other",
                                                        "our",
                                                        "out",
                                                        "over",
                                                        "per",
                                                        "shall",
                                                        "she",
                                                        "should",
                                                        "so",
                                                        "some",
                                                        "such",
                                                        "than",
                                                        "that",
                                                        "the",
                                                        "their",
                                                        "them",
                                                        "then",
                                                        "there",
                                                        "these",
                                                        "they",
                                                        "this",
                                                        "those",
                                                        "through",
                                                        "to",
                                                        "under",
                                                        "up",
                                                        "upon",
                                                        "us",
                                                        "was",
                                                        "we",
                                                        "were",
                                                        "what",
                                                        "when",
                                                        "where",
                                                        "which",
                                                        "while",
                                                        "who",
                                                        "will",
                                                        "with",
                                                        "within",
                                                        "would",
                                                        "you",
                                                        "your",
                                                        "new",
                                                        "one",
                                                        "two",
                                                        "three",
                                                        "page",
                                                        "date",
                                                        "number",
                                                        "no",
                                                        "name",
                                                        "address",
                                                        "total",
                                                        "amount",
                                                        "price",
                                                        "value",
                                                        "quantity",
                                                        "qty",
                                                        "unit",
                                                        "units",
                                                        "pcs",
                                                        "kg",
                                                        "net",
                                                        "gross",
                                                        "weight",
                                                        "invoice",
                                                        "contract",
                                                        "order",
                                                        "goods",
                                                        "item",
                                                        "items",
                                                        "description",
                                                        "country",
                                                        "origin",
                                                        "export",
                                                        "import",
                                                        "exporter",
                                                        "importer",
                                                        "seller",
                                                        "buyer",
                                                        "consignee",
                                                        "consignor",
                                                        "shipper",
                                                        "declarant",
                                                        "customs",
                                                        "declaration",
                                                        "delivery",
                                                        "terms",
                                                        "payment",
                                                        "currency",
                                                        "usd",
                                                        "eur",
                                                        "rub",
                                                        "cny",
                                                        "co",
                                                        "ltd",
                                                        "llc",
                                                        "inc",
                                                        "corp",
                                                        "gmbh",
                                                        "company",
                                                        "limited",
                                                        "corporation",
                                                        "group",
                                                        "trading",
                                                        "technology",
                                                        "international",
                                                        "industrial",
                                                        "industry",
                                                        "electronics",
                                                        "equipment",
                                                        "machinery",
                                                        "parts",
                                                        "street",
                                                        "road",
                                                        "st",
                                                        "rd",
                                                        "building",
                                                        "floor",
                                                        "room",
                                                        "city",
                                                        "district",
                                                        "province",
                                                        "zone",
                                                        "china",
                                                        "russia",
                                                        "russian",
                                                        "federation",
                                                        "germany",
                                                        "india",
                                                        "turkey",
                                                        "korea",
                                                        "usa",
                                                        "united",
                                                        "states",
                                                        "kingdom",
                                                        "port",
                                                        "airport",
                                                        "fca",
                                                        "fob",
                                                        "cif",
                                                        "cip",
                                                        "dap",
                                                        "ddp",
                                                        "exw",
                                                        "cpt",
                                                        "cfr",
                                                        "dat",
                                                        "end",
                                                        "use",
                                                        "user",
                                                        "certificate",
                                                        "military",
                                                        "civil",
                                                        "purpose",
                                                        "purposes",
                                                        "system",
                                                        "systems",
                                                        "for",
                                                        "model",
                                                        "type",
                                                        "serial",
                                                        "set",
                                                        "sets",
                                                        "made",
                                                        "in",
                                                        "per",
                                                        "see",
                                                        "attached",
                                                        "signature",
                                                        "stamp",
                                                        "signed",
                                                        "copy",
                                                        "original",
                                                        "bank",
                                                        "account",
                                                        "tel",
                                                        "fax",
                                                        "email",
                                                        "e-mail",
                                                        "www",
                                                        "com",
                                                        "ru",
                                                        "cn",
                                                        "general",
                                                        "director",
                                                        "manager",
                                                        "head",
                                                        "office",
                                                        "sea",
                                                        "air",
                                                        "rail",
                                                        "truck",
                                                        "transport",
                                                        "vehicle",
                                                        "container",
                                                        "packages",
                                                        "package",
                                                        "boxes",
                                                        "box",
                                                        "pallets",
                                                        "pallet",
                                                        "cartons",
                                                        "carton",
                                                        "reference",
                                                        "ref",
                                                        "code",
                                                        "hs",
                                                        "tariff",
                                                        "duty",
                                                        "tax",
                                                        "vat",
                                                        "free",
                                                        "charge",
                                                        "sample",
                                                        "samples",
                                                        "test",
                                                        "report",
                                                        "text",
                                                        "line",
                                                        "first",
                                                        "second",
                                                        "third",
                                                        "last",
                                                        "year",
                                                        "month",
                                                        "day",
                                                        "time",
                                                        "good",
                                                        "well",
                                                        "very",
                                                        "just",
                                                        "like",
                                                        "make",
                                                        "know",
                                                        "people",
                                                        "said",
                                                        "say",
                                                        "get",
                                                        "go",
                                                        "see",
                                                        "way",
                                                        "work",
                                                        "world",
                                                        "life",
                                                        "should",
                                                        "because",
                                                        "being",
                                                        "same",
                                                        "many",
                                                        "much",
                                                        "own",
                                                        "part",
                                                        "place",
                                                        "case",
                                                        "point",
                                                        "number",
                                                        "fact",
                                                        "still",
                                                        "against",
                                                        "without",
                                                        "during",
                                                        "since",
                                                        "however",
                                                        "therefore",
                                                        "hereby",
                                                        "herein",
                                                        "applicable",
                                                        "certify",
                                                        "certifies",
                                                        "confirm",
                                                        "confirms",
                                                        "according",
                                                        "agreement",
                                                        "supply",
                                                        "supplier",
                                                        "manufacturer",
                                                        "product",
                                                        "products",
                                                        "service",
                                                        "services"};
  return words;
}

bool is_suspicious(UChar32 c) {
  if (c == 0xFFFD || c < 0) return true;
  if (c == '\t' || c == '\n' || c == '\r') return false;
  int8_t type = u_charType(c);
  return type == U_PRIVATE_USE_CHAR || type == U_CONTROL_CHAR || type == U_UNASSIGNED ||
         type == U_SURROGATE;
}

struct WordStats {
  int letters = 0, cyrillic = 0, latin = 0, latin1_supplement = 0;
  int case_flips = 0;  // a lower-case letter followed by an upper-case one ("nocTaBkn")
};

int percent(int part, int whole) {
  return whole > 0 ? (100 * part + whole / 2) / whole : 0;
}

class Judge {
 public:
  void add_word(std::string_view word) {
    WordStats stats;
    std::string lower;
    bool previous_lower = false;
    int32_t i = 0;
    const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
    const auto length = static_cast<int32_t>(word.size());
    while (i < length) {
      UChar32 c;
      U8_NEXT(bytes, i, length, c);
      if (is_suspicious(c)) {
        ++result_.suspicious_characters;
        ++characters_;
        continue;
      }
      if (u_isspace(c)) continue;
      ++characters_;
      if (!u_isalpha(c)) {
        previous_lower = false;
        continue;
      }
      ++stats.letters;
      if (previous_lower && u_isupper(c)) ++stats.case_flips;
      previous_lower = u_islower(c);
      UErrorCode status = U_ZERO_ERROR;
      UScriptCode script = uscript_getScript(c, &status);
      if (script == USCRIPT_CYRILLIC) ++stats.cyrillic;
      if (script == USCRIPT_LATIN) {
        ++stats.latin;
        if (c >= 0xC0 && c <= 0xFF) ++stats.latin1_supplement;
        if (c < 0x80) lower.push_back(static_cast<char>(u_tolower(c)));
      }
    }
    result_.letters += stats.letters;
    result_.cyrillic_letters += stats.cyrillic;
    result_.latin_letters += stats.latin;
    if (stats.letters == 0) return;
    ++result_.words;
    if (stats.cyrillic > 0 && stats.latin > 0) ++mixed_words_;
    if (stats.letters >= 3 && stats.latin1_supplement * 10 >= stats.letters * 6) ++mojibake_;
    if (stats.latin == stats.letters && stats.latin1_supplement == 0) {
      ++result_.latin_words;
      if (english_words().count(lower)) ++english_;
      if (function_words().count(lower)) ++function_;
      if (stats.case_flips > 0 && stats.letters >= 4) ++case_flipped_;
    }
  }

  TextLayerHealth verdict() {
    TextLayerHealth& r = result_;
    auto broken = [&r](const std::string& why) {
      r.healthy = false;
      r.reason = "broken text layer: " + why;
      return r;
    };
    if (characters_ == 0) {
      r.reason = "no text layer";
      return r;
    }
    if (r.suspicious_characters * 50 > characters_) {
      return broken(std::to_string(percent(r.suspicious_characters, characters_)) +
                    "% replacement, private-use or control characters");
    }
    if (r.letters < kMinLetters) {
      r.reason = "text layer too thin (" + std::to_string(r.letters) + " letters)";
      return r;
    }
    if (mojibake_ * 10 > r.words) {
      r.garbled_words = mojibake_;
      return broken(std::to_string(percent(mojibake_, r.words)) +
                    "% of words look like cp1251 mojibake");
    }
    if (mixed_words_ * 5 > r.words) {
      r.garbled_words = mixed_words_;
      return broken(std::to_string(percent(mixed_words_, r.words)) +
                    "% of words mix Cyrillic and Latin letters");
    }
    // Look-alike garbage mixes cases inside words: «поставки» → "nocTaBkn". English has
    // few such words ("GmbH", "iPhone"), units ("mAh", "kVA") are short, and a page whose
    // letters are mostly Cyrillic is not a decoded-to-Latin page.
    if (r.latin_letters * 10 >= r.letters * 3 && case_flipped_ >= 3 &&
        case_flipped_ * 10 > r.latin_words) {
      r.garbled_words = case_flipped_;
      return broken(std::to_string(percent(case_flipped_, r.latin_words)) +
                    "% of Latin words change case inside the word (looks like unmapped "
                    "Cyrillic)");
    }
    // A declaration is a Russian form: a Latin majority is only believed when it reads
    // like English (prose full of function words, or mostly known trade words), otherwise
    // it is a Cyrillic font decoded to Latin look-alikes.
    if (r.latin_letters * 2 > r.letters && function_ * 100 < r.latin_words * 15 &&
        english_ * 2 < r.latin_words) {
      r.garbled_words = r.latin_words - english_;
      return broken(std::to_string(percent(r.latin_letters, r.letters)) +
                    "% of letters are Latin but only " +
                    std::to_string(percent(english_, r.latin_words)) +
                    "% of Latin words are English (looks like unmapped Cyrillic)");
    }
    r.healthy = true;
    r.reason = "healthy text layer";
    return r;
  }

 private:
  TextLayerHealth result_;
  int characters_ = 0, mixed_words_ = 0, mojibake_ = 0, english_ = 0, function_ = 0;
  int case_flipped_ = 0;
};

}  // namespace

TextLayerHealth judge_text_layer(const Page& page) {
  Judge judge;
  for (const Block& block : page.blocks)
    for (const Line& line : block.lines)
      for (const Word& word : line.words) judge.add_word(word.text);
  return judge.verdict();
}

TextLayerHealth judge_text(std::string_view utf8_text) {
  Judge judge;
  size_t start = 0;
  while (start < utf8_text.size()) {
    size_t end = utf8_text.find_first_of(" \t\r\n", start);
    if (end == std::string_view::npos) end = utf8_text.size();
    if (end > start) judge.add_word(utf8_text.substr(start, end - start));
    start = end + 1;
  }
  return judge.verdict();
}

}  // namespace declx
