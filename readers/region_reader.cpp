#include "readers/region_reader.h"

#include <exception>

#include "readers/errors.h"

namespace declx {

RegionReader::RegionReader(std::string path, ReadOptions options,
                           std::function<OcrEngine&()> engine)
    : path_(std::move(path)), options_(std::move(options)), engine_factory_(std::move(engine)) {}

RegionReader::~RegionReader() = default;

std::vector<Word> RegionReader::read(int page, const BBox& region, const std::string& charset) {
  if (failed_) return {};
  try {
    if (!source_) source_ = DocumentSource::open(path_, options_);
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
