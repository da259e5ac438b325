"""The newsfuse exception tree: every error a user can cause says what and where.

    NewsfuseError
    ├── InputError        one input (file, record, URL) cannot be used; carries ``source``
    ├── ConfigError       bad usage, options or configuration (CLI exit code 1)
    ├── StoreError        the corpus store cannot be opened, migrated or written
    ├── ModelError        a shipped model is missing or its files fail their checksum
    └── StageError        a pipeline stage was wired or called wrongly (a bug, not user input)

Rejected inputs are *values* (:class:`newsfuse.article.Rejection`) collected during a run;
``InputError`` is raised inside a reader and turned into a Rejection by the caller.
"""

from __future__ import annotations


class NewsfuseError(Exception):
    """Base of every error newsfuse raises on purpose."""


class InputError(NewsfuseError):
    """One input cannot be read or used.

    Args:
        source: the file path, ``path#record`` or URL that failed.
        reason: what is wrong with it, in a few words a user can act on.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ConfigError(NewsfuseError):
    """Bad usage, options or configuration."""


class StoreError(NewsfuseError):
    """The corpus store cannot be opened, migrated or written."""


class ModelError(NewsfuseError):
    """A shipped model is missing, or its files do not match their pinned checksum."""


class StageError(NewsfuseError):
    """A pipeline stage was wired or called wrongly."""
