"""Turns a born-digital declaration PDF into the other renderings.

born-digital       the reportlab PDF as is (real text layer)
image-pdf          300 dpi grayscale page images in a PDF, no text layer
scan-pdf/-tiff/-jpeg  200 dpi "scans": stamp, skew (±2°), blur, noise, speckle, JPEG artefacts
                   (colour in PDF and JPEG, grey in the multi-page JPEG-compressed TIFF)
fax                1-bit, 200×100 dpi look (rows doubled), fax header line, CCITT G4 TIFF
broken-text-layer  200 dpi page image + invisible text (render mode 3) at the original positions,
                   with Cyrillic letters replaced by Latin look-alikes («Налоговая» → "Hanorosas")

Pages are rasterised with pdftoppm (poppler-utils), called with an argument list.
"""

import glob
import io
import math
import os
import subprocess

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as rl_canvas

from layout import PAGE_H, PAGE_W

STAMP_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FAX_FONT = "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf"

# How a broken ToUnicode map shows Cyrillic: each letter comes out as a Latin (or digit) look-alike.
BROKEN_MAP = {
    "А": "A", "Б": "6", "В": "B", "Г": "r", "Д": "D", "Е": "E", "Ё": "E", "Ж": "X", "З": "3", "И": "U", "Й": "U",
    "К": "K", "Л": "N", "М": "M", "Н": "H", "О": "O", "П": "N", "Р": "P", "С": "C", "Т": "T", "У": "Y", "Ф": "O",
    "Х": "X", "Ц": "U", "Ч": "4", "Ш": "W", "Щ": "W", "Ъ": "b", "Ы": "b", "Ь": "b", "Э": "3", "Ю": "I", "Я": "R",
    "а": "a", "б": "6", "в": "s", "г": "r", "д": "g", "е": "e", "ё": "e", "ж": "x", "з": "3", "и": "u", "й": "u",
    "к": "k", "л": "n", "м": "m", "н": "h", "о": "o", "п": "n", "р": "p", "с": "c", "т": "m", "у": "y", "ф": "o",
    "х": "x", "ц": "u", "ч": "4", "ш": "w", "щ": "w", "ъ": "b", "ы": "b", "ь": "b", "э": "3", "ю": "i", "я": "s",
    "№": "N", "«": "<", "»": ">", "„": ",", "“": '"',
}


def garble(text):
    return "".join(BROKEN_MAP.get(ch, ch) for ch in text)


def rasterise(pdf_path, dpi, tmpdir, gray=True):
    """Pages of pdf_path as PIL images, via pdftoppm (argument list, no shell)."""
    prefix = os.path.join(tmpdir, "page")
    args = ["pdftoppm", "-r", str(dpi)]
    if gray:
        args.append("-gray")
    args += [pdf_path, prefix]
    subprocess.run(args, check=True, capture_output=True, timeout=300)
    files = sorted(glob.glob(prefix + "-*.p?m"), key=lambda f: int(f.rsplit("-", 1)[1].split(".")[0]))
    pages = []
    for f in files:
        with Image.open(f) as im:
            pages.append(im.copy())
        os.remove(f)
    return pages


def images_to_pdf(path, jpeg_pages, dpi, records=None):
    """A PDF whose pages are the given images (JPEG bytes or PIL images), full-page; with
    records, invisible text (render mode 3) is laid over them, garbled, at the same places."""
    c = rl_canvas.Canvas(path, pagesize=(PAGE_W, PAGE_H), pageCompression=1, invariant=1)
    c.setCreator("declx tools/gen")
    for page_no, data in enumerate(jpeg_pages):
        # JPEG bytes are embedded as they are (DCTDecode); PIL images go in Flate-compressed
        source = ImageReader(io.BytesIO(data)) if isinstance(data, bytes) else ImageReader(data)
        c.drawImage(source, 0, 0, width=PAGE_W, height=PAGE_H)
        if records:
            for page, x, y, font, size, text in records:
                if page != page_no:
                    continue
                fake = garble(text)
                t = c.beginText()
                t.setTextRenderMode(3)
                t.setFont(font, size)
                w_real = pdfmetrics.stringWidth(text, font, size)
                w_fake = pdfmetrics.stringWidth(fake, font, size)
                if w_fake > 0:
                    t.setHorizScale(100.0 * w_real / w_fake)
                t.setTextOrigin(x, y)
                t.textOut(fake)
                c.drawText(t)
        c.showPage()
    c.save()


def jpeg_bytes(im, quality, subsampling=2):
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality, optimize=True, subsampling=subsampling)
    return buf.getvalue()


# ---------------------------------------------------------------------------
# Degradations


def noise_image(rng, size, sigma):
    """Zero-mean (128-centred) noise of about `sigma` grey levels, drawn from rng (PIL's
    own noise generator uses the C library's unseeded rand(), which breaks reproducibility)."""
    n = size[0] * size[1]
    a = Image.frombytes("L", size, rng.randbytes(n))
    b = Image.frombytes("L", size, rng.randbytes(n))
    tri = ImageChops.add(a, b, 2.0)  # triangular distribution, sd about 52
    k = sigma / 52.0
    return tri.point([max(0, min(255, int(round(128 + (v - 128) * k)))) for v in range(256)])


def make_stamp(rng, diameter, reg_office, date_text):
    """A round blue/violet customs stamp on a transparent layer."""
    size = diameter + 8
    layer = Image.new("L", (size, size), 0)  # ink density
    draw = ImageDraw.Draw(layer)
    c = size / 2
    r = diameter / 2
    draw.ellipse([c - r, c - r, c + r, c + r], outline=255, width=max(3, diameter // 60))
    r2 = r * 0.72
    draw.ellipse([c - r2, c - r2, c + r2, c + r2], outline=255, width=max(2, diameter // 110))
    ring_text = rng.choice(["ФЕДЕРАЛЬНАЯ ТАМОЖЕННАЯ СЛУЖБА * ", "ТАМОЖЕННЫЙ ПОСТ * ФТС РОССИИ * ",
                            "ЦЕНТРАЛЬНАЯ ЭНЕРГЕТИЧЕСКАЯ ТАМОЖНЯ * "])
    font = ImageFont.truetype(STAMP_FONT, max(10, int(diameter * 0.085)))
    n = len(ring_text)
    for i, ch in enumerate(ring_text):
        ang = 2 * math.pi * i / n - math.pi / 2
        glyph = Image.new("L", (font.size * 2, font.size * 2), 0)
        ImageDraw.Draw(glyph).text((font.size * 0.5, font.size * 0.4), ch, fill=255, font=font)
        glyph = glyph.rotate(-math.degrees(ang) - 90, resample=Image.BICUBIC)
        rr = (r + r2) / 2
        gx, gy = c + rr * math.cos(ang) - glyph.width / 2, c + rr * math.sin(ang) - glyph.height / 2
        layer.paste(255, (int(gx), int(gy)), glyph)
    small = ImageFont.truetype(STAMP_FONT, max(9, int(diameter * 0.075)))
    for k, line in enumerate(["ВЫПУСК", "РАЗРЕШЕН", reg_office, date_text]):
        w = draw.textlength(line, font=small)
        draw.text((c - w / 2, c - r2 * 0.62 + k * small.size * 1.25), line, fill=255, font=small)
    # uneven ink: knock out random specks
    noise = noise_image(rng, (size, size), 60).point(lambda v: 255 if v > 95 else 0)
    layer = ImageChops.multiply(layer, noise.filter(ImageFilter.GaussianBlur(0.8)))
    layer = layer.rotate(rng.uniform(-40, 40), resample=Image.BICUBIC)
    colour = rng.choice([(40, 60, 170), (90, 50, 160), (60, 60, 190), (110, 60, 170)])
    return layer, colour


def apply_stamp(page, rng, dpi, reg_office, date_text, avoid_top=0.2):
    diameter = int(rng.uniform(36, 44) / 25.4 * dpi)
    layer, colour = make_stamp(rng, diameter, reg_office, date_text)
    w, h = page.size
    spots = [(0.30, 0.86), (0.72, 0.64), (0.28, 0.52), (0.70, 0.90), (0.55, 0.40)]
    fx, fy = rng.choice(spots)
    cx = int((fx + rng.uniform(-0.06, 0.06)) * w)
    cy = int(max(avoid_top + 0.08, fy + rng.uniform(-0.04, 0.04)) * h)
    alpha = layer.point(lambda v: int(v * rng.uniform(0.65, 0.85)))
    ink = Image.new("RGB", layer.size, colour)
    page.paste(ink, (cx - layer.width // 2, cy - layer.height // 2), alpha)


def scan_degrade(page_gray, rng, dpi, stamp=None):
    """page_gray: L image at dpi.  Returns an RGB 'scanned' image."""
    paper = tuple(rng.randint(238, 252) for _ in range(3))
    rgb = Image.merge("RGB", [page_gray.point(lambda v, p=p: int(v * p / 255)) for p in paper])
    if stamp:
        apply_stamp(rgb, rng, dpi, *stamp)
    angle = rng.uniform(-2.0, 2.0)
    rgb = rgb.rotate(angle, resample=Image.BICUBIC, fillcolor=paper, expand=False)
    rgb = rgb.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 0.95)))
    noise = noise_image(rng, rgb.size, rng.uniform(6, 12)).convert("RGB")
    rgb = ImageChops.add(rgb, noise, 1.0, -128)
    draw = ImageDraw.Draw(rgb)
    for _ in range(rng.randint(80, 300)):  # speckle
        x, y = rng.randrange(rgb.width), rng.randrange(rgb.height)
        s = rng.choice([1, 1, 2])
        g = rng.randint(40, 120)
        draw.rectangle([x, y, x + s, y + s], fill=(g, g, g))
    # darker scanner edge on one side
    edge = rng.randint(6, 18)
    draw.rectangle([0, 0, edge, rgb.height], fill=tuple(int(v * 0.8) for v in paper))
    return rgb


def fax_degrade(page_gray, rng, page_no, pages, header):
    """200 dpi L image -> 1-bit image with 200×100 dpi look and a fax header line."""
    w, h = page_gray.size
    im = page_gray.rotate(rng.uniform(-1.0, 1.0), resample=Image.BICUBIC, fillcolor=255)
    im = im.resize((w, h // 2), Image.BOX)  # 100 dpi vertically
    noise = noise_image(rng, im.size, 20)
    im = ImageChops.add(im, noise, 1.0, -128)
    threshold = rng.randint(155, 180)
    im = im.point(lambda v: 255 if v > threshold else 0, mode="1")
    im = im.resize((w, h), Image.NEAREST)  # back to square pixels, rows doubled
    im = im.convert("L")
    draw = ImageDraw.Draw(im)
    font = ImageFont.truetype(FAX_FONT, 22)
    draw.rectangle([0, 0, w, 40], fill=255)
    draw.text((40, 8), header + "  P.%03d/%03d" % (page_no, pages), fill=0, font=font)
    for _ in range(rng.randint(150, 600)):
        x, y = rng.randrange(w), rng.randrange(h)
        draw.point((x, y), fill=0)
    if rng.random() < 0.5:  # a streak from a dirty scanner glass
        x = rng.randrange(w)
        draw.line([x, 0, x, h], fill=0, width=1)
    return im.convert("1", dither=Image.NONE)


# ---------------------------------------------------------------------------


def produce(rendering, born_pdf, records, out_base, doc, rng, tmpdir):
    """Writes out_base + extension for the rendering; returns the file path."""
    reg = doc["reg_number"]
    stamp_args = (reg.split("/")[0], doc["reg_date"].strftime("%d.%m.%Y"))
    if rendering == "born-digital":
        path = out_base + ".pdf"
        os.replace(born_pdf, path)
        return path
    if rendering == "image-pdf":
        pages = rasterise(born_pdf, 300, tmpdir)
        path = out_base + ".pdf"
        images_to_pdf(path, [jpeg_bytes(p, 50) for p in pages], 300)
        return path
    if rendering == "broken-text-layer":
        pages = rasterise(born_pdf, 200, tmpdir)
        path = out_base + ".pdf"
        # clean page image, 8 grey levels, lossless: small and crisp like a PDF printer's output
        images_to_pdf(path, [ImageOps.posterize(p, 3) for p in pages], 200, records)
        return path
    if rendering in ("scan-pdf", "scan-tiff", "scan-jpeg"):
        pages = rasterise(born_pdf, 200, tmpdir)
        stamped = {0} if len(pages) == 1 or rng.random() < 0.6 else {0, len(pages) - 1}
        scans = [scan_degrade(p, rng, 200, stamp_args if i in stamped else None) for i, p in enumerate(pages)]
        quality = rng.randint(30, 45)
        if rendering == "scan-pdf":
            path = out_base + ".pdf"
            images_to_pdf(path, [jpeg_bytes(s, quality) for s in scans], 200)
        elif rendering == "scan-jpeg":
            if len(scans) != 1:
                raise ValueError("scan-jpeg holds one page; the generator limits such documents to one item")
            path = out_base + ".jpg"
            with open(path, "wb") as f:
                f.write(jpeg_bytes(scans[0], quality))
        else:
            path = out_base + ".tif"
            # JPEG artefacts first, then a grayscale multi-page TIFF with JPEG compression (libtiff);
            # office scanners often deliver grey TIFFs, and libtiff's RGB JPEG is not subsampled (large)
            jpeg_round = [Image.open(io.BytesIO(jpeg_bytes(s, quality))).convert("L") for s in scans]
            jpeg_round[0].save(path, "TIFF", save_all=True, append_images=jpeg_round[1:], compression="jpeg",
                               quality=quality, dpi=(200, 200))
        return path
    if rendering == "fax":
        pages = rasterise(born_pdf, 200, tmpdir)
        when = doc["doc_date"].strftime("%d/%m/%Y") + " %02d:%02d" % (rng.randint(8, 19), rng.randint(0, 59))
        header = "%s  FROM: +7 495 %03d %02d %02d  %s" % (when, rng.randint(100, 999), rng.randint(10, 99),
                                                         rng.randint(10, 99), doc["broker"]["name"][:28])
        faxes = [fax_degrade(p, rng, i + 1, len(pages), header) for i, p in enumerate(pages)]
        path = out_base + ".tif"
        faxes[0].save(path, "TIFF", save_all=True, append_images=faxes[1:], compression="group4", dpi=(200, 200))
        return path
    raise ValueError("unknown rendering " + rendering)


RENDERINGS = ["born-digital", "image-pdf", "scan-pdf", "scan-tiff", "scan-jpeg", "fax", "broken-text-layer"]
