#include "store/file_walk.h"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

namespace declx::store {

namespace fs = std::filesystem;

std::string normalised_absolute(const std::string& path) {
  std::error_code error;
  fs::path absolute = fs::absolute(path, error);
  if (error) return fs::path(path).lexically_normal().string();
  return absolute.lexically_normal().string();
}

WalkResult collect_input_files(const std::vector<std::string>& arguments,
                               const std::vector<std::string>& exclude,
                               const std::vector<std::string>& exclude_names) {
  WalkResult result;
  std::set<std::string> excluded;
  for (const std::string& path : exclude) excluded.insert(normalised_absolute(path));
  std::set<std::string> files;
  auto add = [&](const fs::path& path) {
    std::string normal = normalised_absolute(path.string());
    if (!excluded.count(normal)) files.insert(normal);
  };

  for (const std::string& argument : arguments) {
    std::error_code error;
    fs::file_status status = fs::status(argument, error);
    if (error || !fs::exists(status)) {
      result.errors.emplace_back(normalised_absolute(argument),
                                 error ? error.message() : "No such file or directory");
      continue;
    }
    if (!fs::is_directory(status)) {
      add(argument);
      continue;
    }
    fs::recursive_directory_iterator it(argument, fs::directory_options::none, error);
    if (error) {
      result.errors.emplace_back(normalised_absolute(argument), error.message());
      continue;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
      if (error) {
        result.errors.emplace_back(normalised_absolute(it->path().string()), error.message());
        error.clear();
        continue;
      }
      const fs::directory_entry& entry = *it;
      std::string name = entry.path().filename().string();
      std::error_code entry_error;
      bool is_link = entry.is_symlink(entry_error);
      bool is_directory = entry.is_directory(entry_error);
      if (!name.empty() && name[0] == '.') {
        if (is_directory && !is_link) it.disable_recursion_pending();
        continue;
      }
      if (is_directory) {
        // Not following directory links keeps a link loop from recurring forever.
        if (is_link) it.disable_recursion_pending();
        continue;
      }
      bool excluded_name =
          std::any_of(exclude_names.begin(), exclude_names.end(), [&](const std::string& pattern) {
            return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
          });
      if (excluded_name) continue;
      if (entry.is_regular_file(entry_error)) {
        add(entry.path());
      } else {
        // Broken links, sockets and FIFOs are reported, not silently dropped (and never
        // opened: reading a FIFO could block the batch).
        bool broken_link = is_link && !entry.exists(entry_error);
        result.errors.emplace_back(normalised_absolute(entry.path().string()),
                                   broken_link ? "broken symbolic link" : "not a regular file");
      }
    }
  }
  result.files.assign(files.begin(), files.end());
  return result;
}

}  // namespace declx::store
