#!/usr/bin/env bash
# The start command (`npm start`): installs what is missing, builds, and runs the whole stack.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$ROOT/provision/node-deps.sh"
source "$ROOT/provision/temporal-cli.sh"

ensure_node_deps
[ -n "${TEMPORAL_ADDRESS:-}" ] || ensure_temporal_cli
step "Compiling TypeScript"
(cd "$ROOT" && npx --no-install tsc -p tsconfig.build.json) || fail "The TypeScript build failed (see above)."
exec node "$ROOT/dist/provision/run-stack.js"
