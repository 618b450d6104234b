# Installs the npm dependencies as locked and generates the Prisma client, each only
# when its input changed since the last run. Sourced after lib.sh.

lock_sum() { cat "$ROOT/package.json" "$ROOT/package-lock.json" | sha256; }

ensure_node_deps() {
  command -v node >/dev/null || fail "Node.js 20 is needed." "Install it from your package manager or https://nodejs.org."
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" = 20 ] || note "warning: Node.js $(node --version) found; this project is tested on Node.js 20."

  # `npm ci`: exactly the committed lockfile, which it never rewrites, so a fresh clone's install
  # leaves the work tree clean. The lockfile lists every platform's optional binaries
  # (@swc/core-darwin-*, ...); after a dependency change, `npm install` writes it so again.
  local lock_stamp="$ROOT/node_modules/.lock-sha256"
  if [ "$(cat "$lock_stamp" 2>/dev/null)" != "$(lock_sum)" ]; then
    step "Installing npm dependencies (npm ci, from package-lock.json)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci failed (see above)." \
      "Check that the npm registry is reachable, and that package-lock.json matches package.json (npm install updates it)."
    lock_sum > "$lock_stamp"
  fi

  local schema_stamp="$ROOT/generated/.schema-sha256"
  local schema_sum
  schema_sum="$(cat "$ROOT/prisma/schema.prisma" "$ROOT/prisma.config.ts" "$lock_stamp" | sha256)"
  if [ "$(cat "$schema_stamp" 2>/dev/null)" != "$schema_sum" ]; then
    step "Generating the Prisma client"
    # Generation runs in WebAssembly; pointing the schema-engine variable at any file stops the
    # CLI from trying to download a native engine it does not need for this.
    (cd "$ROOT" && PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(command -v node)}" \
      npx --no-install prisma generate >/dev/null) || fail "prisma generate failed (see above)."
    echo "$schema_sum" > "$schema_stamp"
  fi
}
