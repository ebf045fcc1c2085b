#!/usr/bin/env bash
# End-to-end tests, one command: installs what is missing (chromium, code-server,
# playwright-core — see scripts/e2e/setup.sh), builds and packages the .vsix,
# then runs the diagram suite (convspec draw → headless Chromium) and the
# VS Code suite (the .vsix in code-server, driven through Chromium).
# Screenshots land in test-results/e2e/. Exits non-zero on any failure; the
# last line is `e2e: N passed, M failed`.
#   E2E_VSIX=path.vsix   test that package instead of building one
#   E2E_ONLY=diagrams|vscode   run one suite
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
started=$(date +%s)

if ! bash scripts/e2e/setup.sh; then
    echo "e2e: setup failed"
    echo "e2e: 0 passed, 1 failed"
    exit 1
fi
mkdir -p test-results
if [ -z "${E2E_VSIX:-}" ]; then
    if ! npx -y pnpm@12.4.2 package >"$ROOT/test-results/package.log" 2>&1; then
        tail -40 "$ROOT/test-results/package.log"; rm -f "$ROOT/test-results/package.log"
        echo "e2e: packaging failed"
        echo "e2e: 0 passed, 1 failed"
        exit 1
    fi
    rm -f "$ROOT/test-results/package.log"
fi
node scripts/e2e/run.mjs
status=$?
echo "e2e: total $(( $(date +%s) - started ))s including setup and packaging" >&2
exit $status
