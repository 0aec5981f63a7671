#!/usr/bin/env bash
# Quick start: installs the Debian packages, builds declx into build/, ingests every
# bundled sample declaration into out/samples.sqlite and prints what the database holds.
# Run from anywhere, as root (or with sudo available). Re-running resumes: documents
# already in the database are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)" --target declx

mkdir -p out
echo "quickstart: build/tools/declx ingest samples --db out/samples.sqlite"
status=0
build/tools/declx ingest samples --exclude '*.json' --exclude '*.md' --db out/samples.sqlite || status=$?
echo "quickstart: build/tools/declx stats --db out/samples.sqlite"
build/tools/declx stats --db out/samples.sqlite
echo "quickstart: one record in full: build/tools/declx extract samples/sample0000-official-born-digital.pdf"
echo "quickstart: spreadsheet: build/tools/declx export --db out/samples.sqlite --format csv -o out/samples.csv"
exit "$status"
