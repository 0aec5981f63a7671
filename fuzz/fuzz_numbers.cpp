// libFuzzer target: parse_number must not crash, hang or trip a sanitizer on any input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalizers/numbers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)declx::parse_number(text);
  return 0;
}
