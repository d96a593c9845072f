#!/usr/bin/env bash
# Packs the `sim` .NET tool for this machine's platform into DIR: the pointer package Sim.Cli, which
# `dotnet tool install` reads, and the platform's own package (Sim.Cli.linux-x64, say) holding `sim` compiled to native
# code with its native libraries. Native compilation needs a C toolchain on the PATH (clang, or gcc and libc6-dev on
# Debian: docs/install.md).
#   deploy/pack.sh DIR
#   dotnet tool install --tool-path TOOLS --add-source DIR Sim.Cli
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: deploy/pack.sh DIR" >&2; exit 2; }
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rid=$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')
[ -n "$rid" ] || { echo "pack.sh: 'dotnet --info' names no RID for this machine" >&2; exit 1; }
# The x64 tool is compiled for x86-64-v3 (AVX2, BMI, FMA: Sim.Cli.csproj); a CPU without those could not start it, so on
# one the package is compiled for the x86-64-v2 baseline instead.
target=()
if [ "$rid" = linux-x64 ] && [ -r /proc/cpuinfo ]; then
  flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
  for flag in avx avx2 bmi1 bmi2 fma f16c movbe; do
    if [[ "$flags" != *" $flag "* ]]; then
      echo "pack.sh: this CPU lacks $flag (x86-64-v3); compiling the tool for x86-64-v2" >&2
      target=(-p:IlcInstructionSet=x86-64-v2)
      break
    fi
  done
fi
dotnet pack engine/Sim.Cli -c Release -nologo -clp:ErrorsOnly -o "$1"
dotnet pack engine/Sim.Cli -c Release -nologo -clp:ErrorsOnly -r "$rid" "${target[@]}" -o "$1"
