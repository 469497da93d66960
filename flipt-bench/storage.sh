#!/usr/bin/env bash
# Storage benchmarks of docs/benchmarks.md: write latency on SQLite, PostgreSQL and MariaDB, change propagation
# between two instances (PostgreSQL with LISTEN/NOTIFY, MariaDB by polling), and the snapshot rebuild of a
# namespace of 10,000 flags. Needs the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust) and MariaDB
# (127.0.0.1:3306, root, no password). Usage: flipt-bench/storage.sh   (PARTS="writes propagation rebuild" COUNT=200
# CHANGES=100 FLAGS=10000)
set -euo pipefail
cd "$(dirname "$0")/.."

PARTS=${PARTS:-"writes propagation rebuild"}
COUNT=${COUNT:-200}
CHANGES=${CHANGES:-100}
FLAGS=${FLAGS:-10000}
WORK=$(mktemp -d)
PIDS=()
DATABASES=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for db in "${DATABASES[@]}"; do
    case "$db" in
      pg:*) psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS ${db#pg:} WITH (FORCE)" >/dev/null 2>&1 || true ;;
      my:*) mariadb -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS ${db#my:}" >/dev/null 2>&1 || true ;;
    esac
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ ! -f flipt-service/target/flipt.jar ] || [ ! -f flipt-bench/target/flipt-bench.jar ]; then
  mvn -B -q package -DskipTests
fi
BENCH_JAR=flipt-bench/target/flipt-bench.jar
NEXT_PORT=${BASE_PORT:-48000}

database() { # kind -> URL: the Flipt URL of a fresh database (globals, not a subshell, so cleanup sees it)
  local name="bench_$(date +%s%N | tail -c 9)_$RANDOM"
  case "$1" in
    sqlite) URL="file:$WORK/$name.db" ;;
    postgres) psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $name" >/dev/null
      DATABASES+=("pg:$name"); URL="postgres://postgres@127.0.0.1:5432/$name?sslmode=disable" ;;
    mariadb) mariadb -h 127.0.0.1 -u root -e "CREATE DATABASE $name" >/dev/null
      DATABASES+=("my:$name"); URL="mysql://root@127.0.0.1:3306/$name" ;;
  esac
}

start() { # url -> GRPC: the gRPC port of a started, healthy instance
  local http=$NEXT_PORT admin=$((NEXT_PORT + 2))
  GRPC=$((NEXT_PORT + 1))
  NEXT_PORT=$((NEXT_PORT + 3))
  FLIPT_DB_URL="$1" FLIPT_SERVER_HTTP_PORT=$http FLIPT_SERVER_GRPC_PORT=$GRPC FLIPT_SERVER_ADMIN_PORT=$admin FLIPT_LOG_LEVEL=WARN \
    java -Xms512m -Xmx512m -jar flipt-service/target/flipt.jar server config.yml > "$WORK/server-$http.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$http/health" >/dev/null && return 0; sleep 0.5; done
  echo "instance on port $http did not start:" >&2; tail -5 "$WORK/server-$http.log" >&2; exit 1
}

if [[ " $PARTS " == *" writes "* ]]; then
echo "== write latency (gRPC, $COUNT writes of each kind)"
for kind in sqlite postgres mariadb; do
  database $kind; start "$URL"
  printf '%-9s ' "$kind"
  java -cp "$BENCH_JAR" io.fliptj.bench.StorageBench writes --target "127.0.0.1:$GRPC" --count "$COUNT"
done

fi
if [[ " $PARTS " == *" propagation "* ]]; then
echo "== propagation between two instances ($CHANGES changes)"
for kind in postgres mariadb; do
  database $kind
  start "$URL"; first=$GRPC
  start "$URL"; second=$GRPC
  printf '%-9s ' "$kind"
  java -cp "$BENCH_JAR" io.fliptj.bench.StorageBench propagation --writer "127.0.0.1:$first" --reader "127.0.0.1:$second" --changes "$CHANGES"
done

fi
if [[ " $PARTS " == *" rebuild "* ]]; then
echo "== snapshot rebuild, $FLAGS flags"
for kind in sqlite postgres; do
  database $kind
  java -Xmx2g -cp "$BENCH_JAR" io.fliptj.bench.RebuildBench --url "$URL" --flags "$FLAGS" 2>&1 | grep 'flags:'
done
fi
