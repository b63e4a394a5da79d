#!/usr/bin/env bash
# Formats vs NumPy vs NumSharp, plus the page-cache limits, in one run. See bench/README.md.
#   bash bench/run.sh            full run (1 GiB NPY, 1e6-value NPZ cases, 256 MiB signal; ~10 min)
#   bash bench/run.sh --quick    small sizes, 3 runs each, no cold reads (< 1 min)
#   bash bench/run.sh --only big NumPy-written 256 MiB compressed members, NumPy vs Formats on 2 and 1 threads (B2, issue 25)
#   bash bench/run.sh --only zarr a 1 GiB float32 array as zstd Zarr vs compressed NPZ, written and read by formats (E, issue 24)
# Other options: --no-cold, --reps N, --big-mib N, --big-rounds N, --only npy|npz|big|mmap|process|zarr (mmap: section C, a 4 GiB mapped NPY; 256 MiB with
# --quick; process: section D, whole commands against NumPy scripts, bench/process/run.sh). The report goes to stdout
# and bench/out/results.md (section D: bench/out/process.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ "${1:-}" = "--only" ] && [ "${2:-}" = "process" ]; then shift 2; exec bash "$here/process/run.sh" "$@"; fi
if [ "${1:-}" = "--quick" ] && [ "${2:-}" = "--only" ] && [ "${3:-}" = "process" ]; then exec bash "$here/process/run.sh" --quick; fi
if [ "${1:-}" = "--only" ] && [ "${2:-}" = "zarr" ]; then shift 2; exec bash "$here/zarr/run.sh" "$@"; fi
if [ "${1:-}" = "--quick" ] && [ "${2:-}" = "--only" ] && [ "${3:-}" = "zarr" ]; then exec bash "$here/zarr/run.sh" --quick; fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
  echo "installing python3-numpy (the benchmark compares against the real NumPy)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy >/dev/null
fi

if [ ! -x /usr/bin/time ]; then
  echo "installing time (section C measures each whole process's peak RSS with /usr/bin/time)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi

echo "building bench/Formats.Bench (Release)" >&2
dotnet build "$here/Formats.Bench/Formats.Bench.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
# Section C runs the formats command-line tool as a whole process (formats convert --rows): the native (AOT) publish.
# Sections A, B and B2 alone do not need it.
only=""
prev=""
for a in "$@"; do if [ "$prev" = "--only" ]; then only="$a"; fi; prev="$a"; done
if [ -z "$only" ] || [ "$only" = "mmap" ]; then
echo "publishing host (Release, native AOT) into bench/out/formats-aot" >&2
linker=()
if ! command -v clang >/dev/null; then linker=(-p:CppCompilerAndLinker=gcc); fi
dotnet publish "$here/../host/Formats.Host.csproj" -c Release -r linux-x64 -p:PublishAot=true "${linker[@]}" -o "$here/out/formats-aot" -nologo -v quiet -clp:ErrorsOnly >&2
fi
exec "$here/Formats.Bench/bin/Release/net10.0/Formats.Bench" run --bench-dir "$here" "$@"
