"""Clock times that name no moment ("at about 7 p.m.") are grouped by their reading.

Hand-built claims whose spans slice hand-written sentences; expected groups worked out by hand.
"""

from __future__ import annotations

from newsfuse.story import Citation, NumberClaim
from tests.builders import facts_of


def clock(article: str, text: str, surface: str, hours: float, *, qualifier: str = "exact",
          zone: str = "time", about: str = "time") -> NumberClaim:
    at = text.index(surface)
    seconds = round(hours * 3600)
    return NumberClaim("time", about, hours, zone, qualifier, surface,
                       Citation(article, at, at + len(surface)), Citation(article, 0, len(text)),
                       normalized_value=float(seconds),
                       normalized_unit=f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}")


A = "The woman was struck at about 7 p.m. and the driver was held until 10 p.m."
B = "Police said she was hit at about 7 p.m. on Friday."
C = "The crash happened at 7:01 p.m., a witness said."
D = "The storm made landfall at 7 p.m. EST, forecasters said."


def test_the_same_reading_in_several_reports_is_one_agreed_time():
    facts = facts_of(
        ("a", A, [clock("a", A, "about 7 p.m.", 19, qualifier="about"),
                  clock("a", A, "10 p.m.", 22)]),
        ("b", B, [clock("b", B, "about 7 p.m.", 19, qualifier="about")]),
        ("c", C, [clock("c", C, "7:01 p.m.", 19 + 1 / 60)]))
    times = sorted((sorted({c.article for v in f.values for c in v.sources}), f.status, f.about)
                   for f in facts if f.measure == "time")
    # 7 p.m. (about) in a and b and 7:01 p.m. in c are one moment; 10 p.m. is another, and
    # neither is labelled by its order of mention.
    assert times == [(["a"], "single_source", "time"), (["a", "b", "c"], "agreed", "time")]


def test_different_readings_or_time_zones_stay_apart_without_a_conflict():
    facts = facts_of(
        ("a", A, [clock("a", A, "10 p.m.", 22)]),
        ("b", B, [clock("b", B, "about 7 p.m.", 19, qualifier="about")]),
        ("d", D, [clock("d", D, "7 p.m. EST", 19, zone="EST")]))
    times = [f for f in facts if f.measure == "time"]
    assert len(times) == 3
    assert all(f.status == "single_source" for f in times)
