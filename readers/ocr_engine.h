// OcrEngine: one Tesseract instance, initialised once and reused for every page a worker
// OCRs. Initialising rus+eng costs ~0.5 s, so never make one per page.
// One engine per thread; an engine is not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "readers/page_image.h"
#include "readers/page_model.h"
#include "readers/read_options.h"

namespace tesseract {
class TessBaseAPI;
}

namespace declx {

// libgomp reads OMP_THREAD_LIMIT once, when it is loaded, before main() runs, so a
// setenv() inside the program comes too late for the program itself (measured on a dense
// A4 page under load: 29 s of CPU without the limit, 4.5 s with it). Call this first
// thing in main(): when OMP_THREAD_LIMIT is unset it sets it to 1 and re-executes the
// program (/proc/self/exe, same argv, no shell) so the limit holds from the start.
// Returns when the variable was already set, or when re-executing failed.
void ensure_openmp_thread_limit(char** argv);

class OcrEngine {
 public:
  // Sets OMP_THREAD_LIMIT=1 when unset (for child processes; for this process see
  // ensure_openmp_thread_limit), then initialises Tesseract with options.lang and
  // options.tessdata_dir. Throws ReadError (kind Usage, empty path) when the languages
  // cannot be loaded.
  explicit OcrEngine(const ReadOptions& options);
  ~OcrEngine();
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  // Recognises one page image, deskewed first (Leptonica's skew search, +-7 degrees). A page
  // whose reading looks turned (low confidence, or mostly vertical words) is checked with
  // Tesseract's OSD when osd.traineddata is installed, and read again turned upright
  // (0/90/180/270 degrees);
  // word boxes are mapped back to the original, unrotated page
  // in PDF points, top-left origin, given the page's size in points.
  // Result: blocks → lines → words with confidences 0..1 and source Ocr; mean_confidence
  // set; reason left empty for the caller. Costs ~2 s per A4 page at 300 dpi on one core.
  Page recognise(const Pix* image, int page_number, double page_width_pt, double page_height_pt);
  Page recognise(const PageImage& image, int page_number) {
    return recognise(image.pix.get(), page_number, image.width_pt, image.height_pt);
  }

  // Reads one rectangle of a page again, for a form box the page pass read badly: `region`
  // in page points (top-left origin, like word boxes), clipped to the page. The crop is
  // scaled to 300 dpi (if smaller), given a white margin and read as one block of text (PSM 6), so
  // that a small value is not lost in the segmentation of a whole form. A non-empty
  // `charset` restricts the characters Tesseract may answer (e.g. "0123456789.," for a
  // weight). Words come back in page points, source Ocr. No orientation search or
  // deskew: the region is taken as it lies on the page. ~0.1 s for a box-sized region.
  std::vector<Word> recognise_region(const PageImage& image, const BBox& region,
                                     const std::string& charset = {});
  // How many pages recognise() asked OSD about (those whose first reading looked turned).
  int orientation_checks() const { return orientation_checks_; }

 private:
  // Turns `original` by `quads` clockwise quarter turns, deskews and recognises it; boxes
  // are mapped back to the unturned page.
  Page recognise_turned(Pix* original, int quads, int resolution, int page_number,
                        double page_width_pt, double page_height_pt);

  std::unique_ptr<tesseract::TessBaseAPI> api_;
  // A second, small engine loaded with osd.traineddata for orientation detection; null
  // when that file is not installed (orientation is then left as scanned).
  std::unique_ptr<tesseract::TessBaseAPI> osd_api_;
  int orientation_checks_ = 0;
};

}  // namespace declx
