#include "extractors/reread.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <unicode/uchar.h>

#include "normalizers/countries.h"
#include "normalizers/currency.h"
#include "normalizers/hs_code.h"
#include "normalizers/numbers.h"
#include "normalizers/text.h"

namespace declx {
namespace {

using Check = PatternData::RereadBox::Check;

// How far below its caption a box is read again, in line heights: a value sits on the
// caption's row or the one or two rows under it.
constexpr double kRowsBelowCaption = 4.0;
// Below this mean word confidence a clean reading is checked by a second one. On 60 generated
// declarations (159 pages): 0 (only unreadable boxes) gave field F1 0.893; 0.5 0.897; 0.7
// 0.898; 0.85 0.898 with twice the re-reading; 0.95 0.889 (surer-looking second readings
// were wrong more often than the first).
constexpr double kUnsure = 0.7;
// A party box's line read at a mean word confidence below kGarbled (specks, a stamp, "deg an:"
// for "STREET 50") is read again on its own; the new words replace it when they are read at
// kClear or more.
constexpr double kGarbled = 0.5, kClear = 0.75;
// A gap between a page's words taller than kLostBand word heights is read again (at most
// kMaxBands a page).
constexpr double kLostBand = 4.0;
constexpr size_t kMaxBands = 4;
// Widest region read again, in points (a box of the form is at most ~ a third of A4).
constexpr double kMaxRegionWidth = 260.0;

// 2: a clean reading; 1: one that needed OCR repairs or left alternatives; 0: nothing.
template <class T>
int quality_of(const Parsed<T>& parsed) {
  if (parsed.ok()) return parsed.repairs.empty() && parsed.confidence >= 0.9 ? 2 : 1;
  return parsed.alternatives.empty() ? 0 : 1;
}

// The number a value box reads as (the `number` pattern's match), or empty.
std::string number_text(const PatternData& patterns, const std::string& text) {
  re2::StringPiece input(text), match;
  if (!RE2::PartialMatch(input, patterns.field("number"), &match)) return {};
  return std::string(match);
}

int number_quality(const PatternData& patterns, const std::string& text, bool whole) {
  const std::string match = number_text(patterns, text);
  if (match.empty()) return 0;
  Parsed<double> parsed = parse_number(match);
  if (parsed.ok() && whole) {
    double value = *parsed.value;
    if (value < 1 || value > 999 || value != std::floor(value)) return 0;
  }
  return quality_of(parsed);
}

// "5" read where the box printed "5,584": the comma lost, the decimals a word of their own
// that fell outside the box. A second reading replaces a whole number only by the same
// digits with a fraction.
bool fraction_added(const std::string& whole, const std::string& reread) {
  const size_t separator = reread.find_first_of(".,");
  if (whole.empty() || whole.find_first_of(".,") != std::string::npos ||
      separator == std::string::npos || separator + 1 >= reread.size())
    return false;
  std::string integer;
  for (char c : reread.substr(0, separator))
    if (c != ' ') integer.push_back(c);
  std::string read;
  for (char c : whole)
    if (c != ' ') read.push_back(c);
  return integer == read;
}

int hs_quality(const std::string& text) {
  std::string digits;
  for (char c : text) digits.push_back(c >= '0' && c <= '9' ? c : c == ' ' ? c : '|');
  std::erase(digits, ' ');
  int best = 0;
  size_t start = 0;
  while (start < digits.size()) {
    size_t end = digits.find('|', start);
    if (end == std::string::npos) end = digits.size();
    if (end - start == 10)
      best = std::max(best, quality_of(parse_hs_code(digits.substr(start, 10))));
    start = end + 1;
  }
  return best;
}

int country_quality(const std::string& text) {
  int best = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of(" \n", start);
    if (end == std::string::npos) end = text.size();
    std::string token = text.substr(start, end - start);
    if (to_u32(token).size() == 2) best = std::max(best, quality_of(parse_country_code(token)));
    start = end + 1;
  }
  return best;
}

int country_name_quality(const std::string& text) {
  int best = quality_of(parse_country(text));
  size_t start = 0;
  while (best < 2 && start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    best = std::max(best, quality_of(parse_country(text.substr(start, end - start))));
    start = end + 1;
  }
  return best;
}

// Box 22: a currency code and the invoice total, both clean (2), one of them (1), none (0).
int amount_quality(const PatternData& patterns, const std::string& text) {
  std::string code, amount;
  if (!RE2::PartialMatch(text, patterns.field("currency_total"), &code, &amount)) return 0;
  int currency = quality_of(parse_currency(code)), number = quality_of(parse_number(amount));
  return currency == 2 && number == 2 ? 2 : currency + number > 0 ? 1 : 0;
}

// The box's area in page coordinates as read (skew put back), from its caption down a few
// rows, clipped to the page and to a box's width.
BBox region_on_page(const PageLayout& layout, const BoxContent& box) {
  const double h = layout.line_height;
  BBox aligned = box.region;
  aligned.x0 = std::max(0.0, aligned.x0);
  aligned.y0 = std::max(0.0, aligned.y0);
  aligned.x1 = std::min({aligned.x1, layout.page_width, aligned.x0 + kMaxRegionWidth});
  aligned.y1 =
      std::min({aligned.y1, layout.page_height, box.label.aligned.y0 + kRowsBelowCaption * h});
  BBox out{1e18, 1e18, -1e18, -1e18};
  for (double x : {aligned.x0, aligned.x1})
    for (double y : {aligned.y0, aligned.y1}) {
      double shifted = y + layout.skew_slope * x;
      out.x0 = std::min(out.x0, x), out.x1 = std::max(out.x1, x);
      out.y0 = std::min(out.y0, shifted), out.y1 = std::max(out.y1, shifted);
    }
  return out;
}

// A word of a re-reading as a placed word of the page (skew put back), its rulings at either
// end ("|1", "| STREET") left out; nullopt when nothing else is left.
std::optional<PlacedWord> placed_reread(const PageLayout& layout, const Word& word) {
  const size_t first = word.text.find_first_not_of('|'), last = word.text.find_last_not_of('|');
  if (first == std::string::npos) return std::nullopt;
  PlacedWord placed;
  placed.text = word.text.substr(first, last - first + 1);
  placed.bbox = word.bbox;
  placed.confidence = word.confidence;
  placed.page = layout.page;
  placed.reread = true;
  const double shift = layout.skew_slope * (word.bbox.x0 + word.bbox.x1) / 2;
  placed.aligned = BBox{word.bbox.x0, word.bbox.y0 - shift, word.bbox.x1, word.bbox.y1 - shift};
  return placed;
}

// A word of a caption: captions are printed in lower case ("Статистическая стоимость"),
// values in capitals and digits.
bool caption_word(const std::string& text) {
  int lower = 0;
  for (char32_t c : to_u32(text)) lower += u_islower(static_cast<UChar32>(c)) != 0;
  return lower >= 3;
}

// Where the box's caption is. A caption placed from the other items of the form (not read on
// the page) may sit a row off: where the re-reading shows words of a caption near it
// ("Статистическая стоимость" half a row above), the caption is on their row, and the value
// below it is no part of it. (Not the box's number: box 5's "5" may be its value.)
BBox caption_in_reading(const PageLayout& layout, const BoxContent& box,
                        const std::vector<Word>& words) {
  BBox caption = box.label.aligned;
  if (!box.label.inferred) return caption;
  const double h = layout.line_height, cy = (caption.y0 + caption.y1) / 2;
  double best = 2 * h;
  std::optional<double> row;  // the centre line of the caption's words
  for (const Word& word : words) {
    std::optional<PlacedWord> placed = placed_reread(layout, word);
    if (!placed || !caption_word(placed->text) || placed->aligned.x1 < caption.x0 - h ||
        placed->aligned.x0 > caption.x1 + h)
      continue;
    const double centre = (placed->aligned.y0 + placed->aligned.y1) / 2;
    if (std::abs(centre - cy) >= best) continue;
    best = std::abs(centre - cy);
    row = centre;
  }
  // A band around that line, not the words' boxes: descenders ("брутто") reach down to
  // where the value starts.
  if (row) caption.y0 = *row - 0.25 * h, caption.y1 = *row + 0.25 * h;
  return caption;
}

// The words of a re-reading that are not the box's own caption, as placed words of the page.
std::vector<PlacedWord> placed_values(const PageLayout& layout, const BoxContent& box,
                                      const BBox& caption, const BBox& region,
                                      const std::vector<Word>& words) {
  const double h = layout.line_height;
  std::vector<PlacedWord> out;
  for (const Word& word : words) {
    std::optional<PlacedWord> reread = placed_reread(layout, word);
    if (!reread) continue;
    PlacedWord& placed = *reread;
    double cx = (placed.aligned.x0 + placed.aligned.x1) / 2,
           cy = (placed.aligned.y0 + placed.aligned.y1) / 2;
    bool on_caption = cx >= caption.x0 - 0.5 * h && cx <= caption.x1 + 0.5 * h &&
                      cy >= caption.y0 - 0.3 * h && cy <= caption.y1 + 0.3 * h;
    if (on_caption || cy < caption.y0 - 0.3 * h) continue;
    // On the caption's row, only words right of the caption and clear of the region's right
    // edge are values: the box number left of a caption matched without it ("35" of "гр. 35
    // Вес брутто"), and the next box's number cut by the edge ("36" of "36 Преференция"),
    // are not.
    bool caption_row = std::abs(cy - (caption.y0 + caption.y1) / 2) < 0.5 * h;
    bool next_caption_at_edge =
        box.region.x1 < layout.page_width && box.region.x1 <= box.region.x0 + kMaxRegionWidth;
    if (caption_row &&
        (cx < caption.x1 || (next_caption_at_edge && word.bbox.x1 > region.x1 - 0.3 * h)))
      continue;
    // The crop reaches past the box: keep only words in the box's own region, and none that
    // sits on another box's caption.
    const BBox& own = box.region;
    if (cx < own.x0 || cx >= own.x1 || cy < own.y0 || cy >= own.y1) continue;
    bool on_other_caption = false;
    for (const LabelHit& label : layout.labels) {
      const bool own_label = label.box == box.label.box &&
                             label.aligned.x0 == box.label.aligned.x0 &&
                             label.aligned.y0 == box.label.aligned.y0;  // (checked above)
      on_other_caption |= !own_label && cx >= label.aligned.x0 && cx <= label.aligned.x1 &&
                          cy >= label.aligned.y0 && cy <= label.aligned.y1;
    }
    if (on_other_caption) continue;
    out.push_back(std::move(placed));
  }
  std::sort(out.begin(), out.end(), [h](const PlacedWord& a, const PlacedWord& b) {
    double ya = (a.aligned.y0 + a.aligned.y1) / 2, yb = (b.aligned.y0 + b.aligned.y1) / 2;
    if (std::abs(ya - yb) > 0.5 * h) return ya < yb;
    return a.aligned.x0 < b.aligned.x0;
  });
  return out;
}

size_t alnum_count(const std::string& text) {
  size_t count = 0;
  for (char32_t c : to_u32(text)) count += u_isalnum(static_cast<UChar32>(c)) != 0;
  return count;
}

double mean_confidence_of(const std::vector<const PlacedWord*>& words) {
  double sum = 0;
  for (const PlacedWord* word : words) sum += word->confidence;
  return words.empty() ? 0 : sum / static_cast<double>(words.size());
}

double mean_confidence(const std::vector<PlacedWord>& words) {
  double sum = 0;
  for (const PlacedWord& word : words) sum += word.confidence;
  return words.empty() ? 0 : sum / static_cast<double>(words.size());
}

std::string joined(const std::vector<PlacedWord>& words) {
  std::string text;
  for (const PlacedWord& word : words) text += (text.empty() ? "" : " ") + word.text;
  return text;
}

enum class Script { None, Latin, Cyrillic, Mixed };

Script script_of(const std::string& text) {
  bool latin = false, cyrillic = false;
  for (char32_t c : to_u32(text)) {
    latin |= (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
    cyrillic |= c >= 0x400 && c <= 0x4FF;
  }
  return latin && cyrillic ? Script::Mixed
         : latin           ? Script::Latin
         : cyrillic        ? Script::Cyrillic
                           : Script::None;
}

size_t letter_count(const std::string& text) {
  size_t n = 0;
  for (char32_t c : to_u32(text))
    n += (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') || (c >= 0x400 && c <= 0x4FF);
  return n;
}

// The script most words of a line (two letters or more) are in, if at least two are.
Script line_script(const std::vector<const PlacedWord*>& line) {
  size_t latin = 0, cyrillic = 0;
  for (const PlacedWord* word : line) {
    if (letter_count(word->text) < 2) continue;
    Script script = script_of(word->text);
    latin += script == Script::Latin;
    cyrillic += script == Script::Cyrillic;
  }
  if (latin > cyrillic && latin >= 2) return Script::Latin;
  if (cyrillic > latin && cyrillic >= 2) return Script::Cyrillic;
  return Script::None;
}

// A word read in the other script (or half in it) next to a word of the line's script:
// "HANGZHOU НАТОТАМ DISTRICT", "GAOXIN ZONE, КЕЙ ROAD", "ООО «HNN «РАДАР-ТЕХ»". Country
// names in a Latin line ("КИТАЙ,") are meant Russian.
bool suspect_script(const std::vector<const PlacedWord*>& line, size_t k, Script majority) {
  const std::string& text = line[k]->text;
  Script script = script_of(text);
  // Two-letter words are left: "AO", "CM" are folded by script repair, and "AL" in
  // "AL SAFA ДЖЕНЕРАЛ ТРЕЙДИНГ" is Latin on purpose.
  if (majority == Script::None || script == majority || script == Script::None ||
      letter_count(text) < 3)
    return false;
  bool before = k > 0 && script_of(line[k - 1]->text) == majority;
  bool after = k + 1 < line.size() && script_of(line[k + 1]->text) == majority;
  if (!before && !after) return false;
  if (majority == Script::Cyrillic) return true;
  std::string bare = text;
  std::erase_if(bare, [](char c) { return c == ',' || c == '.' || c == ';' || c == ':'; });
  return !parse_country(bare).ok();
}

// Rows are numbered top to bottom (boxes order their lines by row number): after rows of
// re-read words were appended, sort them into place and renumber words and labels.
void keep_rows_top_to_bottom(PageLayout& layout) {
  auto centre = [&](const std::vector<size_t>& row) {
    const BBox& first = layout.words[row.front()].aligned;
    return (first.y0 + first.y1) / 2;
  };
  std::vector<size_t> order(layout.rows.size());
  for (size_t r = 0; r < order.size(); ++r) order[r] = r;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return centre(layout.rows[a]) < centre(layout.rows[b]);
  });
  std::vector<int> renumbered(order.size());
  std::vector<std::vector<size_t>> rows(order.size());
  for (size_t r = 0; r < order.size(); ++r) {
    renumbered[order[r]] = static_cast<int>(r);
    rows[r] = std::move(layout.rows[order[r]]);
  }
  layout.rows = std::move(rows);
  for (PlacedWord& word : layout.words)
    if (word.row >= 0) word.row = renumbered[static_cast<size_t>(word.row)];
  for (LabelHit& label : layout.labels)
    if (label.row >= 0) label.row = renumbered[static_cast<size_t>(label.row)];
}

}  // namespace

int box_reading_quality(const PatternData& patterns, Check check, const std::string& text) {
  switch (check) {
    case Check::Number:
      return number_quality(patterns, text, false);
    case Check::Count:
      return number_quality(patterns, text, true);
    case Check::Hs:
      return hs_quality(text);
    case Check::Country:
      return country_quality(text);
    case Check::CountryName:
      return country_name_quality(text);
    case Check::Amount:
      return amount_quality(patterns, text);
    case Check::Latin:
      return 2;  // not a value: see reread_cyrillic_amid_latin
  }
  return 0;
}

void reread_weak_boxes(ExtractContext& context, bool item_boxes) {
  const auto& reread = context.options.reread_region;
  if (!reread || context.patterns.reread.empty()) return;
  for (PageLayout& layout : context.layouts) {
    if (!layout.ocr) continue;
    std::vector<std::vector<PlacedWord>> readings;
    std::vector<std::pair<LabelHit, BBox>> moved;  // placed captions, where the reading shows them
    for (const BoxContent& box : layout.boxes) {
      auto spec = context.patterns.reread.find(box.label.box);
      if (spec == context.patterns.reread.end()) continue;
      if (!item_boxes && context.patterns.item_grid.count(box.label.box)) continue;
      const Check check = spec->second.check;
      auto key = std::make_tuple(layout.page, box.label.box,
                                 static_cast<int>(std::lround(box.label.aligned.x0)),
                                 static_cast<int>(std::lround(box.label.aligned.y0)));
      if (context.reread_tried.count(key)) continue;
      int before = box_reading_quality(context.patterns, check, box.text());
      // A clean reading from unsure words is checked too; it is replaced only by a clean
      // reading from surer words.
      const double sure = box.mean_confidence();
      if (before == 2 && sure < kUnsure) before = 1;
      // A clean whole number in a value box may have lost its fraction (the comma misread,
      // the decimals apart): checked, and replaced only by the same digits with a fraction.
      const std::string whole =
          before == 2 && check == Check::Number ? number_text(context.patterns, box.text()) : "";
      const bool check_fraction = !whole.empty() && whole.find_first_of(".,") == std::string::npos;
      if (before == 2 && !check_fraction) continue;
      context.reread_tried.insert(key);
      const BBox region = region_on_page(layout, box);
      const std::vector<Word> read = reread(layout.page, region, spec->second.charset);
      const BBox caption = caption_in_reading(layout, box, read);
      std::vector<PlacedWord> values = placed_values(layout, box, caption, region, read);
      if (values.empty()) continue;
      const int after = box_reading_quality(context.patterns, check, joined(values));
      if (check_fraction) {
        if (after < 2 || !fraction_added(whole, number_text(context.patterns, joined(values))))
          continue;
      } else if (after < before ||
                 (after == before && (after < 2 || mean_confidence(values) <= sure))) {
        continue;
      }
      // The re-reading replaces the box's words, and shows where a placed caption is.
      for (const auto& line : box.lines)
        for (const PlacedWord* word : line)
          layout.words[static_cast<size_t>(word - layout.words.data())].superseded = true;
      readings.push_back(std::move(values));
      if (caption.y0 != box.label.aligned.y0) moved.emplace_back(box.label, caption);
    }
    for (const auto& [label, caption] : moved)
      for (LabelHit& hit : layout.labels)
        if (hit.box == label.box && hit.aligned.x0 == label.aligned.x0 &&
            hit.aligned.y0 == label.aligned.y0)
          hit.aligned = caption;
    // Rows of their own keep the new words apart from the page pass's rows.
    const double h = layout.line_height;
    for (auto& values : readings) {
      double row_y = -1e18;
      for (PlacedWord& word : values) {
        double y = (word.aligned.y0 + word.aligned.y1) / 2;
        if (std::abs(y - row_y) > 0.5 * h) {
          layout.rows.emplace_back();
          row_y = y;
        }
        word.row = static_cast<int>(layout.rows.size()) - 1;
        layout.rows.back().push_back(layout.words.size());
        layout.words.push_back(std::move(word));
        layout.is_label_word.push_back(false);
      }
    }
    if (readings.empty()) continue;
    keep_rows_top_to_bottom(layout);
    // Adding words moved the words vector: rebuild every box's word lists.
    assign_words_to_boxes(layout);
  }
}

void reread_cyrillic_amid_latin(ExtractContext& context) {
  const auto& reread = context.options.reread_region;
  if (!reread) return;
  for (PageLayout& layout : context.layouts) {
    if (!layout.ocr) continue;
    const double h = layout.line_height;
    for (const BoxContent& box : layout.boxes) {
      auto spec = context.patterns.reread.find(box.label.box);
      if (spec == context.patterns.reread.end() || spec->second.check != Check::Latin) continue;
      for (const auto& line : box.lines) {
        const Script majority = line_script(line);
        for (size_t k = 0; k < line.size(); ++k) {
          if (!suspect_script(line, k, majority)) continue;
          // The word with its neighbours, so that Tesseract sees it in its line.
          const PlacedWord& word = *line[k];
          const BBox& first = line[k > 0 ? k - 1 : k]->bbox;
          const BBox& last = line[k + 1 < line.size() ? k + 1 : k]->bbox;
          BBox region{first.x0 - 0.3 * h, std::min({first.y0, word.bbox.y0, last.y0}) - 0.3 * h,
                      last.x1 + 0.3 * h, std::max({first.y1, word.bbox.y1, last.y1}) + 0.3 * h};
          std::vector<Word> read = reread(layout.page, region, spec->second.charset);
          // The word of the second reading in the same place, if one word and Latin.
          const Word* found = nullptr;
          int count = 0;
          for (const Word& candidate : read) {
            double cx = (candidate.bbox.x0 + candidate.bbox.x1) / 2;
            if (cx < word.bbox.x0 || cx > word.bbox.x1) continue;
            ++count;
            found = &candidate;
          }
          if (count != 1 || script_of(found->text) != majority || letter_count(found->text) < 2)
            continue;
          PlacedWord& target = layout.words[static_cast<size_t>(&word - layout.words.data())];
          context.rereads.push_back(
              {layout.page, target.bbox,
               "ocr: '" + target.text + "' read again on its own: '" + found->text + "'"});
          target.text = found->text;
          target.confidence = found->confidence;
          target.reread = true;
        }
      }
    }
  }
}

void reread_garbled_party_lines(ExtractContext& context) {
  const auto& reread = context.options.reread_region;
  if (!reread) return;
  for (PageLayout& layout : context.layouts) {
    if (!layout.ocr) continue;
    const double h = layout.line_height;
    std::vector<std::vector<PlacedWord>> readings;
    for (const BoxContent& box : layout.boxes) {
      auto spec = context.patterns.reread.find(box.label.box);
      if (spec == context.patterns.reread.end() || spec->second.check != Check::Latin) continue;
      for (size_t l = 1; l < box.lines.size(); ++l) {
        const auto& line = box.lines[l];
        const double sure = mean_confidence_of(line);
        size_t had = 0;
        for (const PlacedWord* word : line) had += alnum_count(word->text);
        // a line of a lone point or comma is a speck beside a line read well
        if (sure >= kGarbled || had == 0) continue;
        // The line across the box as wide as its widest line, below the line above it.
        double top = 1e18, bottom = -1e18, right = 0;
        for (const PlacedWord* word : line)
          top = std::min(top, word->bbox.y0), bottom = std::max(bottom, word->bbox.y1);
        for (const auto& other : box.lines) right = std::max(right, other.back()->bbox.x1);
        double above = -1e18, below = 1e18;
        for (const PlacedWord* word : box.lines[l - 1]) above = std::max(above, word->bbox.y1);
        if (l + 1 < box.lines.size())
          for (const PlacedWord* word : box.lines[l + 1]) below = std::min(below, word->bbox.y0);
        const double centre = (top + bottom) / 2;
        BBox region{box.region.x0, std::max(above, centre - 0.9 * h), right + 0.5 * h,
                    std::min(below, centre + 0.9 * h)};
        if (region.y1 <= region.y0 || region.x1 <= region.x0) continue;
        std::vector<PlacedWord> values;
        for (const Word& word : reread(layout.page, region, spec->second.charset)) {
          const double y = (word.bbox.y0 + word.bbox.y1) / 2;
          // rulings at the box's edges ("| STREET 50") are not text
          if (std::abs(y - centre) > 0.6 * h || word.confidence < 0.5) continue;
          if (std::optional<PlacedWord> placed = placed_reread(layout, word))
            values.push_back(std::move(*placed));
        }
        // The new reading must hold more than the old: letters and digits, three at least.
        if (values.empty() || mean_confidence(values) < kClear ||
            mean_confidence(values) < sure + 0.3 ||
            alnum_count(joined(values)) < std::max<size_t>(3, had + 1))
          continue;
        std::string before;
        for (const PlacedWord* word : line) {
          before += (before.empty() ? "" : " ") + word->text;
          layout.words[static_cast<size_t>(word - layout.words.data())].superseded = true;
        }
        BBox where = values.front().bbox;
        for (const PlacedWord& word : values) where = unite(where, word.bbox);
        context.rereads.push_back(
            {layout.page, where,
             "ocr: line '" + before + "' read again on its own: '" + joined(values) + "'"});
        readings.push_back(std::move(values));
      }
    }
    if (readings.empty()) continue;
    for (auto& values : readings) {
      layout.rows.emplace_back();
      for (PlacedWord& word : values) {
        word.row = static_cast<int>(layout.rows.size()) - 1;
        layout.rows.back().push_back(layout.words.size());
        layout.words.push_back(std::move(word));
        layout.is_label_word.push_back(false);
      }
    }
    keep_rows_top_to_bottom(layout);
    assign_words_to_boxes(layout);
  }
}

int recover_lost_bands(Page& page, const ExtractOptions& options) {
  if (!options.reread_region || page.source != PageSource::Ocr) return 0;
  std::vector<std::pair<double, double>> spans;  // words' tops and bottoms
  std::vector<double> heights;
  for (const Block& block : page.blocks)
    for (const Line& line : block.lines)
      for (const Word& word : line.words) {
        if (word.bbox.empty() || word.text.find_first_not_of("|_~=\\") == std::string::npos)
          continue;
        spans.emplace_back(word.bbox.y0, word.bbox.y1);
        heights.push_back(word.bbox.height());
      }
  if (spans.size() < 10) return 0;
  std::sort(spans.begin(), spans.end());
  std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2),
                   heights.end());
  const double h = heights[heights.size() / 2];
  std::vector<std::pair<double, double>> gaps;
  double bottom = spans.front().second;
  for (const auto& [top, end] : spans) {
    if (top - bottom > kLostBand * h && gaps.size() < kMaxBands) gaps.emplace_back(bottom, top);
    bottom = std::max(bottom, end);
  }
  int recovered = 0;
  Block found;
  for (const auto& [top, end] : gaps) {
    const BBox band{0, top, page.width, end};
    std::vector<Word> read = options.reread_region(page.number, band, "");
    Line line;
    double sum = 0;
    for (Word& word : read) {
      const double y = (word.bbox.y0 + word.bbox.y1) / 2;
      if (word.confidence < 0.6 || y < top + 0.2 * h || y > end - 0.2 * h ||
          word.text.find_first_not_of("|_~=\\") == std::string::npos)
        continue;
      sum += word.confidence;
      line.words.push_back(std::move(word));
    }
    if (line.words.size() < 2 || sum / static_cast<double>(line.words.size()) < 0.75) continue;
    // one line per word: the layout puts them in rows by their own positions
    for (Word& word : line.words) {
      Line single;
      single.bbox = word.bbox;
      single.words.push_back(std::move(word));
      found.bbox = found.lines.empty() ? single.bbox : unite(found.bbox, single.bbox);
      found.lines.push_back(std::move(single));
    }
    ++recovered;
  }
  if (!found.lines.empty()) page.blocks.push_back(std::move(found));
  return recovered;
}

void attach_reread_notes(ExtractContext& context) {
  if (context.rereads.empty()) return;
  auto attach = [&](Field<std::string>& field) {
    if (!field.present() || !field.bbox) return;
    const BBox& where = *field.bbox;
    for (const RereadNote& note : context.rereads) {
      double cx = (note.bbox.x0 + note.bbox.x1) / 2, cy = (note.bbox.y0 + note.bbox.y1) / 2;
      if (note.page == field.page && cx >= where.x0 && cx <= where.x1 && cy >= where.y0 &&
          cy <= where.y1)
        field.repairs.push_back(note.repair);
    }
  };
  for (Party* party :
       {&context.record.consignor, &context.record.consignee, &context.record.declarant}) {
    attach(party->name);
    attach(party->address);
  }
}

}  // namespace declx
