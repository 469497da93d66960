#!/usr/bin/env bash
# Server CPU per request with and without gzip, for one variant evaluation (~280 bytes) and a
# batch of ten (~3 KB), as in docs/benchmarks.md ("gzip on responses").
# Usage: flipt-bench/gzip-cost.sh [extra JVM options, e.g. -Ddw.server.gzip.minimumEntitySize=256B]
# Needs wrk and curl; builds nothing (run `mvn -B -q package -DskipTests` first).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${HTTP_PORT:-47180}
WORK=$(mktemp -d)
trap 'kill "$(cat "$WORK/pid")" 2>/dev/null || true; rm -rf "$WORK"' EXIT

FLIPT_DB_URL="file:$WORK/gzip.db" FLIPT_SERVER_HTTP_PORT=$PORT FLIPT_SERVER_GRPC_PORT=$((PORT + 1)) \
  FLIPT_SERVER_ADMIN_PORT=$((PORT + 2)) FLIPT_LOG_LEVEL=WARN \
  java -Xms512m -Xmx512m "$@" -jar flipt-service/target/flipt.jar server config.yml > "$WORK/server.log" 2>&1 &
echo $! > "$WORK/pid"
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done
API=http://127.0.0.1:$PORT/api/v1/namespaces/default
curl -sf -X POST "$API/segments" -d '{"key":"all","name":"All","matchType":"ALL_MATCH_TYPE"}' >/dev/null
for i in $(seq 0 9); do
  curl -sf -X POST "$API/flags" -d "{\"key\":\"f$i\",\"name\":\"Flag $i\",\"enabled\":true}" >/dev/null
  variant=$(curl -sf -X POST "$API/flags/f$i/variants" -d '{"key":"blue","attachment":"{\"hex\":\"#00f\"}"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
  rule=$(curl -sf -X POST "$API/flags/f$i/rules" -d '{"segmentKey":"all","rank":1}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
  curl -sf -X POST "$API/flags/f$i/rules/$rule/distributions" -d "{\"variantId\":\"$variant\",\"rollout\":100}" >/dev/null
done
single='{"flagKey":"f0","entityId":"user-1","context":{"plan":"pro"}}'
items=()
for i in $(seq 0 9); do items+=("{\"flagKey\":\"f$i\",\"entityId\":\"user-1\"}"); done
batch="{\"requests\":[$(IFS=,; echo "${items[*]}")]}"
for name in single batch; do
  body=${!name}
  printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[%s]]\n' "$body" > "$WORK/$name.lua"
  printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.headers["Accept-Encoding"] = "gzip"\nwrk.body = [[%s]]\n' "$body" > "$WORK/$name-gzip.lua"
done
cpu() { awk '{print $14 + $15}' "/proc/$(cat "$WORK/pid")/stat"; }
measure() {
  local before after requests
  before=$(cpu)
  requests=$(wrk -t1 -c8 -d8s -s "$WORK/$1.lua" "http://127.0.0.1:$PORT/evaluate/v1/$2" | awk '/requests in/{print $1}')
  after=$(cpu)
  printf '%-13s %8d requests  %4d us CPU/request\n' "$1" "$requests" $(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests ))
}
for round in 1 2 3 4; do
  if [ "$round" -lt 3 ]; then echo "round $round (warm-up)"; else echo "round $round"; fi
  measure single variant; measure single-gzip variant; measure batch batch; measure batch-gzip batch
done
