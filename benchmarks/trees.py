"""Synthetic git repositories for the benchmarks, built with ``git fast-import`` in seconds.

    python benchmarks/trees.py service  OUT N        # a service repository of N tracked files, stage "poc"
    python benchmarks/trees.py monorepo OUT N [P]    # P projects (default 100) under services/svcNNN/
    python benchmarks/trees.py history  OUT COMMITS  # a ~1,000-file service grown over COMMITS commits

``service``: sources with tests beside them, docs, assets, CI with a test and a deploy job, a
Dockerfile, a Helm chart and ``project.toml`` (stage ``poc``) in one commit, plus one STAGED new
file (``src/app/new_feature.py``) so ``check --staged`` has a change at hand. Bulk files share a
handful of blobs. Up to 200,000 files the work tree is checked out in full; above that only the
non-bulk files are, and the others are marked skip-worktree, as a sparse checkout leaves them (the
index still lists every path, which is what ``git ls-files`` and the linter read).

``monorepo``: the same service shape in each of P projects (stages alternate mvp/poc), shared CI
at the root, N files in all, and one staged new file in ``services/svc001``.

``history``: Docker arrives at 25% of the commits, the deploy workflow at 40%, the Helm chart at
60% and the stage changes from poc to mvp at 80%; every commit edits a source file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO

#: Above this many files only the non-bulk files are written to the work tree.
FULL_CHECKOUT_LIMIT = 200_000
#: Commit time of the single-commit trees (deterministic output).
EPOCH = 1_760_000_000
STAGED_FILE = "src/app/new_feature.py"

#: Build with a clean git configuration: no system or user settings change the trees.
GIT_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Dev",
    "GIT_AUTHOR_EMAIL": "dev@example.com",
    "GIT_COMMITTER_NAME": "Dev",
    "GIT_COMMITTER_EMAIL": "dev@example.com",
}

# ---- contents ------------------------------------------------------------------------------

SOURCE = b"def f():\n    return 1\n"
TEST = b"from app import f\n\n\ndef test_f():\n    assert f() == 1\n"
DOC = b"# Page\n\nSome documentation text.\n"
ICON = b'<svg xmlns="http://www.w3.org/2000/svg"/>\n'
SHARED_BLOBS: Mapping[str, bytes] = {"source": SOURCE, "test": TEST, "doc": DOC, "icon": ICON}

CI_WORKFLOW = b"""name: ci
on:
  push:
    branches: [main]
  pull_request:
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install -e .[test]
      - run: pytest -q
"""
DEPLOY_WORKFLOW = b"""name: deploy
on:
  push:
    branches: [main]
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: production
    steps:
      - uses: actions/checkout@v4
      - uses: docker/login-action@v3
        with:
          registry: ghcr.io
          username: ${{ github.actor }}
          password: ${{ secrets.GITHUB_TOKEN }}
      - uses: docker/build-push-action@v5
        with:
          push: true
          tags: ghcr.io/acme/app:${{ github.sha }}
      - run: helm upgrade --install app charts/app --set image.tag=${{ github.sha }}
"""
DOCKERFILE = b"""FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
"""
CHART = b'apiVersion: v2\nname: app\nversion: 0.1.0\nappVersion: "0.1.0"\n'
VALUES = b"replicaCount: 2\nimage:\n  repository: ghcr.io/acme/app\n  tag: latest\nservice:\n  port: 80\n"
DEPLOYMENT = b"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      containers:
        - name: app
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8000
"""
SERVICE = b"apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  ports:\n    - port: 80\n"
PYPROJECT = b"""[project]
name = "app"
version = "0.1.0"
dependencies = ["fastapi>=0.110", "uvicorn>=0.29"]

[project.optional-dependencies]
test = ["pytest>=8"]
"""
MAIN = b"""from fastapi import FastAPI

app = FastAPI()


@app.get("/healthz")
def healthz():
    return {"ok": True}
"""
README = b"# app\n\nA proof of concept.\n\n## Setup\n\n    pip install -e .\n    uvicorn app.main:app\n"
LICENSE = b"MIT License\n\nCopyright (c) 2026 Acme\n"
GITIGNORE = b"__pycache__/\n*.pyc\n.venv/\n"
NEW_FEATURE = b"def feature():\n    return 2\n"

#: Files that arrive late in ``history``, at this fraction of the commits.
LATE_ARRIVALS: Mapping[str, float] = {
    "Dockerfile": 0.25,
    ".github/workflows/deploy.yml": 0.40,
    "charts/app/Chart.yaml": 0.60,
    "charts/app/values.yaml": 0.60,
    "charts/app/templates/deployment.yaml": 0.60,
    "charts/app/templates/service.yaml": 0.60,
}
STAGE_CHANGE_AT = 0.80


def project_toml(stage: str, name: str) -> bytes:
    return f'[project]\nstage = "{stage}"\nname = "{name}"\n'.encode()


def root_files() -> dict[str, bytes]:
    """Repository-wide files: CI with a test and a deploy job, licence, ignore file."""
    return {
        ".github/workflows/ci.yml": CI_WORKFLOW,
        ".github/workflows/deploy.yml": DEPLOY_WORKFLOW,
        "LICENSE": LICENSE,
        ".gitignore": GITIGNORE,
    }


def project_files(prefix: str = "", stage: str = "poc", name: str = "app") -> dict[str, bytes]:
    """One project's non-bulk files, under ``prefix``."""
    p = f"{prefix}/" if prefix else ""
    files = {
        "project.toml": project_toml(stage, name),
        "README.md": README,
        "pyproject.toml": PYPROJECT,
        "Dockerfile": DOCKERFILE,
        "charts/app/Chart.yaml": CHART,
        "charts/app/values.yaml": VALUES,
        "charts/app/templates/deployment.yaml": DEPLOYMENT,
        "charts/app/templates/service.yaml": SERVICE,
        "src/app/__init__.py": SOURCE,
        "src/app/main.py": MAIN,
        "docs/index.md": DOC,
    }
    return {p + path: data for path, data in files.items()}


def bulk_paths(count: int, prefix: str = "") -> Iterator[tuple[str, str]]:
    """``count`` (path, kind) pairs in packages of 20: 12 sources, 5 tests beside them, 2 docs, 1 icon."""
    p = f"{prefix}/" if prefix else ""
    made = 0
    package = 0
    while made < count:
        domain, pkg = divmod(package, 50)
        base = f"{p}src/app/domain{domain:04d}/pkg{pkg:02d}"
        batch = [(f"{base}/mod{i:02d}.py", "source") for i in range(12)]
        batch += [(f"{base}/tests/test_mod{i:02d}.py", "test") for i in range(5)]
        batch += [(f"{p}docs/guide/domain{domain:04d}/page{pkg:02d}_{i}.md", "doc") for i in range(2)]
        batch.append((f"{p}assets/domain{domain:04d}/icon{pkg:02d}.svg", "icon"))
        yield from batch[: count - made]
        made += min(len(batch), count - made)
        package += 1


# ---- git plumbing --------------------------------------------------------------------------


def git(repo: Path, *args: str, stdin: bytes | None = None) -> str:
    proc = subprocess.run(
        ["git", "-C", str(repo), *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, **GIT_ENV},
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} failed in {repo}: {proc.stderr.decode(errors='replace').strip()}")
    return proc.stdout.decode()


class FastImport:
    """A ``git fast-import`` process fed blob and commit commands."""

    def __init__(self, repo: Path) -> None:
        self._proc = subprocess.Popen(
            ["git", "-C", str(repo), "fast-import", "--quiet"],
            stdin=subprocess.PIPE,
            env={**os.environ, **GIT_ENV},
        )
        assert self._proc.stdin is not None
        self._out: IO[bytes] = self._proc.stdin
        self._mark = 0

    def blob(self, data: bytes) -> int:
        self._mark += 1
        self._out.write(b"blob\nmark :%d\ndata %d\n%s\n" % (self._mark, len(data), data))
        return self._mark

    def commit(self, when: int, message: str, changes: Iterable[tuple[str, int]]) -> None:
        """One commit on ``main`` setting each (path, blob mark)."""
        msg = message.encode()
        author = when % 7
        self._out.write(b"commit refs/heads/main\n")
        self._out.write(b"committer Dev %d <dev%d@example.com> %d +0000\n" % (author, author, when))
        self._out.write(b"data %d\n%s\n" % (len(msg), msg))
        self._out.writelines(b"M 100644 :%d %s\n" % (mark, path.encode()) for path, mark in changes)
        self._out.write(b"\n")

    def close(self) -> None:
        self._out.close()
        if self._proc.wait() != 0:
            raise SystemExit("git fast-import failed")


def init(repo: Path) -> None:
    if repo.exists():
        raise SystemExit(f"{repo} exists")
    repo.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")


def one_commit(repo: Path, files: Mapping[str, bytes], bulk: Iterable[tuple[str, str]]) -> int:
    """Import one commit of ``files`` (each its own blob) and ``bulk`` (shared blobs); the file count."""
    stream = FastImport(repo)
    shared = {kind: stream.blob(data) for kind, data in SHARED_BLOBS.items()}
    changes = [(path, stream.blob(data)) for path, data in files.items()]
    changes += [(path, shared[kind]) for path, kind in bulk]
    stream.commit(EPOCH, "initial import", changes)
    stream.close()
    return len(changes)


def materialize(repo: Path, total: int, non_bulk: Iterable[str]) -> None:
    """Write the index (every path) and the work tree (all of it, or only ``non_bulk`` when huge)."""
    git(repo, "read-tree", "HEAD")
    if total <= FULL_CHECKOUT_LIMIT:
        git(repo, "checkout-index", "-a", "-f")
    else:
        wanted = set(non_bulk)
        git(repo, "checkout-index", "-f", "--stdin", stdin="\n".join(sorted(wanted)).encode() + b"\n")
        # The rest is left out of the work tree as a sparse checkout leaves it: skip-worktree.
        sparse = [p for p in git(repo, "ls-files", "-z").split("\0") if p and p not in wanted]
        git(repo, "update-index", "--skip-worktree", "--stdin", stdin="\n".join(sparse).encode() + b"\n")
    git(repo, "update-index", "-q", "--refresh")


def stage_new_file(repo: Path, path: str) -> None:
    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(NEW_FEATURE)
    git(repo, "add", "--", path)


# ---- the three shapes ----------------------------------------------------------------------


def service(repo: Path, files: int) -> int:
    """A service repository of ``files`` committed files plus one staged new file; the committed count."""
    init(repo)
    fixed = {**project_files(), **root_files()}
    total = one_commit(repo, fixed, bulk_paths(max(0, files - len(fixed))))
    materialize(repo, total, fixed)
    stage_new_file(repo, STAGED_FILE)
    return total


def monorepo(repo: Path, files: int, projects: int = 100) -> int:
    """``projects`` services under ``services/svcNNN/`` with ``files`` files in all; the committed count."""
    init(repo)
    fixed = {**root_files(), "README.md": README}
    for i in range(projects):
        fixed.update(project_files(f"services/svc{i:03d}", "poc" if i % 2 else "mvp", f"svc{i:03d}"))
    each = max(0, (files - len(fixed)) // projects)

    def bulk() -> Iterator[tuple[str, str]]:
        for i in range(projects):
            yield from bulk_paths(each, f"services/svc{i:03d}")

    total = one_commit(repo, fixed, bulk())
    materialize(repo, total, fixed)
    stage_new_file(repo, f"services/svc{min(1, projects - 1):03d}/{STAGED_FILE}")
    return total


def history(repo: Path, commits: int) -> int:
    """A ~1,000-file service grown over ``commits`` commits; the commit count."""
    init(repo)
    stream = FastImport(repo)
    shared = {kind: stream.blob(data) for kind, data in SHARED_BLOBS.items()}
    base = {**project_files(), **root_files()}
    sources = list(bulk_paths(1_000))
    late_at = {path: int(commits * frac) for path, frac in LATE_ARRIVALS.items()}
    stage_at = int(commits * STAGE_CHANGE_AT)
    start = 1_700_000_000
    step = max(1, (EPOCH - start) // max(1, commits))
    grow_every = max(1, commits // 2 // len(sources))
    added = 0
    for c in range(commits):
        changes: list[tuple[str, int]] = []
        if c == 0:
            changes += [(path, stream.blob(data)) for path, data in base.items() if path not in late_at]
        changes += [(path, stream.blob(base[path])) for path, at in late_at.items() if at == c]
        if c == stage_at:
            changes.append(("project.toml", stream.blob(project_toml("mvp", "app"))))
        if added < len(sources) and c % grow_every == 0:  # grow over the first half, then edit
            path, kind = sources[added]
            changes.append((path, shared[kind]))
            added += 1
        if added:
            path, kind = sources[(c * 7919) % added]
            if kind == "source":
                changes.append((path, stream.blob(SOURCE + b"# rev %d\n" % c)))
        if not changes:
            changes.append(("CHANGES.txt", stream.blob(b"%d\n" % c)))
        stream.commit(start + c * step, f"change {c}", changes)
    stream.close()
    materialize(repo, 0, ())
    stage_new_file(repo, STAGED_FILE)
    return commits


SHAPES = ("service", "monorepo", "history")


def main(argv: list[str]) -> int:
    usage = __doc__.split("\n\n")[1] if __doc__ else ""
    if len(argv) < 3 or argv[0] not in SHAPES or not all(a.isdigit() for a in argv[2:4]):
        print(f"usage:\n{usage}", file=sys.stderr)
        return 2
    shape, out, count = argv[0], Path(argv[1]), int(argv[2])
    if shape == "service":
        made = service(out, count)
        print(f"{out}: {made:,} files committed (+1 staged)")
    elif shape == "monorepo":
        projects = int(argv[3]) if len(argv) > 3 else 100
        made = monorepo(out, count, projects)
        print(f"{out}: {made:,} files in {projects} projects committed (+1 staged)")
    else:
        history(out, count)
        print(f"{out}: {count:,} commits (+1 staged)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
