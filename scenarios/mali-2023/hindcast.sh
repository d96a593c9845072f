#!/usr/bin/env bash
# The Mali 2023 hindcast: calibrate on GED's first half of 2023, run the posterior over the year, score the second half.
# Usage: scenarios/mali-2023/hindcast.sh [OUT_DIR] (default out/mali-2023). Run from the repository root, after
# `dotnet build Sim.sln -c Release`. About two minutes on two shared cores.
set -euo pipefail
out=${1:-out/mali-2023}
sim=${SIM:-engine/Sim.Cli/bin/Release/net10.0/sim}
scenario=scenarios/mali-2023/scenario.yaml
ged=data/ucdp/ucdp_ged_sahel_extract.csv
fit=2023-01:2023-06      # calibration window: the only months the parameters see
held=2023-07:2023-12     # scored window, held out
mkdir -p "$out"

# 1. ABC-SMC on the calibration window (runs last from the start, 1 Jan 2023, to its end).
"$sim" calibrate "$scenario" --observed "$ged" --window "$fit" \
  --vary battle_chance --vary attrition_noise --vary civilian_violence \
  --particles 200 --generations 6 --predictive 200 --seed 1 --format csv --out "$out/calibration" --force

# 2. The posterior forward over the whole year: each run draws its parameters from the weighted sample.
"$sim" mc "$scenario" --posterior "$out/calibration/posterior.csv" --runs 500 --seed 1 \
  --out "$out/posterior" --force --quiet

# 3. The held-out months, against climatology and persistence built from the calibration window only,
#    then from the twelve months before the scored window (2022-07:2023-06).
"$sim" score "$out/posterior" --observed "$ged" --scenario "$scenario" --outcomes scenarios/mali-2023/outcomes.csv \
  --window "$held" --training "$fit" --seed 1 --out "$out/score" --quiet
"$sim" score "$out/posterior" --observed "$ged" --scenario "$scenario" --outcomes scenarios/mali-2023/outcomes.csv \
  --window "$held" --training 2022-07:2023-06 --seed 1 --out "$out/score-12m" --quiet
echo "wrote $out/calibration/report.md, $out/score/score.md, $out/score-12m/score.md"
