"""pocmvp-lint: keep a repository honest about being a proof of concept or an MVP."""

__version__ = "0.1.0"
