# Makes the Temporal CLI (dev server + Web UI) available and exports TEMPORAL_CLI_PATH.
# Order: $TEMPORAL_CLI_PATH, `temporal` on PATH, .tools/bin/temporal, else build the pinned tag
# from the Go module proxy (Temporal's own download site is not reachable from every machine).
# Sourced after lib.sh.

ensure_temporal_cli() {
  if [ -n "${TEMPORAL_CLI_PATH:-}" ]; then
    [ -x "$TEMPORAL_CLI_PATH" ] || fail "TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH is not an executable file."
  elif command -v temporal >/dev/null; then
    TEMPORAL_CLI_PATH="$(command -v temporal)"
  elif [ -x "$TOOLS_DIR/bin/temporal" ]; then
    TEMPORAL_CLI_PATH="$TOOLS_DIR/bin/temporal"
  else
    command -v go >/dev/null || fail "The Temporal CLI is not installed and Go is not there to build it." \
      "Install the CLI (https://docs.temporal.io/cli, e.g. 'brew install temporal') and put it on PATH," \
      "or install Go 1.25+ and run this command again, or set TEMPORAL_ADDRESS to use a running server."
    step "Building the Temporal CLI $TEMPORAL_CLI_VERSION from the Go module proxy (first time only: several minutes)"
    local started=$SECONDS
    mkdir -p "$TOOLS_DIR/bin"
    # Run outside the project so no go.mod around us can interfere.
    (cd "$TOOLS_DIR" && GOBIN="$TOOLS_DIR/bin" GOFLAGS=-mod=mod go install \
      "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION") \
      || fail "Building the Temporal CLI failed (see the Go output above)." \
              "Check that the Go module proxy is reachable, or install the CLI yourself and put it on PATH."
    note "built in $((SECONDS - started)) s"
    TEMPORAL_CLI_PATH="$TOOLS_DIR/bin/temporal"
  fi
  export TEMPORAL_CLI_PATH
  note "Temporal CLI: $TEMPORAL_CLI_PATH ($("$TEMPORAL_CLI_PATH" --version 2>/dev/null | head -1))"
}
