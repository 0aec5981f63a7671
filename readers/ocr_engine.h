// OcrEngine: one Tesseract instance, initialised once and reused for every page a worker
// OCRs. Initialising rus+eng costs ~0.5 s, so never make one per page.
// One engine per thread; an engine is not thread-safe.
#pragma once

#include <memory>
#include <string>

#include "readers/page_image.h"
#include "readers/page_model.h"
#include "readers/read_options.h"

namespace tesseract {
class TessBaseAPI;
}

namespace declx {

class OcrEngine {
 public:
  // Sets OMP_THREAD_LIMIT=1 when unset (Tesseract's OpenMP threads make a page ~3x slower
  // and fight page-level parallelism), then initialises Tesseract with options.lang and
  // options.tessdata_dir. Throws ReadError (kind Usage, empty path) when the languages
  // cannot be loaded.
  explicit OcrEngine(const ReadOptions& options);
  ~OcrEngine();
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  // Recognises one page image. Before recognition the image is turned upright (the
  // orientation among 0/90/180/270 degrees is chosen by Tesseract's OSD when
  // osd.traineddata is installed) and deskewed (Leptonica's skew search, +-7 degrees);
  // word boxes are mapped back to the original, unrotated page
  // in PDF points, top-left origin, given the page's size in points.
  // Result: blocks → lines → words with confidences 0..1 and source Ocr; mean_confidence
  // set; reason left empty for the caller. Costs ~2 s per A4 page at 300 dpi on one core.
  Page recognise(const Pix* image, int page_number, double page_width_pt, double page_height_pt);
  Page recognise(const PageImage& image, int page_number) {
    return recognise(image.pix.get(), page_number, image.width_pt, image.height_pt);
  }

 private:
  std::unique_ptr<tesseract::TessBaseAPI> api_;
  // A second, small engine loaded with osd.traineddata for orientation detection; null
  // when that file is not installed (orientation is then left as scanned).
  std::unique_ptr<tesseract::TessBaseAPI> osd_api_;
};

}  // namespace declx
