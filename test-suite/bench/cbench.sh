#!/usr/bin/env bash
# CPU-heavy C kernels (test-suite/bench/c/*.c) as WASI modules on wasm2jar (java -jar) and node, and built
# natively with gcc -O2; a markdown table of the kernels' own elapsed times.
#
#   test-suite/bench/cbench.sh            # full: 5 runs per program and engine
#   QUICK=1 test-suite/bench/cbench.sh    # quick: 3 runs
#
# Each program times its kernel itself (clock_gettime(CLOCK_MONOTONIC)) and prints a checksum; the script
# fails a run whose checksum differs from the native one. The committed .wasm files are used as they are
# (c/build.sh rebuilds them). Environment (defaults in brackets):
#   RUNS [5; QUICK: 3]   runs per program and engine; the table shows the median
#   SCALE [1]            work multiplier passed to every program (1..1000)
#   PROGRAMS ["interp fnptr int64 memory"]
#   ENGINES ["native node node-no-liftoff wasm2jar"]
#   CC [gcc], JAVA [java], NODE [node]
#   BENCH_WORK [test-suite/target/bench/cbench]   scratch folder (deleted first)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ "${QUICK:-0}" == 1 ]]; then RUNS="${RUNS:-3}"; else RUNS="${RUNS:-5}"; fi
SCALE="${SCALE:-1}"
PROGRAMS="${PROGRAMS:-interp fnptr int64 memory}"
ENGINES="${ENGINES:-native node node-no-liftoff wasm2jar}"
CC="${CC:-gcc}"
work="${BENCH_WORK:-$repo_root/test-suite/target/bench/cbench}"
src="$bench_dir/c"
run_node="$repo_root/test-suite/workloads/python/run-node.mjs"

require_tools /usr/bin/time "$JAVA" awk sort
for e in $ENGINES; do
  case "$e" in
    native) require_tools "$CC" ;;
    node|node-no-liftoff) require_tools "$NODE" ;;
    wasm2jar) ;;
    *) die "unknown engine '$e' in ENGINES" ;;
  esac
done

describe() {
  case "$1" in
    interp) echo "register VM, switch dispatch loop" ;;
    fnptr) echo "calls through function-pointer tables" ;;
    int64) echo "64-bit mul/rem (Miller-Rabin), splitmix64, popcnt/clz" ;;
    memory) echo "sieve, transpose, random histogram, pointer chase (76 MiB)" ;;
    *) echo "" ;;
  esac
}

label_of() {
  case "$1" in
    native) echo "native ($CC -O2)" ;;
    node) echo "node" ;;
    node-no-liftoff) echo "node --no-liftoff" ;;
    wasm2jar) echo "wasm2jar" ;;
  esac
}

# command_of ENGINE PROGRAM : the command line running PROGRAM (from the work folder).
command_of() {
  case "$1" in
    native) echo "./$2-native" "$SCALE" ;;
    node) echo "$NODE" "${NODE_FLAGS[@]}" "$run_node" "$2.wasm" "$SCALE" ;;
    node-no-liftoff) echo "$NODE" "${NODE_FLAGS[@]}" --no-liftoff "$run_node" "$2.wasm" "$SCALE" ;;
    wasm2jar) echo "$JAVA" -jar "$2.jar" "$SCALE" ;;
  esac
}
[[ "$work$run_node" != *" "* ]] || die "paths with spaces are not supported: $work"

# --- prepare: native builds and jars --------------------------------------------------------------------------
log "work folder $work"
rm -rf "$work"
mkdir -p "$work"
cd "$work"
cli=""
[[ " $ENGINES " == *" wasm2jar "* ]] && cli="$(wasm2jar_cli)"
compile_tsv="$work/compile.tsv"   # program, compile wall ms, jar bytes
: >"$compile_tsv"
for p in $PROGRAMS; do
  [[ -f "$src/$p.c" && -f "$src/$p.wasm" ]] || die "no $src/$p.c or $p.wasm (run c/build.sh)"
  cp "$src/$p.wasm" .
  if [[ " $ENGINES " == *" native "* ]]; then
    "$CC" -O2 -o "$p-native" "$src/$p.c" || die "$CC failed on $p.c"
  fi
  if [[ -n "$cli" ]]; then
    log "compiling $p.wasm with wasm2jar"
    measure compile.out compile.err "$JAVA" -jar "$cli" "$p.wasm" -o "$p.jar"
    [[ $M_RC == 0 ]] || { cat compile.err >&2; die "wasm2jar failed on $p.wasm"; }
    printf '%s\t%s\t%s\n' "$p" "$M_WALL_MS" "$(stat -c %s "$p.jar")" >>"$compile_tsv"
  fi
done

# --- runs ----------------------------------------------------------------------------------------------------------
runs_tsv="$work/runs.tsv"   # program/engine, run, kernel ms, wall ms, peak RSS kB, checksum
: >"$runs_tsv"
declare -A reference_checksum
failures=0
for ((run = 1; run <= RUNS; run++)); do
  for p in $PROGRAMS; do
    for e in $ENGINES; do
      log "run $run/$RUNS: $p on $e"
      measure out.txt err.txt $(command_of "$e" "$p")
      sum=$(sed -n 's/^checksum //p' out.txt)
      ms=$(sed -n 's/^kernel_ms //p' out.txt)
      if [[ $M_RC != 0 || -z "$sum" || -z "$ms" ]]; then
        log "  failed (exit $M_RC): $(head -c 500 err.txt)"
        failures=$((failures + 1))
        continue
      fi
      # The first engine to finish a program sets the checksum every other run must reproduce.
      if [[ -z "${reference_checksum[$p]:-}" ]]; then reference_checksum[$p]="$sum"; fi
      if [[ "$sum" != "${reference_checksum[$p]}" ]]; then
        log "  WRONG checksum $sum (expected ${reference_checksum[$p]})"
        failures=$((failures + 1))
        continue
      fi
      log "  kernel $ms ms, wall $(seconds "$M_WALL_MS") s"
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$p/$e" "$run" "$ms" "$M_WALL_MS" "$M_RSS_KB" "$sum" >>"$runs_tsv"
    done
  done
done

# --- tables --------------------------------------------------------------------------------------------------------
med() { column "$runs_tsv" "$1/$2" "$3" | median; }
ms_cell() {
  local v; v=$(med "$1" "$2" 3)
  if [[ -z "$v" ]]; then echo "failed"; else awk -v v="$v" 'BEGIN { printf "%.0f\n", v }'; fi
}
{
  echo "### C kernels (WASI): kernel time in ms, median of $RUNS runs"
  echo
  echo "Each program times its own kernel (no start-up); checksums agreed on every engine unless a cell says"
  echo "failed. \"wasm2jar speed\" is the other engine's time divided by wasm2jar's (above 1 = wasm2jar faster);"
  echo "V8 best is the faster of the two node columns for that program."
  echo
  header="| program | kernel |"; rule="|---|---|"
  for e in $ENGINES; do header+=" $(label_of "$e") |"; rule+="---:|"; done
  if [[ " $ENGINES " == *" wasm2jar "* ]]; then
    header+=" wasm2jar speed × native | wasm2jar speed × V8 best |"; rule+="---:|---:|"
  fi
  echo "$header"; echo "$rule"
  for p in $PROGRAMS; do
    line="| \`$p\` | $(describe "$p") |"
    for e in $ENGINES; do line+=" $(ms_cell "$p" "$e") |"; done
    if [[ " $ENGINES " == *" wasm2jar "* ]]; then
      w=$(med "$p" wasm2jar 3)
      v8=""
      for e in node node-no-liftoff; do
        [[ " $ENGINES " == *" $e "* ]] || continue
        t=$(med "$p" "$e" 3)
        if [[ -n "$t" ]] && { [[ -z "$v8" ]] || awk -v a="$t" -v b="$v8" 'BEGIN { exit !(a < b) }'; }; then v8="$t"; fi
      done
      line+=" $(ratio "$(med "$p" native 3)" "$w") | $(ratio "$v8" "$w") |"
    fi
    echo "$line"
  done
  echo
  echo "Whole process (start-up included), median wall s / peak RSS MiB:"
  echo
  header="| program |"; rule="|---|"
  for e in $ENGINES; do header+=" $(label_of "$e") |"; rule+="---:|"; done
  echo "$header"; echo "$rule"
  for p in $PROGRAMS; do
    line="| \`$p\` |"
    for e in $ENGINES; do
      wall=$(med "$p" "$e" 4)
      if [[ -z "$wall" ]]; then line+=" failed |"; else line+=" $(seconds "$wall") / $(mib "$(med "$p" "$e" 5)") |"; fi
    done
    echo "$line"
  done
  if [[ -s "$compile_tsv" ]]; then
    echo
    echo "| program | wasm2jar compile wall s | jar bytes |"
    echo "|---|---:|---:|"
    while IFS=$'\t' read -r p ms bytes; do
      echo "| \`$p\` | $(seconds "$ms") | $(group "$bytes") |"
    done <"$compile_tsv"
  fi
  echo
  echo "- scale: $SCALE; checksums: $(for p in $PROGRAMS; do printf '%s=%s ' "$p" "${reference_checksum[$p]:-none}"; done)"
  echo "- native compiler: $("$CC" --version | head -1)"
  machine_info
} | tee "$work/cbench.md"
log "raw runs: $runs_tsv; table: $work/cbench.md"
if [[ $failures != 0 ]]; then
  die "$failures run(s) failed or gave a wrong checksum"
fi
