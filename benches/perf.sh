#!/usr/bin/env bash
# Performance harness (release build): criterion benches (cold build vs Typst alone, warm
# rebuild after an edit), then whole-process figures: peak memory (GNU time), PDF size,
# scaling with plan size (1×, 10×, 50× the projects), `gongsi watch` edit-to-PDF latency
# and `gongsi build` of several plans against the same builds one after another.
# Needs: python3, /usr/bin/time (Debian `time`). Usage: bash benches/perf.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "GNU time needed: apt-get install time" >&2; exit 1; }
cargo build --release --quiet
bin=./target/release/gongsi
ref=content/2021-인천서구
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { python3 -c 'import sys,statistics; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.0f}")' "$@"; }
# Median wall time in ms of a command run $1 times.
timed() { local runs=$1; shift; local t=(); for _ in $(seq "$runs"); do
  local s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t+=($(( ($(date +%s%N) - s) / 1000000 ))); done; median "${t[@]}"; }

if [ "${1:-}" != "--quick" ]; then
  cargo bench --bench perf -- --noplot 2>/dev/null | grep -E "^reference|time:" || true
fi

kb=$(/usr/bin/time -f "%M" $bin build "$ref" -o "$work/ref.pdf" 2>&1 >/dev/null | tail -1)
echo "peak memory (gongsi build, reference plan): $((kb / 1024)) MiB"
echo "PDF size: $(stat -c %s "$work/ref.pdf") bytes, $(pdfinfo "$work/ref.pdf" 2>/dev/null | awk '/^Pages/{print $2}') pages"

echo "scaling (median of 3 whole-process builds):"
for f in 1 10 25 50; do
  python3 benches/perf_tools.py gen "$ref" $f "$work/x$f"
  projects=$(cat "$work"/x$f/strategies/*.yaml | grep -c "^      - id:")
  runs=3; [ $f -ge 25 ] && runs=1
  ms=$(timed $runs $bin build "$work/x$f" -o "$work/x$f.pdf")
  [ -f "$work/x$f.pdf" ] || { echo "  ${f}x: $projects projects, failed after $ms ms: $($bin build "$work/x$f" -o "$work/x$f.pdf" 2>&1 | grep -m1 '^error' || true)"; continue; }
  pages=$(pdfinfo "$work/x$f.pdf" 2>/dev/null | awk '/^Pages/{print $2}')
  echo "  ${f}x: $projects projects, $ms ms ($(( ms * 1000 / projects )) µs per project), $pages pages, $(stat -c %s "$work/x$f.pdf") bytes"
done

python3 benches/perf_tools.py watch "$bin" "$ref" 15

echo "several plans (4 copies of the reference plan):"
for i in 1 2 3 4; do cp -r "$ref" "$work/p$i"; sed -i "s/^district: .*/district: 구$i/" "$work/p$i/plan.yaml"; done
seq_ms=$(timed 3 bash -c "for i in 1 2 3 4; do $bin build $work/p\$i -o $work/s\$i.pdf; done")
par_ms=$(timed 3 $bin build "$work/p1" "$work/p2" "$work/p3" "$work/p4" -o "$work/batch")
echo "  one after another: $seq_ms ms; gongsi build p1 p2 p3 p4: $par_ms ms; speed-up $(python3 -c "print(f'{$seq_ms/$par_ms:.2f}')") on $(nproc) cores"
