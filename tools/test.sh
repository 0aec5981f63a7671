#!/usr/bin/env bash
# Builds everything and runs every test (ctest, output shown on failure).
# Environment: BUILD_DIR (default build), DECLX_WERROR, DECLX_SANITIZE (ON/OFF, default
# OFF), DECLX_DEBUG_INFO, DECLX_BENCH (ON/OFF, default ON), DECLX_PYTHON_TESTS (ON/OFF,
# default ON: the generator's and scorer's self-tests), JOBS (default: number of cores).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
JOBS=${JOBS:-$(nproc)}
tools/install-deps.sh
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDECLX_TESTS=ON \
  -DDECLX_WERROR="${DECLX_WERROR:-OFF}" -DDECLX_SANITIZE="${DECLX_SANITIZE:-OFF}" \
  -DDECLX_DEBUG_INFO="${DECLX_DEBUG_INFO:-ON}" -DDECLX_BENCH="${DECLX_BENCH:-ON}"
cmake --build "$BUILD_DIR" -j"$JOBS"
# libgomp reads OMP_THREAD_LIMIT when it loads; set it for every test process.
export OMP_THREAD_LIMIT=1
# The generator's and the scorer's own self-tests (Python, Debian's packages).
if [ "${DECLX_PYTHON_TESTS:-ON}" != OFF ]; then
  /usr/bin/python3 tools/score/test_score.py
  /usr/bin/python3 tools/gen/test_generate.py
fi
cd "$BUILD_DIR"
ctest --output-on-failure -j"$JOBS"
