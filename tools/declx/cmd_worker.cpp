// `declx worker`: hidden. The process `declx ingest` spawns for crash isolation; it reads
// tasks on stdin and answers on fd 3 (store/ingest_worker.h). Not for people to run.
#include <memory>

#include "store/ingest_worker.h"
#include "tools/declx/commands.h"

namespace declx::cli {

void register_worker_command(CLI::App& app, CommandResult& result) {
  auto config = std::make_shared<store::WorkerConfig>();
  CLI::App* command = app.add_subcommand("worker", "");  // empty description: hidden
  command->group("");
  command->add_option("--lang", config->read.lang);
  command->add_option("--dpi", config->read.dpi);
  command->add_option("--max-pages", config->read.max_pages);
  command->add_option("--max-pixels", config->read.max_pixels);
  command->add_option("--tessdata", config->read.tessdata_dir);
  command->add_flag("--force-ocr", config->read.force_ocr);
  command->add_flag("!--no-reread", config->read.reread_boxes);
  command->add_option("--patterns", config->patterns_dir);
  command->callback([config, &result] {
    config->read.jobs = 1;
    result.exit_code = store::run_worker(/*in_fd=*/0, /*out_fd=*/3, *config);
  });
}

}  // namespace declx::cli
