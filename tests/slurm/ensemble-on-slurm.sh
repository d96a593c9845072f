#!/usr/bin/env bash
# End-to-end check of deploy/slurm on a real one-node Slurm: the tutorial ensemble as a 3-task array plus the
# dependent merge job must give the same bytes as one 'sim mc' process. Needs root (starts slurmctld/slurmd)
# and the Release build of sim (./test.sh builds it first).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# The tests' own cluster, apart from any Slurm configured on this host (see start-local-slurm.sh).
export SLURM_CONF=/var/spool/sim-slurm-test/slurm.conf
"$root/tests/slurm/start-local-slurm.sh"

work=$(mktemp -d /tmp/sim-slurm-XXXXXX)
trap 'rm -rf "$work"' EXIT
export SIM="dotnet $root/engine/Sim.Cli/bin/Release/net10.0/sim.dll"
scenario=$root/scenarios/tutorial/scenario.yaml
$SIM mc "$scenario" --runs 300 --seed 11 --out "$work/single" --quiet >/dev/null

cd "$work"
merge=$("$root/deploy/slurm/submit.sh" 3 "$scenario" 300 11 "$work/out")
merge=${merge%%;*}
for _ in $(seq 1 600); do
  state=$(squeue -h -j "$merge" -o '%T %r' 2>/dev/null || true)
  [ -z "$state" ] && break
  if [[ "$state" == *DependencyNeverSatisfied* ]]; then
    echo "slurm test: a shard task failed, so the merge never ran:" >&2
    cat "$work"/sim-mc-*.log >&2 || true
    exit 1
  fi
  sleep 1
done

for f in runs.parquet timeseries.parquet manifest.json ensemble.json report.md plots/outcomes.png; do
  if ! cmp -s "$work/single/$f" "$work/out/ensemble/$f"; then
    echo "slurm test: $f of the merged Slurm ensemble differs from the single-process one" >&2
    cat "$work"/sim-*.log >&2 || true
    exit 1
  fi
done
echo "slurm test: 3-task array + merge == one process (runs, time series, manifest, report, plots)"
