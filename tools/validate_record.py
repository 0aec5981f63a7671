#!/usr/bin/python3
"""Validate declx records (JSON or JSON Lines files) against schema/record.schema.json.

    tools/validate_record.py SCHEMA FILE...

Exit 0 when every record is valid, 1 otherwise (each error printed to stderr)."""
import json
import sys

import jsonschema


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        try:
            records = [json.loads(text)]  # one (possibly indented) record
        except json.JSONDecodeError:
            records = [json.loads(line) for line in text.splitlines() if line.strip()]  # JSON Lines
        for n, record in enumerate(records, 1):
            for error in validator.iter_errors(record):
                bad += 1
                where = "/".join(str(p) for p in error.absolute_path)
                print("%s: record %d: %s: %s" % (path, n, where or "(root)", error.message), file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
