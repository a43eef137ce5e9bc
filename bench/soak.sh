#!/usr/bin/env bash
# Soak test of `pactbot serve`: a release build driven over loopback at a
# fixed rate of mixed signed Discord requests (every command, autocomplete,
# page buttons, PING, and invalid requests that must be refused) for a set
# time, optionally with a dataset reload (SIGHUP) every RELOAD_EVERY seconds
# (0, the default, for none). Reports
# per window: requests, 2xx answers, intended 4xx rejections, errors, 5xx,
# latency p50/p99/max and the server's RSS; then the totals and the goals
# (no error beyond the intended rejections, no 5xx, RSS growth from the
# first window to the last under 10 %). The load generator is
# examples/soak.rs, which signs with the test key of tests/it/support/payloads.rs.
#
# Usage: bench/soak.sh [SECONDS]        (default 300; stops by itself)
#        RATE=500 WINDOW=30 RELOAD_EVERY=60 PORT=18282 bench/soak.sh 300
#                                       (the same, with a reload every minute)
# Needs cargo and a Linux /proc. Loopback only; nothing is installed.
# Exit code 0 when every goal is met, 1 otherwise.
set -euo pipefail

DURATION=${1:-${DURATION:-300}}
RATE=${RATE:-500}
WINDOW=${WINDOW:-30}
RELOAD_EVERY=${RELOAD_EVERY:-0}
PORT=${PORT:-18282}

cd "$(dirname "$0")/.."
ROOT=$(pwd)
say() { printf '%s\n' "$*" >&2; }

[ -r /proc/self/status ] || { say "error: needs /proc (Linux)"; exit 1; }
command -v cargo >/dev/null || { say "error: cargo is required"; exit 1; }

say "building (release)…"
cargo build --release --quiet --bin pactbot --example soak
BIN=$ROOT/target/release/pactbot
SOAK=$ROOT/target/release/examples/soak

WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# A copy of the dataset, so the SIGHUPs have something to reload.
cp -r data "$WORK/data"
# The public half of the fixed test key of tests/it/support/payloads.rs.
DISCORD_PUBLIC_KEY=$("$SOAK" --print-public-key)
export DISCORD_PUBLIC_KEY

# Default settings: answer cache on, one info log line per request (to a file).
say "starting pactbot serve on 127.0.0.1:$PORT (log: one line per request)…"
env -u RUST_LOG -u PACTBOT_ANSWER_CACHE NO_COLOR=1 "$BIN" serve --listen "127.0.0.1:$PORT" --data "$WORK/data" \
    >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

RELOADS="no reload"
[ "$RELOAD_EVERY" -gt 0 ] && RELOADS="SIGHUP every $RELOAD_EVERY s"
say "soak: $RATE req/s for $DURATION s, windows of $WINDOW s, $RELOADS…"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
set +e
timeout $((DURATION + 120)) "$SOAK" --url "http://127.0.0.1:$PORT/interactions" --pid "$SERVER_PID" \
    --duration "$DURATION" --rate "$RATE" --window "$WINDOW" --reload-every "$RELOAD_EVERY" \
    >"$WORK/soak.out" 2>"$WORK/soak.err"
SOAK_RC=$?
set -e
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# Stop the server the way an operator does; it must exit 0.
kill -TERM "$SERVER_PID"
set +e
wait "$SERVER_PID"
SERVER_RC=$?
set -e
SERVER_PID=

RELOADED=$(grep -c "dataset reloaded" "$WORK/server.log" || true)
REFUSED=$(grep -c "reload refused" "$WORK/server.log" || true)
PANICS=$(grep -c "panicked" "$WORK/server.log" || true)
ERRORS=$(grep -c " ERROR " "$WORK/server.log" || true)
S5XX=$(grep -Ec " status=5[0-9][0-9] " "$WORK/server.log" || true)
LINES=$(wc -l <"$WORK/server.log")

if [ -s "$WORK/soak.err" ]; then
    say "load generator notes:"; head -20 "$WORK/soak.err" >&2
fi

cat <<EOF

### Soak, $(date -u +%Y-%m-%d) — $(nproc) cores, $(uname -r), $(rustc --version | cut -d' ' -f1-2)

\`$([ "$RELOAD_EVERY" -gt 0 ] && printf 'RELOAD_EVERY=%s ' "$RELOAD_EVERY")bench/soak.sh $DURATION\`: \`pactbot serve\` (release, default settings: answer cache on, one log line per request) with \`--data\` a copy of \`data/\`, loopback, $RATE req/s open loop for $DURATION s, $RELOADS. Latency is from handing the signed request to the client (reqwest, keep-alive) to the last byte of the answer. RSS is VmRSS at the end of each window. Machine load average (1, 5, 15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER (other work shares these cores).

EOF
grep '^|' "$WORK/soak.out"
RESULT=$(grep '^RESULT' "$WORK/soak.out" || echo "RESULT missing")
field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<<"$RESULT"; }
cat <<EOF

| goal | measured |
|---|---|
| no error beyond the intended rejections | $(field errors) errors in $(field requests) requests ($(field intended_rejections) intended 4xx rejections; statuses $(field statuses)) |
| no 5xx | $(field server_errors) (server log: $S5XX lines with a 5xx) |
| RSS growth first → last window < 10 % | $(field rss_growth_pct) % ($(field rss_first_mib) → $(field rss_last_mib) MiB; peak $(field rss_peak_mib) MiB) |
| reloads under load | $RELOADED taken up, $REFUSED refused (of $(field reloads) SIGHUPs) |
| server | exit code $SERVER_RC after SIGTERM; $PANICS panics, $ERRORS ERROR lines in $LINES log lines |
| rate | $(field achieved_rps) req/s achieved (latest send $(field max_send_lag_ms) ms behind schedule); latency p50 $(field p50_ms) ms, p99 $(field p99_ms) ms, max $(field max_ms) ms |
EOF

[ "$SOAK_RC" = 0 ] && [ "$SERVER_RC" = 0 ] && [ "$PANICS" = 0 ] && [ "$REFUSED" = 0 ]
