"""Measure detector precision/recall against the labelled development corpus.

One decision per (repository, category): the category is "present" when ``detect`` emits at least one
signal of it. Usage::

    python benchmarks/corpus_accuracy.py [--corpus PATH] [--json] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from pocmvp_lint.detectors import detect  # noqa: E402
from pocmvp_lint.detectors.signal import CATEGORIES, Signal  # noqa: E402
from pocmvp_lint.inventory import build_inventory  # noqa: E402
from pocmvp_lint.inventory.listing import list_tree  # noqa: E402

#: Files the corpus tooling adds to each skeleton; they are not part of the repositories.
CORPUS_ARTIFACTS = frozenset({".corpus-meta.json"})


def signals_for(folder: Path) -> tuple[tuple[Signal, ...], float]:
    listing = list_tree(folder, use_git=False)
    files = [f for f in listing.files if f not in CORPUS_ARTIFACTS]
    start = time.perf_counter()
    inventory = build_inventory(listing.root, "", files, is_git=False)
    signals = detect(inventory)
    return signals, time.perf_counter() - start


def ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def evaluate(corpus: Path) -> dict[str, Any]:
    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "tn": 0})
    errors: list[dict[str, Any]] = []
    timings: dict[str, float] = {}
    for entry in labels:
        folder = corpus / entry["dir"]
        signals, elapsed = signals_for(folder)
        timings[entry["dir"]] = round(elapsed, 4)
        by_category: dict[str, list[Signal]] = defaultdict(list)
        for sig in signals:
            by_category[sig.category].append(sig)
        for category in CATEGORIES:
            label = entry["signals"].get(category)
            if label is None:
                continue
            expected = bool(label["present"])
            found = bool(by_category.get(category))
            key = {(True, True): "tp", (False, True): "fp", (True, False): "fn", (False, False): "tn"}[
                (expected, found)]
            counts[category][key] += 1
            if key in ("fp", "fn"):
                errors.append({
                    "repo": entry["dir"], "category": category, "kind": key,
                    "evidence": [f"{s.path}:{s.line or ''} {s.detail}" for s in by_category.get(category, [])][:5],
                    "label_evidence": label.get("evidence", []), "note": label.get("note", ""),
                })
    total = {k: sum(c[k] for c in counts.values()) for k in ("tp", "fp", "fn", "tn")}
    per_category = {
        cat: {**c, "precision": ratio(c["tp"], c["tp"] + c["fp"]), "recall": ratio(c["tp"], c["tp"] + c["fn"])}
        for cat, c in sorted(counts.items())
    }
    return {
        "overall": {**total, "precision": ratio(total["tp"], total["tp"] + total["fp"]),
                    "recall": ratio(total["tp"], total["tp"] + total["fn"])},
        "per_category": per_category, "errors": errors, "seconds": timings,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=REPO_ROOT / ".." / "shared" / "corpus")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    parser.add_argument("--verbose", action="store_true", help="list every false positive/negative")
    args = parser.parse_args(argv)
    result = evaluate(args.corpus.resolve())
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{'category':20} {'TP':>3} {'FP':>3} {'FN':>3} {'TN':>3} {'prec':>6} {'recall':>6}")
    for cat, c in result["per_category"].items():
        print(f"{cat:20} {c['tp']:3} {c['fp']:3} {c['fn']:3} {c['tn']:3} {c['precision']:6.3f} {c['recall']:6.3f}")
    o = result["overall"]
    print(f"{'OVERALL (micro)':20} {o['tp']:3} {o['fp']:3} {o['fn']:3} {o['tn']:3} "
          f"{o['precision']:6.3f} {o['recall']:6.3f}")
    if args.verbose:
        for err in result["errors"]:
            print(f"\n[{err['kind'].upper()}] {err['repo']} / {err['category']}")
            for line in err["evidence"]:
                print(f"    found: {line}")
            if err["kind"] == "fn":
                print(f"    label evidence: {err['label_evidence']}")
            if err["note"]:
                print(f"    note: {err['note']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
