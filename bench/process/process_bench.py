#!/usr/bin/env python3
"""Whole-process benchmark: formats commands against NumPy scripts doing the same work, start-up included.

Each case runs its commands alternately (formats, numpy, numpy, formats, ...) so drift on the machine hits both
sides alike; the report gives medians of wall time, user+system CPU and peak RSS, and the ratio of medians.
The verify-big cases (issue 25) load NumPy's own compressed archives (numpy_bench.py biggen: six np.savez_compressed
members of --verify-mib MiB, one plain deflate stream each) with `formats verify FILE` against
`np.load(FILE)['arr_0']`, in a rotating order (every tool takes every place in turn), --verify-reps runs each.
Usage: process_bench.py --formats CMD [--formats-label L] [--formats CMD2 --formats-label L2] --data DIR --reps N
       [--big-mib N] [--small-files N] [--verify-mib N] [--verify-reps N] [--out results.md] [--case TEXT ...]
"""
import argparse
import os
import shlex
import shutil
import statistics
import struct
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass

PY = "/usr/bin/python3"
TIME = "/usr/bin/time"
HERE = os.path.dirname(os.path.abspath(__file__))
# numpy_bench.py's BIG_CASES, in its order, with what each holds.
VERIFY_CASES = [
    ("arange_i4", "int32 ascending"),
    ("arange_noise_i4", "int32 ascending + noise in [1, 20)"),
    ("random255_i4", "int32 random in [0, 255)"),
    ("random255_u1", "uint8 random in [0, 255)"),
    ("signal_f4", "float32 noisy sine"),
    ("ones_i4", "int32 all ones"),
]


@dataclass
class Case:
    name: str
    fcmds: dict
    npcmd: list
    cleanup: list = None
    expect: str = None  # text the formats commands must print (they are checked on every run)
    rotate: bool = False  # rotate the order (A B C, B C A, C A B) instead of alternating it (A B C, C B A)
    reps: int = None
    warm: str = None  # a file read once before the case, so that no tool pays for reading it from disk
    group: str = "base"


def run_once(cmd, cwd, expect=None):
    """
    Wall time, user+system CPU and peak RSS (MiB) of one run. The peak RSS comes from /usr/bin/time, not from wait4: a
    child's ru_maxrss starts at the RSS of the process it was forked from (Linux carries the old address space's peak
    across exec), which here would be this script's tens of MiB; /usr/bin/time's own is about 1 MiB.
    """
    rss_file = os.path.join(cwd, ".rss")
    start = time.perf_counter()
    proc = subprocess.Popen([TIME, "-f", "%M", "-o", rss_file, *cmd], cwd=cwd,
                            stdout=subprocess.PIPE if expect else subprocess.DEVNULL, stderr=subprocess.PIPE)
    # The outputs checked are a few lines: they fit the pipe, so waiting first cannot block the child.
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    out = ""
    if expect:
        out = proc.stdout.read().decode(errors="replace")
        proc.stdout.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{shlex.join(cmd)} exited {code}: {err.strip()} {out.strip()}")
    if expect and expect not in out:
        raise SystemExit(f"{shlex.join(cmd)} printed {out.strip()!r}, not {expect!r}")
    with open(rss_file) as f:
        rss_kib = int(f.read().split()[-1])
    return wall, usage.ru_utime + usage.ru_stime, rss_kib / 1024.0


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


def make_verify_data(folder, mib):
    """numpy_bench.py biggen, unless this folder already holds a complete set of this size (it takes ~100 s at 256 MiB)."""
    done = os.path.join(folder, "done")
    if os.path.exists(done) and open(done).read().strip() == str(mib):
        return
    if os.path.exists(done):
        os.remove(done)
    print(f"writing the six {mib} MiB NumPy archives (numpy_bench.py biggen)", file=sys.stderr, flush=True)
    subprocess.run([PY, os.path.join(HERE, "..", "numpy_bench.py"), "biggen", "--dir", folder, "--big-mib", str(mib)], check=True)
    with open(done, "w") as f:
        f.write(f"{mib}\n")


def inflate_path(path):
    """
    Which input the library picks for this member when all of it is read with 2 or more threads, by the rule of
    DecompressedInput.OpenDeflated and SplitInflatedInput.CanUse (the program does not say which it took): a stream of
    stored blocks only is copied; a NumPy stream has no restart index, so it inflates on all cores without one when it
    is at least 4 MiB and compresses by 1/32 to 8x; otherwise zlib on one thread.
    """
    with zipfile.ZipFile(path) as z:
        info = z.infolist()[0]
    u, c = info.file_size, info.compress_size
    ratio = u / c
    with open(path, "rb") as f:
        f.seek(info.header_offset + 26)
        name_len, extra_len = struct.unpack("<HH", f.read(4))
        start = info.header_offset + 30 + name_len + extra_len
        at = 0
        # Stored blocks: 3 header bits padded to a byte, then LEN and NLEN; the walk stops at the first other block.
        while info.compress_type == zipfile.ZIP_DEFLATED and at + 5 <= c:
            f.seek(start + at)
            head = f.read(5)
            if (head[0] >> 1) & 3 != 0:
                break
            if head[0] & 1:
                return ratio, "stored blocks only: copied, no inflate"
            at += 5 + (head[1] | head[2] << 8)
        tail = stored_tail(f, start, c) if at == 0 else None
    if tail is not None:
        # zlib's choice for data it cannot compress: the first block (NPY header and some data) coded, then stored ones.
        how = f"stored blocks after the first {tail / 1024:.0f} KiB: zlib copies them"
        if u >= 4 << 20 and c <= u - (u >> 5) and c * 8 >= u:
            return ratio, "index-free parallel inflate (all cores); " + how
        return ratio, "zlib, one thread; " + how
    if u >= 4 << 20 and c <= u - (u >> 5) and c * 8 >= u:
        return ratio, "index-free parallel inflate (all cores)"
    if c * 8 < u:
        return ratio, "zlib, one thread (compressed more than 8x)"
    return ratio, "zlib, one thread (compresses by less than 1/32)"


def stored_tail(f, start, length):
    """The offset from which the deflate stream at start is stored blocks to its end, if one lies in its first MiB."""
    f.seek(start)
    head = f.read(min(length, 1 << 20))
    for k in range(1, len(head) - 5):
        if (head[k] >> 1) & 3 or (head[k + 1] | head[k + 2] << 8) ^ (head[k + 3] | head[k + 4] << 8) != 0xFFFF:
            continue
        at = k
        while at + 5 <= length:
            f.seek(start + at)
            h = f.read(5)
            if (h[0] >> 1) & 3 or (h[1] | h[2] << 8) ^ (h[3] | h[4] << 8) != 0xFFFF:
                break
            if h[0] & 1:
                if at + 5 + (h[1] | h[2] << 8) == length:
                    return k
                break
            at += 5 + (h[1] | h[2] << 8)
    return None


def verify_cases(formats_cmds, mib, reps):
    folder = f"verify-big-{mib}"
    result = []
    for key, what in VERIFY_CASES:
        path = os.path.join(folder, f"big_{key}.npz")
        result.append(Case(
            f"verify-big {key}: {what}, {mib} MiB",
            {label: cmd + ["verify", path] for label, cmd in formats_cmds},
            [PY, "-c", f"import numpy as np; np.load('{path}')['arr_0']"],
            expect=f": ok (1 array(s), {mib << 20} data bytes)",
            rotate=True, reps=reps, warm=path, group="verify"))
    return result


def cases(formats_cmds, data, small_files):
    many = [os.path.join("many", f"a{i:04d}.npy") for i in range(small_files)]
    np_prefix = [PY, "-c"]
    result = []
    result.append(Case("info small.npy (6 values)",
                       {label: cmd + ["info", "small.npy"] for label, cmd in formats_cmds},
                       np_prefix + ["import numpy as np; a = np.load('small.npy'); print(a.dtype, a.shape)"]))
    result.append(Case("convert big.npy part.npy --rows 1000:1001",
                       {label: cmd + ["convert", "big.npy", "part.npy", "--rows", "1000:1001"] for label, cmd in formats_cmds},
                       np_prefix + ["import numpy as np; np.save('part_np.npy', np.load('big.npy', mmap_mode='r')[1000:1001])"]))
    result.append(Case("convert big.npy out.npy (whole file)",
                       {label: cmd + ["convert", "big.npy", "out.npy"] for label, cmd in formats_cmds},
                       np_prefix + ["import numpy as np; np.save('out_np.npy', np.load('big.npy'))"], ["out.npy", "out_np.npy"]))
    loop = ("import numpy as np, os, sys\nout = sys.argv[1]\nos.makedirs(out, exist_ok=True)\n"
            "for p in sys.argv[2:]:\n"
            "    n = os.path.splitext(os.path.basename(p))[0]\n"
            "    np.savez(os.path.join(out, n + '.npz'), **{n: np.load(p)})\n")
    result.append(Case(f"{small_files} small .npy -> .npz (one call)",
                       {label: cmd + ["convert", *many, "--outdir", "batch/{run}", "--to", "npz"] for label, cmd in formats_cmds},
                       np_prefix + [loop, "batch/{run}", *many]))
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--formats", action="append", required=True, help="the formats command (shell words)")
    ap.add_argument("--formats-label", action="append")
    ap.add_argument("--data", required=True)
    ap.add_argument("--reps", type=int, default=11)
    ap.add_argument("--big-mib", type=int, default=1024)
    ap.add_argument("--small-files", type=int, default=1000)
    ap.add_argument("--verify-mib", type=int, default=256, help="size of each verify-big archive's array")
    ap.add_argument("--verify-reps", type=int, default=5, help="runs of each tool per verify-big case")
    ap.add_argument("--out")
    ap.add_argument("--case", action="append", help="run only cases whose name contains this text (repeatable)")
    a = ap.parse_args()
    labels = a.formats_label or []
    formats_cmds = [(labels[i] if i < len(labels) else f"formats{i}", shlex.split(c)) for i, c in enumerate(a.formats)]
    selected = [c for c in cases(formats_cmds, a.data, a.small_files) + verify_cases(formats_cmds, a.verify_mib, a.verify_reps)
                if not a.case or any(t in c.name for t in a.case)]
    # Only the data the chosen cases read: the verify-big archives take ~100 s to write, the 1 GiB .npy ~10 s.
    os.makedirs(a.data, exist_ok=True)
    if any(c.group == "base" for c in selected):
        make_data(a.data, a.big_mib, a.small_files)
    if any(c.group == "verify" for c in selected):
        make_verify_data(os.path.join(a.data, f"verify-big-{a.verify_mib}"), a.verify_mib)
    lines = ["| case | tool | wall median (s) | wall min-max | CPU median (s) | peak RSS (MiB) | ratio to NumPy (wall) |",
             "|---|---|---|---|---|---|---|"]
    summary = []
    load_start = os.getloadavg()
    for case in selected:
        tools = list(case.fcmds.items()) + [("numpy", case.npcmd)]
        samples = {t: [] for t, _ in tools}
        if case.warm:
            buffer = bytearray(1 << 20)
            with open(os.path.join(a.data, case.warm), "rb", buffering=0) as f:
                while f.readinto(buffer):
                    pass
        # Batch outputs go to a new folder each run and are deleted only after the case: on ext4 without a journal, files
        # created soon after thousands were deleted cost far more (the allocator skips recently deleted inodes).
        os.makedirs(os.path.join(a.data, "batch"), exist_ok=True)
        for rep in range(case.reps or a.reps):
            if case.rotate:
                order = tools[rep % len(tools):] + tools[:rep % len(tools)]
            else:
                order = tools if rep % 2 == 0 else list(reversed(tools))
            for run, (tool, cmd) in enumerate(order):
                samples[tool].append(run_once([w.replace("{run}", f"{rep}-{run}") for w in cmd], a.data,
                                              case.expect if tool != "numpy" else None))
                for path in case.cleanup or []:
                    p = os.path.join(a.data, path)
                    if os.path.exists(p):
                        os.remove(p)
        shutil.rmtree(os.path.join(a.data, "batch"), ignore_errors=True)
        np_wall = statistics.median(s[0] for s in samples["numpy"])
        for tool, _ in tools:
            walls = [s[0] for s in samples[tool]]
            med = statistics.median(walls)
            lines.append(f"| {case.name} | {tool} | {med:.3f} | {min(walls):.3f}-{max(walls):.3f} | "
                         f"{statistics.median(s[1] for s in samples[tool]):.3f} | {max(s[2] for s in samples[tool]):.0f} | "
                         f"{med / np_wall:.2f}x |")
        print("\n".join(lines[-len(tools):]), flush=True)
        if case.group == "verify":
            summary.append((case, samples))
    load = lambda l: " ".join(f"{x:.2f}" for x in l)
    report = (f"Load average (1, 5, 15 min) at the start: {load(load_start)}; at the end: {load(os.getloadavg())}; "
              f"{os.cpu_count()} cores.\n\n" + "\n".join(lines))
    if summary:
        report += "\n\n" + verify_summary(summary, a.data, [label for label, _ in formats_cmds])
    print("\n" + report)
    if a.out:
        with open(a.out, "w") as f:
            f.write(report + "\n")


def verify_summary(summary, data, labels):
    """One row per archive: each formats build's median wall time against NumPy's, the goal, peak RSS, the inflate path."""
    med = lambda xs, k: statistics.median(x[k] for x in xs)
    head = ["archive", "compressed MiB", "ratio"]
    head += [f"{label} s" for label in labels] + ["numpy s"]
    head += [f"{label} / numpy" for label in labels]
    head += [f"{labels[0]} CPU s"]
    head += [f"{label} RSS MiB" for label in labels] + ["numpy RSS MiB", "path (by the library's rule)"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for case, samples in summary:
        path = case.warm
        ratio, how = inflate_path(os.path.join(data, path))
        np_wall = med(samples["numpy"], 0)
        cells = [case.name.split(":")[0].removeprefix("verify-big "), f"{os.path.getsize(os.path.join(data, path)) / 2**20:.1f}", f"{ratio:.2f}"]
        cells += [f"{med(samples[label], 0):.3f}" for label in labels] + [f"{np_wall:.3f}"]
        cells += [f"**{med(samples[label], 0) / np_wall:.2f}x**" if label == labels[0] else f"{med(samples[label], 0) / np_wall:.2f}x"
                  for label in labels]
        # CPU above wall time: the member was inflated on more than one core.
        cells += [f"{med(samples[labels[0]], 1):.3f}"]
        cells += [f"{max(x[2] for x in samples[label]):.0f}" for label in labels + ["numpy"]]
        cells.append(how)
        rows.append("| " + " | ".join(cells) + " |")
    goal = [f"`formats verify FILE` against `np.load(FILE)['arr_0']`, whole processes, start-up included; "
            f"medians of {len(summary[0][1]['numpy'])} runs each in a rotating order. Goal (issue 25): {labels[0]} "
            f"≤ 0.5x NumPy: met for {sum(1 for _, s in summary if med(s[labels[0]], 0) <= 0.5 * med(s['numpy'], 0))} of {len(summary)}."]
    return "\n".join(goal + [""] + rows)


if __name__ == "__main__":
    main()
