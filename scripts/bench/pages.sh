#!/usr/bin/env bash
# npm run bench:pages [-- N]: the web pages and the store API through the real server (`next start`
# on the test build: run `npm run build:test` first), on a synthetic SQLite catalogue of N snaps
# (default 10000, made once by seed:large into bench-results/pages-data-N and kept for reruns),
# with wrk at concurrency 1 and 16 (BENCH_DURATION seconds each, default 6). The reference is
# /favicon.ico, a static file served by the same server in the same run: the framework's floor.
# The pages are measured twice: through the anonymous page cache (server/page-cache.ts; wrk repeats
# one URL, so after the first request every one is a hit: what a page costs while the catalogue is
# unchanged) and on a second instance with SNAPSTORE_PAGE_CACHE=off (what every page costs when
# rendered, e.g. right after a catalogue write). Prints a table, also written to
# bench-results/pages-N.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-10000}
DUR=${BENCH_DURATION:-6}
PORT=${BENCH_PORT:-3300}
DIST=${SNAPSTORE_DIST_DIR:-.next-test}
DATA="$PWD/bench-results/pages-data-$N"
command -v wrk >/dev/null || { echo "bench:pages needs wrk (apt-get install wrk)"; exit 1; }
[ -d "$DIST" ] || { echo "bench:pages serves the build in $DIST: run npm run build:test first"; exit 1; }
# PostgreSQL: DATABASE_URL=postgresql://… (a database of its own: seeded once when it has fewer
# than N search documents, and kept); otherwise SQLite in $DATA.
PG=""
case "${DATABASE_URL:-}" in postgres*) PG=$DATABASE_URL ;; esac
mkdir -p "$DATA"
if [ -n "$PG" ]; then
  # A PostgreSQL deployment is given its signing keys and session secret (the embedded default makes its own).
  for k in root store; do [ -f "$DATA/$k.pem" ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out "$DATA/$k.pem" 2>/dev/null; done
  export SNAPSTORE_ROOT_KEY="$DATA/root.pem" SNAPSTORE_SIGNING_KEY="$DATA/store.pem" NEXTAUTH_SECRET=${NEXTAUTH_SECRET:-bench-pages-secret-$N}
  have=$(psql "$PG" -tAc 'SELECT count(*) FROM "SearchDoc"' 2>/dev/null || echo 0)
  if [ "${have:-0}" -lt "$N" ]; then SNAPSTORE_DATA_DIR="$DATA" npm run -s seed:large -- --snaps "$N"; fi
elif [ ! -f "$DATA/snapstore.db" ]; then SNAPSTORE_DATA_DIR="$DATA" npm run -s seed:large -- --snaps "$N"; fi
SNAPSTORE_DATA_DIR="$DATA" SNAPSTORE_DIST_DIR="$DIST" PORT=$PORT NEXTAUTH_URL="http://127.0.0.1:$PORT" \
  node scripts/start.mjs start > "bench-results/pages-server-$N.log" 2>&1 &
SERVER=$!
SNAPSTORE_PAGE_CACHE=off SNAPSTORE_DATA_DIR="$DATA" SNAPSTORE_DIST_DIR="$DIST" PORT=$((PORT + 1)) NEXTAUTH_URL="http://127.0.0.1:$((PORT + 1))" \
  node scripts/start.mjs start > "bench-results/pages-server-nocache-$N.log" 2>&1 &
NOCACHE=$!
trap 'kill $SERVER $NOCACHE 2>/dev/null || true' EXIT
B="http://127.0.0.1:$PORT"
U="http://127.0.0.1:$((PORT + 1))"
for _ in $(seq 1 90); do curl -sf "$B/api/health" >/dev/null && curl -sf "$U/api/health" >/dev/null && break; sleep 1; done
Q='SELECT "name" FROM "SearchDoc" WHERE "listed" AND NOT "private" ORDER BY "snapId" LIMIT 1'
if [ -n "$PG" ]; then NAME=$(psql "$PG" -tAc "$Q"); else
  NAME=$(node -e "const D=require('better-sqlite3');console.log(new D(process.argv[1],{readonly:true}).prepare(process.argv[2]).get().name)" "$DATA/snapstore.db" "$Q"); fi
mkdir -p bench-results
exec > >(tee "bench-results/pages-$N.txt")
echo "bench:pages: $N snaps on $([ -n "$PG" ] && echo PostgreSQL || echo SQLite), snap page of $NAME, wrk ${DUR}s per row ($(nproc) cores shared by server and load)"
H='Snap-Device-Series: 16'
run() { # label path [base]
  local base=${3:-$B}
  for c in 1 16; do
    curl -s -o /dev/null -H "$H" "$base$2"   # warm: compile, caches
    out=$(wrk -t1 -c$c -d"${DUR}s" --latency -H "$H" "$base$2" 2>&1)
    printf "%-38s c%-2s %9s req/s  p50 %9s  p99 %9s\n" "$1" $c "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
      "$(awk '$1=="50%" {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")"
  done
}
run "reference: static /favicon.ico" "/favicon.ico"
run "/api/health (one query)" "/api/health"
run "/v2/snaps/find?q=video player" "/v2/snaps/find?q=video%20player"
run "/v2/snaps/info/NAME" "/v2/snaps/info/$NAME"
run "/search?q=video" "/search?q=video"
run "/snaps/NAME" "/snaps/$NAME"
run "/ (home)" "/"
run "/search?q=video, page cache off" "/search?q=video" "$U"
run "/snaps/NAME, page cache off" "/snaps/$NAME" "$U"
run "/ (home), page cache off" "/" "$U"
