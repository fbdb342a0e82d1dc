#!/usr/bin/env bash
# Installs what the real-VS-Code suites need, idempotently, into a cache OUTSIDE the repo's node_modules:
#   - Debian packages: chromium (drives the web workbench), ripgrep (seeds @vscode/ripgrep), and the
#     toolchain for code-server's native addons (build-essential, python3, pkg-config, libkrb5-dev)
#   - code-server@4.100.3 from npm: it bundles the VS Code 1.100.3 server (server-main.js) on Node 20
# playwright-core comes from the repo's devDependencies (npm ci). Only the npm registry and Debian apt
# are needed. A second run only checks for presence and takes a second or two.
#
#   bash test/e2e/setup.sh                         # cache in <repo>/.e2e-cache
#   CHARTER_E2E_CACHE=/somewhere bash test/e2e/setup.sh
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${CHARTER_E2E_CACHE:-$REPO/.e2e-cache}
CS_VERSION=4.100.3   # the last code-server whose engines.node is 20 (4.103+ want Node 22, 4.133+ Node 24)
SERVER_MAIN="$CACHE/node_modules/code-server/lib/vscode/out/server-main.js"
STAMP="$CACHE/.code-server-$CS_VERSION.ok"
t0=$SECONDS
say() { echo "e2e setup: $*"; }

# ---- Debian packages ------------------------------------------------------------------------------
want=(chromium ripgrep build-essential python3 pkg-config libkrb5-dev)
[ -f "$STAMP" ] && want=(chromium)   # the toolchain is only needed while code-server installs
missing=()
if [ -n "${CHARTER_E2E_SKIP_APT:-}" ] || ! command -v dpkg-query >/dev/null 2>&1; then
  say "skipping apt (CHARTER_E2E_SKIP_APT set or not Debian): Chromium (or \$CHROMIUM), rg, a C++ toolchain and Kerberos headers must be there"
else
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    say "not root, so apt is skipped; missing Debian packages: ${missing[*]}"
    say "install them with: sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
  say "apt-get install ${missing[*]}"
  mkdir -p "$CACHE"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq "${missing[@]}"; } > "$CACHE/apt.log" 2>&1 \
    || { tail -20 "$CACHE/apt.log" >&2; say "apt-get install failed; log in $CACHE/apt.log"; exit 1; }
fi

# ---- code-server (the VS Code server) ---------------------------------------------------------------
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" = 20 ] || say "warning: code-server $CS_VERSION is built for Node 20, this is Node $(node -v)"

# playwright-core (drives Chromium) is a devDependency of the repo, pinned in package.json
(cd "$REPO" && node -e 'require.resolve("playwright-core")' 2>/dev/null) \
  || { say "playwright-core is not installed in $REPO/node_modules: run npm ci"; exit 1; }

if [ -f "$STAMP" ] && [ -f "$SERVER_MAIN" ]; then
  say "code-server $CS_VERSION present in $CACHE ($((SECONDS - t0))s)"
  exit 0
fi

mkdir -p "$CACHE"
cd "$CACHE"
[ -f package.json ] || echo '{ "name": "charter-lint-e2e-cache", "private": true }' > package.json

# Pitfall 1: code-server 4.100 depends on @vscode/ripgrep, whose postinstall downloads rg from GitHub,
# which is not reachable. It first looks in <tmpdir>/vscode-ripgrep-cache-<version>/ for the archive,
# so put Debian's rg there under the name it expects.
if [ "$(uname -m)" = x86_64 ]; then
  rg_cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
  rg_tgz="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  if [ ! -f "$rg_tgz" ]; then
    mkdir -p "$rg_cache"
    tmp=$(mktemp -d) && cp "$(command -v rg)" "$tmp/rg" && tar czf "$rg_tgz" -C "$tmp" rg && rm -rf "$tmp"
  fi
fi

say "npm install code-server@$CS_VERSION into $CACHE (a few minutes on a cold machine)"
# Pitfall 2: as root, code-server's postinstall refuses to run without unsafe_perm.
# Pitfall 3: its node-pty step runs `npx node-gyp`, which would ask before installing: yes.
# Pitfall 4: the kerberos addon has no reachable prebuilt binary and compiles against libkrb5-dev.
if ! npm_config_unsafe_perm=true npm_config_yes=true \
     npm install --no-audit --no-fund --no-save "code-server@$CS_VERSION" > install.log 2>&1; then
  tail -40 install.log >&2
  say "npm install failed; full log in $CACHE/install.log"
  exit 1
fi
[ -f "$SERVER_MAIN" ] || { say "no $SERVER_MAIN after install (see $CACHE/install.log)"; exit 1; }
touch "$STAMP"
say "installed in $((SECONDS - t0))s, $(du -sh "$CACHE" | cut -f1)"
