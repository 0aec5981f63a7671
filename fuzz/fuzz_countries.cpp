// libFuzzer target: country parsing must not crash, hang or trip a sanitizer on any input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalizers/countries.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)declx::parse_country(text);
  (void)declx::parse_country_code(text);
  (void)declx::country_name_ru(text);
  return 0;
}
