// Header boxes of the main sheet: registration number (A), direction and procedure (1),
// countries (15/15a, 16, 17/17a), delivery terms (20), currency and total (22), item count (5).
#include "extractors/header_fields.h"

#include <map>
#include <optional>
#include <sstream>

#include <unicode/uchar.h>

#include "normalizers/countries.h"
#include "normalizers/currency.h"
#include "normalizers/dates.h"
#include "normalizers/distance.h"
#include "normalizers/identifiers.h"
#include "normalizers/numbers.h"
#include "normalizers/registration_number.h"
#include "normalizers/script.h"
#include "normalizers/text.h"

namespace declx {

TextSpan span_of_box(const BoxContent& box) {
  TextSpan span;
  for (const auto& line : box.lines)
    for (const PlacedWord* word : line) span.append(word);
  return span;
}

const BoxContent* find_header_box(const ExtractContext& context, const std::string& box) {
  for (const auto& layout : context.layouts)
    for (const BoxContent* content : layout.find(box))
      if (!content->empty()) return content;
  for (const auto& layout : context.layouts)
    if (const BoxContent* content = layout.first(box)) return content;
  return nullptr;
}

namespace {

const char* const kLookalikeBoxes[] = {"40", "44", "47", "B", "54", "7", "31"};

// The year more full dates ("29.07.2022", "16/08/2022") on the declaration's pages have.
std::optional<int> usual_year(const ExtractContext& context) {
  std::map<int, int> years;
  for (const PageLayout& layout : context.layouts)
    for (const PlacedWord& word : layout.words)
      if (word.text.size() >= 10)
        if (auto date = parse_date(word.text); date.ok()) ++years[date.value->year];
  std::optional<int> best;
  int best_count = 0, runner_up = 0;
  for (const auto& [year, count] : years) {
    if (count > best_count)
      runner_up = best_count, best_count = count, best = year;
    else
      runner_up = std::max(runner_up, count);
  }
  if (best_count == runner_up) return std::nullopt;  // no year more usual than another
  return best;
}

bool in_lookalike_box(const PageLayout& layout, const PlacedWord* word) {
  for (const auto& box : layout.boxes) {
    bool lookalike = false;
    for (const char* name : kLookalikeBoxes) lookalike |= box.label.box == name;
    if (!lookalike) continue;
    for (const auto& line : box.lines)
      for (const PlacedWord* w : line)
        if (w == word) return true;
  }
  return false;
}

}  // namespace

void extract_registration_number(ExtractContext& context) {
  Field<std::string>& number = context.record.declaration_number;
  number.box = "A";
  for (int pass = 0; pass < 2 && !number.present(); ++pass) {
    for (const PageLayout& layout : context.layouts) {
      double page_height = 0;
      for (const auto& word : layout.words) page_height = std::max(page_height, word.aligned.y1);
      struct Candidate {
        Parsed<RegistrationNumber> parsed;
        Evidence evidence;
        double score;
      };
      std::optional<Candidate> best;
      for (size_t r = 0; r < layout.rows.size(); ++r) {
        TextSpan span;
        for (size_t index : layout.rows[r]) {
          const PlacedWord* word = &layout.words[index];
          if (!in_lookalike_box(layout, word)) span.append(word);
        }
        if (span.words.empty()) continue;
        double y = span.words.front()->aligned.y0;
        if (pass == 0 && y > 0.35 * page_height) continue;
        for (auto& candidate : find_registration_numbers(span.text)) {
          if (!candidate.ok()) continue;
          size_t at = span.text.find(candidate.raw);
          if (at == std::string::npos) at = 0;
          size_t end = at == 0 && span.text.find(candidate.raw) == std::string::npos
                           ? span.text.size()
                           : at + candidate.raw.size();
          // More "/parts" after it: a longer reference that contains a registration-like
          // number (box 30's warehouse certificate "10005/141210/10108/4", a goods item's
          // "ТД/…/0525690/1"), not box A's number, which stands alone.
          if (end + 1 < span.text.size() && span.text[end] == '/' &&
              std::isdigit(static_cast<unsigned char>(span.text[end + 1])))
            continue;
          Evidence evidence = evidence_of(span, at, end, "A");
          double score = -evidence.bbox.y0 + 0.2 * evidence.bbox.x0;  // top right wins
          if (!best || score > best->score) best = Candidate{candidate, evidence, score};
        }
      }
      if (best) {
        number =
            field_from<std::string>(best->parsed, best->evidence,
                                    pass == 0 ? "registration number at the top of the sheet"
                                              : "registration number outside boxes 40/44/47/B");
        RegistrationNumber registration = *best->parsed.value;
        // A post registers far fewer than three million declarations a year: a seven-digit
        // serial from 3000000 up is the letter prefix Э read as the digit 3 ("3181264" for
        // Э181264, an electronic declaration's serial of six digits).
        const std::string serial = registration.serial;
        if (serial.size() == 7 && serial[0] == '3' &&
            std::all_of(serial.begin(), serial.end(),
                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
          registration.serial = "Э" + serial.substr(1);
          number.repairs.push_back("ocr: serial " + serial + "→" + registration.serial +
                                   " (no post registers 3000000 declarations; Э read as 3)");
          number.confidence = std::min(number.confidence, 0.7);
        }
        // Declarations (ДТ) are registered from 2010 on: a date before that ("160872", 1972)
        // has a digit misread. One usual OCR confusion that gives a date from 2010 to 2069,
        // and only one, settles it; otherwise the date stays and validation says so.
        if (registration.date.year < 2010) {
          std::vector<std::pair<std::string, Date>> fits;
          const std::string six = registration.date_ddmmyy;  // a copy: it is replaced below
          for (const std::string& changed : ocr_digit_variants(six))
            if (auto date = parse_ddmmyy(changed); date && date->year >= 2010 && date->year < 2070)
              fits.emplace_back(changed, *date);
          // Several: the one of the year most dates on the declaration have (its documents'
          // dates in box 44, the signature in box 54, a fax's header).
          std::string why = "a ДТ is registered from 2010 on";
          if (auto year = usual_year(context); fits.size() > 1 && year) {
            std::erase_if(fits, [&](const auto& fit) { return fit.second.year != *year; });
            why += "; the other dates on it are of " + std::to_string(*year);
          }
          if (fits.size() == 1) {
            number.repairs.push_back("ocr: date " + six + "→" + fits[0].first + " (" + why + ")");
            number.confidence = std::min(number.confidence, 0.7);
            registration.date_ddmmyy = fits[0].first;
            registration.date = fits[0].second;
          }
          context.check("declaration_date", "registration-date-after-2010", fits.size() == 1,
                        fits.size() == 1 ? "date " + six + " read as " + fits[0].first
                                         : "date " + six + " is before 2010, no ДТ has it");
        }
        // A year two or more after the year of the declaration's other dates (its documents
        // in box 44, a fax header), one usual OCR confusion away from it ("210925" beside
        // invoices of 2023): a ДТ is registered soon after its documents. Settled to that
        // year when exactly one confusion in the year's digits gives it.
        if (auto year = usual_year(context);
            registration.date.year >= 2010 && year && registration.date.year >= *year + 2) {
          const std::string six = registration.date_ddmmyy;
          std::vector<std::pair<std::string, Date>> fits;
          for (const std::string& changed : ocr_digit_variants(six))
            if (changed.compare(0, 4, six, 0, 4) == 0)
              if (auto date = parse_ddmmyy(changed); date && date->year == *year)
                fits.emplace_back(changed, *date);
          if (fits.size() == 1) {
            number.repairs.push_back("ocr: date " + six + "→" + fits[0].first +
                                     " (the other dates on it are of " + std::to_string(*year) +
                                     "; a ДТ is registered soon after its documents)");
            number.confidence = std::min(number.confidence, 0.7);
            registration.date_ddmmyy = fits[0].first;
            registration.date = fits[0].second;
          }
        }
        number.value = registration.canonical();
        Field<std::string>& date = context.record.declaration_date;
        set_evidence(date, best->evidence, "date part of the registration number");
        date.value = registration.date.iso();
        date.confidence = number.confidence;
        break;
      }
      if (pass == 0) break;  // the top of the first sheet only in the first pass
    }
  }
  if (!number.present()) {
    number.why_empty = "no registration number (CCCCCCCC/DDMMYY/NNNNNNN) outside boxes 40/44/47";
    context.record.declaration_date.why_empty = "no registration number";
    context.warn("box A: registration number not found");
  }
}

void extract_direction(ExtractContext& context) {
  const BoxContent* box = find_header_box(context, "1");
  auto& direction = context.record.direction;
  auto& procedure = context.record.procedure;
  if (!box || box->empty()) {
    direction.why_empty = procedure.why_empty =
        box ? "box 1 is empty" : "box 1 (ДЕКЛАРАЦИЯ) not found";
    context.warn(box ? "box 1: empty" : "box 1: not found");
    return;
  }
  TextSpan span = span_of_box(*box);
  std::string upper = to_upper(clean_text(span.text));
  std::string code, digits;
  re2::StringPiece input(upper);
  if (RE2::PartialMatch(input, context.patterns.field("direction"), &code, &digits)) {
    static const std::map<std::string, std::string> kDirections = {
        {"ИМ", "IM"},
        {"IM", "IM"},
        {"ИMП", "IM"},
        {"ЭК", "EK"},
        {"EK", "EK"},
        {"3К", "EK"},
        {"3K", "EK"},
        {"ЭKСП", "EK"},
        {"ТТ", "TT"},
        {"TT", "TT"},
        // И read as a Latin V, U or Y, a Cyrillic У, or as М: only ИМ of the three codes
        // ends in М
        {"VM", "IM"},
        {"UM", "IM"},
        {"YM", "IM"},
        {"УМ", "IM"},
        {"MM", "IM"},
        {"ММ", "IM"}};
    auto it = kDirections.find(code);
    Evidence evidence = evidence_of(span, "1");
    if (it != kDirections.end()) {
      set_evidence(direction, evidence, "fields.tsv:direction");
      direction.raw = code;
      direction.value = it->second;
      direction.confidence = evidence.confidence;
      if (code != "ИМ" && code != "ЭК" && code != "ТТ") {
        direction.repairs.push_back("ocr: " + code + "→" + it->second);
        direction.confidence *= 0.8;
      }
    }
    if (!digits.empty()) {
      Parsed<double> number = parse_number(digits);
      if (number.ok()) {
        set_evidence(procedure, evidence, "fields.tsv:direction (procedure code)");
        procedure.raw = digits;
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "%02d", static_cast<int>(*number.value));
        procedure.value = buffer;
        procedure.repairs = number.repairs;
        procedure.confidence = evidence.confidence;
      }
    }
  }
  if (!direction.present()) {
    direction.why_empty = "box 1: no ИМ/ЭК/ТТ in '" + span.text + "'";
    context.warn("box 1: direction unreadable");
  }
  if (!procedure.present())
    procedure.why_empty = "box 1: no two-digit procedure code in '" + span.text + "'";
}

Field<std::string> country_from_name_box(ExtractContext& context, const std::string& box_name,
                                         bool warn_missing) {
  Field<std::string> field;
  field.box = box_name;
  const BoxContent* box = find_header_box(context, box_name);
  if (!box || box->empty()) {
    field.why_empty = why_box_empty(box, box_name);
    if (warn_missing) context.warn("box " + box_name + ": " + (box ? "empty" : "not found"));
    return field;
  }
  TextSpan span = span_of_box(*box);
  Evidence evidence = evidence_of(span, box_name);
  std::string text = clean_text(span.text);
  Parsed<std::string> parsed = parse_country(text);
  if (!parsed.ok()) {
    // "КИТАЙ CN" or a trailing code: try each line
    for (const auto& line : box->lines) {
      TextSpan line_span = span_of_line(line);
      Parsed<std::string> attempt = parse_country(clean_text(line_span.text));
      if (attempt.ok()) {
        parsed = attempt;
        evidence = evidence_of(line_span, box_name);
        break;
      }
    }
  }
  // A name with specks after it ("КИТАЙ АВЕ Я yori"): one to three capitalised words at the
  // start of a line that name a country, the rest recorded as dropped.
  std::string dropped;
  for (size_t l = 0; !parsed.ok() && l < box->lines.size(); ++l) {
    TextSpan line_span = span_of_line(box->lines[l]);
    const auto& words = line_span.words;
    for (size_t count = std::min<size_t>(3, words.size()); !parsed.ok() && count >= 1; --count) {
      if (count == words.size()) continue;  // the whole line was tried above
      size_t end = line_span.starts[count - 1] + words[count - 1]->text.size();
      std::string run = clean_text(line_span.text.substr(0, end));
      if (to_upper(run) != run || fold_letters(run).size() < 4) continue;
      Parsed<std::string> attempt = parse_country(run);
      if (!attempt.ok()) continue;
      parsed = attempt;
      evidence = evidence_of(line_span, 0, end, box_name);
      dropped = clean_text(line_span.text.substr(end));
    }
  }
  // A name cut short at the box's edge or abbreviated ("КИТ." for КИТАЙ): the first word of a
  // line, in capitals, that starts one country's names only. A word OCR was unsure of may
  // have lost its own start too ("ТАЙ" of КИТАЙ is the start of ТАЙВАНЬ): 0.6 at least.
  std::string rule = "country name (normalizers parse_country)";
  for (size_t l = 0; !parsed.ok() && l < box->lines.size(); ++l) {
    TextSpan line_span = span_of_line(box->lines[l]);
    const std::string first = line_span.words.front()->text;
    if (to_upper(first) != first || line_span.words.front()->confidence < 0.6) continue;
    Parsed<std::string> attempt = parse_country_name_start(first);
    if (!attempt.ok()) continue;
    parsed = attempt;
    evidence = evidence_of(line_span, 0, first.size(), box_name);
    dropped = clean_text(line_span.text.substr(first.size()));
    rule = "start of a country name (normalizers parse_country_name_start)";
  }
  field = field_from<std::string>(parsed, evidence, rule);
  if (!dropped.empty()) {
    field.repairs.push_back("ocr: dropped '" + dropped + "' after the country name");
    field.confidence = std::min(field.confidence, 0.7);
  }
  return field;
}

// A two-letter code inside a code box ("a CN b", "CN"): the first token that parses or is
// ambiguous. Alternatives are returned through `alternatives`.
Field<std::string> code_from_box(const BoxContent* box, const std::string& box_name,
                                 std::vector<std::string>* alternatives) {
  Field<std::string> field;
  field.box = box_name;
  if (!box || box->empty()) {
    field.why_empty = why_box_empty(box, box_name);
    return field;
  }
  TextSpan span = span_of_box(*box);
  std::optional<Field<std::string>> ambiguous;
  // Codes are printed in capitals: a token with a lower-case letter is a damaged caption
  // fragment ("ес", "рб") and is tried only when no capital token reads as a code.
  auto has_lower = [](const std::string& token) { return to_upper(token) != token; };
  for (int pass = 0; pass < 2 && !ambiguous; ++pass) {
    for (size_t i = 0; i < span.words.size(); ++i) {
      std::string token = clean_text(span.words[i]->text);
      if (utf8_length(token) < 2 || utf8_length(token) > 3) continue;
      if (has_lower(token) != (pass == 1)) continue;
      Parsed<std::string> parsed = parse_country_code(token);
      Evidence evidence =
          evidence_of(span, span.starts[i], span.starts[i] + span.words[i]->text.size(), box_name);
      if (parsed.ok())
        return field_from<std::string>(parsed, evidence, "country code (parse_country_code)");
      if (!parsed.alternatives.empty() && !ambiguous) {
        ambiguous = field_from<std::string>(parsed, evidence, "country code (parse_country_code)");
        if (alternatives) *alternatives = parsed.alternatives;
      }
    }
  }
  if (ambiguous) return *ambiguous;
  field.why_empty = "box " + box_name + ": no country code in '" + span.text + "'";
  return field;
}

void settle_country(Field<std::string>& field, const std::vector<std::string>& alternatives,
                    const std::vector<std::pair<std::string, std::string>>& hints,
                    const PatternData& patterns) {
  if (field.present() || alternatives.empty()) return;
  auto choose = [&](const std::string& code, const std::string& reason, double confidence) {
    field.value = code;
    field.repairs.push_back("cross-field: '" + field.raw + "'→" + code + " (" + reason + ")");
    field.rule += "; ambiguity settled by " + reason;
    field.confidence = confidence;
    field.why_empty.clear();
  };
  for (const auto& [code, reason] : hints)
    for (const auto& alternative : alternatives)
      if (alternative == code) return choose(code, reason, 0.8);
  for (const auto& code : patterns.country_prior)
    for (const auto& alternative : alternatives)
      if (alternative == code)
        return choose(code, "the more frequent trade partner, country_prior.tsv", 0.5);
}

void extract_countries(ExtractContext& context) {
  auto resolve = [&](const std::string& name_box, const std::string& code_box,
                     Field<std::string>& out, const std::string& field_name) {
    Field<std::string> name = country_from_name_box(context, name_box, false);
    std::vector<std::string> alternatives;
    Field<std::string> code =
        code_from_box(find_header_box(context, code_box), code_box, &alternatives);
    std::vector<std::pair<std::string, std::string>> hints;
    if (name.present()) hints.emplace_back(*name.value, "box " + name_box + " '" + name.raw + "'");
    if (name_box == "17" && context.record.direction.value == "IM")
      hints.emplace_back("RU", "destination of an import declaration");
    settle_country(code, alternatives, hints, context.patterns);
    if (code.present() && name.present()) {
      bool agree = *code.value == *name.value;
      context.check(field_name, "country-" + name_box + "-" + code_box, agree,
                    "box " + name_box + " '" + name.raw + "' → " + *name.value + ", box " +
                        code_box + " '" + code.raw + "' → " + *code.value);
      // A code that needed OCR repairs loses against a cleanly read name ("ВУ" for RU).
      if (!agree && !code.repairs.empty() && name.repairs.empty() && name.confidence >= 0.6) {
        code.repairs.push_back("cross-field: " + *code.value + "→" + *name.value + " (box " +
                               name_box + " '" + name.raw + "')");
        code.value = name.value;
        code.rule += "; disagreement settled by box " + name_box;
      }
    }
    if (!code.present() && !name.present() && !find_header_box(context, code_box)) {
      // the code box's caption was lost and its code sits in the name box's region
      // ("15 2 Код страмы amp. 2 TR ь"): a code in capitals there
      Field<std::string> inside =
          code_from_box(find_header_box(context, name_box), name_box, nullptr);
      if (inside.present() && to_upper(inside.raw) == inside.raw) {
        inside.rule += "; code found in box " + name_box + " (box " + code_box + " not found)";
        code = inside;
      }
    }
    if (code.present()) {
      out = code;
    } else if (name.present()) {
      out = name;
    } else {
      out = code;
      out.why_empty = code.why_empty + "; " + name.why_empty;
      context.warn("boxes " + name_box + "/" + code_box + ": no country");
    }
  };
  resolve("15", "15a", context.record.country_dispatch, "country_dispatch");
  resolve("17", "17a", context.record.country_destination, "country_destination");
  Field<std::string> origin = country_from_name_box(context, "16", true);
  if (!origin.present() && !origin.raw.empty()) {
    std::string folded = fold_for_compare(origin.raw);
    if (folded.find("РАЗН") != std::string::npos || folded.find("НЕИЗВЕСТ") != std::string::npos)
      origin.why_empty = "box 16 says '" + origin.raw + "' (no single country of origin)";
  }
  context.record.country_origin = origin;
}

// A term the normalizer did not know, read with the letter confusions of scans and faxes:
// "СЕВ"/"СЕК" for CFR (F as E, R as B or K), "БАР" for DAP, "Ew" for EXW, "СТР" for CIP (I as
// Т). A word, with Cyrillic look-alikes as Latin and the confusable letters as one class, is
// compared with the Incoterms; one term at distance 0, or exactly one at distance 1 for the
// first word, is taken (recorded). Specks of one or two characters OCR put before the term
// ("BV Е СТР МАНЬЧЖУРИЯ") are passed over: up to three words are tried.
Parsed<DeliveryTerms> fuzzy_delivery_terms(const std::string& text,
                                           const Parsed<DeliveryTerms>& failed) {
  static const char* const kTerms[] = {"EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "CPT",
                                       "CIP", "DAP", "DPU", "DAT", "DDP", "DDU"};
  // Cyrillic look-alikes are read as Latin (latin_capitals) before this.
  auto fold = [](char32_t c) -> char32_t {
    switch (c) {
      case U'F':
        return U'E';
      case U'R':
      case U'P':
      case U'K':
        return U'B';
      case U'0':
      case U'Q':
        return U'O';
      case U'I':
        return U'T';
      default:
        return c;
    }
  };
  size_t start = 0;
  for (int index = 0; index < 3 && start < text.size(); ++index) {
    size_t space = text.find(' ', start);
    size_t next = space == std::string::npos ? text.size() : space + 1;
    std::string word =
        to_upper(text.substr(start, next - start - (space == std::string::npos ? 0 : 1)));
    std::u32string read = to_u32(word);
    if (read.size() >= 2 && read.size() <= 4) {
      std::u32string folded;
      for (char32_t c : latin_capitals(read)) folded += fold(c);
      std::vector<std::string> best;
      size_t best_distance = index == 0 ? 2 : 1;
      for (const char* term : kTerms) {
        std::u32string candidate;
        for (char c : std::string(term)) candidate += fold(static_cast<char32_t>(c));
        size_t distance = edit_distance(folded, candidate, 1);
        if (distance < best_distance) best.clear(), best_distance = distance;
        if (distance == best_distance) best.push_back(term);
      }
      if (best.size() == 1) {
        Parsed<DeliveryTerms> out;
        out.raw = text;
        out.repairs.push_back("ocr: delivery term '" + word + "'→" + best[0] +
                              " (letters scans confuse: E/F, B/R/P/K, I/T)");
        if (index > 0)
          out.repairs.push_back("ocr: specks '" + text.substr(0, start - 1) +
                                "' before the term dropped");
        // specks after the place are dropped by extract_delivery_terms, as for every reading
        out.value = DeliveryTerms{best[0], clean_text(text.substr(next))};
        out.confidence = best_distance == 0 ? 0.7 : 0.5;
        return out;
      }
    }
    if (read.size() > 2) break;  // a word, not a speck: the term is not further on
    start = next;
  }
  return failed;
}

void extract_delivery_terms(ExtractContext& context) {
  auto& terms = context.record.delivery_terms;
  const BoxContent* box = find_header_box(context, "20");
  if (!box || box->empty()) {
    terms.incoterm.why_empty = terms.place.why_empty = why_box_empty(box, "20");
    context.warn(std::string("box 20: ") + (box ? "empty" : "not found"));
    return;
  }
  TextSpan span = span_of_box(*box);
  Evidence evidence = evidence_of(span, "20");
  Parsed<DeliveryTerms> parsed = parse_delivery_terms(clean_text(span.text));
  if (!parsed.ok()) parsed = fuzzy_delivery_terms(clean_text(span.text), parsed);
  if (!parsed.ok()) {
    terms.incoterm.why_empty = "box 20: '" + span.text + "' unreadable: " + parsed.error;
    context.warn("box 20: unreadable");
    return;
  }
  Parsed<std::string> incoterm;
  incoterm.value = parsed.value->incoterm;
  incoterm.repairs = parsed.repairs;
  incoterm.confidence = parsed.confidence;
  terms.incoterm = field_from<std::string>(incoterm, evidence, "parse_delivery_terms");
  // What OCR put after the place: a broker printout's next box ("МОСКВА тр. 22 Валюта ..."),
  // specks and lower-case letters (places print in capitals: "ПЕКИН ° т").
  std::string& read_place = parsed.value->place;
  std::vector<std::string> place_repairs;
  static const RE2 kNextBox("(\\s+[гтrГТ][рpР]\\.\\s*\\d)");
  re2::StringPiece next_box;
  if (RE2::PartialMatch(read_place, kNextBox, &next_box)) {
    const size_t cut = static_cast<size_t>(next_box.data() - read_place.data());
    place_repairs.push_back("ocr: '" + read_place.substr(cut + 1) + "' after the place dropped");
    read_place.erase(cut);
  }
  for (size_t cut; (cut = read_place.rfind(' ')) != std::string::npos;) {
    const std::string tail = read_place.substr(cut + 1);
    const std::u32string wide = to_u32(tail);
    bool lower = !wide.empty() && wide.size() <= 3, letters = false;
    for (char32_t c : wide) {
      lower &= u_islower(static_cast<UChar32>(c)) != 0;
      letters |= u_isalpha(static_cast<UChar32>(c)) != 0;
    }
    if (!(lower || (!letters && wide.size() <= 2))) break;
    place_repairs.push_back("ocr: speck '" + tail + "' after the place dropped");
    read_place.erase(cut);
  }
  if (!parsed.value->place.empty()) {
    Parsed<std::string> place;
    place.value = parsed.value->place;
    place.repairs = std::move(place_repairs);
    place.confidence = parsed.confidence;
    terms.place = field_from<std::string>(place, evidence, "parse_delivery_terms");
  } else {
    terms.place.why_empty = "box 20 has no place after the term";
  }
}

namespace {

// See parse_box_number: the text to parse again and the repairs, or nothing.
struct Regrouped {
  std::string text;
  std::vector<std::string> repairs;
};

std::optional<Regrouped> regroup_number(const std::string& text, bool money) {
  size_t separator = text.find_first_of(".,");
  std::string fraction = separator == std::string::npos ? "" : text.substr(separator);
  std::vector<std::string> groups;
  {
    std::string integer = text.substr(0, separator), group;
    for (std::string space : {"\xC2\xA0", "\xE2\x80\xAF"})
      for (size_t at; (at = integer.find(space)) != std::string::npos;)
        integer.replace(at, space.size(), " ");
    std::istringstream words(integer);
    while (words >> group) groups.push_back(group);
  }
  Regrouped out;
  if (fraction.empty() && money && groups.size() >= 2 && utf8_length(groups.back()) == 2) {
    fraction = "," + groups.back();
    groups.pop_back();
    out.repairs.push_back("ocr: decimal comma read as a space before '" + fraction.substr(1) + "'");
  }
  if (groups.empty() || groups.size() + out.repairs.size() < 2) return std::nullopt;
  size_t digits = 0;
  for (size_t i = 0; i < groups.size(); ++i) {
    size_t length = utf8_length(groups[i]);
    if (i == 0 ? (length < 1 || length > 6) : length != 3) return std::nullopt;
    digits += length;
  }
  if (digits < 4) return std::nullopt;
  if (utf8_length(groups[0]) > 3)
    out.repairs.push_back("ocr: thousands space lost in '" + groups[0] + "'");
  if (out.repairs.empty()) return std::nullopt;
  for (const std::string& group : groups) out.text += group;
  out.text += fraction;
  return out;
}

}  // namespace

Parsed<double> parse_box_number(const std::string& text, bool money) {
  Parsed<double> parsed = parse_number(text);
  if (parsed.ok()) return parsed;
  std::optional<Regrouped> regrouped = regroup_number(text, money);
  if (!regrouped) return parsed;
  Parsed<double> again = parse_number(regrouped->text);
  if (!again.ok()) return parsed;
  again.raw = parsed.raw;
  again.repairs.insert(again.repairs.begin(), regrouped->repairs.begin(), regrouped->repairs.end());
  again.confidence = std::min(again.confidence, 0.6);
  return again;
}

void extract_currency_total(ExtractContext& context) {
  auto& currency = context.record.invoice_currency;
  auto& total = context.record.invoice_total;
  const BoxContent* box = find_header_box(context, "22");
  if (!box || box->empty()) {
    currency.why_empty = total.why_empty = why_box_empty(box, "22");
    context.warn(std::string("box 22: ") + (box ? "empty" : "not found"));
    return;
  }
  TextSpan span = span_of_box(*box);
  std::string text = span.text;
  re2::StringPiece input(text);
  std::string code, amount;
  size_t code_at = 0, amount_at = 0;
  // The first code-and-amount whose code is a currency; else the first one. A box 22 that ran
  // into box 23 (its caption misread) holds the rate first ("83.4591 EUR 7674595 .64").
  bool found = false;
  {
    re2::StringPiece rest(text), code_piece, amount_piece;
    while (RE2::FindAndConsume(&rest, context.patterns.field("currency_total"), &code_piece,
                               &amount_piece)) {
      bool currency_code = parse_currency(std::string(code_piece)).ok();
      if (!found || currency_code) {
        code = std::string(code_piece);
        amount = std::string(amount_piece);
        code_at = static_cast<size_t>(code_piece.data() - text.data());
        amount_at = static_cast<size_t>(amount_piece.data() - text.data());
      }
      found = true;
      if (currency_code) break;
    }
  }
  if (found) {
    Parsed<std::string> parsed_currency = parse_currency(code);
    currency = field_from<std::string>(parsed_currency,
                                       evidence_of(span, code_at, code_at + code.size(), "22"),
                                       "fields.tsv:currency_total");
    // Three digits that are no currency code are the start of the amount, whose code OCR
    // lost ("1182421.25" split as '118' + '2421.25'). So are three digits that are a numeric
    // code (box 22 holds the letter code) before an amount whose whole part is a thousands
    // group with its decimals: three digits, or a leading 0 ('238' + '528,20' is 238 528,20,
    // not FKP 528,20; '344' + '029,21').
    const bool digits = std::all_of(code.begin(), code.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c));
    });
    std::string whole;
    for (char c : amount.substr(0, amount.find_first_of(".,")))
      if (std::isdigit(static_cast<unsigned char>(c))) whole.push_back(c);
    const bool thousands_group = (whole.size() == 3 || (whole.size() > 1 && whole[0] == '0')) &&
                                 RE2::PartialMatch(amount, R"(^[0-9 ]+[.,][0-9]{2}\b)");
    if (digits && (!parsed_currency.ok() || thousands_group)) {
      currency.value.reset();
      amount = text.substr(code_at, amount_at + amount.size() - code_at);
      amount_at = code_at;
      currency.why_empty = "box 22: no currency code before the amount '" + amount + "'";
      currency.repairs.clear();
      total.repairs.push_back("ocr: '" + code + "' is the start of the amount, not a code");
    }
    std::string trimmed = amount;
    while (!trimmed.empty() &&
           (trimmed.back() == ' ' || trimmed.back() == ',' || trimmed.back() == '.'))
      trimmed.pop_back();
    Parsed<double> parsed_total = parse_box_number(trimmed, true);
    std::vector<std::string> repairs = std::move(total.repairs);
    total = field_from<double>(parsed_total,
                               evidence_of(span, amount_at, amount_at + trimmed.size(), "22"),
                               "fields.tsv:currency_total");
    total.repairs.insert(total.repairs.begin(), repairs.begin(), repairs.end());
  } else {
    currency.why_empty = total.why_empty = "box 22: no currency and amount in '" + text + "'";
  }
  if (!currency.present()) context.warn("box 22: currency unreadable");
  if (!total.present()) context.warn("box 22: invoice total unreadable");
}

Field<int> integer_from_box(const ExtractContext& context, const BoxContent* box,
                            const std::string& box_name) {
  Field<int> field;
  field.box = box_name;
  if (!box || box->empty()) {
    field.why_empty = why_box_empty(box, box_name);
    return field;
  }
  TextSpan span = span_of_box(*box);
  re2::StringPiece input(span.text);
  std::string digits;
  if (!RE2::PartialMatch(input, context.patterns.field("integer"), &digits)) {
    field.why_empty = "box " + box_name + ": no number in '" + span.text + "'";
    return field;
  }
  size_t at = span.text.find(digits);
  Parsed<double> parsed = parse_number(digits);
  Field<double> number = field_from<double>(
      parsed, evidence_of(span, at, at + digits.size(), box_name), "fields.tsv:integer");
  field.raw = number.raw;
  field.page = number.page;
  field.bbox = number.bbox;
  field.confidence = number.confidence;
  field.repairs = number.repairs;
  field.rule = number.rule;
  field.why_empty = number.why_empty;
  if (number.present()) field.value = static_cast<int>(*number.value);
  // Box 5 counts goods items and box 32 numbers them from 1: a 0 is a misread ("0" left of
  // "10" after the 1 was lost), not a value.
  if (field.present() && *field.value == 0) {
    field.value.reset();
    field.why_empty = "box " + box_name + ": '" + field.raw + "' is no item count or number";
  }
  return field;
}

void extract_items_declared(ExtractContext& context) {
  const BoxContent* box = find_header_box(context, "5");
  context.record.items_declared = integer_from_box(context, box, "5");
  if (!context.record.items_declared.present())
    context.warn("box 5: number of items unreadable or missing");
}

}  // namespace declx
