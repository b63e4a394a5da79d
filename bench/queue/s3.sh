#!/usr/bin/env bash
# The queue scale run (run.sh) with s3:// inputs and outputs (issue 22), not part of CI: the same job set (default 600
# .npy files of 256 KiB, 150 MiB) uploaded to a bucket of a moto_server started here on loopback, then converted to
# compressed .npz by 1 and by 2 `formats worker --queue` processes that share no folder: each runs in a directory of
# its own and may use only the bucket (--allow s3://BUCKET/). `formats submit s3://BUCKET/raw/ --outbox
# s3://BUCKET/archive-N/ --wait` times each run. Every output is then downloaded and checked against its input with
# NumPy (verify.py), every job must be committed exactly once, and no multipart upload may be left. Needs a local
# RabbitMQ and moto_server (.ci/run installs both). docs/object-storage.md holds a run.
#   bash bench/queue/s3.sh [--count N] [--kib K] [--workers "1 2"]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
count=600 kib=256 workers="1 2"
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --kib) kib="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-testing}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-testing}" AWS_REGION="${AWS_REGION:-us-east-1}"
py=/usr/bin/python3
moto="${FORMATS_MOTO_SERVER:-$(command -v moto_server || echo /root/.pyenv/shims/moto_server)}"
# boto3 comes with moto: a Python with moto installed has it (Debian's python3 may have neither).
boto_py="${FORMATS_BOTO_PYTHON:-python3}"
"$boto_py" -c 'import boto3' 2>/dev/null || { echo "$boto_py has no boto3: set FORMATS_BOTO_PYTHON to the Python moto runs on" >&2; exit 1; }
url="${FORMATS_BENCH_AMQP:-amqp://localhost}"
out="$here/../out/queue-s3"
rm -rf "$out" && mkdir -p "$out"

rabbitmqctl -q await_startup >/dev/null 2>&1 || { echo "no RabbitMQ running here: rabbitmq-server -detached (see .ci/run)" >&2; exit 1; }
port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
endpoint="http://127.0.0.1:$port"
"$moto" -H 127.0.0.1 -p "$port" > "$out/moto.log" 2>&1 &
moto_pid=$!
pids=()
stop_workers() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
trap 'stop_workers; kill "$moto_pid" 2>/dev/null || true' EXIT
until curl -fsS -o /dev/null "$endpoint/moto-api/" 2>/dev/null; do sleep 0.2; done

echo "building host (Release)" >&2
dotnet build "$repo/host/Formats.Host.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
formats="$repo/host/bin/Release/net10.0/formats"

echo "generating $count files of $kib KiB with NumPy and uploading them to $endpoint" >&2
"$py" "$here/gen.py" "$out/src" "$count" "$kib"
bytes=$(du -sb --apparent-size "$out/src" | cut -f1)
bucket="bench$RANDOM$RANDOM"
"$boto_py" "$here/s3.py" "$endpoint" put "$bucket" raw/ "$out/src"

now() { date +%s.%N; }
results=()
report() { # label jobs bytes seconds
  results+=("$(printf '%-34s %6d jobs %8.1f MB %8.2f s %9.1f jobs/s %8.1f MB/s' "$1" "$2" "$(echo "$3 / 1000000" | bc -l)" "$4" \
    "$(echo "$2 / $4" | bc -l)" "$(echo "$3 / 1000000 / $4" | bc -l)")")
  echo "${results[-1]}" >&2
}

verdicts=()
s3_run() { # n-workers
  local n="$1" name="bench-s3-$RANDOM$RANDOM" dir="$out/workers-$1"
  mkdir -p "$dir"
  for i in $(seq 1 "$n"); do
    # Each worker in a directory of its own, allowed nothing but the bucket.
    mkdir -p "$dir/w$i"
    (cd "$dir/w$i" && exec "$formats" worker --queue "$url" --queue-name "$name" --allow "s3://$bucket/" --parallel 2 --endpoint-url "$endpoint" 2> "$dir/worker$i.log") &
    pids+=($!)
  done
  for i in $(seq 1 "$n"); do
    until grep -q "consuming $name" "$dir/worker$i.log" 2>/dev/null; do sleep 0.1; done
  done
  local t0 t1
  t0=$(now)
  "$formats" submit --queue "$url" --queue-name "$name" "s3://$bucket/raw/" --to npz --compress --outbox "s3://$bucket/archive-$n/" --wait \
    --endpoint-url "$endpoint" 2> "$dir/submit.log"
  t1=$(now)
  stop_workers
  rabbitmqctl -q delete_queue "$name" >/dev/null; rabbitmqctl -q delete_queue "$name.dead" >/dev/null
  for x in "$name.dead" "$name.results"; do
    rabbitmqctl -q eval "rabbit_exchange:delete(rabbit_misc:r(<<\"/\">>, exchange, <<\"$x\">>), false, <<\"bench\">>)." </dev/null >/dev/null
  done
  report "s3 queue, $n worker(s), no shared dir" "$count" "$bytes" "$(echo "$t1 - $t0" | bc -l)"
  local commits distinct
  commits=$(cat "$dir"/worker*.log | grep -c ' committed ' || true)
  distinct=$(cat "$dir"/worker*.log | grep -o ' committed [^ ]*' | sort -u | wc -l)
  echo "  commits: $commits (distinct outputs $distinct)  per worker: $(for f in "$dir"/worker*.log; do grep -c ' committed ' "$f" || true; done | paste -sd' ')" >&2
  [ "$commits" -eq "$count" ] && [ "$distinct" -eq "$count" ] || { echo "expected $count commits, each once" >&2; exit 1; }
  "$boto_py" "$here/s3.py" "$endpoint" get "$bucket" "archive-$n/" "$dir/out"
  verdicts+=("$n worker(s): $count committed once each, $("$py" "$here/verify.py" "$out/src" "$dir/out")")
}

for n in $workers; do
  s3_run "$n"
done
pending=$("$boto_py" "$here/s3.py" "$endpoint" uploads "$bucket")
[ "$pending" -eq 0 ] || { echo "$pending multipart uploads left behind" >&2; exit 1; }

{
  echo "# Queue scale run on s3:// ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, RabbitMQ $(rabbitmqctl -q version), moto_server on loopback, each worker --parallel 2)"
  echo
  echo '```'
  printf '%s\n' "${results[@]}"
  echo '```'
  echo
  printf '%s; ' "${verdicts[@]}"
  echo "no multipart upload left"
} | tee "$out/results.md"
