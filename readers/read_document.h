// Reading a whole document into the page model: the one call `declx text` and `extract` use.
#pragma once

#include <string>

#include "readers/document_source.h"
#include "readers/ocr_engine.h"
#include "readers/page_model.h"
#include "readers/read_options.h"

namespace declx {

// Analyses every page first (text layer + health check), then OCRs only the pages that
// need it, spread across options.jobs threads, each with its own OcrEngine (created only
// if some page needs OCR). Pages come back in order with source and reason set.
// Throws ReadError (see DocumentSource::open and OcrEngine).
Document read_document(const std::string& path, const ReadOptions& options);

// One page, end to end, with a caller-owned engine: what an ingest worker process does
// for each page number it is given. Throws ReadError.
Page read_page(DocumentSource& source, int number, OcrEngine& engine);

}  // namespace declx
