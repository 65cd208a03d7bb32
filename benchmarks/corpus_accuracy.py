"""Measure detector precision/recall against the labelled development corpus.

One decision per (repository, category): the category is "present" when ``detect`` emits at least one
signal of it. Then the verdicts: each repository is checked as its kind's stage (``poc-*`` as ``poc``,
the rest as ``mvp``, a what-if in folder mode), and an error- or warning-level "missing X" finding on a
production application whose label says X is present counts as a false alarm. Usage::

    python benchmarks/corpus_accuracy.py [--corpus PATH] [--json] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from pocmvp_lint.detectors import detect  # noqa: E402
from pocmvp_lint.detectors.signal import CATEGORIES, Signal  # noqa: E402
from pocmvp_lint.inventory import build_inventory  # noqa: E402
from pocmvp_lint.inventory.listing import list_tree  # noqa: E402
from pocmvp_lint.model import Category  # noqa: E402

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


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


#: Readiness and security findings, by code, and the label categories whose presence contradicts them.
CONTRADICTED_BY: dict[str, tuple[str, ...]] = {
    "MVP001": ("tests",),
    "MVP003": ("ci",),
    "MVP004": ("ci-tests",),
    "MVP005": ("container", "orchestration", "iac", "paas", "ci-deploy"),
    "MVP006": ("readme",),
    "MVP007": ("lockfile",),
    "MVP008": ("observability",),
    "MVP009": ("health-check",),
    "MVP010": ("security-policy",),
    "MVP011": ("dependency-updates",),
    "MVP013": ("changelog", "release"),
    "MVP014": ("codeowners",),
}
BLOCKING = ("error", "warning")


def check_folder(folder: Path, stage: str) -> dict[str, Any]:
    """``pocmvp-lint check --no-git --stage STAGE --format json`` on one folder (a what-if)."""
    cmd = [sys.executable, "-m", "pocmvp_lint", "check", "--no-git", "--stage", stage, "--format", "json", str(folder)]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO_ROOT, check=False)
    try:
        project: dict[str, Any] = json.loads(done.stdout)["projects"][0]
    except (ValueError, KeyError, IndexError):
        return {"verdict": "error", "findings": [], "stderr": done.stderr[-500:]}
    return project


def false_alarm(finding: dict[str, Any], labels: dict[str, Any]) -> bool:
    """An error/warning finding the repository's labels contradict."""
    if finding["severity"] not in BLOCKING:
        return False
    if finding["code"] == "SEC001":
        return not labels.get("secrets", {}).get("present", False)
    cats = CONTRADICTED_BY.get(finding["code"], ())
    return any(labels.get(c, {}).get("present", False) for c in cats)


def verdicts(corpus: Path, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Stage verdicts per kind, and the false alarms on production applications."""

    def run(entry: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        stage = "poc" if entry["kind"].startswith("poc") else "mvp"
        return entry, check_folder(corpus / entry["dir"], stage)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(run, entries))
    rows: list[dict[str, Any]] = []
    alarms: list[dict[str, Any]] = []
    for entry, project in results:
        blocking = [f for f in project["findings"] if f["severity"] in BLOCKING]
        expected = {"poc-clean": "clean", "poc-drifted": "drifting", "production": "ready"}.get(entry["kind"])
        rows.append(
            {
                "repo": entry["dir"],
                "kind": entry["kind"],
                "verdict": project["verdict"],
                "expected": expected,
                "findings": [f"{f['code']}:{f['severity'][0]}" for f in blocking],
            }
        )
        if entry["kind"] == "production":
            alarms += [
                {"repo": entry["dir"], "code": f["code"], "message": f["message"][:160]}
                for f in blocking
                if false_alarm(f, entry["signals"])
            ]
    pocs = [r for r in rows if r["kind"].startswith("poc")]
    return {
        "rows": rows,
        "false_alarms": alarms,
        "poc_agreement": ratio(sum(r["verdict"] == r["expected"] for r in pocs), len(pocs)),
    }


#: Categories the labels do not tell apart from another one.
LABELLED_AS: dict[str, str] = {
    Category.CI_DEPLOY_MANUAL: Category.CI_DEPLOY,
    # The labels count a wired test step whose failure is ignored.
    Category.CI_TESTS_NONBLOCKING: Category.CI_TESTS,
    # The labels count dev/CI-only credentials (with a note), not fixture keys.
    Category.SECRETS_DEV_ONLY: Category.SECRETS,
    # The labels count dev-only Dockerfiles and compose files (with a note).
    Category.CONTAINER_DEV: Category.CONTAINER,
    Category.ORCHESTRATION_DEV: Category.ORCHESTRATION,
}


def evaluate(corpus: Path, *, with_verdicts: bool = True) -> dict[str, Any]:
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
            # The labels count a deploy job started by hand as a deploy job.
            by_category[LABELLED_AS.get(sig.category, sig.category)].append(sig)
        for category in CATEGORIES:
            label = entry["signals"].get(category)
            if label is None:
                continue
            expected = bool(label["present"])
            found = bool(by_category.get(category))
            key = {(True, True): "tp", (False, True): "fp", (True, False): "fn", (False, False): "tn"}[
                (expected, found)
            ]
            counts[category][key] += 1
            if key in ("fp", "fn"):
                errors.append(
                    {
                        "repo": entry["dir"],
                        "category": category,
                        "kind": key,
                        "evidence": [f"{s.path}:{s.line or ''} {s.detail}" for s in by_category.get(category, [])][:5],
                        "label_evidence": label.get("evidence", []),
                        "note": label.get("note", ""),
                    }
                )
    total = {k: sum(c[k] for c in counts.values()) for k in ("tp", "fp", "fn", "tn")}
    per_category = {cat: _scores(c) for cat, c in sorted(counts.items())}
    result = {"overall": _scores(total), "per_category": per_category, "errors": errors, "seconds": timings}
    if with_verdicts:
        result["verdicts"] = verdicts(corpus, labels)
    return result


def _scores(c: dict[str, int]) -> dict[str, Any]:
    precision, recall = ratio(c["tp"], c["tp"] + c["fp"]), ratio(c["tp"], c["tp"] + c["fn"])
    return {**c, "precision": precision, "recall": recall, "f1": f1(precision, recall)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=REPO_ROOT / ".." / "shared" / "corpus")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    parser.add_argument("--verbose", action="store_true", help="list every false positive/negative")
    parser.add_argument("--signals-only", action="store_true", help="skip the stage verdicts")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    result = evaluate(args.corpus.resolve(), with_verdicts=not args.signals_only)
    result["total_seconds"] = round(time.perf_counter() - start, 1)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{'category':20} {'TP':>3} {'FP':>3} {'FN':>3} {'TN':>3} {'prec':>6} {'recall':>6} {'F1':>6}")
    for cat, c in result["per_category"].items():
        print(
            f"{cat:20} {c['tp']:3} {c['fp']:3} {c['fn']:3} {c['tn']:3} {c['precision']:6.3f} "
            f"{c['recall']:6.3f} {c['f1']:6.3f}"
        )
    o = result["overall"]
    print(
        f"{'OVERALL (micro)':20} {o['tp']:3} {o['fp']:3} {o['fn']:3} {o['tn']:3} "
        f"{o['precision']:6.3f} {o['recall']:6.3f} {o['f1']:6.3f}"
    )
    if "verdicts" in result:
        _print_verdicts(result["verdicts"])
    if args.verbose:
        for err in result["errors"]:
            print(f"\n[{err['kind'].upper()}] {err['repo']} / {err['category']}")
            for line in err["evidence"]:
                print(f"    found: {line}")
            if err["kind"] == "fn":
                print(f"    label evidence: {err['label_evidence']}")
            if err["note"]:
                print(f"    note: {err['note']}")
    print(f"\n{summary(result)}")
    return 0


def summary(result: dict[str, Any]) -> str:
    """One line with the figures that matter: printed last, so a log's last line tells them."""
    o = result["overall"]
    worst = min(result["per_category"].items(), key=lambda item: item[1]["f1"])
    parts = [
        f"precision {o['precision']:.3f}, recall {o['recall']:.3f}, F1 {o['f1']:.3f}",
        f"lowest category F1 {worst[0]} {worst[1]['f1']:.3f}",
    ]
    if "verdicts" in result:
        v = result["verdicts"]
        parts += [
            f"POC verdicts matching the kind {v['poc_agreement']:.0%}",
            f"error/warning false alarms on production applications {len(v['false_alarms'])}",
        ]
    return "corpus: " + "; ".join(parts) + f"; {result['total_seconds']} s in all"


def _print_verdicts(v: dict[str, Any]) -> None:
    print(f"\n{'repository':40} {'kind':13} {'verdict':10} error/warning findings")
    for row in sorted(v["rows"], key=lambda r: (r["kind"], r["repo"])):
        mark = "" if row["expected"] in (None, row["verdict"]) else " (!)"
        print(f"{row['repo'][:40]:40} {row['kind']:13} {row['verdict'] + mark:10} {' '.join(row['findings'])}")
    kinds: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in v["rows"]:
        kinds[row["kind"]][row["verdict"]] += 1
    print(
        "\nverdicts per kind: "
        + "; ".join(
            f"{k}: " + ", ".join(f"{n} {verdict}" for verdict, n in sorted(c.items())) for k, c in sorted(kinds.items())
        )
    )
    print(f"POC verdicts matching the kind: {v['poc_agreement']:.0%}")
    print(f"false alarms (error/warning) on production applications: {len(v['false_alarms'])}")
    for alarm in v["false_alarms"]:
        print(f"    {alarm['repo']}: {alarm['code']} {alarm['message']}")


if __name__ == "__main__":
    raise SystemExit(main())
