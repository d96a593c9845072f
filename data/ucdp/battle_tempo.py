#!/usr/bin/env python3
"""The estimate behind the engine's `battle_chance` (docs/model.md, Fighting).

For every dyad, admin1 unit and year of UCDP GED 2012-2019 in Mali, Burkina Faso and Niger with at least one
state-based or non-state event with a death, the share of the year's days with such an event (by `date_start`).
Usage: python3 data/ucdp/battle_tempo.py [data/ucdp/ucdp_ged_sahel_extract.csv]
"""
import csv
import statistics
import sys
from collections import defaultdict


def main(path):
    days = defaultdict(set)
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            year = int(row["year"])
            if 2012 <= year <= 2019 and row["type_of_violence"] in ("1", "2") and int(row["best"]) > 0:
                days[(row["dyad_new_id"], row["adm_1"], year)].add(row["date_start"][:10])
    shares = sorted(len(d) / 365 for d in days.values())
    n = len(shares)
    print(f"dyad-admin1-years with an event: {n}")
    print(f"share of days: mean {statistics.mean(shares):.4f}, median {statistics.median(shares):.4f}, "
          f"90th percentile {shares[int(0.9 * n)]:.4f}, smallest {shares[0]:.4f}, largest {shares[-1]:.4f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/ucdp/ucdp_ged_sahel_extract.csv")
