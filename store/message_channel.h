// Messages between `declx ingest` and its worker processes: each one a JSON object
// serialised as UTF-8, preceded by its length as 4 bytes, big-endian, over a pipe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace declx::store {

// Longest message accepted; anything longer means a broken stream (or a peer gone mad).
inline constexpr std::uint32_t kMaxMessageBytes = 512u << 20;

// Writes one whole message to a blocking fd, retrying short writes and EINTR.
// Returns false when the peer is gone (EPIPE) or on another write error.
bool write_message(int fd, const nlohmann::json& message);

// Reads one whole message from a blocking fd. nullopt on end of stream or error.
// Throws std::runtime_error on a malformed frame.
std::optional<nlohmann::json> read_message(int fd);

// File paths travel in messages without loss. A path that is valid UTF-8 goes as "path"; any
// other (a Russian name in cp1251 or cp866 unpacked from an old archive) goes byte for byte
// as hex in "path_hex", with a readable "path" beside it (bad bytes as U+FFFD).
void put_path(nlohmann::json& message, const std::string& path);
// The path put_path stored. Throws nlohmann::json::exception when there is none.
std::string path_from(const nlohmann::json& message);

// Assembles messages from a non-blocking fd, whatever size the chunks arrive in.
class MessageReader {
 public:
  enum class Status { Open, Closed };
  // Reads what is available now. Closed on end of stream or a read error.
  Status read_available(int fd);
  // The next complete message, if one has arrived. Throws std::runtime_error on a frame
  // that cannot be parsed.
  std::optional<nlohmann::json> next();

 private:
  std::string buffer_;
  std::size_t consumed_ = 0;
};

}  // namespace declx::store
