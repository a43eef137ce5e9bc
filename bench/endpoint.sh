#!/usr/bin/env bash
# Benchmarks `pactbot serve` (the HTTP interactions endpoint) side by side, in
# one run, with (a) the pure Ed25519 verify rate on one core and (b) the
# official JS stack: express + discord-interactions' verifyKeyMiddleware.
#
# Loopback only. Every server runs on core 0 (taskset -c 0), wrk and the
# helpers on core 1. Bounded in time: about 6 minutes with the defaults
# (RUNS=3 runs of DURATION=10 s per row, each row after a WARMUP=3 s run).
# Requests are one pre-signed Discord request per row (re-signed every run, so
# timestamps stay inside the 5-minute window): a PING (type 1) and
# `/pledged aid:air defence` (type 2), built by examples/endpoint_bench.rs.
#
# Usage: bench/endpoint.sh            (needs cargo, node + npm, wrk, taskset)
#        RUNS=1 DURATION=3 bench/endpoint.sh    (a quick look)
# wrk is installed with apt-get if missing; express and discord-interactions
# are installed with npm into a temporary folder that is removed afterwards.
set -euo pipefail

RUNS=${RUNS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
CONNS=${CONNS:-64}
STARTS=${STARTS:-11}
PORT=${PORT:-18181}
JS_EXPRESS=${JS_EXPRESS:-express@5}
JS_INTERACTIONS=${JS_INTERACTIONS:-discord-interactions@4.4.0}

cd "$(dirname "$0")/.."
ROOT=$(pwd)

say() { printf '%s\n' "$*" >&2; }

if ! command -v wrk >/dev/null; then
    say "installing wrk (Debian package)…"
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
    else
        sudo apt-get install -y wrk >/dev/null
    fi
fi
for tool in taskset node npm cargo; do
    command -v "$tool" >/dev/null || { say "error: $tool is required"; exit 1; }
done
if [ "$(nproc)" -lt 2 ]; then
    say "error: needs 2 cores (server on core 0, load on core 1)"
    exit 1
fi

say "building (release)…"
cargo build --release --quiet --bin pactbot --example endpoint_bench
BIN=$ROOT/target/release/pactbot
HELPER=$ROOT/target/release/examples/endpoint_bench

WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

DISCORD_PUBLIC_KEY=$("$HELPER" pubkey)
export DISCORD_PUBLIC_KEY

say "installing $JS_EXPRESS and $JS_INTERACTIONS into a temporary folder…"
mkdir -p "$WORK/js"
cp bench/js-server.js "$WORK/js/server.js"
(cd "$WORK/js" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent "$JS_EXPRESS" "$JS_INTERACTIONS" >/dev/null)
JS_VERSIONS=$(cd "$WORK/js" && node -e "console.log('express ' + require('express/package.json').version + ' + discord-interactions ' + require('discord-interactions/package.json').version + ' on node ' + process.versions.node)")

# key=value from a "RESULT k=v …" line
field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p"; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else print a[int((NR+1)/2)]}'; }
# CPU seconds used by a process so far (utime + stime)
cpu_s() { awk -v t="$(getconf CLK_TCK)" '{print ($14+$15)/t}' "/proc/$1/stat"; }

start_server() { # name, then the command; waits for a signed PING to pass
    local name=$1; shift
    taskset -c 0 "$@" >"$WORK/$name.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 200); do
        if [ "$(taskset -c 1 "$HELPER" request ping "$PORT" 2>/dev/null | cut -d' ' -f1)" = 200 ]; then
            local bad
            bad=$(taskset -c 1 "$HELPER" request bad-signature "$PORT" | cut -d' ' -f1)
            [ "$bad" = 401 ] || { say "error: $name accepted a bad signature ($bad)"; exit 1; }
            local pledged
            pledged=$(taskset -c 1 "$HELPER" request pledged "$PORT" | cut -d' ' -f1)
            [ "$pledged" = 200 ] || { say "error: $name answered /pledged with $pledged"; exit 1; }
            return
        fi
        sleep 0.05
    done
    say "error: $name did not answer; its log:"; cat "$WORK/$name.log" >&2; exit 1
}

stop_server() {
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
}

# One wrk run against the running server: prints "rps p50_ms p99_ms cpu% errors".
wrk_run() { # kind seconds
    local kind=$1 secs=$2 before after line
    "$HELPER" wrk-script "$kind" "$WORK/$kind.lua"
    before=$(cpu_s "$SERVER_PID")
    line=$(taskset -c 1 timeout $((secs + 30)) wrk -t1 -c"$CONNS" -d"${secs}s" --timeout 5s \
        -s "$WORK/$kind.lua" "http://127.0.0.1:$PORT/interactions" | grep '^RESULT')
    after=$(cpu_s "$SERVER_PID")
    echo "$(field rps <<<"$line") $(field p50_ms <<<"$line") $(field p99_ms <<<"$line")" \
        "$(awk -v a="$after" -v b="$before" -v d="$secs" 'BEGIN {printf "%.0f", 100 * (a - b) / d}')" \
        "$(($(field non2xx <<<"$line") + $(field socket_errors <<<"$line")))"
}

# measure ROW KIND: one measured run (after a warm-up) appended to $WORK/ROW
measure() {
    local row=$1 kind=$2 r
    wrk_run "$kind" "$WARMUP" >/dev/null
    r=$(wrk_run "$kind" "$DURATION")
    echo "$r" >>"$WORK/row.$row"
    say "  $row: req/s p50 p99 cpu% errors = $r"
}

ROW_IDS=(rs_ping rs_pledged rs_nocache rs_quiet js_ping js_pledged)
declare -A LABEL=(
    [rs_ping]="pactbot · PING"
    [rs_pledged]="pactbot · /pledged aid:air defence"
    [rs_nocache]="pactbot · /pledged, answer cache off"
    [rs_quiet]="pactbot · PING, request log off (RUST_LOG=warn)"
    [js_ping]="express + verifyKeyMiddleware · PING"
    [js_pledged]="express + verifyKeyMiddleware · the same command"
)

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
# Runs are interleaved (every row once per round) so that background load on
# a shared machine hits all rows alike.
for run in $(seq "$RUNS"); do
    say "round $run of $RUNS"
    line=$(taskset -c 0 "$HELPER" verify ping 2)
    field verify_per_s <<<"$line" >>"$WORK/row.verify"
    field cpu_us_per_verify <<<"$line" >>"$WORK/row.verify_cpu"
    taskset -c 0 "$HELPER" verify pledged 2 | field verify_per_s >>"$WORK/row.verify_pledged"
    say "  verify: $(tail -1 "$WORK/row.verify") /s (PING message), $(tail -1 "$WORK/row.verify_pledged") /s (/pledged message)"

    # Default settings: answer cache on, one info log line per request (to a file).
    start_server pactbot "$BIN" serve --listen "127.0.0.1:$PORT"
    measure rs_ping ping
    measure rs_pledged pledged
    stop_server
    start_server pactbot-nocache env PACTBOT_ANSWER_CACHE=0 "$BIN" serve --listen "127.0.0.1:$PORT"
    measure rs_nocache pledged
    stop_server
    start_server pactbot-quiet env RUST_LOG=warn "$BIN" serve --listen "127.0.0.1:$PORT"
    measure rs_quiet ping
    stop_server
    start_server js env PORT="$PORT" node "$WORK/js/server.js"
    measure js_ping ping
    measure js_pledged pledged
    stop_server
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

col() { awk -v c="$2" '{print $c}' "$WORK/row.$1" | median; }
runs() { awk '{print $1}' "$WORK/row.$1" | paste -sd/ -; }
VERIFY=$(median <"$WORK/row.verify")
VERIFY_PLEDGED=$(median <"$WORK/row.verify_pledged")
VERIFY_CPU=$(median <"$WORK/row.verify_cpu")
# Server CPU time per request (median over rounds): robust to other load on the machine.
cpu_us() { awk '{printf "%.1f\n", $4 * 10000 / $1}' "$WORK/row.$1" | median; }
for r in "${ROW_IDS[@]}"; do
    eval "RPS_$r=$(col "$r" 1); P99_$r=$(col "$r" 3)"
done

say "start → first answer and idle RSS ($STARTS starts each)…"
RS_START=$(taskset -c 1 "$HELPER" startup "$STARTS" "$PORT" -- taskset -c 0 "$BIN" serve --listen "127.0.0.1:$PORT")
JS_START=$(cd "$WORK/js" && PORT=$PORT taskset -c 1 "$HELPER" startup "$STARTS" "$PORT" -- taskset -c 0 node server.js)
say "  pactbot: $RS_START"
say "  js:      $JS_START"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
cat <<EOF

### Endpoint benchmark, $(date -u +%Y-%m-%d) — $(nproc) cores, $(uname -r), $(rustc --version | cut -d' ' -f1-2), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)

Server on core 0, \`wrk -t1 -c$CONNS\` on core 1, loopback; $RUNS interleaved rounds × ${DURATION} s per row, each after a ${WARMUP} s warm-up; medians. JS: $JS_VERSIONS. Load average before / after: $LOAD_BEFORE / $LOAD_AFTER.

| what (one core) | req/s (median) | runs | p50 ms | p99 ms | server CPU % | CPU µs / request | non-2xx + socket errors |
|---|---|---|---|---|---|---|---|
| pure Ed25519 verify, PING message (ed25519-dalek, a loop) | $VERIFY | $(paste -sd/ "$WORK/row.verify") | | | | $VERIFY_CPU | |
| pure Ed25519 verify, /pledged message | $VERIFY_PLEDGED | $(paste -sd/ "$WORK/row.verify_pledged") | | | | | |
EOF
flagged=0
for r in "${ROW_IDS[@]}"; do
    flag=""
    if [ "$(col "$r" 4)" -lt 90 ]; then flag=" ⚠"; flagged=1; fi
    echo "| ${LABEL[$r]}$flag | $(col "$r" 1) | $(runs "$r") | $(col "$r" 2) | $(col "$r" 3) | $(col "$r" 4) | $(cpu_us "$r") | $(awk '{s += $5} END {print s}' "$WORK/row.$r") |"
done
[ "$flagged" = 0 ] || printf '\n%s\n' "⚠ = the server's core was busy less than 90 % of the time: wrk (or the machine) was the limit, not the server, so that row's req/s understates it."
cat <<EOF

| process | start → first signed PING answered (median; min–max) | idle RSS 0.5 s after |
|---|---|---|
| pactbot serve | $(field first_answer_ms <<<"$RS_START") ms ($(field min_ms <<<"$RS_START")–$(field max_ms <<<"$RS_START")) | $(field idle_rss_mb <<<"$RS_START") MB |
| express + discord-interactions | $(field first_answer_ms <<<"$JS_START") ms ($(field min_ms <<<"$JS_START")–$(field max_ms <<<"$JS_START")) | $(field idle_rss_mb <<<"$JS_START") MB |

| goal (issue 5) | measured |
|---|---|
| PING ≥ 0.75 × pure verify | $(ratio "$RPS_rs_ping" "$VERIFY") |
| /pledged ≥ 0.65 × pure verify | $(ratio "$RPS_rs_pledged" "$VERIFY") (cache off: $(ratio "$RPS_rs_nocache" "$VERIFY")) |
| ≥ 5 × the JS stack | PING $(ratio "$RPS_rs_ping" "$RPS_js_ping")×, command $(ratio "$RPS_rs_pledged" "$RPS_js_pledged")× (cache off $(ratio "$RPS_rs_nocache" "$RPS_js_pledged")×) |
| p99 ≤ ¼ of the JS stack's | PING $(ratio "$P99_rs_ping" "$P99_js_ping"), command $(ratio "$P99_rs_pledged" "$P99_js_pledged") (cache off $(ratio "$P99_rs_nocache" "$P99_js_pledged")) |
| start → first answer ≤ 20 ms | $(field first_answer_ms <<<"$RS_START") ms |
| idle RSS ≤ 15 MB | $(field idle_rss_mb <<<"$RS_START") MB |
| (request log off: PING) | $(ratio "$RPS_rs_quiet" "$VERIFY") × verify |

By CPU time instead of throughput (verify's CPU µs ÷ the server's CPU µs per request; less sensitive to other load on a shared machine): PING $(ratio "$VERIFY_CPU" "$(cpu_us rs_ping)"), /pledged $(ratio "$VERIFY_CPU" "$(cpu_us rs_pledged)"), /pledged cache off $(ratio "$VERIFY_CPU" "$(cpu_us rs_nocache)"), PING log off $(ratio "$VERIFY_CPU" "$(cpu_us rs_quiet)"); JS per request ÷ ours: PING $(ratio "$(cpu_us js_ping)" "$(cpu_us rs_ping)")×, command $(ratio "$(cpu_us js_pledged)" "$(cpu_us rs_pledged)")×.
EOF
