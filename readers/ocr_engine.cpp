#include "readers/ocr_engine.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <unistd.h>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>

#include "readers/errors.h"

namespace declx {
namespace {

// How far the image handed to Tesseract is from the original page: a quarter-turn count
// (clockwise) and then a small deskew rotation about the upright image's centre.
struct Geometry {
  int original_width = 0, original_height = 0;
  int quads = 0;            // clockwise quarter turns applied to the original
  double skew_radians = 0;  // clockwise rotation applied after the quarter turns
  int upright_width = 0, upright_height = 0;

  // A point of the image Tesseract saw, in the original image's pixels.
  void to_original(double u, double v, double& x, double& y) const {
    if (skew_radians != 0) {
      const double cx = upright_width / 2.0, cy = upright_height / 2.0;
      const double c = std::cos(skew_radians), s = std::sin(skew_radians);
      const double du = u - cx, dv = v - cy;
      u = cx + c * du + s * dv;
      v = cy - s * du + c * dv;
    }
    const double w = original_width, h = original_height;
    switch (quads) {
      case 1:
        x = v, y = h - u;
        break;
      case 2:
        x = w - u, y = h - v;
        break;
      case 3:
        x = w - v, y = u;
        break;
      default:
        x = u, y = v;
        break;
    }
  }
};

// kMinOcrResolution (page_image.h): below it, page images are upscaled to kOcrResolution
// before recognition. Small box captions (6-7 pt) at 200 dpi are too small for Tesseract: on
// 18 generated declarations (46 pages) upscaling 200 dpi TIFF scans to 300 raised field F1
// from 0.688 to 0.824 and faxes from 0.731 to 0.799; 400 dpi did no better (0.815 / 0.789).
// Images at 250 dpi and above are read as they are.

// Resolution a re-read region is scaled to (never down). On 60 generated declarations the
// re-read boxes gave the same field F1 at 200, 250, 300 and 450 dpi (0.911-0.912): what
// helps is reading the box on its own, not a larger size. 300 keeps the crop small.
constexpr int kRegionDpi = 300;

std::string tessdata_path(const ReadOptions& options) {
  return options.tessdata_dir;
}

// Calls visit(word, left, top, right, bottom, iterator) for every non-blank word of the last
// recognition, in reading order: word.text trimmed, word.confidence 0..1, source Ocr; the box
// in the pixels of the image Tesseract saw.
template <class Visit>
void for_each_word(tesseract::TessBaseAPI& api, Visit&& visit) {
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return;
  const auto level = tesseract::RIL_WORD;
  do {
    if (it->Empty(level)) continue;
    std::unique_ptr<char[]> text(it->GetUTF8Text(level));
    if (!text) continue;
    Word word;
    word.text = text.get();
    word.text.erase(word.text.find_last_not_of(" \t\r\n") + 1);
    int left = 0, top = 0, right = 0, bottom = 0;
    if (word.text.empty() || !it->BoundingBox(level, &left, &top, &right, &bottom)) continue;
    word.source = PageSource::Ocr;
    word.confidence = std::clamp(it->Confidence(level) / 100.0, 0.0, 1.0);
    visit(std::move(word), left, top, right, bottom, *it);
  } while (it->Next(level));
}

void quiet(tesseract::TessBaseAPI& api) {
  api.SetVariable("debug_file", "/dev/null");  // "Estimating resolution..." and the like
}

}  // namespace

void ensure_openmp_thread_limit(char** argv) {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
  setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0);
  execv("/proc/self/exe", argv);  // only returns on failure; carry on without the limit
}

OcrEngine::OcrEngine(const ReadOptions& options) {
  setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0);
  const std::string data = tessdata_path(options);
  const char* datapath = data.empty() ? nullptr : data.c_str();
  api_ = std::make_unique<tesseract::TessBaseAPI>();
  quiet(*api_);
  if (api_->Init(datapath, options.lang.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    throw ReadError(ErrorKind::Usage, "",
                    "cannot load Tesseract language data '" + options.lang + "'" +
                        (data.empty() ? std::string() : " from " + data));
  }
  quiet(*api_);
  api_->SetPageSegMode(tesseract::PSM_AUTO);

  auto osd = std::make_unique<tesseract::TessBaseAPI>();
  quiet(*osd);
  if (osd->Init(datapath, "osd", tesseract::OEM_TESSERACT_ONLY) == 0) {
    quiet(*osd);
    osd->SetPageSegMode(tesseract::PSM_OSD_ONLY);
    osd_api_ = std::move(osd);
  }
}

OcrEngine::~OcrEngine() {
  if (api_) api_->End();
  if (osd_api_) osd_api_->End();
}

namespace {

// Whether a page read as it lies looks turned: an upside-down or 90°-turned page reads as
// low-confidence junk (mean word confidence 0.36-0.47 on generated scans and faxes, against
// 0.58 and up for upright faxes and 0.69 up for scans), and Tesseract reads a page turned
// the other way as vertical text lines, so most of its words come out taller than wide.
bool looks_turned(const Page& page) {
  int words = 0, tall = 0;
  for (const Block& block : page.blocks)
    for (const Line& line : block.lines)
      for (const Word& word : line.words) {
        size_t letters = 0;  // code points: UTF-8 bytes that do not continue one
        for (unsigned char c : word.text) letters += (c & 0xC0) != 0x80;
        if (letters < 3) continue;
        ++words;
        if (word.bbox.height() > word.bbox.width()) ++tall;
      }
  if (words < 8) return true;  // little text: let OSD decide, it is cheap on such pages
  return page.mean_confidence < 0.6 || tall * 4 > words;
}

}  // namespace

Page OcrEngine::recognise(const Pix* image, int page_number, double page_width_pt,
                          double page_height_pt) {
  // Leptonica's API is not const-correct; nothing below modifies the caller's image.
  Pix* given = const_cast<Pix*>(image);
  int resolution = pixGetXRes(given);
  if (resolution <= 0) resolution = 300;
  // Low resolution (200 dpi scans, faxes, 72 dpi photos): Tesseract reads small glyphs far
  // better at ~300 dpi, so upscale (grey, interpolated) first. Boxes map back through
  // the page size in points.
  PixPtr scaled;
  if (resolution < kMinOcrResolution) {
    const float factor = static_cast<float>(kOcrResolution) / static_cast<float>(resolution);
    PixPtr grey = adopt_pix(pixConvertTo8(given, 0));
    if (grey) scaled = adopt_pix(pixScale(grey.get(), factor, factor));
    if (scaled) resolution = kOcrResolution;
  }
  Pix* original = scaled ? scaled.get() : given;

  // Orientation: the page is read as it lies, and OSD is asked only when that reading looks
  // like a turned page; most pages are upright, and OSD on every page cost 0.3-0.5 s of
  // ~2.5-3.5 s. A turned page is then read a second time, upright.
  Page page = recognise_turned(original, 0, resolution, page_number, page_width_pt, page_height_pt);
  if (osd_api_ && looks_turned(page)) {
    ++orientation_checks_;
    osd_api_->SetImage(original);
    osd_api_->SetSourceResolution(resolution);
    int degrees = 0;
    float confidence = 0;
    // OSD reports how far the page is turned clockwise; undo it.
    if (osd_api_->DetectOrientationScript(&degrees, &confidence, nullptr, nullptr) &&
        confidence >= 2.0f && degrees % 90 == 0 && degrees != 0) {
      osd_api_->Clear();
      return recognise_turned(original, ((360 - degrees) / 90) % 4, resolution, page_number,
                              page_width_pt, page_height_pt);
    }
    osd_api_->Clear();
  }
  return page;
}

Page OcrEngine::recognise_turned(Pix* original, int quads, int resolution, int page_number,
                                 double page_width_pt, double page_height_pt) {
  Page page;
  page.number = page_number;
  page.width = page_width_pt;
  page.height = page_height_pt;
  page.source = PageSource::Ocr;
  page.mean_confidence = 0;
  Geometry geometry;
  geometry.original_width = pixGetWidth(original);
  geometry.original_height = pixGetHeight(original);
  geometry.quads = quads;
  PixPtr upright = adopt_pix(quads ? pixRotateOrth(original, quads) : pixClone(original));
  if (!upright) return page;
  geometry.upright_width = pixGetWidth(upright.get());
  geometry.upright_height = pixGetHeight(upright.get());

  // 2. Deskew: Leptonica's skew search on a binarised copy; rotate only when the angle is
  // both noticeable and found with confidence.
  PixPtr straight = adopt_pix(pixClone(upright.get()));
  {
    PixPtr binary = adopt_pix(pixConvertTo1(upright.get(), 130));
    l_float32 angle = 0, confidence = 0;
    if (binary && pixFindSkew(binary.get(), &angle, &confidence) == 0 && std::fabs(angle) >= 0.1f &&
        confidence >= 3.0f) {
      const double radians = angle * M_PI / 180.0;
      PixPtr rotated = adopt_pix(pixRotate(upright.get(), static_cast<l_float32>(radians),
                                           L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
      if (rotated) {
        straight = std::move(rotated);
        geometry.skew_radians = radians;
      }
    }
  }
  pixSetResolution(straight.get(), resolution, resolution);

  // 3. Recognition.
  api_->SetImage(straight.get());
  api_->SetSourceResolution(resolution);
  if (api_->Recognize(nullptr) != 0) {
    api_->Clear();
    return page;
  }
  const double sx = page_width_pt / geometry.original_width;
  const double sy = page_height_pt / geometry.original_height;
  double confidence_sum = 0;
  int word_count = 0;
  for_each_word(*api_, [&](Word word, int left, int top, int right, int bottom,
                           const tesseract::ResultIterator& it) {
    if (page.blocks.empty() || it.IsAtBeginningOf(tesseract::RIL_BLOCK)) page.blocks.emplace_back();
    Block& block = page.blocks.back();
    if (block.lines.empty() || it.IsAtBeginningOf(tesseract::RIL_TEXTLINE))
      block.lines.emplace_back();
    Line& line = block.lines.back();
    // Map all four corners back and take their bounding box.
    const std::array<std::array<double, 2>, 4> corners = {{{double(left), double(top)},
                                                           {double(right), double(top)},
                                                           {double(left), double(bottom)},
                                                           {double(right), double(bottom)}}};
    BBox box{1e18, 1e18, -1e18, -1e18};
    for (const auto& corner : corners) {
      double x = 0, y = 0;
      geometry.to_original(corner[0], corner[1], x, y);
      box.x0 = std::min(box.x0, x * sx);
      box.y0 = std::min(box.y0, y * sy);
      box.x1 = std::max(box.x1, x * sx);
      box.y1 = std::max(box.y1, y * sy);
    }
    word.bbox = box;
    confidence_sum += word.confidence;
    ++word_count;
    line.bbox = unite(line.bbox, word.bbox);
    block.bbox = unite(block.bbox, word.bbox);
    line.words.push_back(std::move(word));
  });
  api_->Clear();
  // Drop lines and blocks that ended up empty (all their words were blank).
  for (Block& block : page.blocks) {
    std::erase_if(block.lines, [](const Line& l) { return l.words.empty(); });
  }
  std::erase_if(page.blocks, [](const Block& b) { return b.lines.empty(); });
  page.mean_confidence = word_count > 0 ? confidence_sum / word_count : 0;
  return page;
}

std::vector<Word> OcrEngine::recognise_region(const PageImage& image, const BBox& region,
                                              const std::string& charset) {
  std::vector<Word> words;
  Pix* pix = image.pix.get();
  if (!pix || image.width_pt <= 0 || image.height_pt <= 0) return words;
  const int width = pixGetWidth(pix), height = pixGetHeight(pix);
  const double px_per_pt_x = width / image.width_pt, px_per_pt_y = height / image.height_pt;
  const int x0 = std::clamp(static_cast<int>(std::floor(region.x0 * px_per_pt_x)), 0, width);
  const int y0 = std::clamp(static_cast<int>(std::floor(region.y0 * px_per_pt_y)), 0, height);
  const int x1 = std::clamp(static_cast<int>(std::ceil(region.x1 * px_per_pt_x)), 0, width);
  const int y1 = std::clamp(static_cast<int>(std::ceil(region.y1 * px_per_pt_y)), 0, height);
  if (x1 - x0 < 4 || y1 - y0 < 4) return words;
  BOX* box = boxCreate(x0, y0, x1 - x0, y1 - y0);
  PixPtr crop = adopt_pix(pixClipRectangle(pix, box, nullptr));
  boxDestroy(&box);
  if (!crop) return words;
  PixPtr grey = adopt_pix(pixConvertTo8(crop.get(), 0));
  if (!grey) return words;
  int resolution = pixGetXRes(pix);
  if (resolution <= 0) resolution = static_cast<int>(std::lround(px_per_pt_x * 72));
  const float factor = static_cast<float>(kRegionDpi) / static_cast<float>(resolution);
  PixPtr scaled =
      adopt_pix(factor > 1.05f ? pixScale(grey.get(), factor, factor) : pixClone(grey.get()));
  if (!scaled) return words;
  const double scale = factor > 1.05f ? factor : 1.0;
  constexpr int kMargin = 20;  // white border: Tesseract finds text touching the edge poorly
  PixPtr framed = adopt_pix(
      pixAddBlackOrWhiteBorder(scaled.get(), kMargin, kMargin, kMargin, kMargin, L_GET_WHITE_VAL));
  if (!framed) return words;
  const int dpi = static_cast<int>(std::lround(resolution * scale));
  pixSetResolution(framed.get(), dpi, dpi);

  api_->SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
  api_->SetVariable("tessedit_char_whitelist", charset.c_str());
  api_->SetImage(framed.get());
  api_->SetSourceResolution(dpi);
  if (api_->Recognize(nullptr) == 0) {
    auto to_x = [&](int u) { return (x0 + (u - kMargin) / scale) / px_per_pt_x; };
    auto to_y = [&](int v) { return (y0 + (v - kMargin) / scale) / px_per_pt_y; };
    for_each_word(*api_, [&](Word word, int left, int top, int right, int bottom,
                             const tesseract::ResultIterator&) {
      word.bbox = BBox{to_x(left), to_y(top), to_x(right), to_y(bottom)};
      words.push_back(std::move(word));
    });
  }
  api_->Clear();
  api_->SetVariable("tessedit_char_whitelist", "");
  api_->SetPageSegMode(tesseract::PSM_AUTO);
  return words;
}

}  // namespace declx
