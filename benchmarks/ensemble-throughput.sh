#!/usr/bin/env bash
# 'sim mc' of the Sahel scenario end to end, as a user runs it: the CLI packed and installed as a .NET tool the way
# deploy/install.sh does, timed from process start to the last file written (tables, report and plots included).
# Prints a markdown table: median wall time, runs/s, CPU time (user + system) and the 1-minute load average
# around each measurement, for 'sim --version', a 1-run ensemble and ensembles of 100, 2,000 and 20,000 runs;
# then the fixed cost and the marginal rate fitted from the 100- and 2,000-run medians.
#   benchmarks/ensemble-throughput.sh                   # packs and installs this checkout's CLI into a temporary tool path
#   SIM=/path/to/sim benchmarks/ensemble-throughput.sh  # times an installed sim instead (to compare builds)
#   REPS=5 SIZES="100 2000" benchmarks/ensemble-throughput.sh
# Rounds are interleaved (every size once per round), so a change of machine load hits every size alike. Other work
# on the machine shows in the load column: wall times are only comparable at similar load; CPU time much less so.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
reps=${REPS:-3}
sizes=${SIZES:-100 2000 20000}
scenario="$root/scenarios/sahel-2024/scenario.yaml"
work=$(mktemp -d /tmp/sim-mc-throughput-XXXXXX)
trap 'rm -rf "$work"' EXIT

sim=${SIM:-}
if [ -z "$sim" ]; then
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  # As deploy/install.sh: the platform package is built and compiled to native code by the pack itself.
  "$root/deploy/pack.sh" "$work/package" >/dev/null
  dotnet tool install --tool-path "$work/tools" --add-source "$work/package" Sim.Cli >/dev/null
  sim="$work/tools/sim"
fi

load() { cut -d' ' -f1 /proc/loadavg; }

# measure NAME CMD...: one timed run, appended to $work/NAME as "wall cpu load-before load-after".
measure() {
  local name=$1; shift
  local before; before=$(load)
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  read -r wall user system < <(tail -n 1 "$work/time")
  echo "$wall $(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }') $before $(load)" >> "$work/$name"
}

# Warm the file cache (the tool's assemblies and native libraries) so the first round is not the only cold one.
"$sim" --version >/dev/null
"$sim" mc "$scenario" --runs 1 --out "$work/warm" --force --quiet >/dev/null

for round in $(seq "$reps"); do
  measure version "$sim" --version
  measure runs1 "$sim" mc "$scenario" --runs 1 --out "$work/out" --force --quiet
  for n in $sizes; do
    measure "runs$n" "$sim" mc "$scenario" --runs "$n" --out "$work/out" --force --quiet
  done
done

echo "sim: $("$sim" --version) ($sim); $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)); $reps rounds, medians"
echo
echo "| command | wall s | runs/s | CPU s | load 1-min (min-max) |"
echo "| --- | --: | --: | --: | --: |"
# Median of column $2 of file $1.
median() { cut -d' ' -f"$2" "$1" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { cut -d' ' -f3,4 "$1" | tr ' ' '\n' | sort -g | sed -n '1p;$p' | paste -sd- ; }
row() {
  local label=$1 name=$2 n=$3
  local wall cpu
  wall=$(median "$work/$name" 1)
  cpu=$(median "$work/$name" 2)
  awk -v l="$label" -v w="$wall" -v c="$cpu" -v n="$n" -v r="$(range "$work/$name")" \
    'BEGIN { printf "| %s | %.2f | %s | %.2f | %s |\n", l, w, (n > 0 ? sprintf("%.0f", n / w) : ""), c, r }'
}
row "sim --version" version 0
row "sim mc --runs 1" runs1 0
for n in $sizes; do
  row "sim mc --runs $n" "runs$n" "$n"
done

if [ -f "$work/runs100" ] && [ -f "$work/runs2000" ]; then
  w100=$(median "$work/runs100" 1); w2000=$(median "$work/runs2000" 1)
  c100=$(median "$work/runs100" 2); c2000=$(median "$work/runs2000" 2)
  echo
  awk -v a="$w100" -v b="$w2000" -v c="$c100" -v d="$c2000" 'BEGIN {
    m = (b - a) / 1900; k = (d - c) / 1900
    printf "Fit through 100 and 2,000 runs: fixed cost %.2f s wall (%.2f s CPU); marginal %.0f runs/s wall (%.2f ms CPU a run).\n", a - 100 * m, c - 100 * k, 1 / m, 1000 * k }'
fi
