#!/usr/bin/env bash
# Peak memory of converting a large object in the store to a compressed archive in the store (issue 22): a NumPy-written
# .npy of 5 GiB (default) is uploaded to a moto_server started here on loopback, then
#   formats convert s3://B/big.npy s3://B/out.npz --compress --endpoint-url ...
# runs under /usr/bin/time -v (Release host); its maximum resident set size is the figure (moto keeps the objects in
# its own memory, which is not counted). The output is then read back by NumPy in slices and compared. Not part of CI
# (the goal is at most 200 MiB); docs/object-storage.md holds a run. Needs moto_server, a Python with boto3 (moto's),
# /usr/bin/python3 with numpy, GNU time, and about 2 x SIZE of free memory for moto.
# moto reads a whole object for every ranged GET (seconds each at 5 GiB, so the 640 GETs of the input take most of an
# hour): --s3rver BIN runs the npm package s3rver instead (npm install s3rver; BIN is its node_modules/.bin/s3rver),
# which keeps objects in files and serves ranges from them. s3rver cannot list multipart uploads: that check is moto's.
#   bash bench/s3/memory.sh [--gib N] [--s3rver BIN]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
gib=5 s3rver=""
while [ $# -gt 0 ]; do
  case "$1" in
    --gib) gib="$2"; shift 2 ;;
    --s3rver) s3rver="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ -n "$s3rver" ]; then
  # s3rver's fixed keys; bodies without a checksum trailer, which it would store as they come.
  export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_REQUEST_CHECKSUM_CALCULATION=when_required
fi
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-testing}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-testing}" AWS_REGION="${AWS_REGION:-us-east-1}"
py=/usr/bin/python3
boto_py="${FORMATS_BOTO_PYTHON:-python3}"
"$boto_py" -c 'import boto3' 2>/dev/null || { echo "$boto_py has no boto3: set FORMATS_BOTO_PYTHON to the Python moto runs on" >&2; exit 1; }
moto="${FORMATS_MOTO_SERVER:-$(command -v moto_server || echo /root/.pyenv/shims/moto_server)}"
out="$here/../out/s3-memory"
rm -rf "$out" && mkdir -p "$out/src"

port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
endpoint="http://127.0.0.1:$port"
if [ -n "$s3rver" ]; then
  server="s3rver $("$s3rver" --version)"
  "$s3rver" -d "$out/s3rver-data" -a 127.0.0.1 -p "$port" --silent > "$out/server.log" 2>&1 &
else
  server="moto_server"
  "$moto" -H 127.0.0.1 -p "$port" > "$out/server.log" 2>&1 &
fi
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$out/src" "$out/s3rver-data"' EXIT
until curl -sS -o /dev/null "$endpoint/" 2>/dev/null; do sleep 0.2; done

echo "building host (Release)" >&2
dotnet build "$repo/host/Formats.Host.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
formats="$repo/host/bin/Release/net10.0/formats"

echo "writing a $gib GiB .npy with NumPy and uploading it" >&2
# A slow ramp with noise in its low bits: deflate has work to do, as with recorded signals.
"$py" - "$out/src/big.npy" "$gib" <<'PY'
import sys
import numpy as np
path, gib = sys.argv[1], int(sys.argv[2])
rows = gib * (1 << 30) // 8 // 1024
a = np.lib.format.open_memmap(path, mode='w+', dtype='<f8', shape=(rows, 1024))
rng = np.random.default_rng(22)
step = 1 << 14
for r in range(0, rows, step):
    n = min(step, rows - r)
    a[r:r + n] = np.round(np.arange(r * 1024, (r + n) * 1024).reshape(n, 1024) / 4096 + rng.integers(0, 4, (n, 1024)))
a.flush()
PY
bucket="mem$RANDOM$RANDOM"
"$boto_py" "$here/../queue/s3.py" "$endpoint" put "$bucket" "" "$out/src"

echo "converting under /usr/bin/time -v" >&2
t0=$(date +%s.%N)
/usr/bin/time -v "$formats" convert "s3://$bucket/big.npy" "s3://$bucket/out.npz" --compress --endpoint-url "$endpoint" 2> "$out/time.txt"
t1=$(date +%s.%N)
peak_kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time.txt")

echo "checking the output with NumPy" >&2
"$boto_py" "$here/../queue/s3.py" "$endpoint" getone "$bucket" out.npz "$out/out.npz"
verdict=$("$py" - "$out/src/big.npy" "$out/out.npz" <<'PY'
import sys, zipfile
import numpy as np
a = np.load(sys.argv[1], mmap_mode='r')
with zipfile.ZipFile(sys.argv[2]) as z:
    (name,) = z.namelist()
    with z.open(name) as member:
        version = np.lib.format.read_magic(member)
        shape, fortran, dtype = np.lib.format._read_array_header(member, version)
        assert shape == a.shape and dtype == a.dtype and not fortran, (shape, dtype)
        step = 1 << 14
        for r in range(0, shape[0], step):
            n = min(step, shape[0] - r)
            chunk = np.frombuffer(member.read(n * 1024 * 8), dtype=dtype).reshape(n, 1024)
            assert np.array_equal(chunk, a[r:r + n]), r
print("equal to the input (read back by NumPy's zipfile in slices)")
PY
)
pending=$([ -n "$s3rver" ] && echo "(not listed by s3rver)" || "$boto_py" "$here/../queue/s3.py" "$endpoint" uploads "$bucket")
stored=$(stat -c %s "$out/out.npz")
{
  echo "# s3:// convert memory ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, Release host, $server on loopback)"
  echo
  echo "formats convert s3://B/big.npy ($gib GiB) s3://B/out.npz --compress: peak RSS $((peak_kib / 1024)) MiB ($peak_kib KiB),"
  echo "$(printf '%.1f' "$(echo "$t1 - $t0" | bc -l)") s, output $stored bytes; $verdict; $pending multipart uploads left"
} | tee "$out/results.md"
rm -f "$out/out.npz"
