#!/usr/bin/env bash
# 'formats stats' and 'formats diff' against NumPy scripts doing the same, in one run (issue 26): two 1 GiB float32
# .npy files (the second with 1,000 elements changed, ten to NaN), whole processes timed by /usr/bin/time (wall
# seconds, peak RSS), alternating formats and NumPy, files warm in the page cache. The formats side is the native
# program (dotnet publish -p:PublishAot=true), what the tool installs on linux-x64.
# Usage: bash bench/analysis/run.sh [ROUNDS]     (default 3; needs ~2 GiB of disk in bench/out/analysis, removed after)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/bench/analysis
out=$root/bench/out/analysis
rounds=${1:-3}
mkdir -p "$out"
linker=()
if ! command -v clang >/dev/null; then linker=(-p:CppCompilerAndLinker=gcc); fi
dotnet publish "$root/host/Formats.Host.csproj" -c Release -r linux-x64 -p:PublishAot=true "${linker[@]}" -o "$out/formats-aot" -nologo -v quiet -clp:ErrorsOnly >&2
formats=$out/formats-aot/formats
a=$out/a.npy
b=$out/b.npy
/usr/bin/python3 - "$a" "$b" <<'PY'
import sys
import numpy as np
rng = np.random.default_rng(26)
shape = (262144, 1024)
a = np.lib.format.open_memmap(sys.argv[1], mode='w+', dtype=np.float32, shape=shape)
for i in range(0, shape[0], 16384):
    a[i:i + 16384] = (1e3 + 5 * rng.standard_normal((16384, 1024))).astype(np.float32)
a.flush()
b = np.lib.format.open_memmap(sys.argv[2], mode='w+', dtype=np.float32, shape=shape)
b[:] = a
flat = rng.choice(a.size, 1000, replace=False)
rows, cols = np.unravel_index(flat, shape)
b[rows, cols] += 0.25
b[rows[:10], cols[:10]] = np.nan
b.flush()
PY
cat "$a" "$b" >/dev/null
run() { /usr/bin/time -f "$1 %e s %M KiB" "${@:2}" >/dev/null; }
# Warm both code paths once, outside the figures.
"$formats" stats "$a" --json >/dev/null
/usr/bin/python3 "$here/numpy_stats.py" "$a" >/dev/null
for ((r = 1; r <= rounds; r++)); do
    run "stats formats" "$formats" stats "$a" --json
    run "stats numpy  " /usr/bin/python3 "$here/numpy_stats.py" "$a"
    run "diff  formats" "$formats" diff "$a" "$b" --rtol 1e-5 --max 3 || true
    run "diff  numpy  " /usr/bin/python3 "$here/numpy_diff.py" "$a" "$b"
done 2>&1 | grep -E '^(stats|diff) '
rm -f "$a" "$b"
