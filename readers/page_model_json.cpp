#include "readers/page_model_json.h"

#include <stdexcept>

namespace declx {
namespace {

using nlohmann::json;

json box_json(const BBox& box) {
  return json::array({box.x0, box.y0, box.x1, box.y1});
}

BBox box_from(const json& j) {
  return {j.at(0).get<double>(), j.at(1).get<double>(), j.at(2).get<double>(),
          j.at(3).get<double>()};
}

}  // namespace

PageSource page_source_from_string(const std::string& name) {
  if (name == "text-layer") return PageSource::TextLayer;
  if (name == "ocr") return PageSource::Ocr;
  throw std::invalid_argument("unknown page source: " + name);
}

nlohmann::json to_json(const Page& page) {
  json blocks = json::array();
  for (const Block& block : page.blocks) {
    json lines = json::array();
    for (const Line& line : block.lines) {
      json words = json::array();
      for (const Word& word : line.words) {
        words.push_back({{"text", word.text},
                         {"bbox", box_json(word.bbox)},
                         {"confidence", word.confidence},
                         {"source", to_string(word.source)}});
      }
      lines.push_back({{"bbox", box_json(line.bbox)}, {"words", std::move(words)}});
    }
    blocks.push_back({{"bbox", box_json(block.bbox)}, {"lines", std::move(lines)}});
  }
  return {{"number", page.number},      {"width", page.width},
          {"height", page.height},      {"source", to_string(page.source)},
          {"reason", page.reason},      {"mean_confidence", page.mean_confidence},
          {"blocks", std::move(blocks)}};
}

nlohmann::json to_json(const Document& document) {
  json pages = json::array();
  for (const Page& page : document.pages) pages.push_back(to_json(page));
  return {
      {"path", document.path}, {"media_type", document.media_type}, {"pages", std::move(pages)}};
}

Page page_from_json(const nlohmann::json& j) {
  Page page;
  page.number = j.at("number").get<int>();
  page.width = j.at("width").get<double>();
  page.height = j.at("height").get<double>();
  page.source = page_source_from_string(j.at("source").get<std::string>());
  page.reason = j.at("reason").get<std::string>();
  page.mean_confidence = j.at("mean_confidence").get<double>();
  for (const json& jb : j.at("blocks")) {
    Block block;
    block.bbox = box_from(jb.at("bbox"));
    for (const json& jl : jb.at("lines")) {
      Line line;
      line.bbox = box_from(jl.at("bbox"));
      for (const json& jw : jl.at("words")) {
        Word word;
        word.text = jw.at("text").get<std::string>();
        word.bbox = box_from(jw.at("bbox"));
        word.confidence = jw.at("confidence").get<double>();
        word.source = page_source_from_string(jw.at("source").get<std::string>());
        line.words.push_back(std::move(word));
      }
      block.lines.push_back(std::move(line));
    }
    page.blocks.push_back(std::move(block));
  }
  return page;
}

Document document_from_json(const nlohmann::json& j) {
  Document document;
  document.path = j.at("path").get<std::string>();
  document.media_type = j.at("media_type").get<std::string>();
  for (const json& jp : j.at("pages")) document.pages.push_back(page_from_json(jp));
  return document;
}

void to_json(nlohmann::json& json, const Page& page) {
  json = to_json(page);
}
void from_json(const nlohmann::json& json, Page& page) {
  page = page_from_json(json);
}
void to_json(nlohmann::json& json, const Document& document) {
  json = to_json(document);
}
void from_json(const nlohmann::json& json, Document& document) {
  document = document_from_json(json);
}

std::string page_text(const Page& page) {
  std::string text;
  for (size_t b = 0; b < page.blocks.size(); ++b) {
    if (b > 0) text += '\n';
    for (const Line& line : page.blocks[b].lines) {
      for (size_t w = 0; w < line.words.size(); ++w) {
        if (w > 0) text += ' ';
        text += line.words[w].text;
      }
      text += '\n';
    }
  }
  return text;
}

std::string dump_json(const nlohmann::json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace declx
