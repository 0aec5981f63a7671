#include "normalizers/spelling.h"

#include <hunspell.hxx>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <vector>

namespace declx {

struct Dictionary::Impl {
  Hunspell hunspell;
  std::mutex mutex;  // Hunspell keeps per-call state in the object
  Impl(const std::string& aff, const std::string& dic) : hunspell(aff.c_str(), dic.c_str()) {}
};

Dictionary::Dictionary(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Dictionary::~Dictionary() = default;

std::unique_ptr<Dictionary> Dictionary::load(const std::string& dir, const std::string& name) {
  const std::string aff = dir + "/" + name + ".aff", dic = dir + "/" + name + ".dic";
  std::error_code error;
  if (!std::filesystem::is_regular_file(aff, error) ||
      !std::filesystem::is_regular_file(dic, error))
    return nullptr;
  return std::unique_ptr<Dictionary>(new Dictionary(std::make_unique<Impl>(aff, dic)));
}

const Dictionary* Dictionary::russian() {
  static const std::unique_ptr<Dictionary> dictionary = [] {
    std::vector<std::string> dirs;
    if (const char* path = std::getenv("DICPATH")) {
      std::stringstream in{std::string(path)};
      for (std::string dir; std::getline(in, dir, ':');)
        if (!dir.empty()) dirs.push_back(dir);
    }
    dirs.push_back("/usr/share/hunspell");
    for (const std::string& dir : dirs)
      if (auto loaded = load(dir, "ru_RU")) return loaded;
    return std::unique_ptr<Dictionary>();
  }();
  return dictionary.get();
}

bool Dictionary::known(std::string_view word) const {
  if (word.empty()) return false;
  std::lock_guard lock(impl_->mutex);
  return impl_->hunspell.spell(std::string(word));
}

}  // namespace declx
