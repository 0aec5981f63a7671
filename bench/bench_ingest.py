#!/usr/bin/python3
"""Benchmark of `declx ingest` (not a test: it prints figures, it never fails).

On a corpus made by tools/gen/generate.py, in one run:
  * pages/s of `declx ingest` for born-digital PDFs and for scans, with --jobs 1 and 2;
  * the OCR floor: the `tesseract` command line on the same page images (PDF pages rendered
    by pdftoppm at the ingest's 300 dpi, TIFF frames split; images under 250 dpi upscaled to
    300 as declx does before OCR), one process per page, OMP_THREAD_LIMIT=1, one and two at
    a time;
  * `pdftotext` run once per born-digital file, one and two at a time;
  * peak memory (getrusage) of the largest worker and of the supervisor, the latter for a
    quarter of the born-digital set and for all of it (flat memory: it must not grow).
Targets (issue 6): scans >= 0.9x the floor at the same parallelism; born-digital >= 3x the
pdftotext-per-file rate; 2 jobs >= 1.8x 1 job.

    /usr/bin/python3 bench/bench_ingest.py --declx build/tools/declx [--born 40] [--scans 8]

Figures depend on the machine's load: other processes on the same cores slow OCR.
"""
import argparse
import concurrent.futures
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(argv, **kwargs):
    return subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, **kwargs)


def generate(out, count, seed, renderings):
    if count == 0:  # that part of the benchmark is skipped
        out.mkdir(parents=True, exist_ok=True)
        return
    if out.exists() and len(list(out.glob("*.truth.json"))) == count:
        return
    shutil.rmtree(out, ignore_errors=True)
    run(["/usr/bin/python3", str(REPO / "tools/gen/generate.py"), "--out", str(out), "--count",
         str(count), "--seed", seed, "--jobs", "2", "--renderings", *renderings])


def documents(folder):
    return sorted(p for p in folder.iterdir() if p.suffix in (".pdf", ".tif", ".tiff", ".jpg"))


INGEST_ARGS = []  # extra `declx ingest` options (--no-reread)


def ingest(declx, inputs, jobs, work):
    db = work / f"bench-{os.getpid()}-{time.monotonic_ns()}.sqlite"
    log = db.with_suffix(".jsonl")
    argv = [declx, "ingest", *map(str, inputs), "--db", str(db), "--jobs", str(jobs),
            "--exclude", "*.json", "--quiet", "--log-json", str(log), *INGEST_ARGS]
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    start, cpu_start = time.monotonic(), children_cpu()
    completed = subprocess.run(argv, env=env)
    wall, cpu = time.monotonic() - start, children_cpu() - cpu_start
    summary = [json.loads(line) for line in log.read_text().splitlines()][-1]
    for path in (db, Path(str(db) + "-wal"), Path(str(db) + "-shm"), log):
        path.unlink(missing_ok=True)
    return {"exit": completed.returncode, "wall": wall, "pages": summary["pages"],
            "ocr_pages": summary["ocr_pages"], "done": summary["done"], "failed": summary["failed"],
            "pages_per_s": summary["pages"] / wall, "cpu": cpu, "worker_peak_mib": summary["worker_peak_kib"] / 1024,
            "supervisor_peak_mib": summary["supervisor_peak_kib"] / 1024}


MIN_OCR_DPI, OCR_DPI = 250, 300  # readers/ocr_engine.cpp: images below 250 dpi are read at 300


def floor_image(image, target):
    """Saves one page image as declx OCRs it: upscaled (grey, bicubic) to 300 dpi when below 250."""
    from PIL import Image  # python3-pil, Debian
    dpi = image.info.get("dpi")
    if not dpi or not 100 <= dpi[0] <= 2400:  # as declx: no plausible resolution, so A4's long side
        dpi = (max(image.size) / 11.69,) * 2
    if dpi[0] < MIN_OCR_DPI:
        factor = OCR_DPI / dpi[0]
        image = image.convert("L").resize((round(image.width * factor), round(image.height * factor)),
                                          Image.BICUBIC)
        dpi = (OCR_DPI, OCR_DPI)
    image.save(target, dpi=(round(dpi[0]), round(dpi[1])))
    return target


def page_images(scans, out):
    """The page images the OCR floor reads: what declx would render or decode, at the
    resolution declx hands to Tesseract."""
    from PIL import Image  # python3-pil, Debian
    out.mkdir(parents=True, exist_ok=True)
    images = []
    for doc in scans:
        if doc.suffix == ".pdf":
            prefix = out / doc.stem
            run(["pdftoppm", "-r", str(OCR_DPI), "-gray", "-png", str(doc), str(prefix)])
            images += sorted(out.glob(doc.stem + "-*.png"))
        else:
            with Image.open(doc) as image:
                for frame in range(getattr(image, "n_frames", 1)):
                    image.seek(frame)
                    images.append(floor_image(image, out / f"{doc.stem}-{frame + 1}.png"))
    return images


def parallel_wall(commands, parallelism, env=None):
    """Wall seconds and CPU seconds (all processes) of running `commands`, `parallelism` at a time."""
    start, cpu_start = time.monotonic(), children_cpu()
    with concurrent.futures.ThreadPoolExecutor(parallelism) as pool:
        list(pool.map(lambda argv: run(argv, env=env, stderr=subprocess.DEVNULL), commands))
    return time.monotonic() - start, children_cpu() - cpu_start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--declx", default=str(REPO / "build/tools/declx"))
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "declx-bench-ingest"))
    parser.add_argument("--born", type=int, default=40, help="born-digital documents")
    parser.add_argument("--scans", type=int, default=8, help="scanned documents")
    parser.add_argument("--seed", default="bench-ingest-1")
    parser.add_argument("--lang", default="rus+eng")
    parser.add_argument("--no-reread", action="store_true",
                        help="pass --no-reread to declx ingest (page OCR only, no box re-reading)")
    args = parser.parse_args()
    if args.no_reread:
        INGEST_ARGS.append("--no-reread")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    declx = os.path.abspath(args.declx)

    born_dir, scan_dir = work / "born-digital", work / "scans"
    generate(born_dir, args.born, args.seed, ["born-digital"])
    generate(scan_dir, args.scans, args.seed, ["scan-pdf", "scan-tiff", "image-pdf", "scan-jpeg", "fax"])
    born, scans = documents(born_dir), documents(scan_dir)

    results = {}
    for name, inputs in (("born-digital", born), ("scans", scans)):
        if not inputs:
            print(f"{name}: none asked for (--{'born' if name == 'born-digital' else 'scans'} 0), skipped")
            continue
        for jobs in (1, 2):
            results[(name, jobs)] = r = ingest(declx, inputs, jobs, work)
            print(f"declx ingest {name:12s} --jobs {jobs}: {r['pages']:4d} pages "
                  f"({r['ocr_pages']} OCR) in {r['wall']:7.2f} s = {r['pages_per_s']:7.2f} pages/s "
                  f"({r['cpu'] / max(1, r['pages']) * 1000:.0f} ms CPU/page); "
                  f"done {r['done']}, failed {r['failed']}; worker peak {r['worker_peak_mib']:.0f} MiB, "
                  f"supervisor peak {r['supervisor_peak_mib']:.0f} MiB", flush=True)

    if born:
        report_born(declx, born, results, work)
    if scans:
        report_scans(scans, results, work, args.lang)
    for name, inputs in (("born-digital", born), ("scans", scans)):
        if inputs:
            print(f"  {name} --jobs 2 / --jobs 1: "
                  f"{results[(name, 2)]['pages_per_s'] / results[(name, 1)]['pages_per_s']:.2f}x  [>= 1.8]")
    load = os.getloadavg()
    print(f"\nload average during the run: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores")
    return 0


def report_born(declx, born, results, work):
    """Flat supervisor memory and the born-digital rate against pdftotext."""
    quarter = ingest(declx, born[: max(1, len(born) // 4)], 2, work)
    print(f"flat memory: supervisor peak {quarter['supervisor_peak_mib']:.1f} MiB for "
          f"{max(1, len(born) // 4)} documents, {results[('born-digital', 2)]['supervisor_peak_mib']:.1f} "
          f"MiB for {len(born)}")

    born_pages = results[("born-digital", 1)]["pages"]
    pdftotext = {}
    for parallelism in (1, 2):
        wall, cpu = parallel_wall([["pdftotext", str(doc), "/dev/null"] for doc in born], parallelism)
        pdftotext[parallelism] = born_pages / wall
        pdftotext_cpu = cpu / born_pages
        print(f"pdftotext per file ({parallelism} at a time): {len(born)} files, {born_pages} pages in "
              f"{wall:6.2f} s = {pdftotext[parallelism]:.1f} pages/s ({pdftotext_cpu * 1000:.1f} ms "
              f"CPU/page)", flush=True)
    print("\nborn-digital ratios (targets in brackets):")
    for parallelism in (1, 2):
        print(f"  born-digital --jobs 2 / pdftotext {parallelism} at a time: "
              f"{results[('born-digital', 2)]['pages_per_s'] / pdftotext[parallelism]:.2f}x  [>= 3]")
    born_cpu = results[("born-digital", 1)]["cpu"] / max(1, born_pages)
    print(f"  CPU per page, born-digital --jobs 1 / pdftotext per file: {born_cpu / pdftotext_cpu:.2f}x "
          f"(<= 0.33 would mean >= 3x its rate at equal parallelism)")


def report_scans(scans, results, work, lang):
    """The scans' rate against the tesseract CLI on the same page images."""
    images = page_images(scans, work / "page-images")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    out_base = str(work / "tesseract-out")
    commands = [["tesseract", str(image), out_base + str(i), "-l", lang]
                for i, image in enumerate(images)]
    floor = {}
    for parallelism in (1, 2):
        wall, cpu = parallel_wall(commands, parallelism, env)
        floor[parallelism] = len(images) / wall
        floor_cpu = cpu / len(images)
        print(f"OCR floor (tesseract CLI, {parallelism} at a time): {len(images)} pages in {wall:7.2f} s"
              f" = {floor[parallelism]:.3f} pages/s ({floor_cpu * 1000:.0f} ms CPU/page)", flush=True)
    print("\nscan ratios (targets in brackets):")
    for jobs in (1, 2):
        print(f"  scans --jobs {jobs} / OCR floor {jobs} at a time: "
              f"{results[('scans', jobs)]['pages_per_s'] / floor[jobs]:.2f}x  [>= 0.9]")
    ingest_cpu = results[("scans", 1)]["cpu"] / max(1, results[("scans", 1)]["pages"])
    print(f"  CPU per page, scans --jobs 1 / tesseract CLI: {ingest_cpu / floor_cpu:.2f}x "
          f"(load-independent; <= 1.11 means >= 0.9x the floor's rate on idle cores)")


if __name__ == "__main__":
    sys.exit(main())
