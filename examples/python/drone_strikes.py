#!/usr/bin/env python3
"""Civilians killed by drone strikes per month, across an ensemble, with and without the PMC.

The analyst's loop on the Sahel 2024 scenario: run an ensemble that keeps every run's events, load them with
pandas, count civilians killed by drone strikes per run and month, plot the spread across runs, and compare
a variant (no Wagner/Africa Corps: --set pmc_presence=0). Needs pandas and matplotlib (Debian:
python3-pandas python3-matplotlib) and the sim command line.

    python3 examples/python/drone_strikes.py --runs 200
    python3 examples/python/drone_strikes.py --sim "dotnet engine/Sim.Cli/bin/Release/net10.0/sim.dll" --runs 20
"""

import argparse
import json
import math
import shlex
import subprocess
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display needed
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "scenarios" / "sahel-2024" / "scenario.yaml"


def run_ensemble(sim, folder, runs, threads, overrides):
    """sim mc with --keep events: events.csv beside the ensemble, one row per event of every run."""
    command = [*sim, "mc", str(SCENARIO), "--runs", str(runs), "--seed", "1", "--threads", str(threads),
               "--keep", "events", "--format", "csv", "--out", str(folder), "--force", "--quiet"]
    for o in overrides:
        command += ["--set", o]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def drone_deaths_per_month(folder):
    """A table of runs x months: civilians killed by drone strikes in that run and month."""
    info = json.loads((folder / "ensemble.json").read_text())
    start = pd.Timestamp(info["start"])
    end = start + pd.Timedelta(days=info["ticks"] * info["days_per_tick"] - 1)
    runs, months = range(info["runs"]), pd.period_range(start, end, freq="M")

    # The three lines: codes and seeds stay text (CAMEO "050" is not 50), then one row per run, one column per month.
    events = pd.read_csv(folder / "events.csv", dtype={"cameo": str, "seed_text": str}, parse_dates=["date"])
    strikes = events[events.action == "drone_strike"].assign(month=lambda e: e.date.dt.to_period("M"))
    per_month = strikes.pivot_table(index="run", columns="month", values="civilian_fatalities", aggfunc="sum", fill_value=0)

    # Runs and months without a single drone strike count as zero, not as missing.
    return per_month.reindex(index=runs, columns=months, fill_value=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sim", default="sim", help='the sim command (default: sim; e.g. "dotnet path/to/sim.dll")')
    parser.add_argument("--runs", type=int, default=200, help="runs per variant")
    parser.add_argument("--threads", type=int, default=2, help="runs at once")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "example-python", help="folder for ensembles and the plot")
    args = parser.parse_args()
    sim = shlex.split(args.sim)

    variants = {"with the PMC (as of July 2024)": [], "without the PMC (pmc_presence=0)": ["pmc_presence=0"]}
    tables = {}
    for i, (label, overrides) in enumerate(variants.items()):
        folder = args.out / f"variant{i}"
        run_ensemble(sim, folder, args.runs, args.threads, overrides)
        tables[label] = drone_deaths_per_month(folder)

    fig, ax = plt.subplots(figsize=(9, 4.5))
    for label, per_month in tables.items():
        x = per_month.columns.to_timestamp()
        ax.plot(x, per_month.mean(), marker="o", label=f"{label}: mean")
        ax.fill_between(x, per_month.quantile(0.05), per_month.quantile(0.95), alpha=0.2, label=f"{label}: 5-95% of runs")
    ax.set_title(f"Sahel 2024: civilians killed by drone strikes per month ({args.runs} runs each)")
    ax.set_ylabel("civilians killed per month")
    ax.legend(fontsize=8)
    fig.tight_layout()
    png = args.out / "drone-strike-civilians.png"
    fig.savefig(png, dpi=100)

    # Run i has the same seed in both ensembles (it depends on the master seed and i alone), so the difference
    # is paired run by run: common random numbers make it far tighter than comparing two means.
    (base_label, base), (alt_label, alt) = tables.items()
    diff = alt.sum(axis=1) - base.sum(axis=1)
    half = 1.96 * diff.std(ddof=1) / math.sqrt(len(diff)) if len(diff) > 1 else float("nan")
    print("civilians killed by drone strikes over the year, mean per run:")
    for label, per_month in tables.items():
        print(f"  {label:36} {per_month.sum(axis=1).mean():8.1f}")
    print(f"  paired difference (without - with)   {diff.mean():8.1f}  95% interval [{diff.mean() - half:.1f}, {diff.mean() + half:.1f}]")
    print(f"wrote {png}")


if __name__ == "__main__":
    main()
