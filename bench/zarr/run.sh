#!/usr/bin/env bash
# Section E (issue 24): a 1 GiB float32 array as a zstd Zarr store against a compressed NPZ, both written and read by
# Formats (the formats command, Release build, 2 threads), and the .npy -> Zarr -> .npy round trip byte for byte; for
# scale, the same store with blosc (zstd inside, byte shuffle).
#   bash bench/run.sh --only zarr [--quick] [--rounds N]
# Each step is one `formats convert` process timed by /usr/bin/time -v (wall time, peak RSS); rounds alternate Zarr and
# NPZ so that load from other work falls on both. The report goes to stdout and bench/out/zarr.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/bench/out"
data="$out/zarr-data"
rows=262144 rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) rows=16384 rounds=1 ;;
    --rounds) rounds="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 FORMATS_Formats__MaxDegreeOfParallelism=2
if [ ! -x /usr/bin/time ]; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
echo "building host (Release)" >&2
dotnet build "$root/host/Formats.Host.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
formats="$root/host/bin/Release/net10.0/formats"
rm -rf "$data" && mkdir -p "$data"
echo "writing the input with NumPy: float32 ($rows, 1024), a noisy sine (as section B's signal)" >&2
/usr/bin/python3 - "$data/big.npy" "$rows" <<'PY'
import sys, numpy as np
rows = int(sys.argv[2]); rng = np.random.default_rng(24)
a = np.empty((rows, 1024), np.float32)
for r in range(0, rows, 8192):
    i = np.arange(r * 1024, min(rows, r + 8192) * 1024)
    a[r:r + 8192] = (np.sin(i * (2 * np.pi / 1000.0)) + rng.normal(0.0, 0.1, i.size)).astype(np.float32).reshape(-1, 1024)
np.save(sys.argv[1], a)
PY
results="$out/zarr.tsv"
: > "$results"
# One timed convert: label, then the convert arguments. Records seconds and peak RSS (KiB).
step() {
  local label="$1"; shift
  /usr/bin/time -v -o "$data/time.txt" "$formats" convert "$@" 2>/dev/null
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$data/time.txt" | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$data/time.txt")
  printf '%s\t%s\t%s\n' "$label" "$wall" "$rss" >> "$results"
  echo "  $label: ${wall} s, peak RSS $((rss / 1024)) MiB" >&2
}
for r in $(seq 1 "$rounds"); do
  echo "round $r of $rounds" >&2
  rm -rf "$data/big.zarr" "$data/big.npz" "$data/shuffled.zarr" "$data/back.npy"
  step "zarr write (npy -> zarr, zstd 3, chunks 1024 x 1024)" "$data/big.npy" "$data/big.zarr" --codec zstd --chunks 1024,1024
  step "zarr read (zarr -> npy)" "$data/big.zarr" "$data/back.npy"
  cmp "$data/big.npy" "$data/back.npy"
  rm -f "$data/back.npy"
  step "npz write (npy -> npz, deflate 6)" "$data/big.npy" "$data/big.npz" --compress
  step "npz read (npz -> npy)" "$data/big.npz" "$data/back.npy"
  cmp "$data/big.npy" "$data/back.npy"
  rm -f "$data/back.npy"
  step "zarr blosc-zstd write (byte shuffle, level 3)" "$data/big.npy" "$data/shuffled.zarr" --codec blosc-zstd --level 3 --chunks 1024,1024
  step "zarr blosc-zstd read" "$data/shuffled.zarr" "$data/back.npy"
  cmp "$data/big.npy" "$data/back.npy"
done
npy=$(stat -c %s "$data/big.npy")
zarr=$(du -sb "$data/big.zarr" | cut -f1)
chunks=$(find "$data/big.zarr/c" -type f | wc -l)
npz=$(stat -c %s "$data/big.npz")
shuffled=$(du -sb "$data/shuffled.zarr" | cut -f1)
/usr/bin/python3 - "$results" "$npy" "$zarr" "$chunks" "$npz" "$shuffled" "$rounds" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" > "$out/zarr.md" <<'PY'
import sys, statistics as st, collections
path, npy, zarr, chunks, npz, shuffled, rounds, cores, load = sys.argv[1:]
npy, zarr, npz, shuffled = int(npy), int(zarr), int(npz), int(shuffled)
runs = collections.OrderedDict()
for line in open(path):
    label, wall, rss = line.rstrip('\n').split('\t')
    runs.setdefault(label, []).append((float(wall), int(rss)))
print(f"## E. Zarr vs compressed NPZ (issue 24)\n")
print(f"float32 array of {npy / 2**30:.2f} GiB (.npy {npy:,} bytes), a noisy sine; `formats convert` (Release, "
      f"MaxDegreeOfParallelism 2) per step, {rounds} round(s), median wall time and peak RSS; {cores} cores shared with other work "
      f"(load average at the end: {load}), so the times are from a loaded machine. Every read was compared with the input byte for byte (cmp).\n")
print("| step | median s | min s | MiB/s (of the array) | peak RSS MiB |")
print("|---|---:|---:|---:|---:|")
med = {}
for label, xs in runs.items():
    walls = [w for w, _ in xs]
    m = st.median(walls); med[label] = m
    print(f"| {label} | {m:.2f} | {min(walls):.2f} | {npy / 2**20 / m:.0f} | {max(r for _, r in xs) / 1024:.0f} |")
print()
print(f"| store | bytes | of the .npy |")
print("|---|---:|---:|")
print(f"| .npy | {npy:,} | 100% |")
print(f"| Zarr, zstd 3, {chunks} chunks of 1024 x 1024 | {zarr:,} | {100 * zarr / npy:.1f}% |")
print(f"| NPZ, deflate 6 | {npz:,} | {100 * npz / npy:.1f}% |")
print(f"| Zarr, blosc (zstd 3, byte shuffle), same chunks | {shuffled:,} | {100 * shuffled / npy:.1f}% |")
print()
keys = list(med)
print(f"Zarr ÷ NPZ: write {med[keys[0]] / med[keys[2]]:.2f}×, read {med[keys[1]] / med[keys[3]]:.2f}×, size {zarr / npz:.2f}×.")
PY
cat "$out/zarr.md"
rm -rf "$data"
