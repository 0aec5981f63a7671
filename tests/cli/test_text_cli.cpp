// `declx text` through the real binary: output, error messages and exit codes.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/process.h"

using declx::test::run_declx;

namespace {

std::string data(const std::string& name) {
  return std::string(DECLX_SOURCE_DIR) + "/tests/data/" + name;
}

}  // namespace

TEST_CASE("declx text prints a born-digital PDF from its text layer", "[cli]") {
  auto run = run_declx({"text", data("text.pdf")});
  CHECK(run.exit_code == 0);
  CHECK(run.err.empty());
  CHECK_THAT(run.out, Catch::StartsWith("=== page 1/1 | text-layer | healthy text layer ==="));
  CHECK_THAT(run.out, Catch::Contains("Получатель: ООО Ромашка, ИНН 7701234567"));
}

TEST_CASE("declx text --json gives the page model", "[cli]") {
  auto run = run_declx({"text", "--json", data("text.pdf")});
  REQUIRE(run.exit_code == 0);
  auto json = nlohmann::json::parse(run.out);
  CHECK(json["media_type"] == "application/pdf");
  REQUIRE(json["pages"].size() == 1);
  CHECK(json["pages"][0]["source"] == "text-layer");
  CHECK(json["pages"][0]["blocks"][0]["lines"][0]["words"][0]["text"] == "ДЕКЛАРАЦИЯ");
}

TEST_CASE("bad inputs give one line naming the file and the reason, and a stable code",
          "[cli][errors]") {
  struct Case {
    std::vector<std::string> args;
    std::string path;
    int code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{}, data("empty.pdf"), 5, "corrupt: empty file"},
      {{}, data("truncated.pdf"), 5, "corrupt: truncated PDF"},
      {{}, data("corrupt.pdf"), 5, "corrupt: damaged PDF"},
      {{}, data("encrypted.pdf"), 6, "encrypted: password-protected PDF"},
      {{}, data("huge.png"), 7, "too large: image page 1 has 10000000000 pixels"},
      {{"--max-pixels", "1000"}, data("scan.png"), 7, "(--max-pixels)"},
      {{"--max-pages", "1"}, data("mixed.pdf"), 7, "2 pages, over the limit of 1"},
      {{}, data("no-such-file.pdf"), 3, "unreadable: No such file or directory"},
      {{}, data(""), 3, "unreadable: is a directory"},
      {{}, data("not-a-pdf.pdf"), 4, "unsupported: unsupported file type"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"text"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    args.push_back(c.path);
    auto run = run_declx(args);
    INFO(c.path << " -> " << run.err);
    CHECK(run.exit_code == c.code);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::StartsWith("declx: " + c.path + ": "));
    CHECK_THAT(run.err, Catch::Contains(c.message));
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);  // one line
  }
}

TEST_CASE("a file that cannot be opened for reading is unreadable", "[cli][errors]") {
  if (geteuid() == 0) {
    WARN("running as root: permission checks do not apply, skipped");
    return;
  }
  char name[] = "/tmp/declx-test-noperm-XXXXXX";
  int fd = mkstemp(name);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, "%PDF-1.4\n", 9) == 9);
  close(fd);
  chmod(name, 0);
  auto run = run_declx({"text", name});
  unlink(name);
  CHECK(run.exit_code == 3);
  CHECK_THAT(run.err, Catch::Contains("unreadable: Permission denied"));
}

TEST_CASE("a bad command line is a usage error", "[cli][errors]") {
  CHECK(run_declx({"text"}).exit_code == 2);
  CHECK(run_declx({"text", "--dpi", "nonsense", data("text.pdf")}).exit_code == 2);
  auto run = run_declx({"text", "--lang", "xx-no-such", data("scan.png")});
  CHECK(run.exit_code == 2);
  CHECK_THAT(run.err, Catch::Contains("cannot load Tesseract language data 'xx-no-such'"));
}
