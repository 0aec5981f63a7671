#include "store/ingest_progress.h"
#include "readers/page_model_json.h"

#include <ctime>
#include <stdexcept>

namespace declx::store {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

std::string utc_timestamp() {
  std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

namespace {

std::string format_duration(double seconds) {
  long total = static_cast<long>(seconds + 0.5);
  char text[32];
  if (total >= 3600)
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  else
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
  return text;
}

json counters_json(const IngestCounters& c) {
  return {{"files", c.files_total}, {"handled", c.files_handled}, {"done", c.done},
          {"failed", c.failed},     {"skipped", c.skipped},       {"duplicates", c.duplicates},
          {"pages", c.pages},       {"ocr_pages", c.ocr_pages},   {"in_flight", c.in_flight}};
}

}  // namespace

IngestProgress::IngestProgress(bool progress_line, bool messages, const std::string& log_path)
    : progress_line_(progress_line), messages_(messages) {
  if (!log_path.empty()) {
    log_ = std::fopen(log_path.c_str(), "a");
    if (!log_) throw std::runtime_error("cannot open log file " + log_path);
  }
  started_ = last_draw_ = last_log_ = Clock::now();
}

IngestProgress::~IngestProgress() {
  if (log_) std::fclose(log_);
}

double IngestProgress::elapsed_seconds() const {
  return std::chrono::duration<double>(Clock::now() - started_).count();
}

void IngestProgress::log(json event) {
  if (!log_) return;
  event["time"] = utc_timestamp();
  event["elapsed"] = elapsed_seconds();
  std::string line = dump_json(event);
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), log_);
  std::fflush(log_);
}

void IngestProgress::start(const IngestCounters& counters, int jobs) {
  json event = counters_json(counters);
  event["event"] = "start";
  event["jobs"] = jobs;
  log(event);
}

void IngestProgress::clear_line() {
  if (line_drawn_) {
    std::fputs("\r\033[K", stderr);
    line_drawn_ = false;
  }
}

void IngestProgress::draw_line(const IngestCounters& c) {
  double elapsed = elapsed_seconds();
  double rate = elapsed > 0 ? static_cast<double>(c.pages) / elapsed : 0;
  int processed = c.done + c.failed;
  std::string eta = "--:--";
  int remaining = c.files_total - c.files_handled;
  if (processed > 0 && remaining >= 0) eta = format_duration(elapsed / processed * remaining);
  std::fprintf(stderr, "\r\033[Kfiles %d/%d (%d failed)  pages %lld  %.1f pages/s  ETA %s",
               c.files_handled, c.files_total, c.failed, c.pages, rate, eta.c_str());
  std::fflush(stderr);
  line_drawn_ = true;
  last_draw_ = Clock::now();
}

void IngestProgress::document(const IngestCounters& counters, const json& event) {
  json logged = event;
  logged["event"] = "document";
  log(logged);
  if (messages_ && event.value("status", "") == "failed") {
    clear_line();
    std::fprintf(stderr, "declx: %s: %s: %s\n", event.value("path", "").c_str(),
                 event.value("error_kind", "").c_str(), event.value("error", "").c_str());
  }
  tick(counters);
}

void IngestProgress::tick(const IngestCounters& counters) {
  auto now = Clock::now();
  if (progress_line_ && now - last_draw_ >= std::chrono::milliseconds(250)) draw_line(counters);
  if (log_ && now - last_log_ >= std::chrono::seconds(1)) {
    json event = counters_json(counters);
    event["event"] = "progress";
    double elapsed = elapsed_seconds();
    event["pages_per_second"] = elapsed > 0 ? static_cast<double>(counters.pages) / elapsed : 0.0;
    log(event);
    last_log_ = now;
  }
}

void IngestProgress::finish(const IngestCounters& c) {
  clear_line();
  double elapsed = elapsed_seconds();
  double rate = elapsed > 0 ? static_cast<double>(c.pages) / elapsed : 0;
  json event = counters_json(c);
  event["event"] = "summary";
  event["seconds"] = elapsed;
  event["pages_per_second"] = rate;
  event["previously_failed"] = c.previously_failed;
  event["supervisor_peak_kib"] = c.supervisor_peak_kib;
  event["worker_peak_kib"] = c.worker_peak_kib;
  event["interrupted"] = c.interrupted;
  log(event);
  if (!messages_) return;
  if (c.interrupted)
    std::fputs(
        "declx ingest: interrupted; documents in flight were not recorded, run the same "
        "command again to go on\n",
        stderr);
  std::fprintf(
      stderr,
      "declx ingest: %d files: %d done, %d failed, %d skipped (already in the database"
      "%s), %d duplicates; %lld pages (%lld OCR) in %.1f s, %.2f pages/s\n",
      c.files_total, c.done, c.failed, c.skipped,
      c.previously_failed > 0
          ? (", " + std::to_string(c.previously_failed) + " of them failed earlier").c_str()
          : "",
      c.duplicates, c.pages, c.ocr_pages, elapsed, rate);
}

}  // namespace declx::store
