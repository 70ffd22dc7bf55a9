# Shared helpers of pystone.sh and cbench.sh (sourced, not run).
# Measurements: wall time from `date +%s%N` around the command, peak RSS from `/usr/bin/time -v`.

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$bench_dir/../.." && pwd)"

JAVA="${JAVA:-java}"
NODE="${NODE:-node}"
# Node 20's node:wasi can crash at exit once a guest used more than ~32 MiB (../shared/README.md).
NODE_FLAGS=(--no-turbo-fast-api-calls)

log() { echo "[bench] $*" >&2; }
die() { echo "[bench] error: $*" >&2; exit 1; }

require_tools() {
  local t
  for t in "$@"; do
    command -v "$t" >/dev/null 2>&1 || die "'$t' not found; see test-suite/bench/README.md (missing /usr/bin/time: apt-get install time)"
  done
}

# measure OUT ERR CMD... : runs CMD with stdout to OUT and stderr to ERR; sets M_RC, M_WALL_MS, M_RSS_KB.
measure() {
  local out="$1" err="$2"; shift 2
  local tv; tv="$(mktemp)"
  local t0 t1
  t0=$(date +%s%N)
  set +e
  /usr/bin/time -v -o "$tv" "$@" >"$out" 2>"$err" </dev/null
  M_RC=$?
  set -e
  t1=$(date +%s%N)
  M_WALL_MS=$(( (t1 - t0) / 1000000 ))
  M_RSS_KB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tv")
  M_RSS_KB="${M_RSS_KB:-0}"
  # /usr/bin/time reports a guest's non-zero exit as "Command exited with non-zero status N"; M_RC has it.
  rm -f "$tv"
}

# median < numbers (one per line) : prints the median (mean of the two middle values for an even count).
median() {
  sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print ""; exit }
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# column FILE KEY FIELD : values of tab-separated FIELD (1-based) on lines whose first field is KEY.
column() {
  awk -F'\t' -v k="$2" -v f="$3" '$1 == k { print $f }' "$1"
}

# group N : integer with thousands separators (1234567 -> 1,234,567).
group() {
  awk -v n="$1" 'BEGIN { n = sprintf("%.0f", n); s = ""; neg = (n < 0); if (neg) n = -n;
    while (length(n) > 3) { s = "," substr(n, length(n) - 2) s; n = substr(n, 1, length(n) - 3) }
    print (neg ? "-" : "") n s }'
}

# ratio A B : A / B with 2 decimals, or "–" when B is empty or zero.
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "–"; else printf "%.2f\n", a / b }'
}

# seconds MS : milliseconds as seconds with 2 decimals.
seconds() {
  awk -v ms="$1" 'BEGIN { if (ms == "") print "–"; else printf "%.2f\n", ms / 1000 }'
}

# mib KB : kilobytes as MiB, no decimals.
mib() {
  awk -v kb="$1" 'BEGIN { if (kb == "") print "–"; else printf "%.0f\n", kb / 1024 }'
}

# The wasm2jar CLI jar (compiler/target/wasm2jar.jar), built by ./wasm2jar when missing or stale.
wasm2jar_cli() {
  "$repo_root/wasm2jar" --version >/dev/null || die "cannot build the wasm2jar CLI"
  echo "$repo_root/compiler/target/wasm2jar.jar"
}

# Load average when the script started (sourcing lib.sh), reported with the results: the machine is shared.
load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"

# Markdown lines describing the machine and the tools, for the results.
machine_info() {
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1), $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2 / 1048576}' /proc/meminfo)"
  echo "- load average (1/5/15 min) at start: $load_at_start; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- java: $("$JAVA" -version 2>&1 | head -2 | tr '\n' ' ' | sed 's/ *$//')"
  [[ -z "${JAVA2:-}" ]] || echo "- java2: $("$JAVA2" -version 2>&1 | head -2 | tr '\n' ' ' | sed 's/ *$//')"
  echo "- node: $("$NODE" --version 2>/dev/null || echo missing)"
  echo "- wasm2jar: $(git -C "$repo_root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$repo_root" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
}
