#!/usr/bin/python3
"""Self-test of the generator:  /usr/bin/python3 tools/gen/test_generate.py   (about 15 s)

Generates one small document per rendering and checks what the corpus promises: valid
identifiers, page counts that match the truth, a healthy Cyrillic text layer in born-digital
PDFs, a garbage (Latin look-alike) text layer in broken ones, image formats, reproducibility.
"""

import glob
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import unittest

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import content  # noqa: E402
import generate  # noqa: E402
import render  # noqa: E402


def pdf_pages(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout


CYRILLIC = re.compile("[А-Яа-яЁё]")


class IdentifierTest(unittest.TestCase):
    def test_check_digits_match_domain_examples(self):
        self.assertTrue(content.is_valid_inn10("7707083893"))
        self.assertFalse(content.is_valid_inn10("7707083894"))
        self.assertTrue(content.is_valid_ogrn("1027700132195"))
        self.assertFalse(content.is_valid_ogrn("1027700132196"))

    def test_generated_parties_are_valid(self):
        for k in range(40):
            t = content.make_document(random.Random(k), 3, "official", "born-digital")["truth"]
            for role in ("consignee", "declarant"):
                p = t[role]
                self.assertTrue(content.is_valid_inn10(p["inn"]), p)
                self.assertTrue(content.is_valid_ogrn(p["ogrn"]), p)
                self.assertRegex(p["kpp"], r"^\d{4}[0-9A-Z]{2}\d{3}$")
            self.assertIsNone(t["consignor"]["inn"])
            self.assertRegex(t["declaration_number"], r"^\d{8}/\d{6}/[0-9Э]\d{6}$")
            for it in t["items"]:
                self.assertRegex(it["hs_code"], r"^\d{10}$")
                for n in it["end_use"]:
                    if n["contract_id"]:
                        self.assertEqual(len(n["contract_id"]), 25)
                    if n["negated"]:
                        self.assertFalse(n["military"])


class RenderingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="declx-gen-test-")
        combos = ["official:born-digital", "broker:image-pdf", "dense:scan-pdf", "official:scan-tiff",
                  "broker:scan-jpeg", "dense:fax", "official:broken-text-layer"]
        cls.args = ["--count", "7", "--seed", "t1", "--max-items", "4", "--jobs", "2", "--combos"] + combos
        generate.main(["--out", cls.dir] + cls.args)
        cls.truth = {}
        for path in glob.glob(os.path.join(cls.dir, "*.truth.json")):
            with open(path, encoding="utf-8") as f:
                t = json.load(f)
            cls.truth[t["rendering"]] = (path[: -len(".truth.json")], t)

    def doc(self, rendering, ext):
        stem, t = self.truth[rendering]
        self.assertTrue(os.path.exists(stem + ext), stem + ext)
        return stem + ext, t

    def test_every_rendering_present(self):
        self.assertEqual(sorted(self.truth), sorted(render.RENDERINGS))

    def test_born_digital_text_layer_is_cyrillic(self):
        path, t = self.doc("born-digital", ".pdf")
        self.assertEqual(pdf_pages(path), t["pages"])
        text = pdf_text(path)
        self.assertIn(t["declaration_number"], text)
        self.assertIn(t["consignee"]["inn"], text)
        self.assertIn("Получатель", text)

    def test_broken_text_layer_is_garbage_but_positions_exist(self):
        path, t = self.doc("broken-text-layer", ".pdf")
        self.assertEqual(pdf_pages(path), t["pages"])
        text = pdf_text(path)
        self.assertGreater(len(text.split()), 100)  # there is a text layer ...
        self.assertIsNone(CYRILLIC.search(text))  # ... without a single Cyrillic letter
        self.assertIn(render.garble(t["declaration_number"]), text)  # digits survive, a leading Э does not
        self.assertIn(render.garble("Получатель"), text)

    def test_image_pdfs_have_no_text(self):
        for rendering in ("image-pdf", "scan-pdf"):
            path, t = self.doc(rendering, ".pdf")
            self.assertEqual(pdf_pages(path), t["pages"])
            self.assertEqual(pdf_text(path).strip(), "")

    def test_tiffs_and_jpeg(self):
        path, t = self.doc("fax", ".tif")
        with Image.open(path) as im:
            self.assertEqual(im.n_frames, t["pages"])
            self.assertEqual(im.mode, "1")
            self.assertEqual(im.info.get("compression"), "group4")
        path, t = self.doc("scan-tiff", ".tif")
        with Image.open(path) as im:
            self.assertEqual(im.n_frames, t["pages"])
            self.assertEqual(im.size, (1654, 2339))
        path, t = self.doc("scan-jpeg", ".jpg")
        self.assertEqual(t["pages"], 1)
        with Image.open(path) as im:
            self.assertEqual(im.format, "JPEG")
            self.assertEqual(im.mode, "RGB")

    def test_reproducible(self):
        other = tempfile.mkdtemp(prefix="declx-gen-test-")
        generate.main(["--out", other] + [a if a != "2" else "1" for a in self.args])

        def digest(d, name):
            p = os.path.join(d, name)
            if name.endswith(".tif"):  # libtiff leaves a padding byte undefined: compare pixels
                with Image.open(p) as im:
                    frames = []
                    for i in range(im.n_frames):
                        im.seek(i)
                        frames.append(hashlib.sha256(im.tobytes()).hexdigest())
                    return frames
            with open(p, "rb") as f:
                return hashlib.sha256(f.read()).hexdigest()

        names = sorted(os.listdir(self.dir))
        self.assertEqual(names, sorted(os.listdir(other)))
        for name in names:
            self.assertEqual(digest(self.dir, name), digest(other, name), name)


if __name__ == "__main__":
    unittest.main()
