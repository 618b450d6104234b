#!/usr/bin/env bash
# The start command (`npm start`): installs what is missing, builds, and runs the whole stack.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$ROOT/provision/node-deps.sh"
source "$ROOT/provision/temporal-cli.sh"

ensure_node_deps
[ -n "${TEMPORAL_ADDRESS:-}" ] || ensure_temporal_cli
build_dist
exec node "$ROOT/dist/provision/run-stack.js"
