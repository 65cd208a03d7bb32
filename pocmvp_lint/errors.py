"""Errors the linter turns into a clear message and exit code 2 at the command-line edge."""

from __future__ import annotations


class LintError(Exception):
    """Base class: any error that means "bad input or usage", never "findings"."""

    exit_code = 2


class ConfigError(LintError):
    """A malformed ``project.toml`` or bad setting, located by file, line and key."""

    def __init__(
        self, message: str, *, path: str | None = None, line: int | None = None, key: str | None = None
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.key = key
        super().__init__(self.format())

    def format(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        key = f"[{self.key}] " if self.key else ""
        return f"{where}{key}{self.message}"


class PluginError(LintError):
    """A third-party detector or rule raised; named so the user knows whom to blame."""
