#!/usr/bin/env bash
# Puts `sim` on the PATH as a .NET tool: packs the CLI from this checkout and installs it for the current user
# (~/.dotnet/tools; add that folder to PATH if the SDK has not). Run again to update to the checkout's version.
#   deploy/install.sh                    # global tool, for this user
#   deploy/install.sh --tool-path DIR    # into DIR instead (DIR/sim)
# Needs the .NET SDK of global.json and a C toolchain (deploy/pack.sh). Uninstall: dotnet tool uninstall --global Sim.Cli
set -euo pipefail
cd "$(dirname "$0")/.."

where=(--global)
if [ "${1:-}" = "--tool-path" ]; then
  [ -n "${2:-}" ] || { echo "install.sh: --tool-path needs a folder" >&2; exit 2; }
  where=(--tool-path "$2")
elif [ $# -gt 0 ]; then
  echo "usage: deploy/install.sh [--tool-path DIR]" >&2
  exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
package=$(mktemp -d)
trap 'rm -rf "$package"' EXIT
deploy/pack.sh "$package"
# The version changes only with Directory.Build.props, so an install of the same version is replaced, not kept.
dotnet tool uninstall "${where[@]}" Sim.Cli >/dev/null 2>&1 || true
dotnet tool install "${where[@]}" --add-source "$package" Sim.Cli
