#!/usr/bin/env bash
# Times the ABM frameworks comparison's MASON models beside benchmarks/Sim.Abm on this machine,
# in interleaved rounds (MASON, Sim, MASON, Sim, ... per model and size), and writes the medians,
# Sim/MASON and the estimated Sim/Agents.jl (through MASON's published ratio) to a Markdown report.
#
# Usage: benchmarks/abm-side-by-side.sh [COMPARISON_DIR] [ROUNDS] [REPORT]
#   COMPARISON_DIR  a checkout of https://github.com/JuliaDynamics/ABMFrameworksComparison (MIT licence):
#                   git clone https://github.com/JuliaDynamics/ABMFrameworksComparison
#                   Default: $ABM_COMPARISON, else the bare mirror at
#                   /work/.mirror/JuliaDynamics+ABMFrameworksComparison/repo (exported with git archive).
#   ROUNDS          interleaved rounds, default 3.
#   REPORT          default benchmarks/results/abm-side-by-side.md.
# Environment: RUNS (default 100, the comparison's count), MODELS (e.g. "Flocking Schelling"; default all),
#   MASON_SLOW_RUNS (default 20: runs, after 3 warm-up runs and 1 s, of MASON's wolf-sheep large, which takes
#   about 2 s of CPU a run here, so 110 runs a round would take hours on a shared machine),
#   SIM_DLL (time another build of Sim.Abm.dll instead of building this checkout's), NICE (e.g. "nice -n 10", applied to both tools alike).
#
# Timing, the same for both tools: after at least 10 warm-up runs and 1 s in the same process, RUNS runs with
# seeds from one seeded stream, each timed in CPU time of the running thread (Linux clock_gettime
# CLOCK_THREAD_CPUTIME_ID: .NET through benchmarks/Sim.Abm --cpu, Java through ThreadMXBean in
# benchmarks/abm-side-by-side/MasonRunner.java); the median per process. Sim's run builds the model (creation
# included, as Agents.jl and Ark.jl are timed); MASON's is reported for its steps only (from after start() to the
# last step, what the comparison's MASON JobTime covers, so the published MASON/Agents.jl ratio applies) and whole.
# The MASON code is not part of this repository: it is exported to a temporary folder and compiled there.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
source_dir="${1:-${ABM_COMPARISON:-/work/.mirror/JuliaDynamics+ABMFrameworksComparison/repo}}"
rounds="${2:-3}"
report="${3:-$root/benchmarks/results/abm-side-by-side.md}"
runs="${RUNS:-100}"
nice_cmd=(${NICE:-})

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -f "$source_dir/mason.22.jar" ]; then
  cp -r "$source_dir/." "$work/"
elif git -C "$source_dir" rev-parse --git-dir >/dev/null 2>&1; then
  git -C "$source_dir" archive HEAD | tar -x -C "$work"
  commit="$(git -C "$source_dir" rev-parse HEAD)"
else
  echo "No comparison repository at $source_dir. Get it with:" >&2
  echo "  git clone https://github.com/JuliaDynamics/ABMFrameworksComparison" >&2
  echo "and pass its folder as the first argument." >&2
  exit 1
fi
commit="${commit:-$(git -C "$source_dir" rev-parse HEAD 2>/dev/null || echo unknown)}"

mkdir -p "$work/classes"
javac -nowarn -d "$work/classes" -cp "$work/mason.22.jar" \
  "$work"/Schelling/Mason/*.java "$work"/WolfSheep/Mason/*.java "$work"/Flocking/Mason/*.java \
  "$root/benchmarks/abm-side-by-side/MasonRunner.java" 2>/dev/null
dotnet build "$root/benchmarks/Sim.Abm" -c Release -v q -nologo >/dev/null
# A copy, so a rebuild of the worktree during the rounds does not change what is timed.
cp -r "$root/benchmarks/Sim.Abm/bin/Release/net10.0" "$work/sim"
sim_dll="${SIM_DLL:-$work/sim/Sim.Abm.dll}"

# model size MASON-class steps
cases=(
  "Schelling small Schelling_small 20"
  "Schelling large Schelling_large 20"
  "WolfSheep small Wsg_small 100"
  "WolfSheep large Wsg_large 100"
  "Flocking small Flocking_small 100"
  "Flocking large Flocking_large 100"
)

raw="$work/raw.txt"
: >"$raw"
for round in $(seq 1 "$rounds"); do
  for c in "${cases[@]}"; do
    read -r model size class steps <<<"$c"
    if [ -n "${MODELS:-}" ] && [[ " $MODELS " != *" $model "* ]]; then continue; fi
    load="$(cut -d' ' -f1 /proc/loadavg)"
    mason_runs="$runs"; warmups=10
    if [ "$class" = Wsg_large ]; then mason_runs="${MASON_SLOW_RUNS:-20}"; warmups=3; fi
    line="$("${nice_cmd[@]}" java -cp "$work/mason.22.jar:$work/classes" MasonRunner "$class" "$steps" "$mason_runs" "$warmups")"
    echo "round=$round tool=MASON model=$model size=$size load=$load $line" | tee -a "$raw"
    load="$(cut -d' ' -f1 /proc/loadavg)"
    line="$("${nice_cmd[@]}" dotnet "$sim_dll" --cpu --runs "$runs" --model "$model" --size "$size")"
    echo "round=$round tool=Sim model=$model size=$size load=$load $line" | tee -a "$raw"
  done
done

python3 - "$raw" "$report" "$rounds" "$runs" "$commit" "${NICE:-none}" <<'PY'
import re, statistics, sys, datetime, platform, os
raw, report, rounds, runs, commit, nice = sys.argv[1:]
rows = [dict(re.findall(r'(\w+)=(\S+)', l)) for l in open(raw) if l.strip()]
# Published time ratios to Agents.jl 6.2.10 (= 1), README.md "Latest results" of
# JuliaDynamics/ABMFrameworksComparison (MIT licence), the snapshot named below.
mason_pub = {('Schelling','small'):1.19, ('Schelling','large'):1.51, ('WolfSheep','small'):5.29,
             ('WolfSheep','large'):7.8, ('Flocking','small'):1.42, ('Flocking','large'):0.61}
ark_pub = {('Schelling','small'):0.61, ('Schelling','large'):0.59, ('WolfSheep','small'):0.34,
           ('WolfSheep','large'):0.14, ('Flocking','small'):0.73, ('Flocking','large'):0.36}
def med(tool, m, s, key):
    return statistics.median(float(r[key]) for r in rows if r['tool']==tool and r['model']==m and r['size']==s)
def per_round(tool, m, s, key):
    return ', '.join('%.3g' % float(r[key]) for r in rows if r['tool']==tool and r['model']==m and r['size']==s)
loads = [float(r['load']) for r in rows]
out = []
out.append('# Standard models side by side with MASON, and through it with Agents.jl and Ark.jl\n')
out.append('Command: `benchmarks/abm-side-by-side.sh` (comparison snapshot %s; %s rounds, %s runs per process; nice: %s).' % (commit[:12], rounds, runs, nice))
out.append('Date %s UTC, %s, %d cores shared with other builds: 1-minute load average %.1f to %.1f at the start of each process.\n' % (
    datetime.datetime.utcnow().strftime('%Y-%m-%d %H:%M'), platform.machine(), os.cpu_count(), min(loads), max(loads)))
out.append('Each figure is the median over the rounds of each process\'s median of %s runs (MASON wolf-sheep large: of the runs its line shows, after 3 warm-up runs), in CPU time of the running thread (ms).' % runs)
out.append('Sim: whole run, model built. MASON: its steps only (as the comparison\'s JobTime) and whole run (built and started).')
out.append('Sim/Agents.jl is estimated as Sim / MASON (steps) here x MASON / Agents.jl published; Ark.jl is its published ratio.\n')
out.append('| model | size | Sim ms | MASON steps ms | MASON whole ms | Sim / MASON (steps) | MASON / Agents.jl (published) | Sim / Agents.jl (est.) | Ark.jl / Agents.jl (published) | Sim at or below Ark.jl |')
out.append('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |')
present = [k for k in mason_pub if any(r['model']==k[0] and r['size']==k[1] for r in rows)]
for m, s in present:
    sim = med('Sim', m, s, 'whole_cpu_ms'); ms = med('MASON', m, s, 'steps_cpu_ms'); mw = med('MASON', m, s, 'whole_cpu_ms')
    ratio = sim / ms; est = ratio * mason_pub[(m, s)]
    out.append('| %s | %s | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f | %.2f | %s |' % (
        m, s, sim, ms, mw, ratio, mason_pub[(m, s)], est, ark_pub[(m, s)], 'yes' if est <= ark_pub[(m, s)] else 'no (%.2fx)' % (est / ark_pub[(m, s)])))
out.append('\nPer round (Sim CPU ms; MASON steps CPU ms; Sim wall ms; MASON steps wall ms; process CPU ms per run, all threads, Sim / MASON):\n')
out.append('| model | size | Sim CPU | MASON steps CPU | Sim wall | MASON steps wall | process CPU per run, Sim | process CPU per run, MASON |')
out.append('| --- | --- | --- | --- | --- | --- | --- | --- |')
for m, s in present:
    out.append('| %s | %s | %s | %s | %s | %s | %s | %s |' % (m, s, per_round('Sim', m, s, 'whole_cpu_ms'), per_round('MASON', m, s, 'steps_cpu_ms'),
        per_round('Sim', m, s, 'whole_wall_ms'), per_round('MASON', m, s, 'steps_wall_ms'),
        per_round('Sim', m, s, 'process_cpu_ms_per_run'), per_round('MASON', m, s, 'process_cpu_ms_per_run')))
out.append('\nRaw lines:\n\n```')
out += [l.rstrip() for l in open(raw)]
out.append('```')
open(report, 'w').write('\n'.join(out) + '\n')
print('\n'.join(out[:20]))
PY
