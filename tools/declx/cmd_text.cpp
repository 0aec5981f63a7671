// `declx text FILE`: the page model of one document, as reading-order text or JSON.
#include <cstdio>
#include <iostream>
#include <memory>
#include <new>
#include <string>

#include "readers/document_source.h"
#include "readers/errors.h"
#include "readers/page_model_json.h"
#include "readers/read_document.h"
#include "tools/declx/commands.h"

namespace declx::cli {
namespace {

struct TextArguments {
  std::string path;
  bool json = false;
  ReadOptions options;
};

void print_text(const Document& document) {
  const size_t total = document.pages.size();
  for (const Page& page : document.pages) {
    std::printf("=== page %d/%zu | %s | %s", page.number, total, to_string(page.source),
                page.reason.c_str());
    if (page.source == PageSource::Ocr) {
      std::printf(" | mean OCR confidence %.2f", page.mean_confidence);
    }
    std::printf(" ===\n%s\n", page_text(page).c_str());
  }
}

int run_text(const TextArguments& arguments) {
  silence_poppler();
  try {
    Document document = read_document(arguments.path, arguments.options);
    if (arguments.json) {
      std::cout << dump_json(to_json(document), 2) << '\n';
    } else {
      print_text(document);
    }
    std::fflush(stdout);
    return 0;
  } catch (const ReadError& error) {
    ReadError named =
        error.path().empty() ? ReadError(error.kind(), arguments.path, error.what()) : error;
    std::cerr << named.message() << '\n';
    return exit_code(named.kind());
  } catch (const std::bad_alloc&) {
    std::cerr << "declx: " << arguments.path << ": too large: out of memory\n";
    return exit_code(ErrorKind::TooLarge);
  } catch (const std::exception& error) {
    std::cerr << "declx: " << arguments.path << ": internal error: " << error.what() << '\n';
    return exit_code(ErrorKind::Internal);
  }
}

}  // namespace

void register_text_command(CLI::App& app, CommandResult& result) {
  auto arguments = std::make_shared<TextArguments>();
  CLI::App* command = app.add_subcommand(
      "text", "Print the words of a PDF or image, page by page (text layer or OCR)");
  command->add_option("FILE", arguments->path, "PDF or image file")->required();
  command->add_flag("--json", arguments->json, "Print the full page model as JSON");
  command->add_option("--lang", arguments->options.lang, "Tesseract languages")
      ->capture_default_str();
  command->add_option("--dpi", arguments->options.dpi, "Resolution for rendering PDF pages")
      ->capture_default_str()
      ->check(CLI::Range(50, 1200));
  command->add_option("--max-pages", arguments->options.max_pages, "Refuse longer documents")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command
      ->add_option("--max-pixels", arguments->options.max_pixels,
                   "Refuse page images with more pixels")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_option("--jobs", arguments->options.jobs, "OCR worker threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  command->add_option("--tessdata", arguments->options.tessdata_dir,
                      "Directory of Tesseract .traineddata files");
  command->add_flag("--force-ocr", arguments->options.force_ocr,
                    "OCR every page, even with a healthy text layer");
  command->callback([arguments, &result] { result.exit_code = run_text(*arguments); });
}

}  // namespace declx::cli
