"""Direct quotes with their speakers, and reported speech ("X said that ...").

A direct quote is text between opening and closing quote marks (straight or curly, mixed
pairs too, as copy-edited text often has). The speaker is the subject of the nearest
reporting verb outside the quote marks in the same sentence ("..., Raisi said." / "Raisi
said: ..." / "said Raisi"); a pronoun speaker ("he said") becomes the nearest PERSON named
earlier in the article; a quote with no reporting verb in its sentence continues the
previous quote's speaker when that quote ended just before. Short quotes without a speaker
are scare quotes ("terrorist attacks") and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsfuse.claims.link import REPORTING_VERBS, phrase_without_clauses

QUOTE_RE = re.compile(r"[“\"](?P<q>[^“”\"\n]{2,}?)[”\"]")
PRONOUNS = frozenset({"he", "she", "they", "i", "we", "him", "her"})
MIN_WORDS = 3
MIN_WORDS_WITHOUT_SPEAKER = 8
MAX_CONTINUATION_GAP = 300


@dataclass(frozen=True)
class QuoteSpan:
    """A quote found in the article text: character span of the quoted words and speaker."""

    start: int
    end: int
    speaker: str | None
    direct: bool = True


def speaker_of(verb: Token, persons_before: list[str]) -> str | None:
    """The speaker of a reporting verb: its subject, an inverted subject, or a resolved pronoun."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        # "said Raisi", "expressed Ayatollah Ali Khamenei": a proper noun right after the verb.
        subject = next((c for c in verb.rights if c.pos_ == "PROPN" or c.ent_type_ == "PERSON"),
                       None)
        if subject is None and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            subject = verb.head
    if subject is None:
        return None
    if subject.lower_ in PRONOUNS:
        return persons_before[-1] if persons_before else None
    if subject.lower_ in ("it", "which", "that", "who", "this"):
        return None
    return phrase_without_clauses(subject)


def _reporting_verbs(doc: Doc, offset: int, quoted: list[tuple[int, int]]) -> list[Token]:
    verbs = []
    for tok in doc:
        at = offset + tok.idx
        if any(a <= at < b for a, b in quoted):
            continue
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in REPORTING_VERBS | {
                "respond", "ask", "shout", "recall", "continue", "urge", "vow", "call"}:
            verbs.append(tok)
    return verbs


def find_quotes(text: str, sentences: list[tuple[int, int]], docs: dict[int, Doc],
                persons: list[tuple[int, str]]) -> list[QuoteSpan]:
    """Direct quotes and reported speech of one article.

    Args:
        text: the article text.
        sentences: sentence spans (start, end) in text order.
        docs: parsed sentences by their start offset (only sentences that were parsed).
        persons: (offset, name) of PERSON entities in text order, for pronoun speakers.
    """
    matches = [m for m in QUOTE_RE.finditer(text)]
    quoted = [(m.start(), m.end()) for m in matches]
    found: list[QuoteSpan] = []
    previous: QuoteSpan | None = None
    for m in matches:
        words = m.group("q").split()
        if len(words) < MIN_WORDS:
            continue
        q_start, q_end = m.start("q"), m.end("q")
        # trim spaces and trailing commas so the citation is the quoted words only
        while q_end > q_start and text[q_end - 1] in " ,":
            q_end -= 1
        while q_start < q_end and text[q_start] == " ":
            q_start += 1
        before = [name for at, name in persons if at < m.start()]
        verbs: list[tuple[int, Token]] = []
        for s_start, s_end in sentences:
            if s_end <= m.start() or s_start >= m.end() or s_start not in docs:
                continue
            for verb in _reporting_verbs(docs[s_start], s_start, quoted):
                at = s_start + verb.idx
                distance = m.start() - at if at < m.start() else at - m.end()
                verbs.append((distance, verb))
        speaker = None
        for _, verb in sorted(verbs, key=lambda pair: pair[0]):
            speaker = speaker_of(verb, before)
            if speaker:
                break
        if speaker is None and not verbs and previous is not None and previous.speaker and \
                m.start() - previous.end <= MAX_CONTINUATION_GAP:
            speaker = previous.speaker
        if speaker is None and len(words) < MIN_WORDS_WITHOUT_SPEAKER:
            continue
        quote = QuoteSpan(q_start, q_end, speaker)
        found.append(quote)
        previous = quote
    for s_start, _ in sentences:
        doc = docs.get(s_start)
        if doc is None or any(a < s_start + len(doc.text) and s_start < b for a, b in quoted):
            continue
        found += _reported(doc, s_start, [name for at, name in persons if at < s_start])
    return sorted(found, key=lambda q: (q.start, q.end))


def _reported(doc: Doc, offset: int, persons_before: list[str]) -> list[QuoteSpan]:
    found = []
    for verb in doc:
        if verb.lemma_.lower() not in ("say", "tell", "state", "announce", "add", "confirm",
                                       "warn", "insist", "claim") or verb.pos_ != "VERB":
            continue
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None or not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
            continue
        speaker = speaker_of(verb, persons_before)
        if speaker is None:
            continue
        words = [t for t in clause.subtree if not (t.dep_ == "mark" and t.lower_ == "that"
                                                   and t.i == clause.left_edge.i)]
        words = [t for t in words if not t.is_punct or t.i != clause.right_edge.i]
        if len(words) < MIN_WORDS:
            continue
        start = offset + words[0].idx
        end = offset + words[-1].idx + len(words[-1].text)
        found.append(QuoteSpan(start, end, speaker, direct=False))
    return found
