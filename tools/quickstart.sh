#!/usr/bin/env bash
# Quick start: installs the Debian packages, builds declx into build/, and runs it on a
# bundled sample scan. Run from anywhere, as root (or with sudo available).
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDECLX_TESTS=OFF
cmake --build build -j"$(nproc)" --target declx

sample=samples/sample0006-official-scan-jpeg.jpg
[ -f "$sample" ] || sample=tests/data/scan.png
echo "quickstart: build/tools/declx text $sample"
build/tools/declx text "$sample"
