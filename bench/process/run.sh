#!/usr/bin/env bash
# Whole-process benchmark (section D): formats commands against NumPy scripts, start-up included, alternating runs.
#   bash bench/process/run.sh [--quick] [--reps N]
# Publishes two builds of the program and measures both against NumPy:
#   aot  dotnet publish -r linux-x64 -p:PublishAot=true   (native; the JIT build beside it in jit/ serves third-party plugins)
#   r2r  dotnet publish -r linux-x64                      (framework-dependent, ReadyToRun)
# The report goes to stdout and bench/out/process.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/bench/out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
reps=11 big=1024 small=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) reps=3 big=64 small=100 ;;
    --reps) reps="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if ! /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy >/dev/null
fi
# Native AOT links with the system C toolchain.
linker=()
if ! command -v clang >/dev/null; then linker=(-p:CppCompilerAndLinker=gcc); fi
mkdir -p "$out"
echo "publishing the native (AOT) and ReadyToRun builds" >&2
dotnet publish "$root/host/Formats.Host.csproj" -c Release -r linux-x64 -p:PublishAot=true "${linker[@]}" -o "$out/formats-aot" -nologo -v quiet -clp:ErrorsOnly >&2
dotnet publish "$root/host/Formats.Host.csproj" -c Release -r linux-x64 --self-contained false -o "$out/formats-r2r" -nologo -v quiet -clp:ErrorsOnly >&2
exec /usr/bin/python3 "$here/process_bench.py" \
  --formats "$out/formats-aot/formats" --formats-label "formats (AOT)" \
  --formats "$out/formats-r2r/formats" --formats-label "formats (R2R)" \
  --data "$out/process-data" --reps "$reps" --big-mib "$big" --small-files "$small" --out "$out/process.md"
