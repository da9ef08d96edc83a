#!/usr/bin/env bash
# The one test command (README: `npm test`): set-up, static checks, then every test against
# one real Kafka broker shared by both runners. The broker never outlives this script.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh

started=$(date +%s)
ensure_node
ensure_npm_deps
ensure_native_modules
ensure_packages chromium:chromium kcat:kcat promtool:prometheus
ensure_screen_fonts
ensure_kafka_runtime
ensure_schema_registry

say "Static checks: types, lint, format..."
node_modules/.bin/tsc -p tsconfig.node.json
node_modules/.bin/tsc -p tsconfig.web.json
node_modules/.bin/eslint --max-warnings 0 .
node_modules/.bin/prettier --check . >/dev/null || { node_modules/.bin/prettier --list-different .; die "Formatting differs: run npm run format."; }

say "Building the renderer and the Electron shell..."
npm run --silent build

mkdir -p test-results
rm -f test-results/vitest-unit.json test-results/vitest-integration.json test-results/vitest-cluster.json test-results/playwright.json
status=0
say "Unit tests (no broker)..."
node_modules/.bin/vitest run --project unit --reporter=default --reporter=json --outputFile.json=test-results/vitest-unit.json || status=$?

broker_pid=""
stop_broker() {
  if [ -n "$broker_pid" ] && kill -0 "$broker_pid" 2>/dev/null; then
    kill -TERM "$broker_pid" 2>/dev/null || true
    wait "$broker_pid" 2>/dev/null || true
  fi
  broker_pid=""
}
trap stop_broker EXIT
trap 'stop_broker; exit 130' INT TERM

say "Starting the test Kafka broker..."
rm -f test-results/bootstrap.txt
node_modules/.bin/tsx scripts/broker.ts --bootstrap-file test-results/bootstrap.txt &
broker_pid=$!
for _ in $(seq 1 240); do
  [ -f test-results/bootstrap.txt ] && [ "$(wc -l < test-results/bootstrap.txt)" -ge 3 ] && break
  kill -0 "$broker_pid" 2>/dev/null || die "The test broker failed to start."
  sleep 0.5
done
[ -s test-results/bootstrap.txt ] || die "The test broker did not start within 2 minutes."
export KDS_TEST_BOOTSTRAP
KDS_TEST_BOOTSTRAP=$(sed -n 1p test-results/bootstrap.txt)
broker_jvm=$(sed -n 2p test-results/bootstrap.txt)
export KDS_TEST_SECURE_KAFKA
KDS_TEST_SECURE_KAFKA=$(sed -n 3p test-results/bootstrap.txt)

say "Integration tests (real Kafka, real SQLite files)..."
# The three-broker cluster test runs alone: on two cores, a neighbour's load stretches its leader elections.
node_modules/.bin/vitest run --project integration --exclude test/integration/cluster-rolling-restart.test.ts \
  --reporter=default --reporter=json --outputFile.json=test-results/vitest-integration.json || status=$?
node_modules/.bin/vitest run --project integration test/integration/cluster-rolling-restart.test.ts \
  --reporter=default --reporter=json --outputFile.json=test-results/vitest-cluster.json || status=$?
say "End-to-end tests (Playwright + Chromium)..."
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json \
  node_modules/.bin/playwright test --reporter=list,json || status=$?

stop_broker
if kill -0 "$broker_jvm" 2>/dev/null; then
  say "The test broker's JVM (pid $broker_jvm) is still alive after the tests."
  status=1
fi
node_modules/.bin/tsx scripts/test-summary.ts test-results/vitest-unit.json test-results/vitest-integration.json test-results/vitest-cluster.json test-results/playwright.json || status=1
say "Test run took $(( $(date +%s) - started )) s."
exit "$status"
