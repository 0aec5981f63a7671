#include "store/message_channel.h"
#include "readers/page_model_json.h"

#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace declx::store {

using nlohmann::json;

namespace {

std::uint32_t decode_length(const char* bytes) {
  auto byte = [&](int i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i]));
  };
  return byte(0) << 24 | byte(1) << 16 | byte(2) << 8 | byte(3);
}

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    ssize_t written = write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return true;
}

bool read_exactly(int fd, char* data, std::size_t size) {
  while (size > 0) {
    ssize_t got = read(fd, data, size);
    if (got < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (got == 0) return false;
    data += got;
    size -= static_cast<std::size_t>(got);
  }
  return true;
}

}  // namespace

bool write_message(int fd, const json& message) {
  std::string body = dump_json(message);
  if (body.size() > kMaxMessageBytes) throw std::runtime_error("message too large to send");
  std::string frame(4, '\0');
  auto length = static_cast<std::uint32_t>(body.size());
  frame[0] = static_cast<char>(length >> 24);
  frame[1] = static_cast<char>(length >> 16);
  frame[2] = static_cast<char>(length >> 8);
  frame[3] = static_cast<char>(length);
  frame += body;
  return write_all(fd, frame.data(), frame.size());
}

std::optional<json> read_message(int fd) {
  char header[4];
  if (!read_exactly(fd, header, 4)) return std::nullopt;
  std::uint32_t length = decode_length(header);
  if (length > kMaxMessageBytes) throw std::runtime_error("message frame too large");
  std::string body(length, '\0');
  if (!read_exactly(fd, body.data(), length)) return std::nullopt;
  return json::parse(body);
}

MessageReader::Status MessageReader::read_available(int fd) {
  char chunk[65536];
  for (;;) {
    ssize_t got = read(fd, chunk, sizeof chunk);
    if (got > 0) {
      buffer_.append(chunk, static_cast<std::size_t>(got));
      continue;
    }
    if (got == 0) return Status::Closed;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return Status::Open;
    return Status::Closed;
  }
}

std::optional<json> MessageReader::next() {
  if (buffer_.size() - consumed_ < 4) return std::nullopt;
  std::uint32_t length = decode_length(buffer_.data() + consumed_);
  if (length > kMaxMessageBytes) throw std::runtime_error("message frame too large");
  if (buffer_.size() - consumed_ - 4 < length) return std::nullopt;
  json message = json::parse(buffer_.begin() + static_cast<std::ptrdiff_t>(consumed_ + 4),
                             buffer_.begin() + static_cast<std::ptrdiff_t>(consumed_ + 4 + length));
  consumed_ += 4 + length;
  if (consumed_ == buffer_.size()) {
    buffer_.clear();
    consumed_ = 0;
  } else if (consumed_ > (1u << 20)) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  return message;
}

namespace {

bool valid_utf8(const std::string& text) {
  try {
    (void)nlohmann::json(text).dump();
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

}  // namespace

void put_path(nlohmann::json& message, const std::string& path) {
  if (valid_utf8(path)) {
    message["path"] = path;
    return;
  }
  static const char digits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : path) {
    hex.push_back(digits[c >> 4]);
    hex.push_back(digits[c & 15]);
  }
  message["path_hex"] = hex;
  message["path"] = path;  // readable: write_message's dump_json shows bad bytes as U+FFFD
}

std::string path_from(const nlohmann::json& message) {
  if (!message.contains("path_hex")) return message.at("path").get<std::string>();
  const std::string hex = message.at("path_hex").get<std::string>();
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  std::string path;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    path.push_back(static_cast<char>(nibble(hex[i]) << 4 | nibble(hex[i + 1])));
  return path;
}

}  // namespace declx::store
