// `declx extract` as a user runs it: exit codes, stdout records, stderr messages.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

extern char** environ;

namespace {

struct Run {
  int status = -1;
  std::string out, err;
};

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Runs declx with an argv list (no shell), capturing stdout and stderr through files.
Run run_declx(const std::vector<std::string>& arguments) {
  auto dir = std::filesystem::temp_directory_path();
  auto out_path = dir / ("declx_extract_cli_" + std::to_string(getpid()) + ".out");
  auto err_path = dir / ("declx_extract_cli_" + std::to_string(getpid()) + ".err");
  std::vector<std::string> argv = {DECLX_BINARY_PATH};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  std::vector<char*> args;
  for (auto& arg : argv) args.push_back(arg.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  Run run;
  pid_t pid = 0;
  if (posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ) == 0) {
    int status = 0;
    waitpid(pid, &status, 0);
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  posix_spawn_file_actions_destroy(&actions);
  run.out = slurp(out_path);
  run.err = slurp(err_path);
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  return run;
}

std::vector<nlohmann::json> lines(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  return out;
}

const std::string kSample =
    std::string(DECLX_SOURCE_DIR) + "/samples/sample0001-broker-born-digital.pdf";

}  // namespace

TEST_CASE("extract prints one JSON line per file and exits 0", "[cli][extract]") {
  Run run = run_declx({"extract", kSample, "--jsonl"});
  REQUIRE(run.status == 0);
  auto records = lines(run.out);
  REQUIRE(records.size() == 1);
  CHECK(records[0]["schema"] == "declx.record/1");
  CHECK(records[0]["document_type"] == "declaration");
  CHECK(records[0]["source"]["sha256"].get<std::string>().size() == 64);
  CHECK(records[0]["source"]["page_sources"][0]["source"] == "text-layer");
  CHECK(records[0]["declaration_number"]["value"].is_string());
  CHECK_FALSE(records[0]["items"].empty());
  CHECK(run.err.empty());
}

TEST_CASE("extract --explain says which box produced a field, -o writes a file", "[cli][extract]") {
  auto output = std::filesystem::temp_directory_path() / "declx_extract_cli_o.jsonl";
  Run run = run_declx({"extract", kSample, "--explain", "-o", output.string()});
  REQUIRE(run.status == 0);
  CHECK(run.out.empty());
  auto records = lines(slurp(output));
  REQUIRE(records.size() == 1);
  CHECK(records[0]["direction"]["explain"]["box"] == "1");
  CHECK_FALSE(records[0]["explain"]["labels"].empty());
  // an absent field explains itself
  CHECK(records[0]["consignor"]["inn"]["explain"]["why_empty"].get<std::string>().find("ИНН") !=
        std::string::npos);
  std::filesystem::remove(output);
}

TEST_CASE("a missing file: error record, one stderr line, its own exit code", "[cli][extract]") {
  Run run = run_declx({"extract", "/nonexistent/scan.pdf", "--jsonl"});
  CHECK(run.status == 3);  // ErrorKind::Unreadable
  auto records = lines(run.out);
  REQUIRE(records.size() == 1);
  CHECK(records[0]["document_type"] == "unknown");
  CHECK(records[0]["errors"][0].get<std::string>().rfind("unreadable:", 0) == 0);
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  CHECK(run.err.find("/nonexistent/scan.pdf") != std::string::npos);
}

TEST_CASE("several files with one failing: every record printed, exit 1", "[cli][extract]") {
  Run run = run_declx({"extract", kSample, "/nonexistent/scan.pdf"});
  CHECK(run.status == 1);
  auto records = lines(run.out);
  REQUIRE(records.size() == 2);
  CHECK(records[0]["document_type"] == "declaration");
  CHECK(records[1]["errors"].size() == 1);
}

TEST_CASE("usage errors exit 2, bad patterns are a usage error", "[cli][extract]") {
  CHECK(run_declx({"extract"}).status == 2);
  CHECK(run_declx({"extract", kSample, "--no-such-option"}).status == 2);
  Run run = run_declx({"extract", kSample, "--patterns", "/nonexistent/patterns"});
  CHECK(run.status == 2);
  CHECK(run.err.find("labels.tsv") != std::string::npos);
}

TEST_CASE("extract with reread on a page model whose scan is gone warns and prints the record",
          "[cli][extract][reread]") {
  // An OCR'd item whose box 35 value was read as ",", from a scan that no longer exists.
  auto word = [](const std::string& text, double x, double y) {
    return nlohmann::json{{"text", text},
                          {"bbox", {x, y, x + 4.0 * static_cast<double>(text.size()), y + 6}},
                          {"confidence", 0.9},
                          {"source", "ocr"}};
  };
  nlohmann::json caption = nlohmann::json::array(
      {word("35", 370, 120), word("Вес", 380, 120), word("брутто", 395, 120)});
  nlohmann::json value = nlohmann::json::array({word(",", 372, 128)});
  nlohmann::json page = {{"number", 1},
                         {"width", 595},
                         {"height", 842},
                         {"source", "ocr"},
                         {"reason", "image file"},
                         {"mean_confidence", 0.9},
                         {"blocks",
                          {{{"bbox", {370, 120, 430, 134}},
                            {"lines",
                             {{{"bbox", {370, 120, 430, 126}}, {"words", caption}},
                              {{"bbox", {372, 128, 376, 134}}, {"words", value}}}}}}}};
  nlohmann::json model = {
      {"path", "/nonexistent/declx-gone.tif"}, {"media_type", "image/tiff"}, {"pages", {page}}};
  auto path = std::filesystem::temp_directory_path() /
              ("declx_reread_" + std::to_string(getpid()) + ".json");
  std::ofstream(path) << model.dump();

  Run run = run_declx({"extract", "--from-json", "--reread", path.string()});
  CHECK(run.status == 0);
  CHECK(run.err.find("weak boxes not read again: /nonexistent/declx-gone.tif") !=
        std::string::npos);
  auto records = lines(run.out);
  REQUIRE(records.size() == 1);
  CHECK(records[0]["warnings"].dump().find("weak boxes not read again") != std::string::npos);
  // Without --reread a page model is extracted as it is: no attempt, no warning.
  run = run_declx({"extract", "--from-json", path.string()});
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  CHECK(run_declx({"extract", "--from-json", "--reread", "--no-reread", path.string()}).status ==
        2);
  // A file that is there but is not the one the page model was read from (other page size):
  // not mixed in.
  model["path"] = std::string(DECLX_SOURCE_DIR) + "/tests/data/scan.png";
  std::ofstream(path) << model.dump();
  run = run_declx({"extract", "--from-json", "--reread", path.string()});
  CHECK(run.status == 0);
  CHECK(run.err.find("scan.png: changed since it was read") != std::string::npos);
  std::filesystem::remove(path);
}
