#!/usr/bin/python3
"""Self-test of the scorer:  /usr/bin/python3 tools/score/test_score.py

Uses generator truths (tools/gen/content.py) as input, turns them into declx-style records
(field objects) and checks that the scorer rewards what is right and counts what is wrong
or missing.  Also runs the scorer's run mode against a fake `declx` and a missing one.
"""

import copy
import json
import os
import random
import stat
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "gen"))

import content  # noqa: E402
import score  # noqa: E402


def make_truth(seed, n_items=5):
    doc = content.make_document(random.Random(seed), n_items, "official", "born-digital")
    return json.loads(json.dumps(doc["truth"]))


def as_record(truth):
    """A perfect declx record: every scalar wrapped in a field object, notes as plain objects."""
    def wrap(v):
        return {"value": v, "page": 1, "confidence": 0.9}

    rec = {"schema": "declx.record/1", "document_type": "declaration"}
    for key, v in truth.items():
        if key in ("schema", "layout", "rendering", "pages", "items", "end_use"):
            continue
        if isinstance(v, dict):
            rec[key] = {k: wrap(x) for k, x in v.items() if x is not None}
        elif v is not None:
            rec[key] = wrap(v)
    rec["items"] = []
    for it in truth["items"]:
        item = {k: wrap(x) for k, x in it.items() if k not in ("end_use", "flags", "chpl_tier") and x is not None}
        item["flags"] = list(it["flags"])
        item["end_use"] = [dict(n) for n in it["end_use"]]
        rec["items"].append(item)
    rec["end_use"] = [dict(n) for n in truth["end_use"]]
    return rec


def truth_with_notes(seed_base):
    """A truth with at least one military note and one negated note."""
    for k in range(500):
        t = make_truth("%s-%d" % (seed_base, k), 8)
        kinds = {(n["military"], n["negated"]) for n in t["end_use"]}
        if (True, False) in kinds and any(n["system"] for n in t["end_use"]) and \
                any(n["contract_id"] for n in t["end_use"]):
            return t
    raise AssertionError("no truth with notes found")


class CanonicalTest(unittest.TestCase):
    def test_quotes_case_dashes_homoglyphs(self):
        a = 'АО "КОНЦЕРН ВКО "АЛМАЗ-АНТЕЙ"'
        self.assertEqual(score.canonical(a), score.canonical("ао «концерн вко «алмаз – антей»"))
        self.assertEqual(score.canonical("CБЕРБАНК"), score.canonical("СБЕРБАНК"))  # Latin C
        self.assertNotEqual(score.canonical("АЛМАЗ"), score.canonical("АЛМАС"))

    def test_numbers_and_codes(self):
        self.assertTrue(score.equal(score.NUMBER, 1250.5, "1\u00a0250,500"))
        self.assertTrue(score.equal(score.NUMBER, 141.192, "141.192000"))
        self.assertTrue(score.equal(score.NUMBER, 10.0, 10.004))
        self.assertFalse(score.equal(score.NUMBER, 10.0, 10.01))
        self.assertTrue(score.equal(score.CODE, "8529109000", "8529 10 900 0"))
        self.assertTrue(score.equal(score.CODE, "10005030/150322/0123456", "10005030 / 150322 / 0123456"))
        self.assertFalse(score.equal(score.CODE, "7707083893", "7707083898"))
        self.assertTrue(score.equal(score.COMPACT, "ПРОИЗВОДИТЕЛЬ ТОВАРА", "ПРОИЗВ ОДИТЕЛЬ ТОВАРА"))
        self.assertEqual(score.canonical_system("С-400 "), score.canonical_system("c400"))  # Cyrillic vs Latin


class ScoreDocumentTest(unittest.TestCase):
    def setUp(self):
        self.truth = truth_with_notes("t")
        self.record = as_record(self.truth)

    def overall(self, result):
        c = score.Counts()
        for v in result["fields"].values():
            c.merge(v)
        return c.as_dict()

    def test_truth_against_itself_is_perfect(self):
        r = score.score_document(self.truth, self.truth)
        self.assertEqual(self.overall(r)["f1"], 1.0)
        r = score.score_document(self.truth, self.record)
        o = self.overall(r)
        self.assertEqual((o["precision"], o["recall"]), (1.0, 1.0))
        for kind, det in r["end_use"].items():
            self.assertEqual(det.fp + det.fn, 0, kind)
        self.assertGreater(r["end_use"]["military"].tp, 0)
        self.assertGreater(r["end_use"]["systems"].tp, 0)
        self.assertEqual(r["items"]["matched"], len(self.truth["items"]))

    def test_perturbed_values_score_lower(self):
        rec = copy.deepcopy(self.record)
        rec["consignee"]["inn"]["value"] = "7707083898"
        rec["items"][0]["net_kg"]["value"] += 0.01
        rec["items"][1]["hs_code"]["value"] = "8542310000" if self.truth["items"][1]["hs_code"] != "8542310000" \
            else "8542320000"
        r = score.score_document(self.truth, rec)
        o = self.overall(r)
        self.assertLess(o["precision"], 1.0)
        self.assertLess(o["recall"], 1.0)
        self.assertEqual(r["fields"]["consignee.inn"].correct, 0)
        self.assertEqual(r["fields"]["items[].net_kg"].correct, len(self.truth["items"]) - 1)
        self.assertEqual(r["fields"]["items[].hs_code"].correct, len(self.truth["items"]) - 1)

    def test_harmless_variants_still_match(self):
        rec = copy.deepcopy(self.record)
        rec["consignee"]["name"]["value"] = rec["consignee"]["name"]["value"].lower().replace('"', "«")
        rec["items"][0]["gross_kg"]["value"] = str(self.truth["items"][0]["gross_kg"]).replace(".", ",")
        self.assertEqual(self.overall(score.score_document(self.truth, rec))["f1"], 1.0)

    def test_missing_items_counted(self):
        rec = copy.deepcopy(self.record)
        dropped = rec["items"].pop()
        r = score.score_document(self.truth, rec)
        self.assertEqual(r["items"]["matched"], len(self.truth["items"]) - 1)
        missing_fields = sum(1 for k, v in dropped.items() if k in dict(score.ITEM_FIELDS))
        o = self.overall(r)
        self.assertEqual(o["precision"], 1.0)
        self.assertEqual(o["truth"] - o["correct"], missing_fields)

    def test_extra_prediction_for_null_truth_is_wrong(self):
        rec = copy.deepcopy(self.record)
        rec["consignor"]["inn"] = {"value": "7707083893"}  # foreign consignor: no ИНН in truth
        r = score.score_document(self.truth, rec)
        self.assertEqual(r["fields"]["consignor.inn"].as_dict()["predicted"], 1)
        self.assertEqual(r["fields"]["consignor.inn"].correct, 0)
        self.assertLess(self.overall(r)["precision"], 1.0)

    def test_end_use_errors(self):
        rec = copy.deepcopy(self.record)
        for n in rec["end_use"]:
            n["military"] = False  # nothing detected as military
            n["system"] = None
        for it in rec["items"]:
            it["flags"] = [f for f in it["flags"] if f != "military-end-use"]
        r = score.score_document(self.truth, rec)
        self.assertEqual(r["end_use"]["military"].tp, 0)
        self.assertGreater(r["end_use"]["military"].fn, 0)
        self.assertEqual(r["end_use"]["systems"].tp, 0)

    def test_explained_empty_field_is_not_a_prediction(self):
        rec = copy.deepcopy(self.record)
        rec["consignee"]["inn"] = {"explain": {"why_empty": "not found", "box": "8"}}
        r = score.score_document(self.truth, rec)
        self.assertEqual(r["fields"]["consignee.inn"].predicted, 0)
        self.assertEqual(self.overall(r)["precision"], 1.0)

    def test_nothing_predicted(self):
        r = score.score_document(self.truth, None)
        o = self.overall(r)
        self.assertEqual((o["predicted"], o["correct"]), (0, 0))
        self.assertGreater(o["truth"], 30)


class CorpusTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="declx-score-test-")
        self.corpus = os.path.join(self.dir, "corpus")
        self.preds = os.path.join(self.dir, "preds")
        os.makedirs(self.corpus)
        os.makedirs(self.preds)
        self.truths = {}
        for i, rendering in enumerate(["born-digital", "fax"]):
            t = make_truth("c%d" % i, 3)
            t["rendering"] = rendering
            name = "doc%d" % i
            self.truths[name] = t
            with open(os.path.join(self.corpus, name + ".truth.json"), "w", encoding="utf-8") as f:
                json.dump(t, f, ensure_ascii=False)
            with open(os.path.join(self.corpus, name + ".pdf"), "wb") as f:
                f.write(b"%PDF-1.4\n")
        # the perfect record for doc0 only
        with open(os.path.join(self.preds, "doc0.json"), "w", encoding="utf-8") as f:
            json.dump(as_record(self.truths["doc0"]), f, ensure_ascii=False)

    def test_predictions_mode(self):
        rep = score.score_corpus(self.corpus, pred_dir=self.preds)
        self.assertEqual(rep["documents"], 2)
        self.assertEqual(rep["failed"], 1)
        self.assertEqual(rep["by_rendering"]["born-digital"]["f1"], 1.0)
        self.assertEqual(rep["by_rendering"]["fax"]["recall"], 0.0)
        self.assertEqual(rep["fields_by_rendering"]["fax"]["consignee.inn"], 0.0)
        self.assertEqual(rep["fields_by_rendering"]["born-digital"]["items[].hs_code"], 1.0)
        self.assertEqual(rep["overall"]["precision"], 1.0)
        self.assertAlmostEqual(rep["overall"]["recall"], 0.5, delta=0.1)

    def test_run_mode_with_fake_and_missing_declx(self):
        fake = os.path.join(self.dir, "fake-declx")
        with open(fake, "w") as f:
            f.write("#!/usr/bin/python3\nimport sys, os, json\n"
                    "name = os.path.basename(sys.argv[2]).rsplit('.', 1)[0]\n"
                    "assert sys.argv[1] == 'extract' and sys.argv[3] == '--jsonl'\n"
                    "p = os.path.join(%r, name + '.json')\n"
                    "if not os.path.exists(p): sys.exit(3)\n"
                    "print(json.dumps(json.load(open(p))))\n" % self.preds)
        os.chmod(fake, os.stat(fake).st_mode | stat.S_IXUSR)
        rep = score.score_corpus(self.corpus, declx=fake, jobs=2)
        self.assertEqual(rep["failed"], 1)
        self.assertEqual(rep["by_rendering"]["born-digital"]["f1"], 1.0)
        rep = score.score_corpus(self.corpus, declx=os.path.join(self.dir, "no-such-declx"))
        self.assertEqual(rep["failed"], 2)
        self.assertEqual(rep["overall"]["correct"], 0)
        self.assertIn("not found", rep["per_document"][0]["error"])


if __name__ == "__main__":
    unittest.main()
