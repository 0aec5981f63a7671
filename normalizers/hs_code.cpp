#include "normalizers/hs_code.h"

#include <stdexcept>
#include <unordered_map>

#include "normalizers/designations.h"
#include "normalizers/detail.h"
#include "normalizers/text.h"

namespace declx {
namespace {

const std::unordered_map<std::string, std::string>& chpl_table() {
  static const std::unordered_map<std::string, std::string> table = [] {
    std::unordered_map<std::string, std::string> t;
    const std::string path = default_patterns_dir() + "/chpl.tsv";
    for (const auto& row : detail::read_tsv(path, 2)) {
      const std::string& hs6 = row.fields[1];
      bool digits = hs6.size() == 6;
      for (char c : hs6) digits = digits && c >= '0' && c <= '9';
      if (!digits)
        throw std::runtime_error(path + ":" + std::to_string(row.line) + ": bad HS-6 '" + hs6 +
                                 "'");
      t[hs6] = row.fields[0];
    }
    return t;
  }();
  return table;
}

}  // namespace

std::string chpl_tier(std::string_view hs6) {
  const auto& t = chpl_table();
  auto it = t.find(std::string(hs6.substr(0, 6)));
  return it == t.end() ? std::string() : it->second;
}

Parsed<HsCode> parse_hs_code(std::string_view text) {
  Parsed<HsCode> result;
  result.raw = std::string(text);
  std::string cleaned = clean_text(text);
  std::u32string chars = detail::decode_utf8(detail::strip_junk(cleaned));
  std::u32string body;
  std::vector<size_t> group_lengths;
  size_t group = 0;
  for (char32_t c : chars) {
    if (c == ' ' || c == '.' || c == '-' || c == ',' || c == ':' || c == ';' || c == '"' ||
        c == 0xB0) {
      if (group) group_lengths.push_back(group);
      group = 0;
      continue;
    }
    body.push_back(c);
    ++group;
  }
  if (group) group_lengths.push_back(group);
  if (body.empty()) {
    result.error = "empty";
    return result;
  }
  if (!detail::repair_digits(body, result.repairs)) {
    result.error = "not a commodity code";
    return result;
  }
  // The grouped form with one digit too many in the heading group ("18482. 10.009.0"): a
  // speck or the item number beside it read into the code; the groups say which digit.
  if (body.size() == 11 && group_lengths == std::vector<size_t>{5, 2, 3, 1}) {
    result.repairs.push_back("ocr: stray '" + detail::encode_utf8(body.substr(0, 1)) +
                             "' before the heading dropped");
    body.erase(0, 1);
    group_lengths.front() = 4;
  }
  if (body.size() != 10) {
    result.error = "expected 10 digits, got " + std::to_string(body.size());
    result.repairs.clear();
    return result;
  }
  // Printed forms: contiguous or 4-2-3-1; anything else is OCR re-spacing, reported.
  bool standard = group_lengths.size() == 1 || group_lengths == std::vector<size_t>{4, 2, 3, 1};
  if (!standard) {
    std::string shape;
    for (size_t g : group_lengths) shape += (shape.empty() ? "" : "-") + std::to_string(g);
    result.repairs.push_back("ocr-space: regrouped " + shape + " digits");
  }
  HsCode code;
  code.digits = detail::encode_utf8(body);
  int chapter = (code.digits[0] - '0') * 10 + (code.digits[1] - '0');
  if (chapter < 1 || chapter > 97 || chapter == 77) {
    result.error = "invalid HS chapter " + code.digits.substr(0, 2);
    return result;
  }
  code.chpl_tier = chpl_tier(code.hs6());
  result.value = code;
  result.confidence = result.repairs.empty() ? 1.0 : 0.85;
  return result;
}

}  // namespace declx
