#!/usr/bin/env bash
# Runs the benchmarks of docs/benchmarks.md against a freshly started server and prints one table.
# Usage: flipt-bench/run.sh            (builds the jars first if they are missing)
# Needs: wrk and nginx (installed from Debian's packages when missing and apt-get is allowed).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20}
HTTP_PORT=${HTTP_PORT:-47080}
GRPC_PORT=${GRPC_PORT:-47000}
ADMIN_PORT=${ADMIN_PORT:-47081}
NGINX_PORT=${NGINX_PORT:-47090}
WORK=$(mktemp -d)
trap 'kill $(cat "$WORK"/server.pid 2>/dev/null) 2>/dev/null || true; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true; rm -rf "$WORK"' EXIT

for tool in wrk nginx; do
  if ! command -v "$tool" >/dev/null 2>&1 && ! [ -x "/usr/sbin/$tool" ]; then
    apt-get install -y -q "$tool" >/dev/null
  fi
done
command -v h2load >/dev/null 2>&1 || apt-get install -y -q nghttp2-client >/dev/null
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

if [ ! -f flipt-service/target/flipt.jar ] || [ ! -f flipt-bench/target/flipt-bench.jar ]; then
  mvn -B -q package -DskipTests
fi
BENCH_JAR=flipt-bench/target/flipt-bench.jar

echo "== engine (JMH)"
java -jar "$BENCH_JAR" EvaluatorBenchmark -f 1 -wi 3 -w 2 -i 5 -r 2 -prof gc -rf json -rff "$WORK/jmh.json" > "$WORK/jmh.txt" 2>&1
grep -E '^EvaluatorBenchmark\.[a-zA-Z]+ ' "$WORK/jmh.txt" || tail -20 "$WORK/jmh.txt"

echo "== server"
FLIPT_DB_URL="file:$WORK/bench.db" FLIPT_SERVER_HTTP_PORT=$HTTP_PORT FLIPT_SERVER_GRPC_PORT=$GRPC_PORT \
  FLIPT_SERVER_ADMIN_PORT=$ADMIN_PORT FLIPT_LOG_LEVEL=WARN \
  java -Xms1g -Xmx1g -jar flipt-service/target/flipt.jar server config.yml > "$WORK/server.log" 2>&1 &
echo $! > "$WORK/server.pid"
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$HTTP_PORT/health" >/dev/null && break; sleep 0.5; done
java -cp "$BENCH_JAR" io.fliptj.bench.Workload --target "127.0.0.1:$GRPC_PORT" --other-flags 1000

BODY='{"namespaceKey":"default","flagKey":"reference","entityId":"user-42","context":{"plan":"free","region":"eu","age":"33","signedUp":"2021-03-04T05:06:07Z"}}'
RESPONSE=$(curl -s -X POST "http://127.0.0.1:$HTTP_PORT/evaluate/v1/variant" -H 'Content-Type: application/json' -d "$BODY")
echo "sample response: $RESPONSE"
cat > "$WORK/variant.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, "/evaluate/v1/variant", nil, '{"namespaceKey":"default","flagKey":"reference","entityId":"user-' .. (counter % 10000) .. '","context":{"plan":"free","region":"eu","age":"33","signedUp":"2021-03-04T05:06:07Z"}}')
end
LUA
mkdir -p "$WORK/www" "$WORK/nginx"
printf '%s' "$RESPONSE" > "$WORK/www/response.json"
chmod -R a+rX "$WORK"
cat > "$WORK/nginx/nginx.conf" <<NGINX
$( [ "$(id -u)" = 0 ] && echo 'user root;' )
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx; uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; location / { default_type application/json; } }
}
NGINX
"$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx"

echo "== REST (wrk -t1 -c32, ${DURATION}s, after a 10 s warm-up)"
wrk -t1 -c32 -d10s -s "$WORK/variant.lua" "http://127.0.0.1:$HTTP_PORT" > /dev/null
wrk -t1 -c32 -d"${DURATION}s" --latency -s "$WORK/variant.lua" "http://127.0.0.1:$HTTP_PORT" | tee "$WORK/rest.txt"
echo "== nginx, static file of the same size"
wrk -t1 -c32 -d5s "http://127.0.0.1:$NGINX_PORT/response.json" > /dev/null
wrk -t1 -c32 -d"${DURATION}s" --latency "http://127.0.0.1:$NGINX_PORT/response.json" | tee "$WORK/nginx.txt"

echo "== gRPC Variant (h2load, multiplexed)"
python3 - "$WORK/req.bin" <<'PY'
import sys
def field(number, value):
    data = value.encode() if isinstance(value, str) else value
    return bytes([(number << 3) | 2, len(data)]) + data
context = {"plan": "free", "region": "eu", "age": "33", "signedUp": "2021-03-04T05:06:07Z"}
message = field(2, "default") + field(3, "reference") + field(4, "user-42")
for key, value in context.items():
    message += field(5, field(1, key) + field(2, value))
open(sys.argv[1], "wb").write(b"\x00" + len(message).to_bytes(4, "big") + message)
PY
curl -s --http2-prior-knowledge -H 'content-type: application/grpc' -H 'te: trailers' --data-binary @"$WORK/req.bin" \
  "http://127.0.0.1:$GRPC_PORT/flipt.evaluation.EvaluationService/Variant" -D - -o /dev/null | grep -i 'grpc-status'
h2load -n 100000 -c 8 -m 32 -t 1 -H 'content-type: application/grpc' -H 'te: trailers' -d "$WORK/req.bin" \
  "http://127.0.0.1:$GRPC_PORT/flipt.evaluation.EvaluationService/Variant" > /dev/null
h2load -n 300000 -c 8 -m 32 -t 1 -H 'content-type: application/grpc' -H 'te: trailers' -d "$WORK/req.bin" \
  "http://127.0.0.1:$GRPC_PORT/flipt.evaluation.EvaluationService/Variant" | tee "$WORK/h2load.txt" | grep -E 'finished in|requests:|status codes'
echo "== gRPC Variant (Java load client)"
java -cp "$BENCH_JAR" io.fliptj.bench.GrpcLoadClient --target "127.0.0.1:$GRPC_PORT" --flag reference --type variant \
  --concurrency 128 --channels 4 --seconds "$DURATION" --warmup 10 | tee "$WORK/grpc.txt"
echo "== gRPC Batch of 100"
java -cp "$BENCH_JAR" io.fliptj.bench.GrpcLoadClient --target "127.0.0.1:$GRPC_PORT" --flag reference --type batch --batch-size 100 \
  --concurrency 32 --channels 2 --seconds "$DURATION" --warmup 10 | tee "$WORK/batch.txt"

rps() { grep 'Requests/sec' "$1" | awk '{print $2}'; }
p99() { grep -E '^ +99%' "$1" | awk '{print $2}'; }
jmh() { grep -E "^EvaluatorBenchmark\.$1 +$2 " "$WORK/jmh.txt" | awk '{print $(NF-3)" "$NF}'; }
alloc() { grep -E "^EvaluatorBenchmark\.$1:gc\.alloc\.rate\.norm +$2 " "$WORK/jmh.txt" | awk '{print $(NF-3)" "$NF}'; }
REST_RPS=$(rps "$WORK/rest.txt"); NGINX_RPS=$(rps "$WORK/nginx.txt")
echo
echo "| benchmark | result |"
echo "|---|---|"
echo "| engine, variant, reference flag (10 other flags) | $(jmh variantMatchingLastRule 10), allocates $(alloc variantMatchingLastRule 10) |"
echo "| engine, variant, reference flag (10,000 other flags) | $(jmh variantMatchingLastRule 10000) |"
echo "| engine, boolean (10 / 10,000 other flags) | $(jmh booleanThreshold 10) / $(jmh booleanThreshold 10000) |"
echo "| engine, batch of 100, per evaluation | $(jmh batchOfHundred 10) |"
echo "| REST /evaluate/v1/variant, wrk -t1 -c32 | $REST_RPS req/s, p99 $(p99 "$WORK/rest.txt") |"
echo "| nginx static file, same size | $NGINX_RPS req/s, p99 $(p99 "$WORK/nginx.txt") |"
echo "| REST / nginx | $(awk -v a="$REST_RPS" -v b="$NGINX_RPS" 'BEGIN{printf "%.0f%%", 100*a/b}') |"
echo "| gRPC Variant, h2load -c8 -m32 | $(grep -E 'finished in' "$WORK/h2load.txt" | awk '{print $4" req/s"}'), $(grep -E '^requests:' "$WORK/h2load.txt" | awk '{print $10" failed"}') |"
echo "| gRPC Variant, Java client | $(grep -E '^requests:' "$WORK/grpc.txt" | sed 's/.*= //') , $(grep -E '^latency:' "$WORK/grpc.txt" | sed 's/latency: //') |"
echo "| gRPC Batch of 100 | $(grep -E '^evaluations:' "$WORK/batch.txt" | sed 's/evaluations: //') |"
