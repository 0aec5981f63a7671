// libFuzzer target: text cleanup and script repair must not crash, hang or trip a sanitizer on any
// input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "normalizers/script.h"
#include "normalizers/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string cleaned = declx::clean_text(text);
  if (declx::clean_text(cleaned) != cleaned) __builtin_trap();  // idempotent
  (void)declx::fold_for_compare(text);
  (void)declx::join_lines(
      {std::string(text.substr(0, size / 2)), std::string(text.substr(size / 2))});
  (void)declx::repair_script(text, declx::FieldScript::Auto);
  (void)declx::repair_script(text, declx::FieldScript::Cyrillic);
  (void)declx::repair_script(text, declx::FieldScript::Code);
  return 0;
}
