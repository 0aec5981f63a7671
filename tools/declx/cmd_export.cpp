// `declx export --db FILE --format jsonl|csv [-o FILE]`: records out of an ingest database.
#include <cstdio>
#include <memory>
#include <string>

#include "readers/errors.h"
#include "store/export.h"
#include "store/schema.h"
#include "tools/declx/commands.h"

namespace declx::cli {
namespace {

struct ExportArguments {
  std::string db_path, format = "jsonl", output;
  bool include_failed = false, no_bom = false;
};

int run_export(const ExportArguments& arguments) {
  std::FILE* out = stdout;
  try {
    store::Database db(arguments.db_path, store::Database::Mode::ReadOnly);
    store::check_schema(db);
    if (!arguments.output.empty()) {
      out = std::fopen(arguments.output.c_str(), "wb");
      if (!out) {
        std::perror(("declx: " + arguments.output).c_str());
        return exit_code(ErrorKind::Unreadable);
      }
    }
    store::ExportOptions options;
    options.include_failed = arguments.include_failed;
    options.byte_order_mark = !arguments.no_bom;
    if (arguments.format == "csv")
      store::export_csv(db, out, options);
    else
      store::export_jsonl(db, out, options);
    bool ok = std::fflush(out) == 0 && !std::ferror(out);
    if (out != stdout) ok = std::fclose(out) == 0 && ok;
    if (!ok) {
      std::fprintf(stderr, "declx: export: write error\n");
      return exit_code(ErrorKind::Unreadable);
    }
    return 0;
  } catch (const std::exception& error) {
    if (out && out != stdout) std::fclose(out);
    std::fprintf(stderr, "declx: %s: %s\n", arguments.db_path.c_str(), error.what());
    return exit_code(ErrorKind::Unreadable);
  }
}

}  // namespace

void register_export_command(CLI::App& app, CommandResult& result) {
  auto arguments = std::make_shared<ExportArguments>();
  CLI::App* command = app.add_subcommand(
      "export", "Write the records of an ingest database as JSON Lines or CSV (one row per item)");
  command->add_option("--db", arguments->db_path, "SQLite database made by declx ingest")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--format", arguments->format, "jsonl or csv")
      ->capture_default_str()
      ->check(CLI::IsMember({"jsonl", "csv"}));
  command->add_option("--output,-o", arguments->output, "Output file (default: stdout)");
  command->add_flag("--include-failed", arguments->include_failed,
                    "Also export failed documents (error records / rows with the error)");
  command->add_flag("--no-bom", arguments->no_bom,
                    "CSV: omit the UTF-8 byte order mark (kept by default for Excel)");
  command->callback([arguments, &result] { result.exit_code = run_export(*arguments); });
}

}  // namespace declx::cli
