"""The JSON renderer: the contract of :mod:`newsfuse.contract`, serialised with stable bytes."""

from __future__ import annotations

from newsfuse.contract import dumps, report_to_json
from newsfuse.story import Report


def render_json(report: Report) -> str:
    """The report as contract JSON text (sorted keys, 2-space indent, trailing newline)."""
    return dumps(report_to_json(report)) + "\n"
