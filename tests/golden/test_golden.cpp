// Golden tests: every sample in samples/ (generator output with DOC.truth.json beside it) is
// read with the real readers and extracted; the record is compared field by field with the
// truth, and a failure prints every differing field.
//
// Text-layer samples (rendering born-digital) must match exactly. Image samples go through
// Tesseract; they are held to a measured tolerance (kOcrMinimumAccuracy of their fields) and
// only the smallest one runs by default (DECLX_GOLDEN_ALL_OCR=1 runs all of them; faxes are
// then reported, not held to the tolerance: see the test).
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "extractors/extract.h"
#include "normalizers/text.h"
#include "readers/read_document.h"
#include "readers/region_reader.h"

using namespace declx;
using nlohmann::json;

namespace {

// Fraction of truth fields an OCR sample must reproduce. Measured on samples/ with the
// bundled patterns (see the README's accuracy table); lower means a regression. The default
// sample (sample0003, official image-pdf, the only one run by default) measures 0.952
// (60/63; 0.905 without re-reading); with DECLX_GOLDEN_ALL_OCR=1 every other non-fax OCR sample
// must reach 0.80 (measured 0.841 to 1.000 with weak boxes re-read). The margins leave room for OCR
// differences between Tesseract builds.
constexpr double kDefaultSampleMinimum = 0.93;
constexpr double kOcrMinimumAccuracy = 0.80;

std::string canonical(const std::string& text) {
  std::string folded = fold_for_compare(text);
  std::string out;
  for (char c : folded)
    if (c != '"' && c != ' ' && c != ',' && c != '.') out += c;
  return out;
}

const json* member(const json& object, const std::string& path) {
  const json* current = &object;
  std::stringstream parts(path);
  std::string part;
  while (std::getline(parts, part, '.')) {
    if (!current->is_object() || !current->contains(part)) return nullptr;
    current = &(*current)[part];
  }
  return current;
}

json value_of(const json* field) {
  if (!field || field->is_null()) return nullptr;
  if (field->is_object()) return field->contains("value") ? (*field)["value"] : json(nullptr);
  return *field;
}

bool same(const json& truth, const json& got) {
  if (truth.is_number() && got.is_number())
    return std::abs(truth.get<double>() - got.get<double>()) <= 0.005;
  if (truth.is_string() && got.is_string())
    return canonical(truth.get<std::string>()) == canonical(got.get<std::string>());
  return truth == got;
}

struct Comparison {
  int truth_fields = 0, correct = 0;
  std::vector<std::string> differences;

  void compare(const std::string& name, const json& truth, const json& got) {
    bool has_truth = !truth.is_null(), has_got = !got.is_null();
    if (!has_truth && !has_got) return;
    if (has_truth) ++truth_fields;
    if (has_truth && has_got && same(truth, got)) {
      ++correct;
      return;
    }
    differences.push_back(name + ": expected " + (has_truth ? truth.dump() : "(none)") + ", got " +
                          (has_got ? got.dump() : "(none)"));
  }
  double accuracy() const { return truth_fields ? static_cast<double>(correct) / truth_fields : 1; }
  std::string report() const {
    std::string out;
    for (const auto& line : differences) out += "  " + line + "\n";
    return out;
  }
};

Comparison compare_record(const json& truth, const json& record) {
  Comparison comparison;
  for (const char* name :
       {"declaration_number", "declaration_date", "direction", "procedure", "country_dispatch",
        "country_origin", "country_destination", "delivery_terms.incoterm", "delivery_terms.place",
        "invoice_currency", "invoice_total", "items_declared"})
    comparison.compare(name, value_of(member(truth, name)), value_of(member(record, name)));
  for (const char* party : {"consignor", "consignee", "declarant"})
    for (const char* field : {"name", "address", "country", "inn", "kpp", "ogrn"}) {
      std::string name = std::string(party) + "." + field;
      comparison.compare(name, value_of(member(truth, name)), value_of(member(record, name)));
    }
  std::map<int, const json*> items;
  for (const auto& item : record["items"]) {
    json number = value_of(member(item, "item_no"));
    if (number.is_number_integer()) items.emplace(number.get<int>(), &item);
  }
  for (const auto& item : truth["items"]) {
    int number = item["item_no"].get<int>();
    const json* got = items.count(number) ? items[number] : nullptr;
    for (const char* field : {"hs_code", "description", "origin_country", "gross_kg", "net_kg",
                              "invoice_price", "customs_value", "statistical_value"}) {
      std::string name = "items[" + std::to_string(number) + "]." + field;
      comparison.compare(name, value_of(member(item, field)),
                         got ? value_of(member(*got, field)) : json(nullptr));
    }
    bool military = false, got_military = false;
    for (const auto& note : item["end_use"])
      military |= note["military"].get<bool>() && !note["negated"].get<bool>();
    if (got)
      for (const auto& flag : (*got)["flags"]) got_military |= flag == "military-end-use";
    comparison.compare("items[" + std::to_string(number) + "].military-end-use", military,
                       got_military);
  }
  return comparison;
}

std::vector<std::filesystem::path> samples(bool text_layer) {
  std::vector<std::filesystem::path> out;
  std::filesystem::path dir = std::filesystem::path(DECLX_SOURCE_DIR) / "samples";
  if (!std::filesystem::exists(dir)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name.size() < 11 || name.substr(name.size() - 11) != ".truth.json") continue;
    bool born_digital = name.find("born-digital") != std::string::npos;
    if (born_digital != text_layer) continue;
    std::string stem = name.substr(0, name.size() - 11);
    for (const char* extension : {".pdf", ".tif", ".tiff", ".jpg", ".jpeg", ".png"}) {
      auto document = dir / (stem + extension);
      if (std::filesystem::exists(document)) out.push_back(document);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

json truth_of(const std::filesystem::path& document) {
  auto path = document;
  path.replace_extension(".truth.json");
  std::ifstream in(path);
  return json::parse(in);
}

json extract(const std::filesystem::path& document) {
  static const Patterns patterns = Patterns::load(std::string(DECLX_SOURCE_DIR) + "/patterns");
  ReadOptions options;
  Document doc = read_document(document.string(), options);
  // As `declx extract` does: weak boxes of OCR'd pages are read again from the file.
  RegionReader regions(doc, options);
  ExtractOptions extract_options;
  extract_options.reread_region = regions.callback();
  Record record = extract_record(doc, patterns, extract_options);
  fill_source_from_document(record, doc);
  return to_json(record);
}

}  // namespace

TEST_CASE("text-layer samples are extracted exactly", "[golden]") {
  auto documents = samples(/*text_layer=*/true);
  REQUIRE_FALSE(documents.empty());
  for (const auto& document : documents) {
    Comparison comparison = compare_record(truth_of(document), extract(document));
    INFO(document.filename().string() << ": " << comparison.correct << "/"
                                      << comparison.truth_fields << " fields; differences:\n"
                                      << comparison.report());
    CHECK(comparison.differences.empty());
  }
}

TEST_CASE("OCR samples stay within the measured tolerance", "[golden][ocr]") {
  auto documents = samples(/*text_layer=*/false);
  REQUIRE_FALSE(documents.empty());
  // One small scan by default keeps the suite fast; DECLX_GOLDEN_ALL_OCR=1 runs them all.
  bool all = std::getenv("DECLX_GOLDEN_ALL_OCR") != nullptr;
  size_t done = 0;
  for (const auto& document : documents) {
    std::string name = document.filename().string();
    if (!all && name.find("official-image-pdf") == std::string::npos) continue;  // the default
    Comparison comparison = compare_record(truth_of(document), extract(document));
    INFO(name << ": accuracy " << comparison.accuracy() << " (" << comparison.correct << "/"
              << comparison.truth_fields << "); differences:\n"
              << comparison.report());
    ++done;
    // Faxes lose box captions and digits to OCR (measured 0.57 and 0.83 on the two samples,
    // 0.09 and 0.46 before faxes were smoothed): too far apart for a tolerance worth
    // asserting, so their figure is reported for the record and tools/score/score.py tracks
    // them per rendering. See the open extraction issue.
    if (name.find("-fax") != std::string::npos) {
      WARN(name << ": accuracy " << comparison.accuracy() << " (fax, reported only)");
      continue;
    }
    bool default_sample = name.find("official-image-pdf") != std::string::npos;
    CHECK(comparison.accuracy() >= (default_sample ? kDefaultSampleMinimum : kOcrMinimumAccuracy));
  }
  CHECK(done > 0);
}
