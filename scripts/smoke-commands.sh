#!/usr/bin/env bash
# Runs every command the README names, briefly, and fails if one does not work.
#
#   scripts/smoke-commands.sh            all steps
#   scripts/smoke-commands.sh seed dev   only those steps (names as in the summary)
#
# Databases are scratch ones created and dropped here on PostgreSQL (PGHOST/PGPORT/PGUSER,
# default 127.0.0.1:5432, user postgres); the developer's .data/ and DATABASE_URL are never used.
# Not smoked: `pnpm test` (the CI command that may call this one), `npm install -g pnpm` (changes
# the machine), `.ci/run` (runs `pnpm test`), and prompts that need a terminal (create-owner
# without --password-stdin).
set -euo pipefail
cd "$(dirname "$0")/.."

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
export SMOKE_RUN="smoke_$$_$(date +%s)"
SMOKE_TMP="$(mktemp -d)"
export SMOKE_TMP
# Nothing from the developer's environment decides where a command connects or listens.
unset DATABASE_URL DATA_DIR PGLITE_DIR REDIS_URL SMTP_URL SECRET_KEYS PORT WEB_PORT PUBLIC_URL HOST

# ── helpers (exported: each step runs in its own bash, so `set -e` holds inside it) ──────────

# A new empty database; prints its postgres:// URL.
new_database() {
  local name="bazaar_${SMOKE_RUN}_$1"
  createdb "$name"
  echo "postgres://${PGUSER}@${PGHOST}:${PGPORT}/${name}"
}

# Fails unless the file holds a line matching the extended regex.
expect_output() {
  local file=$1 pattern=$2
  if ! grep -Eq -- "$pattern" "$file"; then
    echo "✗ expected output matching: $pattern" >&2
    return 1
  fi
}

# Runs a command, showing its output and keeping a copy in $SMOKE_TMP/<name>.out.
run_logged() {
  local name=$1
  shift
  echo "\$ $*"
  "$@" 2>&1 | tee "$SMOKE_TMP/$name.out"
}

free_port() {
  node -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => {
    console.log(s.address().port); s.close(); });"
}
export -f new_database expect_output run_logged free_port

# ── the README's commands ────────────────────────────────────────────────────────────────────

step_install() {
  run_logged install pnpm install --frozen-lockfile --prefer-offline
}

step_format() {
  # `pnpm format` writes; it runs for real only on a clean tree, which must stay clean.
  if [[ -n "$(git status --porcelain)" ]]; then
    echo "(the tree has local changes: checking formatting with biome check, without --write)"
    run_logged format pnpm exec biome check .
    return
  fi
  run_logged format pnpm format
  local changed
  changed="$(git status --porcelain)"
  if [[ -n "$changed" ]]; then
    echo "✗ pnpm format changed files (restored):" >&2
    echo "$changed" >&2
    git checkout -- .
    return 1
  fi
}

step_migrate() {
  local url
  url="$(new_database migrate)"
  DATABASE_URL="$url" run_logged migrate-1 pnpm db:migrate
  expect_output "$SMOKE_TMP/migrate-1.out" '^db:migrate: applied [0-9]+ migration'
  echo '(again: nothing left to apply)'
  DATABASE_URL="$url" run_logged migrate-2 pnpm db:migrate
  expect_output "$SMOKE_TMP/migrate-2.out" '^db:migrate: .* is up to date .*nothing applied'
}

step_seed() {
  local url
  url="$(new_database seed)"
  DATABASE_URL="$url" run_logged seed-1 pnpm db:seed
  expect_output "$SMOKE_TMP/seed-1.out" '^db:seed: demo catalog seeded'
  DATABASE_URL="$url" run_logged seed-2 pnpm db:seed --products 2000
  expect_output "$SMOKE_TMP/seed-2.out" '^db:seed: added 2,000 products'
}

step_generate() {
  # drizzle-kit exits 0 even when it writes a migration (or fails on a prompt it cannot ask),
  # so compare the migrations folder with a copy and put the copy back if anything changed.
  local dir=packages/db/migrations before="$SMOKE_TMP/migrations-before"
  cp -a "$dir" "$before"
  local status=0
  run_logged generate timeout 120 pnpm db:generate </dev/null || status=$?
  if ! diff -r "$before" "$dir" >/dev/null; then
    echo "✗ pnpm db:generate wrote a migration: the schema has changes no migration holds" >&2
    diff -r "$before" "$dir" | head -20 >&2 || true
    rm -rf "$dir" && cp -a "$before" "$dir"
    return 1
  fi
  if ((status != 0)); then
    echo "✗ pnpm db:generate failed (exit $status)" >&2
    return 1
  fi
  expect_output "$SMOKE_TMP/generate.out" 'No schema changes, nothing to migrate'
}

step_create_owner() {
  local url
  url="$(new_database owner)"
  printf '%s\n' 'Smoke-Lantern-Harbor-73' | DATABASE_URL="$url" run_logged owner \
    pnpm --filter @bazaar/api cli create-owner --email owner@smoke.test --name 'Smoke Owner' \
    --password-stdin
  expect_output "$SMOKE_TMP/owner.out" '^Owner owner@smoke.test created'
  local role
  role="$(psql -d "${url##*/}" -Atc \
    "select r.name from users u join roles r on r.id = u.role_id where u.email = 'owner@smoke.test'")"
  [[ "$role" == Owner ]] || {
    echo "✗ owner@smoke.test has role '$role', not Owner" >&2
    return 1
  }
}

step_bench() {
  # The import and checkout benchmarks are sized by rows and checkouts, not duration, and the
  # browsing one by its catalog (kept as bazaar_bench_2k between runs): small sizes keep the
  # step short.
  run_logged bench pnpm bench trpc-overhead sign-in-timing --duration 1 &&
    run_logged bench-import pnpm bench catalog-import --rows 400 &&
    run_logged bench-checkout pnpm bench checkout --checkouts 100 &&
    run_logged bench-browse pnpm bench catalog-browse --products 2000 --duration 1
}

step_build() {
  run_logged build pnpm build
}

step_mutation() {
  # The whole run takes hours (README, "Mutation testing"): check that Stryker finds its config,
  # instruments the code and that the tests pass in its sandbox, without testing the mutants.
  run_logged mutation pnpm test:mutation --dryRunOnly --mutate apps/api/src/security/csrf.ts \
    --tempDirName .stryker-tmp-smoke --reporters clear-text
  expect_output "$SMOKE_TMP/mutation.out" 'Initial test run succeeded'
}

# ── long-running commands: pnpm start, pnpm dev ─────────────────────────────────────────────
# What this assumes of them today:
#   - the API listens on $PORT and answers /readyz once its database (DATABASE_URL, or the
#     embedded one in PGLITE_DIR) is ready;
#   - the web app reaches the API at $API_URL and its home page answers 200;
#   - PUBLIC_URL is the web app's origin and WEB_PORT its port;
#   - Ctrl-C (SIGINT) to the command's process group stops everything it started (`pnpm start`:
#     its orchestrator; `pnpm dev`: turbo, which gives each task its own process group).
# The web app's port is read from the sockets the command's processes listen on.

# Every process started under $1, children first.
descendants() {
  local child
  for child in $(pgrep -P "$1" || true); do
    descendants "$child"
    echo "$child"
  done
}

# Last resort when a step fails half-way: SIGKILL for $1 and everything it started.
kill_tree() {
  local pids
  pids="$(descendants "$1") $1"
  kill -KILL $pids 2>/dev/null || true
}

# TCP ports on which any of the given processes listens.
listening_ports() {
  local pids
  pids="$(printf '%s|' "$@")"
  ss -ltnpH | grep -E "pid=(${pids%|})," | awk '{ n = split($4, a, ":"); print a[n] }' | sort -u
}

# Ctrl-C for the command's process group; then nothing it started may be left running or listening.
stop_server() {
  local leader=$1 log=$2
  shift 2
  local pids=("$leader" "$@") ports
  ports="$(listening_ports "${pids[@]}" || true)"
  kill -INT -- "-$leader" 2>/dev/null || true
  local waited=0 alive
  while :; do
    alive="$(for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && echo "$pid"; done || true)"
    [[ -z "$alive" || $waited -ge 60 ]] && break
    sleep 0.5
    waited=$((waited + 1))
  done
  if [[ -n "$alive" ]]; then
    echo "✗ still running 30 s after Ctrl-C (killed now): $(echo "$alive" | paste -sd' ')" >&2
    ps -o pid,cmd -p "$(echo "$alive" | paste -sd,)" >&2 || true
    kill -KILL $alive 2>/dev/null || true
    return 1
  fi
  local port
  for port in $ports; do
    if ss -ltnH "sport = :$port" | grep -q .; then
      echo "✗ port $port still has a listener after the command ended" >&2
      return 1
    fi
  done
  echo "stopped with Ctrl-C after $((waited / 2)) s; nothing left running or listening (ports: $(echo $ports))"
  echo "--- last lines of its output:"
  tail -n 8 "$log"
}

# $1: the step (`start-instances` runs `pnpm start --instances 2` on PostgreSQL and Redis).
smoke_server() {
  local step=$1 database=$2 ready_timeout=$3
  local command=${step%%-*} args=() extra_env=()
  local api_port web_port log="$SMOKE_TMP/$step.log" db_env
  if [[ $step == start-instances ]]; then
    args=(--instances 2)
    extra_env=(REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379}" REDIS_KEY_PREFIX="$SMOKE_RUN")
  fi
  # DATA_DIR also keeps the development secret key out of the developer's .data/.
  if [[ $database == pglite ]]; then
    db_env="PGLITE_DIR=$SMOKE_TMP/data-$command/pglite"
  else
    db_env="DATABASE_URL=$(new_database "${step//-/_}")"
  fi
  api_port="$(free_port)"
  web_port="$(free_port)"
  echo "\$ PORT=$api_port WEB_PORT=$web_port PUBLIC_URL=http://127.0.0.1:$web_port" \
    "API_URL=http://127.0.0.1:$api_port ${db_env/postgres:\/\/*/<scratch database>}" \
    "${extra_env[*]}" pnpm $command "${args[*]}"
  env PORT="$api_port" WEB_PORT="$web_port" PUBLIC_URL="http://127.0.0.1:$web_port" \
    API_URL="http://127.0.0.1:$api_port" DATA_DIR="$SMOKE_TMP/data-$step" "$db_env" \
    LOG_LEVEL=warn "${extra_env[@]}" \
    setsid pnpm "$command" "${args[@]}" >"$log" 2>&1 </dev/null &
  local leader=$!
  # Whatever happens below, the command does not outlive this step.
  trap "kill_tree $leader" EXIT

  local started=$SECONDS
  until curl -sf "http://127.0.0.1:$api_port/readyz" >/dev/null; do
    if ! kill -0 "$leader" 2>/dev/null; then
      echo "✗ pnpm $command exited before the API was ready:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    if ((SECONDS - started > ready_timeout)); then
      echo "✗ the API did not answer /readyz within ${ready_timeout} s:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    sleep 1
  done
  echo "API ready on :$api_port after $((SECONDS - started)) s"

  # The web app: any other port one of the command's processes listens on.
  local pids=() web_ports=""
  until [[ -n "$web_ports" ]]; do
    mapfile -t pids < <(descendants "$leader")
    web_ports="$(listening_ports "$leader" "${pids[@]}" | grep -vx "$api_port" || true)"
    if [[ -z "$web_ports" ]] && ((SECONDS - started > ready_timeout)); then
      echo "✗ the web app did not listen within ${ready_timeout} s:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    [[ -n "$web_ports" ]] || sleep 1
  done
  local web
  if grep -qx "$web_port" <<<"$web_ports"; then
    web=$web_port
  else
    web="$(grep -x 3000 <<<"$web_ports" || head -n 1 <<<"$web_ports")"
    echo "(note: the web app ignores WEB_PORT=$web_port)"
  fi
  echo "web app listening on :$web after $((SECONDS - started)) s"

  # The storefront's home page lists the demo catalog it got from this API (`pnpm dev` compiles
  # the page on this first request).
  local home="http://127.0.0.1:$web/" page="$SMOKE_TMP/$step-home.html" code
  until code="$(curl -s -o "$page" -w '%{http_code}' --max-time 120 "$home")" &&
    [[ $code == 200 ]]; do
    if ((SECONDS - started > ready_timeout)); then
      echo "✗ the storefront $home answered ${code:-nothing} instead of 200:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    sleep 1
  done
  grep -q 'href="/c/apparel"' "$page" || {
    echo "✗ the storefront's home page does not link the demo category /c/apparel" >&2
    return 1
  }
  echo "storefront $home lists the demo catalog after $((SECONDS - started)) s"

  if [[ $command == start ]]; then
    # The quick start says where the shop is only once it answers, with the demo credentials.
    until grep -q 'Bazaar is ready.' "$log"; do
      ((SECONDS - started > ready_timeout)) && {
        echo "✗ pnpm start never said the shop is ready" >&2
        return 1
      }
      sleep 0.5
    done
    expect_output "$log" "^  Storefront +http://127.0.0.1:$web_port\$"
    expect_output "$log" '^  Demo Owner +owner@bazaar.test / bazaar-owner-demo'
  fi
  if [[ $step == start-instances ]]; then
    expect_output "$log" "^  API +2 instances behind http://127.0.0.1:$api_port\$"
    # The primary and its two API processes.
    local api_processes=0 pid
    for pid in $(descendants "$leader"); do
      tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'dist/main\.js' &&
        api_processes=$((api_processes + 1))
    done
    if ((api_processes < 3)); then
      echo "✗ expected the API's primary and 2 instances, found $api_processes API processes" >&2
      return 1
    fi
    echo "API: a primary and $((api_processes - 1)) instances"
  fi

  mapfile -t pids < <(descendants "$leader")
  stop_server "$leader" "$log" "${pids[@]}"
  if [[ $command == start ]] && grep -q ELIFECYCLE "$log"; then
    echo "✗ Ctrl-C on pnpm start printed ELIFECYCLE" >&2
    return 1
  fi
}

# `pnpm start` as the quick start runs it: on the embedded database (in a scratch folder, not
# .data/); `pnpm dev` on a scratch PostgreSQL database.
step_start() { smoke_server start pglite 300; }
step_dev() { smoke_server dev postgres 180; }
# `pnpm start --instances 2`, as the README shows it: on PostgreSQL and Redis.
step_start_instances() { smoke_server start-instances postgres 300; }

export -f step_install step_format step_migrate step_seed step_generate step_create_owner \
  step_bench step_build step_mutation descendants kill_tree listening_ports stop_server smoke_server step_start step_dev \
  step_start_instances

# ── runner ───────────────────────────────────────────────────────────────────────────────────

STEPS=(install format generate migrate seed create-owner bench build mutation start start-instances dev)
declare -A COMMAND=(
  [install]='pnpm install'
  [format]='pnpm format (check)'
  [generate]='pnpm db:generate'
  [migrate]='pnpm db:migrate (twice)'
  [seed]='pnpm db:seed, --products 2000'
  [create-owner]='pnpm --filter @bazaar/api cli create-owner'
  [bench]='pnpm bench trpc-overhead sign-in-timing --duration 1; pnpm bench catalog-import --rows 400; pnpm bench checkout --checkouts 100; pnpm bench catalog-browse --products 2000 --duration 1'
  [build]='pnpm build'
  [mutation]='pnpm test:mutation --dryRunOnly'
  [start]='pnpm start (embedded database)'
  [start-instances]='pnpm start --instances 2'
  [dev]='pnpm dev'
)

cleanup() {
  local name
  for name in $(psql -d postgres -Atc \
    "select datname from pg_database where datname like 'bazaar\_${SMOKE_RUN}\_%'"); do
    dropdb --force "$name" || true
  done
  rm -rf "$SMOKE_TMP"
}
trap cleanup EXIT

selected=("$@")
((${#selected[@]})) || selected=("${STEPS[@]}")
for step in "${selected[@]}"; do
  [[ -v "COMMAND[$step]" ]] || {
    echo "unknown step '$step'; steps: ${STEPS[*]}" >&2
    exit 2
  }
done

results=()
failures=0
total_started=$SECONDS
for step in "${selected[@]}"; do
  printf '\n━━━━ %s ━━ %s\n' "$step" "${COMMAND[$step]}"
  started=$SECONDS
  status=0
  bash -euo pipefail -c "step_${step//-/_}" || status=$?
  elapsed=$((SECONDS - started))
  if ((status == 0)); then
    results+=("$(printf '  ok    %-13s %-45s %4d s' "$step" "${COMMAND[$step]}" "$elapsed")")
  else
    failures=$((failures + 1))
    results+=("$(printf '  FAIL  %-13s %-45s %4d s' "$step" "${COMMAND[$step]}" "$elapsed")")
  fi
done

printf '\n━━━━ summary\n'
printf '%s\n' "${results[@]}"
echo "${#selected[@]} commands in $((SECONDS - total_started)) s, $failures failed"
((failures == 0))
