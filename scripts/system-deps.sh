#!/usr/bin/env bash
# Installs the Debian packages the project and its test suite drive for real: poppler-utils
# (pdftoppm, pdftotext) to read rendered letters back, Chromium for the browser tests, npm to install
# what those tests inject into pages (axe-core, see package.json), and for `imr intake` Tesseract
# with its English data and OCRmyPDF's tools (Debian's ocrmypdf brings Ghostscript, qpdf, unpaper
# and pngquant; imr drives the PyPI ocrmypdf in its own virtualenv). Skips what is already there.
set -euo pipefail
need=()
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v npm >/dev/null 2>&1 || need+=(npm)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
tesseract --list-langs 2>/dev/null | grep -qx eng || need+=(tesseract-ocr-eng)
command -v ocrmypdf >/dev/null 2>&1 || need+=(ocrmypdf)
command -v gs >/dev/null 2>&1 || need+=(ghostscript)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "system-deps: missing ${need[*]}; run as root or install them (tests that need them will skip)" >&2
  exit 0
fi
echo "system-deps: installing ${need[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
