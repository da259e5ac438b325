"""Direct quotes with their speakers, and reported speech ("X said that ...").

A direct quote is text between opening and closing quote marks (straight or curly, mixed
pairs too, as copy-edited text often has). The speaker is the subject of the nearest
reporting verb outside the quote marks in the same sentence ("..., Smith said." / "Smith
said: ..." / "said Smith"); a pronoun speaker ("he said") becomes the nearest PERSON named
earlier in the article; a quote with no reporting verb in its sentence continues the
previous quote's speaker when that quote ended just before. Short quotes without a speaker
are scare quotes ("terrorist attacks") and are skipped.

A speaker is a PERSON / ORG / NORP name or a role noun ("police", "the sheriff", "a
spokeswoman"), never a place or facility (GPE / FAC / LOC: a village name after "said" is
an adjunct the parser may hang on the verb). "he/she said" resolves first to a
person who is the subject of a sentence between the previous quote and this one, then to the
previous quote's speaker, then to the nearest person named before the sentence who is not
part of a longer name ("... Kennedy International Airport") nor named inside the quote.
Quoted spans under four words with no verb, or Title Case names ("Ring of Fire"), are names
or scare quotes, not quotes. Reported speech after its verb runs to the end of the sentence,
so a clause the parser split off ("... and her son never complained") is not cut away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsfuse.claims.link import REPORTING_VERBS, is_person_noun, phrase_without_clauses

QUOTE_RE = re.compile(r"[“\"](?P<q>[^“”\"\n]{2,}?)[”\"]")
PRONOUNS = frozenset({"he", "she", "they", "i", "we", "him", "her"})
MIN_WORDS = 3
# A quoted span shorter than this with no verb is a name or scare quote ("person of interest").
MIN_WORDS_WITHOUT_VERB = 4
MAX_TITLE_WORDS = 6
MAX_PREVIOUS_SPEAKER_GAP = 1500
_NOT_SPEAKER_ENTS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL",
                               "QUANTITY", "MONEY", "PERCENT", "EVENT", "PRODUCT",
                               "WORK_OF_ART", "LAW", "LANGUAGE"})
# Nouns for organisations that speak ("police said", "the ministry said").
_SPEAKING_BODIES = frozenset({
    "police", "authority", "authorities", "agency", "ministry", "department", "office",
    "government", "company", "firm", "group", "statement", "report", "court", "military",
    "army", "council", "committee", "board", "campaign", "team", "family", "media", "network",
    "newspaper", "paper", "organisation", "organization", "service", "center", "centre",
    "union", "bureau", "commission", "administration", "embassy", "coroner", "sheriff",
    "prosecutor", "lawyer", "attorney", "spokesman", "spokeswoman", "spokesperson", "source",
    "witness", "neighbor", "neighbour", "friend", "relative", "chief", "director", "head",
    "president", "minister", "governor", "mayor", "judge", "investigator", "detective"})
_PLACE_NOUNS = frozenset({
    "city", "town", "village", "country", "state", "county", "province", "district", "region",
    "area", "airport", "road", "street", "highway", "house", "home", "building", "site",
    "scene", "place", "neighborhood", "neighbourhood", "river", "island", "border", "camp",
    "day", "week", "year", "time", "morning", "night", "evening", "afternoon"})
SPEECH_VERBS = frozenset({"respond", "ask", "shout", "recall", "continue", "urge", "vow", "call",
                          "sob", "argue", "cry", "scream", "yell", "whisper", "reply", "admit",
                          "concede", "claim", "contend", "maintain", "assert", "predict",
                          "complain", "plead", "laugh", "joke", "quip", "remark", "observe",
                          "mutter", "exclaim", "testify", "boast", "promise", "lament"})
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
    subject = _verb_subject(verb)
    if subject is None:
        # "said Smith", "added Governor Jane Doe": a proper noun right after the verb.
        subject = next((c for c in verb.rights if c.pos_ == "PROPN" or c.ent_type_ == "PERSON"),
                       None)
        if subject is None and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            subject = verb.head
    if subject is None or subject.dep_ == "nsubjpass":
        return None  # "Channel 4 was told ...": the passive subject heard it, did not say it
    if subject.lower_ in PRONOUNS:
        return persons_before[-1] if persons_before else None
    if subject.lower_ in ("it", "which", "that", "who", "this"):
        return None
    if not can_speak(subject, preverbal=subject.i < verb.i):
        return None
    return speaker_or_none(speaker_phrase(subject))


# Speaker phrases that are page furniture, not people: timestamps and section labels of live
# pages ("Update 2: 10pm"), ad slots, photo credits, a bare number or punctuation.
_FURNITURE_RE = re.compile(
    r"\d{1,2}:\d{2}|\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w)|^\W*\d[\d\W]*$|^[^A-Za-z]*$|"
    r"^(?:update[ds]?|editor'?s note|correction|related|read more|click|watch|listen|"
    r"subscribe|sign up|share|comments?|copyright|photo|video|caption|image)\b|"
    r"\b(?:advertisement|sponsored|newsletter|getty images|all rights reserved)\b",
    re.IGNORECASE)


def speaker_or_none(phrase: str | None) -> str | None:
    """The phrase, or None when it is a timestamp, a section label or page boilerplate."""
    if phrase is None or _FURNITURE_RE.search(phrase):
        return None
    return phrase


def _verb_subject(verb: Token) -> Token | None:
    """The subject of a reporting verb. Of two subjects the parser gave it ("The acquisition,
    said Okonkwo, ...") the name; a participle or second verb without one ("..., the
    official said, adding that ...", "... and said it ...") shares the subject of its head."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) > 1:
        # An inverted name ("..., said Okonkwo, ...") is the speaker; a noun after the
        # verb that is not a name is the subject of the reported clause the parser misplaced
        # ("Forensic experts said the bullet was ...").
        named = [c for c in subjects if c.i > verb.i and (c.ent_type_ in ("PERSON", "ORG") or (
            c.pos_ == "PROPN" and c.ent_type_ not in _NOT_SPEAKER_ENTS))]
        before = [c for c in subjects if c.i < verb.i]
        return (named or before[-1:] or subjects)[0]
    if subjects:
        return subjects[0]
    head = verb.head
    if verb.dep_ in ("advcl", "conj") and head.i != verb.i and head.pos_ in ("VERB", "AUX") \
            and (verb.dep_ == "conj" or verb.tag_ == "VBG" and head.dep_ != "ccomp"):
        # not from a verb of a reported clause: "Experts said the bullet was deformed,
        # suggesting ..." (the experts suggest, not the bullet)
        return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


# Where or how something was said, not who said it: "the company in a statement", "Smith on
# Twitter", "the coach at a news conference", "the mayor in an interview with ...".
_VENUE_PREPS = frozenset({"in", "on", "at", "during", "via", "through", "after", "before",
                          "to", "from"})
_VENUE_NOUNS = frozenset({
    "statement", "interview", "conference", "briefing", "release", "tweet", "twitter", "post",
    "email", "e-mail", "letter", "video", "blog", "message", "call", "speech", "hearing",
    "meeting", "rally", "appearance", "event", "session", "broadcast", "show", "podcast",
    "programme", "program", "radio", "television", "tv", "facebook", "instagram", "x",
    "reporters", "journalists", "media", "press", "note", "memo", "filing", "court", "page",
    "website", "site", "town", "hall", "townhall", "practice", "ceremony", "remarks"})


def speaker_phrase(tok: Token) -> str:
    """The speaker's noun phrase without the venue of the saying ("the company in a
    statement" -> "company") and without clauses or appositions."""
    phrase = phrase_without_clauses(tok)
    for child in tok.children:
        if child.dep_ != "prep" or child.i < tok.i or child.lower_ not in _VENUE_PREPS:
            continue
        pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if pobj is not None and (pobj.lemma_.lower() in _VENUE_NOUNS
                                 or pobj.lower_ in _VENUE_NOUNS):
            cut = phrase.find(f" {child.text} ")
            if cut > 0:
                phrase = phrase[:cut].strip(" ,")
            break
    return phrase


def can_speak(tok: Token, preverbal: bool = False) -> bool:
    """True when a subject can be a speaker: a PERSON / ORG / NORP name or a role noun; a
    place, facility, date or number cannot ("said Bireun", "Route 9 said").

    A country or city named as the subject before the verb speaks for its government
    ("China said", "Washington says"); the tagger also labels some surnames GPE ("Payton
    said"). After the verb ("said Bireun") a place is an adjunct the parser hung on the verb.
    """
    if tok.ent_type_ == "GPE" and preverbal and tok.dep_ == "nsubj":
        return True
    if tok.ent_type_ in _NOT_SPEAKER_ENTS or tok.pos_ == "PRON":
        return False  # a place, a number, or "somebody" / "anyone"
    if any(c.dep_ == "appos" and c.lemma_.lower() in _PLACE_NOUNS for c in tok.children):
        return False  # "Riverton, a farming town"
    if tok.ent_type_ in ("PERSON", "ORG", "NORP") or tok.pos_ == "PROPN":
        return True
    lemma = tok.lemma_.lower()
    if lemma in _SPEAKING_BODIES or tok.lower_ in _SPEAKING_BODIES or is_person_noun(tok):
        return True
    # Role nouns are an open class ("the actress", "the star"); places and things are not.
    return tok.pos_ == "NOUN" and lemma not in _PLACE_NOUNS


def _reporting_verbs(doc: Doc, offset: int, quoted: list[tuple[int, int]]) -> list[Token]:
    verbs = []
    for tok in doc:
        at = offset + tok.idx
        if any(a <= at < b for a, b in quoted):
            continue
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in REPORTING_VERBS | SPEECH_VERBS:
            verbs.append(tok)
    return verbs


def _is_name_or_scare_quote(words: list[str], tokens: list[Token]) -> bool:
    """A short quoted span with no verb ("person of interest"), or a Title Case name of a few
    words ("Ring of Fire", "Safe Ride Solutions"), is not a quote."""
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in tokens)
    if len(words) < MIN_WORDS_WITHOUT_VERB and not has_verb:
        return True
    content = [w for w in words if len(w) > 3 or w[:1].isupper()]
    title = bool(content) and all(w[:1].isupper() for w in content)
    return len(words) <= MAX_TITLE_WORDS and title and not has_verb


def _resolve_pronoun(at: int, quote: str, bound: int,
                     persons: list[tuple[int, str, bool]],
                     previous: list[tuple[int, str]], pronoun: str = "",
                     genders: dict[str, str] | None = None) -> str | None:
    """The person "he/she said" refers to (see module docstring), named before ``bound`` (the
    pronoun itself, or the start of its sentence). With ``genders`` (see
    :func:`person_genders`), "she" skips persons with male evidence and "he" persons with
    female evidence; when the previous speaker's gender is unknown, a person of the
    pronoun's gender named since that quote is preferred to it."""
    want = _PRONOUN_GENDER.get(pronoun.lower())
    known = genders or {}

    def fits(name: str) -> bool:
        return want is None or gender_of(name, known) in (None, want)

    last = max((p for p in previous if p[0] <= at and fits(p[1])), default=None)
    since = last[0] if last and at - last[0] <= MAX_PREVIOUS_SPEAKER_GAP else -1
    subjects = [name for off, name, subject in persons
                if subject and since < off < bound and name not in quote and fits(name)]
    if subjects:
        if last is not None and since >= 0 and _names_head(last[1], subjects[-1]):
            return last[1]  # the previous speaker's own name ("Chief Ann Lee" -> "Ann Lee")
        return subjects[-1]
    if since >= 0 and last is not None and last[1] not in quote:
        if want is not None and gender_of(last[1], known) is None:
            named = [name for off, name, _ in persons if since < off < bound
                     and name not in quote and gender_of(name, known) == want]
            if named:
                return named[-1]  # "Lane's rep ... she said": the woman named since
        return last[1]
    names = [name for off, name, _ in persons
             if off < bound and name not in quote and fits(name)]
    return names[-1] if names else None


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                   "she": "f", "her": "f", "hers": "f", "herself": "f"}
# Titles and nouns that tell a person's gender when written next to the name ("Mrs. Lee",
# "actress Mira Lane", "Ruth Lane, her mother"). First names are never used: they say
# nothing reliable across languages and cultures.
_FEMALE_WORDS = frozenset({
    "mrs", "ms", "miss", "madam", "madame", "mme", "lady", "dame", "actress", "mother", "mom",
    "mum", "wife", "daughter", "sister", "girl", "woman", "queen", "princess", "duchess",
    "countess", "grandmother", "grandma", "aunt", "niece", "girlfriend", "widow", "bride",
    "fiancee", "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "policewoman",
    "sportswoman", "stepmother", "stepdaughter", "heiress", "waitress", "hostess", "nun",
    "granddaughter", "sister-in-law", "mother-in-law", "daughter-in-law", "councilwoman",
    "anchorwoman", "servicewoman", "firewoman", "assemblywoman", "matriarch"})
_MALE_WORDS = frozenset({
    "mr", "sir", "lord", "father", "dad", "husband", "son", "brother", "boy", "man", "king",
    "prince", "duke", "count", "grandfather", "grandpa", "uncle", "nephew", "boyfriend",
    "widower", "groom", "fiance", "spokesman", "congressman", "businessman", "policeman",
    "sportsman", "stepfather", "stepson", "grandson", "brother-in-law", "father-in-law",
    "son-in-law", "councilman", "anchorman", "serviceman", "fireman", "assemblyman", "monk",
    "patriarch"})
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
# How far after a mention a pronoun counts as evidence for that person: the rest of the
# sentence and the next one, never past another person's name or a quote mark.
MAX_PRONOUN_EVIDENCE_CHARS = 300


def _word_gender(word: str) -> str | None:
    w = word.lower().rstrip(".")
    return "f" if w in _FEMALE_WORDS else "m" if w in _MALE_WORDS else None


def _surname(name: str) -> str:
    words = [w for w in name.replace("’", "'").split() if w[:1].isupper()]
    return words[-1].removesuffix("'s").strip(".,") if words else ""


def gender_of(phrase: str, genders: dict[str, str]) -> str | None:
    """"f", "m" or None for a speaker phrase: the gender of the person it names ("Mira Lane"
    with female evidence in the article), else of its head noun ("the spokeswoman")."""
    words = phrase.replace("’", "'").split()
    if not words:
        return None
    head = words[-1]
    if head[:1].isupper() and not head.endswith("'s"):
        found = genders.get(_surname(phrase))
        if found:
            return found
    return _word_gender(head)


def person_genders(text: str, persons: list[tuple[int, str, bool]] | list[tuple[int, str]]
                   ) -> dict[str, str]:
    """Gender evidence for each named person, from the article itself, keyed by surname.

    Evidence at each mention of the surname: a title or gendered noun just before the name
    ("Mrs.", "actress", "her son"), a gendered noun in an apposition after it (", the
    actress"), and the first he/she/his/her after it (in the same or the next sentence) when
    no other person, gendered noun or quote mark comes first. Titles and nouns weigh more than
    pronouns; a tie is no evidence.
    """
    surnames = sorted({s for s in (_surname(p[1]) for p in persons) if len(s) > 1})
    if not surnames:
        return {}
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in surnames) + r")\b")
    mentions = [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
    score: dict[str, int] = {}
    for i, (a, b, key) in enumerate(mentions):
        votes = 0
        before = _WORD_RE.findall(text[max(0, a - 80):a])
        for word in reversed(before[-4:]):
            g = _word_gender(word)
            if g:
                votes += 3 if g == "f" else -3
                break
            if not word[:1].isupper():
                break  # past the first names, a word that is no title
        apposition = re.match(r",\s+(?:the|an?|his|her|their|its)\s+((?:[\w-]+\s+){0,2}[\w-]+)",
                              text[b:b + 60])
        if apposition:
            g = next((g for g in map(_word_gender, apposition.group(1).split()) if g), None)
            if g:
                votes += 2 if g == "f" else -2
        # the window ends at the next named person (any surname of the article)
        limit = mentions[i + 1][0] if i + 1 < len(mentions) else len(text)
        window = text[b:min(limit, b + MAX_PRONOUN_EVIDENCE_CHARS)]
        window = re.split(r"[“”\"]", window, maxsplit=1)[0]
        breaks = [m.start() for m in re.finditer(r"[.!?]\s", window)]
        if len(breaks) > 1:
            window = window[:breaks[1]]
        for word in _WORD_RE.findall(window):
            lower = word.lower()
            if lower in _PRONOUN_GENDER:
                votes += 1 if _PRONOUN_GENDER[lower] == "f" else -1
                break
            if _word_gender(word):
                break  # another person ("his wife") comes first
        score[key] = score.get(key, 0) + votes
    return {key: "f" if v > 0 else "m" for key, v in score.items() if v}




# Nouns of bodies that "it" can stand for as a speaker ("The company said ... It added ...").
_ORG_NOUNS = frozenset({
    "company", "firm", "government", "ministry", "agency", "department", "office", "council",
    "committee", "board", "court", "bureau", "commission", "administration", "embassy",
    "group", "team", "club", "network", "newspaper", "paper", "organisation", "organization",
    "service", "union", "authority", "military", "army", "campaign", "party", "bank",
    "university", "school", "hospital", "airline", "church", "league", "federation",
    "association", "institute", "website", "magazine", "station", "channel", "studio",
    "corporation", "giant", "maker", "manufacturer", "carrier", "retailer", "insurer",
    "developer", "publisher", "broadcaster", "regulator", "charity", "foundation", "fund"})


def _it_speaker(verb: Token, subject: Token, before: Doc | None,
                last: tuple[int, str] | None, sentence_start: int,
                genders: dict[str, str]) -> str | None:
    """The organisation "it said" refers to: the last organisation subject (an ORG name or a
    body such as "the company") of the previous sentence or of this one before "it"; else
    the previous speaker when it spoke in the previous sentence and is no person (a single
    name without gender evidence, as the tagger calls some companies persons)."""
    candidates = [t for t in (*(before or ()), *verb.doc[:subject.i])
                  if t.dep_ == "nsubj" and (t.ent_type_ == "ORG" or (
                      t.pos_ == "NOUN" and t.lemma_.lower() in _ORG_NOUNS))]
    if candidates:
        return speaker_or_none(speaker_phrase(candidates[-1]))
    if last is not None and before is not None and \
            last[0] >= sentence_start - len(before.text) - 2:
        name = last[1]
        if gender_of(name, genders) is None and (len(name.split()) == 1 or
                                                 name.split()[-1].lower() in _ORG_NOUNS):
            return name
    return None


def _names_head(phrase: str, name: str) -> bool:
    """True when a speaker phrase is this person ("Chief Ann Lee" for "Ann Lee"), not someone
    of theirs ("Lane's rep" for "Lane")."""
    at = phrase.rfind(name)
    return at >= 0 and phrase[at + len(name):at + len(name) + 2] not in ("'s", "’s")


def _holds_other_quote(verb: Token, offset: int, here: tuple[int, int],
                       quoted: list[tuple[int, int]]) -> bool:
    """True when a reporting verb's clause is written by the reporter around another quote
    ("Brandt said she was “resting with family” at ...") that is not this one: the verb has
    its quote and does not govern a later one in the sentence."""
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        a = offset + clause.left_edge.idx
        b = offset + clause.right_edge.idx + len(clause.right_edge)
        if a <= here[0] < b:
            continue
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or any(x <= offset + subject.idx < y for x, y in quoted):
            continue
        if any(x < b and a < y and (x, y) != here for x, y in quoted):
            return True
    return False


def find_quotes(text: str, sentences: list[tuple[int, int]], docs: dict[int, Doc],
                persons: list[tuple[int, str]] | list[tuple[int, str, bool]]
                ) -> list[QuoteSpan]:
    """Direct quotes and reported speech of one article.

    Args:
        text: the article text.
        sentences: sentence spans (start, end) in text order.
        docs: parsed sentences by their start offset (only sentences that were parsed).
        persons: (offset, name[, is sentence subject]) of PERSON entities in text order, for
            pronoun speakers.
    """
    people = [(p[0], p[1], p[2] if len(p) > 2 else True) for p in persons]  # type: ignore[misc]
    matches = [m for m in QUOTE_RE.finditer(text)]
    quoted = [(m.start(), m.end()) for m in matches]
    people = [p for p in people if not any(a <= p[0] < b for a, b in quoted)]
    previous_start = {b[0]: a[0] for a, b in zip(sentences, sentences[1:])}
    genders = person_genders(text, people)
    reported: list[QuoteSpan] = []
    # Speakers of a negated "say" ("He did not say what ..."): nothing is reported, but the
    # person stays the one a following "he said" refers to.
    silent: list[tuple[int, str]] = []
    for s_start, _ in sentences:
        doc = docs.get(s_start)
        if doc is None:
            continue
        s_end = s_start + len(doc.text)  # doc.text joins every token: read it once
        if any(a < s_end and s_start < b for a, b in quoted):
            continue
        reported += _reported(doc, s_start, people, reported, silent, genders,
                              docs.get(previous_start.get(s_start, -1)))
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
        quote_text = text[q_start:q_end]
        spoken = [(q.end, q.speaker) for q in [*reported, *found] if q.speaker] + silent
        verbs: list[tuple[int, Token, int]] = []
        inside: list[Token] = []
        sentence_docs: list[tuple[int, Doc]] = []
        for s_start, s_end in sentences:
            if s_end <= m.start() or s_start >= m.end() or s_start not in docs:
                continue
            doc = docs[s_start]
            sentence_docs.append((s_start, doc))
            inside += [t for t in doc if q_start <= s_start + t.idx < q_end]
            for verb in _reporting_verbs(doc, s_start, quoted):
                if _holds_other_quote(verb, s_start, (m.start(), m.end()), quoted):
                    continue
                at = s_start + verb.idx
                distance = m.start() - at if at < m.start() else at - m.end()
                verbs.append((distance, verb, s_start))
        if inside and _is_name_or_scare_quote(words, inside):
            continue
        speaker = None
        for _, verb, s_start in sorted(verbs, key=lambda triple: triple[0]):
            subject = _verb_subject(verb)
            if subject is not None and subject.lower_ in PRONOUNS:
                speaker = _resolve_pronoun(m.start(), quote_text, s_start + subject.idx, people,
                                           spoken,
                                           subject.lower_, genders)
            elif subject is not None and subject.lower_ == "it":
                last = max((p for p in spoken if p[0] <= m.start()), default=None)
                speaker = _it_speaker(verb, subject, docs.get(previous_start.get(s_start, -1)),
                                      last, s_start, genders)
            else:
                speaker = speaker_of(verb, [])
            if speaker and speaker in quote_text:
                speaker = None  # the person the quote talks about is not its speaker
            if speaker:
                break
        if speaker is None:
            speaker = _according_to(sentence_docs, (m.start(), m.end()), quoted)
        if speaker is None and not verbs and previous is not None and previous.speaker and \
                m.start() - previous.end <= MAX_CONTINUATION_GAP:
            speaker = previous.speaker
        if speaker is None and len(words) < MIN_WORDS_WITHOUT_SPEAKER:
            continue
        quote = QuoteSpan(q_start, q_end, speaker)
        found.append(quote)
        previous = quote
    found += _open_paragraphs(text, quoted, found + reported)
    return sorted(found + reported, key=lambda q: (q.start, q.end))


# A paragraph (line) that opens a quote and never closes it: the quote goes on in the next
# paragraph, which by the copy-editing convention opens with a quote mark again, or (text
# rebuilt one sentence per line) closes on a later line.
_OPEN_LINE_RE = re.compile(r"^[ \t]*[“\"](?P<q>[^“”\"\n]+?)[ \t]*$", re.MULTILINE)


def _open_paragraphs(text: str, quoted: list[tuple[int, int]],
                     known: list[QuoteSpan]) -> list[QuoteSpan]:
    """Quotes of paragraphs that open a quote mark and leave it open; the speaker is the one
    of the direct quote that continues them (the next one, starting within
    MAX_CONTINUATION_GAP after the paragraph, with no other quote mark in between)."""
    out: list[QuoteSpan] = []
    following = sorted((q for q in known if q.direct and q.speaker), key=lambda q: q.start)
    for m in _OPEN_LINE_RE.finditer(text):
        if len(m.group("q").split()) < MIN_WORDS or any(a < m.end() and m.start() < b
                                                        for a, b in quoted):
            continue
        nxt = next((q for q in following if q.start >= m.end()), None)
        if nxt is None or nxt.start - m.end() > MAX_CONTINUATION_GAP:
            continue
        between = text[m.end():nxt.start]
        if len(_ANY_MARK_RE.findall(between)) > 1:
            continue  # another quote (or stray mark) intervenes: not a continuation
        start, end = m.start("q"), m.end("q")
        out.append(QuoteSpan(start, end, nxt.speaker))
    return out


_ANY_MARK_RE = re.compile(r"[“”\"]")


def _reported(doc: Doc, offset: int, persons: list[tuple[int, str, bool]],
              previous: list[QuoteSpan], silent: list[tuple[int, str]],
              genders: dict[str, str], before: Doc | None = None) -> list[QuoteSpan]:
    found: list[QuoteSpan] = []
    for verb in doc:
        if verb.lemma_.lower() not in ("say", "tell", "state", "announce", "add", "confirm",
                                       "warn", "insist", "claim", "argue") or \
                verb.pos_ != "VERB":
            continue
        if _not_said(verb):
            # "did not say what ...", "declined to say where ...": nothing reported
            spoken = [(q.end, q.speaker) for q in previous + found if q.speaker] + silent
            subject = _subject_of(verb)
            who = _resolve_pronoun(offset + verb.idx, "", offset, persons, spoken,
                                   subject.lower_ if subject is not None else "", genders) if (
                subject is not None and subject.lower_ in PRONOUNS) else speaker_of(verb, [])
            if who:
                silent.append((offset + len(doc.text), who))
            continue
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        # "X said that ..." after the verb is the reported clause when there is one.
        clause = next((c for c in clauses if c.i > verb.i), clauses[0] if clauses else None)
        if clause is None or not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
            continue
        if _is_question(clause):
            continue  # an indirect question ("said what it would cost") reports no statement
        if _is_conditional(verb):
            continue  # "if somebody tells me ...": a supposed saying, not a report
        subject = _verb_subject(verb)
        if clause.i < verb.i and subject is not None and \
                clause.right_edge.i >= subject.left_edge.i:
            continue  # the parser ran the clause into the speaker's own words: a misparse
        words = [t for t in clause.subtree if not (t.dep_ == "mark" and t.lower_ == "that"
                                                   and t.i == clause.left_edge.i)]
        if clause.i > verb.i:
            # "X said that A ... and B never complained": the reported words run to the end
            # of the sentence; the parser often hangs the last conjunct elsewhere.
            words = [t for t in doc[words[0].i:] if not (t.dep_ == "mark" and t.i == words[0].i
                                                         and t.lower_ == "that")]
        words, source = _trailing_attribution(words)
        while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
            words = words[:-1]
        while words and (words[0].is_punct or words[0].lower_ == "that" and
                         words[0].dep_ not in ("nsubj", "nsubjpass")):
            words = words[1:]
        if len(words) < MIN_WORDS:
            continue
        start = offset + words[0].idx
        end = offset + words[-1].idx + len(words[-1].text)
        said = text_of = doc.text[words[0].idx: words[-1].idx + len(words[-1].text)]
        if subject is not None and subject.lower_ in PRONOUNS:
            spoken = [(q.end, q.speaker) for q in previous + found if q.speaker] + silent
            speaker = _resolve_pronoun(offset + verb.idx, said, offset + subject.idx, persons,
                                       spoken,
                                       subject.lower_, genders)
        elif subject is not None and subject.lower_ == "it":
            spoken = [(q.end, q.speaker) for q in previous + found if q.speaker]
            last = max((p for p in spoken if p[0] <= offset), default=None)
            speaker = _it_speaker(verb, subject, before, last, offset, genders)
        else:
            speaker = speaker_of(verb, [])
        speaker = speaker or source
        if speaker is None or speaker in text_of:
            continue
        # A quote whose opening (or closing) mark lies in another sentence or line ('"We
        # appreciate ...," the rep said.' after a line break) is still a direct quote.
        before = doc.text[:words[0].idx].rstrip()
        after = doc.text[words[-1].idx + len(words[-1].text):].lstrip(" ,.!?;:")
        direct = before[-1:] in _OPEN_MARKS or after[:1] in _CLOSE_MARKS
        found.append(QuoteSpan(start, end, speaker, direct=direct))
    return found


_OPEN_MARKS = frozenset({'"', "“", "‘", "'"})
_CLOSE_MARKS = frozenset({'"', "”", "’", "'"})
_QUESTION_WORDS = frozenset({"what", "why", "where", "whether", "how", "who", "whom", "when",
                             "which", "if"})
# Verbs that, governing "say", mean it was not said ("declined to say", "refused to say").
_REFUSE_VERBS = frozenset({"decline", "refuse", "fail", "won't", "avoid"})


def _according_to(sentence_docs: list[tuple[int, Doc]], here: tuple[int, int],
                  quoted: list[tuple[int, int]]) -> str | None:
    """The source of "according to X" outside the quote marks, in the quote's sentences
    ('"The roof just flew off," according to a neighbour.')."""
    for offset, doc in sentence_docs:
        for tok in doc:
            at = offset + tok.idx
            if tok.lower_ != "according" or any(a <= at < b for a, b in quoted):
                continue
            to = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            source = next((c for c in to.children if c.dep_ == "pobj"), None) if (
                to is not None and to.lower_ == "to") else None
            if source is not None and can_speak(source):
                return speaker_or_none(speaker_phrase(source))
    return None


def _trailing_attribution(words: list[Token]) -> tuple[list[Token], str | None]:
    """Reported words without a source written after them, and that source: "..., according
    to the Associated Press", "..., reports AP", "..., the Daily Mail reported Sunday", or
    another speaker's report run into this one ("..., but a state official said it is ...").
    Only an attribution that ends the words counts: "In his own words, he said ..." opens
    the report and is kept."""
    for k, tok in enumerate(words):
        if tok.text not in (",", ";", "--", "—", "–") or k == 0 or k + 2 >= len(words):
            continue
        tail = words[k + 1:]
        inside = {t.i for t in tail}
        if tail[0].lower_ == "according" and tail[1].lower_ == "to":
            if all(t.i in {d.i for d in tail[0].subtree} or t.is_punct for t in tail):
                source = next((t for t in tail[1].children if t.dep_ == "pobj"), None)
                return words[:k], speaker_or_none(speaker_phrase(source)) if source is not None and \
                    can_speak(source) else None
            continue
        lead = 1 if tail[0].dep_ == "cc" or tail[0].lower_ in ("while", "whereas") else 0
        for verb in tail:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in _ATTRIBUTING_VERBS:
                continue
            subject = _verb_subject(verb)
            reports = any(c.dep_ in ("ccomp", "xcomp") and c.i in inside for c in verb.children)
            after = [t for t in tail if t.i > verb.i and not t.is_punct]
            adjuncts_only = all(verb in t.ancestors and not any(
                a.pos_ in ("VERB", "AUX") for a in t.ancestors if a.i > verb.i) for t in after)
            if verb is tail[0] and subject is not None and subject.i in inside and \
                    not reports and adjuncts_only:
                return words[:k], speaker_of(verb, [])  # ", reports AP"
            if subject is None or subject.i not in inside or \
                    subject.left_edge.i != tail[lead].i or not verb.i > subject.i:
                break
            if lead and reports:
                return words[:k], None  # ", but the official said that ...": another report
            if not lead and not reports and adjuncts_only:
                return words[:k], speaker_of(verb, [])  # ", the Daily Mail reported Sunday"
            break
    return words, None


_ATTRIBUTING_VERBS = frozenset({"say", "report", "tell", "add", "write", "announce", "state",
                                "confirm", "note", "claim", "insist", "explain"})


def _is_question(clause: Token) -> bool:
    """True when a reported clause is an indirect question: its first word is a question word
    of the clause itself ("said what it would cost", "asked whether ..."), not the "if" of a
    condition inside it ("If somebody tells me ..., that's going to be hard")."""
    first = clause.left_edge
    if first.lower_ not in _QUESTION_WORDS:
        return False
    tok = first
    while tok.i != clause.i and tok.head.i != tok.i:
        tok = tok.head
        if tok.i != clause.i and tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("advcl", "ccomp"):
            return False  # the word opens a clause of its own inside the reported one
    return True


_CONDITION_MARKS = frozenset({"if", "unless", "whenever", "once", "until"})


def _is_conditional(verb: Token) -> bool:
    """True when the reporting verb is itself supposed: "if somebody tells me ...",
    "unless the minister says so"."""
    return any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in verb.children)


def _subject_of(verb: Token) -> Token | None:
    """The subject of a reporting verb, or of the verb it completes ("declined to say")."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ == "xcomp":
        subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")),
                       None)
    return subject


def _not_said(verb: Token) -> bool:
    """True when the reporting verb is negated or refused ("did not say", "would not say",
    "declined to say", "refused to confirm"): the clause after it was not reported."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and (head.lemma_.lower() in _REFUSE_VERBS or any(
        c.dep_ == "neg" for c in head.children))
