#!/usr/bin/env bash
# The calculateScore benchmark in one command, as docs/benchmarks.md records it: a fresh PostgreSQL
# database, migrations, the production build served by `next start`, the load generator
# (scripts/bench-calculate-score.ts), and the CPU time the server and PostgreSQL spent per scoring.
#
#   npm run build
#   bash scripts/bench-calculate-score.sh [bench options, e.g. --requests 1000 --warmup 200 --rate 20]
#
# PG_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres) is where the database is created and
# dropped; PORT (default 3171) is the server's port on 127.0.0.1. CPU figures read /proc (Linux) and count
# every PostgreSQL process of the machine, so run it on a machine that is otherwise quiet.
set -euo pipefail
cd "$(dirname "$0")/.."
test -f .next/BUILD_ID || { echo "bench: run \`npm run build\` first" >&2; exit 2; }

admin_url="${PG_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
port="${PORT:-3171}"
database="microtrust_bench_$(date +%s)_$$"
database_url="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.toString())' "$admin_url" "$database")"
sql() { node -e 'const { Client } = require("pg"); const c = new Client({ connectionString: process.argv[1] }); c.connect().then(() => c.query(process.argv[2])).then(() => c.end(), (e) => { console.error(e.message); process.exit(1); });' "$admin_url" "$1"; }

server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  sql "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" || true
}
trap cleanup EXIT

secret() { node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))'; }
export AUTH_SECRET="$(secret)" MICROTRUST_ID_HASH_KEY="$(secret)" NEXT_TELEMETRY_DISABLED=1
# The load comes from one API key: lift its rate limit (docs/security.md) so the server, not the limiter, is measured.
export MICROTRUST_RATE_LIMIT_API_KEY=100000000
sql "CREATE DATABASE \"$database\""
MICROTRUST_SEED_DEMO=false DATABASE_URL="$database_url" npm run --silent db:prepare
DATABASE_URL="$database_url" node node_modules/next/dist/bin/next start -H 127.0.0.1 -p "$port" > /dev/null &
server_pid=$!
for _ in $(seq 1 100); do
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "http://127.0.0.1:$port/sign-in" && break
  sleep 0.3
done

# CPU time (clock ticks) of the server's process tree and of every PostgreSQL process, and the machine's steal.
ticks() {
  local server=0 postgres=0 pid
  for pid in $server_pid $(pgrep -P "$server_pid" || true); do server=$((server + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
  for pid in $(pgrep -x postgres || true); do postgres=$((postgres + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
  echo "$server $postgres $(awk '/^cpu /{print $9}' /proc/stat)"
}

log="$(mktemp)"
DATABASE_URL="$database_url" npm run --silent bench:calculate-score -- --url "http://127.0.0.1:$port" "$@" | tee "$log" &
bench_pid=$!
# Measure from the end of seeding (the bench prints "seeded …" before its warm-up) to the end of the run.
while ! grep -q '^seeded' "$log" && kill -0 "$bench_pid" 2>/dev/null; do sleep 0.1; done
read -r server0 postgres0 steal0 <<<"$(ticks)"; started=$(date +%s.%N)
wait "$bench_pid"
read -r server1 postgres1 steal1 <<<"$(ticks)"; ended=$(date +%s.%N)
requests=$(sed -n 's/.*, \([0-9]*\) requests after \([0-9]*\) warm-up.*/\1 \2/p' "$log" | awk '{print $1 + $2}')
hz=$(getconf CLK_TCK)
awk -v s="$((server1 - server0))" -v p="$((postgres1 - postgres0))" -v st="$((steal1 - steal0))" -v n="$requests" -v hz="$hz" -v t0="$started" -v t1="$ended" \
  'BEGIN { printf "CPU per scoring (warm-up included): server %.1f ms, PostgreSQL %.1f ms; steal %.0f %% of a core\n", 1000 * s / hz / n, 1000 * p / hz / n, 100 * st / hz / (t1 - t0) }'
rm -f "$log"
