"""The physical floor for ``pocmvp-lint check``, run inside a git work tree.

    python benchmarks/floor.py           # list git's index, one set lookup per base name (the minimum)
    python benchmarks/floor.py classify  # one realistic pass: lower-case base name, extension and
                                         # first folder, three dict lookups per path

Interpreter start, one ``git ls-files -z --cached`` and a single pass over the paths: no linter
can list a repository and look at every path for less. It prints counts so the work is not
optimised away.
"""

from __future__ import annotations

import subprocess
import sys

NAMES = frozenset(
    {
        "dockerfile", "project.toml", "chart.yaml", "values.yaml", "package.json", "pyproject.toml",
        "readme.md", "license", "changelog.md", "codeowners", "security.md", "fly.toml", "procfile",
        "docker-compose.yml", "compose.yaml", "uv.lock", "poetry.lock", "requirements.txt",
    }
)  # fmt: skip
EXTENSIONS = {
    "tf": "iac", "yml": "yaml", "yaml": "yaml", "py": "source", "js": "source", "ts": "source",
    "go": "source", "lock": "lockfile",
}  # fmt: skip
FOLDERS = {
    ".github": "ci", ".gitlab": "ci", "charts": "orchestration", "k8s": "orchestration",
    "helm": "orchestration", "terraform": "iac", "docs": "docs",
}  # fmt: skip


def listing() -> list[str]:
    out = subprocess.run(
        ["git", "-c", "core.quotepath=off", "-c", "core.fsmonitor=false", "ls-files", "-z", "--cached"],
        capture_output=True,
        check=True,
    ).stdout
    paths = out.decode("utf-8", "surrogateescape").split("\0")
    paths.pop()
    return paths


def minimum(paths: list[str]) -> str:
    hits = [p for p in paths if p[p.rfind("/") + 1 :] in NAMES]
    return f"{len(paths)} {len(hits)}"


def classify(paths: list[str]) -> str:
    hits: list[str] = []
    by_kind: dict[str, int] = {}
    tests = 0
    for p in paths:
        name = p[p.rfind("/") + 1 :].lower()
        if name in NAMES:
            hits.append(p)
        dot = name.rfind(".")
        kind = EXTENSIONS.get(name[dot + 1 :]) if dot > 0 else None
        if kind is not None:
            by_kind[kind] = by_kind.get(kind, 0) + 1
        if name.startswith("test_"):
            tests += 1
        slash = p.find("/")
        if slash > 0 and p[:slash] in FOLDERS:
            hits.append(p)
    return f"{len(paths)} {len(hits)} {by_kind} {tests}"


if __name__ == "__main__":
    paths = listing()
    print(classify(paths) if sys.argv[1:] == ["classify"] else minimum(paths))
