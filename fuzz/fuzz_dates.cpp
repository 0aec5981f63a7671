// libFuzzer target: parse_date must not crash, hang or trip a sanitizer on any input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalizers/dates.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto p = declx::parse_date(text);
  if (p.ok() && !declx::date_valid(p.value->year, p.value->month, p.value->day)) __builtin_trap();
  return 0;
}
