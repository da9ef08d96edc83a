#!/usr/bin/env bash
# The one "run the product" command (README: `npm start`) on a local default setup:
# a local Kafka broker, the order simulator at lunch-rush pace, and two terminals of merchant
# m-1's kitchen: expo (all stations) and a grill screen, which share their cooks' actions.
# KDS_ROUTING=routed runs the demo in routed mode: the order router re-keys the simulator's orders
# by merchant and each terminal reads only m-1's partition (README "Routed mode").
# KDS_FORMAT=avro runs it in Avro: a local schema registry, the simulator producing Confluent-framed
# Avro, the terminals decoding through the registry (README "Avro and the schema registry").
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh

ensure_node
ensure_npm_deps
ensure_native_modules
ensure_kafka_runtime
format="${KDS_FORMAT:-json}"
case "$format" in json | avro) ;; *) die "KDS_FORMAT must be json or avro, got \"$format\"." ;; esac
[ "$format" = json ] || ensure_schema_registry
say "Building..."
npm run --silent build

port="${KDS_KAFKA_PORT:-9092}"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "Starting a local Kafka broker on 127.0.0.1:$port..."
mkdir -p .kds-data
rm -f .kds-data/broker.txt
node_modules/.bin/tsx scripts/broker.ts --port "$port" --bootstrap-file .kds-data/broker.txt &
pids+=($!)
for _ in $(seq 1 240); do [ -s .kds-data/broker.txt ] && break; sleep 0.5; done
[ -s .kds-data/broker.txt ] || die "The broker did not start; see the output above."

simulator_format=()
if [ "$format" = avro ]; then
  say "Starting a local schema registry (Apicurio Registry; 10-30 s)..."
  rm -f .kds-data/registry.txt
  node_modules/.bin/tsx scripts/registry.ts --url-file .kds-data/registry.txt &
  pids+=($!)
  for _ in $(seq 1 240); do [ -s .kds-data/registry.txt ] && break; sleep 0.5; done
  [ -s .kds-data/registry.txt ] || die "The schema registry did not start; see the output above."
  export KDS_SCHEMA_REGISTRY_URL
  KDS_SCHEMA_REGISTRY_URL=$(sed -n 1p .kds-data/registry.txt)
  simulator_format=(--format avro --registry "$KDS_SCHEMA_REGISTRY_URL")
fi

# The terminals run on copies of the example configurations: Settings (PIN 1234) rewrites its own
# copy, never a file of the repository.
demo_config() {
  [ -f "$2" ] || node -e '
    const fs = require("fs"), path = require("path");
    const [example, copy] = process.argv.slice(1);
    const config = JSON.parse(fs.readFileSync(example, "utf8"));
    config.dataDir = path.resolve(path.dirname(example), config.dataDir);
    fs.writeFileSync(copy, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
  ' "$1" "$2"
}
demo_config config/kds.example.json .kds-data/expo-1.json
demo_config config/kds.grill.example.json .kds-data/grill-1.json

routing="${KDS_ROUTING:-filter}"
case "$routing" in filter | routed) ;; *) die "KDS_ROUTING must be filter or routed, got \"$routing\"." ;; esac
export KDS_ROUTING="$routing"
say "Starting the order simulator (2 merchants, lunch-rush pace, $format) and kds for merchant m-1 ($routing mode)..."
node_modules/.bin/tsx scripts/simulate.ts --brokers "127.0.0.1:$port" --env dev --merchants m-1,m-2 --orders 120 --rate 2 --faults duplicate,reorder \
  "${simulator_format[@]}" $([ "$routing" = routed ] && echo --routed) &
pids+=($!)
if [ "$routing" = routed ]; then
  say "Starting the order router (dev.orders → dev.kds-orders, keyed by merchant)..."
  node_modules/.bin/tsx scripts/router.ts --bootstrap "127.0.0.1:$port" --env dev &
  pids+=($!)
fi
# A second terminal of the same kitchen: the grill screen, in a browser (http://127.0.0.1:8081/).
KDS_KAFKA_BROKERS="127.0.0.1:$port" node_modules/.bin/tsx scripts/serve.ts --config .kds-data/grill-1.json &
pids+=($!)
# The desktop app where an Electron binary is installed; otherwise the web host (same screen, same API).
if [ -f node_modules/electron/path.txt ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  KDS_CONFIG=.kds-data/expo-1.json KDS_KAFKA_BROKERS="127.0.0.1:$port" node_modules/.bin/electron . &
else
  KDS_KAFKA_BROKERS="127.0.0.1:$port" node_modules/.bin/tsx scripts/serve.ts --config .kds-data/expo-1.json &
fi
pids+=($!)
say "Running. Ctrl-C stops everything."
wait "${pids[-1]}"
