#pragma once
// Text cleanup for OCR and PDF text: Unicode normalisation and the folding of spaces, dashes
// and quotes. All functions take and return UTF-8; invalid UTF-8 bytes become U+FFFD.
// Thread-safe: ICU objects are created once and shared read-only.

#include <string>
#include <string_view>
#include <vector>

namespace declx {

// NFKC; every space variant (NBSP, U+202F, U+2009, tabs, newlines) to one ASCII space; every
// dash variant (‐ ‑ ‒ – — ― − ﹣ －) to "-"; every quote kind (« » „ “ ” " ' ‘ ’ ‚ ‹ › ``)
// to '"'; soft hyphens and zero-width characters removed; runs of spaces collapsed; trimmed.
// Pure-ASCII input takes a fast path that does not touch ICU.
std::string clean_text(std::string_view text);

// clean_text, then case folding to upper case (customs text is in capitals), Ё→Е, and
// homoglyph folding of Latin look-alikes to Cyrillic (A→А, C→С, ...) so that "AO" and "АО",
// "CБЕРБАНК" and "СБЕРБАНК" compare equal. Keys only: not for display.
std::string fold_for_compare(std::string_view text);

// Upper-cases UTF-8 text with ICU (root locale); ASCII fast path.
std::string to_upper(std::string_view text);

// Joins wrapped lines of one field with single spaces, each line clean_text-ed first. A line
// ending in a hyphen after a letter is a word broken by hyphenation: the next line's word is
// joined and the hyphen dropped ("ПРОИЗ-" + "ВОДИТЕЛЬ" → "ПРОИЗВОДИТЕЛЬ"). The hyphen is kept
// when the fragment is one letter, either part holds a digit or the fragment already holds a
// hyphen ("С-" + "400", "ПАНЦИРЬ-" + "С1", "96Л6-" + "Е"). A compound
// broken exactly at its own hyphen ("АЛМАЗ-" + "АНТЕЙ") cannot be told apart and loses it.
// Words broken without any hyphen ("ПРОИЗВ" / "ОДИТЕЛЬ") get a space: no dictionary here.
std::string join_lines(const std::vector<std::string>& lines);

// Counts Unicode code points in UTF-8 text (for fast checks in callers).
size_t utf8_length(std::string_view text);

}  // namespace declx
