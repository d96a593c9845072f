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
dotnet pack engine/Sim.Cli -c Release -nologo -clp:ErrorsOnly -o "$1"
dotnet pack engine/Sim.Cli -c Release -nologo -clp:ErrorsOnly -r "$rid" -o "$1"
