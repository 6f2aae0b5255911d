#!/usr/bin/env bash
# `make demo`: the main job on an example case. Prints where the letter went.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p out
.venv/bin/imr letters parse tests/fixtures/seeds/*.txt --format jsonl -o out/seed-letters.jsonl
.venv/bin/imr letters stats out/seed-letters.jsonl
# Exit status 3 only says some item needs physician review; the letter is still written.
status=0
letter=$(.venv/bin/imr decide examples/case-demo.json --format pdf -o out/) || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
  echo "imr decide failed (exit $status)" >&2
  exit "$status"
fi
echo "Draft determination letter: $letter"
