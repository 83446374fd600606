#!/usr/bin/env bash
# Whole-process benchmark: `gongsi build` of the reference plan against typst-cli 0.15.1
# compiling the Typst sources gongsi emits, with the same fonts, the same PDF standards
# (PDF/UA-1 + PDF/A-2a) and the same Typst features (a11y-extras). typst-cli is the unpatched
# Typst: its breaking of Korean is not keep-all, and the sources hold no word-keeping
# construct, so the ratio is what gongsi adds to plain Typst, keep-all included.
# Runs interleaved (benches/perf_tools.py ab): medians, ranges, peak memory, ratio.
# Needs python3 and typst-cli 0.15.1 (`cargo install typst-cli --version 0.15.1 --locked
# --root <dir>`; pass the binary as TYPST=... or have `typst` on PATH).
# Usage: TYPST=... bash benches/compare.sh [ROUNDS]   (default 21)
set -euo pipefail
cd "$(dirname "$0")/.."
TYPST=${TYPST:-typst}
"$TYPST" --version | grep -q "0.15.1" || { echo "typst-cli 0.15.1 needed (TYPST=...)" >&2; exit 1; }
rounds=${1:-21}

cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/release/gongsi build -o "$work/gongsi.pdf" --emit-typst "$work/typ" >/dev/null 2>&1

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 benches/perf_tools.py ab "$rounds" \
  "gongsi=./target/release/gongsi build -o $work/gongsi.pdf" \
  "typst=$TYPST compile --ignore-system-fonts --font-path fonts --features a11y-extras --pdf-standard ua-1,a-2a $work/typ/main.typ $work/typst.pdf"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "PDF: gongsi $(stat -c %s "$work/gongsi.pdf") bytes, $(pdfinfo "$work/gongsi.pdf" | awk '/^Pages/{print $2}') pages; typst $(stat -c %s "$work/typst.pdf") bytes, $(pdfinfo "$work/typst.pdf" | awk '/^Pages/{print $2}') pages"
