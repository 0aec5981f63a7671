// libFuzzer target: parse_hs_code must not crash, hang or trip a sanitizer on any input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalizers/hs_code.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto p = declx::parse_hs_code(text);
  if (p.ok() && p.value->digits.size() != 10) __builtin_trap();
  return 0;
}
