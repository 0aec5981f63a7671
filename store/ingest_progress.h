// What `declx ingest` tells people and machines while it runs: a progress line on stderr
// (only when stderr is a terminal, redrawn in place at most 4 times a second), one line per
// failed file, a summary at the end, and JSON Lines events for --log-json.
#pragma once

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace declx::store {

struct IngestCounters {
  int files_total = 0;    // files found by the walk
  int files_handled = 0;  // done + failed + skipped + duplicates
  int done = 0, failed = 0, skipped = 0, duplicates = 0;
  int previously_failed = 0;           // skipped because an earlier run recorded them as failed
  long long pages = 0, ocr_pages = 0;  // of documents read in this run
  int in_flight = 0;
  // Peak resident memory (KiB, getrusage) of the supervisor and of the largest worker;
  // filled in at the end of the run.
  long supervisor_peak_kib = 0, worker_peak_kib = 0;
  bool interrupted = false;  // stopped by SIGINT/SIGTERM before the end
};

class IngestProgress {
 public:
  // `progress_line`: draw the in-place line (callers pass isatty(2) && !quiet).
  // `messages`: print failures and the summary (false with --quiet).
  // `log_path`: JSON Lines events, or empty. Throws std::runtime_error if it cannot be opened.
  IngestProgress(bool progress_line, bool messages, const std::string& log_path);
  ~IngestProgress();

  void start(const IngestCounters& counters, int jobs);
  // One document's outcome; `status` is "done", "failed", "skipped" or "duplicate".
  void document(const IngestCounters& counters, const nlohmann::json& event);
  // Called often; redraws/logs at most every 250 ms (line) / 1 s (log).
  void tick(const IngestCounters& counters);
  void finish(const IngestCounters& counters);
  // Any other event (e.g. one per worker task), to the JSON log only.
  void log(nlohmann::json event);
  double elapsed_seconds() const;

 private:
  void draw_line(const IngestCounters& counters);
  void clear_line();

  bool progress_line_, messages_;
  std::FILE* log_ = nullptr;
  bool line_drawn_ = false;
  std::chrono::steady_clock::time_point started_, last_draw_, last_log_;
};

std::string utc_timestamp();  // "2026-11-28T15:04:05Z"

}  // namespace declx::store
