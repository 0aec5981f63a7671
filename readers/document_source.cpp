// DocumentSource implementations: PdfSource (Poppler) and ImageSource (Leptonica).
#include "readers/document_source.h"

#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <optional>

#include "readers/errors.h"
#include "readers/text_layer_health.h"

namespace declx {

void PixDeleter::operator()(Pix* pix) const {
  if (pix != nullptr) pixDestroy(&pix);
}

void silence_poppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    setMsgSeverity(L_SEVERITY_NONE);  // Leptonica's warnings too
  });
}

namespace {

// A fax sent in standard mode has half the vertical resolution (204 x 98 dpi); many fax
// programs store it with every row written twice and a square resolution. Tesseract then
// sees letters made of two-pixel steps, and upscaling keeps the steps. Returns which rows
// start the doubled pairs (0 or 1), or -1: in a doubled image the pairs of one parity
// differ only where specks and the sender's header line were added afterwards, while
// neighbouring rows across pairs differ along every edge of the text. In an ordinary
// image both parities differ alike.
int doubled_row_phase(Pix* pix) {
  if (pixGetDepth(pix) != 1 || pixGetHeight(pix) < 100) return -1;
  pixSetPadBits(pix, 0);
  const l_uint32* data = pixGetData(pix);
  const int wpl = pixGetWpl(pix), height = pixGetHeight(pix);
  unsigned long long differ[2] = {0, 0};
  for (int y = 0; y + 1 < height; ++y) {
    const l_uint32* row = data + static_cast<ptrdiff_t>(y) * wpl;
    for (int k = 0; k < wpl; ++k) differ[y % 2] += std::popcount(row[k] ^ row[k + wpl]);
  }
  // A nearly blank page says nothing either way.
  if (std::max(differ[0], differ[1]) < static_cast<unsigned long long>(pixGetWidth(pix))) return -1;
  if (differ[0] * 5 < differ[1]) return 0;
  if (differ[1] * 5 < differ[0]) return 1;
  return -1;
}

// One row of each doubled pair: the image at the resolution it was scanned at.
PixPtr undouble_rows(Pix* pix, int phase) {
  const int height = (pixGetHeight(pix) - phase) / 2;
  PixPtr half = adopt_pix(pixCreate(pixGetWidth(pix), height, 1));
  if (!half) return half;
  pixCopyColormap(half.get(), pix);
  pixCopyInputFormat(half.get(), pix);
  const int wpl = pixGetWpl(pix);
  const l_uint32* from = pixGetData(pix);
  l_uint32* to = pixGetData(half.get());
  for (int y = 0; y < height; ++y)
    std::copy_n(from + static_cast<ptrdiff_t>(2 * y + phase) * wpl, wpl,
                to + static_cast<ptrdiff_t>(y) * wpl);
  return half;
}

// Standard deviation, in pixels at kOcrResolution, of the blur a bilevel page gets. On 20
// generated standard-mode faxes (--seed tune-fax-stop16) field F1 was 0.775 with the rows
// undoubled and no blur, 0.829 at 0.7, 0.861 at 1.0, 0.866 at 1.2, 0.823 at 1.4 and 0.775 at
// 1.7; on 14 more (tune-fax-stop16-b) 0.866 / 0.865 / 0.863 at 1.0 / 1.1 / 1.2. At 300 dpi a
// 98 dpi fax row is 3 pixels tall: 1.2 smooths its steps, more merges strokes.
constexpr float kBilevelBlur = 1.2f;

// A bilevel page (a fax, a black-and-white scan) has no grey at the edges of its letters:
// interpolated as it is, its letters keep the steps of its pixels, and Tesseract, trained
// on anti-aliased text, misreads them (3/5, 0/8/9). Grey, scaled to kOcrResolution by
// (sx, sy) and blurred by kBilevelBlur, they look like the text it knows. Returns an empty
// pointer when Leptonica fails.
PixPtr smooth_bilevel(Pix* pix, float sx, float sy) {
  PixPtr grey = adopt_pix(pixConvertTo8(pix, 0));
  PixPtr scaled = grey ? adopt_pix(pixScale(grey.get(), sx, sy)) : PixPtr();
  if (!scaled) return scaled;
  L_KERNEL *along = nullptr, *across = nullptr;
  const int half = static_cast<int>(std::ceil(3 * kBilevelBlur));
  if (makeGaussianKernelSep(half, half, kBilevelBlur, 1.0f, &along, &across) != 0) return scaled;
  PixPtr blurred = adopt_pix(pixConvolveSep(scaled.get(), along, across, 8, 1));
  kernelDestroy(&along);
  kernelDestroy(&across);
  return blurred ? std::move(blurred) : std::move(scaled);
}

std::string to_utf8(const poppler::ustring& text) {
  poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// Groups Poppler's words (already in reading order) into lines and blocks by geometry:
// a word starts a new line when it does not sit on the current line's band or jumps back
// to the left; a line starts a new block after a vertical gap larger than about one line
// height, or when it moves up (a new column).
std::vector<Block> group_words(std::vector<Word> words) {
  std::vector<Block> blocks;
  Line line;
  auto flush_line = [&] {
    if (line.words.empty()) return;
    bool new_block = blocks.empty();
    if (!new_block) {
      const Line& previous = blocks.back().lines.back();
      double height = std::max(previous.bbox.height(), line.bbox.height());
      double gap = line.bbox.y0 - previous.bbox.y1;
      new_block = gap > 1.5 * height || line.bbox.y1 < previous.bbox.y0;
    }
    if (new_block) blocks.emplace_back();
    blocks.back().bbox = unite(blocks.back().bbox, line.bbox);
    blocks.back().lines.push_back(std::move(line));
    line = Line{};
  };
  for (Word& word : words) {
    if (!line.words.empty()) {
      const BBox& last = line.words.back().bbox;
      double centre = (word.bbox.y0 + word.bbox.y1) / 2;
      bool same_band = centre > line.bbox.y0 && centre < line.bbox.y1;
      bool goes_back = word.bbox.x0 < last.x0;
      if (!same_band || goes_back) flush_line();
    }
    line.bbox = unite(line.bbox, word.bbox);
    line.words.push_back(std::move(word));
  }
  flush_line();
  return blocks;
}

PageAnalysis force_ocr_analysis(PageAnalysis analysis) {
  analysis.needs_ocr = true;
  analysis.reason = "OCR forced (--force-ocr)";
  analysis.page.blocks.clear();
  analysis.page.source = PageSource::Ocr;
  analysis.page.reason = analysis.reason;
  return analysis;
}

class PdfSource : public DocumentSource {
 public:
  PdfSource(const std::string& path, const ReadOptions& options)
      : DocumentSource(path, MediaType::Pdf, options) {
    silence_poppler();
    check_end_marker();
    document_.reset(poppler::document::load_from_file(path));
    if (!document_) throw ReadError(ErrorKind::Corrupt, path, "damaged PDF (cannot be parsed)");
    if (document_->is_locked()) {
      throw ReadError(ErrorKind::Encrypted, path, "password-protected PDF");
    }
    page_count_ = document_->pages();
    if (page_count_ <= 0) throw ReadError(ErrorKind::Corrupt, path, "PDF has no pages");
    if (page_count_ > options.max_pages) {
      throw ReadError(ErrorKind::TooLarge, path,
                      std::to_string(page_count_) + " pages, over the limit of " +
                          std::to_string(options.max_pages) + " (--max-pages)");
    }
  }

  PageAnalysis analyse_page(int number) override {
    std::unique_ptr<poppler::page> page = load_page(number);
    PageAnalysis analysis;
    analysis.number = number;
    analysis.page.number = number;
    poppler::rectf box = page->page_rect();
    analysis.page.width = box.width();
    analysis.page.height = box.height();

    std::vector<Word> words;
    for (const poppler::text_box& text_box : page->text_list()) {
      Word word;
      word.text = to_utf8(text_box.text());
      if (word.text.empty()) continue;
      poppler::rectf r = text_box.bbox();
      word.bbox = {r.left(), r.top(), r.right(), r.bottom()};
      words.push_back(std::move(word));
    }
    analysis.page.blocks = group_words(std::move(words));
    TextLayerHealth health = judge_text_layer(analysis.page);
    analysis.reason = health.reason;
    analysis.needs_ocr = !health.healthy;
    if (options_.force_ocr) return force_ocr_analysis(std::move(analysis));
    analysis.page.reason = analysis.reason;
    if (analysis.needs_ocr) {
      analysis.page.blocks.clear();
      analysis.page.source = PageSource::Ocr;
    }
    return analysis;
  }

  PageImage page_image(int number) override {
    std::unique_ptr<poppler::page> page = load_page(number);
    poppler::rectf box = page->page_rect();
    const double scale = options_.dpi / 72.0;
    const double pixels = box.width() * scale * box.height() * scale;
    if (pixels > static_cast<double>(options_.max_pixels)) {
      throw ReadError(ErrorKind::TooLarge, path_,
                      "page " + std::to_string(number) + " at " + std::to_string(options_.dpi) +
                          " dpi is " + std::to_string(static_cast<long long>(pixels)) +
                          " pixels, over the limit of " + std::to_string(options_.max_pixels) +
                          " (--max-pixels)");
    }
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_image_format(poppler::image::format_gray8);
    poppler::image image = renderer.render_page(page.get(), options_.dpi, options_.dpi);
    if (!image.is_valid() || image.width() <= 0 || image.height() <= 0) {
      throw ReadError(ErrorKind::Corrupt, path_,
                      "page " + std::to_string(number) + " cannot be rendered");
    }
    PageImage result;
    result.pix = adopt_pix(pixCreate(image.width(), image.height(), 8));
    if (!result.pix) throw ReadError(ErrorKind::TooLarge, path_, "out of memory for page image");
    Pix* pix = result.pix.get();
    pixSetResolution(pix, options_.dpi, options_.dpi);
    const int rows = image.height(), cols = image.width(), stride = image.bytes_per_row();
    const auto* data = reinterpret_cast<const unsigned char*>(image.const_data());
    l_uint32* pixels_out = pixGetData(pix);
    const int wpl = pixGetWpl(pix);
    for (int y = 0; y < rows; ++y) {
      l_uint32* line = pixels_out + static_cast<size_t>(y) * wpl;
      const unsigned char* row = data + static_cast<size_t>(y) * stride;
      for (int x = 0; x < cols; ++x) SET_DATA_BYTE(line, x, row[x]);
    }
    result.width_pt = cols * 72.0 / options_.dpi;
    result.height_pt = rows * 72.0 / options_.dpi;
    return result;
  }

 private:
  // A PDF ends with %%EOF (within the last 1 KiB, as Acrobat checks). Without it the file
  // was cut short; Poppler would silently reconstruct what it can and lose pages.
  void check_end_marker() {
    std::ifstream in(path_, std::ios::binary | std::ios::ate);
    if (!in) throw ReadError(ErrorKind::Unreadable, path_, "cannot open");
    const std::streamoff size = in.tellg();
    const std::streamoff tail = std::min<std::streamoff>(size, 1024);
    std::string bytes(static_cast<size_t>(tail), '\0');
    in.seekg(size - tail);
    in.read(bytes.data(), tail);
    if (bytes.find("%%EOF") == std::string::npos) {
      throw ReadError(ErrorKind::Corrupt, path_, "truncated PDF (no %%EOF end marker)");
    }
  }

  std::unique_ptr<poppler::page> load_page(int number) {
    if (number < 1 || number > page_count_) {
      throw ReadError(ErrorKind::Internal, path_, "no page " + std::to_string(number));
    }
    std::unique_ptr<poppler::page> page(document_->create_page(number - 1));
    if (!page) {
      throw ReadError(ErrorKind::Corrupt, path_,
                      "page " + std::to_string(number) + " cannot be read");
    }
    return page;
  }

  std::unique_ptr<poppler::document> document_;
};

class ImageSource : public DocumentSource {
 public:
  ImageSource(const std::string& path, MediaType type, const ReadOptions& options)
      : DocumentSource(path, type, options) {
    silence_poppler();
    l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, colormap = 0;
    if (pixReadHeader(path.c_str(), &format, &w, &h, &bps, &spp, &colormap) != 0 || w <= 0 ||
        h <= 0) {
      throw ReadError(ErrorKind::Corrupt, path, "damaged image (header cannot be read)");
    }
    check_pixels(static_cast<long long>(w) * h, 1);
    page_count_ = 1;
    if (type == MediaType::Tiff) {
      FILE* file = std::fopen(path.c_str(), "rb");
      if (file == nullptr) throw ReadError(ErrorKind::Unreadable, path, "cannot open");
      l_int32 count = 0;
      l_ok status = tiffGetCount(file, &count);
      std::fclose(file);
      if (status != 0 || count <= 0) {
        throw ReadError(ErrorKind::Corrupt, path, "damaged TIFF (no readable directory)");
      }
      page_count_ = count;
    }
    if (page_count_ > options.max_pages) {
      throw ReadError(ErrorKind::TooLarge, path,
                      std::to_string(page_count_) + " pages, over the limit of " +
                          std::to_string(options.max_pages) + " (--max-pages)");
    }
  }

  PageAnalysis analyse_page(int number) override {
    PageAnalysis analysis;
    analysis.number = number;
    analysis.needs_ocr = true;
    analysis.reason = "image file";
    analysis.page.number = number;
    analysis.page.source = PageSource::Ocr;
    analysis.page.reason = analysis.reason;
    return analysis;
  }

  PageImage page_image(int number) override {
    if (number < 1 || number > page_count_) {
      throw ReadError(ErrorKind::Internal, path_, "no page " + std::to_string(number));
    }
    PageImage result;
    result.pix = adopt_pix(media_type_ == MediaType::Tiff ? pixReadTiff(path_.c_str(), number - 1)
                                                          : pixRead(path_.c_str()));
    if (!result.pix) {
      throw ReadError(ErrorKind::Corrupt, path_,
                      "image page " + std::to_string(number) + " cannot be decoded");
    }
    Pix* pix = result.pix.get();
    check_pixels(static_cast<long long>(pixGetWidth(pix)) * pixGetHeight(pix), number);
    // Scanners record their resolution; phones and some converters write 72 dpi or
    // nothing, which would make Tesseract misjudge text size and the page size wrong.
    // Believe plausible values only; otherwise assume the long side is A4's 11.69 inches.
    int resolution = pixGetXRes(pix);
    int vertical = pixGetYRes(pix);
    if (resolution < 100 || resolution > 2400) {
      const int long_side = std::max(pixGetWidth(pix), pixGetHeight(pix));
      resolution = std::clamp(static_cast<int>(std::lround(long_side / 11.69)), 100, 1200);
      vertical = resolution;
    }
    if (vertical < 50 || vertical > 2400) vertical = resolution;
    const bool square_pixels = std::abs(vertical - resolution) * 10 <= resolution;
    if (const int phase = square_pixels && resolution < 400 ? doubled_row_phase(pix) : -1;
        phase >= 0) {
      // Rows written twice (a standard-mode fax stored as 204 x 196 or 200 x 200 dpi): read
      // the fax at its own vertical resolution, stretched below with interpolation. On 20
      // generated faxes field F1 0.748 -> 0.775 before the blur below.
      if (PixPtr half = undouble_rows(pix, phase)) {
        result.pix = std::move(half);
        pix = result.pix.get();
        vertical /= 2;
      }
    }
    // What OCR gets instead of the stored image, where that needs changing.
    std::optional<PixPtr> rescaled;
    if (pixGetDepth(pix) == 1 && resolution < kMinOcrResolution) {
      rescaled = smooth_bilevel(pix, static_cast<float>(kOcrResolution) / resolution,
                                static_cast<float>(kOcrResolution) / vertical);
      // The page keeps its size in points: width / resolution inches.
      resolution = kOcrResolution;
    } else if (std::abs(vertical - resolution) * 10 > resolution) {
      // Non-square pixels: a fax in standard mode is 204 x 98 dpi, so the page is squashed
      // to half its height. Stretch rows to the horizontal resolution (grey, interpolated)
      // so that Tesseract sees letters of their real shape and the page keeps its size.
      PixPtr grey = adopt_pix(pixConvertTo8(pix, 0));
      const float factor = static_cast<float>(resolution) / static_cast<float>(vertical);
      rescaled = grey ? adopt_pix(pixScale(grey.get(), 1.0f, factor)) : PixPtr();
    }
    if (rescaled) {
      if (!*rescaled) {
        throw ReadError(ErrorKind::Corrupt, path_,
                        "image page " + std::to_string(number) + " cannot be rescaled");
      }
      check_pixels(
          static_cast<long long>(pixGetWidth(rescaled->get())) * pixGetHeight(rescaled->get()),
          number);
      result.pix = std::move(*rescaled);
      pix = result.pix.get();
    }
    pixSetResolution(pix, resolution, resolution);
    result.width_pt = pixGetWidth(pix) * 72.0 / resolution;
    result.height_pt = pixGetHeight(pix) * 72.0 / resolution;
    return result;
  }

 private:
  void check_pixels(long long pixels, int page) const {
    if (pixels > options_.max_pixels) {
      throw ReadError(ErrorKind::TooLarge, path_,
                      "image page " + std::to_string(page) + " has " + std::to_string(pixels) +
                          " pixels, over the limit of " + std::to_string(options_.max_pixels) +
                          " (--max-pixels)");
    }
  }
};

}  // namespace

std::unique_ptr<DocumentSource> DocumentSource::open(const std::string& path,
                                                     const ReadOptions& options) {
  MediaType type = sniff_file(path);
  if (type == MediaType::Pdf) return std::make_unique<PdfSource>(path, options);
  return std::make_unique<ImageSource>(path, type, options);
}

}  // namespace declx
