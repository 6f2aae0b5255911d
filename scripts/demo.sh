#!/usr/bin/env bash
# `make demo`: the main job on an example case. Prints where the letter went.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p out
.venv/bin/imr letters parse tests/fixtures/seeds/*.txt --format jsonl -o out/seed-letters.jsonl
.venv/bin/imr letters stats out/seed-letters.jsonl
