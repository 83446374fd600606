#!/usr/bin/env python3
"""Helpers of benches/perf.sh.

gen PLAN FACTOR OUT   a plan with FACTOR times the strategies (so the projects) of PLAN:
                      every strategy file copied FACTOR times with its ids suffixed.
watch GONGSI PLAN N   starts `gongsi watch` on a copy of PLAN, edits a value of goals.yaml
                      N times, each time to a value not seen before (so Typst's memo has
                      nothing to reuse for it), and prints the median time from the write
                      to gongsi's "완료" line. gongsi prints that line after the new PDF is
                      renamed into place, so this is an upper bound of edit-to-PDF; waiting
                      on the pipe costs no CPU, where polling the file would take CPU from
                      the build on a 2-core machine.
"""
import os, re, shutil, statistics, subprocess, sys, tempfile, time

def gen(plan, factor, out):
    shutil.copytree(plan, out)
    strategies = os.path.join(out, "strategies")
    files = sorted(os.listdir(strategies))
    for name in files:
        text = open(os.path.join(strategies, name), encoding="utf-8").read()
        for k in range(2, factor + 1):
            copy = re.sub(r"^(\s*(?:- )?id: )(\S+)", lambda m: f"{m.group(1)}{m.group(2)}-x{k}", text, flags=re.M)
            open(os.path.join(strategies, f"{k:03d}-{name}"), "w", encoding="utf-8").write(copy)
        os.rename(os.path.join(strategies, name), os.path.join(strategies, f"001-{name}"))

def watch(gongsi, plan, n):
    work = tempfile.mkdtemp()
    folder = os.path.join(work, "plan")
    shutil.copytree(plan, folder)
    pdf = os.path.join(work, "out.pdf")
    goals = os.path.join(folder, "goals.yaml")
    original = open(goals, encoding="utf-8").read()
    proc = subprocess.Popen([gongsi, "watch", folder, "-o", pdf],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        proc.stdout.readline()  # first build done
        samples, lines = [], []
        for i in range(n):
            time.sleep(0.3)
            start = time.perf_counter()
            with open(goals, "w", encoding="utf-8") as f:
                f.write(original.replace("target: 34.1", f"target: {20 + i // 9}.{i % 9 + 1}"))
            line = proc.stdout.readline()
            samples.append((time.perf_counter() - start) * 1000)
            if "완료" not in line:
                sys.exit(f"watch did not rebuild: {line.strip()}")
            lines.append(line.strip())
        print(f"watch edit-to-PDF over {n} edits: median {statistics.median(samples):.0f} ms, "
              f"min {min(samples):.0f}, max {max(samples):.0f}")
        print("last rebuild as gongsi reports it:", lines[-1])
    finally:
        proc.send_signal(2)
        proc.wait(timeout=30)
        shutil.rmtree(work)

if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif sys.argv[1] == "watch":
        watch(sys.argv[2], sys.argv[3], int(sys.argv[4]))
