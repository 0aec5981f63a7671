// libFuzzer target: ИНН/КПП/ОГРН/ОГРНИП parsing must not crash, hang or trip a sanitizer on any
// input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalizers/identifiers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto inn = declx::parse_inn(text);
  if (inn.ok() && inn.error.empty() && !declx::inn_valid(*inn.value)) __builtin_trap();
  (void)declx::parse_kpp(text);
  auto ogrn = declx::parse_ogrn(text);
  if (ogrn.ok() && ogrn.error.empty() && !declx::ogrn_valid(*ogrn.value)) __builtin_trap();
  (void)declx::parse_ogrnip(text);
  return 0;
}
