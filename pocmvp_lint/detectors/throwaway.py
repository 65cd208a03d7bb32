"""``throwaway``: folders named for disposable work (poc, prototype, scratch, ...) holding source files."""

from __future__ import annotations

from collections.abc import Iterator

from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.detectors.sources import source_stats
from pocmvp_lint.inventory import Inventory

#: Folder names that announce disposable code.
THROWAWAY_NAMES = frozenset({
    "poc", "pocs", "proof-of-concept", "proof_of_concept", "prototype", "prototypes", "scratch", "scratchpad",
    "playground", "playgrounds", "sandbox", "spike", "spikes", "experiment", "experiments", "experimental",
    "tmp", "temp", "throwaway", "hack", "hacks", "wip",
})


def detect_throwaway(inv: Inventory) -> Iterator[Signal]:
    stats = source_stats(inv)
    folders: dict[str, int] = {}
    for path in stats.source_files + stats.test_files:
        if "/" not in path:
            continue
        parent = path.rsplit("/", 1)[0]
        folders[parent] = folders.get(parent, 0) + 1
    reported: dict[str, int] = {}
    for folder, count in folders.items():
        parts = folder.split("/")
        for index, part in enumerate(parts):
            if part.lower() in THROWAWAY_NAMES:
                top = "/".join(parts[: index + 1])
                reported[top] = reported.get(top, 0) + count
                break
    for folder in sorted(reported):
        count = reported[folder]
        yield Signal("throwaway", folder, None, f"throwaway folder '{folder}' holds {count} source file(s)")
