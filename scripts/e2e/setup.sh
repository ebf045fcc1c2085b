#!/usr/bin/env bash
# Installs what the end-to-end tests need, only when it is missing:
#   Debian: chromium (the browser that drives code-server and renders diagrams), ripgrep, libkrb5-dev
#   .tools/cs: code-server 4.100.3 (VS Code 1.100.3, the last release that runs on Node 20)
#   .tools/pw: playwright-core 1.65.1
# code-server 4.100.3 is the last release that runs on Node 20; its ripgrep download is replaced by Debian's rg.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TOOLS="$ROOT/.tools"
CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_VERSION=1.65.1
RIPGREP_CACHE=vscode-ripgrep-cache-1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

# Runs a command without the npm_config_* / npm_* variables of an enclosing package-manager script.
clean_npm() {
    env $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/-u \1/p') "$@"
}

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/rg ] || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
    echo "e2e setup: apt-get install ${missing[*]}"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=900 "${missing[@]}" >/dev/null
fi

if [ ! -x "$TOOLS/cs/node_modules/.bin/code-server" ]; then
    echo "e2e setup: npm install code-server@$CODE_SERVER_VERSION into .tools/cs"
    # @vscode/ripgrep's postinstall downloads rg from GitHub; seed its cache with
    # Debian's rg instead. TMPDIR must be the same for npm and the postinstall.
    export TMPDIR="$TOOLS/tmp"
    mkdir -p "$TMPDIR/$RIPGREP_CACHE" "$TMPDIR/rgdir"
    cp /usr/bin/rg "$TMPDIR/rgdir/rg"
    tar czf "$TMPDIR/$RIPGREP_CACHE/$RIPGREP_ASSET" -C "$TMPDIR/rgdir" rg
    # code-server's postinstall refuses pnpm: npm, in its own folder, and with none of the
    # npm_config_* variables a surrounding `pnpm test` exports (its user agent among them,
    # which npm would pass on and the postinstall would read as "installed by pnpm").
    clean_npm npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund --loglevel=error \
        --prefix "$TOOLS/cs" "code-server@$CODE_SERVER_VERSION" </dev/null
fi

if [ ! -f "$TOOLS/pw/node_modules/playwright-core/package.json" ]; then
    echo "e2e setup: npm install playwright-core@$PLAYWRIGHT_VERSION into .tools/pw"
    clean_npm npm install --no-audit --no-fund --loglevel=error --prefix "$TOOLS/pw" "playwright-core@$PLAYWRIGHT_VERSION" </dev/null
fi
