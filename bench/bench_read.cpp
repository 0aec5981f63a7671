// bench_read: how fast the reading stage is, per reader, and how much memory it needs.
//
//   bench_read [--repeat N] [--ocr-pages N] [--jobs N] [--lang L] FILE...
//
// For every file: analyses every page (text layer extraction + health check), N times;
// then OCRs up to --ocr-pages pages that need OCR (rendering included, reported apart).
// Prints pages/s for the text layer, seconds per OCR page, and peak resident memory.
#include <sys/resource.h>

#include <time.h>
#include <algorithm>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "readers/document_source.h"
#include "readers/errors.h"
#include "readers/ocr_engine.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU seconds of this process: on a shared machine wall time mostly measures the neighbours.
double cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

long peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;  // Linux reports KiB
}

}  // namespace

int main(int argc, char** argv) {
  declx::ensure_openmp_thread_limit(argv);
  declx::silence_poppler();
  declx::ReadOptions options;
  int repeat = 3, ocr_pages = 2;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (arg == "--repeat") {
      repeat = std::atoi(value().c_str());
    } else if (arg == "--ocr-pages") {
      ocr_pages = std::atoi(value().c_str());
    } else if (arg == "--lang") {
      options.lang = value();
    } else if (arg == "--dpi") {
      options.dpi = std::atoi(value().c_str());
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: bench_read [--repeat N] [--ocr-pages N] [--lang L] FILE...\n");
    return 2;
  }

  // 1. Text layer: open + analyse every page.
  long text_pages = 0, healthy_pages = 0;
  std::vector<std::pair<std::string, int>> needs_ocr;
  auto start = Clock::now();
  double text_cpu_start = cpu_seconds();
  for (int r = 0; r < repeat; ++r) {
    for (const std::string& file : files) {
      try {
        auto source = declx::DocumentSource::open(file, options);
        for (int n = 1; n <= source->page_count(); ++n) {
          declx::PageAnalysis analysis = source->analyse_page(n);
          ++text_pages;
          if (!analysis.needs_ocr) ++healthy_pages;
          if (r == 0 && analysis.needs_ocr) needs_ocr.emplace_back(file, n);
        }
      } catch (const declx::ReadError& error) {
        if (r == 0) std::fprintf(stderr, "%s\n", error.message().c_str());
      }
    }
  }
  double text_seconds = seconds_since(start);
  double text_cpu = cpu_seconds() - text_cpu_start;
  std::printf(
      "text layer: %ld pages (%ld healthy) in %.3f s wall = %.1f pages/s; %.3f s CPU = %.1f "
      "pages/s per core\n",
      text_pages, healthy_pages, text_seconds, text_pages / std::max(text_seconds, 1e-9), text_cpu,
      text_pages / std::max(text_cpu, 1e-9));
  std::printf("peak RSS after text layer: %ld MiB\n", peak_rss_mib());

  // 2. OCR: render + recognise, with one engine initialised once.
  if (needs_ocr.empty() || ocr_pages <= 0) return 0;
  auto init_start = Clock::now();
  declx::OcrEngine engine(options);
  std::printf("OCR engine init (%s): %.2f s\n", options.lang.c_str(), seconds_since(init_start));
  double render_seconds = 0, ocr_seconds = 0, render_cpu = 0, ocr_cpu = 0;
  int done = 0;
  for (const auto& [file, number] : needs_ocr) {
    if (done >= ocr_pages) break;
    auto source = declx::DocumentSource::open(file, options);
    auto render_start = Clock::now();
    double cpu_start = cpu_seconds();
    declx::PageImage image = source->page_image(number);
    render_seconds += seconds_since(render_start);
    render_cpu += cpu_seconds() - cpu_start;
    auto ocr_start = Clock::now();
    cpu_start = cpu_seconds();
    declx::Page page = engine.recognise(image, number);
    ocr_seconds += seconds_since(ocr_start);
    ocr_cpu += cpu_seconds() - cpu_start;
    ++done;
    size_t words = 0;
    for (const auto& block : page.blocks)
      for (const auto& line : block.lines) words += line.words.size();
    std::printf("  %s page %d: %zu words, mean confidence %.2f\n", file.c_str(), number, words,
                page.mean_confidence);
  }
  std::printf(
      "OCR: %d pages; wall: render %.2f s/page, recognise %.2f s/page; CPU: render %.2f "
      "s/page, recognise (orientation + deskew + Tesseract) %.2f s/page\n",
      done, render_seconds / done, ocr_seconds / done, render_cpu / done, ocr_cpu / done);
  std::printf("peak RSS: %ld MiB\n", peak_rss_mib());
  return 0;
}
