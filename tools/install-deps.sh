#!/usr/bin/env bash
# Installs every Debian 12 package declx needs to build, test and run.
# Idempotent: packages already present are left alone, and apt's package
# lists are refreshed only when something is actually missing.
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake pkg-config git clang clang-format libclang-rt-14-dev
  # libraries
  libtesseract-dev libleptonica-dev libpoppler-cpp-dev libicu-dev libre2-dev
  libsqlite3-dev nlohmann-json3-dev libcli11-dev libtbb-dev catch2
  libssl-dev libcsv-dev  # SHA-256 (libcrypto: store, extractors), CSV quoting (libcsv)
  libhunspell-dev  # Russian word list for OCR'd goods descriptions (extractors/respell.h)
  # runtime data and tools
  tesseract-ocr tesseract-ocr-rus tesseract-ocr-eng poppler-utils sqlite3
  # ISO 3166 numeric country codes for the normalizers (read at run time, optional)
  iso-codes
  # Russian Hunspell dictionary: letters OCR confused inside description words (optional at run time)
  hunspell-ru
  # sample generator (tools/gen) and its fonts
  python3 python3-reportlab python3-pil
  # record schema validation in tests (tools/validate_record.py)
  python3-jsonschema
  fonts-dejavu-core fonts-dejavu-extra fonts-liberation fonts-paratype
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
