#!/usr/bin/env bash
# Imports a generated features file of N flags (default 10,000) into a fresh SQLite database with
# `flipt import` and prints the wall time and the peak resident memory of the process
# (GNU time's "Maximum resident set size"). Usage: flipt-bench/import.sh [FLAGS]
set -euo pipefail
cd "$(dirname "$0")/.."
flags="${1:-10000}"
jar=flipt-service/target/flipt.jar
[ -f "$jar" ] || mvn -B -q -pl flipt-service -am package -DskipTests
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# every flag: 2 variants (one with an attachment), 1 rule over a segment with a 50/50 distribution
{
  echo 'version: "1.4"'
  echo 'namespace: default'
  echo 'flags:'
  for ((i = 0; i < flags; i++)); do
    printf -- '- key: flag-%05d\n  name: Flag %d\n  type: VARIANT_FLAG_TYPE\n  enabled: true\n' "$i" "$i"
    printf '  variants:\n  - key: "on"\n    attachment:\n      color: blue\n  - key: "off"\n'
    printf '  rules:\n  - segment: segment-%d\n    distributions:\n    - variant: "on"\n      rollout: 50\n    - variant: "off"\n      rollout: 50\n' "$((i % 100))"
  done
  echo 'segments:'
  for ((s = 0; s < 100; s++)); do
    printf -- '- key: segment-%d\n  name: Segment %d\n  constraints:\n  - type: STRING_COMPARISON_TYPE\n    property: plan\n    operator: eq\n    value: pro\n  match_type: ALL_MATCH_TYPE\n' "$s" "$s"
  done
} > "$work/features.yml"
printf 'database:\n  url: file:%s/flipt.db\nlogging:\n  level: WARN\n' "$work" > "$work/config.yml"

echo "features file: $(wc -l < "$work/features.yml") lines, $(du -h "$work/features.yml" | cut -f1)"
/usr/bin/time -v java -jar "$jar" import "$work/features.yml" "$work/config.yml" 2> "$work/time.txt" >/dev/null || {
  cat "$work/time.txt"; exit 1; }
grep -E 'imported [0-9]+ of|import:' "$work/time.txt" | tail -2
grep -E 'Elapsed \(wall clock\)|Maximum resident set size|User time|System time' "$work/time.txt"
java -jar "$jar" export "$work/config.yml" 2>/dev/null | grep -c '^- key: flag-' | sed 's/^/flags exported back: /'
