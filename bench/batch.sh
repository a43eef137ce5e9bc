#!/usr/bin/env bash
# Measures `pactbot ask --json -` (one command a line in, one JSON answer a
# line out) on bench/queries.txt: the user test's queries (typos, native and
# Ukrainian names, non-partners, junk), every command over every aid type
# and partner, later pages. Optionally side by side with another build of
# pactbot (BEFORE=path/to/old/pactbot), interleaved round by round so that
# other load on a shared machine hits both alike. Each binary runs pinned to
# core 0 (taskset), reading from a file and writing to /dev/null (a run
# before the measured ones checks that every line is answered). Answers/s
# are given by wall time and by the process's CPU time (user + system, as
# bash's `time` reports it, in ms): on a busy machine the second is the one
# to trust.
#
# Rows:
#   repeated — the file REPEAT times over (a script that asks the same
#              things again, as batch users do): answers/s, startup included;
#   one pass — the file once: every distinct answer computed once;
#   startup  — an empty input: starting, loading the dataset, exiting.
#
# Usage: bench/batch.sh                      (builds the release binary)
#        BIN=target/release/pactbot BEFORE=/tmp/old/pactbot RUNS=5 bench/batch.sh
set -euo pipefail

RUNS=${RUNS:-5}
REPEAT=${REPEAT:-50}

cd "$(dirname "$0")/.."
say() { printf '%s\n' "$*" >&2; }

if [ -z "${BIN:-}" ]; then
    say "building (release)…"
    cargo build --release --quiet --bin pactbot
    BIN=${CARGO_TARGET_DIR:-target}/release/pactbot
fi
command -v taskset >/dev/null || { say "error: taskset is required"; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
QUERIES=bench/queries.txt
for _ in $(seq "$REPEAT"); do cat "$QUERIES"; done >"$WORK/repeated.txt"
: >"$WORK/empty.txt"
lines() { grep -cv '^[[:space:]]*$' "$1"; }
N_ONE=$(lines "$QUERIES")
N_REP=$(lines "$WORK/repeated.txt")

# checks that every line of the input is answered, one line each
check() { # bin input
    local n
    n=$("$1" ask --json - <"$2" | wc -l)
    [ "$n" -eq "$(lines "$2")" ] || { say "error: $1 answered $n lines of $(lines "$2") in $2"; exit 1; }
}

# "wall_s cpu_s" of one run
run() { # bin input
    local TIMEFORMAT='%3R %3U %3S'
    { time taskset -c 0 "$1" ask --json - <"$2" >/dev/null; } 2>"$WORK/time"
    awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$WORK/time"
}

NAMES=(after)
declare -A BINS=([after]=$BIN)
if [ -n "${BEFORE:-}" ]; then NAMES=(before after); BINS[before]=$BEFORE; fi

for name in "${NAMES[@]}"; do check "${BINS[$name]}" "$QUERIES"; done
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq "$RUNS"); do
    for name in "${NAMES[@]}"; do
        b=${BINS[$name]}
        run "$b" "$WORK/repeated.txt" >>"$WORK/$name.repeated"
        run "$b" "$QUERIES" >>"$WORK/$name.one"
        run "$b" "$WORK/empty.txt" >>"$WORK/$name.startup"
        say "round $r $name (wall s, CPU s): repeated $(tail -1 "$WORK/$name.repeated"), one pass $(tail -1 "$WORK/$name.one"), startup $(tail -1 "$WORK/$name.startup")"
    done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
rate() { # file column lines -> "median (min–max)" answers/s
    awk -v c="$2" -v n="$3" '{t = $c < 0.001 ? 0.001 : $c; printf "%.0f\n", n / t}' "$1" | sort -g |
        awk '{a[NR]=$1} END {printf "%d (%d–%d)", a[int((NR+1)/2)], a[1], a[NR]}'
}
cat <<EOF2

### \`ask --json -\` batch, $(date -u +%Y-%m-%d) — $(nproc) cores, $(uname -r)

\`bench/batch.sh\`: each binary pinned to core 0, $RUNS interleaved rounds; \`bench/queries.txt\` has $N_ONE lines; "repeated" is that file $REPEAT times ($N_REP lines). Answers/s are median (min–max) over the rounds, by wall time and by the process's CPU time (user + system), startup included. Load average before / after: $LOAD_BEFORE / $LOAD_AFTER.

| build | repeated, by CPU: answers/s | repeated, by wall | one pass, by CPU | one pass, by wall | startup (empty input): wall ms |
|---|---|---|---|---|---|
EOF2
for name in "${NAMES[@]}"; do
    echo "| $name | $(rate "$WORK/$name.repeated" 2 "$N_REP") | $(rate "$WORK/$name.repeated" 1 "$N_REP") | $(rate "$WORK/$name.one" 2 "$N_ONE") | $(rate "$WORK/$name.one" 1 "$N_ONE") | $(awk '{printf "%.1f\n", $1 * 1000}' "$WORK/$name.startup" | median) |"
done
