#!/usr/bin/env bash
# 'formats stats' of a 1 GiB float32 .npy against NumPy (numpy_stats.py: np.load(mmap_mode='r'), then np.nanmin,
# np.nanmax, np.nanmean, np.nanstd), whole-process wall time and peak RSS by /usr/bin/time, in alternating runs
# (the file stays in the page cache: both read it warm). Usage: bash bench/stats/run.sh [ROUNDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/bench/out/stats
rounds=${1:-3}
mkdir -p "$out"
dotnet build "$root/host" -c Release -v q -nologo >/dev/null
formats=("dotnet" "$root/host/bin/Release/net10.0/formats.dll")
file=$out/f4.npy
if [[ ! -f $file ]]; then
    /usr/bin/python3 - "$file" <<'PY'
import sys
import numpy as np
rng = np.random.default_rng(26)
m = np.lib.format.open_memmap(sys.argv[1], mode='w+', dtype=np.float32, shape=(262144, 1024))
for i in range(0, m.shape[0], 16384):
    block = (1e3 + 5 * rng.standard_normal((16384, 1024))).astype(np.float32)
    block[rng.random(block.shape) < 0.001] = np.nan
    m[i:i + 16384] = block
m.flush()
PY
fi
cat "$file" >/dev/null
# Warm both code paths once, outside the figures.
"${formats[@]}" stats "$file" --json >/dev/null
/usr/bin/python3 "$root/bench/stats/numpy_stats.py" "$file" >/dev/null
for ((r = 1; r <= rounds; r++)); do
    /usr/bin/time -f "formats %e s %M KiB" "${formats[@]}" stats "$file" --json >/dev/null
    /usr/bin/time -f "numpy   %e s %M KiB" /usr/bin/python3 "$root/bench/stats/numpy_stats.py" "$file" >/dev/null
done 2>&1 | grep -E '^(formats|numpy) '
rm -f "$file"
