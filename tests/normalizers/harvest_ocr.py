#!/usr/bin/python3
"""Harvests real Tesseract misreadings of short declaration strings, for the test tables.

Renders each string with PIL at ~200 dpi in a few fonts, degrades it (downsampling, blur,
speckle noise, low contrast — what faxes and scans do), runs the real `tesseract` CLI
(rus, and rus+eng, --psm 7) and prints "kind<TAB>truth<TAB>ocr" for every reading that
differs from the truth. The pairs were pasted into tests/normalizers/*.cpp tables, each marked
"tesseract 5.3". Re-run: OMP_THREAD_LIMIT=1 /usr/bin/python3 tests/normalizers/harvest_ocr.py
"""
import os
import random
import subprocess
import sys
import tempfile

from PIL import Image, ImageDraw, ImageFilter, ImageFont

os.environ["OMP_THREAD_LIMIT"] = "1"
random.seed(20240215)

FONTS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
]

SAMPLES = [
    ("reg", "10005030/150322/0123456"), ("reg", "10702070/010121/0004567"),
    ("reg", "10130090/241123/3012345"), ("reg", "10216170/050722/Э001234"),
    ("inn", "7707083893"), ("inn", "7731084175"), ("inn", "5024048000"), ("inn", "123456789047"),
    ("ogrn", "1027700132195"), ("ogrn", "1037739010891"), ("kpp", "773101001"),
    ("hs", "8529 10 900 0"), ("hs", "8542310001"), ("hs", "8517 62 000 9"), ("hs", "9013 80 900 0"),
    ("date", "15.03.2022"), ("date", "01.10.2023"), ("date", "15 марта 2022 г."),
    ("date", "28 февраля 2023 г."),
    ("num", "1 250,500"), ("num", "141.192000"), ("num", "12158.00"), ("num", "36 805,17"),
    ("country", "КИТАЙ"), ("country", "ГОНКОНГ"), ("country", "ТУРЦИЯ"),
    ("country", "ОБЪЕДИНЕННЫЕ АРАБСКИЕ ЭМИРАТЫ"), ("country", "РОССИЯ"),
    ("ccode", "CN"), ("ccode", "HK"), ("ccode", "RU"), ("ccode", "AE"), ("ccode", "TR"),
    ("cur", "USD"), ("cur", "CNY"), ("cur", "EUR"), ("terms", "FCA ПЕКИН"), ("terms", "CIP МОСКВА"),
    ("terms", "EXW ШЭНЬЧЖЭНЬ"), ("terms", "DAP ЗАБАЙКАЛЬСК"),
    ("org", 'АО "КОНЦЕРН ВКО "АЛМАЗ-АНТЕЙ"'), ("org", "SHENZHEN HUAXIN TECHNOLOGY CO., LTD"),
    ("org", 'ООО "РАДИОКОМПЛЕКТ"'), ("des", "ЗРС С-400"), ("des", "РЛС 96Л6Е"),
    ("des", "ПАНЦИРЬ-С1"),
]


def render(text, font_path, size, degrade):
    font = ImageFont.truetype(font_path, size)
    left, top, right, bottom = font.getbbox(text)
    img = Image.new("L", (right + 40, bottom + 30), 255)
    ImageDraw.Draw(img).text((20, 12), text, font=font, fill=0)
    if degrade >= 1:  # fax-like: down to ~100 dpi and back
        w, h = img.size
        img = img.resize((w // 2, h // 2), Image.BILINEAR).resize((w, h), Image.NEAREST)
    if degrade >= 2:
        img = img.filter(ImageFilter.GaussianBlur(0.9))
        px = img.load()
        w, h = img.size
        for _ in range(w * h // 60):
            x, y = random.randrange(w), random.randrange(h)
            px[x, y] = 0 if random.random() < 0.5 else 255
    if degrade >= 3:
        img = img.point(lambda v: 90 + v * 0.5)
    return img


def ocr(img, lang):
    with tempfile.NamedTemporaryFile(suffix=".png") as f:
        img.save(f.name, dpi=(200, 200))
        out = subprocess.run(["tesseract", f.name, "-", "-l", lang, "--psm", "7", "--dpi", "200"],
                             capture_output=True, text=True, check=False)
    return out.stdout.strip()


def main():
    seen = set()
    for kind, truth in SAMPLES:
        for font in FONTS:
            for degrade in (1, 2, 3):
                for lang in ("rus", "rus+eng"):
                    got = ocr(render(truth, font, 26, degrade), lang)
                    if got and got != truth and (kind, truth, got) not in seen:
                        seen.add((kind, truth, got))
                        print(f"{kind}\t{truth}\t{got}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
