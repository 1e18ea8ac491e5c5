#!/usr/bin/env bash
# Installs what the e2e tests and `npm start` need beyond the root `npm ci`.
# Idempotent; every step is skipped when already done. Run as root (or with
# sudo) on Debian 12.
#
#   bash scripts/setup-e2e.sh [--no-browser] [--quiet]
#
#   1. apt: ripgrep, libkrb5-dev, python3-diskcache (+ make/g++/python3 when
#      missing) and, unless --no-browser, chromium and fonts-liberation.
#   2. Seeds @vscode/ripgrep's download cache with Debian's rg: code-server's
#      postinstall would otherwise download ripgrep from GitHub.
#   3. `npm ci` in test/e2e/workbench (code-server 4.100.3, which builds
#      native modules from source), skipped when the lockfile is unchanged.
set -euo pipefail

NO_BROWSER=0
QUIET=0
for arg in "$@"; do
  case "$arg" in
    --no-browser) NO_BROWSER=1 ;;
    --quiet) QUIET=1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "setup-e2e.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORKBENCH="$ROOT/test/e2e/workbench"
log() { [ "$QUIET" = 1 ] || echo "[setup-e2e] $*" >&2; }

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" != 20 ]; then
  log "WARNING: Node.js $node_major found; code-server 4.100.3 needs Node.js 20"
fi

# --- 1. apt packages ----------------------------------------------------------
# dpkg, not `python3 -c 'import diskcache'`: a pyenv python3 may shadow Debian's.
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
wanted=(ripgrep libkrb5-dev python3-diskcache)
[ "$NO_BROWSER" = 1 ] || wanted+=(chromium fonts-liberation)
missing=()
for pkg in "${wanted[@]}"; do installed "$pkg" || missing+=("$pkg"); done
for tool in make g++ python3; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done

if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  log "apt-get update"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  log "apt-get install ${missing[*]}"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
else
  log "apt packages present"
fi

# --- 2. ripgrep download cache --------------------------------------------------
# code-server 4.100.3 -> @vscode/ripgrep 1.15.11, whose postinstall looks for
#   $(os.tmpdir())/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-<target>.tar.gz
# and untars it, expecting `rg` at the archive root.
case "$(uname -m)" in
  x86_64) rg_target=x86_64-unknown-linux-musl ;;
  aarch64) rg_target=aarch64-unknown-linux-musl ;;
  *) echo "setup-e2e.sh: unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac
rg_asset="ripgrep-v13.0.0-10-${rg_target}.tar.gz"
rg_bin="$(command -v rg)"

seed_rg_cache() {
  local dir="$1/vscode-ripgrep-cache-1.15.11"
  local tarball="$dir/$rg_asset"
  if [ -s "$tarball" ] && tar -tzf "$tarball" 2>/dev/null | grep -qx rg; then
    return 0
  fi
  mkdir -p "$dir"
  local stage
  stage="$(mktemp -d "$dir/.stage.XXXXXX")"
  install -m 755 "$rg_bin" "$stage/rg"
  tar -czf "$tarball.tmp.$$" -C "$stage" rg
  mv -f "$tarball.tmp.$$" "$tarball"
  rm -rf "$stage"
  log "seeded $tarball"
}
seed_rg_cache "${TMPDIR:-/tmp}"
[ "${TMPDIR:-/tmp}" = /tmp ] || seed_rg_cache /tmp

# --- 3. code-server ---------------------------------------------------------------
stamp="$WORKBENCH/node_modules/.flyte-e2e-stamp"
want="$(cat "$WORKBENCH/package-lock.json" "$WORKBENCH/package.json" | sha256sum | cut -d' ' -f1) node-$(node -v)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] &&
   [ -d "$WORKBENCH/node_modules/code-server/lib/vscode/node_modules" ]; then
  log "code-server already installed"
else
  log "npm ci in test/e2e/workbench (code-server builds native modules; ~1-2 min)"
  # As root, code-server's postinstall needs unsafe-perm; node-pty's
  # postinstall runs `npx node-gyp`, which must not prompt.
  export npm_config_unsafe_perm=true npm_config_yes=true
  # node-gyp would download Node's headers; Debian/NodeSource ship them.
  if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
    export npm_config_nodedir=/usr
  fi
  (cd "$WORKBENCH" && npm ci --no-audit --no-fund --loglevel=error)
  [ -d "$WORKBENCH/node_modules/code-server/lib/vscode/node_modules" ] ||
    { echo "setup-e2e.sh: code-server's postinstall did not complete" >&2; exit 1; }
  echo "$want" > "$stamp"
fi
log "done"
