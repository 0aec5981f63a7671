#include "readers/region_reader.h"

#include <cmath>
#include <exception>
#include <stdexcept>
#include <string>

#include "readers/errors.h"

namespace declx {

RegionReader::RegionReader(std::string path, ReadOptions options,
                           std::function<OcrEngine&()> engine)
    : path_(std::move(path)), options_(std::move(options)), engine_factory_(std::move(engine)) {}

RegionReader::RegionReader(const Document& document, ReadOptions options,
                           std::function<OcrEngine&()> engine)
    : RegionReader(document.path, std::move(options), std::move(engine)) {
  for (const Page& page : document.pages) expected_sizes_.emplace_back(page.width, page.height);
}

RegionReader::~RegionReader() = default;

std::vector<Word> RegionReader::read(int page, const BBox& region, const std::string& charset) {
  if (failed_) return {};
  try {
    if (!source_) {
      source_ = DocumentSource::open(path_, options_);
      if (!expected_sizes_.empty() &&
          static_cast<size_t>(source_->page_count()) != expected_sizes_.size())
        throw std::runtime_error(
            "changed since it was read: " + std::to_string(source_->page_count()) + " pages, not " +
            std::to_string(expected_sizes_.size()));
    }
    if (!engine_) {
      if (engine_factory_) {
        engine_ = &engine_factory_();
      } else {
        own_engine_ = std::make_unique<OcrEngine>(options_);
        engine_ = own_engine_.get();
      }
    }
    if (page < 1 || page > source_->page_count()) return {};
    if (page != page_number_ || !page_.pix) {
      page_number_ = 0;
      page_ = source_->page_image(page);
      if (static_cast<size_t>(page) <= expected_sizes_.size()) {
        auto [width, height] = expected_sizes_[static_cast<size_t>(page) - 1];
        if (std::abs(page_.width_pt - width) > 2 || std::abs(page_.height_pt - height) > 2) {
          page_ = PageImage{};
          throw std::runtime_error("changed since it was read: page " + std::to_string(page) +
                                   " is not the size it was");
        }
      }
      page_number_ = page;
    }
    ++regions_read_;
    return engine_->recognise_region(page_, region, charset);
  } catch (const ReadError& error) {
    failed_ = true;
    error_ = (error.path().empty() ? path_ : error.path()) + ": " + to_string(error.kind()) + ": " +
             error.what();
    return {};
  } catch (const std::exception& error) {
    failed_ = true;  // the file went away or cannot be rendered: keep the page pass
    error_ = path_ + ": " + error.what();
    return {};
  }
}

}  // namespace declx
