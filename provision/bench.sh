#!/usr/bin/env bash
# The benchmark command (`npm run bench -- [options]`, see bench/options.ts or --help): installs
# what is missing as the test command does (PostgreSQL, the Temporal CLI), builds, and runs it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$ROOT/provision/node-deps.sh"
source "$ROOT/provision/temporal-cli.sh"
source "$ROOT/provision/postgres.sh"

ensure_node_deps
[ -n "${TEMPORAL_ADDRESS:-}" ] || ensure_temporal_cli
ensure_postgres
build_dist
# BENCH_MAIN: another measurement under bench/ that needs the same (npm run bench:sdk-floor).
exec node "$ROOT/dist/bench/${BENCH_MAIN:-main}.js" "$@"
