// Reading values out of record JSON (the "declx.record/1" contract), where every scalar is
// a field object {"value": ..., "raw": ..., ...}. Plain values are accepted too, so the
// ground-truth shape ("declx.truth/1") reads the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace declx::store {

// The value of member `key` of `object`: field.value for a field object, the member itself
// for a plain scalar; nullptr when absent, null, or `object` is not an object.
const nlohmann::json* field_value(const nlohmann::json& object, const char* key);

std::optional<std::string> field_text(const nlohmann::json& object, const char* key);
std::optional<double> field_number(const nlohmann::json& object, const char* key);
std::optional<std::int64_t> field_integer(const nlohmann::json& object, const char* key);

// A plain (non-field) string member, e.g. end_use[].system; nullopt when absent or null.
std::optional<std::string> plain_text(const nlohmann::json& object, const char* key);

}  // namespace declx::store
