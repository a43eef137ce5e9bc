#!/usr/bin/env bash
# pactbot-data-sync: turns a Kubernetes ConfigMap mount into a dataset folder
# for `pactbot --data` and has pactbot reload it (SIGHUP) when it changes.
#
#   pactbot-data-sync --once  SRC DEST            # init container: first copy
#   pactbot-data-sync --watch SECONDS SRC DEST [--pid PID]   # sidecar
#
# Why it exists (docs/scaling.md, "Dataset updates"):
# - A ConfigMap key cannot contain '/', so partner files are stored flat as
#   `partners.<ID>.json` beside meta.json, aid-types.json and countries.json;
#   pactbot wants `partners/<ID>.json`.
# - The kubelet's ConfigMap volume also holds `..data` and a timestamped
#   folder, which pactbot would read as unexpected files.
# - Nothing signals pactbot when the kubelet swaps in new contents.
#
# Each sync copies one consistent snapshot (the folder `SRC/..data` points
# to, else SRC itself) into DEST/v-<time>, lays it out as pactbot expects,
# validates it with `pactbot check-data` (an invalid dataset is refused and
# logged; the last good one stays), then points the DEST/current symlink at it
# with an atomic rename. pactbot runs with `--data DEST/current`. With
# --watch it then sends SIGHUP to pactbot: the process given with --pid, else
# the one process whose name is `pactbot` (the pod shares its process
# namespace). The two previous versions are kept, so a reload still reading
# one never sees it vanish. Every round it also refreshes DEST/.alive, which
# the sidecar's liveness probe checks.
set -euo pipefail

log() { printf '%s pactbot-data-sync: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
usage() { log "usage: $0 --once SRC DEST | --watch SECONDS SRC DEST [--pid PID]"; exit 2; }

MODE=${1:-}
case "$MODE" in
--once) [ $# -eq 3 ] || usage; SRC=$2; DEST=$3; PID= ;;
--watch) [ $# -eq 4 ] || [ $# -eq 6 ] || usage; PERIOD=$2; SRC=$3; DEST=$4
    PID=; if [ $# -eq 6 ]; then [ "$5" = --pid ] || usage; PID=$6; fi
    [[ "$PERIOD" =~ ^[1-9][0-9]*$ ]] || usage ;;
*) usage ;;
esac
PACTBOT=${PACTBOT_BIN:-pactbot}

# The snapshot to copy: the kubelet's current version folder if there is one.
snapshot() {
    if [ -L "$SRC/..data" ]; then
        printf '%s/%s' "$SRC" "$(readlink "$SRC/..data")"
    else
        printf '%s' "$SRC"
    fi
}

# A fingerprint of what SRC holds now (file names and contents).
fingerprint() {
    local dir
    dir=$(snapshot)
    (cd "$dir" && for f in *.json; do [ -f "$f" ] && printf '%s\n' "$f" && cat -- "$f"; done) | cksum
}

# Copies, checks and switches to SRC's current contents. Keeps the old
# version and returns 1 when the copy fails (the kubelet may have swapped the
# folder mid-copy: try again), 2 when the dataset is invalid.
sync_once() {
    local from new name f ok=1 problems old
    from=$(snapshot)
    new="$DEST/v-$(date -u +%Y%m%dT%H%M%S%N)"
    mkdir -p "$new/partners" || return 1
    for f in "$from"/*.json; do
        [ -f "$f" ] || continue
        name=${f##*/}
        case "$name" in
        partners.*.json) cp -- "$f" "$new/partners/${name#partners.}" || ok=0 ;;
        *) cp -- "$f" "$new/$name" || ok=0 ;;
        esac
    done
    if [ "$ok" != 1 ]; then
        log "copying $from failed; keeping the current version"
        rm -rf -- "$new"
        return 1
    fi
    if ! problems=$("$PACTBOT" check-data "$new" 2>&1); then
        log "the new dataset is invalid; keeping the current version. pactbot check-data says:"
        printf '%s\n' "$problems" | head -40 >&2
        rm -rf -- "$new"
        return 2
    fi
    rm -f -- "$DEST/.current.tmp"
    ln -s "${new##*/}" "$DEST/.current.tmp" && mv -T "$DEST/.current.tmp" "$DEST/current" || return 1
    log "dataset ready at $DEST/current -> ${new##*/}"
    # Keep the new version and the two before it (names sort by time).
    for old in "$DEST"/v-*; do
        [ -d "$old" ] && printf '%s\n' "$old"
    done | sort | head -n -3 | while IFS= read -r old; do rm -rf -- "$old"; done
}

pactbot_pid() {
    if [ -n "$PID" ]; then printf '%s' "$PID"; return; fi
    local p found=
    for p in /proc/[0-9]*; do
        if [ "$(cat "$p/comm" 2>/dev/null)" = pactbot ]; then
            [ -z "$found" ] || { log "more than one pactbot process; give --pid"; return 1; }
            found=${p#/proc/}
        fi
    done
    [ -n "$found" ] || { log "no pactbot process found (is shareProcessNamespace on?)"; return 1; }
    printf '%s' "$found"
}

mkdir -p "$DEST"
if [ "$MODE" = --once ]; then
    sync_once
    exit
fi

trap 'log "stopping"; exit 0' TERM INT
last=$(fingerprint)
[ -e "$DEST/current" ] || sync_once || last=none
log "watching $SRC every $PERIOD s"
while true; do
    # The liveness probe checks that this loop still turns.
    : >"$DEST/.alive"
    sleep "$PERIOD" &
    wait $!
    now=$(fingerprint) || continue
    [ "$now" != "$last" ] || continue
    log "the ConfigMap changed"
    rc=0
    sync_once || rc=$?
    case $rc in
    0) if pid=$(pactbot_pid) && kill -HUP "$pid"; then
           log "sent SIGHUP to pactbot (pid $pid)"
       fi
       last=$now ;;
    2) last=$now ;; # refused: wait for the next change
    *) ;;           # the copy failed: try again next round
    esac
done
