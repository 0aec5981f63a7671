#include "normalizers/hs_code.h"

#include <filesystem>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "normalizers/designations.h"
#include "normalizers/detail.h"
#include "normalizers/identifiers.h"
#include "normalizers/text.h"

namespace declx {
namespace {

bool six_digits(const std::string& s) {
  bool digits = s.size() == 6;
  for (char c : s) digits = digits && c >= '0' && c <= '9';
  return digits;
}

const std::unordered_map<std::string, std::string>& chpl_table() {
  static const std::unordered_map<std::string, std::string> table = [] {
    std::unordered_map<std::string, std::string> t;
    const std::string path = default_patterns_dir() + "/chpl.tsv";
    for (const auto& row : detail::read_tsv(path, 2)) {
      const std::string& hs6 = row.fields[1];
      if (!six_digits(hs6))
        throw std::runtime_error(path + ":" + std::to_string(row.line) + ": bad HS-6 '" + hs6 +
                                 "'");
      t[hs6] = row.fields[0];
    }
    return t;
  }();
  return table;
}

// HS 2022 subheadings; empty when patterns/hs6.tsv is absent.
const std::unordered_set<std::string>& hs6_table() {
  static const std::unordered_set<std::string> table = [] {
    std::unordered_set<std::string> t;
    const std::string path = default_patterns_dir() + "/hs6.tsv";
    if (!std::filesystem::exists(path)) return t;
    for (const auto& row : detail::read_tsv(path, 1)) {
      if (!six_digits(row.fields[0]))
        throw std::runtime_error(path + ":" + std::to_string(row.line) + ": bad HS-6 '" +
                                 row.fields[0] + "'");
      t.insert(row.fields[0]);
    }
    return t;
  }();
  return table;
}

// A code whose first six digits are no subheading: the one usual digit confusion among them
// that makes them one. Several or none: kept as read, reported, candidates as alternatives.
void settle_subheading(Parsed<HsCode>& result) {
  HsCode& code = *result.value;
  const std::string read = code.hs6();
  if (hs6_known(read)) return;
  const std::vector<std::string> candidates = hs6_neighbours(read);
  if (candidates.size() == 1) {
    size_t at = 0;
    while (read[at] == candidates[0][at]) ++at;
    result.repairs.push_back("ocr-digit: HS-6 " + read + " is no HS 2022 subheading; " +
                             candidates[0] + " (" + read.substr(at, 1) + "→" +
                             candidates[0].substr(at, 1) + ")");
    code.digits.replace(0, 6, candidates[0]);
    result.confidence = std::min(result.confidence, 0.6);
    return;
  }
  result.error = "HS-6 " + read + " is no HS 2022 subheading";
  if (!candidates.empty()) {
    result.error += "; one OCR digit confusion from";
    for (const std::string& candidate : candidates) {
      result.error += " " + candidate;
      HsCode alternative = code;
      alternative.digits.replace(0, 6, candidate);
      result.alternatives.push_back(alternative);
    }
  }
  result.confidence = std::min(result.confidence, 0.4);
}

}  // namespace

bool hs6_known(std::string_view hs6) {
  const auto& t = hs6_table();
  return t.empty() || t.count(std::string(hs6)) > 0;
}

std::vector<std::string> hs6_neighbours(std::string_view hs6) {
  std::vector<std::string> out;
  for (std::string& variant : ocr_digit_variants(hs6))
    if (hs6_known(variant)) out.push_back(std::move(variant));
  return out;
}

bool hs6_list_present() {
  return !hs6_table().empty();
}

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
  result.value = code;
  result.confidence = result.repairs.empty() ? 1.0 : 0.85;
  settle_subheading(result);
  result.value->chpl_tier = chpl_tier(result.value->hs6());
  for (HsCode& alternative : result.alternatives)
    alternative.chpl_tier = chpl_tier(alternative.hs6());
  return result;
}

}  // namespace declx
