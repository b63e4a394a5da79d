#!/usr/bin/env bash
# Scrape cost of the status app (issue 23), not part of CI: while 2 `formats worker --queue` processes convert a job
# set (default 600 .npy files of 256 KiB to compressed .npz, --parallel 2 each, heartbeats every second), `formats
# status` is scraped back to back, /metrics and /api/status in turn, each a fresh curl (connection included); then the
# same with the fleet idle. Reports count, median, p95 and max per endpoint, and the answers' sizes. Needs a local
# RabbitMQ (rabbitmq-server -detached, as .ci/run starts it). docs/operations.md holds a run.
#   bash bench/status/run.sh [--count N] [--kib K]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
count=600 kib=256
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --kib) kib="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
py=/usr/bin/python3
url="${FORMATS_BENCH_AMQP:-amqp://localhost}"
out="$here/../out/status"
rm -rf "$out" && mkdir -p "$out"
name="bench-status-$RANDOM$RANDOM"

rabbitmqctl -q await_startup >/dev/null 2>&1 || { echo "no RabbitMQ running here: rabbitmq-server -detached (see .ci/run)" >&2; exit 1; }
echo "building host (Release)" >&2
dotnet build "$repo/host/Formats.Host.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
formats="$repo/host/bin/Release/net10.0/formats"
echo "generating $count files of $kib KiB with NumPy" >&2
"$py" "$repo/bench/queue/gen.py" "$out/src" "$count" "$kib"
cat "$out/src"/* > /dev/null

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rabbitmqctl -q delete_queue "$name" >/dev/null 2>&1 || true
  rabbitmqctl -q delete_queue "$name.dead" >/dev/null 2>&1 || true
  for x in "$name.dead" "$name.results" "$name.status"; do   # rabbitmqctl has no delete_exchange
    rabbitmqctl -q eval "rabbit_exchange:delete(rabbit_misc:r(<<\"/\">>, exchange, <<\"$x\">>), false, <<\"bench\">>)." </dev/null >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT

"$formats" status --queue "$url" --queue-name "$name" --listen http://127.0.0.1:0 2> "$out/status.log" &
pids+=($!)
until grep -q "status: watching queue" "$out/status.log" 2>/dev/null; do sleep 0.1; done
site=$(grep -o 'Now listening on: http://[0-9.:]*' "$out/status.log" | head -1 | cut -d' ' -f4)
for i in 1 2; do
  FORMATS_Formats__Queue__HeartbeatSeconds=1 "$formats" worker --queue "$url" --queue-name "$name" --allow "$out" --parallel 2 2> "$out/worker$i.log" &
  pids+=($!)
done
for i in 1 2; do
  until grep -q "consuming $name" "$out/worker$i.log" 2>/dev/null; do sleep 0.1; done
done
until [ "$(curl -fsS "$site/api/status" | "$py" -c 'import json,sys; print(json.load(sys.stdin)["totals"]["workersAlive"])')" = 2 ]; do sleep 0.2; done
mkdir -p "$out/out"
# One warm-up scrape each (the first request JIT-compiles the endpoint).
curl -fsS -o /dev/null "$site/metrics"; curl -fsS -o /dev/null "$site/api/status"

scrape() { # phase: scrapes /metrics and /api/status in turn until the file $out/stop exists
  local phase="$1"
  while [ ! -e "$out/stop" ]; do
    for ep in metrics api/status; do
      curl -fsS -o "$out/last-${ep//\//-}" -w "$phase $ep %{time_total} %{size_download} %{time_pretransfer} %{time_starttransfer}\n" "$site/$ep" >> "$out/scrapes.txt"
    done
  done
}

echo "load: submitting $count jobs to 2 workers, scraping meanwhile" >&2
rm -f "$out/stop"
scrape load &
scraper=$!
t0=$(date +%s.%N)
"$formats" submit --queue "$url" --queue-name "$name" "$out/src" --to npz --compress --outbox "$out/out" --wait 2> "$out/submit.log"
t1=$(date +%s.%N)
touch "$out/stop"; wait "$scraper"
echo "idle: scraping the idle fleet for 10 s" >&2
rm -f "$out/stop"
scrape idle &
scraper=$!
sleep 10
touch "$out/stop"; wait "$scraper"

jobs_per_s=$(echo "$count / ($t1 - $t0)" | bc -l)
"$py" - "$out/scrapes.txt" "$jobs_per_s" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
print(f"load: {float(sys.argv[2]):.1f} jobs/s through 2 workers while scraping")
print("whole scrape (curl's total: connect, request, answer) and the server's part (request sent to first byte)")
print(f"{'phase':6} {'endpoint':11} {'scrapes':>7} {'median ms':>9} {'p95 ms':>7} {'max ms':>7} {'server median':>13} {'server p95':>10} {'bytes':>7}")
def p95(t):
    return t[min(len(t) - 1, int(0.95 * len(t)))]
for phase in ("load", "idle"):
    for ep in ("metrics", "api/status"):
        mine = [r for r in rows if r[0] == phase and r[1] == ep]
        t = sorted(float(r[2]) * 1000 for r in mine)
        server = sorted((float(r[5]) - float(r[4])) * 1000 for r in mine)
        print(f"{phase:6} /{ep:10} {len(t):7d} {statistics.median(t):9.2f} {p95(t):7.2f} {max(t):7.2f} {statistics.median(server):13.2f} {p95(server):10.2f} {int(mine[-1][3]):7d}")
PY
