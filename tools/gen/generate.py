#!/usr/bin/python3
"""Generate synthetic Russian goods declarations (ДТ) with exact ground truth.

    tools/gen/generate.py --out DIR --count N --seed S [--renderings R ...] [--layouts L ...]
                          [--jobs J] [--prefix dt] [--start 0]

Per document: the rendered file (DOC.pdf / DOC.tif / DOC.jpg) and DOC.truth.json
(schema declx.truth/1, described in samples/README.md).  Output is fully
determined by --seed, the document index and the options: the same command gives
byte-identical files, whatever --jobs is.

Document i gets rendering R[i mod |R|] and layout L[(i + i div |R|) mod |L|], so every
rendering/layout pair occurs; --combos LAYOUT:RENDERING ... gives the pairs explicitly.
Documents rendered as scan-jpeg hold one goods item (one page, ДТ1 only).
"""

import argparse
import json
import multiprocessing
import os
import random
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import content  # noqa: E402
import layout  # noqa: E402
import render  # noqa: E402

LAYOUTS = ["official", "broker", "dense"]
# Items per document: biased to small documents; 12 items = 5 pages.
ITEM_COUNTS = [1, 1, 2, 2, 3, 4, 4, 5, 6, 7, 8, 9, 10, 12]


def plan(index, renderings, layouts, seed, combos=None, max_items=12):
    """Rendering, layout and item count of document `index` (round-robin so every pair occurs)."""
    if combos:
        lay, rendering = combos[index % len(combos)]
    else:
        rendering = renderings[index % len(renderings)]
        lay = layouts[(index + index // len(renderings)) % len(layouts)]
    rng = random.Random("%s:%d:plan" % (seed, index))
    counts = [n for n in ITEM_COUNTS if n <= max_items] or [1]
    n_items = 1 if rendering == "scan-jpeg" else rng.choice(counts)  # JPEG holds one page: ДТ1 only
    return rendering, lay, n_items


def generate_one(args):
    index, out_dir, seed, renderings, layouts, prefix, combos, max_items = args
    rendering, lay, n_items = plan(index, renderings, layouts, seed, combos, max_items)
    rng = random.Random("%s:%d" % (seed, index))
    doc = content.make_document(rng, n_items, lay, rendering)
    name = "%s%04d-%s-%s" % (prefix, index, lay, rendering)
    tmpdir = tempfile.mkdtemp(prefix="declx-gen-")
    try:
        born = os.path.join(tmpdir, "born.pdf")
        drawer = layout.render_pdf(doc, lay, born, rng)
        path = render.produce(rendering, born, drawer.records, os.path.join(out_dir, name), doc, rng, tmpdir)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    truth = doc["truth"]
    with open(os.path.join(out_dir, name + ".truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return {"file": os.path.basename(path), "pages": truth["pages"], "items": n_items, "layout": lay,
            "rendering": rendering, "notes": len(truth["end_use"]), "bytes": os.path.getsize(path)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output directory (created)")
    ap.add_argument("--count", type=int, required=True, help="number of documents")
    ap.add_argument("--seed", default="1", help="seed (any string); same seed, same corpus")
    ap.add_argument("--renderings", nargs="+", default=render.RENDERINGS, choices=render.RENDERINGS)
    ap.add_argument("--layouts", nargs="+", default=LAYOUTS, choices=LAYOUTS)
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="worker processes")
    ap.add_argument("--prefix", default="dt", help="file name prefix")
    ap.add_argument("--start", type=int, default=0, help="index of the first document")
    ap.add_argument("--max-items", type=int, default=12, help="at most this many goods items per document")
    ap.add_argument("--combos", nargs="+", metavar="LAYOUT:RENDERING",
                    help="explicit layout:rendering pairs, used round-robin instead of the two lists")
    args = ap.parse_args(argv)
    combos = None
    if args.combos:
        combos = []
        for c in args.combos:
            lay, _, rend = c.partition(":")
            if lay not in LAYOUTS or rend not in render.RENDERINGS:
                ap.error("bad --combos entry %r (layouts: %s; renderings: %s)"
                         % (c, ", ".join(LAYOUTS), ", ".join(render.RENDERINGS)))
            combos.append((lay, rend))

    os.makedirs(args.out, exist_ok=True)
    tasks = [(i, args.out, args.seed, args.renderings, args.layouts, args.prefix, combos, args.max_items)
             for i in range(args.start, args.start + args.count)]
    if args.jobs > 1:
        with multiprocessing.Pool(args.jobs) as pool:
            results = pool.map(generate_one, tasks, chunksize=1)
    else:
        results = [generate_one(t) for t in tasks]

    pages = sum(r["pages"] for r in results)
    items = sum(r["items"] for r in results)
    notes = sum(r["notes"] for r in results)
    size = sum(r["bytes"] for r in results)
    by = {}
    for r in results:
        key = (r["layout"], r["rendering"])
        by[key] = by.get(key, 0) + 1
    print("%d documents, %d pages, %d goods items, %d end-use notes, %.1f MB in %s"
          % (len(results), pages, items, notes, size / 1e6, args.out))
    for (lay, rend), n in sorted(by.items()):
        print("  %-9s %-18s %d" % (lay, rend, n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
