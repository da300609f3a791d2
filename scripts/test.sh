#!/usr/bin/env bash
# The whole test suite: lint, types, unit + query tests on PGlite and PostgreSQL, production build, e2e in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 TZ=UTC
bash scripts/require-system-deps.sh

eval "$(bash scripts/throwaway-postgres.sh start)"
trap 'bash scripts/throwaway-postgres.sh stop "$PG_THROWAWAY_DIR"' EXIT
echo "PostgreSQL for tests: $TEST_DATABASE_URL"

step() { echo; echo "== $1"; }
step "lint";       npx eslint . --max-warnings=0
step "format (Prettier)"; npm run --silent format:check
step "layers (dependency-cruiser, ARCHITECTURE.md)"; npm run --silent lint:layers
step "typecheck";  npx tsc --noEmit
step "unit and query tests (PGlite + PostgreSQL)"; npx vitest run
step "build";      npx next build
step "end-to-end (Chromium)"; npx playwright test
