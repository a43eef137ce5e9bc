#!/usr/bin/env bash
# Benchmarks `pactbot serve` (the HTTP interactions endpoint) side by side, in
# one run, with (a) the pure Ed25519 verify rate on one core and (b) the
# official JS stack: express + discord-interactions' verifyKeyMiddleware.
#
# Loopback only. Every server runs on core 0 (taskset -c 0), wrk and the
# helpers on core 1. Bounded in time: about 6 minutes with the defaults
# (RUNS=3 runs of DURATION=10 s per row, each row after a WARMUP=3 s run).
# Requests are pre-signed Discord requests (re-signed every run, so
# timestamps stay inside the 5-minute window), built by
# examples/endpoint_bench.rs: a PING (type 1); `/pledged aid:air defence`
# (type 2) again and again; and "rotating": slash commands over every aid
# type (`/pledged`) and every partner (`/agreement`), each on every page it
# has, sent in turn, so no command repeats back to back.
#
# Usage: bench/endpoint.sh            (needs cargo, node + npm, wrk, taskset)
#        RUNS=1 DURATION=3 bench/endpoint.sh    (a quick look)
#        BEFORE=/path/to/old/pactbot JS=0 bench/endpoint.sh
#            (an older build side by side, in the same rounds; no JS stack)
#        BIN=/path/to/pactbot HELPER=/path/to/endpoint_bench  (skip the build)
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
JS=${JS:-1}
BEFORE=${BEFORE:-}

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
TOOLS="taskset cargo"
[ "$JS" = 1 ] && TOOLS="$TOOLS node npm"
for tool in $TOOLS; do
    command -v "$tool" >/dev/null || { say "error: $tool is required"; exit 1; }
done
if [ "$(nproc)" -lt 2 ]; then
    say "error: needs 2 cores (server on core 0, load on core 1)"
    exit 1
fi

if [ -z "${BIN:-}" ] || [ -z "${HELPER:-}" ]; then
    say "building (release)…"
    cargo build --release --quiet --bin pactbot --example endpoint_bench
    TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
    BIN=$TARGET/release/pactbot
    HELPER=$TARGET/release/examples/endpoint_bench
fi

WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

DISCORD_PUBLIC_KEY=$("$HELPER" pubkey)
export DISCORD_PUBLIC_KEY

JS_VERSIONS="not run (JS=0)"
if [ "$JS" = 1 ]; then
    say "installing $JS_EXPRESS and $JS_INTERACTIONS into a temporary folder…"
    mkdir -p "$WORK/js"
    cp bench/js-server.js "$WORK/js/server.js"
    (cd "$WORK/js" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent "$JS_EXPRESS" "$JS_INTERACTIONS" >/dev/null)
    JS_VERSIONS=$(cd "$WORK/js" && node -e "console.log('express ' + require('express/package.json').version + ' + discord-interactions ' + require('discord-interactions/package.json').version + ' on node ' + process.versions.node)")
fi

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
            local rotating
            rotating=$(taskset -c 1 "$HELPER" request rotating "$PORT" | cut -d" " -f1)
            [ "$rotating" = 200 ] || { say "error: $name answered a rotating command with $rotating"; exit 1; }
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
        "$(awk -v a="$after" -v b="$before" -v d="$secs" 'BEGIN {printf "%.1f", 100 * (a - b) / d}')" \
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

ROW_IDS=(rs_ping rs_pledged rs_rotating rs_nocache rs_quiet)
[ -n "$BEFORE" ] && ROW_IDS+=(old_ping old_pledged old_rotating old_nocache)
[ "$JS" = 1 ] && ROW_IDS+=(js_ping js_pledged)
declare -A LABEL=(
    [rs_ping]="pactbot · PING"
    [rs_pledged]="pactbot · /pledged aid:air defence, repeated"
    [rs_rotating]="pactbot · rotating /pledged + /agreement (every aid type, partner, page)"
    [rs_nocache]="pactbot · rotating, answer cache off"
    [rs_quiet]="pactbot · PING, request log off (RUST_LOG=warn)"
    [old_ping]="before · PING"
    [old_pledged]="before · /pledged aid:air defence, repeated"
    [old_rotating]="before · rotating /pledged + /agreement"
    [old_nocache]="before · rotating, answer cache off"
    [js_ping]="express + verifyKeyMiddleware · PING"
    [js_pledged]="express + verifyKeyMiddleware · the same command"
)

# rust_server NAME BIN ROW_PREFIX: the default settings (answer cache on, one
# info log line per request, to a file), then the cache off.
rust_server() {
    local name=$1 bin=$2 p=$3
    start_server "$name" "$bin" serve --listen "127.0.0.1:$PORT"
    measure "${p}_ping" ping
    measure "${p}_pledged" pledged
    measure "${p}_rotating" rotating
    stop_server
    start_server "$name-nocache" env PACTBOT_ANSWER_CACHE=0 "$bin" serve --listen "127.0.0.1:$PORT"
    measure "${p}_nocache" rotating
    stop_server
}

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

    # Before and after in the same round, in alternating order.
    if [ -n "$BEFORE" ] && [ $((run % 2)) = 1 ]; then rust_server before "$BEFORE" old; fi
    rust_server pactbot "$BIN" rs
    if [ -n "$BEFORE" ] && [ $((run % 2)) = 0 ]; then rust_server before "$BEFORE" old; fi
    start_server pactbot-quiet env RUST_LOG=warn "$BIN" serve --listen "127.0.0.1:$PORT"
    measure rs_quiet ping
    stop_server
    if [ "$JS" = 1 ]; then
        start_server js env PORT="$PORT" node "$WORK/js/server.js"
        measure js_ping ping
        measure js_pledged pledged
        stop_server
    fi
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

col() { awk -v c="$2" '{print $c}' "$WORK/row.$1" | median; }
runs() { awk '{print $1}' "$WORK/row.$1" | paste -sd/ -; }
VERIFY=$(median <"$WORK/row.verify")
VERIFY_PLEDGED=$(median <"$WORK/row.verify_pledged")
VERIFY_CPU=$(median <"$WORK/row.verify_cpu")
# Server CPU time per request (median over rounds): robust to other load on the machine.
cpu_us() { awk '{printf "%.1f\n", $4 * 10000 / $1}' "$WORK/row.$1" | median; }
ROTATING=$("$HELPER" wrk-script rotating "$WORK/count.lua" && grep -c ' sig = ' "$WORK/count.lua")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "" || b == "" || b == 0) print "–"; else printf "%.2f", a / b}'; }
startup() { # label, then the server command
    local label=$1; shift
    local r
    r=$(taskset -c 1 "$HELPER" startup "$STARTS" "$PORT" -- taskset -c 0 "$@")
    say "  $label: $r"
    echo "| $label | $(field first_answer_ms <<<"$r") ms ($(field min_ms <<<"$r")–$(field max_ms <<<"$r")) | $(field idle_rss_mb <<<"$r") MB |"
}
STARTUP_ROWS=""
if [ "$STARTS" -gt 0 ]; then
    say "start → first answer and idle RSS ($STARTS starts each)…"
    STARTUP_ROWS=$(startup "pactbot serve" "$BIN" serve --listen "127.0.0.1:$PORT")
    [ -n "$BEFORE" ] && STARTUP_ROWS+=$'\n'$(startup "before: pactbot serve" "$BEFORE" serve --listen "127.0.0.1:$PORT")
    [ "$JS" = 1 ] && STARTUP_ROWS+=$'\n'$(cd "$WORK/js" && PORT=$PORT startup "express + discord-interactions" node server.js)
fi

cat <<EOF

### Endpoint benchmark, $(date -u +%Y-%m-%d) — $(nproc) cores, $(uname -r), $(rustc --version | cut -d' ' -f1-2), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)

Server on core 0, \`wrk -t1 -c$CONNS\` on core 1, loopback; $RUNS interleaved rounds × ${DURATION} s per row, each after a ${WARMUP} s warm-up; medians. Rotating: $ROTATING distinct signed commands sent in turn. JS: $JS_VERSIONS. Load average before / after: $LOAD_BEFORE / $LOAD_AFTER.

| what (one core) | req/s (median) | runs | p50 ms | p99 ms | server CPU % | CPU µs / request | non-2xx + socket errors |
|---|---|---|---|---|---|---|---|
| pure Ed25519 verify, PING message (ed25519-dalek, a loop) | $VERIFY | $(paste -sd/ "$WORK/row.verify") | | | | $VERIFY_CPU | |
| pure Ed25519 verify, /pledged message | $VERIFY_PLEDGED | $(paste -sd/ "$WORK/row.verify_pledged") | | | | | |
EOF
flagged=0
for r in "${ROW_IDS[@]}"; do
    flag=""
    if awk -v c="$(col "$r" 4)" 'BEGIN {exit !(c < 90)}'; then flag=" ⚠"; flagged=1; fi
    echo "| ${LABEL[$r]}$flag | $(col "$r" 1) | $(runs "$r") | $(col "$r" 2) | $(col "$r" 3) | $(col "$r" 4) | $(cpu_us "$r") | $(awk '{s += $5} END {print s}' "$WORK/row.$r") |"
done
[ "$flagged" = 0 ] || printf '\n%s\n' "⚠ = the server's core was busy less than 90 % of the time: wrk (or the machine) was the limit, not the server, so that row's req/s understates it."
if [ -n "$STARTUP_ROWS" ]; then
    printf '\n| process | start → first signed PING answered (median; min–max) | idle RSS 0.5 s after |\n|---|---|---|\n%s\n' "$STARTUP_ROWS"
fi
# One line per row: its req/s ÷ verify's, and verify's CPU µs ÷ its CPU µs per request.
vs_verify() { echo "| ${LABEL[$1]} | $(ratio "$(col "$1" 1)" "$VERIFY") | $(ratio "$VERIFY_CPU" "$(cpu_us "$1")") |"; }
cat <<EOF

Against pure verify (throughput: req/s ÷ verify/s; CPU: verify's CPU µs ÷ the server's CPU µs per request, less sensitive to other load on a shared machine):

| row | × verify (req/s) | × verify (CPU) |
|---|---|---|
EOF
for r in "${ROW_IDS[@]}"; do
    case $r in js_*) ;; *) vs_verify "$r" ;; esac
done
if [ "$JS" = 1 ]; then
    echo
    echo "Against the JS stack: PING $(ratio "$(col rs_ping 1)" "$(col js_ping 1)")×, command $(ratio "$(col rs_pledged 1)" "$(col js_pledged 1)")× by req/s; p99 PING $(ratio "$(col rs_ping 3)" "$(col js_ping 3)"), command $(ratio "$(col rs_pledged 3)" "$(col js_pledged 3)") of the JS stack's."
fi
