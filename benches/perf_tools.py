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
ab N NAME=CMD ...     runs the commands (each a shell-free command line) N rounds, in turn
                      within each round and starting with a different one each round, so
                      drift of the machine's speed falls on all alike; prints each one's
                      median and range of wall time and of peak memory (wait4's ru_maxrss of
                      each process), and every median time's ratio to the last command's.
"""
import os, re, shlex, shutil, statistics, subprocess, sys, tempfile, time

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

def run_once(argv):
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"failed ({status}): {' '.join(argv)}")
    return elapsed * 1000, usage.ru_maxrss / 1024

def ab(rounds, specs):
    names = [spec.split("=", 1)[0] for spec in specs]
    argvs = [shlex.split(spec.split("=", 1)[1]) for spec in specs]
    times = {name: [] for name in names}
    memory = {name: [] for name in names}
    for argv in argvs:  # warm the page cache once
        run_once(argv)
    for r in range(rounds):
        order = list(range(len(names)))
        order = order[r % len(order):] + order[:r % len(order)]
        for i in order:
            ms, mib = run_once(argvs[i])
            times[names[i]].append(ms)
            memory[names[i]].append(mib)
    base = statistics.median(times[names[-1]])
    for name in names:
        t = times[name]
        m = statistics.median(t)
        mem = memory[name]
        print(f"{name}: median {m:.0f} ms (range {min(t):.0f}–{max(t):.0f}, {len(t)} runs), "
              f"peak memory median {statistics.median(mem):.0f} MiB (range {min(mem):.0f}–{max(mem):.0f}), "
              f"ratio to {names[-1]} {m / base:.3f}")

if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif sys.argv[1] == "watch":
        watch(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif sys.argv[1] == "ab":
        ab(int(sys.argv[2]), sys.argv[3:])
