#!/usr/bin/env bash
# Starts the Bazaar API for the e2e suite on a fresh database, so every run sees the same demo
# catalog. Playwright waits for /readyz and stops this process when the run ends.
set -euo pipefail

PGHOST="${E2E_PGHOST:-127.0.0.1}"
PGPORT="${E2E_PGPORT:-5432}"
PGUSER="${E2E_PGUSER:-postgres}"
DB="${E2E_DATABASE:-bazaar_e2e}"
PORT="${E2E_API_PORT:-4100}"

dropdb -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" --if-exists --force "$DB"
createdb -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" "$DB"

cd "$(dirname "$0")/../../.."
export DATABASE_URL="postgres://${PGUSER}@${PGHOST}:${PGPORT}/${DB}"
export PUBLIC_URL="${E2E_PUBLIC_URL:-http://127.0.0.1:3100}"
export PORT HOST=127.0.0.1 NODE_ENV=test DEMO_MODE=true LOG_LEVEL="${E2E_API_LOG_LEVEL:-warn}"
pnpm --filter @bazaar/api build >/dev/null
exec pnpm --filter @bazaar/api start
