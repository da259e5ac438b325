"""Timeline entries from hand-built articles: explicit and relative dates, figure changes."""

from __future__ import annotations

from builders import article
from newsfuse.story import Citation, Fact, FactValue
from newsfuse.timeline import build_timeline




def test_timeline_resolves_weekday_against_publication_date():
    # 2024-01-04 is a Thursday; "on Wednesday" is the day before.
    a = article("a", "The levee broke on Wednesday after three days of rain.",
                published="2024-01-04")
    entries = build_timeline([a], [], [])
    assert [e.date for e in entries] == ["2024-01-03"]
    assert entries[0].sources == (Citation("a", 0, len(a.text)),)


def test_timeline_reads_explicit_dates_and_month_year():
    a = article("a", "The plant opened on March 5, 2019 in the north of the county.",
                "The owner sold it in August 2021 to a rival firm.")
    dates = [e.date for e in build_timeline([a], [], [])]
    assert dates == ["2019-03-05", "2021-08"]


def test_timeline_adds_clock_time_when_given():
    a = article("a", "The first bomb went off around 3 pm on Wednesday near the gate.",
                published="2024-01-03")
    assert build_timeline([a], [], [])[0].date == "2024-01-03T15:00"


def test_timeline_future_weekday_points_forward():
    # Published Wednesday 2024-01-03; "Thursday would be a day of mourning" is the next day.
    a = article("a", "Officials said Thursday would be a national day of mourning.",
                published="2024-01-03")
    assert build_timeline([a], [], [])[0].date == "2024-01-04"


def test_timeline_merges_the_same_event_from_two_articles():
    a = article("a", "The levee broke on Wednesday after three days of heavy rain.",
                published="2024-01-04")
    b = article("b", "After three days of heavy rain the levee broke on Wednesday.",
                published="2024-01-05")
    entries = build_timeline([a, b], [], [])
    assert len(entries) == 1
    assert {c.article for c in entries[0].sources} == {"a", "b"}


def test_timeline_without_publication_date_skips_relative_dates():
    a = article("a", "The levee broke on Wednesday after three days of rain.")
    assert build_timeline([a], [], []) == ()


def test_timeline_shows_changes_of_a_key_figure():
    fact = Fact(
        measure="killed", about="people killed", status="updated",
        values=(
            FactValue(35, "people", "exact", (Citation("a", 0, 2),), 1, first_seen="2024-01-03"),
            FactValue(41, "people", "exact", (Citation("b", 0, 2),), 1, first_seen="2024-01-04"),
        ),
    )
    a = article("a", "Thirty-five people died.", published="2024-01-03")
    b = article("b", "The toll rose to 41.", published="2024-01-04")
    entries = build_timeline([a, b], [], [fact])
    assert [(e.date, e.text.split(" (")[0]) for e in entries] == [
        ("2024-01-03", "killed: 35"), ("2024-01-04", "killed: 41")]
    assert entries[1].sources == (Citation("b", 0, 2),)
