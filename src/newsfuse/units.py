"""How unit words read next to a number: "1 day", "2 days", "1 foot".

The claim grammar stores one canonical, plural unit per unit ("days", "feet") so equal units
compare equal; reports show it as a reader writes it.
"""

from __future__ import annotations

SINGULAR_UNITS = {
    "feet": "foot", "yards": "yard", "miles": "mile", "inches": "inch", "metres": "metre",
    "seconds": "second", "minutes": "minute", "hours": "hour", "days": "day", "weeks": "week",
    "months": "month", "years": "year",
}


def unit_text(unit: str, value: float | None, value_high: float | None = None) -> str:
    """``unit`` in the singular after exactly one ("1 day", "1 foot"), else as stored."""
    if value == 1 and value_high is None:
        return SINGULAR_UNITS.get(unit, unit)
    return unit
