// Declaration extraction: a Document (page model) in, a Record out. This is the API that
// `declx extract` and `declx ingest` call, one document at a time.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "extractors/record.h"
#include "readers/page_model.h"

namespace declx {

struct PatternData;  // defined in extractors/patterns.h

// Every data file the extractors need, compiled once: box labels (labels.tsv), end-use
// lexicon (end_use.tsv), field patterns (fields/*.re2) and weapon designations
// (designations.tsv). Immutable after load; share one instance read-only across threads
// (copies are cheap: they share the compiled data).
class Patterns {
 public:
  // Loads from directory `dir` (patterns/ or a user copy given with --patterns).
  // Throws std::runtime_error naming the file and line on bad data (unknown column, an RE2
  // pattern that does not compile, missing file).
  static Patterns load(const std::string& dir);
  const PatternData& data() const { return *data_; }
  const std::string& dir() const { return dir_; }

 private:
  std::shared_ptr<const PatternData> data_;
  std::string dir_;
};

struct ExtractOptions {
  // Keep explain info (box, rule, why empty) in the fields; to_json(record, true) prints it.
  bool explain = false;
  // Reads a rectangle of an OCR'd page again (words in page points, `charset` empty or the
  // characters allowed), e.g. a RegionReader over the source file. When set, boxes listed in
  // patterns/reread.tsv that the page pass left empty or unreadable are read again, and a
  // reading that holds what the box must hold replaces the box's words (recorded in the
  // field's repairs). Unset: the page model alone is used.
  std::function<std::vector<Word>(int page, const BBox& region, const std::string& charset)>
      reread_region;
};

// Finds the declaration's boxes on every page and fills every field it can read. Never
// throws on odd input: a document that is not a declaration comes back with
// document_type "unknown" and whatever was found; unreadable boxes give warnings.
// record.source is left for the caller (see fill_source_from_document).
// Cost: linear in the number of words; ~1 ms per page.
Record extract_record(const Document& doc, const Patterns& patterns,
                      const ExtractOptions& options = {});

// Fills record.source.path/media_type/pages/page_sources/ocr_confidence from `doc`
// (sha256 is the caller's job: store/file_hash.h hashes a file's bytes).
void fill_source_from_document(Record& record, const Document& doc);

}  // namespace declx
