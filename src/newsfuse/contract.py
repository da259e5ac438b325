"""The public JSON contract: one shape for the library, the CLI and the web API.

``SCHEMA_VERSION`` is bumped on any incompatible change; the JSON Schema lives in
``newsfuse/schema/`` and a test validates real output against it.
"""

from __future__ import annotations

from typing import Any

from newsfuse.article import Article

SCHEMA_VERSION = "1"


def article_to_json(article: Article) -> dict[str, Any]:
    """The contract's article object: metadata, cleaned text, removals and structure.

    ``text`` is the cleaned text; every span anywhere in the output indexes into it.
    ``removed`` lists what cleaning dropped, with offsets into ``original`` (not ``text``).
    """
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published,
        "author": article.author,
        "language": article.language,
        "source": article.source,
        "text": article.text,
        "removed": [
            {"text": r.text, "reason": r.reason, "start": r.start, "end": r.end}
            for r in article.removed
        ],
        "paragraphs": [
            {"start": p.start, "end": p.end, "kind": p.kind} for p in article.paragraphs
        ],
        "sentences": [[s.start, s.end] for s in article.sentences],
    }
