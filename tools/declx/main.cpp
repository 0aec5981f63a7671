// declx: customs declarations to structured, evidence-linked records.
#include <cstdlib>
#include <iostream>

#include "readers/errors.h"
#include "readers/ocr_engine.h"
#include "tools/declx/commands.h"

int main(int argc, char** argv) {
  // Tesseract's OpenMP threads fight our own page-level parallelism: a page takes ~3x
  // longer with default threading. libgomp reads the limit before main(), so this
  // re-executes the program with OMP_THREAD_LIMIT=1 when it is unset.
  declx::ensure_openmp_thread_limit(argv);

  CLI::App app{"declx: customs declarations (ДТ) to structured, evidence-linked records"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "declx 0.1.0");
  declx::cli::CommandResult result;
  declx::cli::register_text_command(app, result);
  declx::cli::register_extract_command(app, result);
  declx::cli::register_ingest_command(app, result);
  declx::cli::register_export_command(app, result);
  declx::cli::register_stats_command(app, result);
  declx::cli::register_worker_command(app, result);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : declx::exit_code(declx::ErrorKind::Usage);
  }
  return result.exit_code;
}
