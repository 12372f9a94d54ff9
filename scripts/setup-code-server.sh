#!/usr/bin/env bash
# Install a real VS Code server + web workbench (from the `code-server` npm package)
# into a cache folder, once. Used by the extension-host and UI tests that run in a
# real VS Code on machines that reach only the npm registry and Debian packages
# (see /work/shared/docs/real-editors.md for the recipe and why).
#
# Usage:  CS=$(bash scripts/setup-code-server.sh | tail -1)
#   The last line of stdout is the absolute path of the installed package folder
#   (it contains out/node/entry.js and lib/vscode). Progress goes to stderr.
#
# Environment:
#   SCALING_PLAN_CACHE        cache root (default: $HOME/.cache/scaling-plan)
#   CODE_SERVER_VERSION       code-server version (default: 4.100.3, ships VS Code 1.100.3)
#   SCALING_PLAN_SKIP_APT=1   do not try to install Debian packages (they must be present)
#
# Idempotent: a finished install carries a `.complete` marker; when it is there the
# script prints the path and exits at once. The build happens in a temporary folder
# next to the final one and is renamed into place only when everything succeeded.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE_ROOT="${SCALING_PLAN_CACHE:-$HOME/.cache/scaling-plan}"
DEST="$CACHE_ROOT/code-server-$CODE_SERVER_VERSION"

log() { printf '[setup-code-server] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Native modules are built for one Node ABI; record it and rebuild when Node changed.
NODE_ABI="$(node -p process.versions.modules 2>/dev/null || echo unknown)"
installed_ok() { [[ -f "$DEST/.complete" ]] && grep -qx "node-abi $NODE_ABI" "$DEST/.complete"; }

# Fast path: already installed.
if installed_ok; then
  (cd "$DEST" && pwd -P)
  exit 0
fi
if [[ -f "$DEST/.complete" ]]; then
  log "$DEST was built for another Node ABI; reinstalling for ABI $NODE_ABI"
fi

START_TIME=$(date +%s)

command -v node >/dev/null || die "node is required"
command -v npm >/dev/null || die "npm is required"

# Every npm command's own output goes to stderr so stdout stays clean for the path.
npm_q() { npm --no-audit --no-fund --loglevel=error "$@" 1>&2; }

# node-gyp must not try to download Node headers (no network besides npm + Debian):
# use the headers installed with the machine's Node when present.
if [[ -z "${npm_config_nodedir:-}" ]]; then
  NODE_PREFIX="$(cd "$(dirname "$(readlink -f "$(command -v node)")")/.." && pwd)"
  if [[ -f "$NODE_PREFIX/include/node/node.h" ]]; then
    export npm_config_nodedir="$NODE_PREFIX"
  fi
fi

# ---------------------------------------------------------------- 1. Debian packages
APT_PACKAGES=(libkrb5-dev ripgrep chromium)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [[ "${SCALING_PLAN_SKIP_APT:-0}" == 1 ]]; then
    die "missing Debian packages: ${missing[*]} (SCALING_PLAN_SKIP_APT=1)"
  fi
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || die "missing Debian packages (${missing[*]}) and not root"
    SUDO=(sudo)
  fi
  log "installing Debian packages: ${missing[*]}"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q 1>&2
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}" 1>&2
fi
RG_BIN="$(command -v rg || true)"
[[ -n "$RG_BIN" ]] || die "ripgrep (rg) not found after installing it"

# ---------------------------------------------------------------- 2. code-server package
mkdir -p "$CACHE_ROOT"
# Leftovers of runs that were killed hard (the EXIT trap below did not run). Only old
# ones: a concurrent run may be building in its own temporary folder right now.
find "$CACHE_ROOT" -maxdepth 1 -name ".code-server-*.tmp.*" -mmin +120 \
  -exec rm -rf {} + 2>/dev/null || true
WORK="$(mktemp -d "$CACHE_ROOT/.code-server-$CODE_SERVER_VERSION.tmp.XXXXXX")"
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

log "downloading code-server@$CODE_SERVER_VERSION from the npm registry"
(cd "$WORK" && npm pack --silent "code-server@$CODE_SERVER_VERSION" 1>&2)
TARBALL="$(ls "$WORK"/code-server-*.tgz | head -1)"
[[ -f "$TARBALL" ]] || die "npm pack produced no tarball"
tar -xzf "$TARBALL" -C "$WORK"
rm -f "$TARBALL"
PKG="$WORK/package"
[[ -f "$PKG/out/node/entry.js" && -d "$PKG/lib/vscode" ]] || die "unexpected package layout"

log "installing code-server dependencies"
(cd "$PKG" && npm_q install --omit=dev --ignore-scripts)
log "rebuilding argon2"
(cd "$PKG" && npm_q rebuild argon2)

# ---------------------------------------------------------------- 3. lib/vscode
VSC="$PKG/lib/vscode"
log "installing VS Code server dependencies (lib/vscode)"
(cd "$VSC" && npm_q install --omit=dev --ignore-scripts)

# Rebuild every native module (anything with a binding.gyp) against the machine's Node.
# Known soft failures, tolerated:
#  - node-pty: its postinstall runs `npx node-gyp@<pinned>` only to write
#    compile_commands.json, which npx may refuse to fetch (npm `yes=false`); the addon
#    itself is usually built by then. It is only needed for terminals; checked below.
#  - @vscode/windows-*: Windows-only, never loaded on Linux.
mapfile -t NATIVE < <(
  cd "$VSC/node_modules" &&
    find . -mindepth 2 -maxdepth 3 -name binding.gyp -not -path '*/node_modules/*/node_modules/*' |
    sed -e 's|^\./||' -e 's|/binding.gyp$||' | sort
)
OPTIONAL_NATIVE=" node-pty @vscode/windows-process-tree @vscode/windows-registry "
failed_optional=()
for mod in "${NATIVE[@]}"; do
  log "rebuilding native module $mod"
  if ! (cd "$VSC" && npm_q rebuild "$mod"); then
    if [[ "$OPTIONAL_NATIVE" == *" $mod "* ]]; then
      log "WARNING: npm rebuild $mod reported a failure (optional module; ignored)"
      failed_optional+=("$mod")
    else
      die "native module $mod failed to rebuild"
    fi
  fi
done
if (cd "$VSC" && node -e "require('node-pty')" >/dev/null 2>&1); then
  PTY_STATUS="node-pty loads (terminals available)"
else
  PTY_STATUS="node-pty does not load (terminals unavailable; not needed by the tests)"
fi
log "$PTY_STATUS"

log "installing ripgrep from $RG_BIN"
mkdir -p "$VSC/node_modules/@vscode/ripgrep/bin"
cp "$RG_BIN" "$VSC/node_modules/@vscode/ripgrep/bin/rg"
chmod +x "$VSC/node_modules/@vscode/ripgrep/bin/rg"

# The server resolves some modules through node_modules.asar.
rm -rf "$VSC/node_modules.asar"
ln -s node_modules "$VSC/node_modules.asar"

log "installing built-in extension dependencies (lib/vscode/extensions)"
(cd "$VSC/extensions" && npm_q install --omit=dev --ignore-scripts)

# ---------------------------------------------------------------- sanity checks
VSCODE_VERSION="$(node -p "require('$VSC/product.json').version" 2>/dev/null || echo '?')"
(cd "$VSC" && node -e "
  for (const m of ['@vscode/spdlog', '@parcel/watcher', 'native-watchdog', '@vscode/deviceid', 'kerberos']) {
    try { require(m); } catch (e) { console.error('cannot load ' + m + ': ' + e.message); process.exit(1); }
  }" 1>&2) || die "native modules do not load"
(cd "$PKG" && node -e "require('argon2')" 1>&2) || die "argon2 does not load"

{
  echo "code-server $CODE_SERVER_VERSION"
  echo "vscode $VSCODE_VERSION"
  echo "node $(node -v)"
  echo "node-abi $NODE_ABI"
  echo "installed $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  if ((${#failed_optional[@]})); then
    echo "npm rebuild reported failures (optional): ${failed_optional[*]}"
  fi
  echo "$PTY_STATUS"
} >"$PKG/.complete"

# ---------------------------------------------------------------- move into place
if installed_ok; then
  log "another run finished first; keeping $DEST"
else
  if [[ -e "$DEST" || -L "$DEST" ]]; then
    # Incomplete, or built for another Node: move it aside, then delete it.
    log "replacing previous install at $DEST"
    OLD="$WORK/old"
    mv -T "$DEST" "$OLD" 2>/dev/null || rm -rf "$DEST"
  fi
  mv -T "$PKG" "$DEST" || installed_ok || die "cannot move the install into $DEST"
fi

log "done in $(($(date +%s) - START_TIME))s: code-server $CODE_SERVER_VERSION (VS Code $VSCODE_VERSION)"
(cd "$DEST" && pwd -P)
