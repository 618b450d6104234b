# Shared by every provisioning script: paths, pinned versions, and how a step reports itself.
# Sourced, never run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$ROOT/.tools"
DATA_DIR="${DATA_DIR:-$ROOT/.data}"

# v1.5.1 is the last CLI tag `go install` accepts (later go.mod files carry a replace directive);
# it pins Temporal server 1.29.1 and Web UI 2.42.1.
TEMPORAL_CLI_VERSION="v1.5.1"
TEMPORAL_TEST_SERVER_VERSION="1.32.1"

step() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
note() { printf '    %s\n' "$*" >&2; }
fail() {
  printf '\033[1;31mERROR:\033[0m %s\n' "$1" >&2
  shift
  for line in "$@"; do printf '       %s\n' "$line" >&2; done
  exit 1
}

# Run a command as root: directly when we are root, through sudo when it is there.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else return 1
  fi
}

# sha256 of standard input, hex; Linux has sha256sum, macOS shasum.
sha256() {
  if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi | cut -d' ' -f1
}

# The build both the start and the test command run: TypeScript to dist/, then the workflow bundle
# the worker loads at start (worker/workflow-bundle.ts), so no worker bundles at every start, and
# the workbench page the API serves (dist/web/).
build_dist() {
  step "Compiling TypeScript (tsc -p tsconfig.build.json)"
  (cd "$ROOT" && npx --no-install tsc -p tsconfig.build.json) || fail "The TypeScript build failed (see above)."
  step "Bundling the workflow code for the worker (dist/workflow-bundle/)"
  node "$ROOT/dist/worker/bundle-workflows.js" || fail "Bundling the workflow code failed (see above)."
  step "Building the workbench page (dist/web/)"
  node "$ROOT/dist/provision/build-web.js" || fail "Building the workbench page failed (see above)."
}

apt_install() {
  command -v apt-get >/dev/null || return 1
  step "Installing $* with apt-get (needs root)"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
export CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
