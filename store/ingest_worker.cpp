#include "store/ingest_worker.h"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <optional>

#include "extractors/extract.h"
#include "extractors/record.h"
#include "readers/document_source.h"
#include "readers/errors.h"
#include "readers/ocr_engine.h"
#include "readers/page_model_json.h"
#include "readers/read_document.h"
#include "readers/region_reader.h"
#include "store/message_channel.h"

namespace declx::store {

using nlohmann::json;

std::string error_kind_key(int error_kind) {
  // The database key is the kind's name as a single word: "too large" → "too_large";
  // "internal error" is stored as plain "internal".
  auto kind = static_cast<ErrorKind>(error_kind);
  if (kind == ErrorKind::Internal) return "internal";
  std::string key = to_string(kind);
  if (key == "error") return "internal";  // not a known kind
  for (char& c : key)
    if (c == ' ') c = '_';
  return key;
}

namespace {

// The test-only fault injection described in the header.
void maybe_inject_fault(const std::string& path) {
  auto matches = [&](const char* variable) {
    const char* value = std::getenv(variable);
    return value && *value && path.find(value) != std::string::npos;
  };
  if (matches("DECLX_TEST_CRASH_ON")) raise(SIGSEGV);
  if (matches("DECLX_TEST_ABORT_ON")) std::abort();
  if (const char* delay = std::getenv("DECLX_TEST_DELAY_MS"); delay && *delay)
    usleep(static_cast<useconds_t>(std::atoi(delay)) * 1000);
  if (matches("DECLX_TEST_HANG_ON"))
    for (;;) pause();
}

class Worker {
 public:
  Worker(int out_fd, const WorkerConfig& config) : out_fd_(out_fd), config_(config) {}

  // Loads the patterns before the first task arrives, while the supervisor is still
  // hashing files. A failure here is left for the first extraction to report.
  void warm_up() {
    try {
      patterns_ = Patterns::load(config_.patterns_dir);
    } catch (const std::exception&) {
    }
  }

  json handle(const json& task) {
    const std::string type = task.at("type").get<std::string>();
    if (type == "analyse") return analyse(task);
    if (type == "ocr") return ocr(task);
    if (type == "extract") {
      Document document = document_from_json(task.at("document"));
      return {{"type", "record"}, {"record", make_record(document, task.value("sha256", ""))}};
    }
    throw std::runtime_error("unknown task type " + type);
  }

 private:
  DocumentSource& source_for(const std::string& path) {
    if (!source_ || source_path_ != path) {
      source_.reset();
      source_ = DocumentSource::open(path, config_.read);
      source_path_ = path;
    }
    return *source_;
  }

  json analyse(const json& task) {
    const std::string path = path_from(task);
    source_.reset();  // a fresh open: the file may have changed since a previous task
    DocumentSource& source = source_for(path);
    Document document;
    document.path = path;
    document.media_type = media_type_name(source.media_type());
    json ocr_pages = json::array();
    json healthy_pages = json::array();
    for (int number = 1; number <= source.page_count(); ++number) {
      write_message(out_fd_, {{"type", "at"}, {"doc", task.at("doc")}, {"page", number}});
      if (number == 1) maybe_inject_fault(path);
      PageAnalysis analysis = source.analyse_page(number);
      if (analysis.needs_ocr) {
        ocr_pages.push_back(number);
      } else {
        document.pages.push_back(std::move(analysis.page));
      }
    }
    if (ocr_pages.empty()) {
      return {{"type", "record"},
              {"record", make_record(document, task.value("sha256", ""))},
              {"pages", source.page_count()},
              {"ocr_pages", 0},
              {"media_type", document.media_type}};
    }
    for (const Page& page : document.pages) healthy_pages.push_back(to_json(page));
    return {{"type", "analysed"},
            {"page_count", source.page_count()},
            {"media_type", document.media_type},
            {"pages", std::move(healthy_pages)},
            {"ocr", std::move(ocr_pages)}};
  }

  json ocr(const json& task) {
    const std::string path = path_from(task);
    int number = task.at("page").get<int>();
    write_message(out_fd_, {{"type", "at"}, {"doc", task.at("doc")}, {"page", number}});
    maybe_inject_fault(path);
    DocumentSource& source = source_for(path);
    if (!engine_) engine_ = std::make_unique<OcrEngine>(config_.read);
    Page page = read_page(source, number, *engine_);
    return {{"type", "page"}, {"page", to_json(page)}};
  }

  json make_record(const Document& document, const std::string& sha256) {
    if (!patterns_) patterns_ = Patterns::load(config_.patterns_dir);
    // Weak boxes of OCR'd pages are read again from the file, with this worker's engine.
    RegionReader regions(document, config_.read, [this]() -> OcrEngine& {
      if (!engine_) engine_ = std::make_unique<OcrEngine>(config_.read);
      return *engine_;
    });
    ExtractOptions options;
    if (config_.read.reread_boxes) options.reread_region = regions.callback();
    Record record = extract_record(document, *patterns_, options);
    if (!regions.error().empty())
      record.warnings.push_back("weak boxes not read again: " + regions.error());
    fill_source_from_document(record, document);
    record.source.sha256 = sha256;
    return to_json(record);
  }

  int out_fd_;
  const WorkerConfig& config_;
  std::unique_ptr<DocumentSource> source_;
  std::string source_path_;
  std::unique_ptr<OcrEngine> engine_;
  std::optional<Patterns> patterns_;
};

}  // namespace

int run_worker(int in_fd, int out_fd, const WorkerConfig& config) {
  // Die with the supervisor, even when it is SIGKILLed; then check it did not die first.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() == 1) return 0;
  signal(SIGPIPE, SIG_IGN);
  silence_poppler();

  Worker worker(out_fd, config);
  worker.warm_up();
  for (;;) {
    std::optional<json> task;
    try {
      task = read_message(in_fd);
    } catch (const std::exception&) {
      return exit_code(ErrorKind::Internal);
    }
    if (!task) return 0;  // the supervisor closed the pipe: the batch is over
    json reply;
    try {
      reply = worker.handle(*task);
    } catch (const ReadError& error) {
      reply = {{"type", "error"},
               {"kind", error_kind_key(static_cast<int>(error.kind()))},
               {"message", error.what()}};
    } catch (const std::exception& error) {
      reply = {{"type", "error"}, {"kind", "internal"}, {"message", error.what()}};
    }
    reply["doc"] = task->value("doc", json());
    if (!write_message(out_fd, reply)) return 0;
  }
}

}  // namespace declx::store
