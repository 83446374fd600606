#!/usr/bin/env bash
# Whole-process benchmark: `gongsi build` of the reference plan against typst-cli 0.15.1
# compiling the Typst sources gongsi emits, with the same fonts. Reports median times (hyperfine),
# their ratio and peak memory (GNU time). Needs: hyperfine, time (Debian packages) and
# typst-cli 0.15.1 (`cargo install typst-cli --version 0.15.1 --locked --root <dir>`; pass
# the binary as TYPST=... or have `typst` on PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
TYPST=${TYPST:-typst}
"$TYPST" --version | grep -q "0.15.1" || { echo "typst-cli 0.15.1 needed (TYPST=...)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine needed: apt-get install hyperfine" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time needed: apt-get install time" >&2; exit 1; }

cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/release/gongsi build -o "$work/gongsi.pdf" --emit-typst "$work/typ" >/dev/null

hyperfine --warmup 2 --runs 15 --export-json "$work/times.json" \
  -n gongsi "./target/release/gongsi build -o $work/gongsi.pdf" \
  -n typst "$TYPST compile --ignore-system-fonts --font-path fonts $work/typ/main.typ $work/typst.pdf"

python3 - "$work/times.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
print(f"median gongsi build: {r['gongsi']*1000:.0f} ms, typst compile: {r['typst']*1000:.0f} ms, ratio {r['gongsi']/r['typst']:.2f}")
PY
for name in gongsi typst; do
  if [ $name = gongsi ]; then cmd=(./target/release/gongsi build -o "$work/gongsi.pdf");
  else cmd=("$TYPST" compile --ignore-system-fonts --font-path fonts "$work/typ/main.typ" "$work/typst.pdf"); fi
  kb=$(/usr/bin/time -f "%M" "${cmd[@]}" 2>&1 >/dev/null | tail -1)
  echo "peak memory $name: $((kb / 1024)) MiB"
done
ls -l "$work/gongsi.pdf" | awk '{print "PDF size: " $5 " bytes"}'
