"""Install a fake distribution into a temporary site folder: what pip leaves behind, without pip."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def install(site: Path, name: str, files: Mapping[str, str]) -> Path:
    """Write ``files`` (paths below ``site``) and a ``NAME-1.0.dist-info`` that records them.

    Returns ``site``; put it on ``sys.path`` (or ``PYTHONPATH``) to make the distribution installed.
    """
    site.mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    info = site / f"{name.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    tops = sorted({rel.split("/")[0] for rel in files if "/" in rel})
    (info / "top_level.txt").write_text("".join(t + "\n" for t in tops), encoding="utf-8")
    record = [f"{rel},," for rel in files] + [f"{info.name}/{n},," for n in ("METADATA", "RECORD", "top_level.txt")]
    (info / "RECORD").write_text("\n".join(record) + "\n", encoding="utf-8")
    return site
