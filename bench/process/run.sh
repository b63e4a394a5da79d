#!/usr/bin/env bash
# Whole-process benchmark (section D): formats commands against NumPy scripts, start-up included, alternating runs.
#   bash bench/process/run.sh [--quick] [--reps N] [--case TEXT] [--verify-mib N] [--verify-reps N] [--reuse-build]
# Measures two builds of the program against NumPy:
#   tool  the `formats` tool as a user installs it: packed by .ci/pack, then `dotnet tool install formats --tool-path`
#         from that feed (on linux-x64 the native program, formats.linux-x64; its JIT build in jit/ serves plugins)
#   r2r   dotnet publish -r linux-x64 (framework-dependent, ReadyToRun: what the tool was before it was native)
# --case TEXT (repeatable) runs only the cases whose name holds TEXT (`--case verify-big`: NumPy's own 256 MiB compressed
# archives, `formats verify` against `np.load(...)['arr_0']`; --verify-mib N sets their size, --verify-reps N the runs).
# --reuse-build skips packing, installing and publishing when an earlier run left both builds in bench/out (same commit).
# The report goes to stdout and bench/out/process.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/bench/out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
reps=11 big=1024 small=1000 vmib=256 vreps=5 reuse=0
cases=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) reps=3 big=64 small=100 vmib=16 vreps=2 ;;
    --reps) reps="$2"; shift ;;
    --verify-mib) vmib="$2"; shift ;;
    --verify-reps) vreps="$2"; shift ;;
    --reuse-build) reuse=1 ;;
    --case) cases+=(--case "$2"); shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if ! /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy >/dev/null
fi
if [ ! -x /usr/bin/time ]; then
  echo "installing time (peak RSS of each run comes from /usr/bin/time)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
mkdir -p "$out"
if [ "$reuse" = 1 ] && [ -x "$out/tool/formats" ] && [ -x "$out/formats-r2r/formats" ]; then
  echo "reusing the installed tool and the ReadyToRun build in $out (--reuse-build)" >&2
else
echo "packing every package (.ci/pack) and installing the formats tool from that feed" >&2
bash "$root/.ci/pack" "$out/feed" >/dev/null
version=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$root/Directory.Build.props")
# A private packages folder: every pack of this commit has the same version, and a cached older one must not be taken.
rm -rf "$out/tool" "$out/tool-packages"
NUGET_PACKAGES="$out/tool-packages" dotnet tool install formats --version "$version" --tool-path "$out/tool" --add-source "$out/feed" >&2
echo "publishing the ReadyToRun build" >&2
dotnet publish "$root/host/Formats.Host.csproj" -c Release -r linux-x64 --self-contained false -o "$out/formats-r2r" -nologo -v quiet -clp:ErrorsOnly >&2
fi
exec /usr/bin/python3 "$here/process_bench.py" "${cases[@]}" \
  --formats "$out/tool/formats" --formats-label "formats (installed tool)" \
  --formats "$out/formats-r2r/formats" --formats-label "formats (R2R)" \
  --data "$out/process-data" --reps "$reps" --big-mib "$big" --small-files "$small" \
  --verify-mib "$vmib" --verify-reps "$vreps" --out "$out/process.md"
