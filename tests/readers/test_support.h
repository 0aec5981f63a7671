// Helpers shared by the reader tests: fixture paths and the fixture facts file.
#pragma once

#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

namespace declx::test {

inline std::string data_path(const std::string& name) {
  return std::string(DECLX_SOURCE_DIR) + "/tests/data/" + name;
}

// tests/data/fixtures.json, written by tests/data/make_fixtures.py: what was drawn where.
inline const nlohmann::json& fixture_facts() {
  static const nlohmann::json facts = [] {
    std::ifstream in(data_path("fixtures.json"));
    return nlohmann::json::parse(in);
  }();
  return facts;
}

}  // namespace declx::test
