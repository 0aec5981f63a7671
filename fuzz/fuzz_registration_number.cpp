// libFuzzer target: registration number parsing and scanning must not crash, hang or trip a
// sanitizer on any input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalizers/registration_number.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)declx::parse_registration_number(text);
  for (const auto& p : declx::find_registration_numbers(text))
    if (!p.ok() || p.value->date_ddmmyy.size() != 6) __builtin_trap();
  return 0;
}
