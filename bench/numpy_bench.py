#!/usr/bin/python3
"""NumPy side of the Formats benchmark (driven by Formats.Bench `run`; see bench/README.md).

Subcommands:
  gen  --dir D --npy-mib M --npz-values N --signal-mib S   write the input arrays as .npy files
  npy  --dir D --reps N [--cold]                         time np.save / np.load / row reads
  npz  --dir D --reps N                                  time savez / savez_compressed / load
  first --dir D                                          time one large np.load in a fresh process
  mmgen --dir D --rows R                                 write mm.npy, float32 (R, 1024), in slices through open_memmap
  mmap --dir D --reps N                                  time random rows and a column sum over np.load(mmap_mode='r')

Each timed figure is printed as one JSON line on stdout; progress goes to stderr. Every timing is taken
inside this process around the operation alone (time.perf_counter), after a warm-up run.
"""
import argparse
import json
import os
import sys
import time

import numpy as np

ROW_START, ROW_STOP = 1000, 1001
ROW_WIDTH = 1024  # float32 columns: one row is 4 KiB
NPZ_CASES = ["ones_i4", "arange_i4", "random_i4", "arange_noise_i4", "random255_i4", "random255_u1", "signal_f4"]


def log(msg):
    print(f"  [numpy] {msg}", file=sys.stderr, flush=True)


def emit(**rec):
    rec.setdefault("tool", "numpy")
    print(json.dumps(rec), flush=True)


def drop_caches():
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("3")


def measure(fn, reps, before=None, warmup=1, min_total=0.5, max_reps=None, warmup_seconds=None):
    """Runs fn after `before` (untimed); returns the timed seconds of `reps` runs after `warmup` runs.
    Fast operations get more runs (up to max_reps) until about min_total seconds were timed."""
    max_reps = max_reps or reps * 20
    if warmup_seconds is None:
        warmup_seconds = 0.3 if min_total > 0 else 0  # as on the .NET side (tiered JIT); harmless here
    times = []
    warm = []
    i = 0
    while True:
        if before:
            before()
        t0 = time.perf_counter()
        fn()
        t1 = time.perf_counter()
        if not times and (i < warmup or sum(warm) < warmup_seconds):
            warm.append(t1 - t0)
        else:
            times.append(t1 - t0)
        i += 1
        if len(times) >= reps and (sum(times) >= min_total or len(times) >= max_reps):
            return times, warm


def unlink(path):
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def fresh(path):
    """Before a timed write: remove the target and flush dirty pages so every run starts alike."""
    def run():
        unlink(path)
        os.sync()
    return run


def gen(args):
    d = args.dir
    os.makedirs(d, exist_ok=True)
    rng = np.random.default_rng(20240601)
    rows = max(ROW_STOP, (args.npy_mib << 20) // (4 * ROW_WIDTH))
    log(f"generating float32 ({rows}, {ROW_WIDTH}) = {rows * ROW_WIDTH * 4 >> 20} MiB")
    a = rng.random((rows, ROW_WIDTH), dtype=np.float32)
    np.save(os.path.join(d, "big.npy"), a)
    del a
    n = args.npz_values
    cases = {
        "ones_i4": np.ones(n, dtype=np.int32),
        "arange_i4": np.arange(n, dtype=np.int32),
        "random_i4": rng.integers(1, 1_000_000, n, dtype=np.int32),
        "arange_noise_i4": np.arange(n, dtype=np.int32) + rng.integers(1, 20, n, dtype=np.int32),
        "random255_i4": rng.integers(0, 255, n, dtype=np.int32),
        "random255_u1": rng.integers(0, 255, n, dtype=np.uint8),
    }
    m = (args.signal_mib << 20) // 4
    log(f"generating noisy sine float32 ({m},) = {args.signal_mib} MiB")
    i = np.arange(m, dtype=np.float64)
    cases["signal_f4"] = (np.sin(i * (2 * np.pi / 1000.0)) + rng.normal(0.0, 0.1, m)).astype(np.float32)
    del i
    for name, arr in cases.items():
        np.save(os.path.join(d, f"in_{name}.npy"), arr)
    os.sync()


def bench_npy(args):
    d = args.dir
    src = os.path.join(d, "big.npy")
    out = os.path.join(d, "out_numpy.npy")
    a = np.load(src)
    size = a.nbytes
    log("np.save")
    t, w = measure(lambda: np.save(out, a), args.reps, before=fresh(out), warmup=2)
    emit(op="npy.write", case="big", times=t, warmup=w, bytes=size, file_bytes=os.path.getsize(out), api="np.save(path, a)")
    del a

    holder = []

    def load_full():
        holder.append(np.load(src))

    def release():
        holder.clear()

    log("np.load (warm)")
    t, w = measure(load_full, args.reps, before=release, warmup=2)
    release()
    emit(op="npy.read", case="big", times=t, warmup=w, bytes=size, api="np.load(path)")

    if args.cold:
        log("np.load (cold)")

        def cold():
            release()
            drop_caches()
        t, w = measure(load_full, args.reps, before=cold, warmup=2)
        release()
        emit(op="npy.read.cold", case="big", times=t, warmup=w, bytes=size, api="np.load(path), page cache dropped")

    log("rows via mmap")
    got = []

    def rows_mmap():
        got.append(np.load(src, mmap_mode="r")[ROW_START:ROW_STOP].copy())

    t, w = measure(rows_mmap, max(args.reps, 200), warmup=20, min_total=0, warmup_seconds=0.3)
    assert got[-1].shape == (1, ROW_WIDTH)
    emit(op="npy.rows", case="big", times=t, warmup=w, bytes=ROW_WIDTH * 4,
         api="np.load(path, mmap_mode='r')[1000:1001].copy()")
    got.clear()

    log("rows via full np.load")

    def rows_full():
        got.append(np.load(src)[ROW_START:ROW_STOP].copy())

    t, w = measure(rows_full, args.reps, before=got.clear)
    got.clear()
    emit(op="npy.rows.full", case="big", times=t, warmup=w, bytes=ROW_WIDTH * 4, api="np.load(path)[1000:1001].copy()")


def bench_first(args):
    """One large read in a fresh process, after warming the code path on a small file."""
    d = args.dir
    np.load(os.path.join(d, "in_random255_u1.npy"))
    src = os.path.join(d, "big.npy")
    t0 = time.perf_counter()
    a = np.load(src)
    t1 = time.perf_counter()
    emit(op="npy.read.first", case="big", times=[t1 - t0], warmup=[], bytes=a.nbytes, api="np.load(path), first large load in the process")


def bench_npz(args):
    d = args.dir
    for case in NPZ_CASES:
        a = np.load(os.path.join(d, f"in_{case}.npy"))
        heavy = a.nbytes >= (32 << 20)
        for mode, fn in (("stored", np.savez), ("compressed", np.savez_compressed)):
            out = os.path.join(d, f"out_numpy_{case}_{mode}.npz")
            log(f"{fn.__name__} {case}")
            t, w = measure(lambda: fn(out, a), args.reps, before=fresh(out), min_total=0 if heavy else 0.5)
            emit(op=f"npz.write.{mode}", case=case, times=t, warmup=w, bytes=a.nbytes, file_bytes=os.path.getsize(out),
                 api=f"np.{fn.__name__}(path, a)")
            holder = []

            def load():
                with np.load(out) as z:
                    holder.append(z["arr_0"])

            log(f"load {case} ({mode})")
            t, w = measure(load, args.reps, before=holder.clear, min_total=0 if heavy else 0.5)
            assert holder[-1].shape == a.shape and holder[-1].dtype == a.dtype
            holder.clear()
            emit(op=f"npz.read.{mode}", case=case, times=t, warmup=w, bytes=a.nbytes, api="np.load(path)['arr_0']")
            if mode == "compressed":
                # Kept for the Formats worker, which also times loading NumPy's own file (no restart index).
                os.replace(out, os.path.join(d, f"numpy_written_{case}.npz"))
            else:
                unlink(out)
        del a


# Section B2 (issue 25): NumPy-written compressed members of BIG_MIB each, loaded alternately by NumPy and Formats.
BIG_CASES = ["arange_i4", "arange_noise_i4", "random255_i4", "random255_u1", "signal_f4", "ones_i4"]


def big_gen(args):
    d = args.dir
    os.makedirs(d, exist_ok=True)
    rng = np.random.default_rng(20240601)
    n = (args.big_mib << 20) // 4
    cases = {
        "arange_i4": lambda: np.arange(n, dtype=np.int32),
        "arange_noise_i4": lambda: np.arange(n, dtype=np.int32) + rng.integers(1, 20, n, dtype=np.int32),
        "random255_i4": lambda: rng.integers(0, 255, n, dtype=np.int32),
        "random255_u1": lambda: rng.integers(0, 255, 4 * n, dtype=np.uint8),
        "signal_f4": lambda: (np.sin(np.arange(n) * (2 * np.pi / 1000.0)) + rng.normal(0.0, 0.1, n)).astype(np.float32),
        "ones_i4": lambda: np.ones(n, dtype=np.int32),
    }
    for name in BIG_CASES:
        path = os.path.join(d, f"big_{name}.npz")
        log(f"savez_compressed {name} ({args.big_mib} MiB)")
        np.savez_compressed(path, cases[name]())
    os.sync()


def bench_big(args):
    import resource
    path = os.path.join(args.dir, f"big_{args.case}.npz")
    holder = []

    def load():
        with np.load(path) as z:
            holder.append(z["arr_0"])

    t, w = measure(load, args.reps, before=holder.clear, min_total=0)
    nbytes = holder[-1].nbytes
    holder.clear()
    emit(op="npzbig.read", case=args.case, times=t, warmup=w, bytes=nbytes,
         peak_rss_kib=[resource.getrusage(resource.RUSAGE_SELF).ru_maxrss], api="np.load(path)['arr_0']")


MM_COLUMN = 7


def mm_gen(args):
    """The memory-mapping input: float32 (rows, 1024) written in 64 Ki-row slices (a 4 GiB array is never held whole).
    open_memmap(mode='w+') writes np.save's header, so the file is what np.save of the whole array would write."""
    d = args.dir
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "mm.npy")
    rng = np.random.default_rng(20240609)
    log(f"generating float32 ({args.rows}, {ROW_WIDTH}) = {args.rows * ROW_WIDTH * 4 / (1 << 30):.2f} GiB in {path}")
    m = np.lib.format.open_memmap(path, mode="w+", dtype=np.float32, shape=(args.rows, ROW_WIDTH))
    step = 65536
    for start in range(0, args.rows, step):
        stop = min(args.rows, start + step)
        m[start:stop] = rng.random((stop - start, ROW_WIDTH), dtype=np.float32)
    m.flush()
    del m
    os.sync()


def bench_mmap(args):
    d = args.dir
    path = os.path.join(d, "mm.npy")
    idx = np.fromfile(os.path.join(d, "mm_idx.bin"), dtype="<i8")
    # Opened once per process, outside the timing (the Formats worker maps once too); the warm-up runs fault the pages in.
    m = np.load(path, mmap_mode="r")
    rows = m.shape[0]
    row_bytes = ROW_WIDTH * 4
    n = len(idx)

    log(f"{n} random rows, loop of m[i].copy()")

    def loop():
        for i in idx:
            m[i].copy()

    t, w = measure(loop, args.reps, warmup=2)
    emit(op="mmap.rows.loop", case="mm", times=t, warmup=w, bytes=n * row_bytes,
         api="m = np.load(path, mmap_mode='r') (outside the clock); for i in idx: m[i].copy()")

    got = []
    log(f"{n} random rows, fancy indexing m[idx]")
    t, w = measure(lambda: got.append(m[idx]), args.reps, before=got.clear, warmup=2)
    assert got[-1].shape == (n, ROW_WIDTH)
    emit(op="mmap.rows.fancy", case="mm", times=t, warmup=w, bytes=n * row_bytes, api="m[idx] (fancy indexing, idx as drawn)")
    got.clear()

    sorted_idx = np.sort(idx)
    log(f"{n} random rows, fancy indexing m[np.sort(idx)]")
    t, w = measure(lambda: got.append(m[sorted_idx]), args.reps, before=got.clear, warmup=2)
    emit(op="mmap.rows.sorted", case="mm", times=t, warmup=w, bytes=n * row_bytes,
         api="m[np.sort(idx)] (fancy indexing, sorted outside the clock)")
    got.clear()

    log(f"sum of column {MM_COLUMN} over {rows} rows")
    sums = []
    t, w = measure(lambda: sums.append(m[:, MM_COLUMN].sum()), args.reps, warmup=2)
    emit(op="mmap.colsum", case="mm", times=t, warmup=w, bytes=rows * 4, value=float(sums[-1]),
         api=f"m[:, {MM_COLUMN}].sum() (float32, NumPy's pairwise summation)")
    sums.clear()
    t, w = measure(lambda: sums.append(m[:, MM_COLUMN].sum(dtype=np.float64)), args.reps, warmup=2)
    emit(op="mmap.colsum.f64", case="mm", times=t, warmup=w, bytes=rows * 4, value=float(sums[-1]),
         api=f"m[:, {MM_COLUMN}].sum(dtype=np.float64)")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("command", choices=["gen", "npy", "npz", "first", "info", "mmgen", "mmap", "biggen", "big"])
    p.add_argument("--dir", required=False)
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--cold", action="store_true")
    p.add_argument("--npy-mib", type=int, default=1024)
    p.add_argument("--npz-values", type=int, default=1_000_000)
    p.add_argument("--signal-mib", type=int, default=256)
    p.add_argument("--rows", type=int, default=1_048_577)
    p.add_argument("--big-mib", type=int, default=256)
    p.add_argument("--case")
    args = p.parse_args()
    if args.command == "info":
        info = {"numpy": np.__version__, "python": sys.version.split()[0]}
        try:
            from threadpoolctl import threadpool_info
            info["blas"] = [{k: x.get(k) for k in ("internal_api", "version", "architecture", "num_threads")} for x in threadpool_info()]
        except ImportError:
            info["blas"] = "threadpoolctl not installed"
        info["OPENBLAS_CORETYPE"] = os.environ.get("OPENBLAS_CORETYPE")
        print(json.dumps(info))
    elif args.command == "gen":
        gen(args)
    elif args.command == "npy":
        bench_npy(args)
    elif args.command == "first":
        bench_first(args)
    elif args.command == "mmgen":
        mm_gen(args)
    elif args.command == "mmap":
        bench_mmap(args)
    elif args.command == "biggen":
        big_gen(args)
    elif args.command == "big":
        bench_big(args)
    else:
        bench_npz(args)


if __name__ == "__main__":
    main()
