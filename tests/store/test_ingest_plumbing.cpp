// The pieces under `declx ingest`: message framing over pipes, the folder walk, hashing.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <thread>

#include "readers/errors.h"
#include "store/file_hash.h"
#include "store/file_walk.h"
#include "store/message_channel.h"
#include "tests/store/store_test_util.h"
#include "tests/store/tiny_pdf.h"

using declx::test::ScratchDir;
using declx::test::write_file;
using nlohmann::json;

TEST_CASE("messages cross a pipe whole, however the bytes are chunked") {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  json small = {{"type", "at"}, {"page", 3}, {"text", "Получатель \"ООО\"\n"}};
  json big = {{"type", "page"}, {"blob", std::string(300000, 'x')}};
  std::thread writer([&] {
    CHECK(declx::store::write_message(fds[1], small));
    CHECK(declx::store::write_message(fds[1], big));
    close(fds[1]);
  });
  fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
  declx::store::MessageReader reader;
  std::vector<json> received;
  for (;;) {
    auto status = reader.read_available(fds[0]);
    while (auto message = reader.next()) received.push_back(*message);
    if (status == declx::store::MessageReader::Status::Closed) break;
    usleep(1000);
  }
  writer.join();
  close(fds[0]);
  REQUIRE(received.size() == 2);
  CHECK(received[0] == small);
  CHECK(received[1] == big);
}

TEST_CASE("blocking read_message reads frames and reports end of stream") {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  REQUIRE(declx::store::write_message(fds[1], {{"a", 1}}));
  close(fds[1]);
  auto first = declx::store::read_message(fds[0]);
  REQUIRE(first);
  CHECK((*first)["a"] == 1);
  CHECK_FALSE(declx::store::read_message(fds[0]));
  close(fds[0]);
}

TEST_CASE("a frame announcing an absurd length is rejected") {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const unsigned char header[] = {0xFF, 0xFF, 0xFF, 0xFF};
  REQUIRE(write(fds[1], header, 4) == 4);
  close(fds[1]);
  CHECK_THROWS(declx::store::read_message(fds[0]));
  close(fds[0]);
}

TEST_CASE("SHA-256 of a file's bytes, directories and FIFOs are unreadable, not hangs") {
  ScratchDir dir;
  write_file(dir / "abc", "abc");
  write_file(dir / "empty", "");
  auto abc = declx::store::hash_file(dir / "abc");
  CHECK(abc.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(abc.size == 3);
  CHECK(declx::store::hash_file(dir / "empty").sha256 ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  std::string big(3 << 20, 'q');
  write_file(dir / "big", big);
  auto big_digest = declx::store::hash_file(dir / "big");
  CHECK(big_digest.size == static_cast<std::int64_t>(big.size()));
  CHECK(big_digest.sha256 != abc.sha256);

  REQUIRE(mkfifo((dir / "fifo").c_str(), 0600) == 0);
  try {
    declx::store::hash_file(dir / "fifo");
    FAIL("no exception");
  } catch (const declx::ReadError& error) {
    CHECK(error.kind() == declx::ErrorKind::Unreadable);
  }
  CHECK_THROWS_AS(declx::store::hash_file(dir.path()), declx::ReadError);
  CHECK_THROWS_AS(declx::store::hash_file(dir / "missing"), declx::ReadError);
}

TEST_CASE("the walk is recursive, sorted, skips hidden entries, the database and link loops") {
  ScratchDir dir;
  namespace fs = std::filesystem;
  fs::create_directories(dir / "in/b/deeper");
  fs::create_directories(dir / "in/.hidden");
  write_file(dir / "in/b/deeper/z.pdf", "1");
  write_file(dir / "in/b/a.pdf", "2");
  write_file(dir / "in/c.tif", "3");
  write_file(dir / "in/.DS_Store", "4");
  write_file(dir / "in/.hidden/x.pdf", "5");
  write_file(dir / "in/db.sqlite", "6");
  write_file(dir / "in/db.sqlite-wal", "7");
  fs::create_directory_symlink(dir / "in", dir / "in/b/loop");  // a loop
  fs::create_symlink(dir / "in/c.tif", dir / "in/d-link.tif");  // a link to a file: followed
  fs::create_symlink(dir / "nowhere", dir / "in/e-broken.pdf");
  write_file(dir / "single.jpg", "8");

  auto result = declx::store::collect_input_files({dir / "in", dir / "single.jpg", dir / "missing"},
                                                  {dir / "in/db.sqlite", dir / "in/db.sqlite-wal"});
  std::vector<std::string> expected = {dir / "in/b/a.pdf", dir / "in/b/deeper/z.pdf",
                                       dir / "in/c.tif", dir / "in/d-link.tif", dir / "single.jpg"};
  CHECK(result.files == expected);
  REQUIRE(result.errors.size() == 2);
  std::vector<std::string> error_paths = {result.errors[0].first, result.errors[1].first};
  std::sort(error_paths.begin(), error_paths.end());
  CHECK(error_paths[0] == dir / "in/e-broken.pdf");
  CHECK(error_paths[1] == dir / "missing");
}

TEST_CASE("paths are stored absolute and normalised") {
  CHECK(declx::store::normalised_absolute("/a/./b/../c.pdf") == "/a/c.pdf");
  std::string relative = declx::store::normalised_absolute("x/y.pdf");
  CHECK(relative.front() == '/');
  CHECK(relative.size() > 8);
  CHECK(relative.substr(relative.size() - 8) == "/x/y.pdf");
}

TEST_CASE("ingest --exclude patterns skip matching names inside folders, never named files") {
  ScratchDir dir;
  std::filesystem::create_directories(dir / "in/sub");
  write_file(dir / "in/a.pdf", "1");
  write_file(dir / "in/a.truth.json", "2");
  write_file(dir / "in/sub/README.md", "3");
  write_file(dir / "named.json", "4");
  auto result =
      declx::store::collect_input_files({dir / "in", dir / "named.json"}, {}, {"*.json", "*.md"});
  std::vector<std::string> expected = {dir / "in/a.pdf", dir / "named.json"};
  CHECK(result.files == expected);
  CHECK(result.errors.empty());
}
