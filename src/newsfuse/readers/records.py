"""Turn one structured record (a JSON object, a CSV row) into a Document.

Shared by the JSON, JSONL and CSV readers so every structured format understands the same
field names and the same ``field_map`` renames.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from newsfuse.article import Document, Rejection

FieldMap = tuple[tuple[str, str], ...]

# Our name -> the input names looked for, in order. Matching ignores case.
CANONICAL_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body"),
    "title": ("title",),
    "url": ("url",),
    "outlet": ("source", "outlet"),
    "published": ("published", "date"),
    "id": ("id",),
    "author": ("author",),
    "language": ("language",),
}


def record_to_document(
    record: Mapping[str, Any],
    source: str,
    fmt: str,
    *,
    field_map: FieldMap = (),
    raw: bytes = b"",
) -> Document | Rejection:
    """Map a record's fields to a Document, or reject it with the reason.

    Args:
        record: field name -> value (JSON values or CSV strings).
        source: ``path#N`` (or the path for a single-object JSON file).
        fmt: the ``Document.format`` (json, jsonl, csv).
        field_map: (input name, our name) renames applied before the standard names,
            e.g. ``(("headline", "title"),)``.
        raw: the record's original bytes.

    Returns:
        A Document, or a Rejection when the record has no usable text.
    """
    by_lower = {str(k).strip().lower(): k for k in record if k is not None}
    used: set[Any] = set()
    values: dict[str, str | None] = {}
    mapped_to: dict[str, list[str]] = {}
    for input_name, our_name in field_map:
        mapped_to.setdefault(our_name, []).append(input_name)
    for our_name, names in CANONICAL_FIELDS.items():
        candidates = [*mapped_to.get(our_name, []), *names]
        for name in candidates:
            key = by_lower.get(name.strip().lower())
            if key is None or record[key] is None:
                continue
            if our_name == "text" and not isinstance(record[key], str):
                return Rejection(
                    source, f"field {key!r} is not a string (got {type(record[key]).__name__})"
                )
            value = _scalar(record[key])
            # Claim the key even when its value is unusable so it is not also copied into
            # ``fields`` under its input name.
            used.add(key)
            if value is not None and value.strip():
                values[our_name] = value if our_name == "text" else value.strip()
                break
    text = values.get("text")
    if text is None:
        looked = ", ".join(dict.fromkeys([*mapped_to.get("text", []), *CANONICAL_FIELDS["text"]]))
        if any(by_lower.get(n.lower()) in used for n in looked.split(", ")):
            return Rejection(source, "empty text field")
        return Rejection(source, f"no text field (looked for {looked})")
    extra: list[tuple[str, str]] = []
    renames = {name.strip().lower(): ours for name, ours in field_map}
    for key, value in record.items():
        if key is None or key in used:
            continue
        scalar = _scalar(value, allow_lists=False)
        if scalar is None:
            continue
        name = renames.get(str(key).strip().lower(), str(key))
        extra.append((name, scalar))
    return Document(
        source=source,
        text=text,
        format=fmt,
        id=values.get("id"),
        title=values.get("title"),
        outlet=values.get("outlet"),
        url=values.get("url"),
        author=values.get("author"),
        published=values.get("published"),
        language=values.get("language"),
        raw=raw,
        fields=tuple(extra),
    )


def _scalar(value: Any, *, allow_lists: bool = True) -> str | None:
    """A field value as a string; lists of strings (several authors) are joined."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if allow_lists and isinstance(value, list) and all(isinstance(v, str) for v in value):
        joined = ", ".join(v.strip() for v in value if v.strip())
        return joined or None
    return None
