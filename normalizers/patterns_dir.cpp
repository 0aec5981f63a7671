#include <cstdlib>
#include <string>

#include "normalizers/designations.h"

namespace declx {

std::string default_patterns_dir() {
  if (const char* env = std::getenv("DECLX_PATTERNS"); env != nullptr && *env != '\0') return env;
#ifdef DECLX_PATTERNS_DIR
  return DECLX_PATTERNS_DIR;
#else
  return "patterns";
#endif
}

}  // namespace declx
