// `declx extract` as a user runs it: exit codes, stdout records, stderr messages.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/process.h"

using declx::test::run_declx;
using declx::test::slurp;

namespace {

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
  auto run = run_declx({"extract", kSample, "--jsonl"});
  REQUIRE(run.exit_code == 0);
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
  auto run = run_declx({"extract", kSample, "--explain", "-o", output.string()});
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.empty());
  auto records = lines(slurp(output.string()));
  REQUIRE(records.size() == 1);
  CHECK(records[0]["direction"]["explain"]["box"] == "1");
  CHECK_FALSE(records[0]["explain"]["labels"].empty());
  // an absent field explains itself
  CHECK(records[0]["consignor"]["inn"]["explain"]["why_empty"].get<std::string>().find("ИНН") !=
        std::string::npos);
  std::filesystem::remove(output);
}

TEST_CASE("a missing file: error record, one stderr line, its own exit code", "[cli][extract]") {
  auto run = run_declx({"extract", "/nonexistent/scan.pdf", "--jsonl"});
  CHECK(run.exit_code == 3);  // ErrorKind::Unreadable
  auto records = lines(run.out);
  REQUIRE(records.size() == 1);
  CHECK(records[0]["document_type"] == "unknown");
  CHECK(records[0]["errors"][0].get<std::string>().rfind("unreadable:", 0) == 0);
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  CHECK(run.err.find("/nonexistent/scan.pdf") != std::string::npos);
}

TEST_CASE("several files with one failing: every record printed, exit 1", "[cli][extract]") {
  auto run = run_declx({"extract", kSample, "/nonexistent/scan.pdf"});
  CHECK(run.exit_code == 1);
  auto records = lines(run.out);
  REQUIRE(records.size() == 2);
  CHECK(records[0]["document_type"] == "declaration");
  CHECK(records[1]["errors"].size() == 1);
}

TEST_CASE("usage errors exit 2, bad patterns are a usage error", "[cli][extract]") {
  CHECK(run_declx({"extract"}).exit_code == 2);
  CHECK(run_declx({"extract", kSample, "--no-such-option"}).exit_code == 2);
  auto run = run_declx({"extract", kSample, "--patterns", "/nonexistent/patterns"});
  CHECK(run.exit_code == 2);
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

  auto run = run_declx({"extract", "--from-json", "--reread", path.string()});
  CHECK(run.exit_code == 0);
  CHECK(run.err.find("weak boxes not read again: /nonexistent/declx-gone.tif") !=
        std::string::npos);
  auto records = lines(run.out);
  REQUIRE(records.size() == 1);
  CHECK(records[0]["warnings"].dump().find("weak boxes not read again") != std::string::npos);
  // Without --reread a page model is extracted as it is: no attempt, no warning.
  run = run_declx({"extract", "--from-json", path.string()});
  CHECK(run.exit_code == 0);
  CHECK(run.err.empty());
  CHECK(run_declx({"extract", "--from-json", "--reread", "--no-reread", path.string()}).exit_code ==
        2);
  // A file that is there but is not the one the page model was read from (other page size):
  // not mixed in.
  model["path"] = std::string(DECLX_SOURCE_DIR) + "/tests/data/scan.png";
  std::ofstream(path) << model.dump();
  run = run_declx({"extract", "--from-json", "--reread", path.string()});
  CHECK(run.exit_code == 0);
  CHECK(run.err.find("scan.png: changed since it was read") != std::string::npos);
  std::filesystem::remove(path);
}
