// Subcommands of the declx program. Each lives in its own cmd_<name>.cpp and registers
// itself on the CLI11 app; the callback stores the exit code in `exit_code`.
#pragma once

#include <CLI/CLI.hpp>

namespace declx::cli {

struct CommandResult {
  int exit_code = 0;
};

void register_text_command(CLI::App& app, CommandResult& result);
void register_extract_command(CLI::App& app, CommandResult& result);
void register_ingest_command(CLI::App& app, CommandResult& result);
void register_export_command(CLI::App& app, CommandResult& result);
void register_stats_command(CLI::App& app, CommandResult& result);
// Internal: the worker process `declx ingest` spawns for crash isolation.
void register_worker_command(CLI::App& app, CommandResult& result);

}  // namespace declx::cli
