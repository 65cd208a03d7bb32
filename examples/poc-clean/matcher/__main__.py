"""Run the experiment on a CSV export: `python -m matcher data/suppliers_sample.csv`."""

from __future__ import annotations

import csv
import sys

from matcher.cluster import clusters


def main(path: str) -> None:
    with open(path, newline="", encoding="utf-8") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    found = clusters(names)
    for group in found:
        print(" | ".join(group))
    print(f"{len(found)} clusters from {len(names)} suppliers")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/suppliers_sample.csv")
