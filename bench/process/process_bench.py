#!/usr/bin/env python3
"""Whole-process benchmark: formats commands against NumPy scripts doing the same work, start-up included.

Each case runs its commands alternately (formats, numpy, numpy, formats, ...) so drift on the machine hits both
sides alike; the report gives medians of wall time, user+system CPU and peak RSS, and the ratio of medians.
Usage: process_bench.py --formats CMD [--formats-label L] [--formats CMD2 --formats-label L2] --data DIR --reps N
       [--big-mib N] [--small-files N] [--out results.md] [--case TEXT ...]
"""
import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time

PY = "/usr/bin/python3"


def run_once(cmd, cwd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{shlex.join(cmd)} exited {code}: {err.strip()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def make_data(data, big_mib, small_files):
    os.makedirs(data, exist_ok=True)
    script = f"""
import numpy as np, os
np.save('small.npy', np.arange(6.0))
rows = {big_mib} * 1024 * 1024 // (4 * 1024)
if not os.path.exists('big.npy') or os.path.getsize('big.npy') != 128 + rows * 1024 * 4:
    m = np.lib.format.open_memmap('big.npy', mode='w+', dtype='<f4', shape=(rows, 1024))
    step = 4096
    for i in range(0, rows, step):
        m[i:i + step] = np.random.default_rng(i).standard_normal((min(step, rows - i), 1024), dtype=np.float32)
    m.flush(); del m
os.makedirs('many', exist_ok=True)
rng = np.random.default_rng(7)
for i in range({small_files}):
    p = f'many/a{{i:04d}}.npy'
    if not os.path.exists(p):
        np.save(p, rng.integers(0, 1000, size=(64, 16), dtype=np.int32))
"""
    subprocess.run([PY, "-c", script], cwd=data, check=True)


def cases(formats_cmds, data, small_files):
    many = [os.path.join("many", f"a{i:04d}.npy") for i in range(small_files)]
    np_prefix = [PY, "-c"]
    result = []
    result.append(("info small.npy (6 values)",
                   {label: cmd + ["info", "small.npy"] for label, cmd in formats_cmds},
                   np_prefix + ["import numpy as np; a = np.load('small.npy'); print(a.dtype, a.shape)"], None))
    result.append(("convert big.npy part.npy --rows 1000:1001",
                   {label: cmd + ["convert", "big.npy", "part.npy", "--rows", "1000:1001"] for label, cmd in formats_cmds},
                   np_prefix + ["import numpy as np; np.save('part_np.npy', np.load('big.npy', mmap_mode='r')[1000:1001])"], None))
    result.append(("convert big.npy out.npy (whole file)",
                   {label: cmd + ["convert", "big.npy", "out.npy"] for label, cmd in formats_cmds},
                   np_prefix + ["import numpy as np; np.save('out_np.npy', np.load('big.npy'))"], ["out.npy", "out_np.npy"]))
    loop = ("import numpy as np, os, sys\nout = sys.argv[1]\nos.makedirs(out, exist_ok=True)\n"
            "for p in sys.argv[2:]:\n"
            "    n = os.path.splitext(os.path.basename(p))[0]\n"
            "    np.savez(os.path.join(out, n + '.npz'), **{n: np.load(p)})\n")
    result.append((f"{small_files} small .npy -> .npz (one call)",
                   {label: cmd + ["convert", *many, "--outdir", "batch/{run}", "--to", "npz"] for label, cmd in formats_cmds},
                   np_prefix + [loop, "batch/{run}", *many], None))
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--formats", action="append", required=True, help="the formats command (shell words)")
    ap.add_argument("--formats-label", action="append")
    ap.add_argument("--data", required=True)
    ap.add_argument("--reps", type=int, default=11)
    ap.add_argument("--big-mib", type=int, default=1024)
    ap.add_argument("--small-files", type=int, default=1000)
    ap.add_argument("--out")
    ap.add_argument("--case", action="append", help="run only cases whose name contains this text (repeatable)")
    a = ap.parse_args()
    labels = a.formats_label or []
    formats_cmds = [(labels[i] if i < len(labels) else f"formats{i}", shlex.split(c)) for i, c in enumerate(a.formats)]
    make_data(a.data, a.big_mib, a.small_files)
    lines = ["| case | tool | wall median (s) | wall min-max | CPU median (s) | peak RSS (MiB) | ratio to NumPy (wall) |",
             "|---|---|---|---|---|---|---|"]
    for name, fcmds, npcmd, cleanup in cases(formats_cmds, a.data, a.small_files):
        if a.case and not any(c in name for c in a.case):
            continue
        tools = list(fcmds.items()) + [("numpy", npcmd)]
        samples = {t: [] for t, _ in tools}
        # Batch outputs go to a new folder each run and are deleted only after the case: on ext4 without a journal, files
        # created soon after thousands were deleted cost far more (the allocator skips recently deleted inodes).
        os.makedirs(os.path.join(a.data, "batch"), exist_ok=True)
        for rep in range(a.reps):
            order = tools if rep % 2 == 0 else list(reversed(tools))
            for run, (tool, cmd) in enumerate(order):
                samples[tool].append(run_once([w.replace("{run}", f"{rep}-{run}") for w in cmd], a.data))
                for path in cleanup or []:
                    p = os.path.join(a.data, path)
                    if os.path.exists(p):
                        os.remove(p)
        shutil.rmtree(os.path.join(a.data, "batch"), ignore_errors=True)
        np_wall = statistics.median(s[0] for s in samples["numpy"])
        for tool, _ in tools:
            walls = [s[0] for s in samples[tool]]
            med = statistics.median(walls)
            lines.append(f"| {name} | {tool} | {med:.3f} | {min(walls):.3f}-{max(walls):.3f} | "
                         f"{statistics.median(s[1] for s in samples[tool]):.3f} | {max(s[2] for s in samples[tool]):.0f} | "
                         f"{med / np_wall:.2f}x |")
        print("\n".join(lines[-len(tools):]), flush=True)
    report = "\n".join(lines)
    print("\n" + report)
    if a.out:
        with open(a.out, "w") as f:
            f.write(report + "\n")


if __name__ == "__main__":
    main()
