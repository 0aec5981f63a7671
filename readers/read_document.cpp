#include "readers/read_document.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "readers/errors.h"

namespace declx {
namespace {

Page finish_with_ocr(const PageAnalysis& analysis, PageImage image, OcrEngine& engine) {
  Page page = engine.recognise(image, analysis.number);
  page.reason = analysis.reason;
  return page;
}

}  // namespace

Page read_page(DocumentSource& source, int number, OcrEngine& engine) {
  PageAnalysis analysis = source.analyse_page(number);
  if (!analysis.needs_ocr) return std::move(analysis.page);
  return finish_with_ocr(analysis, source.page_image(number), engine);
}

Document read_document(const std::string& path, const ReadOptions& options) {
  std::unique_ptr<DocumentSource> source = DocumentSource::open(path, options);
  Document document;
  document.path = path;
  document.media_type = media_type_name(source->media_type());

  std::vector<PageAnalysis> analyses;
  std::vector<int> to_ocr;  // indexes into analyses
  for (int number = 1; number <= source->page_count(); ++number) {
    analyses.push_back(source->analyse_page(number));
    if (analyses.back().needs_ocr) to_ocr.push_back(number - 1);
  }
  document.pages.resize(analyses.size());
  for (size_t i = 0; i < analyses.size(); ++i) {
    if (!analyses[i].needs_ocr) document.pages[i] = std::move(analyses[i].page);
  }
  if (to_ocr.empty()) return document;

  // OCR workers: each owns an OcrEngine; they share the source (rendering is serialised,
  // ~5% of a page's OCR time) and take pages from a shared counter.
  std::mutex source_mutex, error_mutex;
  std::exception_ptr first_error;
  std::atomic<size_t> next{0};
  auto work = [&] {
    try {
      OcrEngine engine(options);
      for (size_t k = next++; k < to_ocr.size(); k = next++) {
        const PageAnalysis& analysis = analyses[static_cast<size_t>(to_ocr[k])];
        PageImage image;
        {
          std::lock_guard<std::mutex> lock(source_mutex);
          image = source->page_image(analysis.number);
        }
        document.pages[static_cast<size_t>(to_ocr[k])] =
            finish_with_ocr(analysis, std::move(image), engine);
      }
    } catch (...) {
      next = to_ocr.size();  // stop the other workers early
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!first_error) first_error = std::current_exception();
    }
  };
  const size_t workers =
      std::clamp<size_t>(static_cast<size_t>(std::max(options.jobs, 1)), 1, to_ocr.size());
  if (workers == 1) {
    work();
  } else {
    std::vector<std::thread> threads;
    for (size_t i = 0; i < workers; ++i) threads.emplace_back(work);
    for (std::thread& thread : threads) thread.join();
  }
  if (first_error) std::rethrow_exception(first_error);
  return document;
}

}  // namespace declx
