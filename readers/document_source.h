// DocumentSource: one opened input file (a PDF or an image Leptonica reads), read a page at
// a time. It is the unit a worker process holds: open once, then analyse and, if needed,
// render pages one by one, so that the pages of one long scan can be spread over workers
// (each worker opens the same file and takes its own page numbers).
//
// A DocumentSource is not thread-safe: Poppler documents must not be used from two
// threads at once. Callers serialise access (read_document holds a mutex around it).
#pragma once

#include <memory>
#include <string>

#include "readers/page_image.h"
#include "readers/page_model.h"
#include "readers/read_options.h"
#include "readers/sniff.h"

namespace declx {

// The outcome of looking at one page before any OCR.
struct PageAnalysis {
  int number = 0;          // 1-based
  bool needs_ocr = false;  // true: the text layer is missing, thin or broken (or --force-ocr,
                           // or the source is an image)
  std::string reason;      // "healthy text layer", "no text layer", "image file", ...
  // The page as far as it is known without OCR: size in points, and the text-layer words
  // when the layer is healthy (blocks empty when needs_ocr). source/reason already set.
  Page page;
};

class DocumentSource {
 public:
  // Sniffs `path` by content and opens it. Throws ReadError:
  //   Unreadable  missing, permission denied, a directory, I/O error
  //   Unsupported not a PDF or an image type Leptonica reads
  //   Corrupt     zero bytes, truncated or damaged PDF, undecodable image
  //   Encrypted   PDF that needs a password
  //   TooLarge    more than options.max_pages pages, or an image over options.max_pixels
  // Cost: a PDF's cross-reference table is parsed; images are not decoded yet (only
  // their headers are read).
  static std::unique_ptr<DocumentSource> open(const std::string& path, const ReadOptions& options);
  virtual ~DocumentSource() = default;

  const std::string& path() const { return path_; }
  MediaType media_type() const { return media_type_; }
  int page_count() const { return page_count_; }

  // Extracts the text layer of page `number` (1-based) and judges its health. For images,
  // always needs_ocr with reason "image file". Cheap for PDFs (~a few ms per page).
  // Throws ReadError (Corrupt) when the page cannot be read.
  virtual PageAnalysis analyse_page(int number) = 0;

  // The image to OCR for page `number`: PDFs are rendered at options.dpi (8-bit grey);
  // image files are decoded (one TIFF directory per page). Throws ReadError: TooLarge
  // when the image exceeds options.max_pixels, Corrupt when it cannot be decoded.
  virtual PageImage page_image(int number) = 0;

 protected:
  DocumentSource(std::string path, MediaType type, const ReadOptions& options)
      : path_(std::move(path)), media_type_(type), options_(options) {}

  std::string path_;
  MediaType media_type_;
  ReadOptions options_;
  int page_count_ = 0;
};

// Routes Poppler's own error messages away from stderr (into nothing). Call once at
// start-up of any program that reads PDFs; idempotent and thread-safe.
void silence_poppler();

}  // namespace declx
