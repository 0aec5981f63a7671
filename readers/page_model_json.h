// JSON form of the page model: `declx text --json` prints it, and ingest worker processes
// ship pages over a pipe with it. from_json(to_json(x)) == x (doubles round-trip exactly).
//
// Shape: {"number":1,"width":595.3,"height":841.9,"source":"text-layer","reason":"...",
//         "mean_confidence":1.0,"blocks":[{"bbox":[x0,y0,x1,y1],"lines":[{"bbox":[...],
//         "words":[{"text":"...","bbox":[...],"confidence":1.0,"source":"text-layer"}]}]}]}
// Document: {"path":"...","media_type":"application/pdf","pages":[...]}
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "readers/page_model.h"

namespace declx {

nlohmann::json to_json(const Page& page);
nlohmann::json to_json(const Document& document);
// Throw nlohmann::json::exception (e.g. type_error, out_of_range) on malformed input.
Page page_from_json(const nlohmann::json& json);
Document document_from_json(const nlohmann::json& json);

// nlohmann ADL hooks, so `nlohmann::json j = page;` and `j.get<Page>()` work.
void to_json(nlohmann::json& json, const Page& page);
void from_json(const nlohmann::json& json, Page& page);
void to_json(nlohmann::json& json, const Document& document);
void from_json(const nlohmann::json& json, Document& document);

// Reading-order text: words of a line joined by one space, one line per text line, a blank
// line between blocks.
std::string page_text(const Page& page);

// Serialises JSON for output. Text that is not valid UTF-8 — a file name from a cp1251 or
// cp866 archive, say — is written with U+FFFD in place of the bad bytes instead of making
// nlohmann throw. indent < 0: one line.
std::string dump_json(const nlohmann::json& value, int indent = -1);

// Parses "text-layer" / "ocr"; throws std::invalid_argument otherwise.
PageSource page_source_from_string(const std::string& name);

}  // namespace declx
