// `declx ingest`: many files into one SQLite database, with page-level parallelism over
// worker processes and isolation from crashing or hanging libraries.
//
// The supervisor (this code, in the declx process) walks and hashes the inputs, skips
// documents the database already holds, and hands tasks to `jobs` worker processes
// (`declx worker`, see ingest_worker.h): "analyse document", then "OCR page n" for each
// page without a healthy text layer (so one long scan is spread over every worker), then
// "extract" once all pages are in. It alone writes to the database (record_writer.h).
// A worker that dies mid-task fails only the document it was on ("crashed: signal 11
// (SIGSEGV) while reading page 3"); a document whose tasks have used more than `timeout`
// seconds of worker time is killed and failed ("timed out after 60 s ..."). Dead or killed
// workers are replaced and the batch goes on. Memory stays flat: at most 2 x jobs
// documents are in flight, and nothing is kept for finished ones.
#pragma once

#include <string>
#include <vector>

#include "readers/read_options.h"
#include "store/ingest_progress.h"
#include "store/record_writer.h"

namespace declx::store {

struct IngestOptions {
  std::vector<std::string> inputs;         // files and folders
  std::vector<std::string> exclude_names;  // file-name patterns skipped inside folders
  std::string db_path;
  int jobs = 0;                  // worker processes; 0 = number of cores
  double timeout_seconds = 600;  // per document, summed over its tasks; 0 = no limit
  bool retry_failed = false;     // re-read documents recorded as failed by an earlier run
  bool progress_line = false;    // in-place progress on stderr
  bool messages = true;          // failures and the summary on stderr
  std::string log_json_path;
  ReadOptions read;
  std::string patterns_dir;
  std::string worker_executable = "/proc/self/exe";
  WriterOptions writer;
};

// Runs the whole batch. Throws on setup errors only (database cannot be opened, no worker
// can be started); per-file failures are recorded and counted, never thrown.
IngestCounters run_ingest(const IngestOptions& options);

// Exit status of an interrupted run (SIGINT or SIGTERM), as shells report a SIGINT death.
inline constexpr int kExitInterrupted = 130;

// 0 when every input is in the database as done; kExitSomeFailed (1) when any input failed
// in this run or earlier; kExitInterrupted (130) when the run was interrupted.
int ingest_exit_code(const IngestCounters& counters);

}  // namespace declx::store
