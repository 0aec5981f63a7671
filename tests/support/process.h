// Runs programs from tests with an argv list, never a shell: the declx binary under test
// (DECLX_BINARY_PATH), the schema validator.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace declx::test {

// Starts `argv` with stdin from /dev/null and stdout / stderr written to the given files
// (inherited when a path is empty). The environment is ours without the worker's test hooks
// (DECLX_TEST_*), plus `env` ("NAME=value"). Returns the pid, or -1 when it cannot start.
inline pid_t spawn_process(const std::vector<std::string>& argv, const std::string& out_path,
                           const std::string& err_path, const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv_strings = argv;
  std::vector<char*> args;
  for (std::string& arg : argv_strings) args.push_back(arg.data());
  args.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    std::string entry = *e;
    if (entry.rfind("DECLX_TEST_", 0) != 0) env_strings.push_back(entry);
  }
  env_strings.insert(env_strings.end(), env.begin(), env.end());
  std::vector<char*> envp;
  for (std::string& entry : env_strings) envp.push_back(entry.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  if (!out_path.empty())
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
  if (!err_path.empty())
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

// The exit code of `pid`, 128 + the signal when one killed it, -1 when it cannot be waited for.
inline int wait_exit_code(pid_t pid) {
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid) return -1;
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

// Runs `argv` to the end; output goes where ours goes.
inline int run_process(const std::vector<std::string>& argv) {
  return wait_exit_code(spawn_process(argv, "", ""));
}

// The same with stdout and stderr written to files.
inline int run_process_to(const std::vector<std::string>& argv, const std::string& out_path,
                          const std::string& err_path) {
  return wait_exit_code(spawn_process(argv, out_path, err_path));
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct ProcessResult {
  int exit_code = -1;
  std::string out, err;
};

// Runs declx with `arguments`, capturing stdout and stderr (through temporary files). A
// failing test shows declx's stderr.
inline ProcessResult run_declx(const std::vector<std::string>& arguments,
                               const std::vector<std::string>& env = {}) {
  char out_name[] = "/tmp/declx-test-out-XXXXXX";
  char err_name[] = "/tmp/declx-test-err-XXXXXX";
  int out_fd = mkstemp(out_name);
  int err_fd = mkstemp(err_name);
  REQUIRE(out_fd >= 0);
  REQUIRE(err_fd >= 0);
  close(out_fd);
  close(err_fd);
  std::vector<std::string> argv = {DECLX_BINARY_PATH};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  ProcessResult result;
  result.exit_code = wait_exit_code(spawn_process(argv, out_name, err_name, env));
  result.out = slurp(out_name);
  result.err = slurp(err_name);
  unlink(out_name);
  unlink(err_name);
  UNSCOPED_INFO("declx stderr: " << result.err);
  return result;
}

// Validates a record file (JSON or JSON Lines) against schema/record.schema.json.
inline int validate_against_schema(const std::string& path) {
  return run_process({"/usr/bin/python3",
                      std::string(DECLX_SOURCE_DIR) + "/tools/validate_record.py",
                      std::string(DECLX_SOURCE_DIR) + "/schema/record.schema.json", path});
}

}  // namespace declx::test
