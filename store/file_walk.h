// Expanding the PATH arguments of `declx ingest` into the list of files to read.
#pragma once

#include <string>
#include <vector>

namespace declx::store {

struct WalkResult {
  std::vector<std::string> files;  // absolute, normalised, sorted, without repeats
  // Arguments or directory entries that could not be walked: {path, reason}.
  std::vector<std::pair<std::string, std::string>> errors;
};

// Files named directly are taken whatever their name. Directories are walked recursively
// in sorted order; inside them, hidden entries (".name") are skipped, symbolic links to
// files are followed but links to directories are not (so a link loop cannot recur), and
// unreadable subdirectories are reported in `errors`. Paths listed in `exclude` (the
// database and its -wal/-shm/-journal files, the JSON log) are never returned.
// Files inside walked directories whose name matches one of `exclude_names` (fnmatch(3)
// shell patterns such as "*.json") are skipped too; files named directly never are.
WalkResult collect_input_files(const std::vector<std::string>& arguments,
                               const std::vector<std::string>& exclude,
                               const std::vector<std::string>& exclude_names = {});

// absolute(path).lexically_normal() as a string: how a path is stored.
std::string normalised_absolute(const std::string& path);

}  // namespace declx::store
