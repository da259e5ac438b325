"""newsfuse: turn a pile of news reports into verified stories.

The public API. Data (immutable): :class:`Document`, :class:`Article`, :class:`Story`,
:class:`Report`, :class:`Fact`, :class:`Citation`. Stages (pure functions, models passed in):

>>> import newsfuse
>>> articles, rejected = newsfuse.load_articles(["reports/"])   # read + clean
>>> models = newsfuse.load_models()                                         # MiniLM + spaCy
>>> report = newsfuse.analyze(articles, models)                             # one story
>>> data = newsfuse.report_to_json(report)                                  # the JSON contract
>>> html = newsfuse.render_html(report)                                     # offline HTML page

Heavy modules (models, renderers, web app) are imported on first use, so ``import newsfuse``
stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

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

# name -> module that defines it; resolved on first attribute access (PEP 562).
_LAZY = {
    "read_inputs": "newsfuse.readers",
    "ReadOptions": "newsfuse.readers",
    "clean": "newsfuse.clean",
    "load_articles": "newsfuse.ingest",
    "ingest": "newsfuse.ingest",
    "Store": "newsfuse.store.sqlite",
    "Models": "newsfuse.analyze",
    "load_models": "newsfuse.analyze",
    "analyze": "newsfuse.analyze",
    "analyze_story": "newsfuse.analyze",
    "group_by_field": "newsfuse.analyze",
    "find_duplicates": "newsfuse.dedupe",
    "cluster_articles": "newsfuse.cluster",
    "report_to_json": "newsfuse.contract",
    "report_from_json": "newsfuse.contract",
    "validate": "newsfuse.contract",
    "check_citations": "newsfuse.contract",
    "render": "newsfuse.render",
    "render_text": "newsfuse.render",
    "render_markdown": "newsfuse.render",
    "render_json": "newsfuse.render",
    "render_html": "newsfuse.render",
    "create_app": "newsfuse.web",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsfuse' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "Article", "Citation", "ConfigError", "Document", "Fact", "InputError", "ModelError",
    "NewsfuseError", "Paragraph", "Rejection", "Removal", "Report", "Span", "StageError",
    "Story", "StoreError", "__version__", *sorted(_LAZY),
]
