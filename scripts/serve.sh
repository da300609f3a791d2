#!/usr/bin/env bash
# The embedded default: the site on :3000 with its database, scheduler and local worker (see scripts/serve.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
exec node --import tsx scripts/serve.ts
