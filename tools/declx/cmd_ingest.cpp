// `declx ingest PATH... --db FILE`: a folder of declarations into a SQLite database,
// in parallel, resumable, with every bad file recorded (store/ingest.h).
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

#include "extractors/extract.h"
#include "normalizers/designations.h"
#include "readers/errors.h"
#include "store/ingest.h"
#include "store/sqlite.h"
#include "tools/declx/commands.h"

namespace declx::cli {
namespace {

struct IngestArguments {
  store::IngestOptions options;
  bool quiet = false;
};

int run_ingest_command(IngestArguments& arguments) {
  store::IngestOptions& options = arguments.options;
  if (options.patterns_dir.empty()) options.patterns_dir = default_patterns_dir();
  options.messages = !arguments.quiet;
  options.progress_line = !arguments.quiet && isatty(STDERR_FILENO);
  try {
    // Bad patterns would fail every document in every worker: refuse them up front.
    Patterns::load(options.patterns_dir);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "declx: patterns: %s\n", error.what());
    return exit_code(ErrorKind::Usage);
  }
  try {
    store::IngestCounters counters = store::run_ingest(options);
    return store::ingest_exit_code(counters);
  } catch (const store::SqliteError& error) {
    std::fprintf(stderr, "declx: %s: %s\n", options.db_path.c_str(), error.what());
    return exit_code(ErrorKind::Unreadable);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "declx: ingest: internal error: %s\n", error.what());
    return exit_code(ErrorKind::Internal);
  }
}

}  // namespace

void register_ingest_command(CLI::App& app, CommandResult& result) {
  auto arguments = std::make_shared<IngestArguments>();
  store::IngestOptions& options = arguments->options;
  CLI::App* command = app.add_subcommand(
      "ingest", "Read every file under PATH... into a SQLite database (parallel, resumable)");
  command->add_option("PATH", options.inputs, "Files and folders (walked recursively)")->required();
  command->add_option("--exclude", options.exclude_names,
                      "Skip files whose name matches this shell pattern inside folders, e.g. "
                      "'*.json' (repeatable)");
  command->add_option("--db", options.db_path, "SQLite database (created if missing)")->required();
  command->add_option("--jobs,-j", options.jobs, "Worker processes (default: one per core)")
      ->check(CLI::Range(0, 256));
  command
      ->add_option("--timeout", options.timeout_seconds,
                   "Seconds of worker time one document may use before it is killed (0: none)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command->add_flag("--retry-failed", options.retry_failed,
                    "Read again documents an earlier run recorded as failed");
  command->add_flag("--quiet,-q", arguments->quiet, "No progress, failures or summary on stderr");
  command->add_option("--log-json", options.log_json_path,
                      "Append JSON Lines progress events to this file");
  command->add_option("--lang", options.read.lang, "Tesseract languages")->capture_default_str();
  command->add_option("--dpi", options.read.dpi, "Resolution for rendering PDF pages")
      ->capture_default_str()
      ->check(CLI::Range(50, 1200));
  command->add_option("--max-pages", options.read.max_pages, "Refuse longer documents")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command
      ->add_option("--max-pixels", options.read.max_pixels, "Refuse page images with more pixels")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_option("--tessdata", options.read.tessdata_dir,
                      "Directory of Tesseract .traineddata files");
  command->add_flag("--force-ocr", options.read.force_ocr,
                    "OCR every page, even with a healthy text layer");
  command->add_flag("!--no-reread", options.read.reread_boxes,
                    "Never OCR a weak box a second time (~10-15% less CPU on scans)");
  command->add_option("--patterns", options.patterns_dir,
                      "Patterns directory (default: $DECLX_PATTERNS or the bundled one)");
  command->callback([arguments, &result] { result.exit_code = run_ingest_command(*arguments); });
}

}  // namespace declx::cli
