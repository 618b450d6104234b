# Makes a headless Chromium available to the browser tests and the screenshot command, and exports
# CHROMIUM_PATH. Debian's package, as PostgreSQL comes from apt: Playwright's own browser download
# needs the internet, which a CI runner or this project's machines may not reach. CJK fonts come
# with it, since every page is Chinese first and without them Chromium draws boxes. Sourced after
# lib.sh.

ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    [ -x "$CHROMIUM_PATH" ] || fail "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable." "Point it at a Chromium or Chrome binary, or unset it."
    note "Chromium: using CHROMIUM_PATH"
    return
  fi
  local found
  found="$(command -v chromium || command -v chromium-browser || true)"
  if [ -z "$found" ] || ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    apt_install chromium fonts-noto-cjk || fail "Chromium is not installed and apt-get could not install it." \
      "Install Chromium (Debian: apt-get install chromium fonts-noto-cjk) or set CHROMIUM_PATH to a Chromium or Chrome binary."
    found="$(command -v chromium || command -v chromium-browser)"
  fi
  export CHROMIUM_PATH="$found"
  note "Chromium: $CHROMIUM_PATH"
}
