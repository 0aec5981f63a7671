// RegionReader: OCR of single rectangles of a document's pages, for the extractors to read a
// form box again when the page pass left it empty or unreadable (see
// OcrEngine::recognise_region). It opens the file and loads Tesseract only on the first
// request, and keeps the last rendered page, since the boxes asked for come page by page.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "readers/document_source.h"
#include "readers/ocr_engine.h"
#include "readers/page_model.h"
#include "readers/read_options.h"

namespace declx {

class RegionReader {
 public:
  // Opens `path` on first use. The engine comes from `engine` (e.g. a worker's own, made
  // on demand) or, when that is empty, is made on first use and owned.
  RegionReader(std::string path, ReadOptions options, std::function<OcrEngine&()> engine = nullptr);
  // The same for the file a page model was read from: before reading a region it checks
  // that the file still has the model's pages (count, and the size of the page read), so
  // that a file replaced since (a page model kept from an earlier run) is not mixed in.
  RegionReader(const Document& document, ReadOptions options,
               std::function<OcrEngine&()> engine = nullptr);
  ~RegionReader();

  // Words OCR finds in `region` (page points) of page `page` (1-based); empty when the page
  // cannot be rendered or nothing is read. Throws nothing: a failed re-read leaves the first
  // reading as it was. Counts its calls in regions_read().
  std::vector<Word> read(int page, const BBox& region, const std::string& charset);
  int regions_read() const { return regions_read_; }
  // read() as a function object, for ExtractOptions::reread_region; the RegionReader must
  // outlive it.
  std::function<std::vector<Word>(int, const BBox&, const std::string&)> callback() {
    return [this](int page, const BBox& region, const std::string& charset) {
      return read(page, region, charset);
    };
  }
  // Why re-reading stopped, "PATH: KIND: reason" (the file could not be opened or
  // rendered); empty if it did not.
  const std::string& error() const { return error_; }

 private:
  std::string path_;
  ReadOptions options_;
  std::function<OcrEngine&()> engine_factory_;
  std::unique_ptr<DocumentSource> source_;
  std::unique_ptr<OcrEngine> own_engine_;
  OcrEngine* engine_ = nullptr;
  bool failed_ = false;  // opening failed once: do not retry for every box
  int page_number_ = 0;
  PageImage page_;
  int regions_read_ = 0;
  std::string error_;
  std::vector<std::pair<double, double>> expected_sizes_;  // per page, points; empty: no check
};

}  // namespace declx
