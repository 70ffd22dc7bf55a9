#!/usr/bin/env bash
# pystone on CPython 3.11 (test-suite/workloads/python) on every engine, in one run, and a markdown table.
#
#   test-suite/bench/pystone.sh              # full: 5 runs per engine
#   QUICK=1 test-suite/bench/pystone.sh      # quick: 3 runs, fewer loops
#
# Engines: native python3, node (default tiers and --no-liftoff), Chicory 1.7.5 (compiler, interpreter),
# wasm2jar's python.jar under `java -jar`. Also measured: wasm2jar's compile time of python.wasm, the jar's
# size, start-up (`-c pass`) and peak RSS. The table goes to stdout and to $BENCH_WORK/pystone.md; progress
# goes to stderr. Environment (defaults in brackets):
#   RUNS [5; QUICK: 3]               runs per engine; the table shows the median
#   LOOPS [200000; QUICK: 50000]     pystone loops for native, node and wasm2jar
#   W2J_LOOPS [LOOPS]                loops for wasm2jar alone
#   CHICORY_COMPILER_LOOPS [20000; QUICK: 5000], CHICORY_INTERPRETER_LOOPS [1000; QUICK: 300]
#   COMPILE_RUNS [3; QUICK: 1]       wasm2jar compilations of python.wasm timed
#   ENGINES ["native node node-no-liftoff chicory-compiler chicory-interpreter wasm2jar"]
#   PYTHON [python3], JAVA [java], NODE [node]
#   JAVA2 [unset]                    a second JDK's java (e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java): adds
#                                    the engines wasm2jar-java2 and, on Java 24+, wasm2jar-java2-unsafe (run
#                                    with --sun-misc-unsafe-memory-access=allow; see README "Java versions")
#   BENCH_WORK [test-suite/target/bench/pystone]   scratch folder (a copy of the workload; deleted first)
# pystones/s does not depend on the loop count, but fewer loops weigh JIT warm-up more, so the table
# shows the loop count of each engine. The default of 200,000 loops (1-3 s on the fast engines) measures
# code after warm-up on every engine; at 50,000 loops HotSpot still spends a large share of the run
# interpreting and compiling (QUICK mode shows it).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ "${QUICK:-0}" == 1 ]]; then
  RUNS="${RUNS:-3}"; LOOPS="${LOOPS:-50000}"; COMPILE_RUNS="${COMPILE_RUNS:-1}"
  CHICORY_COMPILER_LOOPS="${CHICORY_COMPILER_LOOPS:-5000}"; CHICORY_INTERPRETER_LOOPS="${CHICORY_INTERPRETER_LOOPS:-300}"
else
  RUNS="${RUNS:-5}"; LOOPS="${LOOPS:-200000}"; COMPILE_RUNS="${COMPILE_RUNS:-3}"
  CHICORY_COMPILER_LOOPS="${CHICORY_COMPILER_LOOPS:-20000}"; CHICORY_INTERPRETER_LOOPS="${CHICORY_INTERPRETER_LOOPS:-1000}"
fi
W2J_LOOPS="${W2J_LOOPS:-$LOOPS}"
JAVA2="${JAVA2:-}"
java2_release=""   # its feature release, e.g. 25
default_engines="native node node-no-liftoff chicory-compiler chicory-interpreter wasm2jar"
if [[ -n "$JAVA2" ]]; then
  java2_release="$("$JAVA2" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')"
  default_engines+=" wasm2jar-java2"
  if (( java2_release >= 24 )); then
    default_engines+=" wasm2jar-java2-unsafe"
  fi
fi
ENGINES="${ENGINES:-$default_engines}"
PYTHON="${PYTHON:-python3}"
work="${BENCH_WORK:-$repo_root/test-suite/target/bench/pystone}"
workload="$repo_root/test-suite/workloads/python"
chicory_pom="$bench_dir/chicory/pom.xml"
chicory_jar="$bench_dir/chicory/target/chicory-bench.jar"
guest_env=(--env PYTHONHOME=/ --env PYTHONDONTWRITEBYTECODE=1)

require_tools /usr/bin/time "$JAVA" awk sort
for e in $ENGINES; do
  case "$e" in
    native) require_tools "$PYTHON" ;;
    node|node-no-liftoff) require_tools "$NODE" ;;
    chicory-compiler|chicory-interpreter) require_tools mvn ;;
    wasm2jar) ;;
    wasm2jar-java2|wasm2jar-java2-unsafe) [[ -n "$JAVA2" ]] || die "engine $e needs JAVA2"; require_tools "$JAVA2" ;;
    *) die "unknown engine '$e' in ENGINES" ;;
  esac
done

loops_of() {
  case "$1" in
    chicory-compiler) echo "$CHICORY_COMPILER_LOOPS" ;;
    chicory-interpreter) echo "$CHICORY_INTERPRETER_LOOPS" ;;
    wasm2jar*) echo "$W2J_LOOPS" ;;
    *) echo "$LOOPS" ;;
  esac
}

label_of() {
  case "$1" in
    native) echo "native CPython ($("$PYTHON" --version 2>&1))" ;;
    node) echo "node $("$NODE" --version) (V8, default tiers)" ;;
    node-no-liftoff) echo "node $("$NODE" --version) --no-liftoff (V8 TurboFan only)" ;;
    chicory-compiler) echo "Chicory 1.7.5 compiler" ;;
    chicory-interpreter) echo "Chicory 1.7.5 interpreter" ;;
    wasm2jar) echo "wasm2jar python.jar (java -jar)" ;;
    wasm2jar-java2) echo "wasm2jar python.jar on Java $java2_release" ;;
    wasm2jar-java2-unsafe) echo "wasm2jar python.jar on Java $java2_release, --sun-misc-unsafe-memory-access=allow" ;;
  esac
}

# command_of ENGINE ARGS... : the command line running python with ARGS (in the workload copy, which is /).
command_of() {
  local engine="$1"; shift
  case "$engine" in
    native) echo "$PYTHON" "$@" ;;
    node) echo "$NODE" "${NODE_FLAGS[@]}" run-node.mjs python.wasm "$@" ;;
    node-no-liftoff) echo "$NODE" "${NODE_FLAGS[@]}" --no-liftoff run-node.mjs python.wasm "$@" ;;
    chicory-compiler) echo "$JAVA" -jar "$chicory_jar" --engine compiler --dir .::/ "${guest_env[@]}" python.wasm "$@" ;;
    chicory-interpreter) echo "$JAVA" -jar "$chicory_jar" --engine interpreter --dir .::/ "${guest_env[@]}" python.wasm "$@" ;;
    wasm2jar) echo "$JAVA" -jar python.jar "$@" ;;
    wasm2jar-java2) echo "$JAVA2" -jar python.jar "$@" ;;
    wasm2jar-java2-unsafe) echo "$JAVA2" --sun-misc-unsafe-memory-access=allow -jar python.jar "$@" ;;
  esac
}
# Arguments here never contain spaces (the chicory jar path aside, which is checked), so word splitting of
# command_of's output is safe.
[[ "$chicory_jar$work" != *" "* ]] || die "paths with spaces are not supported: $work"

# --- prepare ------------------------------------------------------------------------------------------------
log "workload copy in $work"
rm -rf "$work"
mkdir -p "$work"
cp -r "$workload/." "$work/"
cd "$work"
runs_tsv="$work/runs.tsv"   # engine, run, pystones/s, wall ms, peak RSS kB
: >"$runs_tsv"

if [[ " $ENGINES " == *" chicory-"* ]]; then
  log "building the Chicory runner ($chicory_pom)"
  mvn -B -q -o -f "$chicory_pom" package -DskipTests >/dev/null 2>&1 \
    || mvn -B -q -f "$chicory_pom" package -DskipTests >/dev/null \
    || die "cannot build $chicory_pom"
fi

cli="$(wasm2jar_cli)"
compile_cmd=("$JAVA" -jar "$cli" python.wasm -o python.jar --dir .::/ "${guest_env[@]}" --verbose)
compile_ms=(); compile_rss=()
for ((i = 1; i <= COMPILE_RUNS; i++)); do
  log "compile $i/$COMPILE_RUNS: wasm2jar python.wasm -o python.jar"
  rm -f python.jar
  measure compile.out compile.err "${compile_cmd[@]}"
  [[ $M_RC == 0 ]] || { cat compile.err >&2; die "wasm2jar failed to compile python.wasm"; }
  compile_ms+=("$M_WALL_MS"); compile_rss+=("$M_RSS_KB")
done
jar_bytes=$(stat -c %s python.jar)
largest_method=$(sed -n 's/^largest method:[[:space:]]*//p' compile.out)
split_functions=$(sed -n 's/^split functions:[[:space:]]*//p' compile.out)
classes=$(sed -n 's/^classes:[[:space:]]*//p' compile.out)

# --- start-up: python -c pass ----------------------------------------------------------------------------------
startup_engines=""
for e in $ENGINES; do
  # Chicory compiles the whole module at start-up (about 20 s); its start-up shows in the wall column below.
  case "$e" in chicory-*) ;; *) startup_engines+=" $e" ;; esac
done
startup_tsv="$work/startup.tsv"
: >"$startup_tsv"
for ((run = 1; run <= RUNS; run++)); do
  for e in $startup_engines; do
    log "start-up run $run/$RUNS: $e -c pass"
    measure startup.out startup.err $(command_of "$e" -c pass)
    if [[ $M_RC != 0 ]]; then
      log "  $e -c pass failed (exit $M_RC): $(head -c 500 startup.err)"
      continue
    fi
    printf '%s\t%s\t%s\t%s\n' "$e" "$run" "$M_WALL_MS" "$M_RSS_KB" >>"$startup_tsv"
  done
done

# --- pystone -----------------------------------------------------------------------------------------------------
# Engines take turns within each round so that a noisy period of the machine does not hit one engine only.
pystone_line='^This machine benchmarks at ([0-9.e+]+) pystones/second$'
for ((run = 1; run <= RUNS; run++)); do
  for e in $ENGINES; do
    loops=$(loops_of "$e")
    log "pystone run $run/$RUNS: $e, $loops loops"
    measure pystone.out pystone.err $(command_of "$e" pystone.py "$loops")
    if [[ $M_RC != 0 ]] || ! grep -q "^Pystone(1.1) time for $loops passes = " pystone.out; then
      log "  $e failed (exit $M_RC): $(head -c 500 pystone.err)"
      cp pystone.err "failed-$e-$run.err"
      continue
    fi
    rate=$(sed -nE "s#$pystone_line#\\1#p" pystone.out)
    log "  $rate pystones/s, wall $(seconds "$M_WALL_MS") s, peak RSS $(mib "$M_RSS_KB") MiB"
    printf '%s\t%s\t%s\t%s\t%s\n' "$e" "$run" "$rate" "$M_WALL_MS" "$M_RSS_KB" >>"$runs_tsv"
  done
done

# --- table ---------------------------------------------------------------------------------------------------------
med_rate() { column "$runs_tsv" "$1" 3 | median; }
w2j_rate=$(med_rate wasm2jar)
v8_best=""
for e in node node-no-liftoff; do
  r=$(med_rate "$e")
  if [[ -n "$r" ]] && { [[ -z "$v8_best" ]] || awk -v a="$r" -v b="$v8_best" 'BEGIN { exit !(a > b) }'; }; then v8_best="$r"; fi
done

{
  echo "### pystone: CPython 3.11 \`pystone.py\`"
  echo
  echo "Median of $RUNS runs per engine (engines take turns). \"× wasm2jar\" and \"× V8 best\" divide the engine's"
  echo "pystones/s by wasm2jar's and by the faster of the two node rows (above 1 = faster). Wall time and peak"
  echo "RSS are of the whole process (start-up included)."
  echo
  echo "| engine | loops | pystones/s (median) | min – max | × wasm2jar | × V8 best | wall s | peak RSS MiB |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for e in $ENGINES; do
    n=$(column "$runs_tsv" "$e" 3 | wc -l)
    if [[ $n == 0 ]]; then
      echo "| $(label_of "$e") | $(loops_of "$e") | failed | | | | | |"
      continue
    fi
    r=$(med_rate "$e")
    lo=$(column "$runs_tsv" "$e" 3 | sort -g | head -1)
    hi=$(column "$runs_tsv" "$e" 3 | sort -g | tail -1)
    note=""; [[ $n != "$RUNS" ]] && note=" ($n of $RUNS runs ok)"
    echo "| $(label_of "$e")$note | $(group "$(loops_of "$e")") | **$(group "$r")** | $(group "$lo") – $(group "$hi") |" \
         "$(ratio "$r" "$w2j_rate") | $(ratio "$r" "$v8_best") | $(seconds "$(column "$runs_tsv" "$e" 4 | median)") |" \
         "$(mib "$(column "$runs_tsv" "$e" 5 | median)") |"
  done
  echo
  echo "### wasm2jar: compiling python.wasm, and start-up"
  echo
  echo "| measure | value |"
  echo "|---|---:|"
  echo "| compile \`wasm2jar python.wasm -o python.jar\` (wall, median of $COMPILE_RUNS) | $(seconds "$(printf '%s\n' "${compile_ms[@]}" | median)") s |"
  echo "| compile peak RSS | $(mib "$(printf '%s\n' "${compile_rss[@]}" | median)") MiB |"
  echo "| python.jar size | $(group "$jar_bytes") bytes |"
  echo "| classes in the module / split functions | ${classes:-?} / ${split_functions:-?} |"
  echo "| largest method | ${largest_method:-?} |"
  echo
  echo "Start-up: \`-c pass\`, median of $RUNS runs."
  echo
  echo "| engine | wall s | peak RSS MiB |"
  echo "|---|---:|---:|"
  for e in $startup_engines; do
    if [[ -z "$(column "$startup_tsv" "$e" 3)" ]]; then
      echo "| $(label_of "$e") | failed | |"
    else
      echo "| $(label_of "$e") | $(seconds "$(column "$startup_tsv" "$e" 3 | median)") | $(mib "$(column "$startup_tsv" "$e" 4 | median)") |"
    fi
  done
  echo
  machine_info
} | tee "$work/pystone.md"
log "raw runs: $runs_tsv, $startup_tsv; table: $work/pystone.md"
