#!/usr/bin/env bash
# Wall time of a full 'sim calibrate' on the Mali 2023 hindcast: about 20,000 simulated runs of 181 days (the
# calibration window January-June 2023), 500 particles a generation, three parameters, then 200 predictive runs,
# process start to the last file written. The target is 2 minutes on 2 cores.
#   benchmarks/calibration.sh [BUDGET]      (default: 20000 simulations)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
budget=${1:-20000}
dotnet build "$root/engine/Sim.Cli" -c Release -nologo -v q >/dev/null
sim="$root/engine/Sim.Cli/bin/Release/net10.0/sim.dll"
work=$(mktemp -d /tmp/sim-calibration-XXXXXX)
trap 'rm -rf "$work"' EXIT
/usr/bin/time -f '%e %M' -o "$work/time" dotnet "$sim" calibrate "$root/scenarios/mali-2023/scenario.yaml" \
  --observed "$root/data/ucdp/ucdp_ged_sahel_extract.csv" --window 2023-01:2023-06 \
  --vary battle_chance --vary attrition_noise --vary civilian_violence \
  --particles 500 --generations 30 --min-acceptance 0.001 --budget "$budget" --predictive 200 --seed 1 --threads 2 \
  --out "$work/cal" --quiet > "$work/out.txt"
read -r wall rss < "$work/time"
sims=$(sed -n 's/^[0-9]* generations, \([0-9]*\) simulations.*/\1/p' "$work/out.txt")
echo "| simulations | wall s | simulations/s | peak RSS MB | load average after |"
echo "| --: | --: | --: | --: | --- |"
awk -v n="$sims" -v w="$wall" -v r="$rss" -v l="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN { printf "| %d | %.1f | %.0f | %.0f | %s |\n", n, w, n / w, r / 1024, l }'
head -1 "$work/out.txt"
