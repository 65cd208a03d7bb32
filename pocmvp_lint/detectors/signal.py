"""The detectors' product: a signal is one thing the repository shows, with its evidence."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import total_ordering

from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Category

#: The categories that stand for something a repository carries (the accuracy benchmark's set);
#: ``Category`` lists every category built-in detectors emit. Plugins may add their own strings.
CATEGORIES: tuple[Category, ...] = (
    Category.TESTS,
    Category.CI,
    Category.CI_TESTS,
    Category.CONTAINER,
    Category.ORCHESTRATION,
    Category.IAC,
    Category.PAAS,
    Category.CI_DEPLOY,
    Category.PROD_CONFIG,
    Category.RELEASE,
    Category.OBSERVABILITY,
    Category.HEALTH_CHECK,
    Category.SECURITY_POLICY,
    Category.DEPENDENCY_UPDATES,
    Category.LOCKFILE,
    Category.README,
    Category.LICENSE,
    Category.CHANGELOG,
    Category.CODEOWNERS,
    Category.MIGRATIONS,
    Category.SECRETS,
)


@total_ordering
@dataclass(frozen=True)
class Signal:
    """One observation: ``category`` seen at ``path`` (project-relative while detecting).

    Built-in detectors use ``Category``; a plugin detector may use its own string. Signals sort by
    category, path, line (a signal without a line first) and detail.
    """

    category: Category | str
    path: str
    line: int | None = None
    detail: str = ""

    def __post_init__(self) -> None:
        # a quoted command may carry a credential in a URL (``git push https://$TOKEN@host``):
        # whatever the detector, the evidence never shows it (plugins' signals included)
        if "@" in self.detail and "//" in self.detail:
            object.__setattr__(self, "detail", mask_url_credentials(self.detail))

    def __lt__(self, other: Signal) -> bool:
        return _key(self) < _key(other)


#: The user and password part of a URL (``https://deploy:s3cret@host``, ``https://$TOKEN@host``).
_URL_USERINFO_RE = lazy_re(r"//[^/\s@]{1,200}@")


def mask_url_credentials(text: str) -> str:
    """``text`` with the user and password of every URL in it replaced by ``***``."""
    return _URL_USERINFO_RE.sub("//***@", text)


def _key(signal: Signal) -> tuple[str, str, int, str]:
    return (signal.category, signal.path, -1 if signal.line is None else signal.line, signal.detail)


#: A detector reads an inventory and yields signals. It knows nothing of stages or rules.
Detector = Callable[[Inventory], Iterable[Signal]]
