#pragma once
// Parsed<T>: the result of every typed normalizer. A parser never repairs silently: each
// change it made to the raw text is listed in `repairs`, and a failure says why in `error`.

#include <optional>
#include <string>
#include <vector>

namespace declx {

template <class T>
struct Parsed {
  std::optional<T> value;            // absent on failure (and when ambiguous)
  std::string raw;                   // the input exactly as given
  std::vector<std::string> repairs;  // human-readable, e.g. "ocr-digit: З→3"
  double confidence = 0;             // 0..1; 1 = clean input, no repair needed
  std::string error;            // why it failed / which check failed (may be set even with a value)
  std::vector<T> alternatives;  // when ambiguous (e.g. "СМ" → CN or CM); value then empty,
                                // unless the parser says otherwise (parse_hs_code)
  bool ok() const { return value.has_value(); }
};

}  // namespace declx
