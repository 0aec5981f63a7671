// Validation and cross-field checks. Results go to record.validation; a failed check never
// removes a value (the analyst sees both the value and why it is doubtful).
#include <cmath>

#include "extractors/header_fields.h"
#include "normalizers/countries.h"
#include "normalizers/hs_code.h"
#include "normalizers/identifiers.h"

namespace declx {
namespace {

void check_party(ExtractContext& context, const Party& party, const std::string& name) {
  if (party.inn.present())
    context.check(name + ".inn", "inn-check-digit", inn_valid(*party.inn.value),
                  inn_valid(*party.inn.value)
                      ? "ИНН check digits agree"
                      : "ИНН " + *party.inn.value + " fails its check digits");
  if (party.ogrn.present()) {
    const std::string& digits = *party.ogrn.value;
    bool ok = digits.size() == 15 ? ogrnip_valid(digits) : ogrn_valid(digits);
    context.check(name + ".ogrn", "ogrn-check-digit", ok,
                  ok ? "ОГРН check digit agrees" : "ОГРН " + digits + " fails its check digit");
  }
  if (party.kpp.present()) {
    static const RE2 kKpp("\\d{4}[0-9A-Z]{2}\\d{3}");
    bool ok = RE2::FullMatch(*party.kpp.value, kKpp);
    context.check(name + ".kpp", "kpp-format", ok,
                  ok ? "КПП format ok" : "КПП " + *party.kpp.value + " malformed");
  }
}

std::string fixed(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.3f", value);
  return buffer;
}

}  // namespace

void validate_record(ExtractContext& context) {
  Record& record = context.record;
  check_party(context, record.consignor, "consignor");
  check_party(context, record.consignee, "consignee");
  check_party(context, record.declarant, "declarant");
  if (record.items_declared.present()) {
    int declared = *record.items_declared.value;
    int found = static_cast<int>(record.items.size());
    context.check(
        "items_declared", "item-count-box-5", declared == found,
        "box 5 says " + std::to_string(declared) + " items, " + std::to_string(found) + " found");
    if (declared != found)
      context.warn("box 5 declares " + std::to_string(declared) + " items but " +
                   std::to_string(found) + " were found");
  }
  double price_sum = 0;
  bool all_prices = !record.items.empty();
  int expected_no = 1;
  for (size_t i = 0; i < record.items.size(); ++i) {
    const Item& item = record.items[i];
    std::string prefix = "items[" + std::to_string(i) + "]";
    if (item.item_no.present()) {
      context.check(prefix + ".item_no", "item-number-sequence", *item.item_no.value == expected_no,
                    "box 32 " + std::to_string(*item.item_no.value) + ", expected " +
                        std::to_string(expected_no));
      expected_no = *item.item_no.value + 1;
    } else {
      ++expected_no;
    }
    if (item.hs_code.present()) {
      context.check(prefix + ".hs_code", "hs-code-structure", true, "10 digits, valid chapter");
      const std::string hs6 = item.hs_code.value->substr(0, 6);
      if (hs6_list_present() && hs6_known(hs6)) {
        context.check(prefix + ".hs_code", "hs-code-subheading", true,
                      "HS-6 " + hs6 + " is an HS 2022 subheading");
      } else if (hs6_list_present()) {
        std::string detail = "HS-6 " + hs6 + " is no HS 2022 subheading (patterns/hs6.tsv)";
        const std::vector<std::string> near = hs6_neighbours(hs6);
        if (!near.empty()) detail += "; one OCR digit confusion from";
        for (const std::string& code : near) detail += " " + code;
        context.check(prefix + ".hs_code", "hs-code-subheading", false, detail);
      }
    } else if (!item.hs_code.raw.empty())
      context.check(prefix + ".hs_code", "hs-code-structure", false, item.hs_code.why_empty);
    if (item.gross_kg.present() && item.net_kg.present()) {
      bool ok = *item.net_kg.value <= *item.gross_kg.value + 1e-9;
      context.check(prefix + ".net_kg", "net-le-gross", ok,
                    "net " + fixed(*item.net_kg.value) + (ok ? " <= " : " > ") + "gross " +
                        fixed(*item.gross_kg.value));
    }
    if (item.origin_country.present() && record.country_origin.present())
      context.check(
          prefix + ".origin_country", "country-16-34",
          *item.origin_country.value == *record.country_origin.value,
          "box 34 " + *item.origin_country.value + ", box 16 " + *record.country_origin.value);
    if (item.invoice_price.present())
      price_sum += *item.invoice_price.value;
    else
      all_prices = false;
  }
  if (all_prices && record.invoice_total.present()) {
    double total = *record.invoice_total.value;
    bool ok = std::abs(total - price_sum) <= std::max(0.011, 0.0001 * std::abs(total));
    context.check("invoice_total", "total-vs-item-prices", ok,
                  "box 22 " + fixed(total) + ", sum of box 42 " + fixed(price_sum));
  }
}

}  // namespace declx
