#include "normalizers/text.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/ucasemap.h>
#include <unicode/uniset.h>
#include <unicode/utf8.h>

#include <memory>
#include <stdexcept>

#include "normalizers/detail.h"
#include "normalizers/script.h"

namespace declx {
namespace {

// NFKC except for "№", which NFKC would turn into "No" and which declarations use as the
// number sign before identifiers.
const icu::Normalizer2& nfkc() {
  static const icu::FilteredNormalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* base = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC unavailable");
    static icu::UnicodeSet keep(UNICODE_STRING_SIMPLE("[^\\u2116]"), status);
    keep.freeze();
    if (U_FAILURE(status)) throw std::runtime_error("ICU UnicodeSet failed");
    return new icu::FilteredNormalizer2(*base, keep);
  }();
  return *instance;
}

enum class CharClass { Keep, Space, Dash, Quote, Drop };

CharClass classify(char32_t c) {
  if (c < 0x80) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
      return CharClass::Space;
    if (c == '"' || c == '\'' || c == '`') return CharClass::Quote;
    if (c < 0x20 || c == 0x7F) return CharClass::Drop;
    return CharClass::Keep;
  }
  switch (c) {
    case 0x00A0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0x0085:
      return CharClass::Space;
    case 0x00AD:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
      return CharClass::Drop;
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0xFE58:
    case 0xFE63:
    case 0xFF0D:
    case 0x2043:
      return CharClass::Dash;
    case 0x00AB:
    case 0x00BB:
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2039:
    case 0x203A:
    case 0x00B4:
    case 0x02BA:
    case 0x02DD:
    case 0x301D:
    case 0x301E:
    case 0xFF02:
      return CharClass::Quote;
    default:
      break;
  }
  if (c >= 0x2000 && c <= 0x200A) return CharClass::Space;
  return CharClass::Keep;
}

// One pass over (already NFKC) UTF-8: unify spaces, dashes, quotes; drop invisible characters;
// collapse space runs; trim. A doubled quote (`` or '') becomes one. `dropped` (optional) is
// set when a character was removed from between two others (an invisible one, a doubled
// quote): only that can bring together what NFKC would compose.
std::string unify(std::string_view text, bool* dropped = nullptr) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = 0, n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    int32_t start = i;
    if (s[i] < 0x80) {
      c = s[i++];
    } else {
      U8_NEXT(s, i, n, c);
      if (c < 0) c = 0xFFFD;
    }
    switch (classify(static_cast<char32_t>(c))) {
      case CharClass::Space:
        pending_space = !out.empty();
        continue;
      case CharClass::Drop:
        if (dropped) *dropped = true;
        continue;
      case CharClass::Dash:
        c = '-';
        break;
      case CharClass::Quote:
        if (!out.empty() && out.back() == '"' && !pending_space) {
          if (dropped) *dropped = true;
          continue;
        }
        c = '"';
        break;
      case CharClass::Keep:
        break;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c == 0xFFFD || s[start] < 0x80) {
      detail::append_utf8(out, static_cast<char32_t>(c));
    } else {
      out.append(text.substr(start, i - start));
    }
  }
  return out;
}

// One NFKC + unify pass; on an ICU failure, unify alone.
std::string clean_once(std::string_view text, bool* dropped) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2& norm = nfkc();
  icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (norm.isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return unify(text, dropped);
  status = U_ZERO_ERROR;
  std::string normalized;
  normalized.reserve(text.size());
  icu::StringByteSink<std::string> sink(&normalized);
  norm.normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) return unify(text, dropped);
  return unify(normalized, dropped);
}

bool is_nfkc(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  bool yes = nfkc().isNormalizedUTF8(piece, status);
  return U_FAILURE(status) || yes;
}

}  // namespace

std::string clean_text(std::string_view text) {
  if (detail::is_ascii(text)) return unify(text);
  bool dropped = false;
  std::string out = clean_once(text, &dropped);
  // Dropping an invisible character can bring a letter and a combining mark together
  // ("A", U+001E, U+0301), which NFKC would then compose: normalise again until stable, so
  // that clean_text(clean_text(x)) == clean_text(x). Two passes settle every case seen.
  for (int pass = 0; dropped && pass < 4 && !detail::is_ascii(out) && !is_nfkc(out); ++pass) {
    dropped = false;
    out = clean_once(out, &dropped);
  }
  return out;
}

std::string to_upper(std::string_view text) {
  if (detail::is_ascii(text)) {
    std::string out(text);
    for (char& c : out)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
  }
  struct Closer {
    void operator()(UCaseMap* m) const { ucasemap_close(m); }
  };
  thread_local std::unique_ptr<UCaseMap, Closer> map = [] {
    UErrorCode status = U_ZERO_ERROR;
    return std::unique_ptr<UCaseMap, Closer>(ucasemap_open("", 0, &status));
  }();
  std::string out(text.size() + 16, '\0');
  for (int attempt = 0; attempt < 2; ++attempt) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t len = ucasemap_utf8ToUpper(map.get(), out.data(), static_cast<int32_t>(out.size()),
                                       text.data(), static_cast<int32_t>(text.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
      out.assign(static_cast<size_t>(len), '\0');
      continue;
    }
    if (U_FAILURE(status)) return std::string(text);
    out.resize(static_cast<size_t>(len));
    return out;
  }
  return std::string(text);
}

std::string fold_for_compare(std::string_view text) {
  std::string upper = to_upper(clean_text(text));
  std::string out;
  out.reserve(upper.size());
  const auto* s = reinterpret_cast<const uint8_t*>(upper.data());
  int32_t i = 0, n = static_cast<int32_t>(upper.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) c = 0xFFFD;
    char32_t cc = static_cast<char32_t>(c);
    if (cc == U'Ё') cc = U'Е';
    if (detail::is_latin_letter(cc)) {
      char32_t cyr = cyrillic_lookalike_of_latin(cc);
      if (cyr) cc = cyr;
    }
    detail::append_utf8(out, cc);
  }
  return out;
}

size_t utf8_length(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

namespace {

// Last code point of a UTF-8 string (0 if empty).
char32_t last_char(std::string_view s, size_t skip_back = 0) {
  std::u32string d = detail::decode_utf8(s);
  return d.size() > skip_back ? d[d.size() - 1 - skip_back] : 0;
}

bool is_letter(char32_t c) {
  return detail::is_latin_letter(c) || detail::is_cyrillic_letter(c);
}

}  // namespace

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& raw : lines) {
    std::string line = clean_text(raw);
    if (line.empty()) continue;
    if (out.empty()) {
      out = line;
      continue;
    }
    char32_t next = detail::decode_utf8(std::string_view(line).substr(0, 4)).front();
    bool hyphen_end = out.back() == '-' && out.size() >= 2 &&
                      (is_letter(last_char(out, 1)) || detail::is_digit(last_char(out, 1)));
    if (hyphen_end && is_letter(next)) {
      size_t space = out.rfind(' ');
      std::string_view fragment =
          std::string_view(out).substr(space == std::string::npos ? 0 : space + 1);
      fragment.remove_suffix(1);
      bool code_like = false;
      for (char c : fragment) code_like = code_like || (c >= '0' && c <= '9');
      std::string_view next_word = std::string_view(line).substr(0, line.find(' '));
      for (char c : next_word) code_like = code_like || (c >= '0' && c <= '9');
      if (detail::decode_utf8(fragment).size() <= 1 || code_like ||
          fragment.find('-') != std::string_view::npos) {
        out += line;  // keep the hyphen: "С-" + "400", "ЗРС-" + ...
      } else {
        out.pop_back();
        out += line;
      }
    } else if (out.back() == '-' && detail::is_digit(next)) {
      out += line;
    } else {
      out += ' ';
      out += line;
    }
  }
  return out;
}

}  // namespace declx
