#!/usr/bin/env bash
# Peak memory and wall time of 'sim mc' on the Sahel scenario for growing N: runs are streamed to the store as
# they finish and the time-series quantiles are computed in bounded passes, so peak memory should stay flat in N.
#   benchmarks/ensemble-memory.sh [N ...]        (default: 1000 4000 16000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dotnet build "$root/engine/Sim.Cli" -c Release -nologo -v q >/dev/null
sim="$root/engine/Sim.Cli/bin/Release/net10.0/sim.dll"
work=$(mktemp -d /tmp/sim-mc-memory-XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "| runs | wall s | runs/s | peak RSS MB | store MB |"
echo "| --: | --: | --: | --: | --: |"
for n in "${@:-1000 4000 16000}"; do
  for count in $n; do
    /usr/bin/time -f '%e %M' -o "$work/time" dotnet "$sim" mc "$root/scenarios/sahel-2024/scenario.yaml" \
      --runs "$count" --threads 2 --out "$work/e$count" --quiet >/dev/null
    read -r wall rss < "$work/time"
    store=$(du -m "$work/e$count/runs.store" | cut -f1)
    awk -v n="$count" -v w="$wall" -v r="$rss" -v s="$store" 'BEGIN { printf "| %d | %.1f | %.0f | %.0f | %d |\n", n, w, n / w, r / 1024, s }'
  done
done
