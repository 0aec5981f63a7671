// `declx stats`: what an ingest database holds, in counts: documents by status and error
// kind, the busiest consignees, HS-6 headings and CHPL tiers, and military end use.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "store/sqlite.h"

namespace declx::store {

// Every figure as JSON: {"documents": {"done": n, "failed": n}, "errors": {"corrupt": n},
// "unreadable_files": n, "pages": n, "ocr_pages": n, "items": n,
// "consignees": [{"inn", "name", "documents", "items"}], "hs6": [{"hs6", "items",
// "documents"}], "chpl_tiers": [{"tier", "items"}], "military": {"items": n, "documents": n,
// "systems": [{"system", "documents", "notes"}]}}. Lists keep the `top` largest entries.
nlohmann::json collect_stats(Database& db, int top = 20);

// The same as an aligned, human-readable report.
std::string format_stats(const nlohmann::json& stats);

}  // namespace declx::store
