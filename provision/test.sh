#!/usr/bin/env bash
# The test command (`npm test`): installs what is missing, then type-checks, lints, checks the
# format and runs every test against a real PostgreSQL, the Temporal dev server and the
# time-skipping test server.
# Extra arguments go to jest (e.g. `npm test -- tests/unit`).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$ROOT/provision/node-deps.sh"
source "$ROOT/provision/temporal-cli.sh"
source "$ROOT/provision/test-server.sh"
source "$ROOT/provision/postgres.sh"
source "$ROOT/provision/chromium.sh"

started=$SECONDS
ensure_node_deps
# Always: the integration tests run their own dev server even when TEMPORAL_ADDRESS is set.
ensure_temporal_cli
ensure_test_server
ensure_postgres
ensure_chromium

cd "$ROOT"
step "Type-checking (tsc --noEmit; the workbench page with web/tsconfig.json)"
npx --no-install tsc --noEmit
npx --no-install tsc -p web/tsconfig.json
# The processes some tests start (worker, API) run from dist/, as the start command's do.
build_dist
step "Linting (eslint)"
npx --no-install eslint --max-warnings 0 .
step "Checking the format (prettier; \`npm run format\` rewrites what it names)"
npm run --silent format:check
step "Running the tests (jest)"
status=0
results="$DATA_DIR/test/jest-results.json"
mkdir -p "$(dirname "$results")"
rm -f "$results"
npx --no-install jest --runInBand --json --outputFile="$results" "$@" || status=$?
step "Test command finished in $((SECONDS - started)) s"
# A plain closing line that any CI can read, whatever the runner.
[ -s "$results" ] && node -e 'const r = require(process.argv[1]); console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""))' "$results"
exit $status
