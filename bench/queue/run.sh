#!/usr/bin/env bash
# Scale run of the queue workers (issue 11), not part of CI: the same job set (default 600 .npy files of 256 KiB,
# 150 MiB) converted to compressed .npz by 1, 2 and 4 `formats worker --queue` processes on this machine, and by one
# `formats worker --once` on a folder inbox; then 2,000 tiny jobs through 1 worker to show the per-job (broker)
# ceiling, and both again with a prefetch of 8 (Formats:Queue:Prefetch). Needs a local RabbitMQ (rabbitmq-server -detached, as .ci/run starts it). Reports jobs/s and MB/s;
# docs/scale-out.md holds a run.
#   bash bench/queue/run.sh [--count N] [--kib K] [--workers "1 2 4"] [--tiny N]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
count=600 kib=256 workers="1 2 4" tiny=2000
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --kib) kib="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --tiny) tiny="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
py=/usr/bin/python3
url="${FORMATS_BENCH_AMQP:-amqp://localhost}"
out="$here/../out/queue"
rm -rf "$out" && mkdir -p "$out"

rabbitmqctl -q await_startup >/dev/null 2>&1 || { echo "no RabbitMQ running here: rabbitmq-server -detached (see .ci/run)" >&2; exit 1; }
echo "building host (Release)" >&2
dotnet build "$repo/host/Formats.Host.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
formats="$repo/host/bin/Release/net10.0/formats"

echo "generating $count files of $kib KiB and $tiny tiny ones with NumPy" >&2
"$py" "$here/gen.py" "$out/src" "$count" "$kib"
"$py" "$here/gen.py" "$out/tiny" "$tiny" 1
bytes=$(du -sb --apparent-size "$out/src" | cut -f1)
tiny_bytes=$(du -sb --apparent-size "$out/tiny" | cut -f1)
cat "$out/src"/* "$out/tiny"/* > /dev/null   # every run starts from a warm page cache

now() { date +%s.%N; }
results=()
report() { # label jobs bytes seconds
  results+=("$(printf '%-28s %6d jobs %8.1f MB %8.2f s %9.1f jobs/s %8.1f MB/s' "$1" "$2" "$(echo "$3 / 1000000" | bc -l)" "$4" \
    "$(echo "$2 / $4" | bc -l)" "$(echo "$3 / 1000000 / $4" | bc -l)")")
  echo "${results[-1]}" >&2
}

pids=()
stop_workers() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
trap stop_workers EXIT

# The time measured is submit --wait's: publishing with confirms until the last result (its ~0.3 s of process start
# included). Workers are started and connected before it.
queue_run() { # label source n-workers jobs bytes [prefetch]
  local label="$1" src="$2" n="$3" jobs="$4" size="$5" prefetch="${6:-0}" name="bench-$RANDOM$RANDOM" dir="$out/$1"
  mkdir -p "$dir/out"
  for i in $(seq 1 "$n"); do
    FORMATS_Formats__Queue__Prefetch="$prefetch" "$formats" worker --queue "$url" --queue-name "$name" --allow "$out" --parallel 2 2> "$dir/worker$i.log" &
    pids+=($!)
  done
  for i in $(seq 1 "$n"); do
    until grep -q "consuming $name" "$dir/worker$i.log" 2>/dev/null; do sleep 0.1; done
  done
  local t0 t1
  t0=$(now)
  "$formats" submit --queue "$url" --queue-name "$name" "$src" --to npz --compress --outbox "$dir/out" --wait 2> "$dir/submit.log"
  t1=$(now)
  stop_workers
  rabbitmqctl -q delete_queue "$name" >/dev/null; rabbitmqctl -q delete_queue "$name.dead" >/dev/null
  for x in "$name.dead" "$name.results"; do   # rabbitmqctl has no delete_exchange
    rabbitmqctl -q eval "rabbit_exchange:delete(rabbit_misc:r(<<\"/\">>, exchange, <<\"$x\">>), false, <<\"bench\">>)." </dev/null >/dev/null
  done
  report "$label" "$jobs" "$size" "$(echo "$t1 - $t0" | bc -l)"
  echo "  commits: $(cat "$dir"/worker*.log | grep -c ' committed ')  per worker: $(for f in "$dir"/worker*.log; do grep -c ' committed ' "$f"; done | paste -sd' ')" >&2
}

folder_run() {
  local dir="$out/folder"
  mkdir -p "$dir/in" "$dir/out" "$dir/done"
  cp -l "$out/src"/* "$dir/in/"
  local t0 t1
  t0=$(now)
  "$formats" worker --inbox "$dir/in" --outbox "$dir/out" --done "$dir/done" --compress --settle 0 --once --parallel 2 --worker-id bench 2> "$dir/worker.log"
  t1=$(now)
  report "folder worker, 1 process" "$count" "$bytes" "$(echo "$t1 - $t0" | bc -l)"
}

folder_run
for n in $workers; do
  queue_run "queue, $n worker(s)" "$out/src" "$n" "$count" "$bytes"
done
# The same with 8 deliveries in hand per worker instead of 2: the next job is there when one ends.
queue_run "queue, 1 worker, prefetch 8" "$out/src" 1 "$count" "$bytes" 8
queue_run "queue, tiny jobs, 1 worker" "$out/tiny" 1 "$tiny" "$tiny_bytes"
queue_run "queue, tiny, 1 w, prefetch 8" "$out/tiny" 1 "$tiny" "$tiny_bytes" 8

echo "verifying every output with NumPy" >&2
verdicts=("folder: $("$py" "$here/verify.py" "$out/src" "$out/folder/out")")
for n in $workers; do
  verdicts+=("queue $n: $("$py" "$here/verify.py" "$out/src" "$out/queue, $n worker(s)/out")")
done
verdicts+=("queue prefetch 8: $("$py" "$here/verify.py" "$out/src" "$out/queue, 1 worker, prefetch 8/out")")
verdicts+=("tiny: $("$py" "$here/verify.py" "$out/tiny" "$out/queue, tiny jobs, 1 worker/out")")

{
  echo "# Queue scale run ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, RabbitMQ $(rabbitmqctl -q version), each worker --parallel 2)"
  echo
  echo '```'
  printf '%s\n' "${results[@]}"
  echo '```'
  echo
  printf '%s; ' "${verdicts[@]}"
  echo
} | tee "$out/results.md"
