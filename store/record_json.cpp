#include "store/record_json.h"

#include <cmath>

namespace declx::store {

using nlohmann::json;

const json* field_value(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto found = object.find(key);
  if (found == object.end() || found->is_null()) return nullptr;
  if (found->is_object()) {
    auto value = found->find("value");
    if (value == found->end() || value->is_null()) return nullptr;
    return &*value;
  }
  return &*found;
}

std::optional<std::string> field_text(const json& object, const char* key) {
  const json* value = field_value(object, key);
  if (!value) return std::nullopt;
  if (value->is_string()) return value->get<std::string>();
  if (value->is_number() || value->is_boolean()) return value->dump();
  return std::nullopt;
}

std::optional<double> field_number(const json& object, const char* key) {
  const json* value = field_value(object, key);
  if (!value || !value->is_number()) return std::nullopt;
  double number = value->get<double>();
  if (!std::isfinite(number)) return std::nullopt;
  return number;
}

std::optional<std::int64_t> field_integer(const json& object, const char* key) {
  const json* value = field_value(object, key);
  if (!value) return std::nullopt;
  if (value->is_number_integer()) return value->get<std::int64_t>();
  if (value->is_number_float()) {
    double number = value->get<double>();
    if (std::isfinite(number) && number == std::floor(number))
      return static_cast<std::int64_t>(number);
  }
  return std::nullopt;
}

std::optional<std::string> plain_text(const json& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return std::nullopt;
  return found->get<std::string>();
}

}  // namespace declx::store
