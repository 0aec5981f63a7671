// Helpers shared by the store tests: a scratch directory removed at the end of a test, and
// a record JSON in the declx.record/1 shape (field objects) for the writer to flatten.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace declx::test {

class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "declx-store-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline nlohmann::json field(nlohmann::json value) {
  return {{"value", std::move(value)}, {"raw", "raw"}, {"page", 1}, {"confidence", 0.9}};
}

// A declaration with two items: one under HS 8529109000 to consignee INN 7731084175 with
// a military end-use note naming S-400, one civil.
inline nlohmann::json sample_record(const std::string& sha256, const std::string& description) {
  using nlohmann::json;
  json record = {
      {"schema", "declx.record/1"},
      {"source", {{"path", "/in/" + sha256 + ".pdf"}, {"sha256", sha256}, {"pages", 2}}},
      {"document_type", "declaration"},
      {"declaration_number", field("10005030/150322/0123456")},
      {"declaration_date", field("2022-03-15")},
      {"direction", field("IM")},
      {"procedure", field("40")},
      {"consignor", {{"name", field("BEIJING TRADE CO., LTD")}, {"country", field("CN")}}},
      {"consignee",
       {{"name", field("АО \"КОНЦЕРН ВКО \"АЛМАЗ-АНТЕЙ\"")},
        {"inn", field("7731084175")},
        {"kpp", field("773101001")},
        {"ogrn", field("1027739001993")},
        {"country", field("RU")}}},
      {"declarant", {{"name", field("ООО \"БРОКЕР\"")}, {"inn", field("7701234567")}}},
      {"country_dispatch", field("CN")},
      {"delivery_terms", {{"incoterm", field("FCA")}, {"place", field("ПЕКИН")}}},
      {"invoice_currency", field("USD")},
      {"invoice_total", field(12345.67)},
      {"items_declared", field(2)},
      {"items", json::array({{{"item_no", field(1)},
                              {"hs_code", field("8529109000")},
                              {"description", field(description)},
                              {"origin_country", field("CN")},
                              {"gross_kg", field(1.5)},
                              {"net_kg", field(1.2)},
                              {"customs_value", field(9000.0)},
                              {"chpl_tier", field("3.A")},
                              {"flags", json::array({"chpl:3.A", "military-end-use"})},
                              {"end_use", json::array({{{"text", "ДЛЯ КОМПЛЕКСА С-400"},
                                                        {"system", "S-400"},
                                                        {"military", true},
                                                        {"negated", false},
                                                        {"item_no", 1}}})}},
                             {{"item_no", field(2)},
                              {"hs_code", field("8471300000")},
                              {"description", field("НОУТБУК")},
                              {"gross_kg", field(2.0)}}})},
      {"end_use", json::array({{{"text", "ДЛЯ КОМПЛЕКСА С-400"},
                                {"system", "S-400"},
                                {"military", true},
                                {"negated", false},
                                {"contract_id", nullptr},
                                {"item_no", 1},
                                {"page", 2}}})},
      {"validation", json::array({{{"field", "consignee.inn"},
                                   {"check", "inn-check-digit"},
                                   {"ok", true},
                                   {"message", ""}}})},
      {"warnings", json::array()},
      {"errors", json::array()}};
  return record;
}

}  // namespace declx::test
