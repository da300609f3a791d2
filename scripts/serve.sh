#!/usr/bin/env bash
# Builds the site if needed and serves it on :3000; the server process migrates and seeds the embedded database at start.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib db -newer .next/BUILD_ID -type f -print -quit 2>/dev/null)" ]; then
  npx next build
fi
exec npx next start -p "${PORT:-3000}"
