#!/usr/bin/env bash
# Whole-process benchmark (section D): formats commands against NumPy scripts, start-up included, alternating runs.
#   bash bench/process/run.sh [--quick] [--reps N]
# Measures two builds of the program against NumPy:
#   tool  the `formats` tool as a user installs it: packed by .ci/pack, then `dotnet tool install formats --tool-path`
#         from that feed (on linux-x64 the native program, formats.linux-x64; its JIT build in jit/ serves plugins)
#   r2r   dotnet publish -r linux-x64 (framework-dependent, ReadyToRun: what the tool was before it was native)
# --case TEXT (repeatable) runs only the cases whose name holds TEXT.
# The report goes to stdout and bench/out/process.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/bench/out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
reps=11 big=1024 small=1000
cases=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) reps=3 big=64 small=100 ;;
    --reps) reps="$2"; shift ;;
    --case) cases+=(--case "$2"); shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if ! /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy >/dev/null
fi
mkdir -p "$out"
echo "packing every package (.ci/pack) and installing the formats tool from that feed" >&2
bash "$root/.ci/pack" "$out/feed" >/dev/null
version=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$root/Directory.Build.props")
# A private packages folder: every pack of this commit has the same version, and a cached older one must not be taken.
rm -rf "$out/tool" "$out/tool-packages"
NUGET_PACKAGES="$out/tool-packages" dotnet tool install formats --version "$version" --tool-path "$out/tool" --add-source "$out/feed" >&2
echo "publishing the ReadyToRun build" >&2
dotnet publish "$root/host/Formats.Host.csproj" -c Release -r linux-x64 --self-contained false -o "$out/formats-r2r" -nologo -v quiet -clp:ErrorsOnly >&2
exec /usr/bin/python3 "$here/process_bench.py" "${cases[@]}" \
  --formats "$out/tool/formats" --formats-label "formats (installed tool)" \
  --formats "$out/formats-r2r/formats" --formats-label "formats (R2R)" \
  --data "$out/process-data" --reps "$reps" --big-mib "$big" --small-files "$small" --out "$out/process.md"
