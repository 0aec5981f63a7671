#include "extractors/layout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include <unicode/uchar.h>

#include "normalizers/text.h"

namespace declx {

std::vector<std::string> BoxContent::line_texts() const {
  std::vector<std::string> out;
  for (const auto& line : lines) {
    std::string text;
    for (const PlacedWord* word : line) {
      if (!text.empty()) text += ' ';
      text += word->text;
    }
    out.push_back(std::move(text));
  }
  return out;
}

std::string BoxContent::text() const {
  std::string out;
  for (const auto& line : line_texts()) {
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

BBox BoxContent::bbox() const {
  BBox box;
  for (const auto& line : lines)
    for (const PlacedWord* word : line) box = unite(box, word->bbox);
  return box;
}

double BoxContent::mean_confidence() const {
  double sum = 0;
  size_t count = 0;
  for (const auto& line : lines)
    for (const PlacedWord* word : line) sum += word->confidence, ++count;
  return count ? sum / static_cast<double>(count) : 0;
}

std::vector<const BoxContent*> PageLayout::find(const std::string& box) const {
  std::vector<const BoxContent*> out;
  for (const auto& content : boxes)
    if (content.label.box == box) out.push_back(&content);
  std::sort(out.begin(), out.end(), [](const BoxContent* a, const BoxContent* b) {
    if (std::abs(a->label.aligned.y0 - b->label.aligned.y0) > 2)
      return a->label.aligned.y0 < b->label.aligned.y0;
    return a->label.aligned.x0 < b->label.aligned.x0;
  });
  return out;
}

const BoxContent* PageLayout::first(const std::string& box) const {
  auto all = find(box);
  return all.empty() ? nullptr : all.front();
}

std::string PageLayout::row_text(size_t row) const {
  std::string out;
  for (size_t index : rows[row]) {
    if (!out.empty()) out += ' ';
    out += words[index].text;
  }
  return out;
}

double estimate_skew(const Page& page) {
  std::vector<double> slopes;
  for (const auto& block : page.blocks)
    for (const auto& line : block.lines) {
      if (line.words.size() < 2) continue;
      double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
      for (const auto& word : line.words) {
        double x = (word.bbox.x0 + word.bbox.x1) / 2, y = word.bbox.y1;  // baseline-ish
        n += 1, sx += x, sy += y, sxx += x * x, sxy += x * y;
      }
      double spread = line.words.back().bbox.x1 - line.words.front().bbox.x0;
      double denominator = n * sxx - sx * sx;
      if (spread < 60 || denominator <= 0) continue;
      slopes.push_back((n * sxy - sx * sy) / denominator);
    }
  if (slopes.size() < 3) return 0;
  std::nth_element(slopes.begin(), slopes.begin() + static_cast<long>(slopes.size() / 2),
                   slopes.end());
  double slope = slopes[slopes.size() / 2];
  return std::clamp(slope, -0.07, 0.07);  // beyond ~4° the reader should have deskewed
}

namespace {

// A piece of a word for label matching: "8Получатель" gives "8" and "Получатель".
struct Token {
  std::string text;
  std::u32string plain;   // fold_letters of this part of the word
  std::u32string folded;  // label_skeleton of plain
  size_t word = 0;        // index into PageLayout::words
};

// Maps OCR look-alikes of digits to digits for box numbers ("З" → "3", "О" → "0").
std::u32string fold_digits(const std::u32string& text) {
  std::u32string out;
  for (char32_t c : text) {
    switch (c) {
      case U'О':
      case U'O':
      case U'Q':
        c = U'0';
        break;
      case U'З':
        c = U'3';
        break;
      case U'I':
      case U'L':
      case U'|':
        c = U'1';
        break;
      case U'Б':
        c = U'6';
        break;
      case U'S':
        c = U'5';
        break;
      default:
        break;
    }
    out.push_back(c);
  }
  return out;
}

bool is_digit(char32_t c) {
  return c >= U'0' && c <= U'9';
}

bool last_is_abbreviation(const std::string& text) {
  return !text.empty() && text.back() == '.';
}

// Splits leading box numbers off a word: "8Получатель", "15аКод", "гр.8", "15a".
std::vector<Token> tokenize_row(const std::vector<size_t>& row,
                                const std::vector<PlacedWord>& words) {
  std::vector<Token> tokens;
  for (size_t index : row) {
    std::u32string text = to_u32(words[index].text);
    std::vector<std::u32string> parts;
    std::u32string lower_prefix;
    // "гр." glued to a number
    std::u32string folded_word = fold_letters(words[index].text);
    size_t start = 0;
    if (folded_word.size() > 2 && folded_word.rfind(U"ГР", 0) == 0 && is_digit(folded_word[2])) {
      parts.push_back(U"ГР");
      folded_word = folded_word.substr(2);
    }
    // A box number in front of the label, possibly glued to it and possibly read as
    // look-alike letters ("З2Товар" is 32, "2ЗКурс" is 23).
    size_t digits = 0;
    for (size_t k = std::min<size_t>(2, folded_word.size()); k >= 1; --k) {
      std::u32string prefix = fold_digits(folded_word.substr(0, k));
      bool all_digits = std::all_of(prefix.begin(), prefix.end(), is_digit);
      bool real_digit =
          std::any_of(folded_word.begin(), folded_word.begin() + static_cast<long>(k), is_digit);
      if (!all_digits || k >= folded_word.size() || is_digit(folded_word[k])) continue;
      int number = std::stoi(to_utf8(prefix));
      if (number < 1 || number > 54 || (!real_digit && folded_word.size() - k < 3)) continue;
      digits = k;
      break;
    }
    if (digits > 0) {
      parts.push_back(fold_digits(folded_word.substr(0, digits)));
      std::u32string rest = folded_word.substr(digits);
      // a sub-box letter directly after the number, before the label ("15аКод")
      if (rest.size() > 1 && (rest[0] == U'А' || rest[0] == U'Б') && rest[1] == U'К') {
        parts.push_back(rest.substr(0, 1));
        rest = rest.substr(1);
      }
      parts.push_back(rest);
    } else {
      parts.push_back(folded_word);
    }
    (void)start;
    for (auto& part : parts) {
      if (part.empty()) continue;
      tokens.push_back(Token{words[index].text, part, label_skeleton(part), index});
    }
  }
  return tokens;
}

// Whether `box` ("15a", "8", "B") has the printed number `number`; no string is built.
bool has_box_number(const std::string& box, const std::string& number) {
  size_t end = 0;
  while (end < box.size() && std::isdigit(static_cast<unsigned char>(box[end]))) ++end;
  if (end == 0) return box == number;
  return std::string_view(box).substr(0, end) == number;
}

size_t allowed_distance(size_t length, bool numbered) {
  // Without a printed number only long labels count ("ДЕКЛАРАЦИЯ НА ТОВАРЫ" is a title).
  if (!numbered) return length >= 14 ? length / 10 : std::numeric_limits<size_t>::max();
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  // A quarter of the letters: "33 кой повара" for "33 Код товара" (two in nine) on dense
  // 200 dpi scans. The printed number must match, so values do not pass for captions; on 60
  // generated declarations this read 12 more fields right (length / 5 before).
  return std::max<size_t>(1, length / 4);
}

struct Candidate {
  const LabelSpelling* spelling = nullptr;
  size_t first_token = 0, end_token = 0;  // [first, end)
  size_t distance = 0;
  bool numbered = false;
};

// Tries every spelling at token `i` of a row. Returns the best (fewest edits per letter, then
// most letters) or a candidate with spelling == nullptr.
Candidate match_at(const std::vector<Token>& tokens, size_t i, const PatternData& patterns,
                   const std::vector<PlacedWord>& words, double height) {
  Candidate best;
  double best_score = std::numeric_limits<double>::max();
  size_t j = i;
  bool prefix = false;
  static const std::u32string kGr = label_skeleton(U"ГР"), kGrafa = label_skeleton(U"ГРАФА");
  if (tokens[j].folded == kGr || tokens[j].folded == kGrafa) {
    prefix = true;
    if (++j >= tokens.size()) return best;
  }
  std::u32string number;
  std::u32string folded_number = fold_digits(tokens[j].plain);
  bool numeric = !folded_number.empty() && folded_number.size() <= 2 &&
                 std::all_of(folded_number.begin(), folded_number.end(), is_digit);
  size_t label_start = j;
  // "гр. $ Получатель:": after the broker's "гр." a token of one or two characters, or none,
  // is the box number misread; the caption is matched as if numbered, by any box's spelling.
  bool number_lost = false;
  if (numeric) {
    number = folded_number;
    label_start = j + 1;
    // optional sub-box letter
    if (label_start < tokens.size() && tokens[label_start].plain.size() == 1 &&
        (tokens[label_start].plain == U"А" || tokens[label_start].plain == U"Б"))
      ++label_start;
  } else if (prefix) {
    number_lost = true;  // read as a junk token, or as a sign tokens do not keep ("$")
    if (tokens[j].plain.size() <= 2) label_start = j + 1;
  }
  if (label_start >= tokens.size()) return best;
  const std::string number_utf8 = to_utf8(number);
  std::u32string joined;  // reused: this loop runs for every token of every row
  for (const LabelSpelling& spelling : patterns.labels) {
    bool numbered = numeric && has_box_number(spelling.box, number_utf8);
    if (numeric && !numbered) continue;  // a printed number that is not this box's
    size_t allowed = allowed_distance(spelling.skeleton.size(), numbered || number_lost);
    if (allowed == std::numeric_limits<size_t>::max()) continue;  // needs its printed number
    size_t min_words = spelling.word_count > 1 ? spelling.word_count - 1 : 1;
    size_t max_words = spelling.word_count + 1;
    joined.clear();
    for (size_t k = 0; label_start + k < tokens.size() && k < max_words; ++k) {
      const Token& token = tokens[label_start + k];
      if (k > 0) {  // label words sit close together (a word lost between them leaves a gap
                    // of about three letter heights: "описа   товаров:")
        const BBox& previous = words[tokens[label_start + k - 1].word].aligned;
        const BBox& current = words[token.word].aligned;
        if (token.word != tokens[label_start + k - 1].word &&
            current.x0 - previous.x1 > 3.5 * height)
          break;
      }
      joined += token.folded;
      if (k + 1 < min_words) continue;
      if (joined.size() + 3 < spelling.skeleton.size() &&
          !(numbered && last_is_abbreviation(tokens[label_start + k].text) && joined.size() >= 6))
        continue;
      if (joined.size() > spelling.skeleton.size() + 4) break;
      if (joined[0] != spelling.skeleton[0] && spelling.skeleton.size() < 6) continue;
      size_t distance = edit_distance(joined, spelling.skeleton, allowed);
      // The printed form abbreviates labels that do not fit their box ("Общая таможенная сто.").
      const std::string& last_text = tokens[label_start + k].text;
      if (numbered && !last_text.empty() && last_text.back() == '.' && joined.size() >= 6 &&
          joined.size() < spelling.skeleton.size()) {
        std::u32string_view prefix =
            std::u32string_view(spelling.skeleton).substr(0, joined.size());
        // edits in proportion to the letters compared, not to the whole label: "4Отгруз.
        // спец." is 8 edits from "Общая дек", within 9 for all 36 letters of box 40's label
        const size_t prefix_allowed = allowed_distance(prefix.size(), numbered);
        const size_t prefix_distance = edit_distance(joined, prefix, prefix_allowed);
        if (prefix_distance <= prefix_allowed) distance = std::min(distance, prefix_distance + 1);
      }
      if (distance > allowed) continue;
      double score = static_cast<double>(distance) / static_cast<double>(spelling.skeleton.size()) -
                     0.001 * static_cast<double>(spelling.skeleton.size());
      if (score < best_score) {
        best_score = score;
        best = Candidate{&spelling, i, label_start + k + 1, distance, numbered};
      }
    }
  }
  return best;
}

double median_height(const std::vector<PlacedWord>& words) {
  std::vector<double> heights;
  for (const auto& word : words) heights.push_back(word.aligned.height());
  if (heights.empty()) return 10;
  std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2),
                   heights.end());
  return std::max(2.0, heights[heights.size() / 2]);
}

// The page's rows are clustered with the page's median word height, which small captions
// pull down: a value line printed larger can come out as two rows ("ПРОГРАММИРУЕМЫЕ" one row
// above "1) МИКРОСХЕМЫ ИНТЕГРАЛЬНЫЕ"). Inside one box, consecutive lines whose centres are
// within 0.45 of the box's median word height and whose words do not overlap horizontally
// are one line.
void merge_split_lines(std::vector<std::vector<const PlacedWord*>>& lines) {
  if (lines.size() < 2) return;
  std::vector<double> heights;
  for (const auto& line : lines)
    for (const PlacedWord* word : line) heights.push_back(word->aligned.height());
  std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2),
                   heights.end());
  const double height = heights[heights.size() / 2];
  auto centre = [](const std::vector<const PlacedWord*>& line) {
    double sum = 0;
    for (const PlacedWord* word : line) sum += (word->aligned.y0 + word->aligned.y1) / 2;
    return sum / static_cast<double>(line.size());
  };
  std::vector<std::vector<const PlacedWord*>> merged;
  for (auto& line : lines) {
    if (!merged.empty() && std::abs(centre(line) - centre(merged.back())) < 0.45 * height) {
      bool overlap = false;
      for (const PlacedWord* a : merged.back())
        for (const PlacedWord* b : line) {
          double common =
              std::min(a->aligned.x1, b->aligned.x1) - std::max(a->aligned.x0, b->aligned.x0);
          overlap |= common > 0.3 * std::min(a->aligned.width(), b->aligned.width());
        }
      if (!overlap) {
        auto& target = merged.back();
        target.insert(target.end(), line.begin(), line.end());
        std::sort(target.begin(), target.end(), [](const PlacedWord* a, const PlacedWord* b) {
          return a->aligned.x0 < b->aligned.x0;
        });
        continue;
      }
    }
    merged.push_back(std::move(line));
  }
  lines = std::move(merged);
}

}  // namespace

void place_inferred_label(const PageLayout& layout, LabelHit& hit) {
  double shift = layout.skew_slope * (hit.aligned.x0 + hit.aligned.x1) / 2;
  hit.bbox = BBox{hit.aligned.x0, hit.aligned.y0 + shift, hit.aligned.x1, hit.aligned.y1 + shift};
  double centre = (hit.aligned.y0 + hit.aligned.y1) / 2, best = 1e9;
  for (size_t r = 0; r < layout.rows.size(); ++r) {
    const BBox& first = layout.words[layout.rows[r].front()].aligned;
    double distance = std::abs((first.y0 + first.y1) / 2 - centre);
    if (distance < best) best = distance, hit.row = static_cast<int>(r);
  }
}

void assign_words_to_boxes(PageLayout& layout) {
  // Regions: from the label right to the next label on its row, down to the next label
  // below inside that span.
  const double page_width = layout.page_width, page_height = layout.page_height;
  const double height = layout.line_height;
  auto& words = layout.words;
  layout.boxes.clear();
  for (const LabelHit& label : layout.labels) {
    BoxContent content;
    content.label = label;
    double left = label.aligned.x0 - 0.3 * height;
    double top = label.aligned.y0 - 0.3 * height;
    double right = page_width + 50, bottom = page_height;
    for (const LabelHit& other : layout.labels) {
      if (&other == &label) continue;
      bool same_row = std::abs(other.aligned.y0 - label.aligned.y0) < 1.2 * height;
      if (same_row && other.aligned.x0 > label.aligned.x1 - 1)
        right = std::min(right, other.aligned.x0 - 0.5);
    }
    for (const LabelHit& other : layout.labels) {
      if (&other == &label) continue;
      bool below = other.aligned.y0 > label.aligned.y0 + 1.2 * height;
      bool overlaps = other.aligned.x0 < right - 1 && other.aligned.x1 > left + 1;
      if (below && overlaps) bottom = std::min(bottom, other.aligned.y0 - 0.2 * height);
    }
    content.region = BBox{left, top, right, bottom};
    layout.boxes.push_back(std::move(content));
  }

  // An inferred label was not read, but its damaged caption words are there: the words
  // inside the caption's expected place are not values. Only those of one text row, the one
  // whose word there is nearest the caption's centre: a value row just below the caption is
  // not taken with it.
  for (const LabelHit& label : layout.labels) {
    if (!label.inferred) continue;
    std::vector<size_t> inside;
    int nearest_row = -1;
    double nearest = 1e18;
    const double label_y = (label.aligned.y0 + label.aligned.y1) / 2;
    for (size_t w = 0; w < words.size(); ++w) {
      double x = (words[w].aligned.x0 + words[w].aligned.x1) / 2,
             y = (words[w].aligned.y0 + words[w].aligned.y1) / 2;
      if (x >= label.aligned.x0 - 0.5 * height && x <= label.aligned.x1 + 0.5 * height &&
          y >= label.aligned.y0 - 0.3 * height && y <= label.aligned.y1 + 0.3 * height) {
        inside.push_back(w);
        if (std::abs(y - label_y) < nearest)
          nearest = std::abs(y - label_y), nearest_row = words[w].row;
      }
    }
    for (size_t w : inside)
      if (words[w].row == nearest_row) layout.is_label_word[w] = true;
  }
  // Each word goes to the box with the nearest label above-left whose region holds it.
  std::vector<std::vector<size_t>> assigned(layout.boxes.size());
  for (size_t w = 0; w < words.size(); ++w) {
    if (layout.is_label_word[w] || words[w].superseded) continue;
    double x = (words[w].aligned.x0 + words[w].aligned.x1) / 2,
           y = (words[w].aligned.y0 + words[w].aligned.y1) / 2;
    int best = -1;
    for (size_t b = 0; b < layout.boxes.size(); ++b) {
      const BBox& region = layout.boxes[b].region;
      if (x < region.x0 || x >= region.x1 || y < region.y0 || y >= region.y1) continue;
      if (best < 0) {
        best = static_cast<int>(b);
        continue;
      }
      const BBox& current = layout.boxes[static_cast<size_t>(best)].label.aligned;
      const BBox& candidate = layout.boxes[b].label.aligned;
      if (candidate.y0 > current.y0 + 0.5 * height ||
          (std::abs(candidate.y0 - current.y0) <= 0.5 * height && candidate.x0 > current.x0))
        best = static_cast<int>(b);
    }
    if (best >= 0) assigned[static_cast<size_t>(best)].push_back(w);
  }
  for (size_t b = 0; b < layout.boxes.size(); ++b) {
    auto& indexes = assigned[b];
    std::sort(indexes.begin(), indexes.end(), [&](size_t a, size_t c) {
      if (words[a].row != words[c].row) return words[a].row < words[c].row;
      return words[a].aligned.x0 < words[c].aligned.x0;
    });
    // rows are numbered top to bottom already (sorted by centre)
    int current_row = -2;
    for (size_t index : indexes) {
      if (words[index].row != current_row) {
        layout.boxes[b].lines.emplace_back();
        current_row = words[index].row;
      }
      layout.boxes[b].lines.back().push_back(&words[index]);
    }
    merge_split_lines(layout.boxes[b].lines);
  }
}

// A word read much taller than the page's words (a speck or a ruling above or below it taken
// into its box) has its centre half-way to the next row and can join that row: "ТОКАРНЫЕ."
// of a description's first line put among the words of its box's caption, above. Such a word
// goes to the row where two or more words of its own OCR line are, when that row's centre
// lies within the word's height. Rows left empty are dropped.
void move_tall_words_to_their_line(PageLayout& layout, const std::vector<size_t>& line_of,
                                   std::vector<double>& row_centre, double height) {
  auto& words = layout.words;
  std::vector<int> row_of(words.size(), -1);
  for (size_t r = 0; r < layout.rows.size(); ++r)
    for (size_t index : layout.rows[r]) row_of[index] = static_cast<int>(r);
  auto tall = [&](size_t i) { return words[i].aligned.height() > 1.6 * height; };
  bool moved = false;
  for (size_t index = 0; index < words.size(); ++index) {
    if (!tall(index)) continue;
    std::map<int, size_t> mates;
    for (size_t other = 0; other < words.size(); ++other)
      if (other != index && line_of[other] == line_of[index] && !tall(other))
        ++mates[row_of[other]];
    int best = -1;
    size_t most = 1;
    for (const auto& [row, count] : mates)
      if (count > most) best = row, most = count;
    if (best < 0 || best == row_of[index]) continue;
    const double y = row_centre[static_cast<size_t>(best)];
    if (y < words[index].aligned.y0 || y > words[index].aligned.y1) continue;
    std::erase(layout.rows[static_cast<size_t>(row_of[index])], index);
    layout.rows[static_cast<size_t>(best)].push_back(index);
    row_of[index] = best;
    moved = true;
  }
  if (!moved) return;
  for (size_t r = layout.rows.size(); r-- > 0;)
    if (layout.rows[r].empty()) {
      layout.rows.erase(layout.rows.begin() + static_cast<long>(r));
      row_centre.erase(row_centre.begin() + static_cast<long>(r));
    }
}

PageLayout analyse_layout(const Page& page, const PatternData& patterns) {
  PageLayout layout;
  layout.page = page.number;
  layout.ocr = page.source == PageSource::Ocr;
  layout.skew_slope = estimate_skew(page);
  std::vector<size_t> line_of;  // per placed word: its OCR line, in page order
  size_t line_number = 0;
  for (const auto& block : page.blocks)
    for (const auto& line : block.lines)
      for (size_t w = 0, counted = line_number++; w < line.words.size(); ++w) {
        const Word& word = line.words[w];
        if (word.text.empty() || word.bbox.empty()) continue;
        // Rulings and stamps read as "|", "_", "~": not text.
        if (word.text.find_first_not_of("|_~=\\") == std::string::npos) continue;
        PlacedWord placed;
        placed.text = word.text;
        // a ruling touching the word ("|1")
        size_t first = placed.text.find_first_not_of('|'), last = placed.text.find_last_not_of('|');
        placed.text = placed.text.substr(first, last - first + 1);
        placed.bbox = word.bbox;
        placed.confidence = word.confidence;
        placed.page = page.number;
        double shift = layout.skew_slope * (word.bbox.x0 + word.bbox.x1) / 2;
        placed.aligned =
            BBox{word.bbox.x0, word.bbox.y0 - shift, word.bbox.x1, word.bbox.y1 - shift};
        layout.words.push_back(std::move(placed));
        line_of.push_back(counted);
      }
  auto& words = layout.words;
  const double height = median_height(words);
  // Specks OCR read as a letter or digit ("Я" a point high after a description, "3" beside a
  // number): a word under 0.4 of the page's median height with a letter or digit in it, read
  // at under 0.9, is noise, not print, on a scan. (A digit read at 0.95 in a box a third of
  // its height, "2" of "2 217,532", is print; a text layer's words are print whatever their
  // size.)
  if (layout.ocr) {
    size_t kept = 0;
    for (size_t i = 0; i < words.size(); ++i) {
      bool alnum = false;
      for (char32_t c : to_u32(words[i].text)) alnum |= u_isalnum(static_cast<UChar32>(c)) != 0;
      if (alnum && words[i].aligned.height() < 0.4 * height && words[i].confidence < 0.9) continue;
      if (kept != i) {
        words[kept] = std::move(words[i]);
        line_of[kept] = line_of[i];
      }
      ++kept;
    }
    words.resize(kept);
    line_of.resize(kept);
  }

  // Rows: words whose vertical centres are within half a line height of each other.
  std::vector<size_t> order(words.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto centre = [&](size_t i) { return (words[i].aligned.y0 + words[i].aligned.y1) / 2; };
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return centre(a) < centre(b); });
  std::vector<double> row_centre;
  for (size_t index : order) {
    double y = centre(index);
    int found = -1;
    for (int r = static_cast<int>(layout.rows.size()) - 1;
         r >= 0 && r + 8 >= static_cast<int>(layout.rows.size()); --r)
      if (std::abs(row_centre[static_cast<size_t>(r)] - y) <
          0.5 * std::max(height, words[index].aligned.height() * 0.8)) {
        found = r;
        break;
      }
    if (found < 0) {
      layout.rows.push_back({index});
      row_centre.push_back(y);
    } else {
      auto& row = layout.rows[static_cast<size_t>(found)];
      row.push_back(index);
      row_centre[static_cast<size_t>(found)] +=
          (y - row_centre[static_cast<size_t>(found)]) / static_cast<double>(row.size());
    }
  }
  move_tall_words_to_their_line(layout, line_of, row_centre, height);
  for (size_t r = 0; r < layout.rows.size(); ++r) {
    auto& row = layout.rows[r];
    std::sort(row.begin(), row.end(),
              [&](size_t a, size_t b) { return words[a].aligned.x0 < words[b].aligned.x0; });
    for (size_t index : row) words[index].row = static_cast<int>(r);
  }

  // Labels.
  layout.is_label_word.assign(words.size(), false);
  for (size_t r = 0; r < layout.rows.size(); ++r) {
    std::vector<Token> tokens = tokenize_row(layout.rows[r], words);
    for (size_t i = 0; i < tokens.size();) {
      Candidate candidate = match_at(tokens, i, patterns, words, height);
      if (!candidate.spelling) {
        ++i;
        continue;
      }
      LabelHit hit;
      hit.box = candidate.spelling->box;
      hit.spelling = candidate.spelling;
      hit.distance = candidate.distance;
      hit.numbered = candidate.numbered;
      hit.row = static_cast<int>(r);
      for (size_t t = candidate.first_token; t < candidate.end_token; ++t) {
        size_t word = tokens[t].word;
        layout.is_label_word[word] = true;
        hit.aligned = unite(hit.aligned, words[word].aligned);
        hit.bbox = unite(hit.bbox, words[word].bbox);
      }
      layout.labels.push_back(hit);
      i = candidate.end_token;
    }
  }

  layout.page_width = page.width > 0 ? page.width : 1e6;
  layout.page_height = page.height > 0 ? page.height + 50 : 1e6;
  layout.line_height = height;
  assign_words_to_boxes(layout);
  return layout;
}

}  // namespace declx
