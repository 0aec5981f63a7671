// Goods items: every box-32 label (on ДТ1 and each ДТ2 sheet) starts an item; the item boxes
// (31, 33-46) below it up to the next item belong to it. Items come out in page order and
// are numbered by box 32; their count is checked against box 5.
#include "extractors/end_use.h"
#include "extractors/grid.h"
#include "extractors/header_fields.h"
#include "extractors/ocr_repair.h"
#include "extractors/respell.h"
#include "normalizers/countries.h"
#include "normalizers/hs_code.h"
#include "normalizers/identifiers.h"
#include "normalizers/numbers.h"
#include "normalizers/script.h"
#include "normalizers/text.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

#include <unicode/uchar.h>

namespace declx {
namespace {

const char* const kItemBoxes[] = {"31", "32", "33", "34", "35", "38", "42", "45", "46"};

struct ItemBoxes {
  int page = 0;
  double top = 0;  // de-skewed y of the anchor label
  std::map<std::string, const BoxContent*> boxes;
  bool continuation = false;  // a box 31 before the first anchor of a later page
};

bool is_item_box(const std::string& box) {
  for (const char* name : kItemBoxes)
    if (box == name) return true;
  return false;
}

// Whether `box`, next in reading order, begins a new goods item after the boxes of `current`:
// its number repeats, or it is on an item's first row (31, 32, 33) while `current` already
// reaches the item's third row or lower (boxes 37-46). The second rule keeps a sheet's items
// apart when OCR lost the first item's box 31 caption: the next item's box 31 would otherwise
// join the first item and every description on the sheet would move up by one. (Only rows
// two below count: a caption OCR put a little low can land in the next row's place.)
template <class Boxes>
bool starts_new_item(const Boxes& current, const std::string& box) {
  if (current.empty() || current.count(box)) return true;
  auto first_row = [](const std::string& name) {
    return name == "31" || name == "32" || name == "33";
  };
  if (!first_row(box)) return false;
  for (const auto& entry : current)
    if (std::atoi(entry.first.c_str()) >= 37) return true;
  return false;
}

// Item boxes in reading order (row, then x); an item ends where a box number repeats. This
// works for the grid (31, 32, 33 on one row, 34-46 below) and for broker printouts (one
// labelled line per box, 31 first). On a later sheet, boxes before the first 32/33 that hold
// only a description continue the previous sheet's last item.
std::vector<ItemBoxes> group_items(const ExtractContext& context) {
  std::vector<ItemBoxes> items;
  for (const PageLayout& layout : context.layouts) {
    std::vector<const BoxContent*> ordered;
    for (const BoxContent& box : layout.boxes)
      if (is_item_box(box.label.box)) ordered.push_back(&box);
    std::stable_sort(ordered.begin(), ordered.end(), [](const BoxContent* a, const BoxContent* b) {
      if (a->label.row != b->label.row) return a->label.row < b->label.row;
      return a->label.aligned.x0 < b->label.aligned.x0;
    });
    std::vector<ItemBoxes> page_items;
    for (const BoxContent* box : ordered) {
      if (page_items.empty() || starts_new_item(page_items.back().boxes, box->label.box)) {
        ItemBoxes item;
        item.page = layout.page;
        item.top = box->label.aligned.y0;
        page_items.push_back(item);
      }
      page_items.back().boxes.emplace(box->label.box, box);
    }
    // On ДТ1, item captions read above the first item (a header caption mistaken for box 45,
    // say) hold no box 31-33: they are not an item.
    while (layout.page == 1 && !page_items.empty() && !page_items.front().boxes.count("31") &&
           !page_items.front().boxes.count("32") && !page_items.front().boxes.count("33"))
      page_items.erase(page_items.begin());
    if (!page_items.empty() && layout.page > 1 && !items.empty()) {
      const ItemBoxes& first = page_items.front();
      if (!first.boxes.count("32") && !first.boxes.count("33") && first.boxes.count("31"))
        page_items.front().continuation = true;
    }
    for (auto& item : page_items) items.push_back(item);
  }
  return items;
}

Field<double> number_from_box(const ExtractContext& context, const BoxContent* box,
                              const std::string& name) {
  Field<double> field;
  field.box = name;
  if (!box || box->empty()) {
    field.why_empty = why_box_empty(box, name);
    return field;
  }
  TextSpan span = span_of_box(*box);
  re2::StringPiece input(span.text);
  re2::StringPiece match;
  if (!RE2::PartialMatch(input, context.patterns.field("number"), &match)) {
    field.why_empty = "box " + name + ": no number in '" + span.text + "'";
    return field;
  }
  size_t at = static_cast<size_t>(match.data() - span.text.data());
  std::string text(match);
  // OCR puts spaces around the decimal separator ("29, 923", "617 .401000", "649 . 964000").
  bool spaced_decimal = false;
  if (size_t separator = text.find_first_of(".,"); separator != std::string::npos) {
    if (separator + 1 < text.size() && text[separator + 1] == ' ') {
      text.erase(separator + 1, 1);
      spaced_decimal = true;
    }
    if (separator > 0 && text[separator - 1] == ' ') {
      text.erase(separator - 1, 1);
      spaced_decimal = true;
    }
  }
  const bool value_box = name == "42" || name == "45" || name == "46";
  Parsed<double> parsed = parse_box_number(text, value_box);
  // A lone digit before a number of a thousand or more whose groups are thousands ("5 8
  // 493,28", "4 4158,88"): a speck or the box's rule read as a digit, not the number's first
  // group (which would leave "58 493,28" or "44 158,88" with a group of one or four digits).
  // Dropped, recorded, at low confidence; the value cross-checks can still correct it. A
  // shorter rest ("2 87", "6 95,287") is a damaged number, left unread.
  static const RE2 kStrayDigit("^(\\d) (\\d.*)$");
  std::string stray, rest;
  if (!parsed.ok() && RE2::FullMatch(text, kStrayDigit, &stray, &rest)) {
    Parsed<double> without = parse_box_number(rest, value_box);
    if (without.ok() && *without.value >= 1000) {
      without.repairs.push_back("ocr: stray '" + stray + "' before the number dropped ('" + text +
                                "': digit groups are not thousands)");
      without.confidence = std::min(without.confidence, 0.5);
      parsed = without;
    }
  }
  Field<double> field_value = field_from<double>(
      parsed, evidence_of(span, at, at + match.size(), name), "fields.tsv:number");
  if (spaced_decimal)
    field_value.repairs.push_back("ocr: space around the decimal separator removed");
  return field_value;
}

Field<std::string> hs_code_from_box(const BoxContent* box) {
  Field<std::string> field;
  field.box = "33";
  if (!box || box->empty()) {
    field.why_empty = why_box_empty(box, "33");
    return field;
  }
  TextSpan span = span_of_box(*box);
  // Try the whole box, then each line, then growing runs of words from the start.
  Parsed<HsCode> parsed = parse_hs_code(span.text);
  Evidence evidence = evidence_of(span, "33");
  for (size_t first = 0; !parsed.ok() && first < span.words.size(); ++first)
    for (size_t last = first; !parsed.ok() && last < span.words.size() && last < first + 5;
         ++last) {
      size_t begin = span.starts[first], end = span.starts[last] + span.words[last]->text.size();
      Parsed<HsCode> attempt = parse_hs_code(span.text.substr(begin, end - begin));
      if (attempt.ok()) {
        parsed = attempt;
        evidence = evidence_of(span, begin, end, "33");
      }
    }
  // The grouped print "8542 39 901 0" ends in a one-digit group; OCR reads that lone digit
  // with a phantom 9 beside it ("09", "90"). Two digits there, exactly one of them a 9: the
  // other one, recorded as a repair.
  if (!parsed.ok()) {
    static const RE2 kGroupedCode("(?:^|\\D)(\\d{4}) (\\d{2}) (\\d{3}) (\\d{2})(?:\\D|$)");
    std::string a, b, c, d;
    if (RE2::PartialMatch(span.text, kGroupedCode, &a, &b, &c, &d) &&
        (d[0] == '9') != (d[1] == '9')) {
      std::string kept(1, d[0] == '9' ? d[1] : d[0]);
      Parsed<HsCode> attempt = parse_hs_code(a + b + c + kept);
      if (attempt.ok()) {
        parsed = attempt;
        parsed.raw = a + " " + b + " " + c + " " + d;
        parsed.repairs.push_back("ocr: last group '" + d + "' of the grouped code read with a " +
                                 "phantom 9; kept " + kept);
        parsed.confidence = std::min(parsed.confidence, 0.6);
      }
    }
  }
  // The same lone last digit 0 read as a round sign ("8542 39 901 @", "8471 50 000 ©").
  if (!parsed.ok()) {
    static const RE2 kRoundLast(
        "(?:^|\\D)(\\d{4}) (\\d{2}) (\\d{3}) (@|©|О|о|O|o)(?:[^\\pL\\d]|$)");
    std::string a, b, c, d;
    if (RE2::PartialMatch(span.text, kRoundLast, &a, &b, &c, &d)) {
      Parsed<HsCode> attempt = parse_hs_code(a + b + c + "0");
      if (attempt.ok()) {
        parsed = attempt;
        parsed.raw = a + " " + b + " " + c + " " + d;
        parsed.repairs.push_back("ocr: last digit of the grouped code read as '" + d + "'; 0");
        parsed.confidence = std::min(parsed.confidence, 0.6);
      }
    }
  }
  Parsed<std::string> digits;
  digits.raw = parsed.raw;
  digits.repairs = parsed.repairs;
  digits.confidence = parsed.confidence;
  digits.error = parsed.error;
  if (parsed.ok()) digits.value = parsed.value->digits;
  return field_from<std::string>(digits, evidence, "parse_hs_code");
}

// Box 31: the description lines (up to the first sub-entry line), joined. A box printed in
// the customs style fills each line to the right edge and breaks words wherever they fall,
// without a hyphen; such a box is recognised by all its wrapped lines ending at the same x,
// and its lines are joined without a space unless the gap at the edge could hold a letter.
struct Description {
  std::string text;
  TextSpan span;  // word positions inside text, for end-use note bboxes
  std::vector<const PlacedWord*> words;
  bool char_wrapped = false;
  std::string dropped;               // words before the element prefix "1)" that are no description
  std::vector<std::string> repairs;  // words left out as OCR's double readings
};

// OCR read the start of a word twice, once as a word of its own: "ВЕР" over "ВЕРТИКАЛЬНЫЕ",
// "ЭЛ" overlapping "ЭЛЕКТРИЧЕСКИЕ", its end ("СКИЕ" over "ЭЛЕКТРИЧЕСКИЕ") or the whole word
// twice ("ИЗ" over "ИЗ"). The fragment is a double reading when it is letters only, the start
// or the end of the word beside it (or the same word), and its box overlaps that word's box
// (both across and down): printed words never overlap, so "ПО ПОЛУПРОВОДНИКОВЫЕ", "НА
// НАРУЖНЫЙ" stay.
bool doubled_fragment(const PlacedWord& fragment, const PlacedWord& word) {
  std::u32string start = fold_letters(fragment.text), full = fold_letters(word.text);
  if (start.size() < 2 || start.size() > full.size() ||
      (full.compare(0, start.size(), start) != 0 &&
       full.compare(full.size() - start.size(), start.size(), start) != 0))
    return false;
  for (char32_t c : to_u32(fragment.text))
    if (!u_isalpha(static_cast<UChar32>(c))) return false;
  const BBox& a = fragment.aligned;
  const BBox& b = word.aligned;
  double across = std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
  double down = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  return across > std::max(1.0, 0.25 * a.width()) && down > 0.5 * std::min(a.height(), b.height());
}

// A sub-entry caption at the start of a box-31 line, read with OCR damage: "НРОИЗВОДИТЕЛЬ:",
// "ИЗВОДИТЕЛЬ:" (start lost), "ПРО ЗВОДИТЕЛЬ;" (split), "TOB,3HAK:" (Latin look-alikes).
// Compared by label skeleton against description_stops.tsv.
bool fuzzy_stop_line(const std::vector<const PlacedWord*>& line, const PatternData& patterns) {
  if (patterns.description_stops.empty() || line.empty()) return false;
  std::u32string joined;
  for (size_t k = 0; k < line.size() && k < 2; ++k) {
    joined += label_skeleton(fold_letters(line[k]->text));
    for (const std::u32string& stop : patterns.description_stops) {
      if (joined.size() + 3 < stop.size() && joined.size() < 6) continue;
      size_t allowed = stop.size() >= 8 ? 2 : stop.size() >= 6 ? 1 : 0;
      if (edit_distance(joined, stop, allowed) <= allowed) return true;
      // the start of a long caption lost: its tail
      if (stop.size() >= 10 && joined.size() >= 7 && joined.size() < stop.size() &&
          edit_distance(joined, std::u32string_view(stop).substr(stop.size() - joined.size()), 1) <=
              1)
        return true;
    }
  }
  return false;
}

// A line of Latin words only (two or more, no Cyrillic letter) after the description: a
// manufacturer whose "ПРОИЗВОДИТЕЛЬ:" caption OCR lost.
bool latin_only_line(const std::vector<const PlacedWord*>& line) {
  size_t latin_words = 0;
  for (const PlacedWord* word : line) {
    size_t latin = 0;
    for (char32_t c : to_u32(word->text)) {
      if ((c >= U'А' && c <= U'я') || c == U'Ё' || c == U'ё') return false;
      if ((c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z')) ++latin;
    }
    if (latin >= 2) ++latin_words;
  }
  return latin_words >= 2;
}

// Whether the words of `upper` are words of the same printed line as `lower` that OCR put on
// a row of their own (a doubled word read as a taller box, skew): the rows' spans down (median
// top to median bottom of their words) overlap by half a word's height or more, and every
// word of `upper` either sits in a gap between the words of `lower` or is a double reading
// of one of them. A line printed above another overlaps its words across and lies a whole
// line higher.
bool same_printed_line(const std::vector<const PlacedWord*>& upper,
                       const std::vector<const PlacedWord*>& lower) {
  if (upper.empty() || lower.empty()) return false;
  auto span_down = [](const std::vector<const PlacedWord*>& line) {
    std::vector<double> tops, bottoms, heights;
    for (const PlacedWord* word : line) {
      tops.push_back(word->aligned.y0);
      bottoms.push_back(word->aligned.y1);
      heights.push_back(word->aligned.height());
    }
    return std::tuple<double, double, double>{median(tops), median(bottoms), median(heights)};
  };
  auto [top_a, bottom_a, height_a] = span_down(upper);
  auto [top_b, bottom_b, height_b] = span_down(lower);
  if (std::min(bottom_a, bottom_b) - std::max(top_a, top_b) < 0.5 * std::min(height_a, height_b))
    return false;
  for (const PlacedWord* word : upper)
    for (const PlacedWord* other : lower) {
      double across = std::min(word->aligned.x1, other->aligned.x1) -
                      std::max(word->aligned.x0, other->aligned.x0);
      if (across > 0.5 && !doubled_fragment(*word, *other) && !doubled_fragment(*other, *word))
        return false;
    }
  return true;
}

Description description_from_box(const ExtractContext& context, const BoxContent& box) {
  Description out;
  std::vector<const std::vector<const PlacedWord*>*> lines;
  for (const auto& line : box.lines) {
    std::string text = to_upper(clean_text(span_of_line(line).text));
    re2::StringPiece input(text);
    if (!lines.empty() && (RE2::PartialMatch(input, context.patterns.field("description_stop")) ||
                           fuzzy_stop_line(line, context.patterns) || latin_only_line(line)))
      break;
    if (lines.empty() && RE2::PartialMatch(input, context.patterns.field("description_stop")) &&
        text.find(')') == std::string::npos)
      break;
    lines.push_back(&line);
  }
  if (lines.empty()) return out;
  // One printed line OCR split into two rows is one line again, its words in x order.
  std::vector<std::vector<const PlacedWord*>> merged;
  merged.reserve(lines.size());
  for (const auto* line : lines) merged.push_back(*line);
  bool rejoined = false;
  for (size_t i = 0; i + 1 < merged.size(); ++i) {
    if (!same_printed_line(merged[i], merged[i + 1]) &&
        !same_printed_line(merged[i + 1], merged[i]))
      continue;
    merged[i + 1].insert(merged[i + 1].end(), merged[i].begin(), merged[i].end());
    std::stable_sort(
        merged[i + 1].begin(), merged[i + 1].end(),
        [](const PlacedWord* a, const PlacedWord* b) { return a->aligned.x0 < b->aligned.x0; });
    merged.erase(merged.begin() + static_cast<long>(i));
    rejoined = true;
    --i;
    if (merged.size() < 2) break;
  }
  if (rejoined) {
    lines.clear();
    for (const auto& line : merged) lines.push_back(&line);
    out.repairs.push_back("ocr: words of one printed line read as two rows joined in x order");
  }
  double max_right = 0, letter = 0;
  size_t letters = 0;
  for (const auto* line : lines) {
    max_right = std::max(max_right, line->back()->aligned.x1);
    for (const PlacedWord* word : *line) {
      letter += word->aligned.width();
      letters += utf8_length(word->text);
    }
  }
  letter = letters ? letter / static_cast<double>(letters) : 5;
  if (lines.size() >= 3) {
    size_t at_edge = 0;
    for (size_t i = 0; i + 1 < lines.size(); ++i)
      if (max_right - lines[i]->back()->aligned.x1 < 1.2 * letter) ++at_edge;
    out.char_wrapped = at_edge == lines.size() - 1;
  } else if (lines.size() == 2) {
    // two lines: the first reaches the edge of the box region
    double edge = box.region.x1;
    out.char_wrapped = edge - lines[0]->back()->aligned.x1 < 0.8 * letter &&
                       lines[0]->back()->aligned.x1 >= lines[1]->back()->aligned.x1;
  }
  // Where the description starts: the element prefix "1) " ("1}", "3.)" as OCR reads it) within
  // the first two lines and three words, when only specks or caption fragments of one or two
  // characters come before it ("7" alone on a line, "# 1) ПРИБОРЫ", "Е к 1) ИЗДЕЛИЯ").
  // Compiled once: these run for every word of every box 31.
  // The "1" of "1)" is also read as a sign or a stroke ("+}", "|)"): a word of just that.
  static const RE2 kElementPrefix("^(?:[^\\pL\\d]*\\d{1,2}[.,]?[)}\\]]|[+|!lI][)}\\]]$)");
  static const RE2 kSpeck("\\S{1,2}");
  static const RE2 kPrefixWord("[^\\pL\\d]*\\d{1,2}[.,]?[)}\\]][^\\pL\\d(]*|[+|!lI][)}\\]]");
  static const RE2 kGluedPrefix("^([^\\pL\\d]*\\d{1,2}[.,]?[)}\\]][^\\pL\\d(]*)");
  size_t start_line = 0, start_word = 0;
  for (size_t i = 0; i < lines.size() && i < 2; ++i) {
    bool found = false;
    for (size_t k = 0; k < lines[i]->size() && k < 3; ++k) {
      const std::string& text = (*lines[i])[k]->text;
      if (RE2::PartialMatch(text, kElementPrefix)) {
        start_line = i, start_word = k, found = true;
        break;
      }
      if (!RE2::FullMatch(text, kSpeck)) break;
    }
    if (found) break;
    bool specks = true;
    for (const PlacedWord* word : *lines[i]) specks &= RE2::FullMatch(word->text, kSpeck);
    if (!specks) break;
  }
  // The first item's prefix "1)" (or a misread "3)") a few words into the box: what OCR put
  // before it is the box's caption read as words ("м описаний товаром 1) ЧАСТИ", "ТОВАР № 1)
  // ...", "meen woven ulde ‘LOMA 3) ЧАСТИ").
  static const RE2 kFirstPrefix("^[^\\pL\\d]*[1-9][.,]?[)}\\]]");
  if (start_line == 0 && start_word == 0 &&
      !RE2::PartialMatch((*lines[0])[0]->text, kElementPrefix)) {
    size_t seen = 0;
    bool found = false;
    for (size_t i = 0; i < lines.size() && i < 3 && !found; ++i)
      for (size_t k = 0; k < lines[i]->size() && seen <= 6; ++k, ++seen)
        if (seen > 0 && RE2::PartialMatch((*lines[i])[k]->text, kFirstPrefix)) {
          start_line = i, start_word = k, found = true;
          break;
        }
    // A capitalised word of six letters or more before it is description text in the wrong
    // order ("МУЛЬТИМЕТРЫ ... 1) С ЦИФРОВЫЕ"), not a caption: then nothing is dropped.
    for (size_t i = 0; found && i <= start_line; ++i)
      for (size_t k = 0; k < (i == start_line ? start_word : lines[i]->size()); ++k) {
        const std::string& text = (*lines[i])[k]->text;
        size_t capitals = 0;  // Cyrillic: a caption read as Latin ("TORIPOR") is no text
        for (char32_t c : to_u32(text)) capitals += c >= U'А' && c <= U'Я';
        if (capitals >= 6) found = false;
        out.dropped += (out.dropped.empty() ? "" : " ") + text;
      }
    if (!found) {
      start_line = start_word = 0;
      out.dropped.clear();
    }
  }
  bool first_word = true;
  bool skipped_edge = false;  // the word before was a double reading left out at a line end
  for (size_t i = start_line; i < lines.size(); ++i) {
    const auto& line = *lines[i];
    for (size_t w = i == start_line ? start_word : 0; w < line.size(); ++w) {
      const PlacedWord* next = w + 1 < line.size()    ? line[w + 1]
                               : i + 1 < lines.size() ? lines[i + 1]->front()
                                                      : nullptr;
      // (rows joined in x order can put the fragment just after its word)
      const PlacedWord* before = out.span.words.empty() ? nullptr : out.span.words.back();
      if (before && doubled_fragment(*line[w], *before)) {
        out.repairs.push_back("ocr: dropped '" + line[w]->text + "', read twice over '" +
                              before->text + "'");
        continue;
      }
      if (next && doubled_fragment(*line[w], *next)) {
        out.repairs.push_back("ocr: dropped '" + line[w]->text + "', read twice over '" +
                              next->text + "'");
        skipped_edge = w + 1 == line.size();
        continue;
      }
      // Specks far right of a line's text ("МОНТАЖА ... 3", "1000 В ... Е"): words of one or
      // two characters that end the line after a gap of more than eight letters, where a
      // printed line has one space.
      if (w > 0 && line[w]->aligned.x0 - line[w - 1]->aligned.x1 > 8 * letter) {
        bool specks = true;
        for (size_t k = w; k < line.size(); ++k) specks &= utf8_length(line[k]->text) <= 2;
        if (specks) {
          for (size_t k = w; k < line.size(); ++k)
            out.repairs.push_back("ocr: dropped '" + line[k]->text +
                                  "', a speck far right of the line's text");
          skipped_edge = true;
          break;
        }
      }
      std::string separator = " ";
      if (w == 0 && i > start_line) {
        const PlacedWord* previous = lines[i - 1]->back();
        bool hyphen = !previous->text.empty() && previous->text.back() == '-';
        if (out.char_wrapped && max_right - previous->aligned.x1 < 0.7 * letter) separator = "";
        if (hyphen) separator = "";  // "ВЧ-" + "УСИЛИТЕЛИ": the hyphen is kept, no space
        // A mark the printer wrapped to the next line ("…БЕЗ ПО" / "; ИГК …") belongs to the
        // word before it; read clearly, it is no speck.
        const std::string& lead = line[w]->text;
        if (lead.size() == 1 && std::strchr(",;:", lead[0]) && line[w]->confidence >= 0.9)
          separator = "";
        if (skipped_edge) separator = " ";
        skipped_edge = false;
      }
      if (first_word) {
        std::string text = line[w]->text;
        if (RE2::FullMatch(text, kPrefixWord)) continue;
        first_word = false;
      }
      out.span.append(line[w], separator);
      // A hyphen glued to the end of a word inside a line, read with low confidence
      // ("ПОВЕРХНОСТНОГО- МОНТАЖА", 0.72): a speck. Printed hanging hyphens ("ВЧ- И СВЧ-")
      // are read clearly, and a hyphen at a line's end joins the next line.
      const std::string& text = line[w]->text;
      if (w + 1 < line.size() && line[w]->confidence < 0.8 && utf8_length(text) >= 5 &&
          text.back() == '-' && u_isalpha(static_cast<UChar32>(to_u32(text).rbegin()[1])) &&
          u_isalpha(static_cast<UChar32>(to_u32(line[w + 1]->text).front()))) {
        out.span.text.pop_back();
        out.repairs.push_back("ocr: dropped the hyphen of '" + text + "', a speck inside the line");
      }
    }
  }
  out.text = out.span.text;
  // An element prefix glued to the first word ("1)МИКРОСХЕМЫ").
  re2::StringPiece input(out.text);
  re2::StringPiece prefix;
  if (RE2::PartialMatch(input, kGluedPrefix, &prefix) && prefix.size() < out.text.size()) {
    size_t cut = prefix.size();
    out.text = out.text.substr(cut);
    for (auto& start : out.span.starts) start = start >= cut ? start - cut : 0;
    out.span.text = out.text;
  }
  return out;
}

// Box 34's code read with low OCR confidence that no other box of the document supports is
// usually a caption fragment or a misread letter ("CH", "CX" for CN; "EE", "IS" from specks).
// One letter away from a country the document names (box 16, dispatch, consignor): that one,
// recorded as a repair. Otherwise, below kUnsupportedCodeConfidence, it is dropped as
// unreadable rather than reported as a country nobody mentioned.
constexpr double kRepairCodeConfidence = 0.75;
constexpr double kUnsupportedCodeConfidence = 0.45;

void check_origin_against_document(Field<std::string>& code,
                                   const std::vector<std::pair<std::string, std::string>>& hints,
                                   const std::vector<std::string>& prior) {
  if (!code.present() || hints.empty()) return;
  const std::string read = *code.value;
  // A clean reading is questioned only when it names a country outside the trade partners
  // of country_prior.tsv: "TK" (Tokelau) for TR, R read as K.
  const bool rare = !prior.empty() && std::find(prior.begin(), prior.end(), read) == prior.end();
  const bool sure = code.confidence >= kRepairCodeConfidence;
  if (sure && !rare) return;
  // For a clean reading, only letters OCR confuses in print count as a misread (not DK for
  // DE: Danish goods dispatched from Germany are real).
  auto confusable = [](char a, char b) {
    static const std::string kPairs[] = {"RK", "RP", "RB", "NM", "NH", "OD", "OQ",
                                         "CG", "CO", "IL", "IT", "EF", "UV"};
    for (const auto& pair : kPairs)
      if ((pair[0] == a && pair[1] == b) || (pair[0] == b && pair[1] == a)) return true;
    return false;
  };
  for (const auto& [hint, reason] : hints)
    if (hint == read) return;
  for (const auto& [hint, reason] : hints) {
    if (hint.size() != read.size()) continue;
    size_t differences = 0;
    bool plausible = true;
    for (size_t i = 0; i < hint.size(); ++i)
      if (hint[i] != read[i]) {
        ++differences;
        plausible &= !sure || confusable(hint[i], read[i]);
      }
    if (differences == 1 && plausible) {
      code.repairs.push_back("cross-field: " + read + "→" + hint + " (" + reason +
                             (code.confidence >= kRepairCodeConfidence
                                  ? "; box 34 names a country outside country_prior.tsv)"
                                  : "; box 34 read with low confidence)"));
      code.rule += "; one-letter misread settled by " + reason;
      code.value = hint;
      return;
    }
  }
  // Codes are printed in capitals: a reading taken from a token with a lower-case letter
  // ("is", "at", "aS": the sub-box letters a/b and specks) is kept only when a box supports it.
  const bool lower_case = to_upper(code.raw) != code.raw;
  if (code.confidence < kUnsupportedCodeConfidence || lower_case) {
    code.why_empty = "box 34: '" + code.raw + "' read " +
                     (lower_case ? "in lower case" : "with low confidence") + " as " + read +
                     ", a country no other box names";
    code.value.reset();
  }
}

// Box 34 left unread ("EN", "тм", "3p": a code OCR damaged that no box decides) is one
// letter from the code that other goods items of the same declaration read cleanly, or that
// box 16, the dispatch country or the consignor's country name: that code, when exactly one
// fits (recorded as a repair, low confidence). Nothing is taken from a box without a
// two-character token, and a code two letters away stays unread.
void settle_origin_by_document(ExtractContext& context, const std::vector<ItemBoxes>& groups,
                               const std::vector<size_t>& item_of_group) {
  auto& items = context.record.items;
  std::map<std::string, std::string> known;  // code → why it is known
  std::map<std::string, int> clean;
  for (const Item& item : items)
    if (item.origin_country.present() && item.origin_country.repairs.empty() &&
        item.origin_country.confidence >= kRepairCodeConfidence)
      ++clean[*item.origin_country.value];
  for (const auto& [code, count] : clean)
    known[code] = "read in " + std::to_string(count) + " other goods item" + (count > 1 ? "s" : "");
  const Record& record = context.record;
  if (record.country_origin.present()) known.emplace(*record.country_origin.value, "box 16");
  if (record.country_dispatch.present())
    known.emplace(*record.country_dispatch.value, "dispatch country, box 15/15a");
  if (record.consignor.country.present())
    known.emplace(*record.consignor.country.value, "consignor's country, box 2");
  if (known.empty()) return;
  for (size_t g = 0; g < groups.size(); ++g) {
    if (item_of_group[g] >= items.size()) continue;
    Field<std::string>& origin = items[item_of_group[g]].origin_country;
    auto box = groups[g].boxes.find("34");
    if (origin.present() || box == groups[g].boxes.end() || box->second->empty()) continue;
    TextSpan span = span_of_box(*box->second);
    std::set<std::string> fits;
    size_t fit_word = 0;
    for (size_t i = 0; i < span.words.size(); ++i) {
      std::u32string token = latin_capitals(to_u32(to_upper(clean_text(span.words[i]->text))));
      if (token.size() != 2) continue;
      for (const auto& [code, why] : known) {
        std::u32string wide = to_u32(code);
        size_t differences = (wide[0] != token[0]) + (wide[1] != token[1]);
        if (differences == 1 && (token[0] == wide[0] || token[1] == wide[1])) {
          fits.insert(code);
          fit_word = i;
        }
      }
    }
    if (fits.size() != 1) continue;
    const std::string& code = *fits.begin();
    const PlacedWord* word = span.words[fit_word];
    Evidence evidence =
        evidence_of(span, span.starts[fit_word], span.starts[fit_word] + word->text.size(), "34");
    std::string why_empty = origin.why_empty;
    set_evidence(origin, evidence, "box 34 token one letter from a code the declaration names");
    origin.value = code;
    origin.raw = word->text;
    origin.confidence = std::min(origin.confidence, 0.5);
    origin.repairs.push_back("cross-field: '" + word->text + "'→" + code + " (one letter from " +
                             code + ", " + known[code] + "; " + why_empty + ")");
    origin.why_empty.clear();
    // the item's warning about box 34 no longer holds
    auto& warnings = context.record.warnings;
    std::string stale = "item " + std::to_string(item_of_group[g] + 1) + ": " + why_empty;
    warnings.erase(std::remove(warnings.begin(), warnings.end(), stale), warnings.end());
  }
}

// Box 31 text as read → as recorded, each repair of OCR damage listed in `repairs`. Both
// return how many repairs wrote words the page did not show as printed (lexicon terms,
// dictionary words, settled marks), which lower the field's confidence.
size_t clean_description(const ExtractContext& context, std::string& text,
                         std::vector<std::string>& repairs) {
  text = repair_ocr_text(text, repairs);
  text = cyrillize_lookalike_words(text, repairs);
  // (Latin terms first: a lone low quote after one, "САМ ‚ ДЛЯ", is a comma it ends at)
  size_t before = repairs.size();
  text = latinize_technical_terms(text, context.patterns, repairs);
  const size_t terms = repairs.size() - before;
  text = drop_stray_marks(text, repairs);
  before = repairs.size();
  text = spell_lexicon_terms(text, context.patterns, repairs);
  return terms + repairs.size() - before;
}

// For a description read by OCR only (a text layer is taken as printed, and the dictionary
// is loaded only for OCR'd pages): words no dictionary knows, marks OCR confuses.
size_t settle_ocr_description(const ExtractContext& context, std::string& text,
                              std::vector<std::string>& repairs) {
  const size_t before = repairs.size();
  text = settle_braces(text, repairs);
  if (const Dictionary* dictionary = Dictionary::russian())
    text = respell_ocr_words(text, *dictionary, context.patterns, repairs);
  text = settle_clause_marks(text, context.patterns, repairs);
  return repairs.size() - before;
}

void fill_item(ExtractContext& context, const ItemBoxes& boxes, Item& item,
               Description& description) {
  auto box = [&](const char* name) -> const BoxContent* {
    auto it = boxes.boxes.find(name);
    return it == boxes.boxes.end() ? nullptr : it->second;
  };
  item.item_no = integer_from_box(context, box("32"), "32");
  item.hs_code = hs_code_from_box(box("33"));
  // Box 33's caption lost with every other of the document ("33 Код товара" in 5-pt type on a
  // fax), so that no position could be inferred for it: its code, printed on the row of box
  // 32's caption to the right, went to box 32. A clean ten-digit code there whose first six
  // digits are an HS 2022 subheading is box 33's, noted.
  if (!box("33") && box("32") && hs6_list_present()) {
    Field<std::string> beside = hs_code_from_box(box("32"));
    if (beside.present() && beside.repairs.empty() && beside.value->size() == 10 &&
        hs6_known(beside.value->substr(0, 6))) {
      beside.box = "33";
      beside.rule = "box 33 caption not read: the code on box 32's row";
      beside.repairs.push_back("layout: box 33's caption not read; the code read in box 32");
      beside.confidence = std::min(beside.confidence, 0.7);
      item.hs_code = std::move(beside);
    }
  }
  std::vector<std::string> alternatives;
  item.origin_country = code_from_box(box("34"), "34", &alternatives);
  std::vector<std::pair<std::string, std::string>> hints;
  if (context.record.country_origin.present())
    hints.emplace_back(*context.record.country_origin.value,
                       "box 16 '" + context.record.country_origin.raw + "'");
  if (context.record.country_dispatch.present())
    hints.emplace_back(*context.record.country_dispatch.value, "dispatch country, box 15/15a");
  if (context.record.consignor.country.present())
    hints.emplace_back(*context.record.consignor.country.value, "consignor's country, box 2");
  settle_country(item.origin_country, alternatives, hints, context.patterns);
  check_origin_against_document(item.origin_country, hints, context.patterns.country_prior);
  item.gross_kg = number_from_box(context, box("35"), "35");
  item.net_kg = number_from_box(context, box("38"), "38");
  item.invoice_price = number_from_box(context, box("42"), "42");
  item.customs_value = number_from_box(context, box("45"), "45");
  item.statistical_value = number_from_box(context, box("46"), "46");
  if (const BoxContent* box31 = box("31"); box31 && !box31->empty()) {
    description = description_from_box(context, *box31);
    if (!description.text.empty()) {
      Evidence evidence = evidence_of(description.span, 0, description.span.text.size(), "31");
      set_evidence(item.description, evidence,
                   description.char_wrapped
                       ? "box 31 lines before sub-entries (edge-wrapped: joined without space)"
                       : "box 31 lines before sub-entries");
      item.description.raw = box31->text();
      if (!description.dropped.empty())
        item.description.repairs.push_back("ocr: dropped '" + description.dropped +
                                           "' before the element prefix 1)");
      for (const std::string& repair : description.repairs)
        item.description.repairs.push_back(repair);
      std::string repaired = description.text;
      size_t terms = clean_description(context, repaired, item.description.repairs);
      if (ocr_page(context, description.span.page()))
        terms += settle_ocr_description(context, repaired, item.description.repairs);
      item.description.value = repaired;
      item.description.confidence = evidence.confidence;
      // a term written from the lexicon or a word from the dictionary was not read as printed
      if (terms > 0) item.description.confidence *= 0.9;
    }
  }
  if (!item.description.present()) item.description.why_empty = why_box_empty(box("31"), "31");
}

// Labels of one goods item's area (boxes 31-46) on a page, grouped like group_items does.
std::vector<std::map<std::string, const LabelHit*>> item_label_groups(const PageLayout& layout) {
  std::vector<const LabelHit*> ordered;
  for (const LabelHit& label : layout.labels) {
    int number = std::atoi(label.box.c_str());
    if (number >= 31 && number <= 46) ordered.push_back(&label);
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](const LabelHit* a, const LabelHit* b) {
    if (a->row != b->row) return a->row < b->row;
    return a->aligned.x0 < b->aligned.x0;
  });
  std::vector<std::map<std::string, const LabelHit*>> groups;
  for (const LabelHit* label : ordered) {
    if (groups.empty() || starts_new_item(groups.back(), label->box)) groups.emplace_back();
    groups.back().emplace(label->box, label);
  }
  return groups;
}

}  // namespace

namespace {

// An item whose every caption OCR lost (a dense fax's "ЗА ipyromme носи ronapon 32 (owup
// $3koq") still prints its first description row: the element prefix "1)" at the left, its
// ТН ВЭД code on the same row ("1) МУЛЬТИМЕТРЫ ... 5 9030.52.000.9"). Such a row that no box
// 31 holds gets box 31's caption where the other items of the document have it relative to
// their first description rows (two of them at least); the item's other captions are then
// placed from it like any item's (infer_item_labels_from_other_items).
// Returns whether a caption was placed.
bool anchor_items_by_first_rows(ExtractContext& context) {
  static const RE2 kHsCode(
      "(?:^|[^0-9])([0-9]{4}[ .]?[0-9]{2}[ .]?[0-9]{3}[ .]?[0-9])(?:[^0-9]|$)");
  const RE2& prefix = context.patterns.field("description_prefix");
  std::vector<double> dx, dy, width, height;
  const LabelSpelling* spelling = nullptr;
  for (const PageLayout& layout : context.layouts)
    for (const BoxContent& box : layout.boxes) {
      if (box.label.box != "31" || box.label.first_row || box.empty()) continue;
      // its first row that starts with the prefix (damaged caption words may come first)
      const PlacedWord* first = nullptr;
      for (const auto& line : box.lines)
        if (!first && RE2::PartialMatch(line.front()->text + " ", prefix)) first = line.front();
      if (!first) continue;
      dx.push_back(first->aligned.x0 - box.label.aligned.x0);
      dy.push_back(first->aligned.y0 - box.label.aligned.y0);
      width.push_back(box.label.aligned.width());
      height.push_back(box.label.aligned.height());
      spelling = box.label.spelling;
    }
  if (dx.size() < 2 || !spelling) return false;
  bool placed = false;
  for (PageLayout& layout : context.layouts) {
    if (!layout.ocr) continue;
    std::set<const PlacedWord*> held;  // words some box 31 already holds
    for (const BoxContent& box : layout.boxes)
      if (box.label.box == "31")
        for (const auto& line : box.lines) held.insert(line.begin(), line.end());
    std::vector<LabelHit> added;
    for (size_t r = 0; r < layout.rows.size(); ++r) {
      const PlacedWord& first = layout.words[layout.rows[r].front()];
      if (held.count(&first) || layout.is_label_word[layout.rows[r].front()] ||
          !RE2::PartialMatch(first.text + " ", prefix) ||
          !RE2::PartialMatch(layout.row_text(r), kHsCode))
        continue;
      const double x0 = first.aligned.x0 - median(dx), y0 = first.aligned.y0 - median(dy);
      // a box 31 caption (read or placed) near where this one would go belongs to an item
      // found already, whose first row was cut off into a neighbouring box
      bool taken = false;
      for (const LabelHit& label : layout.labels)
        taken |= label.box == "31" && std::abs(label.aligned.y0 - y0) < 3 * layout.line_height;
      if (taken) continue;
      LabelHit hit;
      hit.box = "31";
      hit.spelling = spelling;
      hit.inferred = hit.first_row = true;
      hit.aligned = BBox{x0, y0, x0 + median(width), y0 + median(height)};
      if (hit.aligned.x0 < 0 || hit.aligned.y0 < 0) continue;
      place_inferred_label(layout, hit);
      added.push_back(hit);
    }
    if (added.empty()) continue;
    for (LabelHit& hit : added) layout.labels.push_back(hit);
    assign_words_to_boxes(layout);
    placed = true;
  }
  return placed;
}

// Offsets from box 31 learned from the other items of the same document.
void infer_item_labels_from_other_items(ExtractContext& context) {
  // Template: where each item box's label sits relative to box 31's label, from every item
  // of the document that has both.
  struct Samples {
    std::vector<double> dx, dy, width, height;
    const LabelSpelling* spelling = nullptr;
  };
  std::map<std::string, Samples> templates;
  size_t groups_with_31 = 0;
  for (const PageLayout& layout : context.layouts)
    for (const auto& group : item_label_groups(layout)) {
      auto anchor = group.find("31");
      if (anchor == group.end()) continue;
      ++groups_with_31;
      for (const auto& [box, label] : group) {
        Samples& samples = templates[box];
        samples.dx.push_back(label->aligned.x0 - anchor->second->aligned.x0);
        samples.dy.push_back(label->aligned.y0 - anchor->second->aligned.y0);
        samples.width.push_back(label->aligned.width());
        samples.height.push_back(label->aligned.height());
        samples.spelling = label->spelling;
      }
    }
  if (groups_with_31 < 2) return;
  for (PageLayout& layout : context.layouts) {
    std::vector<LabelHit> added;
    for (const auto& group : item_label_groups(layout)) {
      // Where this item's box 31 label is (or would be), from the labels that were read.
      std::vector<double> xs, ys;
      for (const auto& [box, label] : group) {
        auto it = templates.find(box);
        if (it == templates.end() || it->second.dx.size() < 2) continue;
        xs.push_back(label->aligned.x0 - median(it->second.dx));
        ys.push_back(label->aligned.y0 - median(it->second.dy));
      }
      // Only real items: a group must hold a read label of box 31, 32 or 33 (or a box 31
      // placed above its item's first description row, which is all such an item has).
      auto own = group.find("31");
      const bool first_row = own != group.end() && own->second->first_row;
      if ((xs.size() < 2 && !(first_row && xs.size() == 1)) ||
          !(group.count("31") || group.count("32") || group.count("33")))
        continue;
      double x = median(xs), y = median(ys);
      for (const auto& [box, samples] : templates) {
        if (group.count(box) || samples.dx.size() < 2) continue;
        LabelHit hit;
        hit.box = box;
        hit.spelling = samples.spelling;
        hit.inferred = true;
        hit.distance = 0;
        double x0 = x + median(samples.dx), y0 = y + median(samples.dy);
        hit.aligned = BBox{x0, y0, x0 + median(samples.width), y0 + median(samples.height)};
        if (hit.aligned.y1 > layout.page_height || hit.aligned.x1 > layout.page_width) continue;
        bool duplicate = false;  // a read label of this box already sits there
        for (const LabelHit& read : layout.labels)
          duplicate |= read.box == box && std::abs(read.aligned.y0 - y0) < 2 * layout.line_height &&
                       std::abs(read.aligned.x0 - x0) < 4 * layout.line_height;
        if (duplicate) continue;
        place_inferred_label(layout, hit);
        added.push_back(hit);
      }
    }
    if (added.empty()) continue;
    for (auto& hit : added) layout.labels.push_back(hit);
    assign_words_to_boxes(layout);
  }
}

// Goods items are numbered 1, 2, 3 ... in sheet order, the first on ДТ1. A box-32 number
// that breaks the sequence where its neighbours leave exactly one number for it (OCR "5"
// for 3, "33" for 1 from a caption digit) is that number, recorded as a repair; an item
// between neighbours that leave room (items OCR lost entirely) keeps what was read.
void repair_item_numbers(ExtractContext& context) {
  auto& items = context.record.items;
  // box 5, when read, bounds the numbers and settles the last item
  const bool have_declared = context.record.items_declared.present();
  const int declared = have_declared ? *context.record.items_declared.value : 1 << 20;
  for (size_t i = 0; i < items.size(); ++i) {
    Field<int>& number = items[i].item_no;
    if (!number.present()) continue;
    int previous = 0;  // before the first item
    if (i > 0) {
      if (!items[i - 1].item_no.present()) continue;
      previous = *items[i - 1].item_no.value;
    }
    std::optional<int> next;
    if (i + 1 < items.size() && items[i + 1].item_no.present()) next = *items[i + 1].item_no.value;
    int read = *number.value, expected = previous + 1;
    if (read == expected) continue;
    bool fits = read > previous && (!next || read < *next) && read <= declared;
    bool only_slot = (next && *next == previous + 2) ||
                     (!next && have_declared && i + 1 == items.size() &&
                      static_cast<int>(items.size()) == declared && expected == declared) ||
                     (i == 0 && items[i].item_no.page <= 1);
    if (fits && !only_slot) continue;
    if (!only_slot && !(read <= previous || (next && read >= *next))) continue;
    if (next && expected >= *next) continue;
    number.repairs.push_back("cross-field: box 32 '" + number.raw + "' → " +
                             std::to_string(expected) + " (item " + std::to_string(i + 1) +
                             " in sheet order, after item " + std::to_string(previous) + ")");
    number.rule += "; sequence of box 32 numbers";
    number.confidence = std::min(number.confidence, 0.6);
    number.value = expected;
  }
}

// Box 32 numbers misread in a run ("9 | 19 114 | 12" for 9 10 11 12 on a fax) that the local
// repair cannot settle, since each misread neighbour hides the next. Anchors are chosen among
// the numbers read: an increasing sequence with room for the items between them, starting
// from 0 before the first item and, when box 5 is read, ending at box 5 + 1 after the last.
// Each anchor counts 2 and each number it skips (an item OCR lost) costs 1, so a misread
// "113" that would mean a hundred lost items is no anchor. Between two anchors with exactly
// as many numbers free as items read between them, those items take the free numbers in
// order, recorded as repairs. Where there is more room (items lost) or less, readings stay.
void settle_numbers_between_anchors(ExtractContext& context) {
  auto& items = context.record.items;
  const size_t n = items.size();
  if (n < 2) return;
  for (const Item& item : items)
    if (!item.item_no.present()) return;
  // Positions 0 .. n + 1: 0 is the start (number 0), n + 1 the end (box 5 + 1 when read).
  std::vector<long long> number(n + 2, 0);
  for (size_t i = 0; i < n; ++i) number[i + 1] = *items[i].item_no.value;
  const bool have_end = context.record.items_declared.present();
  if (have_end) number[n + 1] = *context.record.items_declared.value + 1LL;
  const size_t last = have_end ? n + 1 : n;
  constexpr long long kUnreachable = std::numeric_limits<long long>::min();
  std::vector<long long> best(last + 1, kUnreachable);
  std::vector<size_t> from(last + 1, 0);
  best[0] = 0;
  for (size_t b = 1; b <= last; ++b)
    for (size_t a = 0; a < b; ++a) {
      const long long skipped = number[b] - number[a] - static_cast<long long>(b - a);
      if (best[a] == kUnreachable || skipped < 0) continue;
      if (best[a] + 2 - skipped > best[b]) {
        best[b] = best[a] + 2 - skipped;
        from[b] = a;
      }
    }
  size_t end = last;
  if (!have_end)
    for (size_t b = 1; b <= last; ++b)
      if (best[b] > best[end]) end = b;
  if (best[end] == kUnreachable) return;
  std::vector<size_t> chain;
  for (size_t b = end; b != 0; b = from[b]) chain.push_back(b);
  chain.push_back(0);
  std::reverse(chain.begin(), chain.end());
  for (size_t k = 0; k + 1 < chain.size(); ++k) {
    const size_t a = chain[k], b = chain[k + 1];
    if (b - a < 2 || number[b] - number[a] != static_cast<long long>(b - a)) continue;
    for (size_t p = a + 1; p < b; ++p) {
      Field<int>& field = items[p - 1].item_no;
      const int expected = static_cast<int>(number[a] + static_cast<long long>(p - a));
      if (*field.value == expected) continue;
      field.repairs.push_back("cross-field: box 32 '" + field.raw + "' → " +
                              std::to_string(expected) + " (the only number left between items " +
                              std::to_string(number[a]) + " and " +
                              (b == n + 1 ? "the end (box 5)" : std::to_string(number[b])) + ")");
      field.rule += "; sequence of box 32 numbers";
      field.confidence = std::min(field.confidence, 0.6);
      field.value = expected;
    }
  }
}

// Box 5 read against the goods items found, when those are numbered 1 to n (box 32, or
// sheet and place where box 32 was unreadable). A box 5 that cannot be right is settled to n,
// recorded as a repair:
//   - fewer items than found, one OCR digit confusion from n (box 5 never says fewer);
//   - n behind two or more 1s ("115" for 5: the box's rules read as 1s), more items than ten
//     a sheet, which no layout prints;
//   - more items than the printed form's sheets hold (one on ДТ1, three on each ДТ2), one
//     digit confusion from n.
// A box 5 that says more items than found, and could be right, stays: items may be lost.
void settle_items_declared(ExtractContext& context, bool sheet_numbering, int pages) {
  Field<int>& declared = context.record.items_declared;
  const auto& items = context.record.items;
  if (!declared.present() || items.empty()) return;
  const int n = static_cast<int>(items.size());
  for (int i = 0; i < n; ++i) {
    const Field<int>& number = items[static_cast<size_t>(i)].item_no;
    if (!number.present() || *number.value != i + 1) return;
  }
  const int read = *declared.value;
  if (read == n) return;
  const std::string want = std::to_string(n), got = std::to_string(read);
  const bool one_confusion = ocr_confused_digits(got, want) == 1;
  const bool ruled = read > 10 * pages && got.size() >= want.size() + 2 &&
                     got.compare(got.size() - want.size(), want.size(), want) == 0 &&
                     got.find_first_not_of('1') == got.size() - want.size();
  const int capacity = 1 + 3 * std::max(0, pages - 1);
  std::string why;
  if (read < n && one_confusion)
    why = "box 5 cannot say fewer items than the " + want + " found";
  else if (ruled)
    why = "box 5 '" + got + "' is " + want + " behind the box's rules read as 1s";
  else if (sheet_numbering && read > capacity && one_confusion)
    why = "the " + std::to_string(pages) + " sheets hold at most " + std::to_string(capacity) +
          " items";
  else
    return;
  declared.repairs.push_back("cross-field: box 5 '" + declared.raw + "' → " + want + " (" + why +
                             "; items numbered 1 to " + want + " by box 32)");
  declared.rule += "; goods items found";
  declared.confidence = std::min(declared.confidence, 0.6);
  declared.value = n;
}

// When box 32 numbers are still out of order after repair_item_numbers (a number twice, or
// going back: "1 | 3 4 4 | 5 6 7"), the form decides: item 1 on ДТ1, three items on every
// ДТ2 sheet. Used only when every sheet but the last holds exactly three items, box 5 (if
// read) agrees with the count, and at least two thirds of the read numbers already match
// their sheet and place; the others are set to it, recorded as repairs.
void settle_numbers_by_sheet(ExtractContext& context, const std::map<int, int>& items_on_page,
                             const std::vector<int>& sheet_numbers) {
  auto& items = context.record.items;
  if (items.size() != sheet_numbers.size() || items.size() < 3) return;
  for (auto it = items_on_page.begin(); it != items_on_page.end(); ++it) {
    bool last = std::next(it) == items_on_page.end();
    if (it->first >= 2 && !last && it->second != 3) return;
    if (std::next(it) != items_on_page.end() && std::next(it)->first != it->first + 1) return;
  }
  if (context.record.items_declared.present() &&
      *context.record.items_declared.value != static_cast<int>(items.size()))
    return;
  bool out_of_order = false;
  size_t agree = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!items[i].item_no.present()) return;
    int read = *items[i].item_no.value;
    if (read == sheet_numbers[i]) ++agree;
    if (i > 0 && read <= *items[i - 1].item_no.value) out_of_order = true;
  }
  if (!out_of_order || 3 * agree < 2 * items.size()) return;
  for (size_t i = 0; i < items.size(); ++i) {
    Field<int>& number = items[i].item_no;
    if (*number.value == sheet_numbers[i]) continue;
    number.repairs.push_back(
        "cross-field: box 32 '" + number.raw + "' → " + std::to_string(sheet_numbers[i]) +
        " (sheet " + std::to_string(sheet_numbers[i] == 1 ? 1 : (sheet_numbers[i] + 4) / 3) +
        "; box 32 numbers out of order, sheet and place decide)");
    number.rule += "; sheet and place on the form";
    number.confidence = std::min(number.confidence, 0.6);
    number.value = sheet_numbers[i];
  }
}

}  // namespace

void infer_missing_item_labels(ExtractContext& context) {
  infer_item_labels_from_other_items(context);
  // Then the printed grid (patterns/item_grid.tsv) for captions no other item had either.
  std::vector<GridGroup> groups;
  for (size_t p = 0; p < context.layouts.size(); ++p)
    for (auto& group : item_label_groups(context.layouts[p])) groups.push_back({p, group});
  // Boxes 31 and 44 start at the form's left edge, as do the header's boxes 2, 8, 14, 21, 25,
  // 29 and boxes 47, 48, 54 below the items: where no item read its box 31 or 44 caption on a
  // page, that page's left edge measured from those places column 0 (a scan that lost "31
  // Грузовые места" on every item still gets its descriptions).
  // A continuation sheet that read none of those has the document's left edge.
  std::vector<std::map<int, double>> edges =
      left_edges(context, {"2", "8", "14", "21", "25", "29", "47", "48", "54"});
  // Box 31 found by the end of its caption alone ("Описание товаров", its number and "Грузовые
  // места" lost) starts, like the whole caption, at the form's left edge: the first words of
  // a description printed under the lost part ("1) ЦЕНТРЫ") belong to it.
  for (size_t p = 0; p < context.layouts.size(); ++p) {
    auto edge = edges[p].find(0);
    if (edge == edges[p].end()) continue;
    PageLayout& layout = context.layouts[p];
    bool moved = false;
    for (LabelHit& label : layout.labels) {
      if (label.box != "31" || label.inferred || label.numbered ||
          label.aligned.x0 - edge->second < 3 * layout.line_height)
        continue;
      const double shift = label.aligned.x0 - edge->second;
      label.aligned.x0 -= shift;
      label.bbox.x0 -= shift;
      moved = true;
    }
    if (moved) assign_words_to_boxes(layout);
  }
  infer_labels_from_grid(
      context, context.patterns.item_grid, groups,
      [](const std::map<std::string, const LabelHit*>& group, size_t fitting, double, double) {
        // Only real items, anchored by read captions that agree: two with box 31, 32 or 33
        // among them, or three (a sheet whose top caption row OCR lost entirely).
        bool top_row = group.count("31") || group.count("32") || group.count("33");
        return fitting >= 3 || (fitting >= 2 && top_row);
      },
      edges);
  // Last, items no caption of which was placed: from their first description rows.
  if (anchor_items_by_first_rows(context)) infer_item_labels_from_other_items(context);
}

// Places (0, 1, 2) of the goods items on ДТ2 sheets where fewer than three were found, by the
// slot their top is nearest to; the slots' tops are the medians over sheets where all three
// were found. An item more than a third of the slot pitch from every slot, or a sheet whose
// items would not keep their order, gets none (its order among the found is used).
std::map<const ItemBoxes*, int> places_on_sheets(const std::vector<ItemBoxes>& groups,
                                                 bool sheet_numbering) {
  std::map<const ItemBoxes*, int> places;
  if (!sheet_numbering) return places;
  std::map<int, std::vector<const ItemBoxes*>> by_page;
  for (const ItemBoxes& group : groups)
    if (!group.continuation && group.page >= 2) by_page[group.page].push_back(&group);
  std::array<std::vector<double>, 3> tops;
  for (const auto& [page, items] : by_page)
    if (items.size() == 3)
      for (size_t k = 0; k < 3; ++k) tops[k].push_back(items[k]->top);
  if (tops[0].empty()) return places;
  const std::array<double, 3> slot = {median(tops[0]), median(tops[1]), median(tops[2])};
  const double pitch = (slot[2] - slot[0]) / 2;
  if (pitch <= 0) return places;
  for (const auto& [page, items] : by_page) {
    if (items.size() >= 3) continue;
    std::vector<int> found;
    for (const ItemBoxes* item : items) {
      int best = -1;
      for (int k = 0; k < 3; ++k)
        if (std::abs(item->top - slot[static_cast<size_t>(k)]) < pitch / 3) best = k;
      found.push_back(best);
    }
    bool ordered = true;
    for (size_t i = 0; i < found.size(); ++i)
      ordered &= found[i] >= 0 && (i == 0 || found[i] > found[i - 1]);
    if (!ordered) continue;
    for (size_t i = 0; i < items.size(); ++i) places[items[i]] = found[i];
  }
  return places;
}

void extract_items(ExtractContext& context) {
  std::vector<ItemBoxes> groups = group_items(context);
  std::vector<Description> descriptions;
  Record& record = context.record;
  // The printed form holds item 1 on ДТ1 and three items on each ДТ2 sheet: when the items
  // found sit that way (one on the first page, at most three on each later one), an unread
  // box 32 is numbered by its sheet and place on it, which stays right when OCR lost whole
  // items on an earlier sheet.
  std::map<int, int> items_on_page;
  for (const ItemBoxes& group : groups)
    if (!group.continuation) ++items_on_page[group.page];
  bool sheet_numbering = !items_on_page.empty() && items_on_page.begin()->first == 1 &&
                         items_on_page.begin()->second == 1;
  for (const auto& [page, count] : items_on_page) sheet_numbering &= page == 1 || count <= 3;
  // The place of an item on its sheet: its order among the items found there, or, on a sheet
  // where fewer than three were found, the slot its top is nearest to (the slots measured on
  // sheets where all three were found): a sheet that lost its middle item numbers its last
  // one third, not second.
  std::map<const ItemBoxes*, int> place_of = places_on_sheets(groups, sheet_numbering);
  std::map<int, int> seen_on_page;
  std::vector<int> sheet_numbers;  // per item: its number by sheet and place on it
  std::vector<size_t> item_of_group(groups.size(), SIZE_MAX);
  for (const ItemBoxes& group : groups) {
    if (group.continuation) {
      // A description running on from the previous sheet: join it to the last item.
      auto it = group.boxes.find("31");
      if (it != group.boxes.end() && !record.items.empty() && !it->second->empty()) {
        Description more = description_from_box(context, *it->second);
        Item& last = record.items.back();
        if (!more.text.empty() && last.description.present()) {
          // the same repairs as the part on the previous sheet; on an OCR'd page, words and
          // marks settled on the whole text, where a statement or a word runs across the break
          std::string text = more.text;
          for (const std::string& repair : more.repairs) last.description.repairs.push_back(repair);
          size_t terms = clean_description(context, text, last.description.repairs);
          text = *last.description.value + " " + text;
          if (ocr_page(context, group.page))
            terms += settle_ocr_description(context, text, last.description.repairs);
          last.description.value = text;
          last.description.raw += "\n" + it->second->text();
          last.description.rule += "; continued on page " + std::to_string(group.page);
          if (terms > 0) last.description.confidence *= 0.9;
        }
      }
      continue;
    }
    Item item;
    Description description;
    fill_item(context, group, item, description);
    size_t index = record.items.size() + 1;
    const int place = place_of.count(&group) ? place_of[&group] : seen_on_page[group.page];
    const int sheet_number = group.page == 1 ? 1 : 3 * group.page - 4 + place;  // by the form
    if (!item.item_no.present()) {
      context.warn("item " + std::to_string(index) + ": box 32 (item number) " +
                   (item.item_no.why_empty.empty() ? "unreadable" : item.item_no.why_empty) +
                   "; numbered by position");
      // Goods items are numbered 1, 2, 3 ... in sheet order: the position stands in for an
      // unreadable box 32, marked as such (low confidence, rule says so).
      bool by_sheet = sheet_numbering && group.page >= 2;
      item.item_no.value = by_sheet ? sheet_number : static_cast<int>(index);
      item.item_no.confidence = 0.5;
      item.item_no.rule = by_sheet ? "sheet and place on it (box 32 unreadable)"
                                   : "position in sheet order (box 32 unreadable)";
      item.item_no.repairs.push_back(by_sheet ? "inferred: item number from sheet and place"
                                              : "inferred: item number from position");
      item.item_no.page = group.page;
    }
    // why_empty already names its box ("box 33 not found").
    auto warn_if_empty = [&](const char* box, const auto& field) {
      if (field.present()) return;
      context.warn(
          "item " + std::to_string(index) + ": " +
          (field.why_empty.empty() ? std::string("box ") + box + " unreadable" : field.why_empty));
    };
    warn_if_empty("33", item.hs_code);
    warn_if_empty("34", item.origin_country);
    warn_if_empty("31", item.description);
    warn_if_empty("35", item.gross_kg);
    warn_if_empty("38", item.net_kg);
    warn_if_empty("42", item.invoice_price);
    warn_if_empty("45", item.customs_value);
    warn_if_empty("46", item.statistical_value);
    sheet_numbers.push_back(sheet_number);
    ++seen_on_page[group.page];
    item_of_group[static_cast<size_t>(&group - groups.data())] = record.items.size();
    record.items.push_back(std::move(item));
    descriptions.push_back(std::move(description));
  }
  settle_origin_by_document(context, groups, item_of_group);
  settle_numbers_between_anchors(context);
  repair_item_numbers(context);
  if (sheet_numbering) settle_numbers_by_sheet(context, items_on_page, sheet_numbers);
  settle_items_declared(context, sheet_numbering, static_cast<int>(context.layouts.size()));
  // Box 32 order: items are sorted by their number when every number was read.
  // End-use notes and flags per item.
  for (size_t i = 0; i < record.items.size(); ++i) {
    Item& item = record.items[i];
    if (item.description.present()) {
      const Description& description = descriptions[i];
      for (EndUseSpan& span : find_end_use_notes(*item.description.value, context.patterns)) {
        EndUseNote note = span.note;
        if (item.item_no.present()) note.item_no = *item.item_no.value;
        note.page = item.description.page;
        BBox box = description.span.text == *item.description.value
                       ? description.span.bbox_of(span.begin, span.end)
                       : BBox{};
        if (box.empty() && item.description.bbox) box = *item.description.bbox;
        if (!box.empty()) note.bbox = box;
        item.end_use.push_back(note);
        record.end_use.push_back(note);
      }
    }
    if (item.hs_code.present()) {
      std::string tier = chpl_tier(item.hs_code.value->substr(0, 6));
      if (!tier.empty()) {
        item.chpl_tier = item.hs_code;
        item.chpl_tier.value = tier;
        item.chpl_tier.rule =
            "CHPL tier of HS-6 " + item.hs_code.value->substr(0, 6) + " (patterns/chpl.tsv)";
        item.chpl_tier.repairs.clear();
        item.flags.push_back("chpl:" + tier);
      }
    }
    bool military = false;
    for (const auto& note : item.end_use) military |= note.military && !note.negated;
    if (military) item.flags.push_back("military-end-use");
  }
}

}  // namespace declx
