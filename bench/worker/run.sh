#!/usr/bin/env bash
# Load run of the folder worker (issue 10), not part of CI: 1,000 small .npy files and 10 raw recordings of 256 MiB,
# each converted to a compressed .npz by one `formats worker --once` and by a NumPy script in one process
# (numpy_worker.py), from identical inputs, in one run. Reports files/s and MB/s for both. See bench/README.md.
#   bash bench/worker/run.sh                        full run (needs ~8 GB free disk, ~5 min on 2 cores)
#   bash bench/worker/run.sh --small N --large M --mib S   other sizes (e.g. --small 200 --large 2 --mib 64)
#   bash bench/worker/run.sh --jit                  the JIT-compiled build instead of the native program
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
small=1000 large=10 mib=256 build=native
while [ $# -gt 0 ]; do
  case "$1" in
    --small) small="$2"; shift 2 ;;
    --large) large="$2"; shift 2 ;;
    --mib) mib="$2"; shift 2 ;;
    --jit) build=jit; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
py=/usr/bin/python3
out="$here/../out/worker"
rm -rf "$out" && mkdir -p "$out"

# The worker as an operator deploys it (docs/worker.md): the native program, which starts without JIT. --jit measures
# the plain build instead.
if [ "$build" = native ]; then
  echo "publishing the native program (AOT)" >&2
  linker=()
  if ! command -v clang >/dev/null; then linker=(-p:CppCompilerAndLinker=gcc); fi
  dotnet publish "$repo/host/Formats.Host.csproj" -c Release -r linux-x64 -p:PublishAot=true "${linker[@]}" -o "$here/../out/formats-aot" \
    -nologo -v quiet -clp:ErrorsOnly >&2
  formats="$here/../out/formats-aot/formats"
else
  echo "building host (Release)" >&2
  dotnet build "$repo/host/Formats.Host.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
  formats="$repo/host/bin/Release/net10.0/formats"
fi

echo "generating $small small files and $large x $mib MiB recordings with NumPy" >&2
"$py" "$here/gen.py" "$out/src" "$small" "$large" "$mib"

now() { date +%s.%N; }
load=$(cut -d' ' -f1-3 /proc/loadavg)
if [ ! -x /usr/bin/time ]; then
  echo "installing time (the run reports each tool's CPU seconds, user + system)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
# Each tool gets its own inbox of hard links to the same inputs (no copy; moving a link leaves the source alone).
prepare() {
  local dir="$out/$1/$2"
  mkdir -p "$dir/in" "$dir/out" "$dir/done"
  cp -l "$out/src/$2"/* "$dir/in/"
  cat "$dir/in"/* > /dev/null   # both tools start from a warm page cache
}
results=()
measure() { # tool kind
  local tool="$1" kind="$2" dir="$out/$1/$2" t0 t1
  prepare "$tool" "$kind"
  local count bytes
  count=$(ls "$dir/in" | wc -l)
  bytes=$(du -sb --apparent-size "$dir/in" | cut -f1)
  sync
  t0=$(now)
  if [ "$tool" = formats ]; then
    /usr/bin/time -o "$dir/cpu" -f '%U %S' "$formats" worker --inbox "$dir/in" --outbox "$dir/out" --done "$dir/done" --compress --settle 0 --once \
      --config "$here/worker.json" --worker-id bench 2> "$dir/worker.log"
  else
    /usr/bin/time -o "$dir/cpu" -f '%U %S' "$py" "$here/numpy_worker.py" "$dir/in" "$dir/out" "$dir/done" > /dev/null
  fi
  t1=$(now)
  local seconds cpu
  seconds=$(echo "$t1 - $t0" | bc -l)
  cpu=$(awk '{print $1 + $2}' "$dir/cpu")
  results+=("$(printf '%-8s %-6s %6d files %9.1f MB %8.2f s %9.3f files/s %8.2f MB/s %8.2f cpu-s' "$tool" "$kind" "$count" \
    "$(echo "$bytes / 1000000" | bc -l)" "$seconds" "$(echo "$count / $seconds" | bc -l)" "$(echo "$bytes / 1000000 / $seconds" | bc -l)" "$cpu")")
  echo "${results[-1]}" >&2
}

# Alternate the order so neither tool always runs on the cooler machine.
measure numpy small
measure formats small
measure formats large
measure numpy large

echo "verifying every output against its input with NumPy" >&2
verdict_formats=$("$py" "$here/verify.py" "$out/src" "$out/formats")
verdict_numpy=$("$py" "$here/verify.py" "$out/src" "$out/numpy")

{
  echo "# Worker load run ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $build build, load average at start: $load)"
  echo
  echo '```'
  printf '%s\n' "${results[@]}"
  echo '```'
  echo
  echo "formats outputs: $verdict_formats; numpy outputs: $verdict_numpy"
  for kind in small large; do
    f=$(grep "^formats  $kind" <<< "$(printf '%s\n' "${results[@]}")" | awk '{print $11}')
    n=$(grep "^numpy    $kind" <<< "$(printf '%s\n' "${results[@]}")" | awk '{print $11}')
    fc=$(grep "^formats  $kind" <<< "$(printf '%s\n' "${results[@]}")" | awk '{print $13}')
    nc=$(grep "^numpy    $kind" <<< "$(printf '%s\n' "${results[@]}")" | awk '{print $13}')
    echo "$kind: formats/numpy throughput = $(printf '%.2f' "$(echo "$f / $n" | bc -l)")x; CPU seconds numpy/formats = $(printf '%.2f' "$(echo "$nc / $fc" | bc -l)")x"
  done
} | tee "$out/results.md"
rm -rf "$out/src" "$out/formats" "$out/numpy"
