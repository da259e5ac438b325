"""A table-driven matcher for spaCy's attribute ruler: the same matches, found faster.

The small English pipeline's ``attribute_ruler`` maps every fine-grained tag to its POS and
morphology and fixes a few dozen words (pronouns, modals, "not"), with 179 patterns: 171 of
one token, 8 of two. spaCy's general :class:`~spacy.matcher.Matcher` tries each of them at
every token; on the parsed sentences of a 50-article story that took 0.5 of 2.35 cpu-s, as
much as the dependency parser (``benchmarks/analyze_speed.py``; measured with spaCy 3.8.x).

Here a one-token pattern whose keys are all plain token attributes (``TAG``, ``LOWER``,
``DEP``, ...) with an exact value or an ``IN`` list is a pure function of those attributes,
so the matching rules of a token are looked up once per distinct attribute tuple and then
read from a table. Every other pattern (two tokens, operators, other predicates) still goes
to a spaCy Matcher. The ruler itself is untouched: it still sorts the matches by rule and sets
the attributes, so the annotations are spaCy's own (``tests/test_claims_attributes.py``
compares every token's POS, morphology and lemma with the stock ruler's).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from spacy.attrs import IDS
from spacy.matcher import Matcher
from spacy.tokens import Doc

# Token attributes a one-token pattern may test for the table (values of Doc.to_array).
_TABLE_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE", "ORTH", "NORM", "POS", "LEMMA", "SHAPE")
_BOOL_KEYS = frozenset({"IS_SPACE"})
# Distinct attribute tuples remembered per matcher; past this the table starts afresh (a
# long-running server sees an open-ended vocabulary).
MAX_TABLE_ROWS = 200_000


def _condition(key: str, value: Any, strings: Any) -> frozenset[int] | None:
    """The accepted array values of one pattern key, or None when the table cannot test it."""
    if key in _BOOL_KEYS:
        return frozenset({int(value)}) if isinstance(value, bool) else None
    if isinstance(value, str):
        return frozenset({strings.add(value)})
    if isinstance(value, Mapping) and set(value) == {"IN"} and all(
            isinstance(v, str) for v in value["IN"]):
        return frozenset(strings.add(v) for v in value["IN"])
    return None


def _table_rule(pattern: Sequence[Mapping[str, Any]], strings: Any
                ) -> dict[str, frozenset[int]] | None:
    if len(pattern) != 1:
        return None
    conditions = {}
    for key, value in pattern[0].items():
        if key not in _TABLE_KEYS:
            return None
        accepted = _condition(key, value, strings)
        if accepted is None:
            return None
        conditions[key] = accepted
    return conditions


class TableMatcher:
    """Drop-in for the Matcher of a spaCy ``AttributeRuler`` (see module docstring).

    Called like a Matcher with ``as_spans=False``: returns ``(match_id, start, end)`` triples.
    Any other use (``get``, ``len``, serialising the ruler) is answered by the original.
    """

    def __init__(self, original: Matcher, vocab: Any,
                 rules: Iterable[tuple[int, Sequence[Sequence[Mapping[str, Any]]]]]) -> None:
        self._original = original
        self._rest = Matcher(vocab)
        self._single: list[tuple[int, dict[str, frozenset[int]]]] = []
        keys: set[str] = set()
        for match_id, patterns in rules:
            other = []
            for pattern in patterns:
                conditions = _table_rule(pattern, vocab.strings)
                if conditions is None:
                    other.append(list(pattern))
                else:
                    self._single.append((match_id, conditions))
                    keys.update(conditions)
            if other:
                self._rest.add(match_id, other)
        self._keys = tuple(sorted(keys))
        self._columns = [IDS[key] for key in self._keys]
        self._table: dict[tuple[int, ...], tuple[int, ...]] = {}
        # Each rule is filed under the values of its most selective key, so a token not yet
        # in the table is checked against a handful of rules, not all of them.
        self._index: dict[tuple[str, int], list[tuple[int, dict[str, frozenset[int]]]]] = {}
        self._unindexed: list[tuple[int, dict[str, frozenset[int]]]] = []
        for match_id, conditions in self._single:
            key = next((k for k in ("LOWER", "ORTH", "NORM", "LEMMA", "TAG", "DEP")
                        if k in conditions), None)
            if key is None:
                self._unindexed.append((match_id, conditions))
                continue
            for value in conditions[key]:
                self._index.setdefault((key, value), []).append((match_id, conditions))
        self._indexed_keys = sorted({key for key, _ in self._index})

    def _matching(self, row: tuple[int, ...]) -> tuple[int, ...]:
        values = dict(zip(self._keys, row))
        candidates = list(self._unindexed)
        for key in self._indexed_keys:
            candidates += self._index.get((key, values[key]), ())
        return tuple(sorted({match_id for match_id, conditions in candidates
                             if all(values[k] in accepted for k, accepted in conditions.items())}))

    def __call__(self, doc: Doc, *, allow_missing: bool = False, as_spans: bool = False,
                 **kwargs: Any) -> list[tuple[int, int, int]]:
        if as_spans or kwargs:
            return self._original(doc, allow_missing=allow_missing, as_spans=as_spans, **kwargs)
        found: list[tuple[int, int, int]] = []
        if self._single and len(doc):
            table = self._table
            if len(table) > MAX_TABLE_ROWS:
                table.clear()
            for i, row in enumerate(map(tuple, doc.to_array(self._columns).tolist())):
                ids = table.get(row)
                if ids is None:
                    ids = table[row] = self._matching(row)
                found.extend((match_id, i, i + 1) for match_id in ids)
        if len(self._rest):
            found.extend(self._rest(doc, allow_missing=allow_missing))
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self._original, name)

    def __len__(self) -> int:
        return len(self._original)


def speed_up_attribute_ruler(ruler: Any) -> None:
    """Give a spaCy ``AttributeRuler`` a :class:`TableMatcher` built from its own patterns.

    The ruler keeps its patterns, attributes and behaviour; only how matches are found
    changes. Called once on a freshly loaded pipeline that the caller owns.
    """
    vocab = ruler.vocab
    rules = [(vocab.strings.add(str(i)), ruler.matcher.get(str(i))[1])
             for i in range(len(ruler.attrs))]
    ruler.matcher = TableMatcher(ruler.matcher, vocab, rules)
