#!/usr/bin/env bash
# Installs Debian's chromium for the HTML report browser test (test/report-html.test.ts).
# Idempotent: does nothing when chromium is already on PATH. Runs as root in CI.
set -euo pipefail
command -v chromium >/dev/null 2>&1 || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium)
chromium --version
