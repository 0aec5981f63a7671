// `declx extract FILE...`: one record per file (docs/design.md, "The record").
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "extractors/extract.h"
#include "normalizers/designations.h"
#include "readers/document_source.h"
#include "readers/errors.h"
#include "readers/ocr_engine.h"
#include "readers/page_model_json.h"
#include "readers/read_document.h"
#include "readers/region_reader.h"
#include "store/file_hash.h"
#include "tools/declx/commands.h"

namespace declx::cli {
namespace {

struct ExtractArguments {
  std::vector<std::string> paths;
  bool jsonl = false;
  bool explain = false;
  bool from_json = false;  // FILEs are page models from `declx text --json`
  bool reread = false;     // --reread: with --from-json, re-open the source to re-read boxes
  std::string output;
  std::string patterns_dir;
  ReadOptions options;
};

struct Outcome {
  Record record;
  bool failed = false;
  ErrorKind kind = ErrorKind::Internal;
};

// `reread_engine`: the Tesseract instance boxes are read again with, made on first use and
// kept for the next files (loading rus+eng costs ~0.4 s).
Outcome extract_file(const std::string& path, const Patterns& patterns,
                     const ExtractArguments& arguments, std::unique_ptr<OcrEngine>& reread_engine) {
  Outcome outcome;
  try {
    Document document;
    if (arguments.from_json) {
      std::ifstream in(path, std::ios::binary);
      if (!in) throw ReadError(ErrorKind::Unreadable, path, "cannot open");
      document = document_from_json(nlohmann::json::parse(in));
    } else {
      document = read_document(path, arguments.options);
    }
    ExtractOptions options;
    options.explain = arguments.explain;
    // Weak boxes of OCR'd pages are read again from the source file (patterns/reread.tsv).
    RegionReader regions(document, arguments.options, [&]() -> OcrEngine& {
      if (!reread_engine) reread_engine = std::make_unique<OcrEngine>(arguments.options);
      return *reread_engine;
    });
    if (arguments.options.reread_boxes && (!arguments.from_json || arguments.reread))
      options.reread_region = regions.callback();
    outcome.record = extract_record(document, patterns, options);
    if (!regions.error().empty()) {
      outcome.record.warnings.push_back("weak boxes not read again: " + regions.error());
      std::cerr << "declx: " << path << ": weak boxes not read again: " << regions.error() << '\n';
    }
    fill_source_from_document(outcome.record, document);
    outcome.record.source.path = path;
    if (!arguments.from_json) outcome.record.source.sha256 = store::hash_file(path).sha256;
  } catch (const ReadError& error) {
    outcome.failed = true;
    outcome.kind = error.kind();
    ReadError named = error.path().empty() ? ReadError(error.kind(), path, error.what()) : error;
    std::cerr << named.message() << '\n';
    outcome.record = error_record(path, to_string(error.kind()), error.what());
  } catch (const nlohmann::json::exception& error) {
    outcome.failed = true;
    outcome.kind = ErrorKind::Corrupt;
    std::cerr << "declx: " << path << ": corrupt: not a page model: " << error.what() << '\n';
    outcome.record = error_record(path, to_string(ErrorKind::Corrupt), error.what());
  } catch (const std::bad_alloc&) {
    outcome.failed = true;
    outcome.kind = ErrorKind::TooLarge;
    std::cerr << "declx: " << path << ": too large: out of memory\n";
    outcome.record = error_record(path, to_string(ErrorKind::TooLarge), "out of memory");
  } catch (const std::exception& error) {
    outcome.failed = true;
    outcome.kind = ErrorKind::Internal;
    std::cerr << "declx: " << path << ": internal error: " << error.what() << '\n';
    outcome.record = error_record(path, to_string(ErrorKind::Internal), error.what());
  }
  return outcome;
}

int run_extract(const ExtractArguments& arguments) {
  silence_poppler();
  Patterns patterns;
  std::string dir =
      arguments.patterns_dir.empty() ? default_patterns_dir() : arguments.patterns_dir;
  try {
    patterns = Patterns::load(dir);
  } catch (const std::exception& error) {
    std::cerr << "declx: patterns: " << error.what() << '\n';
    return exit_code(ErrorKind::Usage);
  }
  std::ofstream file;
  std::ostream* out = &std::cout;
  if (!arguments.output.empty()) {
    file.open(arguments.output, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "declx: " << arguments.output << ": cannot open for writing\n";
      return exit_code(ErrorKind::Unreadable);
    }
    out = &file;
  }
  const bool indented = !arguments.jsonl && arguments.paths.size() == 1 &&
                        arguments.output.empty() && isatty(STDOUT_FILENO);
  std::unique_ptr<OcrEngine> reread_engine;
  int failures = 0;
  ErrorKind last_kind = ErrorKind::Internal;
  for (const std::string& path : arguments.paths) {
    Outcome outcome = extract_file(path, patterns, arguments, reread_engine);
    if (outcome.failed) {
      ++failures;
      last_kind = outcome.kind;
    }
    nlohmann::json json = to_json(outcome.record, arguments.explain);
    *out << dump_json(json, indented ? 2 : -1) << '\n';
    out->flush();
  }
  if (failures == 0) return 0;
  if (arguments.paths.size() == 1) return exit_code(last_kind);
  return kExitSomeFailed;
}

}  // namespace

void register_extract_command(CLI::App& app, CommandResult& result) {
  auto arguments = std::make_shared<ExtractArguments>();
  CLI::App* command =
      app.add_subcommand("extract", "Extract declaration records (JSON) from PDFs and images");
  command->add_option("FILE", arguments->paths, "PDF or image files")->required();
  command->add_flag("--jsonl", arguments->jsonl, "One JSON object per line, even for one file");
  command->add_option("-o,--output", arguments->output,
                      "Write records to this file instead of stdout");
  command->add_flag("--explain", arguments->explain,
                    "Show per field which box and rule produced it, or why it is empty");
  command->add_option("--patterns", arguments->patterns_dir,
                      "Directory of label/lexicon/pattern files (default: bundled patterns/)");
  command->add_flag("--from-json", arguments->from_json,
                    "FILEs are page models saved by `declx text --json` (no reading, no OCR)");
  command->add_flag("!--no-reread", arguments->options.reread_boxes,
                    "Never OCR a weak box a second time (by default an OCR'd box left empty or "
                    "unreadable is read again on its own)");
  command
      ->add_flag("--reread", arguments->reread,
                 "With --from-json: re-open the source file named in the page model to read "
                 "weak boxes again")
      ->excludes("--no-reread");
  command->add_option("--lang", arguments->options.lang, "Tesseract languages")
      ->capture_default_str();
  command->add_option("--dpi", arguments->options.dpi, "Resolution for rendering PDF pages for OCR")
      ->capture_default_str()
      ->check(CLI::Range(50, 1200));
  command->add_option("--jobs", arguments->options.jobs, "OCR worker threads per document")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  command->add_option("--max-pages", arguments->options.max_pages, "Refuse longer documents")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_option("--tessdata", arguments->options.tessdata_dir,
                      "Directory of Tesseract .traineddata files");
  command->add_flag("--force-ocr", arguments->options.force_ocr,
                    "OCR every page, even with a healthy text layer");
  command->callback([arguments, &result] { result.exit_code = run_extract(*arguments); });
}

}  // namespace declx::cli
