#!/usr/bin/env bash
# Reading scanned PDFs at import (thidua/plans/ocr.py) uses Debian's Poppler and Tesseract with its Vietnamese model.
set -euo pipefail
if ! command -v pdftoppm >/dev/null || ! command -v tesseract >/dev/null \
   || ! tesseract --list-langs 2>/dev/null | grep -qx vie; then
  echo "== installing Debian's poppler-utils, tesseract-ocr and tesseract-ocr-vie for reading scans"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq poppler-utils tesseract-ocr tesseract-ocr-vie >/dev/null
fi
tesseract --version 2>&1 | head -1
