#!/usr/bin/env bash
# Compares what sim writes at another commit with what it writes from this tree, file by file:
#   tests/bytes/same-bytes.sh REV
# Both are built with one version stamp (the engine version and the ensemble fingerprint embed the commit),
# then run on the Sahel scenario (one run, a 200-run ensemble, map frames), on the tutorial (a sharded sweep and
# its merge, a comparison) and validate every scenario file. Prints each
# file that differs and exits 1 if any does. runs.store is left out: it holds runs in the order they finished.
set -euo pipefail
rev=${1:?usage: tests/bytes/same-bytes.sh REV}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git -C "$root" worktree add -q --detach "$work/base" "$rev"

outputs() { # TREE OUT
  local tree=$1 out=$2
  dotnet build "$tree/engine/Sim.Cli" -c Release -nologo -clp:ErrorsOnly -p:SourceRevisionId=same-bytes >/dev/null
  local sim="dotnet $tree/engine/Sim.Cli/bin/Release/net10.0/sim.dll"
  mkdir -p "$out"
  (cd "$root" && $sim run scenarios/sahel-2024/scenario.yaml --seed 3 --out "$out/run" --quiet >/dev/null)
  (cd "$root" && $sim mc scenarios/sahel-2024/scenario.yaml --runs 200 --out "$out/mc" --quiet >/dev/null)
  (cd "$root" && $sim mc scenarios/tutorial/scenario.yaml --runs 20 --sweep backing=0:1:2 --shard 0/2 --out "$out/shard0" --quiet >/dev/null)
  (cd "$root" && $sim mc scenarios/tutorial/scenario.yaml --runs 20 --sweep backing=0:1:2 --shard 1/2 --out "$out/shard1" --quiet >/dev/null)
  (cd "$root" && $sim merge "$out/shard0" "$out/shard1" --out "$out/merged" >/dev/null)
  (cd "$root" && $sim compare scenarios/tutorial/scenario.yaml scenarios/tutorial/scenario.yaml,backing=1 --runs 50 --out "$out/compare" --quiet >/dev/null)
  (cd "$root" && $sim render scenarios/sahel-2024/scenario.yaml --seed 7 --ticks 30 --png "$out/frames" --every 10 >/dev/null 2>&1)
  find "$out" -name runs.store -delete
  (cd "$root" && find scenarios tests -name '*.yaml' -path '*scenario*' -not -path '*/bin/*' -not -path '*/obj/*' | sort) | while read -r f; do
    (cd "$root" && $sim validate "$f" >"$out/validate-${f//\//_}.txt" 2>&1 || true)
  done
}

outputs "$work/base" "$work/a"
outputs "$root" "$work/b"
if diff -rq "$work/a" "$work/b"; then
  echo "same bytes as $rev"
else
  exit 1
fi
