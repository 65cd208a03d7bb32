"""``python -m pocmvp_lint``: the command line, without the current folder on the import path.

``python -m`` puts the current folder (in CI, an untrusted checkout) first on ``sys.path``; a
committed ``click.py`` or ``yaml/`` would then be imported instead of the installed package. The
folder is dropped before anything else is imported. (A checkout holding its own ``pocmvp_lint/``
is imported before this code runs: only ``python -I -m pocmvp_lint`` defends against that.)
"""

import sys

from pocmvp_lint.installed import trusted_search_path

sys.path[:] = trusted_search_path()

from pocmvp_lint.cli import main  # noqa: E402 - only once the search path is trusted

if __name__ == "__main__":  # pragma: no cover
    main(prog_name="pocmvp-lint")
