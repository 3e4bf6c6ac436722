#!/usr/bin/env bash
# Installs Artillery for the test of `scim-conform load --export artillery` into .tmp/artillery,
# once. 2.0.21 is the last release that runs on Node 20 (later ones need Node 22). Install scripts
# are skipped: the only one downloads a browser for Artillery's Playwright engine, which the
# exported HTTP scenarios never use.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.tmp/artillery
[ -x "$dir/node_modules/.bin/artillery" ] && exit 0
mkdir -p "$dir"
npm install --no-save --no-audit --no-fund --ignore-scripts --loglevel=error --prefix "$dir" artillery@2.0.21 >/dev/null
