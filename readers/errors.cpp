#include "readers/errors.h"

namespace declx {

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Usage:
      return "usage";
    case ErrorKind::Unreadable:
      return "unreadable";
    case ErrorKind::Unsupported:
      return "unsupported";
    case ErrorKind::Corrupt:
      return "corrupt";
    case ErrorKind::Encrypted:
      return "encrypted";
    case ErrorKind::TooLarge:
      return "too large";
    case ErrorKind::TimedOut:
      return "timed out";
    case ErrorKind::Crashed:
      return "crashed";
    case ErrorKind::Internal:
      return "internal error";
  }
  return "error";
}

}  // namespace declx
