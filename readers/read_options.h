// Options shared by every reader and by `declx text`, `extract` and `ingest`.
#pragma once

#include <string>

namespace declx {

struct ReadOptions {
  std::string lang = "rus+eng";  // Tesseract languages
  int dpi = 300;                 // resolution PDF pages are rendered at for OCR
  // Largest image (width x height of one page, after rendering) accepted; bigger inputs
  // fail with TooLarge instead of exhausting memory.
  long long max_pixels = 100'000'000;
  int max_pages = 1000;      // more pages than this fail with TooLarge
  std::string tessdata_dir;  // empty: Tesseract's compiled-in default / TESSDATA_PREFIX
  bool force_ocr = false;    // OCR every page even when its text layer is healthy
  int jobs = 1;              // OCR worker threads, each with its own OcrEngine
  // Extraction of OCR'd pages reads weak boxes again from the file (patterns/reread.tsv);
  // false: the page OCR alone (--no-reread), ~10-15% less CPU on scans.
  bool reread_boxes = true;
};

}  // namespace declx
