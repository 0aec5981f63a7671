// Russian word list for OCR'd free text: Hunspell's ru_RU dictionary from Debian's
// hunspell-ru (/usr/share/hunspell, or a directory of $DICPATH as the hunspell tool has it),
// loaded once per process. Used to settle letters OCR confused inside words of a goods
// description (extractors/respell.h), never to invent text.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace declx {

class Dictionary {
 public:
  // The Russian dictionary, or nullptr when hunspell-ru is not installed (descriptions are
  // then left as read). Thread-safe; the first call loads it (~0.1 s, ~20 MB).
  static const Dictionary* russian();
  // Loads DIR/NAME.aff and DIR/NAME.dic; nullptr if either is missing.
  static std::unique_ptr<Dictionary> load(const std::string& dir, const std::string& name);

  ~Dictionary();
  Dictionary(const Dictionary&) = delete;
  Dictionary& operator=(const Dictionary&) = delete;

  // Whether `word` (UTF-8, any case: "ПРИБОРЫ" as "приборы") is a correct spelling.
  // Thread-safe.
  bool known(std::string_view word) const;

 private:
  struct Impl;
  explicit Dictionary(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace declx
