#!/usr/bin/env bash
# The one test command: installs what the tests need on a fresh Debian machine, then builds
# the whole solution (warnings are errors) and runs every test project.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
# Packages the tests use; each line: command-or-file to look for, Debian package.
while read -r probe package; do
  [ -z "$probe" ] && continue
  if ! command -v "$probe" >/dev/null 2>&1 && [ ! -e "$probe" ]; then
    need_apt+=("$package")
  fi
done <<'LIST'
/usr/lib/x86_64-linux-gnu/libglfw.so.3 libglfw3
gcc gcc
/usr/lib/x86_64-linux-gnu/crt1.o libc6-dev
/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so libgl1-mesa-dri
xvfb-run xvfb
xauth xauth
ffmpeg ffmpeg
slurmctld slurm-wlm
munged munge
mount mount
/usr/lib/python3/dist-packages/pandas python3-pandas
/usr/lib/python3/dist-packages/matplotlib python3-matplotlib
Rscript r-base-core
/usr/bin/chromium chromium
node nodejs
npm npm
LIST

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "test.sh: installing ${need_apt[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "test.sh: missing Debian packages: ${need_apt[*]} (run as root, or: sudo apt-get install ${need_apt[*]})" >&2
    exit 1
  fi
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK is missing; install the version in global.json (https://dot.net)" >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Sim.sln -c Release -nologo -clp:ErrorsOnly
# One layout across projects (.editorconfig): whitespace, sorted usings, no unused private members or parameters.
# Fix with: dotnet format whitespace Sim.sln && dotnet format style Sim.sln --diagnostics IDE0051 IDE0052 IDE0060 --severity info
dotnet format whitespace Sim.sln --verify-no-changes
dotnet format style Sim.sln --diagnostics IDE0051 IDE0052 IDE0060 --severity info --verify-no-changes
dotnet test Sim.sln -c Release --no-build -nologo --logger "console;verbosity=minimal"

# sim as a .NET tool (README, Install): pack the CLI, install it from that package into a throwaway tool path, and
# run the installed command, native libraries included (DuckDB for Parquet, SkiaSharp for plots). The package is
# built for this machine's platform and compiled to native code, which the build above is not (deploy/pack.sh).
tool=$(mktemp -d)
deploy/pack.sh "$tool"
dotnet tool install --tool-path "$tool/tools" --add-source "$tool" Sim.Cli >/dev/null
"$tool/tools/sim" --version >/dev/null
"$tool/tools/sim" validate scenarios/tutorial/scenario.yaml >/dev/null
"$tool/tools/sim" run scenarios/tutorial/scenario.yaml --quiet --format parquet -o "$tool/run" >/dev/null
test -s "$tool/run/events.parquet"
"$tool/tools/sim" mc scenarios/tutorial/scenario.yaml --runs 4 --quiet -o "$tool/mc" >/dev/null
test -s "$tool/mc/plots/outcomes.png"
# The native build gives the bytes the build the tests ran on gives: every file of an ensemble of the Sahel scenario
# (tables, report, plots) but the run store, whose order of runs is the order they finished in.
"$tool/tools/sim" mc scenarios/sahel-2024/scenario.yaml --runs 40 --format csv --keep events --quiet -o "$tool/native" >/dev/null
dotnet engine/Sim.Cli/bin/Release/net10.0/sim.dll mc scenarios/sahel-2024/scenario.yaml --runs 40 --format csv --keep events --quiet -o "$tool/jit" >/dev/null
diff -r -x runs.store "$tool/native" "$tool/jit"
# The dashboard of the installed tool (sim serve, its page embedded) in a real browser: Debian's chromium driven
# by playwright-core, whose version tests/browser/package-lock.json pins (it downloads no browser). Screenshots
# at 1280x800 go to tests/browser/artifacts/ (git-ignored).
(cd tests/browser && npm ci --prefer-offline --no-audit --no-fund --loglevel=error && SIM="$tool/tools/sim" node --test serve.test.mjs)
rm -rf "$tool"

# The Python and R examples (examples/) on a few runs: sim mc --keep events, read by Debian's pandas and
# matplotlib, and by base R.
example=$(mktemp -d)
/usr/bin/python3 examples/python/drone_strikes.py --sim "dotnet engine/Sim.Cli/bin/Release/net10.0/sim.dll" --runs 8 --out "$example/python" >/dev/null
test -s "$example/python/drone-strike-civilians.png"
Rscript examples/r/drone_strikes.R 8 "dotnet engine/Sim.Cli/bin/Release/net10.0/sim.dll" "$example/r" >/dev/null
test -s "$example/r/drone-strike-civilians.png"
rm -rf "$example"

# A short fuzz round (the same 2000 inputs every time; longer rounds: docs/reliability.md). It fails on any finding.
findings=$(mktemp -d)
dotnet fuzz/Sim.Fuzz/bin/Release/net10.0/sim-fuzz.dll mutate --seed 1 --inputs 2000 --findings "$findings"
rm -rf "$findings"

# The Slurm deployment, end to end on a real one-node cluster (needs root to start the daemons).
if [ "$(id -u)" -eq 0 ]; then
  tests/slurm/ensemble-on-slurm.sh
else
  echo "test.sh: skipping the Slurm end-to-end test (it starts slurmctld and slurmd, which needs root)" >&2
fi
