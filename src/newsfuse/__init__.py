"""newsfuse: turn a pile of news reports into verified stories.

Public API (stable): the data model (:mod:`newsfuse.article`, :mod:`newsfuse.story`),
the errors (:mod:`newsfuse.errors`), and the stage functions re-exported here as they land.
"""

from newsfuse.article import Article, Document, Paragraph, Rejection, Removal, Span
from newsfuse.errors import (
    ConfigError,
    InputError,
    ModelError,
    NewsfuseError,
    StageError,
    StoreError,
)
from newsfuse.story import Citation, Fact, Report, Story

__version__ = "0.1.0"

__all__ = [
    "Article", "Citation", "ConfigError", "Document", "Fact", "InputError", "ModelError",
    "NewsfuseError", "Paragraph", "Rejection", "Removal", "Report", "Span", "StageError",
    "Story", "StoreError", "__version__",
]
