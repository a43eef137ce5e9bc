#!/usr/bin/env bash
# Fuzzes pactbot with AFL++ through afl.rs, on the stable toolchain.
#
#   fuzz/run.sh [MINUTES] [TARGET...]
#
# Runs each target (default: command interaction resolver) for MINUTES
# (default 10), one after another, then prints executions, paths, crashes and
# hangs per target and the files of any crash. Exits 1 if a crash was found.
# Installs cargo-afl (and, through it, AFL++) when it is missing.
#
# Output goes to fuzz/artifacts/<target>/ (ignored by git); a later run
# resumes from it. Reproduce a crash with:
#   fuzz/target/release/<target> < fuzz/artifacts/<target>/default/crashes/id:...
set -euo pipefail
cd "$(dirname "$0")"

minutes="${1:-10}"
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(command interaction resolver)
case "$minutes" in
  '' | *[!0-9]*) echo "minutes must be a whole number, not '$minutes'" >&2; exit 2 ;;
esac

if ! command -v cargo-afl >/dev/null 2>&1; then
  echo "== installing cargo-afl (builds AFL++ too; a few minutes)"
  cargo install cargo-afl --locked
fi
# The AFL++ runtime is built per rustc version; cargo-afl builds it at install,
# and again here after a toolchain update ("already built" is fine).
cargo afl config --build >/dev/null 2>&1 || true

echo "== building the targets (instrumented, release with debug assertions)"
cargo afl build --release

# This machine has no CPU-frequency control and a core_pattern AFL cannot
# read crashes from a pipe with; neither matters for finding bugs. Others
# share the cores, so don't pin to one.
export AFL_SKIP_CPUFREQ=1
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_NO_AFFINITY=1
export AFL_AUTORESUME=1
export AFL_NO_UI=1

stat() { grep -E "^$1 " "$2" | sed 's/.*: //'; }

found=0
summary=()
for t in "${targets[@]}"; do
  [ -d "corpus/$t" ] || { echo "no target '$t' (no corpus/$t)" >&2; exit 2; }
  out="artifacts/$t"
  mkdir -p "$out"
  echo "== fuzzing $t for $minutes minute(s) -> fuzz/$out"
  cargo afl fuzz -i "corpus/$t" -o "$out" -x "dict/$t.dict" -t 2000 \
    -V "$((minutes * 60))" "target/release/$t" >"$out/afl.log" 2>&1 || {
    echo "afl-fuzz failed for $t; the end of fuzz/$out/afl.log:" >&2
    tail -20 "$out/afl.log" >&2
    exit 1
  }
  stats="$out/default/fuzzer_stats"
  crashes=$(find "$out/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
  hangs=$(find "$out/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
  summary+=("$(printf '%-12s %5ss %12s execs %8s/s %6s paths %3s crashes %3s hangs' \
    "$t" "$(stat run_time "$stats")" "$(stat execs_done "$stats")" \
    "$(stat execs_per_sec "$stats")" "$(stat corpus_count "$stats")" "$crashes" "$hangs")")
  if [ "$crashes" -gt 0 ]; then
    found=1
    echo "!! $t: $crashes crash(es):"
    find "$out/default/crashes" -type f -name 'id:*' | sed 's/^/   fuzz\//'
  fi
done

echo
echo "== summary (AFL counts are cumulative over runs that resumed fuzz/artifacts/<target>)"
printf '%s\n' "${summary[@]}"
exit "$found"
