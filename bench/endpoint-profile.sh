#!/usr/bin/env bash
# Profiles `pactbot serve` under the endpoint benchmark's load: where does
# a request's CPU go besides the Ed25519 verify?
#
# The server runs on core 0, `wrk -t1 -c64` on core 1 (loopback only), with
# the benchmark's pre-signed requests (examples/endpoint_bench.rs); after a
# 2 s warm-up `perf record --call-graph dwarf` samples the server for
# SECONDS, then bench/profile_breakdown.py sums the samples by category
# (verify, kernel, hyper, serde_json, …) and gives the inclusive share of
# the syscalls and of the log. Bounded: about SECONDS + 10 s, then
# everything it started is stopped.
#
# The release profile strips symbols; build an unstripped binary first:
#   cargo rustc --release --bin pactbot -- -C strip=none
#   cargo build --release --example endpoint_bench
# Usage: BIN=target/release/pactbot HELPER=target/release/examples/endpoint_bench \
#        bench/endpoint-profile.sh [rotating|pledged|ping] [SECONDS] [OUT.data]
# Needs perf, wrk, taskset, python3.
set -euo pipefail

KIND=${1:-rotating}
SECONDS_=${2:-8}
cd "$(dirname "$0")/.."
OUT=${3:-$(mktemp -d)/perf.data}
BIN=${BIN:-target/release/pactbot}
HELPER=${HELPER:-target/release/examples/endpoint_bench}
PORT=${PORT:-18191}
for tool in perf wrk taskset python3; do
    command -v "$tool" >/dev/null || { echo "error: $tool is required" >&2; exit 1; }
done

DISCORD_PUBLIC_KEY=$("$HELPER" pubkey)
export DISCORD_PUBLIC_KEY
WORK=$(mktemp -d)
taskset -c 0 "$BIN" serve --listen "127.0.0.1:$PORT" 2>"$WORK/server.log" &
PID=$!
WRK=
cleanup() {
    [ -n "$WRK" ] && kill "$WRK" 2>/dev/null
    kill "$PID" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
for _ in $(seq 200); do
    [ "$("$HELPER" request ping "$PORT" 2>/dev/null | cut -d' ' -f1)" = 200 ] && break
    sleep 0.05
done
"$HELPER" wrk-script "$KIND" "$WORK/$KIND.lua"
taskset -c 1 wrk -t1 -c64 -d$((SECONDS_ + 4))s -s "$WORK/$KIND.lua" \
    "http://127.0.0.1:$PORT/interactions" >"$WORK/wrk.out" &
WRK=$!
sleep 2
perf record -F 1999 --call-graph dwarf,32768 -p "$PID" -o "$OUT" -- sleep "$SECONDS_" >/dev/null 2>&1
wait "$WRK"
WRK=
grep RESULT "$WORK/wrk.out" || true
echo "perf data: $OUT (load average $(cut -d' ' -f1-3 /proc/loadavg))"
python3 bench/profile_breakdown.py "$OUT"
