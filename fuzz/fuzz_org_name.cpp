// libFuzzer target: organisation-name parsing and transliteration must not crash, hang or trip a
// sanitizer on any input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalizers/org_name.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)declx::parse_org_name(text);
  (void)declx::transliterate_to_latin(text);
  return 0;
}
