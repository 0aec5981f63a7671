// libFuzzer target: designation lookup and scanning must not crash, hang or trip a sanitizer on any
// input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalizers/designations.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static const declx::DesignationLexicon lexicon =
      declx::DesignationLexicon::load(declx::default_patterns_dir() + "/designations.tsv");
  (void)lexicon.canonical(text);
  for (const auto& m : lexicon.find_all(text))
    if (m.begin > m.end || m.end > size) __builtin_trap();
  return 0;
}
