#!/usr/bin/env python3
"""Helpers of benches/perf.sh.

gen PLAN FACTOR OUT   a plan with FACTOR times the strategies (so the projects) of PLAN:
                      every strategy file copied FACTOR times with its ids suffixed.
watch GONGSI PLAN N   starts `gongsi watch` on a copy of PLAN, edits a value of goals.yaml
                      N times and prints the median time from the write to the new PDF
                      being in place (its inode changes: the PDF is renamed into place).
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
            before = os.stat(pdf).st_ino
            start = time.perf_counter()
            with open(goals, "w", encoding="utf-8") as f:
                f.write(original.replace("target: 34.1", f"target: 34.{i % 9 + 1}"))
            while True:
                try:
                    if os.stat(pdf).st_ino != before:
                        break
                except FileNotFoundError:
                    pass
                time.sleep(0.0005)
            samples.append((time.perf_counter() - start) * 1000)
            lines.append(proc.stdout.readline().strip())
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
