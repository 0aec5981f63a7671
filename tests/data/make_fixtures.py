#!/usr/bin/python3
"""Makes the small reader fixtures in tests/data/ (committed; rerun after changing this).

Every file is deterministic and tiny. The word positions the tests check are written to
fixtures.json, so the tests compare against what was actually drawn.
Usage: tests/data/make_fixtures.py [OUTDIR]   (default: the directory of this script)
       tests/data/make_fixtures.py --bench OUTDIR
         writes benchmark inputs (not committed): bench-text.pdf, 50 dense born-digital
         A4 pages, and bench-scan.pdf, 2 full A4 pages that are only images of text.
"""
import json
import os
import struct
import sys
import zlib

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

BENCH = len(sys.argv) > 2 and sys.argv[1] == "--bench"
OUT = sys.argv[-1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
pdfmetrics.registerFont(TTFont("DejaVu", FONT))
A4 = (595.0, 842.0)
facts = {}


def path(name):
    return os.path.join(OUT, name)


def new_canvas(name, **kwargs):
    c = canvas.Canvas(path(name), pagesize=A4, invariant=1, **kwargs)
    c.setAuthor("declx tests")
    return c


# Lines of a small declaration-like text: Cyrillic with some Latin, as on a real form.
LINES = [
    "ДЕКЛАРАЦИЯ НА ТОВАРЫ 10005030/150322/0123456",
    "Отправитель: SHENZHEN HUAWEI TECHNOLOGY CO LTD",
    "Получатель: ООО Ромашка, ИНН 7701234567",
    "Налоговая стоимость товаров 12345.67 USD",
    "Условия поставки FCA ПЕКИН",
]


def draw_text_page(c, top=100.0, size=12.0):
    """Draws LINES with a real, Unicode-mapped font; returns word boxes in points (top-left)."""
    words = []
    c.setFont("DejaVu", size)
    for i, line in enumerate(LINES):
        y = top + i * 2 * size  # baseline, from the top
        c.drawString(72, A4[1] - y, line)
        x = 72.0
        for word in line.split(" "):
            width = pdfmetrics.stringWidth(word, "DejaVu", size)
            words.append({"text": word, "bbox": [x, y - size * 0.76, x + width, y + size * 0.24]})
            x += width + pdfmetrics.stringWidth(" ", "DejaVu", size)
    return words


def text_image(scale_dpi=300, lines=LINES, size_pt=12.0, width_pt=560.0, height_pt=None,
               margin_pt=20.0):
    """Renders lines into a white greyscale image; returns (image, word boxes in points)."""
    px = scale_dpi / 72.0
    height_pt = height_pt or margin_pt * 2 + len(lines) * size_pt * 2
    img = Image.new("L", (round(width_pt * px), round(height_pt * px)), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, round(size_pt * px))
    words = []
    for i, line in enumerate(lines):
        y = (margin_pt + i * size_pt * 2) * px
        x = margin_pt * px
        for word in line.split(" "):
            box = draw.textbbox((x, y), word, font=font)
            draw.text((x, y), word, font=font, fill=0)
            words.append({"text": word, "bbox": [v / px for v in box]})
            x = box[2] + draw.textlength(" ", font=font)
    img.info["dpi"] = (scale_dpi, scale_dpi)
    return img, words


def dense_lines(page, count=64):
    """Lines like a filled declaration sheet: labels, names, codes and numbers."""
    words = ["Декларант", "Получатель", "ООО", "Ромашка", "ИНН", "7701234567", "КПП",
             "770101001", "товар", "8529109000", "масса", "брутто", "12.5", "кг", "SHENZHEN",
             "TECHNOLOGY", "CO", "LTD", "стоимость", "12345.67", "USD", "FCA", "ПЕКИН",
             "страна", "происхождения", "CN", "наименование", "оборудование", "для"]
    return [" ".join(words[(page * 7 + line * 5 + k * 3) % len(words)] for k in range(11))
            for line in range(count)]


if BENCH:
    os.makedirs(OUT, exist_ok=True)
    c = new_canvas("bench-text.pdf")
    for p in range(50):
        c.setFont("DejaVu", 8.5)
        for i, line in enumerate(dense_lines(p)):
            c.drawString(40, A4[1] - 50 - i * 11.5, line)
        c.showPage()
    c.save()
    c = new_canvas("bench-scan.pdf")
    for p in range(2):
        img, _ = text_image(lines=dense_lines(p, 56), size_pt=9.0, width_pt=595.0,
                            height_pt=842.0, margin_pt=36.0)
        img = img.rotate(0.8, fillcolor=255)  # a little skew, as scans have
        img.save(path("_bench.png"), dpi=(300, 300))
        c.drawImage(path("_bench.png"), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()
    os.remove(path("_bench.png"))
    print("benchmark inputs written to", OUT)
    sys.exit(0)


# 1. A born-digital page: healthy text layer with known word boxes.
c = new_canvas("text.pdf")
facts["text.pdf"] = {"words": draw_text_page(c)}
c.showPage()
c.save()

# 2. A Cyrillic+Latin scan for OCR (300 dpi PNG).
img, words = text_image()
img.save(path("scan.png"), dpi=(300, 300), optimize=True)
facts["scan.png"] = {"words": words, "width_pt": img.width * 72 / 300,
                     "height_pt": img.height * 72 / 300}

# 3. The same scan upside down (orientation detection).
img.rotate(180).save(path("scan-upside-down.png"), dpi=(300, 300), optimize=True)

# 4. Mixed PDF: page 1 has a text layer, page 2 is only an image of text.
c = new_canvas("mixed.pdf")
draw_text_page(c)
c.showPage()
img_lines = ["Таможенная декларация", "Получатель: ООО Ромашка"]
img2, words2 = text_image(lines=img_lines, size_pt=14.0, width_pt=400.0)
img2.save(path("_page2.png"), dpi=(300, 300))
c.drawImage(path("_page2.png"), 72, A4[1] - 72 - img2.height * 72 / 300,
            width=img2.width * 72 / 300, height=img2.height * 72 / 300)
c.showPage()
c.save()
os.remove(path("_page2.png"))
facts["mixed.pdf"] = {"page2_words": [{"text": w["text"],
                                       "bbox": [w["bbox"][0] + 72, w["bbox"][1] + 72,
                                                w["bbox"][2] + 72, w["bbox"][3] + 72]}
                                      for w in words2]}

# 5. Broken Cyrillic text layer: the visible page is an image of Cyrillic text, and the
# invisible text layer (render mode 3, as OCR'd or badly converted PDFs have) holds the
# Latin look-alike garbage a font without a Unicode map extracts as.
GARBAGE = [
    "AEKnAPAUNR HA TOBAPbI 10005030/150322/0123456",
    "OTnpaBuTenb: SHENZHEN HUAWEI TECHNOLOGY CO LTD",
    "Tlonyyatenb: OOO Pomawka, NHH 7701234567",
    "Hanorosas ctonmoctb tosapos 12345.67 USD",
    "Ycnosns nocTaBkn FCA NEKNH",
]
c = new_canvas("broken-cyrillic.pdf")
img3, _ = text_image(width_pt=500.0)
img3.save(path("_broken.png"), dpi=(300, 300))
c.drawImage(path("_broken.png"), 40, A4[1] - 40 - img3.height * 72 / 300,
            width=img3.width * 72 / 300, height=img3.height * 72 / 300)
os.remove(path("_broken.png"))
t = c.beginText()
t.setTextRenderMode(3)
t.setFont("Helvetica", 12)
for i, line in enumerate(GARBAGE):
    t.setTextOrigin(60, A4[1] - 72 - i * 24)
    t.textLine(line)
c.drawText(t)
c.showPage()
c.save()

# 6. An English-only born-digital page: must pass the health check.
c = new_canvas("english.pdf")
c.setFont("Helvetica", 11)
english = [
    "This certificate confirms that the goods listed in the attached invoice are",
    "intended for civil use only and will not be transferred to any third party",
    "without the written consent of the supplier. The buyer shall provide the end",
    "user statement at the request of the seller or of the export control authority.",
]
for i, line in enumerate(english):
    c.drawString(72, A4[1] - 100 - i * 16, line)
c.showPage()
c.save()

# 7. Encrypted (user password required).
c = new_canvas("encrypted.pdf", encrypt=StandardEncryption("secret", ownerPassword="owner"))
draw_text_page(c)
c.showPage()
c.save()

# 8. Truncated: the first half of a valid PDF.
with open(path("text.pdf"), "rb") as f:
    data = f.read()
with open(path("truncated.pdf"), "wb") as f:
    f.write(data[: len(data) // 2])

# 9. Corrupt: a PDF header and end marker around garbage.
with open(path("corrupt.pdf"), "wb") as f:
    f.write(b"%PDF-1.4\n" + bytes((i * 37) % 256 for i in range(600)) + b"\n%%EOF\n")

# 10. Empty file.
open(path("empty.pdf"), "wb").close()

# 11. A PNG whose header claims 100000 x 100000 pixels (10^10): must be refused from the
# header alone, before any decoding.
def chunk(kind, body):
    return (struct.pack(">I", len(body)) + kind + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
with open(path("huge.png"), "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", 100000, 100000, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))

# 12. Unsupported: a text file with a .pdf name (sniffing ignores names).
with open(path("not-a-pdf.pdf"), "wb") as f:
    f.write(b"Just some text, not a PDF at all.\n")

# 13. A two-page TIFF (G4) for sniffing and page counting.
small = img.convert("1")
small.save(path("two-pages.tif"), save_all=True, append_images=[small], compression="group4",
           dpi=(300, 300))

# Magic bytes of other formats Leptonica reads, for the sniffer test.
tiny = Image.new("L", (8, 8), 255)
for ext, fmt in [("jpg", "JPEG"), ("bmp", "BMP"), ("gif", "GIF"), ("pgm", "PPM"),
                 ("webp", "WEBP")]:
    tiny.save(path("tiny." + ext), fmt)

with open(path("fixtures.json"), "w", encoding="utf-8") as f:
    json.dump(facts, f, ensure_ascii=False, indent=1)
print("fixtures written to", OUT)
