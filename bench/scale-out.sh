#!/usr/bin/env bash
# Scale-out of `pactbot serve` behind a load balancer, proven on one machine:
# nginx on 127.0.0.1 in front of two `pactbot serve` processes (release).
#
# 1. Rolling restart under load, three ways. examples/soak.rs drives RATE
#    signed requests/s (every command, autocomplete, buttons, PING, and
#    invalid requests that must be refused) through nginx for ROLL_SECONDS
#    while the backends are restarted RESTARTS times, in turn (SIGTERM, wait
#    for it to exit, start it again, wait until /readyz answers):
#    a. plain, nginx retrying only what never reached a backend: the backend
#       is signalled while nginx still sends to it;
#    b. plain, nginx also replaying a POST whose connection failed before
#       any answer came back (`non_idempotent`);
#    c. drain first, as Kubernetes does with a preStop delay: the backend is
#       marked `down` in nginx (a reload), DRAIN_WAIT s pass, then SIGTERM;
#       after the restart it is put back (another reload).
#    Reported: requests, answers, intended refusals, failed requests,
#    latency p50/p99/max, nginx retries, and each restart's timings.
# 2. Throughput with one backend pinned to core 0 against two pinned to cores
#    0 and 1 (`taskset`), wrk closed loop with one pre-signed command, with
#    the answer cache on (every request a hit) and off (every answer from
#    scratch, the worst case), RUNS interleaved rounds of TP_SECONDS; plus
#    each backend's CPU time, so the figure per backend core does not depend
#    on what else ran.
#
# What is safe to retry. A request that never reached a backend (connection
# refused, connect failed) is always safe to send to the other one: nginx's
# default `proxy_next_upstream error timeout` does exactly that for a POST.
# A POST whose connection broke after it was sent (a backend closing an idle
# keep-alive connection as it shuts down, just as nginx reuses it) is safe to
# replay only if answering has no side effects. For `pactbot serve` it has
# none: the answer is a function of the signed request and the read-only
# dataset, the same on every replica, returned in the response; nothing is
# stored or sent elsewhere. So (b) adds `non_idempotent`, bounded by
# `proxy_next_upstream_timeout 2s` (well inside Discord's 3 s, so a slow
# request is not answered twice late) and 2 tries; nginx never retries once
# any of the answer has gone to the client. If the endpoint ever answers
# deferred, with a follow-up message, a replay would post it twice: then drop
# `non_idempotent` and rely on draining first.
#
# Usage: bench/scale-out.sh               (about 7 minutes with the defaults)
#        RATE=500 ROLL_SECONDS=60 RESTARTS=6 RUNS=3 TP_SECONDS=10 bench/scale-out.sh
# Needs cargo, taskset and 2 cores; installs nginx and wrk from Debian
# (apt-get) when missing. Loopback only; stops by itself; removes its files.
# Prints Markdown for BENCHMARKS.md. Exit code 0 when (b) failed no request.
set -euo pipefail

RATE=${RATE:-500}
ROLL_SECONDS=${ROLL_SECONDS:-60}
RESTARTS=${RESTARTS:-6}
DRAIN_WAIT=${DRAIN_WAIT:-2}
RUNS=${RUNS:-3}
TP_SECONDS=${TP_SECONDS:-10}
WARMUP=${WARMUP:-2}
CONNS=${CONNS:-64}
LB_PORT=${LB_PORT:-18300}
PORTS=("${B1_PORT:-18301}" "${B2_PORT:-18302}")

cd "$(dirname "$0")/.."
say() { printf '%s\n' "$*" >&2; }

install_deb() { # command, then Debian packages to try in turn
    local cmd=$1; shift
    command -v "$cmd" >/dev/null && return
    local sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
    for pkg in "$@"; do
        say "installing $pkg (Debian package)…"
        $sudo apt-get install -y "$pkg" >/dev/null 2>&1 && return
        $sudo apt-get update >/dev/null 2>&1 && $sudo apt-get install -y "$pkg" >/dev/null 2>&1 && return
    done
    say "error: could not install $cmd"; exit 1
}
PATH="$PATH:/usr/sbin:/sbin"
install_deb nginx nginx-light nginx
install_deb wrk wrk
for tool in cargo taskset; do
    command -v "$tool" >/dev/null || { say "error: $tool is required"; exit 1; }
done
[ "$(nproc)" -ge 2 ] || { say "error: needs 2 cores"; exit 1; }

say "building (release)…"
cargo build --release --quiet --bin pactbot --example soak --example endpoint_bench
# Where cargo put them (CARGO_TARGET_DIR, a config file, or ./target).
TARGET=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
WORK=$(mktemp -d)
chmod 755 "$WORK"
# Copies, so another build into the same target dir cannot swap them mid-run.
mkdir "$WORK/bin"
cp "$TARGET/release/pactbot" "$TARGET/release/examples/soak" "$TARGET/release/examples/endpoint_bench" "$WORK/bin/"
BIN=$WORK/bin/pactbot
SOAK=$WORK/bin/soak
HELPER=$WORK/bin/endpoint_bench
DISCORD_PUBLIC_KEY=$("$SOAK" --print-public-key)
export DISCORD_PUBLIC_KEY
unset RUST_LOG PACTBOT_ANSWER_CACHE
export NO_COLOR=1

BACKEND_PID=("" "")
RETRY=safe
NGINX_PID=
cleanup() {
    for p in "${BACKEND_PID[@]}" "$NGINX_PID"; do
        [ -n "$p" ] && kill -TERM "$p" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

ms_now() { date +%s%3N; }
cpu_s() { awk -v t="$(getconf CLK_TCK)" '{print ($14+$15)/t}' "/proc/$1/stat"; }
field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p"; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else print a[int((NR+1)/2)]}'; }

# GET PATH on PORT; true on a 200 (bash's /dev/tcp: no curl needed).
http_ok() {
    local port=$1 path=$2 line
    { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
    printf 'GET %s HTTP/1.0\r\n\r\n' "$path" >&3
    IFS= read -r -t 2 line <&3 || { exec 3>&-; return 1; }
    exec 3>&-
    [[ "$line" == *" 200"* ]]
}
wait_ready() { # port: until /readyz answers 200, at most 10 s
    local deadline=$(( $(ms_now) + 10000 ))
    until http_ok "$1" /readyz; do
        [ "$(ms_now)" -lt "$deadline" ] || { say "error: 127.0.0.1:$1 not ready within 10 s"; exit 1; }
        sleep 0.02
    done
}

start_backend() { # index (0|1), cpu list or "" for any; BACKEND_ENV adds variables
    local i=$1 cpus=${2:-} pin=()
    [ -n "$cpus" ] && pin=(taskset -c "$cpus")
    env "${BACKEND_ENV[@]}" "${pin[@]}" "$BIN" serve --listen "127.0.0.1:${PORTS[$i]}" >>"$WORK/backend$i.log" 2>&1 &
    BACKEND_PID[i]=$!
    wait_ready "${PORTS[$i]}"
}
# Sets STOP_RC (the exit code) and STOP_MS (SIGTERM to exit).
stop_backend() { # index
    local i=$1 t0
    t0=$(ms_now)
    kill -TERM "${BACKEND_PID[$i]}"
    STOP_RC=0
    wait "${BACKEND_PID[$i]}" || STOP_RC=$?
    STOP_MS=$(( $(ms_now) - t0 ))
    BACKEND_PID[i]=
}
BACKEND_ENV=(NO_COLOR=1)

# nginx.conf for the backends given as "up" or "down" each.
write_conf() { # state0 state1 cpu-affinity-or-empty
    local s0=$1 s1=$2 aff=${3:-}
    mkdir -p "$WORK/nginx/tmp"
    chmod 1777 "$WORK/nginx/tmp"
    cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
$( [ -n "$aff" ] && echo "worker_cpu_affinity $aff;" )
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
    log_format lb '\$status \$upstream_addr "\$upstream_status" \$request_time';
    access_log $WORK/nginx/access.log lb buffer=64k;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    # The soak sends bodies over pactbot's 64 KiB limit on purpose (413).
    client_max_body_size 1m;
    client_body_buffer_size 128k;
    upstream pactbot {
        server 127.0.0.1:${PORTS[0]} max_fails=1 fail_timeout=2s$( [ "$s0" = down ] && echo " down");
        server 127.0.0.1:${PORTS[1]} max_fails=1 fail_timeout=2s$( [ "$s1" = down ] && echo " down");
        keepalive 64;
    }
    server {
        listen 127.0.0.1:$LB_PORT;
        location / {
            proxy_pass http://pactbot;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            # What nginx may send to the other backend (see the top of this script).
            proxy_next_upstream error timeout$( [ "$RETRY" = replay ] && echo " non_idempotent");
            proxy_next_upstream_tries 2;
            proxy_next_upstream_timeout 2s;
            proxy_connect_timeout 1s;
            proxy_read_timeout 5s;
            proxy_buffers 16 16k;
            proxy_max_temp_file_size 0;
        }
    }
}
EOF
}
start_nginx() {
    : >"$WORK/nginx/access.log"
    : >"$WORK/nginx/error.log"
    nginx -e "$WORK/nginx/error.log" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
    NGINX_PID=$!
    wait_ready "$LB_PORT"
}
reload_nginx() { # new conf already written: HUP, then wait for the new worker
    kill -HUP "$NGINX_PID"
    sleep 0.3
}
stop_nginx() { kill -QUIT "$NGINX_PID"; wait "$NGINX_PID" || true; NGINX_PID=; }

# ---------------------------------------------------------------- 1. rolling restarts
rolling() { # restart: plain | drain; retry: safe | replay
    local restart=$1 mode="$1-$2" t0
    RETRY=$2
    say "rolling restart ($restart, retries: $RETRY): $RATE req/s for $ROLL_SECONDS s through nginx…"
    : >"$WORK/backend0.log"; : >"$WORK/backend1.log"
    start_backend 0; start_backend 1
    write_conf up up; start_nginx
    timeout $((ROLL_SECONDS + 60)) "$SOAK" --url "http://127.0.0.1:$LB_PORT/interactions" --pid "$NGINX_PID" \
        --duration "$ROLL_SECONDS" --rate "$RATE" --window 10 >"$WORK/roll-$mode.out" 2>"$WORK/roll-$mode.err" &
    local soak=$!
    t0=$(ms_now)
    : >"$WORK/roll-$mode.restarts"
    local j i t_term t_up
    for j in $(seq 0 $((RESTARTS - 1))); do
        # Restarts evenly spread over the run, alternating between the backends.
        i=$((j % 2))
        sleep "$(awk -v t0="$t0" -v now="$(ms_now)" -v at=$(( (j + 1) * ROLL_SECONDS * 1000 / (RESTARTS + 1) )) \
            'BEGIN {d = (t0 + at - now) / 1000; print (d > 0 ? d : 0)}')"
        if [ "$restart" = drain ]; then
            if [ "$i" = 0 ]; then write_conf down up; else write_conf up down; fi
            reload_nginx
            sleep "$DRAIN_WAIT"
        fi
        t_term=$(ms_now)
        stop_backend "$i"
        start_backend "$i"
        t_up=$(ms_now)
        if [ "$restart" = drain ]; then
            write_conf up up; reload_nginx
        fi
        echo "$((i + 1)) $(( (t_term - t0) / 1000 )) $STOP_RC $STOP_MS $((t_up - t_term))" >>"$WORK/roll-$mode.restarts"
        say "  backend $((i + 1)): SIGTERM at t=$(( (t_term - t0) / 1000 )) s, exit code $STOP_RC after $STOP_MS ms, answering again $((t_up - t_term)) ms after SIGTERM"
    done
    local rc=0
    wait "$soak" || rc=$?
    stop_nginx
    for i in 0 1; do stop_backend "$i"; done
    # nginx's view: failed answers it gave, and requests it sent to a second backend.
    local total s5 retried
    total=$(wc -l <"$WORK/nginx/access.log")
    s5=$(awk '$1 >= 500' "$WORK/nginx/access.log" | wc -l)
    retried=$(grep -c ', ' "$WORK/nginx/access.log" || true)
    echo "$total $s5 $retried $rc" >"$WORK/roll-$mode.nginx"
    say "  $(grep '^RESULT' "$WORK/roll-$mode.out" | cut -c1-200)"
    say "  nginx: $total requests logged, $s5 answered 5xx, $retried retried on the other backend"
    # Why nginx gave up on a backend, by reason (from its error log).
    grep -o 'connect() failed ([^)]*)\|upstream prematurely closed connection\|recv() failed ([^)]*)\|writev() failed ([^)]*)' \
        "$WORK/nginx/error.log" | sort | uniq -c | awk '{n = $1; $1 = ""; printf "%s%s × %d", (NR > 1 ? "; " : ""), substr($0, 2), n}' \
        >"$WORK/roll-$mode.reasons" || true
    say "  nginx error log: $(cat "$WORK/roll-$mode.reasons")"
    # What the failed requests were (the load generator notes the first 20).
    grep '^soak: request' "$WORK/roll-$mode.err" | sed 's/^/  /' | tee "$WORK/roll-$mode.failures" >&2 || true
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
rolling plain safe
rolling plain replay
rolling drain safe
RETRY=safe

# ---------------------------------------------------------------- 2. throughput
tp_run() { # label: one wrk run of TP_SECONDS; appends "rps p50 p99 errors cpu0 cpu1" to $WORK/tp.<label>
    local label=$1 wrk_cpus=$2 b0 b1 a0 a1 line
    "$HELPER" wrk-script pledged "$WORK/pledged.lua"
    taskset -c "$wrk_cpus" wrk -t1 -c"$CONNS" -d"${WARMUP}s" -s "$WORK/pledged.lua" "http://127.0.0.1:$LB_PORT/interactions" >/dev/null
    b0=$(cpu_s "${BACKEND_PID[0]}"); b1=0; [ -n "${BACKEND_PID[1]}" ] && b1=$(cpu_s "${BACKEND_PID[1]}")
    line=$(taskset -c "$wrk_cpus" timeout $((TP_SECONDS + 30)) wrk -t1 -c"$CONNS" -d"${TP_SECONDS}s" --timeout 5s \
        -s "$WORK/pledged.lua" "http://127.0.0.1:$LB_PORT/interactions" | grep '^RESULT')
    a0=$(cpu_s "${BACKEND_PID[0]}"); a1=0; [ -n "${BACKEND_PID[1]}" ] && a1=$(cpu_s "${BACKEND_PID[1]}")
    echo "$(field rps <<<"$line") $(field p50_ms <<<"$line") $(field p99_ms <<<"$line")" \
        "$(($(field non2xx <<<"$line") + $(field socket_errors <<<"$line")))" \
        "$(awk -v a="$a0" -v b="$b0" -v d="$TP_SECONDS" 'BEGIN {printf "%.0f", 100 * (a - b) / d}')" \
        "$(awk -v a="$a1" -v b="$b1" -v d="$TP_SECONDS" 'BEGIN {printf "%.0f", 100 * (a - b) / d}')" \
        | tee -a "$WORK/tp.$label" >&2
}
for run in $(seq "$RUNS"); do
    for cache in on off; do
        BACKEND_ENV=(NO_COLOR=1)
        [ "$cache" = off ] && BACKEND_ENV+=(PACTBOT_ANSWER_CACHE=0)
        say "throughput round $run of $RUNS, answer cache $cache: one backend on core 0 (nginx and wrk on core 1)…"
        start_backend 0 0
        write_conf up down 10; start_nginx
        tp_run "one-$cache" 1
        stop_nginx; stop_backend 0
        say "throughput round $run of $RUNS, answer cache $cache: two backends on cores 0 and 1 (nginx and wrk on either)…"
        start_backend 0 0; start_backend 1 1
        write_conf up up; start_nginx
        tp_run "two-$cache" 0,1
        stop_nginx; stop_backend 0; stop_backend 1
    done
done
BACKEND_ENV=(NO_COLOR=1)
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- report
col() { awk -v c="$2" '{print $c}' "$WORK/tp.$1" | median; }
per_core() { awk '{c = ($5 + $6) / 100; if (c > 0) printf "%.0f\n", $1 / c}' "$WORK/tp.$1" | median; }
errors() { awk '{s += $4} END {print s}' "$WORK/tp.$1"; }
runs() { awk '{print $1}' "$WORK/tp.$1" | paste -sd/ -; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
restarts() { # mode label: a summary of the restarts
    awk -v label="$2" '{n++; if ($3 != 0) bad++; if ($4 > e) e = $4; if ($5 > u) u = $5}
        END {printf "%s: %d restarts (%s), exit code 0 for %d, SIGTERM → exit at most %d ms, SIGTERM → answering again at most %d ms.\n", label, n, "alternating backends", n - bad, e, u}' "$WORK/roll-$1.restarts"
}
failures() { # mode label: the load generator's notes on failed requests, if any
    [ -s "$WORK/roll-$1.failures" ] || return 0
    printf '\nFailed requests in the %s run, as the load generator saw them:\n\n```\n%s\n```\n' "$2" "$(sed 's/^  //' "$WORK/roll-$1.failures")"
}
roll_row() { # mode label
    local r n
    r=$(grep '^RESULT' "$WORK/roll-$1.out" || echo "RESULT missing")
    read -r _ n_5xx n_retried _ <"$WORK/roll-$1.nginx"
    n=$(field requests <<<"$r")
    echo "| $2 | $n | $(field answered <<<"$r") | $(field intended_rejections <<<"$r") | **$(field errors <<<"$r")** | $(field server_errors <<<"$r") | $(field p50_ms <<<"$r") | $(field p99_ms <<<"$r") | $(field max_ms <<<"$r") | $n_retried | $n_5xx | $(cat "$WORK/roll-$1.reasons") |"
}
tp_report() {
    cat <<EOF
**Throughput, one backend against two** (wrk \`-t1 -c$CONNS\` closed loop through nginx, one pre-signed \`/pledged aid:air defence\`, $RUNS interleaved rounds × ${TP_SECONDS} s after ${WARMUP} s warm-up; medians). With the answer cache on, every request is a cache hit; with it off (\`PACTBOT_ANSWER_CACHE=0\`) every answer is computed from scratch, the worst case. *Per backend core* = req/s ÷ the cores the backends used (their CPU time ÷ wall time), which does not depend on where nginx and wrk ran.

| backends | answer cache | req/s | runs | p50 ms | p99 ms | backend CPU % (1 / 2) | req/s per backend core | non-2xx + socket errors |
|---|---|---|---|---|---|---|---|---|
$(for cache in on off; do
    echo "| one, on core 0 (nginx + wrk on core 1) | $cache | $(col "one-$cache" 1) | $(runs "one-$cache") | $(col "one-$cache" 2) | $(col "one-$cache" 3) | $(col "one-$cache" 5) / – | $(per_core "one-$cache") | $(errors "one-$cache") |"
    echo "| two, on cores 0 and 1 (nginx + wrk share them) | $cache | $(col "two-$cache" 1) | $(runs "two-$cache") | $(col "two-$cache" 2) | $(col "two-$cache" 3) | $(col "two-$cache" 5) / $(col "two-$cache" 6) | $(per_core "two-$cache") | $(errors "two-$cache") |"
done)

Two backends ÷ one, requests per second: $(ratio "$(col two-on 1)" "$(col one-on 1)")× with the cache, $(ratio "$(col two-off 1)" "$(col one-off 1)")× without.
EOF
}
cat <<EOF

### Scale-out, $(date -u +%Y-%m-%d) — $(nproc) cores, $(uname -r), $(rustc --version | cut -d' ' -f1-2), $(nginx -v 2>&1 | sed 's/.*: //'), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)

\`bench/scale-out.sh\` (RATE=$RATE ROLL_SECONDS=$ROLL_SECONDS RESTARTS=$RESTARTS DRAIN_WAIT=$DRAIN_WAIT RUNS=$RUNS TP_SECONDS=$TP_SECONDS): nginx (one worker, keep-alive to the backends, \`proxy_next_upstream\` as in each row, tries 2, \`proxy_next_upstream_timeout 2s\`) on 127.0.0.1 in front of two \`pactbot serve\` (release, default settings). Machine load average before / after: $LOAD_BEFORE / $LOAD_AFTER (other work shares these cores).

**Rolling restart under load**: examples/soak.rs, $RATE signed requests/s open loop for $ROLL_SECONDS s through nginx (the soak's mix: commands, autocomplete, buttons, PING, and invalid requests that must be refused; reqwest with keep-alive); $RESTARTS restarts spread over the run, alternating between the backends (SIGTERM, exit, start, \`/readyz\` answers). *Failed* = anything but the status the request must get: a 5xx, a transport error, a timeout, a wrong body.

| restart | \`proxy_next_upstream\` | requests | 2xx answered | intended 4xx | failed | 5xx | p50 ms | p99 ms | max ms | nginx retries | nginx 5xx | nginx error log |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
$(roll_row plain-safe "plain: SIGTERM while nginx still sends to it | \`error timeout\`")
$(roll_row plain-replay "plain | \`error timeout non_idempotent\`")
$(roll_row drain-safe "drain first: nginx \`down\` + reload, ${DRAIN_WAIT} s, then SIGTERM | \`error timeout\`")

$(restarts plain-safe "Plain, retrying what never reached a backend")
$(restarts plain-replay "Plain, replaying failed POSTs")
$(restarts drain-safe "Drain first")
$(failures plain-safe "plain, retrying what never reached a backend")$(failures plain-replay "plain, replaying failed POSTs")$(failures drain-safe "drain first")

EOF
[ "$RUNS" -gt 0 ] && tp_report

failed=0
# The recommended setup (see the top of this script) must fail nothing.
f=$(grep '^RESULT' "$WORK/roll-plain-replay.out" | field errors)
[ "${f:-1}" = 0 ] || failed=1
exit "$failed"
