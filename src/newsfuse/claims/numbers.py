"""A grammar for numbers as news writes them: digits, number words, ranges, qualifiers, units.

Pure text scanning (no model): :func:`find_numbers` returns every number mention of a sentence
with its value, qualifier and unit, and drops what is not a quantity (years used as dates,
ages, ordinals, phone and street numbers, list numbering). Which event and what a number
counts are decided later from the parse (``newsfuse.claims.link``).

We wrote this grammar ourselves because the libraries were measured to fail on news text:
quantulum3 drops "at least / over / about" and reads "15 minutes" as an angle; word2number
returns wrong values when handed whole sentences.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_UNITS_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}
_MAGNITUDE_ABBR = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000,
                   "b": 1_000_000_000, "tn": 1_000_000_000_000}
# Words that name an imprecise count: no value can be read from them.
_VAGUE = ("dozens", "hundreds", "thousands", "millions", "billions", "scores", "tens of thousands",
          "hundreds of thousands")

# Qualifiers, longest phrases first inside each alternation.
_QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("at_least", r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|not\s+less\s+than|a\s+minimum\s+of"),
    ("at_most", r"at\s+most|no\s+more\s+than|not\s+more\s+than|a\s+maximum\s+of"),
    ("nearly", r"nearly|almost|close\s+to|just\s+under|just\s+shy\s+of|just\s+short\s+of"),
    ("more_than", r"more\s+than|upwards\s+of|in\s+excess\s+of|over|above|greater\s+than|"
                  r"just\s+over"),
    ("less_than", r"fewer\s+than|less\s+than|under|below"),
    ("up_to", r"up\s+to|as\s+many\s+as|as\s+much\s+as"),
    ("about", r"about|around|approximately|approx\.|roughly|some|an\s+estimated|estimated|"
              r"circa|an?\s+approximate|nearly\s+about"),
)

# (pattern, canonical unit, measure, factor to the normalised unit, normalised unit)
_UNIT_TABLE: tuple[tuple[str, str, str, float, str], ...] = (
    (r"feet|foot|ft", "feet", "distance", 0.3048, "m"),
    (r"yards|yard|yds|yd", "yards", "distance", 0.9144, "m"),
    (r"miles|mile|mi", "miles", "distance", 1609.344, "m"),
    (r"kilometres|kilometers|kilometre|kilometer|kms|km", "km", "distance", 1000.0, "m"),
    (r"centimetres|centimeters|centimetre|centimeter|cm", "cm", "distance", 0.01, "m"),
    (r"millimetres|millimeters|millimetre|millimeter", "mm", "distance", 0.001, "m"),
    (r"inches|inch", "inches", "distance", 0.0254, "m"),
    (r"metres|meters|metre|meter|m", "metres", "distance", 1.0, "m"),
    (r"seconds|second|secs|sec", "seconds", "duration", 1.0, "s"),
    (r"minutes|minute|mins|min", "minutes", "duration", 60.0, "s"),
    (r"hours|hour|hrs|hr", "hours", "duration", 3600.0, "s"),
    (r"days|day", "days", "duration", 86400.0, "s"),
    (r"weeks|week", "weeks", "duration", 604800.0, "s"),
    (r"months|month", "months", "duration", 2629800.0, "s"),
    (r"years|year", "years", "duration", 31557600.0, "s"),
)
_CURRENCY_PREFIX = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR",
                    "nt$": "TWD", "hk$": "HKD", "nz$": "NZD", "s$": "SGD", "r$": "BRL",
                    "£": "GBP", "gbp": "GBP", "¥": "JPY", "jpy": "JPY", "c$": "CAD",
                    "a$": "AUD", "rs": "INR", "rs.": "INR", "₹": "INR"}
_CURRENCY_SUFFIX = {"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR",
                    "pounds": "GBP", "pound": "GBP", "yen": "JPY", "rupees": "INR"}

_MONTHS = {name: i for i, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
               "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

_WORD = "|".join(sorted([*_UNITS_SMALL, *_TENS], key=len, reverse=True))
_WORD_NUM = (rf"(?:(?:{'|'.join(_TENS)})-(?:{'|'.join(k for k in _UNITS_SMALL if _UNITS_SMALL[k] and _UNITS_SMALL[k] < 10)})"
             rf"|{_WORD})\b")  # \b: "Ten" of "Tennessee" is no number
_SCALE = "hundred|thousand|million|billion|trillion"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_DIGITS_SIMPLE = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUM = (rf"(?:{_DIGITS}"
        rf"|(?:{_WORD_NUM}|an?)\s+(?:{_SCALE})(?:\s+(?:and\s+)?{_WORD_NUM})?"
        rf"|a\s+(?:few\s+)?dozen|half\s+a\s+dozen"
        rf"|{_WORD_NUM})")
_UNIT_RE = "|".join(p for p, *_ in _UNIT_TABLE)
_QUAL_RE = "|".join(f"(?P<q_{name}>{pattern})" for name, pattern in _QUALIFIERS)
# Dollars of other countries keep their own code: "NT$18" is not 18 US dollars.
_CUR_PRE = r"US\$|C\$|A\$|NT\s?\$|HK\$|NZ\$|S\$|R\$|[$€£¥₹]|USD\s?|EUR\s?|GBP\s?|Rs\.?\s?"

_NUMBER_RE = re.compile(
    rf"(?<![\w$€£¥.,-])"
    rf"(?:(?:{_QUAL_RE})\s+)?"
    rf"(?:between\s+(?P<b_lo>{_NUM})\s+and\s+(?P<b_hi>{_NUM})"
    rf"|(?P<cur>{_CUR_PRE})?(?P<n>{_NUM})"
    rf"(?:(?P<pct1>\s?(?:%|percent\b|per\s+cent\b))?"  # "16% to 17%"
    rf"\s*(?:-|–|—|to)\s*(?P<cur2>{_CUR_PRE})?(?P<n2>{_NUM})(?![\w-]))?)"
    rf"(?P<mag>(?:\s*|-)(?:million|billion|trillion|thousand)\b|(?<=\d)(?:bn|mn|tn|m|k|b)\b)?"
    rf"(?P<pct>\s?(?:%|percent\b|per\s+cent\b))?"
    rf"(?:(?P<unit_sep>\s|-)(?P<unit>{_UNIT_RE})\b(?!-old|\s+old))?"
    rf"(?:\s+(?P<cur_suf>{'|'.join(_CURRENCY_SUFFIX)})\b)?",
    re.IGNORECASE,
)
_VAGUE_RE = re.compile(rf"(?<![\w-])(?:(?:{_QUAL_RE})\s+)?(?P<v>{'|'.join(_VAGUE)})\b(?=\s+of\b|\s+\w)",
                       re.IGNORECASE)
_ARTICLE_UNIT_RE = re.compile(rf"(?<![\w-])(?:(?:{_QUAL_RE})\s+)?(?P<a>an?|half\s+an?|half\s+a)"
                              rf"\s+(?P<unit>{_UNIT_RE})\b", re.IGNORECASE)
_TIME_RE = re.compile(
    r"(?<![\w:])(?:(?:at|around|about|by|approximately|shortly\s+(?:after|before))\s+)?"
    r"(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ap>a\.m\.|p\.m\.|a\.m|p\.m|am|pm)(?![\w])"
    r"(?:\s+(?P<tz>(?-i:(?:[ECMP][SD]T|[ECMP]T|GMT|UTC|BST|CES?T|EES?T|IST|JST|AE[SD]T|MSK|"
    r"WIB|SAST|HKT|SGT|PKT|IRST))\b|local\s+time))?"
    r"|(?<![\w:])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\w:])",
    re.IGNORECASE,
)
# Wire-service clock times: "at 0737 GMT", "(1300 GMT)". Read as counts of "GMT" before.
_HHMM_ZONE_RE = re.compile(r"(?<![\w:.,$€£])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s*(?:hrs?\s+)?"
                           r"(?P<tz>GMT|UTC)\b")
_MONTH_RE = ("(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True))
             + "|" + "|".join(sorted(_MONTH_ABBR, key=len, reverse=True)) + r")\.?")
_DATE_RE = re.compile(
    rf"\b(?P<mon>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?(?!\d)"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{_MONTH_RE})(?:,?\s+(?P<year2>\d{{4}}))?\b"
    rf"|\b(?P<mon3>{_MONTH_RE})\s+(?P<year3>\d{{4}})\b",
    re.IGNORECASE,
)
_ISO_DATE_RE = re.compile(r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})\b")
# Numbers that are never quantities: phone numbers, street addresses, ages, list numbering.
_PHONE_RE = re.compile(r"(?:\+?\d{1,2}[\s.-])?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")
# Phone numbers spelled with letters ("1-800-CALL-NOW", "1-888-TIPS-NYC").
_VANITY_PHONE_RE = re.compile(r"\b(?:1-)?\d{3}-(?=[A-Z0-9-]*[A-Z])[A-Z0-9]{2,}(?:-[A-Z0-9]+)+\b")
# Proper names that end in a number identify something (a road, a channel, a flight), they
# do not count anything: "Channel 11", "Route 94", "Flight 370", "Gate 5", "Chapter 11".
_IDENTIFIER_NOUNS = (
    "channel|route|highway|hwy|interstate|freeway|motorway|road|street|avenue|flight|gate|"
    "terminal|platform|runway|pier|dock|berth|room|suite|apartment|apt|unit|building|"
    "block|lot|exit|bus|train|line|station|precinct|district|ward|zone|sector|division|"
    "chapter|section|article|amendment|proposition|prop|item|episode|season|volume|vol|"
    "page|game|round|track|bay|box|studio|hangar|level|floor|camp|cell|lane|pen|"
    "model|version|number|no|code|ticket|case|class|category|grade|stage|phase|week|day|"
    "act|rule|title|paragraph|clause|figure|table|squad|team|battalion|brigade|regiment|"
    r"company|fleet|group|air\s+force|ship")
_IDENTIFIER_RE = re.compile(rf"\b(?:{_IDENTIFIER_NOUNS})\.?\s?(?:#\s?)?$", re.IGNORECASE)
# Hyphenated modifiers that turn a number into an attribute: ".45-caliber gun", "12-gauge",
# "three-time champion", "9mm pistol". None of them counts anything in the story.
_ATTRIBUTE_AFTER_RE = re.compile(r"(?:-|\s)?(?:caliber|calibre|gauge|mm\b)|-time\b|-times\b"
                                 r"|-(?:point|seed|star|storey|story|member|man|person)\b",
                                 re.IGNORECASE)
_STREET_RE = re.compile(
    r"\b\d+(?:\s+(?:block\s+of|[NSEW]\.?))?\s+(?:[A-Z][\w'-]*\s+){1,3}"
    r"(?i:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|"
    r"Highway|Hwy|Parkway|Pkwy|Terrace|Circle)\b\.?"
    r"|\b(?:the\s+)?\d+\s+block\s+of\b|\b(?:Route|Interstate|I-|Highway|No\.|#)\s?\d+\b"
)
_AGE_AFTER_RE = re.compile(r"^(?:-|\s)(?:years?|yrs?)(?:-|\s)old\b|^-year\b|^\s*,?\s*years?\s+of\s+age\b"
                           r"|^\s*yo\b", re.IGNORECASE)
# Ages set off by commas after a common noun: "two men, 19 and 20, were charged", "his
# half-brothers, 17 and 22,": the list must close with a comma or a bracket.
_AGE_LIST_START = re.compile(r"[a-z],\s*$")
_AGE_LIST_REST = re.compile(r"(?:\s*,\s*\d{1,3})*(?:\s*(?:,|and|&)\s*\d{1,3})?\s*[,)]")
_AGE_LIST_CONTINUED = re.compile(r"[a-z],\s*\d{1,3}(?:\s*,\s*\d{1,3})*\s*(?:,|and|&)\s*$")
_AGE_BEFORE_RE = re.compile(r"(?:\baged?|\bages)\s*$|[A-Z][a-z]+,\s*$", re.IGNORECASE)
# "a second" is a duration only when nothing it could number follows: "for a second", "a
# second later", "a second or two"; "a second blast" is the ordinal.
_ORDINAL_SECOND_RE = re.compile(
    r"\s+(?!(?:later|earlier|ago|before|after|or|and|longer|too|of|in|to|at|on|when|as|"
    r"while|before|then|but|so)\b)[A-Za-z]")
_YEARISH_RE = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_DECIMAL = r"\d+(?:\.\d+)?"
_QUAKE = r"(?:earth)?quakes?|temblors?|tremors?|aftershocks?|shocks?"
# "magnitude 6.1", "a 6.1-magnitude quake", "the 7.6 and 7.5 magnitude quakes", "a quake
# measuring 7.6", "5.0 on the Richter scale", "a 7.3 temblor" (a decimal count of quakes
# cannot be).
_MAGNITUDE_RE = re.compile(
    rf"\bmagnitude[\s-]+(?:of\s+)?(?:(?:over|above|below|under|about|around|at\s+least|"
    rf"more\s+than|greater\s+than|less\s+than|nearly)\s+)?{_DECIMAL}"
    rf"|(?<![\w.,]){_DECIMAL}(?:\s*(?:,|and|or|to|-)\s*{_DECIMAL})*[\s-]*(?:-|\s)?"
    rf"(?:magnitude|on\s+the\s+richter\b|richter\b)"
    rf"|\b(?:{_QUAKE})\W{{0,2}}\s*(?:measuring|measured(?:\s+at)?|registering|of)\s+"
    rf"(?:magnitude\s+)?{_DECIMAL}(?:\s*(?:,|and|or)\s*{_DECIMAL})*"
    rf"|(?<![\w.,])\d+\.\d+[\s-]+(?={_QUAKE}\b)",
    re.IGNORECASE,
)
# Speeds: "winds of 120 mph", "185 km/h", "70 miles per hour", "40 knots", "gusts of 100-120
# km/h". Without this "185 km/h" was read as a distance of 185 km.
_SPEED_NUM = rf"(?:{_DIGITS_SIMPLE}|{_WORD_NUM})"
_SPEED_RE = re.compile(
    rf"(?<![\w.,])(?P<lo>{_SPEED_NUM})(?:\s*(?:-|to|–)\s*(?P<hi>{_SPEED_NUM}))?[\s-]*"
    r"(?P<unit>mph\b|m\.p\.h\.?|km/h\b|kph\b|kmh\b|km/hr\b|kmph\b|knots?\b|kts\b|m/s\b|"
    r"(?:miles|mile|kilometres|kilometers|kilometre|kilometer|km|metres|meters)"
    r"(?:\s+|-)(?:per|an|a)(?:\s+|-)hour\b)",
    re.IGNORECASE,
)
# Unit as written -> (unit kept on the claim, factor to km/h). Spellings of one unit share one
# name ("kph", "kilometres per hour" -> "km/h") so equal figures compare equal.
SPEED_UNIT = "km/h"
_SPEED_UNITS: tuple[tuple[str, str, float], ...] = (
    (r"mph|m\.p\.h\.?|miles?[\s-](?:per|an|a)[\s-]hour", "mph", 1.609344),
    (r"km/h|kph|kmh|km/hr|kmph|(?:kilomet(?:re|er)s?|km)[\s-](?:per|an|a)[\s-]hour", "km/h", 1.0),
    (r"knots?|kts", "knots", 1.852),
    (r"m/s", "m/s", 3.6),
    (r"(?:metres|meters)[\s-](?:per|an|a)[\s-]hour", "m/h", 0.001),
)
# Cheap tests for whether a text can hold a speed or a magnitude at all: the full grammars
# above try a number at every position, which cost a fifth of find_numbers run on each text.
_SPEED_HINT_RE = re.compile(r"mph|m\.p\.h|km/h|kph|kmh|km/hr|knot|kts|m/s|hour", re.IGNORECASE)
_MAGNITUDE_HINT_RE = re.compile(r"magnitude|richter|quake|temblor|tremor|shock|(?-i:M[wLs]?\s?\d)",
                                re.IGNORECASE)
# Magnitude values: one decimal or integer magnitude in a _MAGNITUDE_RE match ("7.6 and 7.5").
_MAG_VALUE_RE = re.compile(r"(?<![\w.])(?:\d\.\d{1,2}|\d)(?![\d.]\d|\s*(?:km|kilomet|mile|%))")
_MAG_SHORT_RE = re.compile(r"(?<![\w.])(?-i:M[wLs]?)\s?(?P<v>\d\.\d{1,2})(?![\w.]\d)")
_QUAL_BEFORE_RE = re.compile(rf"(?:^|(?<=\W))(?:{'|'.join(f'(?:{p})' for _, p in _QUALIFIERS)})\s+$",
                             re.IGNORECASE)


@dataclass(frozen=True)
class NumberMention:
    """One number as written in a sentence, before we know what it counts.

    ``start``/``end`` are offsets into the scanned text. ``kind`` is ``quantity`` (counts,
    money, percents, distances, durations), ``time`` or ``date``. For times and dates,
    ``normalized_unit`` carries the ISO text ("15:00", "2024-01-03") and ``normalized_value``
    a sortable number (seconds after midnight; proleptic ordinal day). A clock time keeps its
    written time zone in ``unit`` ("EST"; "local" for "local time"; None when none is given).
    """

    start: int
    end: int
    surface: str
    value: float | None
    qualifier: str
    kind: str = "quantity"
    value_high: float | None = None
    unit: str | None = None
    unit_measure: str | None = None
    normalized_value: float | None = None
    normalized_unit: str | None = None
    number_start: int = -1
    number_end: int = -1


def words_to_number(text: str) -> float | None:
    """The value of a short number phrase ("twenty-five", "a hundred", "two million", "1,300").

    Returns None when the phrase is not a number we can read (callers only pass spans that
    the grammar matched, so None means "vague", e.g. "dozens").
    """
    phrase = text.lower().replace(",", "").strip()
    if re.fullmatch(r"\d*\.?\d+", phrase):
        return float(phrase)
    if re.fullmatch(r"(?:a\s+)?dozen", phrase):
        return 12.0
    if re.fullmatch(r"half\s+a\s+dozen", phrase):
        return 6.0
    if re.fullmatch(r"a\s+few\s+dozen", phrase):
        return None
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s-]+", phrase):
        if word in ("and", ""):
            continue
        if word in ("a", "an"):
            current, seen = 1.0, True
        elif word in _UNITS_SMALL:
            current += _UNITS_SMALL[word]
            seen = True
        elif word in _TENS:
            current += _TENS[word]
            seen = True
        elif word == "hundred":
            current = (current or 1.0) * 100
            seen = True
        elif word in _SCALES:
            total += (current or 1.0) * _SCALES[word]
            current, seen = 0.0, True
        else:
            return None
    return total + current if seen else None


def _qualifier(match: re.Match[str]) -> str:
    for name, _ in _QUALIFIERS:
        if match.group(f"q_{name}"):
            return name
    return "exact"


def _unit_info(unit: str) -> tuple[str, str, float, str]:
    lowered = unit.lower()
    for pattern, canonical, measure, factor, norm in _UNIT_TABLE:
        if re.fullmatch(pattern, lowered):
            return canonical, measure, factor, norm
    raise ValueError(unit)  # unreachable: the regex only matches table units


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in taken)


def _mask_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _PHONE_RE.finditer(text)]
    spans += [m.span() for m in _STREET_RE.finditer(text)]
    spans += [m.span() for m in _VANITY_PHONE_RE.finditer(text)]
    # Earthquake magnitudes and speeds are read by their own grammars (_speed_mentions,
    # _magnitude_mentions); no other reading may take their digits.
    if _MAGNITUDE_HINT_RE.search(text):
        spans += [m.span() for m in _MAGNITUDE_RE.finditer(text)]
        spans += [m.span() for m in _MAG_SHORT_RE.finditer(text)]
    if _SPEED_HINT_RE.search(text):
        spans += [m.span() for m in _SPEED_RE.finditer(text)]
    # List numbering: "1. ", "2) " at the start of the text.
    head = re.match(r"\s*\(?\d{1,2}[.)]\s", text)
    if head:
        spans.append(head.span())
    return spans


def _qualifier_before(text: str, start: int) -> tuple[str, int]:
    """The qualifier written just before ``start`` ("up to", "about") and where it begins."""
    m = _QUAL_BEFORE_RE.search(text, max(0, start - 40), start)
    if m is None:
        return "exact", start
    for name, pattern in _QUALIFIERS:
        if re.fullmatch(rf"(?:{pattern})\s+", m.group(0), re.IGNORECASE):
            return name, m.start()
    return "exact", start  # unreachable: the pattern is the union of the qualifiers


def _speed_mentions(text: str) -> list[NumberMention]:
    """Speeds with their unit as written and the value in km/h (``SPEED_UNIT``)."""
    found: list[NumberMention] = []
    if not _SPEED_HINT_RE.search(text):
        return found
    for m in _SPEED_RE.finditer(text):
        low = words_to_number(m.group("lo"))
        high = words_to_number(m.group("hi")) if m.group("hi") else None
        if low is None or (m.group("hi") and (high is None or high <= low)):
            continue
        unit_text = re.sub(r"\s+", " ", m.group("unit").lower())
        unit, factor = next((u, f) for pattern, u, f in _SPEED_UNITS
                            if re.fullmatch(pattern, unit_text))
        qualifier, start = ("range", m.start()) if high is not None else \
            _qualifier_before(text, m.start())
        found.append(NumberMention(start, m.end(), text[start:m.end()], low, qualifier,
                                   "quantity", high, unit, "speed", low * factor, SPEED_UNIT,
                                   m.start("lo"), m.end("hi") if high is not None else m.end("lo")))
    return found


def _magnitude_unit(text: str, start: int, end: int) -> str:
    """The scale a magnitude names: "Richter", "moment magnitude", else "magnitude"."""
    window = text[max(0, start - 30):min(len(text), end + 30)].lower()
    if "richter" in text[start:end].lower() or re.match(r"\s*on\s+the\s+richter", text[end:],
                                                          re.IGNORECASE):
        return "Richter"
    if "moment magnitude" in window or "moment-magnitude" in window:
        return "moment magnitude"
    return "magnitude"


def _magnitude_mentions(text: str) -> list[NumberMention]:
    """Earthquake magnitudes, one mention per value ("the 7.6 and 7.5 magnitude quakes" gives
    two). ``unit`` is the scale as named; ``normalized_value`` is None: magnitudes of different
    scales (Richter, moment, body-wave) are not converted into each other."""
    found: list[NumberMention] = []
    if not _MAGNITUDE_HINT_RE.search(text):
        return found
    spans = [(m.start(), m.end(), [v.span() for v in _MAG_VALUE_RE.finditer(text, *m.span())])
             for m in _MAGNITUDE_RE.finditer(text)]
    spans += [(m.start(), m.end(), [m.span("v")]) for m in _MAG_SHORT_RE.finditer(text)]
    for start, end, values in spans:
        unit = _magnitude_unit(text, start, end)
        # "magnitude 6.0 to 6.5", "6.0-6.5 magnitude": a range.
        if len(values) == 2 and re.fullmatch(r"\s*(?:-|–|to)\s*", text[values[0][1]:values[1][0]]):
            values = [(values[0][0], values[1][1])]
        for v_start, v_end in values:
            number = text[v_start:v_end]
            parts = re.split(r"\s*(?:-|–|to)\s*", number)
            low = float(parts[0])
            high = float(parts[1]) if len(parts) == 2 else None
            if not 0 < low < 10.5 or (high is not None and high <= low):
                continue
            qualifier, q_start = ("range", v_start) if high is not None else \
                _qualifier_before(text, v_start)
            if qualifier == "exact":
                inside = re.search(r"magnitude[\s-]+(?:of\s+)?(?P<q>.+?)\s+$",
                                   text[start:v_start], re.IGNORECASE)
                if inside:
                    qualifier, _ = _qualifier_before(inside.group("q") + " ",
                                                     len(inside.group("q")) + 1)
            m_start, m_end = min(q_start, v_start), v_end
            if len(values) == 1:
                # One value: the whole phrase is its surface ("magnitude 7.2", "M6.4").
                m_start = min(m_start, start)
                m_end = max(v_end, start + len(text[start:end].rstrip(" -\t")))
            found.append(NumberMention(m_start, m_end, text[m_start:m_end], low, qualifier,
                                       "quantity", high, unit, "magnitude", None, None,
                                       v_start, v_end))
    return sorted(found, key=lambda x: x.start)


def _date_mentions(text: str, default_year: int | None) -> list[NumberMention]:
    found = []
    for m in _DATE_RE.finditer(text):
        mon = m.group("mon") or m.group("mon2") or m.group("mon3")
        key = mon.lower().rstrip(".")
        if key == "may" and not (m.group("year") or m.group("year2") or m.group("year3")):
            # "may 3" is far more often a verb + number than a date without a year.
            if m.group("mon") and m.group("mon")[0].islower():
                continue
        if mon[0].islower():
            continue
        month = _MONTHS.get(key) or _MONTH_ABBR.get(key)
        if month is None:
            continue
        day_text = m.group("day") or m.group("day2")
        year_text = m.group("year") or m.group("year2") or m.group("year3")
        year = int(year_text) if year_text else default_year
        if day_text is None:
            iso = f"{year_text}-{month:02d}"
            found.append(NumberMention(m.start(), m.end(), m.group(0), None, "exact", "date",
                                       normalized_unit=iso))
            continue
        day = int(day_text)
        iso, ordinal = None, None
        if year is not None:
            try:
                date = dt.date(year, month, day)
            except ValueError:
                continue
            iso, ordinal = date.isoformat(), float(date.toordinal())
        found.append(NumberMention(m.start(), m.end(), m.group(0), float(day), "exact", "date",
                                   normalized_value=ordinal, normalized_unit=iso))
    for m in _ISO_DATE_RE.finditer(text):
        try:
            date = dt.date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
        except ValueError:
            continue
        found.append(NumberMention(m.start(), m.end(), m.group(0), float(date.day), "exact",
                                   "date", normalized_value=float(date.toordinal()),
                                   normalized_unit=date.isoformat()))
    return found


def _time_mentions(text: str) -> list[NumberMention]:
    found = []
    for m in _TIME_RE.finditer(text):
        if m.group("h24"):
            hour, minute = int(m.group("h24")), int(m.group("m24"))
            start = m.start("h24")
        else:
            hour, minute = int(m.group("h")), int(m.group("m") or 0)
            if not 1 <= hour <= 12 or minute > 59:
                continue
            pm = m.group("ap").lower().startswith("p")
            hour = (hour % 12) + (12 if pm else 0)
            start = m.start("h")
        qualifier = "exact"
        prefix = m.group(0)[: start - m.start()].strip().lower()
        if prefix in ("around", "about", "approximately"):
            qualifier = "about"
        end = m.end()
        hhmm = f"{hour:02d}:{minute:02d}"
        zone = m.group("tz")
        zone = None if zone is None else ("local" if zone.lower().startswith("local") else zone)
        found.append(NumberMention(m.start() if qualifier != "exact" else start, end,
                                   text[m.start() if qualifier != "exact" else start:end],
                                   float(hour) + minute / 60, qualifier, "time", unit=zone,
                                   normalized_value=float(hour * 3600 + minute * 60),
                                   normalized_unit=hhmm))
    for m in _HHMM_ZONE_RE.finditer(text):
        hour, minute = int(m.group("h")), int(m.group("m"))
        found.append(NumberMention(m.start(), m.end(), m.group(0), hour + minute / 60, "exact",
                                   "time", unit=m.group("tz").upper(),
                                   normalized_value=float(hour * 3600 + minute * 60),
                                   normalized_unit=f"{hour:02d}:{minute:02d}"))
    return found


def year_spans(text: str) -> list[tuple[int, int, int]]:
    """Four-digit years written in the text, as (start, end, year)."""
    return [(m.start(), m.end(), int(m.group(0)))
            for m in re.finditer(r"(?<![\w$€£.,])(?:1[5-9]\d\d|20\d\d)(?![\w,.]\d|\s*(?:%|percent))", text)]


def _dates_and_times(text: str, default_year: int | None
                     ) -> tuple[list[NumberMention], list[tuple[int, int]]]:
    """The dates and clock times :func:`find_numbers` keeps, with the spans they take."""
    taken = _mask_spans(text)
    found: list[NumberMention] = []
    for mention in _date_mentions(text, default_year) + _time_mentions(text):
        if not _overlaps(mention.start, mention.end, taken):
            found.append(mention)
            taken.append((mention.start, mention.end))
    return found, taken


def find_dates(text: str, *, default_year: int | None = None) -> list[NumberMention]:
    """The date mentions of :func:`find_numbers` (the same ones), without reading quantities.

    Dates are read first and only masked spans or earlier dates and times can stop one, so
    the quantity scan (slow on a whole article) cannot change them.
    """
    found = [m for m in _dates_and_times(text, default_year)[0] if m.kind == "date"]
    return sorted(found, key=lambda m: m.start)  # in order of position, as find_numbers


def find_numbers(text: str, *, default_year: int | None = None) -> list[NumberMention]:
    """Every quantity, clock time and date written in ``text``, in order of position.

    Args:
        text: one sentence (or any short text).
        default_year: year used to complete dates written without one ("March 3").

    Returns:
        Mentions with character offsets into ``text``. Years used as dates, ages, ordinals,
        phone numbers, street numbers and list numbering are not returned.
    """
    found, taken = _dates_and_times(text, default_year)
    for mention in _speed_mentions(text) + _magnitude_mentions(text):
        if not any(f.start < mention.number_end and mention.number_start < f.end for f in found):
            found.append(mention)
    matches = list(_NUMBER_RE.finditer(text))
    for m in list(matches):
        if m.group("n2") and re.search(r"\bto\b", text[m.end("n"):m.start("n2")]) and \
                re.search(r"\bfrom\s+(?:\w+\s+)?$", text[:m.start()], re.IGNORECASE):
            # "rose from 10 to 15" is a change, not a range: read the two numbers apart.
            matches.remove(m)
            first_end = m.end("pct1") if m.group("pct1") else m.end("n")
            matches += [x for x in (_NUMBER_RE.match(text, m.start(), first_end),
                                    _NUMBER_RE.match(text, m.start("n2")))
                        if x is not None]
    for m in matches:
        mention = _quantity(text, m)
        if mention is None or _overlaps(mention.number_start, mention.number_end, taken):
            continue
        found.append(mention)
        taken.append((mention.start, mention.end))
    for m in _ARTICLE_UNIT_RE.finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        if m.group("unit").lower() == "second" and _ORDINAL_SECOND_RE.match(text, m.end()):
            continue  # "a second rehab center", "a second victim": the ordinal, not a time
        canonical, measure, factor, norm = _unit_info(m.group("unit"))
        value = 0.5 if m.group("a").lower().startswith("half") else 1.0
        found.append(NumberMention(m.start(), m.end(), m.group(0), value, _qualifier(m),
                                   unit=canonical, unit_measure=measure,
                                   normalized_value=value * factor, normalized_unit=norm,
                                   number_start=m.start("a"), number_end=m.end("a")))
        taken.append(m.span())
    for m in _VAGUE_RE.finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        qualifier = _qualifier(m)
        found.append(NumberMention(m.start(), m.end(), m.group(0), None,
                                   "about" if qualifier == "exact" else qualifier,
                                   number_start=m.start("v"), number_end=m.end("v")))
        taken.append(m.span())
    return sorted(found, key=lambda x: (x.start, x.end))


def _quantity(text: str, m: re.Match[str]) -> NumberMention | None:
    lo_text = m.group("b_lo") or m.group("n")
    hi_text = m.group("b_hi") or m.group("n2")
    num_start = m.start("b_lo") if m.group("b_lo") else m.start("n")
    num_end = m.end("b_hi") if m.group("b_hi") else (m.end("n2") if hi_text else m.end("n"))
    before, after = text[:num_start], text[num_end:]
    lo_lower = lo_text.lower()
    if lo_lower in ("one",) and not (m.group("unit") or m.group("mag") or hi_text):
        # "one" is mostly a pronoun or determiner ("one of the victims", "one official").
        return None
    if re.match(r"(?:st|nd|rd|th)\b", after) or re.match(r"\s*(?:-|–)?\s*year-old|-year", after):
        return None
    if _AGE_AFTER_RE.match(after) or _AGE_BEFORE_RE.search(before) and re.match(
            r"\s*(?:[,;:)]|\.(?!\d)|$|and\b|or\b|&)", after) and re.fullmatch(r"\d{1,3}", lo_text):
        # "Viola Warren, 62." / "Ann Lee, 14 and Tom Lee, 9": a number closing a name is an age.
        return None
    if re.fullmatch(r"\d{1,3}", lo_text) and not hi_text and int(lo_text) <= 120 and (
            _AGE_LIST_START.search(before) and _AGE_LIST_REST.match(after)
            or _AGE_LIST_CONTINUED.search(before)):
        # "two men, 19 and 20, were charged": small numbers set off by commas after a
        # noun are the ages of the people it names.
        return None
    if _IDENTIFIER_RE.search(before) or _ATTRIBUTE_AFTER_RE.match(after):
        return None
    if re.search(r"\bages?\s+$|\baged\s+$|\bage\s+of\s+$", before, re.IGNORECASE):
        return None
    if re.match(r"\s*(?:a\.m|p\.m|am\b|pm\b)", after, re.IGNORECASE):
        return None
    if re.match(r"(?::\d)", after) or re.search(r"\d[:/]$", before) or re.match(r"/\d", after):
        return None  # clock readings, fractions and dates like 1/3/2024 are not counts
    if re.search(r"(?:No\.|#|Nos?\.\s?)\s*$", before):
        return None
    has_context = bool(m.group("cur") or m.group("mag") or m.group("pct") or m.group("unit")
                       or m.group("cur_suf"))
    if _YEARISH_RE.match(lo_text) and not has_context and not hi_text:
        return None  # a bare four-digit number from 1500 to 2099 is a year
    if hi_text and _YEARISH_RE.match(lo_text) and _YEARISH_RE.match(hi_text) and not has_context:
        return None  # "2019-2020" is a span of years
    low = words_to_number(lo_text)
    high = words_to_number(hi_text) if hi_text else None
    if hi_text and (low is None or high is None or high <= low):
        return None  # "3-2" scores, "9-11" and similar are not ranges
    scale = 1.0
    mag = (m.group("mag") or "").strip(" -\t\n").lower()
    if mag:
        scale = _SCALES.get(mag) or _MAGNITUDE_ABBR.get(mag, 1.0)
        if mag in _MAGNITUDE_ABBR and not (m.group("cur") or m.group("cur_suf")):
            if mag != "m" or low is None:
                return None
            # "5m" without a currency is five metres, not five million.
            return NumberMention(m.start(), m.end("mag"), text[m.start():m.end("mag")], low,
                                 _qualifier(m), "quantity", None, "metres", "distance", low,
                                 "m", num_start, num_end)
    value = low * scale if low is not None else None
    value_high = high * scale if high is not None else None
    qualifier = "range" if value_high is not None else _qualifier(m)
    unit = unit_measure = norm_unit = None
    norm_value = None
    currency = m.group("cur") or m.group("cur2")
    if currency:
        code = re.sub(r"\s+", "", currency).lower()
        unit, unit_measure = _CURRENCY_PREFIX.get(code, currency.strip()), "money"
    elif m.group("cur_suf"):
        unit, unit_measure = _CURRENCY_SUFFIX[m.group("cur_suf").lower()], "money"
    elif m.group("pct") or m.group("pct1"):
        unit, unit_measure, norm_value, norm_unit = "percent", "percent", value, "percent"
    elif m.group("unit"):
        raw_unit = m.group("unit")
        canonical, unit_measure, factor, norm_unit = _unit_info(raw_unit)
        if raw_unit == "M":
            return None
        unit = canonical
        norm_value = value * factor if value is not None else None
    end = m.end()
    if m.group("cur_suf") and not currency:
        end = m.end("cur_suf")
    elif not (m.group("unit") or m.group("pct")):
        end = m.end("mag") if m.group("mag") else num_end
    surface = text[m.start():end]
    return NumberMention(
        m.start(), end, surface, value, qualifier, "quantity", value_high, unit, unit_measure,
        norm_value, norm_unit if norm_value is not None else None, num_start, num_end,
    )
