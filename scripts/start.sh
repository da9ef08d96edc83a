#!/usr/bin/env bash
# The one "run the product" command (README: `npm start`) on a local default setup.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh

ensure_node
ensure_npm_deps
ensure_kafka_runtime
say "Building..."
npm run --silent build
say "Starting a local Kafka broker (Ctrl-C stops everything)..."
exec node_modules/.bin/tsx scripts/broker.ts --port "${KDS_KAFKA_PORT:-9092}"
