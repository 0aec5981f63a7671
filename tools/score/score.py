#!/usr/bin/python3
"""Score declx records against generator ground truth, field by field.

    tools/score/score.py --declx build/tools/declx --corpus DIR [--json OUT] [--jobs N]
    tools/score/score.py --predictions PRED_DIR --corpus DIR [--json OUT]

Run mode calls `declx extract FILE --jsonl` once per document of DIR (every DOC.truth.json
beside DOC.pdf / .tif / .tiff / .jpg / .jpeg / .png); a missing binary, a crash, a timeout or
unparsable output scores that document as "nothing predicted".  --save-predictions DIR keeps
the records.  Predictions mode reads PRED_DIR/DOC.json (or DOC.jsonl) instead.

Comparison: strings after canonicalisation (NFKC, case, quotes, whitespace, dashes,
Cyrillic/Latin look-alike letters); identifiers and codes by their characters only; numbers
within 0.005; goods items matched by item_no.  A field whose truth is null is not counted in
recall, but predicting a value for it counts as a wrong prediction.

Precision = correct / predicted fields, recall = correct / truth fields (micro, per rendering
and per layout).  End use: per goods item, military end use (true/false), canonical system
names, ИГК contract ids and negated civil-use notes, each with precision/recall/F1.
"""

import argparse
import concurrent.futures
import glob
import json
import os
import re
import subprocess
import sys
import time
import unicodedata

DOC_EXTENSIONS = (".pdf", ".tif", ".tiff", ".jpg", ".jpeg", ".png")
NUMBER_TOLERANCE = 0.005

# Cyrillic and Latin letters that look alike fold to one (Latin) form.
HOMOGLYPHS = str.maketrans({
    "А": "A", "В": "B", "Е": "E", "Ё": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
})
QUOTES = "\"'«»„“”‟‘’‚‹›`´"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad"
SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u3000\t\r\n"


def canonical(text):
    """Case-, quote-, dash-, space- and look-alike-insensitive form of a printed string."""
    if text is None:
        return None
    s = unicodedata.normalize("NFKC", str(text)).upper()
    s = s.translate(HOMOGLYPHS)
    s = "".join("-" if ch in DASHES else " " if ch in SPACES else ch for ch in s if ch not in QUOTES)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"\s*([,.;:/()№-])\s*", r"\1", s)
    return s.rstrip(".,; ")


def canonical_compact(text):
    """For text that wraps over lines (box 31) and legal forms: drop every space and dot/comma."""
    c = canonical(text)
    return None if c is None else re.sub(r"[\s.,]", "", c)


def canonical_code(text):
    """Identifiers, codes, registration numbers: letters and digits only, look-alikes folded."""
    if text is None:
        return None
    s = unicodedata.normalize("NFKC", str(text)).upper().translate(HOMOGLYPHS)
    return re.sub(r"[^0-9A-ZА-Я/]", "", s) if "/" in s else re.sub(r"[^0-9A-ZА-Я]", "", s)


def canonical_system(text):
    c = canonical(text)
    return None if c is None else re.sub(r"[\s-]", "", c)


def parse_number(value):
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    s = "".join(ch for ch in str(value) if ch not in SPACES + " ")
    if "," in s and "." not in s:
        s = s.replace(",", ".")
    elif "," in s and "." in s:
        s = s.replace(",", "")
    try:
        return float(s)
    except ValueError:
        return None


# Field kinds: how a field is compared
NUMBER, STRING, COMPACT, CODE, DATE = "number", "string", "compact", "code", "date"

PARTY_FIELDS = [("name", STRING), ("legal_form", COMPACT), ("address", STRING), ("country", CODE),
                ("inn", CODE), ("kpp", CODE), ("ogrn", CODE)]
HEADER_FIELDS = [("declaration_number", CODE), ("declaration_date", DATE), ("direction", CODE),
                 ("procedure", CODE)] + \
    [("%s.%s" % (party, f), kind) for party in ("consignor", "consignee", "declarant") for f, kind in PARTY_FIELDS] + \
    [("country_dispatch", CODE), ("country_origin", CODE), ("country_destination", CODE),
     ("delivery_terms.incoterm", CODE), ("delivery_terms.place", STRING), ("invoice_currency", CODE),
     ("invoice_total", NUMBER), ("items_declared", NUMBER)]
ITEM_FIELDS = [("hs_code", CODE), ("description", COMPACT), ("origin_country", CODE), ("gross_kg", NUMBER),
               ("net_kg", NUMBER), ("invoice_price", NUMBER), ("customs_value", NUMBER),
               ("statistical_value", NUMBER)]
ALL_FIELD_NAMES = [name for name, _ in HEADER_FIELDS] + ["items[].%s" % name for name, _ in ITEM_FIELDS]


def value_of(obj):
    """A record member is a field object {"value": ...}; truth and hand-made files may hold plain values."""
    if isinstance(obj, dict):  # a field object; without "value" (e.g. only "explain") it is absent
        return obj.get("value")
    return obj


def get_path(record, path):
    cur = record
    for part in path.split("."):
        if not isinstance(cur, dict):
            return None
        cur = cur.get(part)
    return value_of(cur)


def present(value):
    return value is not None and value != "" and value != []


def equal(kind, truth, pred):
    if kind == NUMBER:
        t, p = parse_number(truth), parse_number(pred)
        return t is not None and p is not None and abs(t - p) <= NUMBER_TOLERANCE
    if kind == CODE:
        return canonical_code(truth) == canonical_code(pred)
    if kind == COMPACT:
        return canonical_compact(truth) == canonical_compact(pred)
    if kind == DATE:
        return str(truth).strip() == str(pred).strip()
    return canonical(truth) == canonical(pred)


class Counts:
    """truth = fields with a truth value, predicted = fields with a predicted value, correct = both and equal."""

    def __init__(self):
        self.truth = self.predicted = self.correct = 0

    def add(self, t, p, ok):
        self.truth += t
        self.predicted += p
        self.correct += ok

    def merge(self, other):
        self.add(other.truth, other.predicted, other.correct)

    def as_dict(self):
        precision = self.correct / self.predicted if self.predicted else 0.0
        recall = self.correct / self.truth if self.truth else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"truth": self.truth, "predicted": self.predicted, "correct": self.correct,
                "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


class Detection:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add_sets(self, truth, pred):
        """truth, pred: lists (multisets) of hashable items."""
        remaining = list(pred)
        for t in truth:
            if t in remaining:
                remaining.remove(t)
                self.tp += 1
            else:
                self.fn += 1
        self.fp += len(remaining)

    def merge(self, other):
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self):
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(precision, 4),
                "recall": round(recall, 4), "f1": round(f1, 4)}


END_USE_KINDS = ("military", "systems", "contract_ids", "negated")


def item_number(item):
    n = parse_number(value_of(item.get("item_no"))) if isinstance(item, dict) else None
    return int(n) if n is not None else None


def notes_by_item(record):
    """{item_no: [note, ...]} from the record's top-level end_use, else from items[].end_use."""
    out = {}
    top = record.get("end_use")
    if isinstance(top, list) and top:
        for note in top:
            if isinstance(note, dict):
                n = parse_number(value_of(note.get("item_no")))
                out.setdefault(int(n) if n is not None else None, []).append(note)
        return out
    for item in record.get("items") or []:
        if isinstance(item, dict):
            for note in item.get("end_use") or []:
                if isinstance(note, dict):
                    out.setdefault(item_number(item), []).append(note)
    return out


def truthy(v):
    v = value_of(v)
    return v is True or (isinstance(v, str) and v.lower() == "true")


def score_document(truth, pred):
    """Returns {"fields": {name: Counts}, "end_use": {kind: Detection}, "items": {...}}."""
    pred = pred if isinstance(pred, dict) else {}
    fields = {name: Counts() for name in ALL_FIELD_NAMES}
    for name, kind in HEADER_FIELDS:
        t, p = get_path(truth, name), get_path(pred, name)
        fields[name].add(int(present(t)), int(present(p)), int(present(t) and present(p) and equal(kind, t, p)))

    truth_items = {item_number(it): it for it in truth.get("items") or []}
    pred_items = {}
    for it in pred.get("items") or []:
        if isinstance(it, dict) and item_number(it) is not None and item_number(it) not in pred_items:
            pred_items[item_number(it)] = it
    for no in sorted(set(truth_items) | set(pred_items)):
        t_item, p_item = truth_items.get(no, {}), pred_items.get(no, {})
        for name, kind in ITEM_FIELDS:
            t, p = value_of(t_item.get(name)), value_of(p_item.get(name))
            fields["items[].%s" % name].add(int(present(t)), int(present(p)),
                                            int(present(t) and present(p) and equal(kind, t, p)))

    end_use = {kind: Detection() for kind in END_USE_KINDS}
    t_notes, p_notes = notes_by_item(truth), notes_by_item(pred)
    pred_flags = {no: [str(value_of(f)) for f in (it.get("flags") or [])] for no, it in pred_items.items()}
    for no in sorted(set(truth_items) | set(pred_items) | set(k for k in p_notes if k is not None), key=str):
        tn, pn = t_notes.get(no, []), p_notes.get(no, [])
        t_mil = any(truthy(n.get("military")) and not truthy(n.get("negated")) for n in tn)
        p_mil = "military-end-use" in pred_flags.get(no, []) or \
            any(truthy(n.get("military")) and not truthy(n.get("negated")) for n in pn)
        end_use["military"].add_sets([True] if t_mil else [], [True] if p_mil else [])
        end_use["systems"].add_sets([canonical_system(value_of(n.get("system"))) for n in tn if value_of(n.get("system"))],
                                    [canonical_system(value_of(n.get("system"))) for n in pn if value_of(n.get("system"))])
        end_use["contract_ids"].add_sets(
            [canonical_code(value_of(n.get("contract_id"))) for n in tn if value_of(n.get("contract_id"))],
            [canonical_code(value_of(n.get("contract_id"))) for n in pn if value_of(n.get("contract_id"))])
        end_use["negated"].add_sets([True] if any(truthy(n.get("negated")) for n in tn) else [],
                                    [True] if any(truthy(n.get("negated")) for n in pn) else [])
    items = {"truth": len(truth_items), "predicted": len(pred_items),
             "matched": len(set(truth_items) & set(pred_items))}
    return {"fields": fields, "end_use": end_use, "items": items}


# ---------------------------------------------------------------------------
# Corpus, running declx, reading predictions


def find_documents(corpus):
    docs = []
    for truth_path in sorted(glob.glob(os.path.join(corpus, "*.truth.json"))):
        stem = truth_path[: -len(".truth.json")]
        doc = next((stem + ext for ext in DOC_EXTENSIONS if os.path.exists(stem + ext)), None)
        docs.append((os.path.basename(stem), truth_path, doc))
    return docs


def parse_output(text):
    """First JSON object of declx's JSONL output (one line per document)."""
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if isinstance(obj, dict):
            return obj
    try:
        obj = json.loads(text)
        return obj if isinstance(obj, dict) else None
    except ValueError:
        return None


def run_declx(declx, doc, timeout):
    """Returns (record or None, error string or None, seconds)."""
    start = time.monotonic()
    if doc is None:
        return None, "document file missing", 0.0
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        proc = subprocess.run([declx, "extract", doc, "--jsonl"], capture_output=True, timeout=timeout, env=env)
    except FileNotFoundError:
        return None, "declx not found: %s" % declx, time.monotonic() - start
    except PermissionError:
        return None, "declx not executable: %s" % declx, time.monotonic() - start
    except subprocess.TimeoutExpired:
        return None, "timeout after %ss" % timeout, time.monotonic() - start
    seconds = time.monotonic() - start
    status = "exit %d" % proc.returncode if proc.returncode >= 0 else "killed by signal %d" % -proc.returncode
    record = parse_output(proc.stdout.decode("utf-8", "replace"))
    if record is None:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        return None, "%s, no record%s" % (status, (": " + err[-1][:200]) if err else ""), seconds
    if record.get("document_type") == "unknown" and record.get("errors"):
        return record, "%s: %s" % (status, "; ".join(map(str, record["errors"]))[:200]), seconds
    return record, (None if proc.returncode == 0 else status), seconds


def read_prediction(pred_dir, name):
    for ext in (".json", ".jsonl", ".record.json"):
        path = os.path.join(pred_dir, name + ext)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                record = parse_output(f.read())
            return record, None if record is not None else "unparsable prediction"
    return None, "no prediction file"


# ---------------------------------------------------------------------------


def score_corpus(corpus, declx=None, pred_dir=None, jobs=1, timeout=600, save_dir=None):
    docs = find_documents(corpus)
    truths = {}
    for name, truth_path, _ in docs:
        with open(truth_path, encoding="utf-8") as f:
            truths[name] = json.load(f)

    def work(entry):
        name, _, doc = entry
        if pred_dir:
            record, error = read_prediction(pred_dir, name)
            return name, record, error, 0.0
        record, error, seconds = run_declx(declx, doc, timeout)
        if save_dir and record is not None:
            with open(os.path.join(save_dir, name + ".json"), "w", encoding="utf-8") as f:
                json.dump(record, f, ensure_ascii=False, indent=1)
        return name, record, error, seconds

    if save_dir:
        os.makedirs(save_dir, exist_ok=True)
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        outcomes = list(pool.map(work, docs))
    wall = time.monotonic() - started

    fields = {name: Counts() for name in ALL_FIELD_NAMES}
    fields_by = {"rendering": {}, "layout": {}}  # group -> field -> Counts
    overall = Counts()
    by_rendering, by_layout = {}, {}
    end_use = {kind: Detection() for kind in END_USE_KINDS}
    items = {"truth": 0, "predicted": 0, "matched": 0}
    per_document = []
    failed = 0
    pages = 0
    cpu_seconds = 0.0
    for (name, record, error, seconds), (_, _, doc) in zip(outcomes, docs):
        truth = truths[name]
        result = score_document(truth, record)
        is_failure = record is None or bool(record.get("document_type") == "unknown" and record.get("errors"))
        doc_counts = Counts()
        for fname, c in result["fields"].items():
            fields[fname].merge(c)
            doc_counts.merge(c)
            for key in fields_by:
                per_group = fields_by[key].setdefault(truth.get(key, "?"), {})
                per_group.setdefault(fname, Counts()).merge(c)
        overall.merge(doc_counts)
        for key, table in (("rendering", by_rendering), ("layout", by_layout)):
            group = truth.get(key, "?")
            table.setdefault(group, {"counts": Counts(), "documents": 0, "pages": 0, "failed": 0})
            table[group]["counts"].merge(doc_counts)
            table[group]["documents"] += 1
            table[group]["pages"] += truth.get("pages", 0)
            table[group]["failed"] += int(is_failure)
        for kind, det in result["end_use"].items():
            end_use[kind].merge(det)
        for k in items:
            items[k] += result["items"][k]
        failed += int(is_failure)
        pages += truth.get("pages", 0)
        cpu_seconds += seconds
        d = doc_counts.as_dict()
        per_document.append({"name": name, "file": os.path.basename(doc) if doc else None,
                             "rendering": truth.get("rendering"), "layout": truth.get("layout"),
                             "pages": truth.get("pages"), "ok": not is_failure, "error": error,
                             "precision": d["precision"], "recall": d["recall"], "f1": d["f1"],
                             "seconds": round(seconds, 3)})

    def groups(table):
        return {g: dict(v["counts"].as_dict(), documents=v["documents"], pages=v["pages"], failed=v["failed"])
                for g, v in sorted(table.items())}

    field_table = {}
    for fname, c in fields.items():
        d = c.as_dict()
        field_table[fname] = {"truth": d["truth"], "predicted": d["predicted"], "correct": d["correct"],
                              "accuracy": d["recall"] if d["truth"] else None,
                              "precision": d["precision"] if d["predicted"] else None}
    return {
        "schema": "declx.score/1",
        "corpus": os.path.abspath(corpus),
        "mode": "predictions" if pred_dir else "run",
        "documents": len(docs), "pages": pages, "failed": failed,
        "seconds": {"wall": round(wall, 2), "declx_total": round(cpu_seconds, 2),
                    "per_page": round(cpu_seconds / pages, 3) if pages else None},
        "overall": overall.as_dict(),
        "fields": field_table,
        "by_rendering": groups(by_rendering),
        "by_layout": groups(by_layout),
        "fields_by_rendering": {g: {f: c.as_dict()["recall"] if c.truth else None for f, c in t.items()}
                                for g, t in sorted(fields_by["rendering"].items())},
        "fields_by_layout": {g: {f: c.as_dict()["recall"] if c.truth else None for f, c in t.items()}
                             for g, t in sorted(fields_by["layout"].items())},
        "end_use": {k: v.as_dict() for k, v in end_use.items()},
        "items": items,
        "per_document": per_document,
    }


def print_report(report, out=sys.stdout):
    w = out.write
    w("declx score: %d documents, %d pages, %d failed (%s mode)\n" % (report["documents"], report["pages"],
                                                                     report["failed"], report["mode"]))
    if report["mode"] == "run":
        s = report["seconds"]
        w("time: wall %.1f s, declx %.1f s total, %s s/page\n" % (s["wall"], s["declx_total"], s["per_page"]))
    o = report["overall"]
    w("overall micro: precision %.3f  recall %.3f  F1 %.3f  (%d correct / %d predicted / %d truth)\n\n"
      % (o["precision"], o["recall"], o["f1"], o["correct"], o["predicted"], o["truth"]))
    w("%-34s %8s %9s %7s %7s\n" % ("field", "accuracy", "precision", "truth", "pred"))
    for name, f in report["fields"].items():
        cells = ["%.3f" % f[k] if f[k] is not None else "-" for k in ("accuracy", "precision")]
        w("%-34s %8s %9s %7d %7d\n" % (name, cells[0], cells[1], f["truth"], f["predicted"]))
    for title, key in (("rendering", "by_rendering"), ("layout", "by_layout")):
        w("\n%-20s %5s %5s %6s %9s %7s %7s\n" % (title, "docs", "pages", "failed", "precision", "recall", "F1"))
        for g, v in report[key].items():
            w("%-20s %5d %5d %6d %9.3f %7.3f %7.3f\n" % (g, v["documents"], v["pages"], v["failed"],
                                                       v["precision"], v["recall"], v["f1"]))
    w("\n%-20s %5s %5s %5s %9s %7s %7s\n" % ("end use (per item)", "tp", "fp", "fn", "precision", "recall", "F1"))
    for k, v in report["end_use"].items():
        w("%-20s %5d %5d %5d %9.3f %7.3f %7.3f\n" % (k, v["tp"], v["fp"], v["fn"], v["precision"], v["recall"],
                                                   v["f1"]))
    it = report["items"]
    w("\ngoods items: %d truth, %d predicted, %d matched by item_no\n" % (it["truth"], it["predicted"], it["matched"]))
    errors = [d for d in report["per_document"] if d["error"]]
    if errors:
        w("\nproblems (%d):\n" % len(errors))
        for d in errors[:20]:
            w("  %s: %s\n" % (d["name"], d["error"]))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True, help="directory with DOC.truth.json + DOC.<pdf|tif|jpg|png>")
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--declx", help="path of the declx executable (run mode)")
    mode.add_argument("--predictions", help="directory of DOC.json records already produced")
    ap.add_argument("--json", help="write the full report as JSON here")
    ap.add_argument("--jobs", type=int, default=1, help="documents run in parallel (run mode)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per document")
    ap.add_argument("--save-predictions", help="keep declx's records as DIR/DOC.json (run mode)")
    args = ap.parse_args(argv)
    if not os.path.isdir(args.corpus):
        ap.error("corpus directory not found: %s" % args.corpus)
    report = score_corpus(args.corpus, declx=args.declx, pred_dir=args.predictions, jobs=args.jobs,
                          timeout=args.timeout, save_dir=args.save_predictions)
    if report["documents"] == 0:
        print("no *.truth.json in %s" % args.corpus, file=sys.stderr)
        return 2
    print_report(report)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, ensure_ascii=False, indent=1)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
