// An image of one page, ready for OCR: a Leptonica Pix owned through RAII, plus the page's
// size in PDF points so that OCR boxes can be mapped back to page coordinates.
#pragma once

#include <memory>

struct Pix;  // Leptonica's image type (allheaders.h); the header stays Leptonica-free

namespace declx {

struct PixDeleter {
  void operator()(Pix* pix) const;  // pixDestroy
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// Takes ownership of a Pix returned by Leptonica (nullptr stays empty).
inline PixPtr adopt_pix(Pix* pix) {
  return PixPtr(pix);
}

// Page images under kMinOcrResolution dpi (200 dpi scans, faxes, photos taken as A4) are
// scaled to kOcrResolution before recognition: Tesseract misreads the 6-7 pt box captions at
// 200 dpi (measured in readers/ocr_engine.cpp).
constexpr int kMinOcrResolution = 250;
constexpr int kOcrResolution = 300;

struct PageImage {
  PixPtr pix;           // 1, 8 or 32 bpp; its resolution (pixGetXRes) is set
  double width_pt = 0;  // the page's size in points: pixel size * 72 / resolution
  double height_pt = 0;
};

}  // namespace declx
