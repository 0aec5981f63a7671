// The worker process of `declx ingest` (hidden subcommand `declx worker`). The supervisor
// sends it tasks, one at a time, and it answers each on its result pipe:
//
//   {"type":"analyse","doc":7,"path":"/a.pdf","sha256":"..."}
//       opens the file and judges every page's text layer. Reports {"type":"at","page":n}
//       before each page (so a crash can be pinned to a page), then either
//       {"type":"record","record":{...},"pages":N,"ocr_pages":0} when no page needs OCR
//       (extraction runs right here: born-digital documents cost one round trip), or
//       {"type":"analysed","page_count":N,"media_type":"...","pages":[healthy pages],
//        "ocr":[page numbers]}.
//   {"type":"ocr","doc":7,"path":"/a.pdf","page":3}
//       reads one page with OCR → {"type":"page","page":{page model JSON}}.
//   {"type":"extract","doc":7,"sha256":"...","document":{document JSON}}
//       → {"type":"record","record":{...}}.
//   Any task can instead end in {"type":"error","kind":"corrupt","message":"..."}.
//
// A worker keeps one OcrEngine (one TessBaseAPI, created at its first OCR task) and the
// last opened DocumentSource for its lifetime. It dies with its parent (PR_SET_PDEATHSIG),
// so a supervisor killed with SIGKILL leaves no orphans behind.
//
// TEST-ONLY HOOKS (environment variables, for the crash/hang isolation tests; never set
// them in production): when the path of a task contains the value of
//   DECLX_TEST_CRASH_ON  the worker raises SIGSEGV,
//   DECLX_TEST_ABORT_ON  the worker calls abort(),
//   DECLX_TEST_HANG_ON   the worker sleeps forever,
// right after reporting that it is at the document's first page; and
//   DECLX_TEST_DELAY_MS  makes every document take that many milliseconds longer (so a
//                        test can kill an ingest part-way).
#pragma once

#include <string>

#include "readers/read_options.h"

namespace declx::store {

struct WorkerConfig {
  ReadOptions read;
  std::string patterns_dir;
};

// Serves tasks from `in_fd` until it is closed; answers on `out_fd`. Returns an exit code.
int run_worker(int in_fd, int out_fd, const WorkerConfig& config);

// The stable key stored in documents.error_kind for an ErrorKind: "unreadable",
// "unsupported", "corrupt", "encrypted", "too_large", "timed_out", "crashed", "internal".
std::string error_kind_key(int error_kind);

}  // namespace declx::store
