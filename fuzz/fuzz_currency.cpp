// libFuzzer target: currency and delivery-terms parsing must not crash, hang or trip a sanitizer on
// any input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalizers/currency.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)declx::parse_currency(text);
  (void)declx::parse_delivery_terms(text);
  return 0;
}
