#!/usr/bin/env bash
# Submits an ensemble as a Slurm array of K shards and a merge job that runs when all shards succeeded.
#
#   deploy/slurm/submit.sh K SCENARIO RUNS SEED OUT [more 'sim mc' options]
#
# Prints the merge job's id; the merged ensemble lands in OUT/ensemble.
set -euo pipefail
if [ $# -lt 5 ]; then
  echo "usage: $0 SHARDS SCENARIO RUNS SEED OUT [sim mc options]" >&2
  exit 2
fi
shards=$1 out=$5
here=$(cd "$(dirname "$0")" && pwd)
shift
array=$(sbatch --parsable --array="0-$((shards - 1))" "$here/ensemble.sbatch" "$@")
# The glob is expanded when the merge job runs, after every shard folder exists.
sbatch --parsable --job-name=sim-merge --dependency="afterok:${array%%;*}" --output="sim-merge-%j.log" \
  --wrap "${SIM:-sim} merge '$out'/shard-* --out '$out/ensemble'"
