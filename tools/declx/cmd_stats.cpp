// `declx stats --db FILE`: counts over an ingest database (store/stats.h).
#include <cstdio>
#include <memory>
#include <string>

#include "readers/errors.h"
#include "readers/page_model_json.h"
#include "store/schema.h"
#include "store/stats.h"
#include "tools/declx/commands.h"

namespace declx::cli {
namespace {

struct StatsArguments {
  std::string db_path;
  bool json = false;
  int top = 20;
};

int run_stats(const StatsArguments& arguments) {
  try {
    store::Database db(arguments.db_path, store::Database::Mode::ReadOnly);
    store::check_schema(db);
    nlohmann::json stats = store::collect_stats(db, arguments.top);
    std::string text = arguments.json ? dump_json(stats, 2) + "\n" : store::format_stats(stats);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "declx: %s: %s\n", arguments.db_path.c_str(), error.what());
    return exit_code(ErrorKind::Unreadable);
  }
}

}  // namespace

void register_stats_command(CLI::App& app, CommandResult& result) {
  auto arguments = std::make_shared<StatsArguments>();
  CLI::App* command = app.add_subcommand(
      "stats", "Counts over an ingest database: status, consignees, HS-6, CHPL tier, military use");
  command->add_option("--db", arguments->db_path, "SQLite database made by declx ingest")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_flag("--json", arguments->json, "Print the figures as JSON");
  command->add_option("--top", arguments->top, "Entries per list")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->callback([arguments, &result] { result.exit_code = run_stats(*arguments); });
}

}  // namespace declx::cli
