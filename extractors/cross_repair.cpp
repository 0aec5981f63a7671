#include "extractors/cross_repair.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include <re2/re2.h>

#include "extractors/header_fields.h"
#include "normalizers/identifiers.h"
#include "normalizers/numbers.h"

namespace declx {
namespace {

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string digits_of(const std::string& text) {
  std::string out;
  for (char c : text)
    if (std::isdigit(static_cast<unsigned char>(c))) out.push_back(c);
  return out;
}

bool has_separator(const std::string& raw) {
  return raw.find(',') != std::string::npos || raw.find('.') != std::string::npos;
}

// Sorts and drops repeated values (a digit inserted before or after its twin is one value).
void unique(std::vector<double>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end(),
                           [](double a, double b) { return std::abs(a - b) < 1e-9; }),
               values.end());
}

// `value` (two decimals) with any one digit changed, put in or taken out.
std::vector<double> any_one_digit_edit(double value) {
  std::vector<double> out = ocr_value_candidates(value, 2, false, true);
  std::string text = fixed(value, 2);
  for (size_t i = 0; i < text.size(); ++i)
    for (char c = '0'; c <= '9' && text[i] != '.'; ++c) {
      std::string changed = text;
      changed[i] = c;
      out.push_back(std::strtod(changed.c_str(), nullptr));
    }
  return out;
}

// `text` with two of its digits changed, each to a usual OCR confusion.
std::vector<std::string> two_digit_confusions(const std::string& text) {
  std::vector<std::string> out;
  for (const std::string& once : ocr_digit_variants(text))
    for (std::string& twice : ocr_digit_variants(once)) out.push_back(std::move(twice));
  return out;
}

struct Choice {
  size_t item = 0;
  double value = 0;
};

void apply(Field<double>& field, double value, const std::string& why, int decimals = 2) {
  field.repairs.push_back("cross-field: " + fixed(*field.value, decimals) + "→" +
                          fixed(value, decimals) + " (" + why + ")");
  field.rule += "; " + why;
  field.confidence = std::min(field.confidence, 0.7);
  field.value = value;
}

// Box 45 / box 46 of every item with both: the USD rate each item implies.
std::vector<double> usd_ratios(const std::vector<Item>& items) {
  std::vector<double> ratios;
  for (const Item& item : items)
    if (item.customs_value.present() && item.statistical_value.present() &&
        *item.statistical_value.value > 0)
      ratios.push_back(*item.customs_value.value / *item.statistical_value.value);
  return ratios;
}

// One pass over the items; `report` puts the items left in disagreement in `validation`.
void repair_by_usd_rate(ExtractContext& context, bool report) {
  auto& items = context.record.items;
  const std::vector<double> ratios = usd_ratios(items);
  if (ratios.size() < 3) return;
  const double rate = median(ratios);
  // The rate must be confirmed (one in 10^4: rounding to kopecks and cents): by most of the
  // items, or by three or more, which no chance agreement of OCR-damaged values gives (a
  // scan whose values are damaged in most items still has its rate).
  size_t agreeing = 0;
  for (double ratio : ratios) agreeing += std::abs(ratio / rate - 1) < 1e-4;
  if (agreeing < 2 || (agreeing < 3 && agreeing * 2 < ratios.size())) return;
  // The rate as exactly as the agreeing items fix it: each (both values rounded to kopecks and
  // cents) bounds it to [(c - 0.005) / (s + 0.005), (c + 0.005) / (s - 0.005)]; the largest
  // values bound it tightest. The rate is taken where most of those bounds overlap, two at
  // least (an item misread in one middle digit still agrees to 1e-4, but not to its bounds);
  // without such a place a relative 2e-5 is allowed instead.
  std::vector<std::pair<double, double>> bounds;
  for (const Item& item : items)
    if (item.customs_value.present() && item.statistical_value.present() &&
        *item.statistical_value.value > 0.005 &&
        std::abs(*item.customs_value.value / *item.statistical_value.value / rate - 1) < 1e-4) {
      const double c = *item.customs_value.value, s = *item.statistical_value.value;
      bounds.emplace_back((c - 0.005) / (s + 0.005), (c + 0.005) / (s - 0.005));
    }
  double low = 0, high = 1e300;
  size_t covering = 0;
  for (const auto& [start, end] : bounds) {  // the most-covered point is some interval's start
    size_t count = 0;
    double l = 0, h = 1e300;
    for (const auto& [a, b] : bounds)
      if (a <= start && start <= b) ++count, l = std::max(l, a), h = std::min(h, b);
    if (count > covering) covering = count, low = l, high = h;
  }
  const bool exact = covering >= 2 && 2 * covering > bounds.size();
  // The Central Bank quotes the rate to four decimals, and box 46 is box 45 at that rate
  // rounded to the cent. An item whose box 46 is 100 times the rate or more tells neighbouring
  // four-decimal rates apart (its cents differ from one to the next); smaller ones agree with
  // several. The four-decimal rate near the items' at which the most items agree to the cent
  // is taken when no other rate has as many and the agreeing items pin it: two that tell
  // rates apart, or one and three items in all (or most of the items). Box 46 must then be
  // exactly box 45 at it, and a box 45 misread by a few roubles in its millions
  // ("58 285 734,04" for 58 285 731,04) no longer passes.
  double quoted = 0;
  auto at_rate = [](double r, double c, double s) {
    return s > 0 && std::llround(c / r * 100) == std::llround(s * 100);
  };
  {
    size_t pairs = 0, best = 0, second = 0, best_telling = 0;
    double best_rate = 0;
    for (const Item& item : items)
      pairs += item.customs_value.present() && item.statistical_value.present();
    const long first = std::lround(std::floor(rate * (1 - 1e-4) * 1e4)),
               last = std::lround(std::ceil(rate * (1 + 1e-4) * 1e4));
    for (long k = first; k <= last; ++k) {
      const double r = static_cast<double>(k) / 1e4;
      size_t agreeing_items = 0, telling = 0;
      for (const Item& item : items) {
        if (!item.customs_value.present() || !item.statistical_value.present()) continue;
        const double c = *item.customs_value.value, s = *item.statistical_value.value;
        if (!at_rate(r, c, s)) continue;
        ++agreeing_items;
        telling += s >= 100 * r;
      }
      if (agreeing_items > best) {
        second = best, best = agreeing_items, best_rate = r, best_telling = telling;
      } else if (agreeing_items > second) {
        second = agreeing_items;
      }
    }
    const bool pinned =
        best_telling >= 2 || (best_telling >= 1 && (best >= 3 || (best >= 2 && 2 * best > pairs)));
    if (best > second && pinned) quoted = best_rate;
  }
  auto at_quoted = [&](double c, double s) { return at_rate(quoted, c, s); };
  for (size_t i = 0; i < items.size(); ++i) {
    Item& item = items[i];
    if (!item.customs_value.present() || !item.statistical_value.present()) continue;
    double customs = *item.customs_value.value, statistical = *item.statistical_value.value;
    auto agrees = [&](double c, double s) {
      if (s <= 0) return false;
      if (quoted > 0) return at_quoted(c, s);
      // rounding of both values to 0.01, and the rate's own uncertainty
      if (exact) return s >= (c - 0.005) / high - 0.0051 && s <= (c + 0.005) / low + 0.0051;
      return std::abs(c / rate - s) <= 0.006 + 0.006 / rate + 2e-5 * s;
    };
    if (agrees(customs, statistical)) continue;
    // A box 46 read with a digit too many in its cents ("860 412,352" for 860 412,32) is the
    // misread one: the one such digit taken out that agrees with box 45, or nothing.
    if (std::abs(statistical * 100 - std::round(statistical * 100)) > 1e-6) {
      const std::string text = fixed(statistical, 3);
      std::vector<double> fits;
      for (size_t at = text.find('.') + 1; at < text.size(); ++at) {
        const double candidate =
            std::strtod((text.substr(0, at) + text.substr(at + 1)).c_str(), nullptr);
        if (agrees(customs, candidate)) fits.push_back(candidate);
      }
      unique(fits);
      if (fits.size() == 1)
        apply(item.statistical_value, fits[0],
              "box 46 read with a digit too many, against box 45 at the declaration's USD rate");
      else if (report)
        context.check("items[" + std::to_string(i) + "].statistical_value",
                      "customs-vs-statistical-rate", false,
                      "box 46 " + fixed(statistical, 3) + " is not a value in cents");
      continue;
    }
    std::vector<double> statistical_fits, customs_fits;
    // With the rate exact, a digit OCR lost or added is safe to try too: a chance agreement
    // to the cent is no likelier than for a confused digit.
    for (double candidate :
         ocr_value_candidates(statistical, 2, !has_separator(item.statistical_value.raw), exact))
      if (agrees(customs, candidate)) statistical_fits.push_back(candidate);
    // A box 46 of a few dollars fixes box 45 only to a percent or so, where a confused digit
    // of box 45 lands by chance ("72,73" over 1,12 "repaired" to 72,13 for 71,73): box 45 is
    // repaired only against a box 46 of 10 or more.
    if (statistical >= 10)
      for (double candidate :
           ocr_value_candidates(customs, 2, !has_separator(item.customs_value.raw), exact))
        if (agrees(candidate, statistical)) customs_fits.push_back(candidate);
    unique(statistical_fits);
    unique(customs_fits);
    // Box 46 is exact to the cent but box 45 only to the rate's worth of kopecks, so a box 45
    // misread in a digit outside the usual confusions ("104 328,21" for 104 322,21) can look
    // like a box 46 confusion in its cents: then neither is changed.
    if (exact && statistical_fits.size() == 1 && customs_fits.empty())
      for (double candidate : any_one_digit_edit(customs))
        if (agrees(candidate, statistical)) {
          statistical_fits.clear();
          break;
        }
    // At the quoted rate box 46 is known from box 45 to the cent: a box 46 that differs from
    // it in two digits, each a usual OCR confusion ("385,55" for 885,35), is that reading,
    // unless two confusions in box 45 would explain box 46 as read.
    if (quoted > 0 && statistical_fits.empty() && customs_fits.empty()) {
      const double expected = static_cast<double>(std::llround(customs / quoted * 100)) / 100;
      if (ocr_confused_digits(fixed(statistical, 2), fixed(expected, 2)) == 2) {
        bool explained = false;
        for (const std::string& candidate : two_digit_confusions(fixed(customs, 2)))
          explained |= at_quoted(std::strtod(candidate.c_str(), nullptr), statistical);
        if (!explained) statistical_fits.push_back(expected);
      }
    }
    // Both boxes misread in one usual confusion each: the one pair of readings that agrees
    // to the cent at the quoted rate.
    std::vector<std::pair<double, double>> pair_fits;
    if (quoted > 0 && statistical_fits.empty() && customs_fits.empty()) {
      std::vector<double> customs_readings = ocr_value_candidates(customs, 2, false, false),
                          statistical_readings = ocr_value_candidates(statistical, 2, false, false);
      unique(customs_readings);
      unique(statistical_readings);
      for (double c : customs_readings)
        for (double s : statistical_readings)
          if (at_quoted(c, s)) pair_fits.emplace_back(c, s);
    }
    const double shown = quoted > 0 ? quoted : rate;
    std::string prefix = "items[" + std::to_string(i) + "]";
    if (statistical_fits.size() == 1 && customs_fits.empty()) {
      apply(item.statistical_value, statistical_fits[0],
            "box 46 against box 45 at the declaration's USD rate " + fixed(shown, 4));
    } else if (customs_fits.size() == 1 && statistical_fits.empty()) {
      apply(item.customs_value, customs_fits[0],
            "box 45 against box 46 at the declaration's USD rate " + fixed(shown, 4));
    } else if (pair_fits.size() == 1) {
      const std::string why =
          "boxes 45 and 46 each one usual OCR confusion from agreeing at the declaration's USD "
          "rate " +
          fixed(shown, 4);
      apply(item.customs_value, pair_fits[0].first, why);
      apply(item.statistical_value, pair_fits[0].second, why);
    } else if (report) {
      context.check(prefix + ".statistical_value", "customs-vs-statistical-rate", false,
                    "box 45 " + fixed(customs, 2) + " / box 46 " + fixed(statistical, 2) +
                        " is not the USD rate " + fixed(shown, 4) + " of the other items");
    }
  }
}

void repair_by_invoice_total(ExtractContext& context) {
  auto& record = context.record;
  if (!record.invoice_total.present() || record.items.size() < 2) return;
  double sum = 0;
  for (const Item& item : record.items) {
    if (!item.invoice_price.present()) return;
    sum += *item.invoice_price.value;
  }
  const double total = *record.invoice_total.value;
  auto agrees = [](double a, double b) {
    return std::abs(a - b) <= std::max(0.011, 1e-7 * std::abs(b));
  };
  if (agrees(sum, total)) return;
  // A numeric currency code read before the total ('132' + '96 096,50', CVE) that is the
  // total's first digits: the code OCR lost, the digits its amount's. Box 22 holds the letter
  // code.
  Field<std::string>& currency = record.invoice_currency;
  if (currency.present() && currency.raw.size() == 3 && digits_of(currency.raw) == currency.raw) {
    const double joined = std::strtod((currency.raw + fixed(total, 2)).c_str(), nullptr);
    if (agrees(sum, joined)) {
      apply(record.invoice_total, joined,
            "box 22: '" + currency.raw + "' read as a currency code is the start of the amount");
      currency.why_empty = "box 22: '" + currency.raw +
                           "' is the start of the total (the sum of the item prices), not a "
                           "currency code";
      currency.value.reset();
      context.warn(currency.why_empty);
      return;
    }
  }
  std::vector<Choice> fits;
  for (size_t i = 0; i < record.items.size(); ++i) {
    double price = *record.items[i].invoice_price.value;
    std::vector<double> candidates =
        ocr_value_candidates(price, 2, !has_separator(record.items[i].invoice_price.raw), true);
    unique(candidates);
    for (double candidate : candidates)
      if (agrees(sum - price + candidate, total)) fits.push_back({i, candidate});
  }
  std::vector<double> total_fits;
  for (double candidate :
       ocr_value_candidates(total, 2, !has_separator(record.invoice_total.raw), true))
    if (agrees(sum, candidate)) total_fits.push_back(candidate);
  unique(total_fits);
  if (fits.size() == 1 && total_fits.empty()) {
    apply(record.items[fits[0].item].invoice_price, fits[0].value,
          "box 42 against the invoice total in box 22");
    return;
  }
  if (total_fits.size() == 1 && fits.empty()) {
    apply(record.invoice_total, total_fits[0], "box 22 against the sum of the item prices");
    return;
  }
  if (!fits.empty() || !total_fits.empty()) return;
  // Box 22 read with leading digits lost or added ("69,76" for 10 469,76, "150204 107,35"
  // for 204 107,35): the last five digits or more are the sum's, the rest is not. Taken as
  // the sum. A total without decimals under a hundredth of the sum ("60" for 6 035 238,20)
  // is a fragment: left unread.
  const std::string read_digits = digits_of(fixed(total, 2)), sum_digits = digits_of(fixed(sum, 2));
  const std::string& shorter = read_digits.size() < sum_digits.size() ? read_digits : sum_digits;
  const std::string& longer = read_digits.size() < sum_digits.size() ? sum_digits : read_digits;
  if (shorter.size() >= 5 && shorter.size() < longer.size() &&
      longer.compare(longer.size() - shorter.size(), shorter.size(), shorter) == 0) {
    apply(record.invoice_total, sum,
          "box 22 against the sum of the item prices: leading digits " +
              std::string(read_digits.size() < sum_digits.size() ? "lost" : "added"));
    return;
  }
  if (!has_separator(record.invoice_total.raw) && total < sum / 100) {
    Field<double>& field = record.invoice_total;
    field.why_empty = "box 22: '" + field.raw +
                      "' read without decimals is not a hundredth of the item prices' sum (" +
                      fixed(sum, 2) + "): a fragment, not the total";
    field.value.reset();
    context.warn(field.why_empty);
  }
}

// Box 23: the rate of the invoice currency, quoted to four decimals ("83,4591"); 0 when the
// box holds no such number.
double box_23_rate(const ExtractContext& context) {
  const BoxContent* box = find_header_box(context, "23");
  if (!box || box->empty()) return 0;
  const std::string text = span_of_box(*box).text;
  re2::StringPiece match;
  if (!RE2::PartialMatch(text, context.patterns.field("number"), &match)) return 0;
  Parsed<double> parsed = parse_number(std::string(match));
  return parsed.ok() && *parsed.value > 0 ? *parsed.value : 0;
}

// Box 45 is box 42 at box 23's rate plus what customs adds to the price (transport and
// insurance to the border): not less than the price at the rate, and in the declarations
// seen at most a tenth more. An item whose box 45 is confirmed by its box 46 (at the rate
// most items' 45/46 agree on) but whose box 42 at box 23's rate falls outside that band has
// a misread box 42: exactly one of its one-digit OCR confusions, or its decimal comma put
// back, that brings it into the band is taken ("20 248,21" for 29 248,21). Box 23 counts only
// when most items with both values fall in the band at it. Nothing is changed while box 42
// adds up to the invoice total of box 22; an item left outside is reported.
void repair_price_by_customs_value(ExtractContext& context) {
  constexpr double kLow = 0.995, kHigh = 1.10;
  auto& record = context.record;
  const double rate = box_23_rate(context);
  if (rate <= 0) return;
  // the USD rate box 45 and box 46 agree on, which confirms an item's box 45
  const std::vector<double> usd = usd_ratios(record.items);
  if (usd.size() < 2) return;
  const double usd_rate = median(usd);
  auto confirmed = [&](const Item& item) {
    return item.customs_value.present() && item.statistical_value.present() &&
           *item.statistical_value.value > 0 &&
           std::abs(*item.customs_value.value / *item.statistical_value.value / usd_rate - 1) <
               1e-4;
  };
  auto in_band = [&](double price, double customs) {
    return price > 0 && customs >= kLow * price * rate && customs <= kHigh * price * rate;
  };
  size_t both = 0, fitting = 0;
  double sum = 0;
  bool all_prices = true;
  for (const Item& item : record.items) {
    if (!item.invoice_price.present()) {
      all_prices = false;
      continue;
    }
    sum += *item.invoice_price.value;
    if (!item.customs_value.present()) continue;
    ++both;
    fitting += in_band(*item.invoice_price.value, *item.customs_value.value);
  }
  if (both < 2 || 2 * fitting <= both) return;  // box 23 misread, or no such band here
  if (all_prices && record.invoice_total.present() &&
      std::abs(sum - *record.invoice_total.value) <= 0.011)
    return;
  for (size_t i = 0; i < record.items.size(); ++i) {
    Item& item = record.items[i];
    if (!item.invoice_price.present() || !item.customs_value.present()) continue;
    const double price = *item.invoice_price.value, customs = *item.customs_value.value;
    if (in_band(price, customs)) continue;
    std::vector<double> fits;
    if (confirmed(item))
      for (double candidate :
           ocr_value_candidates(price, 2, !has_separator(item.invoice_price.raw)))
        if (in_band(candidate, customs)) fits.push_back(candidate);
    unique(fits);
    if (fits.size() == 1) {
      apply(item.invoice_price, fits[0],
            "box 42 at box 23's rate against box 45, confirmed by box 46");
      continue;
    }
    context.check("items[" + std::to_string(i) + "].invoice_price", "price-vs-customs-value", false,
                  "box 42 " + fixed(price, 2) + " at box 23's rate " + fixed(rate, 4) + " is " +
                      fixed(price * rate, 2) + ", box 45 " + fixed(customs, 2) +
                      " (expected 1.00-1.10 times)");
  }
}

// Box 38 (net) is never more than box 35 (gross). An item whose net exceeds a gross read with
// its decimals has one of them misread: when exactly one of the net's one-digit OCR
// confusions (a leading 0 read as 9: "9,010" for 0,010) brings it to the gross or below, and
// no confusion of the gross reaches the net, the net is taken as that. (A gross is not raised
// to a net: a net read from a fragment, "9" beside "0,207", would pull it up; such a fragment
// is left unread, below.)
void repair_by_net_gross(ExtractContext& context) {
  auto& items = context.record.items;
  for (size_t i = 0; i < items.size(); ++i) {
    Item& item = items[i];
    if (!item.net_kg.present() || !item.gross_kg.present()) continue;
    const double net = *item.net_kg.value, gross = *item.gross_kg.value;
    const bool gross_whole = !has_separator(item.gross_kg.raw),
               net_whole = !has_separator(item.net_kg.raw);
    // A weight of four digits or more read without its comma beside one read with it ("2787"
    // for 2,787 beside net 1,904; "16 229" for 16,229 beside 13,529): weights print grams,
    // so the comma goes before the last three digits when that makes net at most gross and
    // gross at most three times net.
    if (gross_whole != net_whole) {
      Field<double>& bare = gross_whole ? item.gross_kg : item.net_kg;
      const double grams = *bare.value / 1000, other = gross_whole ? net : gross;
      const double g = gross_whole ? grams : gross, n = gross_whole ? net : grams;
      if (*bare.value >= 1000 && *bare.value == std::floor(*bare.value) && n > 0 && n <= g + 1e-9 &&
          g <= 3 * n && std::abs(grams - other) > 1e-9) {
        apply(bare, grams,
              std::string(gross_whole ? "box 35" : "box 38") +
                  " read without its decimal comma beside box " + (gross_whole ? "38 " : "35 ") +
                  fixed(other, 3),
              3);
        continue;
      }
    }
    if (net <= gross + 1e-9) continue;
    if (!gross_whole) {
      std::vector<double> net_fits, gross_fits;
      for (double candidate : ocr_value_candidates(net, 3, net_whole))
        if (candidate > 0 && candidate <= gross + 1e-9) net_fits.push_back(candidate);
      for (double candidate : ocr_value_candidates(gross, 3, false))
        if (candidate >= net - 1e-9) gross_fits.push_back(candidate);
      std::sort(net_fits.begin(), net_fits.end());
      net_fits.erase(std::unique(net_fits.begin(), net_fits.end()), net_fits.end());
      std::sort(gross_fits.begin(), gross_fits.end());
      gross_fits.erase(std::unique(gross_fits.begin(), gross_fits.end()), gross_fits.end());
      if (net_fits.size() == 1 && gross_fits.empty()) {
        apply(item.net_kg, net_fits[0], "box 38 net above box 35 gross " + fixed(gross, 3), 3);
        continue;
      }
    }
    // One of the two read without decimals where the other has them ("1" beside "152,906",
    // "1773" beside "24,684"): a fragment of the box or a number from another, not the
    // weight. It is left unread rather than reported as a weight the other contradicts.
    if (gross_whole != net_whole) {
      Field<double>& fragment = gross_whole ? item.gross_kg : item.net_kg;
      const std::string box = gross_whole ? "35" : "38", other = gross_whole ? "38" : "35";
      fragment.why_empty = "box " + box + ": '" + fragment.raw + "', read without decimals, " +
                           (gross_whole ? "is less than" : "exceeds") + " box " + other +
                           " read with them (" + fixed(gross_whole ? net : gross, 3) +
                           "): a fragment, not the weight";
      fragment.value.reset();
      context.warn("item " + std::to_string(i + 1) + ": " + fragment.why_empty);
    }
  }
}

// Box 37 of every goods item starts with the declaration's procedure code ("4000000" under
// ИМ 40): when the items agree on it and box 1's code differs from it by one confused digit
// ("49" from a fax), box 1 is repaired; when box 1's code was unreadable, the items' code is
// reported, read from box 37 (the rule says so). A declaration of one goods item (or one whose
// other boxes 37 OCR lost) has one box 37 to go by; two thirds of those read must agree.
void repair_procedure_by_items(ExtractContext& context) {
  std::map<std::string, int> votes;
  int items = 0;
  for (const PageLayout& layout : context.layouts)
    for (const BoxContent* box : layout.find("37")) {
      if (box->empty()) continue;
      std::string text = box->lines.front().front()->text;
      if (text.size() < 7 || !std::all_of(text.begin(), text.begin() + 7, [](char c) {
            return std::isdigit(static_cast<unsigned char>(c));
          }))
        continue;
      const std::string code = text.substr(0, 2);
      const auto& listed = context.patterns.procedures;
      if (!listed.empty() && !listed.count(code)) continue;  // a misread code does not vote
      ++votes[code];
      ++items;
    }
  if (votes.empty()) return;
  auto best = std::max_element(votes.begin(), votes.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; });
  if (best->second < 1 || best->second * 3 < items * 2) return;
  const std::string& code = best->first;
  Field<std::string>& procedure = context.record.procedure;
  if (procedure.present()) {
    const std::string& read = *procedure.value;
    if (read == code || read.size() != 2) return;
    size_t differences = 0;
    bool confusable = true;
    for (size_t i = 0; i < 2; ++i)
      if (read[i] != code[i]) {
        ++differences;
        confusable &= ocr_digit_confusions(read[i]).find(code[i]) != std::string_view::npos;
      }
    if (differences != 1 || !confusable) return;
    procedure.repairs.push_back("cross-field: " + read + "→" + code + " (box 37 of " +
                                std::to_string(best->second) + " items)");
    procedure.rule += "; digit settled by box 37 of the items";
    procedure.value = code;
  } else if (context.record.direction.present()) {
    procedure.value = code;
    procedure.raw = code;
    procedure.box = "37";
    procedure.confidence = 0.6;
    procedure.rule = "first two digits of box 37, the same in " + std::to_string(best->second) +
                     " items (box 1 unreadable)";
    procedure.why_empty.clear();
  }
}

}  // namespace

std::vector<double> ocr_value_candidates(double value, int decimals, bool comma_lost,
                                         bool lost_or_added) {
  std::vector<double> out;
  if (value < 0) return out;
  std::string text = fixed(value, decimals);
  for (const std::string& changed : ocr_digit_variants(text)) {
    // no leading zero made before other digits
    if (changed[0] == '0' && text[0] != '0' && text.size() > 1 && text[1] != '.') continue;
    out.push_back(std::strtod(changed.c_str(), nullptr));
  }
  if (lost_or_added) {
    // The digits without the point; the decimals stay as many.
    std::string digits;
    for (char c : text)
      if (c != '.') digits += c;
    auto value_of = [&](const std::string& d) {
      if (d.size() > 1 && d[0] == '0' && static_cast<int>(d.size()) > decimals + 1) return -1.0;
      return std::strtod(d.c_str(), nullptr) / std::pow(10.0, decimals);
    };
    for (size_t i = 0; i <= digits.size(); ++i)
      for (char c = '0'; c <= '9'; ++c) {
        double v = value_of(digits.substr(0, i) + c + digits.substr(i));
        if (v >= 0) out.push_back(v);
      }
    for (size_t i = 0; i < digits.size() && digits.size() > 1; ++i) {
      double v = value_of(digits.substr(0, i) + digits.substr(i + 1));
      if (v >= 0) out.push_back(v);
    }
  }
  // a decimal comma OCR lost: an integer read whose last two or three digits were decimals
  if (comma_lost && value == std::floor(value) && value >= 100) {
    out.push_back(value / 100);
    out.push_back(value / 1000);
  }
  return out;
}

namespace {

// Box 1's procedure code must be one of the classifier's (patterns/procedures.tsv): a code
// that is none ("46", "49" on a fax) is repaired when exactly one usual OCR confusion of one
// digit gives a listed code, and reported otherwise.
void repair_procedure_by_classifier(ExtractContext& context) {
  const auto& listed = context.patterns.procedures;
  Field<std::string>& procedure = context.record.procedure;
  if (listed.empty() || !procedure.present() || listed.count(*procedure.value)) return;
  const std::string read = *procedure.value;
  std::vector<std::string> fits;
  for (const std::string& changed : ocr_digit_variants(read))
    if (listed.count(changed)) fits.push_back(changed);
  if (fits.size() == 1) {
    procedure.repairs.push_back("cross-field: " + read + "→" + fits[0] +
                                " (no customs procedure has code " + read + ")");
    procedure.rule += "; digit settled by the procedure classifier";
    procedure.confidence = std::min(procedure.confidence, 0.7);
    procedure.value = fits[0];
  }
  context.check("procedure", "procedure-code-listed", fits.size() == 1,
                fits.size() == 1 ? "code " + read + " read as " + fits[0]
                                 : "code " + read + " is no customs procedure");
}

// Boxes B and 47 list the payments, each with the payer's ИНН ("1010-8 530,00-643-5012132804"):
// the declarant's or its representative's, as a rule. A party's ИНН that fails its check
// digits and is one or two usual OCR confusions from an ИНН of those boxes that passes its
// check is taken as that ИНН (a fax read "5012152804" in box 14, 5012132804 in box B). Only
// near readings are taken: the payer may be another company.
void repair_inn_by_payments(ExtractContext& context) {
  static const RE2 kNumber("(?:^|[^0-9])([0-9]{10}|[0-9]{12})(?:[^0-9]|$)");
  std::set<std::string> payers;
  for (const PageLayout& layout : context.layouts)
    for (const char* box : {"B", "47"})
      for (const BoxContent* content : layout.find(box)) {
        const std::string text = content->text();
        re2::StringPiece input(text);
        std::string number;
        while (RE2::FindAndConsume(&input, kNumber, &number))
          if (inn_valid(number)) payers.insert(number);
      }
  if (payers.empty()) return;
  for (Party* party : {&context.record.consignee, &context.record.declarant}) {
    if (!party->inn.present() || inn_valid(*party->inn.value)) continue;
    const std::string read = *party->inn.value;
    std::vector<std::string> near;
    for (const std::string& payer : payers) {
      const int digits = ocr_confused_digits(read, payer);
      if (digits == 1 || digits == 2) near.push_back(payer);
    }
    if (near.size() == 1)
      settle_identifier(party->inn, "ИНН", near[0],
                        "the payer's ИНН in box B/47, which passes its check");
  }
}

}  // namespace

namespace {

// A price or value read as a bare number of a few digits ("2" for 2 009 151,84, "9" for
// 93 709,90: a fax kept one digit of the box) or as 0. Boxes 42, 45 and 46 always print
// kopecks or cents, and none is 0. A reading without decimals that is less than a hundredth
// of what the item's other value box gives at the ratio the other items agree on (45/46,
// 45/42, 46/42), or a 0, is left unread with a warning, not reported as a value. With
// `off_rate` (after the repairs at the dollar's rate), so is a box 45 or 46 read without
// decimals that misses the other at that rate by over 1%.
void drop_value_fragments(ExtractContext& context, bool off_rate) {
  auto& items = context.record.items;
  struct Pair {
    Field<double> Item::*a;
    Field<double> Item::*b;
    const char *box_a, *box_b;
    bool exact = false;  // b is a at one rate for every item (46 = 45 / the dollar's rate)
  };
  const Pair pairs[] = {{&Item::customs_value, &Item::statistical_value, "45", "46", true},
                        {&Item::customs_value, &Item::invoice_price, "45", "42"},
                        {&Item::statistical_value, &Item::invoice_price, "46", "42"}};
  auto drop = [&](size_t i, Field<double>& field, const std::string& box, const std::string& why) {
    field.why_empty = "box " + box + ": '" + field.raw + "' " + why;
    field.value.reset();
    context.warn("item " + std::to_string(i + 1) + ": " + field.why_empty);
  };
  for (size_t i = 0; i < items.size(); ++i)
    for (auto [field, box] :
         {std::pair{&Item::invoice_price, "42"}, std::pair{&Item::customs_value, "45"},
          std::pair{&Item::statistical_value, "46"}})
      if ((items[i].*field).present() && *(items[i].*field).value == 0)
        drop(i, items[i].*field, box, "is 0: no price or value, a misread");
  for (const Pair& pair : pairs) {
    auto both = [&](const Item& item) {
      return (item.*pair.a).present() && (item.*pair.b).present() && *(item.*pair.b).value > 0;
    };
    std::vector<double> ratios;
    for (const Item& item : items)
      if (both(item) && has_separator((item.*pair.a).raw) && has_separator((item.*pair.b).raw))
        ratios.push_back(*(item.*pair.a).value / *(item.*pair.b).value);
    if (ratios.size() < 2) continue;
    const double ratio = median(ratios);
    for (size_t i = 0; i < items.size(); ++i) {
      if (!both(items[i])) continue;
      Field<double>& a = items[i].*pair.a;
      Field<double>& b = items[i].*pair.b;
      auto fragment = [](const char* other_box, double other_value) {
        return std::string("read without decimals is not a hundredth of what box ") + other_box +
               " (" + fixed(other_value, 2) + ") gives: a fragment, not the value";
      };
      const double implied = *a.value / *b.value / ratio;
      if (!has_separator(a.raw) && implied < 0.01)
        drop(i, a, pair.box_a, fragment(pair.box_b, *b.value));
      else if (!has_separator(b.raw) && implied > 100)
        drop(i, b, pair.box_b, fragment(pair.box_a, *a.value));
      else if (off_rate && pair.exact && has_separator(a.raw) != has_separator(b.raw) &&
               std::abs(implied - 1) > 0.01) {
        // Box 46 is box 45 at the dollar's rate, to the cent: a reading without decimals
        // that is off that rate lost its comma and more ("17314" for 3 173,14, "7" for 401,23).
        const bool a_bare = !has_separator(a.raw);
        Field<double>& bare = a_bare ? a : b;
        Field<double>& other = a_bare ? b : a;
        drop(i, bare, a_bare ? pair.box_a : pair.box_b,
             "read without decimals is not what box " +
                 std::string(a_bare ? pair.box_b : pair.box_a) + " (" + fixed(*other.value, 2) +
                 ") gives at the rate the other items agree on: a misreading, not the value");
      }
    }
  }
}

}  // namespace

void repair_values_by_cross_checks(ExtractContext& context) {
  repair_inn_by_payments(context);
  drop_value_fragments(context, /*off_rate=*/false);
  // Twice: values settled at the rate the first pass had can pin its four decimals for the
  // second (a declaration whose larger items were damaged).
  repair_by_usd_rate(context, /*report=*/false);
  repair_by_usd_rate(context, /*report=*/true);
  // What the rate could not settle ("103559" for 1 035,59 it can) and still misses it.
  drop_value_fragments(context, /*off_rate=*/true);
  repair_price_by_customs_value(context);
  repair_by_invoice_total(context);
  repair_by_net_gross(context);
  repair_procedure_by_classifier(context);
  repair_procedure_by_items(context);
}

}  // namespace declx
