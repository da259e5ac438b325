"""Tie each number to what it counts, its event, its source and whether it is an update.

Works on one parsed sentence (a spaCy ``Doc``). The rules, in the order they are tried:

* **measure**: a unit decides money / percent / distance / duration / time / date. Otherwise
  we climb the dependency tree from the number (its noun, then the verb of its clause, and
  through light verbs such as "leave", "result", "rise" one clause further) and take the first
  casualty cue ("killed", "deaths", "injured", "lives claimed", "death toll", ...). "left over
  200 injured" reads the verb's secondary predicate; "injuries to over 200" reads the noun
  before the preposition. No cue means ``count``.
* **event**: ``background`` when a year other than the story's year is attached to the clause
  of the number or one of its governing clauses ("In 2022, a stampede killed 56"; "during his
  2020 funeral ... at least 56"), or when the clause carries a relative-time cue ("last year",
  "in the past", "previous", "an earlier Israeli strike", "in another shooting", "years
  ago"), or a clause above it does ("Last year, a quake rocked the coast, killing at least
  one"; not through a reporting verb, nor into a coordinated clause with its own subject).
  "in recent days" counts only beside an additive word ("has also accused ... of bombing X
  in recent days, killing seven"). A war's (or another long event's) toll is background
  too: "2 million died in the civil war", "the war that killed 2 million", "the conflict has
  taken 600 lives" (an incident with its own agent inside a war keeps its toll). Past-perfect tense
  alone is NOT used: news narrative uses it for the main event too ("thousands had
  gathered"). With the story's date (or the lead's weekday), a date set before the sentence
  ("On April 20, a 6.4-magnitude earthquake ...") more than a week earlier marks it too
  (:func:`dated_another_day`).
  "since 2019" after a superlative ("deadliest since 2019") is a comparison, not another event.
  Without a story year, a bare year or month and year (no day) does the same; "four years
  since the deaths of ..." and "anniversary of ..." put the numbers inside that phrase on
  the other event.
* **whose count**: a count owned by one named person ("Dana Ortiz had 12 points",
  "13 points from Sam Reyes", "won 365 electoral votes") names the owner in ``about``
  ("points (Ortiz)"): per-player statistics and candidates' votes are different figures.
* **who is counted**: a casualty measure needs a person noun (lexicon, NORP / PERSON
  entities, agent suffixes) or a bare number; "two explosions killed" is a ``count``. Counts
  of the people a report cites ("according to four officials", "two of the officials said",
  "people familiar with") are dropped.
* **revision**: update wording in the sentence ("rose to", "has risen", "was revised", "now
  stands at", "toll ... modified", ...).
* **attribution**: "according to X", else the subject of the nearest reporting verb that
  governs the number or heads the sentence ("..., state media reported").
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from newsfuse.claims.numbers import find_dates

CASUALTY_CUES: dict[str, str] = {
    "kill": "killed", "killed": "killed", "die": "killed", "dead": "killed", "death": "killed",
    "fatality": "killed", "fatalities": "killed", "perish": "killed", "murder": "killed",
    "slay": "killed", "body": "killed", "toll": "killed", "deadly": "killed",
    "injure": "injured", "injured": "injured", "injury": "injured", "wound": "injured",
    "wounded": "injured", "hurt": "injured", "hospitalize": "injured",
    "hospitalized": "injured", "hospitalise": "injured",
    "missing": "missing", "unaccounted": "missing",
    "arrest": "arrested", "arrested": "arrested", "detain": "arrested", "custody": "arrested",
    "apprehend": "arrested",
    "displace": "displaced", "displaced": "displaced", "homeless": "displaced",
    "evacuate": "evacuated", "evacuated": "evacuated", "evacuation": "evacuated",
    "rescue": "rescued", "rescued": "rescued",
}
# Verbs that carry no meaning of their own for a count: look one clause further up.
LIGHT_VERBS = frozenset({
    "be", "have", "leave", "result", "cause", "rise", "climb", "stand", "reach", "include",
    "bring", "put", "increase", "jump", "number", "total", "top", "surpass", "exceed", "hit",
    "raise", "lower", "revise", "modify", "remain", "say", "report", "tell", "add", "estimate",
})
REPORTING_VERBS = frozenset({
    "say", "tell", "report", "state", "announce", "confirm", "add", "note", "declare",
    "explain", "write", "post", "tweet", "insist", "warn", "estimate", "disclose", "reveal",
    "acknowledge", "indicate", "suggest", "allege", "testify", "respond", "express", "stress",
    "emphasize", "emphasise", "describe",
})
_REVISION_RE = re.compile(
    r"\b(?:rose|risen|rising|climbed|climbing|jumped|increased|grew|soared|went\s+up)\s+to\b"
    r"|\bha(?:s|d|ve)\s+(?:since\s+)?(?:risen|climbed|increased|grown)\b"
    r"|\b(?:was|were|been|is|has\s+been)\s+(?:later\s+)?(?:revised|modified|lowered|raised|"
    r"updated|corrected|adjusted)\b"
    r"|\brevised\s+(?:down|up)(?:ward|wards)?\b|\bnow\s+stands?\s+at\b|\bupdated\b"
    r"|\blater\s+(?:said|says|told|reported|raised|lowered)\b"
    r"|\btoll\b[^.]{0,60}\b(?:rose|risen|climbed|increased|jumped|modified|lowered|raised|"
    r"revised|updated|grew)\b"
    r"|\b(?:bringing|brings|brought|pushing|pushed|taking|took|raising|raised)\s+(?:the\s+)?"
    r"(?:\w+\s+){0,3}(?:toll|total|tally|count|number)\b[^.]{0,60}\bto\b",
    re.IGNORECASE,
)
# Nouns of events a story may mention besides its own ("an earlier airstrike").
_EVENT_NOUNS = (r"(?:attack|bombing|shooting|incident|storm|election|disaster|crash|blast|"
                r"explosion|airstrike|air\s+strike|strike|raid|quake|earthquake|tremor|flood|"
                r"fire|hurricane|typhoon|cyclone|tornado|accident|massacre|riot|war|conflict)")
_RELATIVE_PAST_RE = re.compile(
    r"\blast\s+(?:year|month|week|summer|winter|spring|fall|autumn|decade)\b|\bin\s+the\s+past\b"
    r"|\bprevious(?:ly)?\b"
    # "earlier attacks", "an earlier Israeli strike": with an article, up to two modifiers
    # may stand between ("earlier on Tuesday fire crews ..." is not another event).
    r"|(?:\b(?:an?|the)\s+earlier\s+(?:[a-z-]+\s+){0,2}?|\bearlier\s+)" + _EVENT_NOUNS +
    r"s?\b|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|fifteen|twenty|thirty|forty|fifty|a\s+few|few|several|many|some|\d+)\s+"
    r"(?:years?|decades?|centuries|century)\s+ago\b"
    r"|\bin\s+(?:a|an)\s+(?:separate|unrelated)\b"
    # "In another shooting, a man was wounded": crime round-ups list other incidents.
    r"|\b(?:in|during)\s+(?:yet\s+)?another\s+(?:[a-z-]+\s+){0,2}?" + _EVENT_NOUNS + r"\b",
    re.IGNORECASE,
)
# "in recent days": a span before the report. Alone it may be the story's own (floods "in
# recent days"); with an additive word ("has also accused ... of bombing X in recent days")
# it is another episode.
_RECENT_SPAN_RE = re.compile(r"\bin\s+recent\s+(?:days|weeks|months|years)\b", re.IGNORECASE)
_ADDITIVE_RE = re.compile(r"\b(?:also|another|separate|other)\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"^(?:1[89]\d\d|20\d\d)$")
# "four years since the deaths", "after fifteen years", "a decade after": time elapsed since
# another event, so the numbers of that clause belong to that event.
_TIME_SINCE_RE = re.compile(
    r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|several|many)\s+(?:years?|decades?|months?)\s+"
    r"(?:since|after|ago|on\s+from)\b|\banniversary\s+of\b",
    re.IGNORECASE,
)
_MONTH_DAY_BEFORE_RE = re.compile(
    r"(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:st|nd|rd|th)?|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|"
    r"aug|sep|sept|oct|nov|dec)[a-z]*\.?)\s*,?\s*$",
    re.IGNORECASE,
)
# Nouns that name people (or groups of people): only these can be the ones killed, injured,
# missing... "two explosions killed 50" counts explosions, not victims. spaCy's NORP / PERSON
# entities ("Canadians", "Palestinians") count as people too (see ``is_person_noun``).
PERSON_NOUNS = frozenset({
    "people", "person", "persons", "individual", "civilian", "child", "children", "kid", "baby",
    "infant", "toddler", "teen", "teenager", "adult", "man", "men", "woman", "women", "boy",
    "girl", "student", "pupil", "teacher", "worker", "employee", "staff", "resident", "citizen",
    "villager", "local", "tourist", "visitor", "passenger", "driver", "pilot", "crew",
    "crewmember", "victim", "casualty", "survivor", "other", "more", "one", "member", "officer",
    "policeman", "policemen", "policewoman", "police", "cop", "trooper", "deputy", "agent",
    "guard", "soldier", "troop", "serviceman", "servicemen", "marine", "sailor", "fighter",
    "militant", "rebel", "insurgent", "gunman", "attacker", "assailant", "suspect", "terrorist",
    "jihadist", "protester", "protestor", "demonstrator", "rioter", "pilgrim", "worshipper",
    "worshiper", "mourner", "spectator", "fan", "attendee", "participant", "player", "athlete",
    "firefighter", "paramedic", "medic", "doctor", "nurse", "patient", "journalist", "reporter",
    "migrant", "refugee", "immigrant", "prisoner", "inmate", "detainee", "hostage", "miner",
    "fisherman", "fishermen", "farmer", "shopper", "customer", "guest", "family", "relative",
    "parent", "mother", "father", "son", "daughter", "brother", "sister", "wife", "husband",
    "friend", "neighbor", "neighbour", "official", "leader", "commander", "politician",
    "lawmaker", "candidate", "voter", "volunteer", "rescuer", "responder", "contractor",
    "peacekeeper", "national", "foreigner", "youth", "elderly", "senior", "minor", "occupant",
    "homeowner", "hiker", "climber", "swimmer", "cyclist", "pedestrian", "motorist", "rider",
    "bystander", "onlooker", "clergy", "priest", "monk", "nun", "cleric", "worshipper",
    "dead", "fatality", "death", "injury", "wounded", "injured", "missing", "life", "body",
    "corpse", "remains", "toll", "nephew", "niece", "cousin", "uncle", "aunt", "grandchild",
    "grandparent", "girlfriend", "boyfriend", "fiance", "fiancee", "partner", "spouse",
    "sibling", "twin", "roommate", "classmate", "coworker", "colleague", "acquaintance",
    "kin", "household", "couple", "neighbour",
})
# Person nouns that name a group distinct from (or part of) the victims as a whole: their
# counts keep the noun in ``about`` ("police officers killed") so they are not merged with the
# overall toll. Every other person noun ("relatives", "family members", "victims", "children")
# is normalised to "people killed" / "people injured", unless the number sits in an
# "including ..." / "among them" phrase, which also marks a part of the total.
SUBGROUP_NOUNS = frozenset({
    "officer", "policeman", "policemen", "policewoman", "police", "cop", "trooper", "deputy",
    "agent", "guard", "soldier", "troop", "serviceman", "servicemen", "marine", "sailor",
    "fighter", "militant", "rebel", "insurgent", "gunman", "attacker", "assailant", "suspect",
    "terrorist", "jihadist", "shooter", "firefighter", "paramedic", "medic", "rescuer",
    "responder", "peacekeeper", "journalist", "reporter", "crew", "crewmember", "pilot",
    "foreigner", "tourist", "bomber", "perpetrator", "hostage-taker", "prisoner", "inmate",
})
_PART_MARKERS = frozenset({"including", "among", "include", "includes", "included"})
# Verbs of intention: "wanted to kill two", "threatened to kill" state no casualty.
INTENT_VERBS = frozenset({"want", "plan", "try", "attempt", "threaten", "intend", "hope",
                          "vow", "seek", "aim", "mean", "conspire", "plot", "offer", "decide",
                          "wish", "expect", "promise", "order", "ask", "urge"})
# Words that give their own measure and stop the search for a casualty cue: "14 children
# still trapped" are neither evacuated nor killed; "five people were shot" may be dead or alive.
BLOCKING_CUES = frozenset({"trap", "trapped", "strand", "stranded", "shoot", "shot", "stab",
                           "stabbed", "kidnap", "kidnapped", "abduct", "abducted"})
# Nouns for the people a report cites: "according to four officials", "two of the officials
# said". Counting the speakers is not a claim about the event.
SOURCE_NOUNS = frozenset({
    "official", "source", "person", "people", "officer", "diplomat", "spokesman",
    "spokeswoman", "spokesperson", "witness", "analyst", "expert", "aide", "lawmaker",
    "insider", "executive", "investigator", "resident",
})


def revision_marked(sentence: str) -> bool:
    """True when the sentence words a figure as an update ("rose to", "was revised")."""
    return bool(_REVISION_RE.search(sentence))


def tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens of ``doc`` overlapping characters ``[start, end)``."""
    return [t for t in doc if t.idx < end and t.idx + len(t.text) > start]


def anchor_token(doc: Doc, start: int, end: int) -> Token | None:
    """The token that stands for a mention in the parse: the one whose head lies outside it."""
    toks = tokens_in(doc, start, end)
    if not toks:
        return None
    inside = {t.i for t in toks}
    for tok in toks:
        if tok.head.i not in inside or tok.head.i == tok.i:
            if tok.pos_ in ("NUM", "NOUN", "PROPN") or tok.like_num:
                return tok
    for tok in reversed(toks):
        if tok.like_num or tok.pos_ == "NUM":
            return tok
    return toks[-1]


def _cue(tok: Token) -> str | None:
    lemma, lower = tok.lemma_.lower(), tok.lower_
    if lemma in ("shoot", "stab", "beat", "gun") and (
            any(c.lower_ in ("dead", "death") for c in tok.subtree if c.i > tok.i
                and c.i - tok.i <= 3) or
            any(_cue(c) == "killed" for c in tok.children if c.dep_ == "conj" and not any(
                g.dep_ in ("nsubj", "nsubjpass") for g in c.children))):
        return "killed"  # "shot dead", "stabbed to death", "shot and killed"
    if lemma == "life" and lower == "lives":
        return "killed"
    if lemma == "toll" and not any(c.lower_ in ("injury", "injuries") for c in tok.children):
        return "killed"
    return CASUALTY_CUES.get(lemma) or CASUALTY_CUES.get(lower)


def _is_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX")


def counted_noun(number: Token) -> Token | None:
    """The noun a number counts ("12 people" -> people), or None for a bare number."""
    if number.dep_ in ("nummod", "quantmod", "amod", "compound") and number.head.pos_ in (
            "NOUN", "PROPN", "PRON"):
        return number.head
    if number.dep_ in ("advmod", "quantmod") and number.head.like_num:
        return counted_noun(number.head)
    # "thousands of Canadians", "dozens of people"
    for child in number.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN"):
                    return pobj
    return None


# "a mother of two", "father of three": how many children a person has.
_KIN_NOUNS = frozenset({"mother", "father", "parent", "grandmother", "grandfather", "mom",
                        "dad", "grandparent", "mum"})


def find_measure(number: Token) -> tuple[str, Token | None, Token | None]:
    """What a number counts: (measure, counted noun, cue token). Measure is a casualty or count."""
    noun = counted_noun(number)
    # Number and noun themselves: "200 injured" (amod/acl right after), "injured people".
    for tok in (number, noun):
        if tok is None:
            continue
        for child in tok.children:
            if child.dep_ in ("amod", "acl", "advcl") and child.i > tok.i and \
                    child.i - tok.i <= 2 and child.lemma_.lower() in BLOCKING_CUES:
                return "count", noun, child  # "14 children still trapped"
            if child.dep_ in ("amod", "acl", "advcl") and _cue(child) and \
                    child.i > tok.i and child.i - tok.i <= 2:
                return _cue(child) or "count", noun, child
        if tok is noun and _cue(tok):
            return _cue(tok) or "count", noun, tok
        for child in tok.children:
            if child.dep_ == "amod" and child.i < tok.i and _cue(child):
                return _cue(child) or "count", noun, child
    node = noun or number
    clauses = 0
    while True:
        head = node.head
        if head.i == node.i:
            break
        cue = _cue(head)
        if cue:
            return cue, noun, head
        if head.lemma_.lower() in BLOCKING_CUES or head.lower_ in BLOCKING_CUES:
            return "count", noun, head
        if _is_verb(head):
            # Secondary predicate: "left 200 injured", "left three dead".
            if node.dep_ in ("dobj", "obj", "nsubj", "nsubjpass"):
                for child in head.children:
                    if child.dep_ in ("advcl", "oprd", "acomp", "xcomp", "ccomp", "amod") \
                            and child.i > node.i and child.lemma_.lower() in BLOCKING_CUES:
                        # "killed six and left 14 others trapped": the 14 are trapped.
                        return "count", noun, child
                    if child.dep_ in ("advcl", "oprd", "acomp", "xcomp", "ccomp", "amod") \
                            and child.i > node.i and _cue(child):
                        return _cue(child) or "count", noun, child
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubjpass", "attr") and child.lemma_.lower() == "toll":
                    return "killed", noun, child
                if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in (
                        "number", "tally", "count", "figure", "total"):
                    # "the number of injured was revised to 40"
                    for sub in child.subtree:
                        if sub.i != child.i and _cue(sub):
                            return _cue(sub) or "count", noun, sub
                if child.dep_ == "prep" and node.dep_ in ("nsubj", "nsubjpass"):
                    # "three policemen were among the dead"
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" and _cue(pobj) and pobj.lemma_.lower() != "toll" \
                                and pobj.pos_ in ("ADJ", "NOUN") and pobj.lower_ in (
                                    "dead", "injured", "wounded", "missing", "fatalities",
                                    "casualties", "victims"):
                            return _cue(pobj) or "count", noun, pobj
            clauses += 1
            if head.lemma_.lower() not in LIGHT_VERBS or clauses >= 2:
                break
        elif head.dep_ == "prep" and head.i > 0 and node.dep_ == "pobj":
            if head.lower_ == "of" and head.head.lemma_.lower() in _KIN_NOUNS:
                # "a mother of 12 was killed": the size of a victim's family, not a toll.
                return "count", noun, None
            # "injuries to over 200": the noun left of the preposition.
            left = head.doc[head.i - 1]
            if left.pos_ == "NOUN" and _cue(left):
                return _cue(left) or "count", noun, left
            if head.lower_ not in ("of", "among", "including", "to", "at"):
                break  # an adjunct ("after two blasts") says nothing about what is counted
        node = head
    if noun is None and any(t.lemma_.lower() == "toll" for t in number.doc):
        # "the death toll ... was at 41": a bare figure in a sentence about the toll.
        toll = next(t for t in number.doc if t.lemma_.lower() == "toll")
        if _cue(toll) == "killed":
            return "killed", None, toll
    return "count", noun, None


def about_phrase(measure: str, noun: Token | None, cue: Token | None, number: Token) -> str:
    """A short human-readable phrase for what is measured ("people killed")."""
    noun_text = noun.lower_ if noun is not None and noun.pos_ != "PRON" else None
    if measure in CASUALTY_CUES.values():
        if noun_text in (None, "others", "other", "more") or (noun is not None and _cue(noun)):
            noun_text = "people"
        elif noun is not None and is_person_noun(noun) and not is_subgroup(noun, number):
            noun_text = "people"
        return f"{noun_text} {measure}"
    # A count: the noun and the verb it is subject or object of.
    if noun_text is None:
        return "count"
    owner = count_owner(noun) if noun is not None else None
    if owner is not None:
        return f"{noun_text} ({owner})"  # "points (Ortiz)": one player's, not another's
    if cue is not None and cue.i != noun.i:
        return f"{noun_text} {cue.lower_}"  # "miners trapped", "people shot"
    verb = noun.head if noun is not None and _is_verb(noun.head) else None
    if verb is not None and noun.dep_ in ("nsubj", "nsubjpass", "dobj") and \
            verb.lemma_.lower() not in ("be", "have"):
        return f"{noun_text} {verb.lower_}"
    return noun_text


# Entity types that name no one person: a count "owned" by them is left as it was.
_NOT_OWNERS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "DATE",
                         "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})


def _owner_name(tok: Token, noun: Token) -> str | None:
    # One named owner: a singular proper noun ("Bulldogs", "Israelis" are teams or peoples)
    # that is neither the counted noun nor a phrase holding it ("Horton and two other moms").
    if tok.pos_ != "PROPN" or tok.tag_ != "NNP" or tok.ent_type_ in _NOT_OWNERS or \
            not tok.text[:1].isupper() or noun.i in {t.i for t in tok.subtree} or \
            tok.i in {t.i for t in noun.subtree}:
        return None
    return tok.text


# Verbs by which a person comes to have a count of their own: statistics in sports
# ("scored 14 points", "had 12 rebounds", "completed 28 passes"), votes ("won 365 electoral
# votes"), holdings ("has 80 employees").
_OWNING_VERBS = frozenset({
    "have", "score", "add", "grab", "finish", "lead", "post", "record", "collect", "get",
    "total", "tally", "haul", "make", "hit", "throw", "catch", "complete", "rush", "win",
    "earn", "receive", "land", "block", "log", "notch", "contribute", "pull", "dish", "net",
    "poll", "garner", "secure", "average", "own", "hold", "employ", "capture", "sink",
})


def count_owner(noun: Token) -> str | None:
    """The person a count belongs to, by surname: "Dana Ortiz had 12 points" -> "Ortiz";
    "paced by 13 points from Sam Reyes" -> "Reyes"; "Lund complemented Moreau by
    scoring 14 points" -> "Lund"; "Keane's 23 points" -> "Keane".

    Per-player statistics (and each candidate's votes) are different quantities: one
    player's 12 points never contradict another's 14. The owner is a singular proper noun,
    not a known organisation or place: a possessor, a "from" object, or the active subject of
    an owning verb (``_OWNING_VERBS``; "The judge sentenced Hale to seven life sentences"
    gives none, so it still matches "Hale was sentenced to seven"). The climb to the
    subject passes "-ing", "by ...ing" and coordinated clauses without a subject of their
    own."""
    for child in noun.children:
        if child.dep_ == "poss" and _owner_name(child, noun):
            return _owner_name(child, noun)
    verb = next((a for a in noun.ancestors if _is_verb(a)), None)
    if verb is None:
        return None
    by_with = noun.dep_ == "pobj" and noun.head.lower_ in ("by", "with")
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "from" and (
                by_with or verb.lemma_.lower() in _OWNING_VERBS):
            # "paced by 13 points from X", "got 14 points from X"; not "spread from Athens
            # to a dozen cities"
            name = next((_owner_name(p, noun) for p in child.children
                         if p.dep_ == "pobj"), None)
            if name:
                return name
    if verb.lemma_.lower() not in _OWNING_VERBS:
        return None
    while verb is not None:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return _owner_name(subject, noun) if subject.dep_ == "nsubj" else None
        if verb.dep_ not in ("conj", "advcl", "pcomp", "xcomp") or verb.head.i == verb.i:
            return None
        verb = next((a for a in verb.ancestors if _is_verb(a)), None)
    return None


def unit_about(doc: Doc, mention_end_tok: Token | None, measure: str) -> str:
    """The phrase for a distance or duration: its anchor ("distance from the grave").

    Speeds name what moves ("winds", "sustained winds", "the car"): :func:`speed_about`;
    earthquake magnitudes name which shock ("earthquake", "aftershock"): :func:`magnitude_about`.
    """
    if measure == "speed":
        return speed_about(mention_end_tok)
    if measure == "magnitude":
        return magnitude_about(mention_end_tok)
    base = {"distance": "distance", "duration": "duration", "money": "amount",
            "percent": "percentage", "time": "time", "date": "date"}[measure]
    if mention_end_tok is None:
        return base
    candidates = [mention_end_tok, *mention_end_tok.children]
    if mention_end_tok.head.dep_ == "prep":
        candidates.append(mention_end_tok.head)  # "15 minutes after the first"
    candidates += list(mention_end_tok.head.children)
    for tok in candidates:
        if tok.dep_ == "prep" and tok.lower_ in ("from", "of", "after", "before", "since",
                                                 "southeast", "north", "south", "east", "west"):
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            return f"{base} {tok.lower_} {_short_phrase(pobj)}".lower()
        if tok.dep_ == "advmod" and tok.lower_ in ("later", "earlier", "apart", "away", "after"):
            return f"{base} {tok.lower_}"
    return base


# Head nouns that say a speed is measured, not what moves: look past them ("speeds of 90 mph"
# reached by the storm; "a top speed of 300 km/h" of the train).
_SPEED_WORDS = frozenset({"speed", "velocity", "pace", "rate", "maximum", "max", "peak", "top",
                          "high", "record", "reading", "average", "mph", "kph", "knot", "mile",
                          "kilometre", "kilometer", "km", "metre", "meter", "hour", "per", "m"})
# Adjectives that grade a speed without naming another thing moving ("maximum sustained
# winds" are the "sustained winds"; "sustained" and "gusting" are kept: they tell gusts and
# mean winds apart).
_SPEED_GRADES = frozenset({"maximum", "max", "top", "peak", "high", "highest", "strong",
                           "strongest", "powerful", "fierce", "damaging", "heavy", "average",
                           "estimated", "recorded", "reported", "likely", "possible"})


def _mover_phrase(tok: Token) -> str:
    """The noun with its determiners, compounds and adjectives, minus grading adjectives."""
    keep = [tok]
    for child in tok.children:
        if child.dep_ in ("det", "poss", "compound", "amod") and child.i < tok.i:
            keep += [t for t in child.subtree
                     if t.lower_ not in _SPEED_GRADES and t.lower_ not in ("a", "an")
                     and t.lemma_.lower() not in _SPEED_WORDS and not t.like_num
                     and not t.is_punct]
    keep.sort(key=lambda t: t.i)
    return " ".join(t.text for t in keep).lower()


def _subject_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def speed_about(end_tok: Token | None) -> str:
    """What moves at a speed: "winds of 120 mph" -> "winds"; "gusts of 100-120 km/h" ->
    "gusts"; "the car was travelling at 100 mph" -> "the car"; "a 120-mph wind" -> "wind".
    Falls back to "speed" when the parse names nothing."""
    node = end_tok
    for _ in range(6):
        if node is None:
            break
        head = node.head
        if head.i == node.i:
            break
        if node.dep_ in ("compound", "amod", "nmod", "nummod", "npadvmod") and \
                head.pos_ in ("NOUN", "PROPN") and head.i > node.i and \
                head.lemma_.lower() not in _SPEED_WORDS:
            return _mover_phrase(head)  # "a 120-mph wind"
        if head.pos_ in ("NOUN", "PROPN", "PRON") and head.lemma_.lower() not in _SPEED_WORDS \
                and node.dep_ in ("pobj", "prep", "appos") and head.i < node.i:
            return _mover_phrase(head)  # "winds of 120 mph"
        if head.pos_ in ("VERB", "AUX"):
            subject = _subject_of(head)
            if subject is not None and subject.lemma_.lower() not in _SPEED_WORDS:
                return _mover_phrase(subject)  # "the car was travelling at 100 mph"
            if subject is not None:
                node = subject  # "its top speed was 90 mph": look at whose speed
                for child in subject.children:
                    if child.dep_ == "poss" and child.pos_ != "PRON":
                        return _mover_phrase(child)
                    if child.dep_ == "prep" and child.lower_ == "of":
                        pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                        if pobj is not None:
                            return _mover_phrase(pobj)  # "the speed of the train was ..."
                break
            if head.dep_ in ("acl", "relcl") and head.head.pos_ in ("NOUN", "PROPN") and \
                    head.head.lemma_.lower() not in _SPEED_WORDS:
                return _mover_phrase(head.head)  # "a storm packing winds of ..." handled above
        node = head
    return "speed"


# Nouns naming an earthquake, by the shock they name. A magnitude tied to an aftershock or
# foreshock is another shock's than the main quake's: its ``about`` differs.
_SHOCK_NOUNS = {"earthquake": "earthquake", "quake": "earthquake", "temblor": "earthquake",
                "tremor": "earthquake", "shock": "earthquake", "jolt": "earthquake",
                "event": "earthquake", "aftershock": "aftershock", "foreshock": "foreshock"}
_SHOCK_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "initial",
                             "main", "largest", "biggest", "strongest"})
_SHOCK_WORD_RE = re.compile(r"\b(?:earth)?quakes?\b|\btemblors?\b|\btremors?\b|"
                            r"\bafter-?shocks?\b|\bforeshocks?\b", re.IGNORECASE)


def _shock_name(tok: Token) -> str:
    lemma = tok.lemma_.lower().replace("-", "")
    name = _SHOCK_NOUNS.get(lemma) or _SHOCK_NOUNS.get(tok.lower_.rstrip("s")) or "earthquake"
    ordinal = next((c.lower_ for c in tok.children
                    if c.dep_ in ("amod", "advmod") and c.lower_ in _SHOCK_ORDINALS
                    and c.lower_ not in ("main", "initial", "first", "largest", "biggest",
                                         "strongest")), None)
    return f"{ordinal} {name}" if ordinal else name


def magnitude_about(tok: Token | None) -> str:
    """Which shock a magnitude measures: "earthquake" (quake, temblor, tremor...),
    "aftershock" or "foreshock", with an ordinal when one is written ("second earthquake").

    The shock noun of the parse (the number's head, up to three steps, or a child of one) is
    preferred; else the nearest shock word in the sentence; else "earthquake"."""
    if tok is None:
        return "earthquake"
    node = tok
    for _ in range(4):
        for cand in (node, *node.children):
            key = cand.lemma_.lower().replace("-", "")
            if cand.pos_ in ("NOUN", "PROPN") and (key in _SHOCK_NOUNS or
                                                   cand.lower_.rstrip("s") in _SHOCK_NOUNS):
                if key == "event" and cand.i != node.i:
                    continue
                return _shock_name(cand)
        if node.head.i == node.i:
            break
        node = node.head
    sentence = tok.sent if tok.doc.has_annotation("SENT_START") else tok.doc[:]
    text, at = sentence.text, tok.idx - sentence.start_char
    best = min(_SHOCK_WORD_RE.finditer(text), default=None,
               key=lambda m: min(abs(m.start() - at), abs(m.end() - at)))
    if best is None:
        return "earthquake"
    word = best.group(0).lower().replace("-", "")
    return next((v for k, v in _SHOCK_NOUNS.items() if word.startswith(k) and k != "shock"),
                "earthquake")


# Nouns of the place a population figure belongs to ("a city of 160,000 people").
_PLACE_NOUNS = frozenset({"city", "town", "village", "county", "province", "country", "nation",
                          "state", "district", "region", "island", "community", "municipality",
                          "metropolis", "suburb", "capital", "hamlet", "borough", "township",
                          "area", "enclave", "territory", "neighbourhood", "neighborhood"})
_RESIDENT_NOUNS = frozenset({"people", "person", "resident", "inhabitant", "soul", "citizen",
                             "population", "dweller", "villager", "household", "family"})


def is_population(number: Token, noun: Token | None) -> bool:
    """True when a number states how many people live somewhere ("a city of 160,000 people",
    "home to 2 million people", "a population of 50,000", "a town of 5,000"): a fact about the
    place, not about the event."""
    if noun is None:
        top = number
        while top.dep_ in ("compound", "quantmod", "nummod") and top.head.like_num and \
                top.head.i != top.i:
            top = top.head  # "2 million people": the noun of "million"
        number, noun = top, counted_noun(top)
    node = noun if noun is not None else number
    if noun is not None and noun.lemma_.lower() not in _RESIDENT_NOUNS and \
            noun.lower_ not in _RESIDENT_NOUNS:
        return False
    head = node.head
    if node.dep_ == "pobj" and head.dep_ == "prep":
        owner = head.head
        lemma = owner.lemma_.lower()
        if head.lower_ == "of" and (lemma in _PLACE_NOUNS or lemma == "population" or
                                    owner.ent_type_ == "GPE"):
            return True
        if head.lower_ == "to" and lemma == "home":
            return True
        if head.lower_ == "with" and noun is not None and owner.pos_ in ("NOUN", "PROPN") and \
                (lemma in _PLACE_NOUNS or owner.ent_type_ == "GPE"):
            return True  # "a town with 5,000 inhabitants"
    if node.dep_ in ("attr", "dobj") and head.pos_ in ("VERB", "AUX"):
        subject = _subject_of(head)
        if subject is not None and subject.lemma_.lower() == "population":
            return True  # "the population is 50,000"
        if head.lemma_.lower() in ("have", "number") and subject is not None and (
                subject.lemma_.lower() in _PLACE_NOUNS or subject.ent_type_ == "GPE") and \
                noun is not None:
            return True  # "the town has 5,000 inhabitants"
    return node.dep_ == "compound" and node.head.lemma_.lower() == "population" or (
        noun is not None and noun.lemma_.lower() == "population")


def _short_phrase(tok: Token) -> str:
    """The noun with its determiners, possessives, compounds and adjectives only."""
    keep = [tok]
    for child in tok.children:
        if child.dep_ in ("det", "poss", "compound", "amod", "nummod") and child.i < tok.i:
            keep += list(child.subtree)
    keep.sort(key=lambda t: t.i)
    return tok.doc[keep[0].i: tok.i + 1].text


_PERSON_SUFFIX_RE = re.compile(
    r"(?:er|or|ist|ian|ant|ent|ee|man|men|woman|women|person|people|daughter|son|child|"
    r"children|mother|father|parent|patron|juvenile|ite|ster|friend)s?$")
# Agent nouns by suffix that are things, not people (the suffix rule would take them).
_THING_NOUNS = frozenset({"tower", "container", "computer", "monitor", "generator", "trailer",
                          "helicopter", "motor", "reactor", "elevator", "meter", "order",
                          "chapter", "quarter", "center", "centre", "incident", "accident",
                          "event", "percent", "cent", "plant", "department", "government",
                          "weapon", "magazine", "rocket", "letter", "number", "layer",
                          # things the suffix rule took on real disaster and business news
                          "shelter", "water", "river", "border", "paper", "power", "tanker",
                          "container", "cluster", "corner", "disaster", "register", "barrier",
                          "counter", "server", "printer", "speaker", "charger", "bumper",
                          "filter", "liter", "litre", "dollar", "floor", "door", "factor",
                          "sector", "vendor", "mirror", "error", "harbor", "harbour", "tractor",
                          "elevator", "calculator", "indicator", "ventilator", "generator",
                          "apartment", "agreement", "statement", "comment", "segment",
                          "element", "document", "equipment", "moment", "parliament",
                          "tournament", "amendment", "settlement", "investment", "payment",
                          "shipment", "restaurant", "site", "website", "suite", "satellite",
                          "tree", "degree", "fee", "committee", "knee", "guarantee",
                          "component", "continent"})


def is_person_noun(noun: Token) -> bool:
    """True when a counted noun names people (the only things that can be killed, injured...).

    A lexicon of person nouns, spaCy's NORP / PERSON entities ("Canadians"), and agent-noun
    suffixes ("-er", "-ist", "-ian", "-ant", "-ee": "patrons", "shoppers", "Palestinians")
    minus a short list of things with those suffixes ("computers", "rockets").
    """
    # Letters only: pages leave reference marks glued to words ("people.[3").
    lemma = (re.match(r"[a-z-]*", noun.lemma_.lower()) or [""])[0]
    lower = (re.match(r"[a-z-]*", noun.lower_) or [""])[0]
    if lemma in PERSON_NOUNS or lower in PERSON_NOUNS or noun.ent_type_ in ("NORP", "PERSON") \
            or noun.pos_ == "PRON":
        return True
    if lemma in _THING_NOUNS or lower.rstrip("s") in _THING_NOUNS:
        return False
    return bool(_PERSON_SUFFIX_RE.search(lower))


def is_subgroup(noun: Token, number: Token) -> bool:
    """True when a casualty count names a part of the victims, not all of them: a subgroup
    noun ("police officers", "soldiers") or a number inside "including ..." / "among ..."."""
    lemma = noun.lemma_.lower()
    if lemma in SUBGROUP_NOUNS or noun.lower_ in SUBGROUP_NOUNS:
        return True
    if any(a.lower_ in _PART_MARKERS for a in (*noun.ancestors, *number.ancestors)):
        return True
    # "three children were among the dead"
    return noun.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ == "prep" and c.lower_ in _PART_MARKERS for c in noun.head.children)


def is_intended(cue: Token | None) -> bool:
    """True when a casualty verb is only intended: "wanted to kill", "threatened to kill"."""
    node = cue
    while node is not None and node.dep_ in ("xcomp", "conj") and node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in INTENT_VERBS:
            return True
    return False


def counts_sources(number: Token, noun: Token | None) -> bool:
    """True when a number counts the people a report cites ("according to four officials",
    "two of the officials said"), not people of the event."""
    if noun is None or noun.lemma_.lower() not in SOURCE_NOUNS:
        return False
    # "two of the officials said": the number heads the phrase, "officials" is its of-object.
    head = number if noun.dep_ == "pobj" and noun.head.head.i == number.i else noun
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_.lower() in REPORTING_VERBS:
        return True
    if head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.i > 0 and \
            head.doc[head.head.i - 1].lower_ == "according":
        return True
    # "three people familiar with the matter", "two sources close to the talks"
    return any(c.lower_ in ("familiar", "close", "briefed") for c in noun.children)


def _full_date_year(tok: Token) -> bool:
    """True when a year token closes a date with a day ("January 3, 2024", "3 January 2024")."""
    before = tok.doc.text[max(0, tok.idx - 24):tok.idx]
    return bool(_MONTH_DAY_BEFORE_RE.search(before))


def _clause_verb(tok: Token) -> Token | None:
    node = tok
    while not _is_verb(node):
        if node.head.i == node.i:
            return None
        node = node.head
    return node


def is_background(doc: Doc, number: Token, story_year: int | None, *,
                  story_date: str | None = None, lead_weekday: str | None = None) -> bool:
    """True when the number belongs to another, earlier event (see module docstring).

    ``story_date`` (ISO) and ``lead_weekday`` (the weekday the article's lead names) also let
    a clause dated weeks before the story mark it (:func:`dated_another_day`)."""
    if (story_date or lead_weekday) and dated_another_day(
            doc, number, story_date=story_date, lead_weekday=lead_weekday):
        return True
    ancestors = {number.i, *[a.i for a in number.ancestors]}
    governing = {a.i for a in number.ancestors if _is_verb(a)}
    own = _clause_verb(number)
    if own is not None:
        governing.add(own.i)
    superlative = any(t.tag_ == "JJS" for t in doc)
    for tok in doc:
        if not _YEAR_RE.match(tok.text):
            continue
        if story_year is not None and int(tok.text) >= story_year:
            continue
        if story_year is None and _full_date_year(tok):
            # Without the story's year, a date with its day may well be the event itself;
            # a bare year or month and year ("in 2020", "his 2020 funeral") names another.
            continue
        if tok.i in ancestors:
            continue
        prep = next((a for a in tok.ancestors if a.dep_ == "prep"), None)
        if prep is not None and prep.lower_ in ("since", "than", "until") and superlative:
            continue
        verb = _clause_verb(tok)
        if verb is not None and verb.i in governing and verb.i not in {
                t.i for t in tok.subtree}:
            return True
        if verb is None and tok.head.i != tok.i:
            # The parser hung the sentence on a noun ("During the 2019 rampage, a gunman
            # killed ..." rooted at "gunman"): the year then dates the whole sentence.
            return True
    if own is not None:
        clause = doc[own.left_edge.i: own.right_edge.i + 1].text
        if _RELATIVE_PAST_RE.search(clause):
            return True
        if _TIME_SINCE_RE.search(clause) and since_another_event(number):
            return True
    return _relative_past_governs(doc, own, _same_event_verbs(number), superlative) or \
        in_long_event(number, governing)


def _same_event_verbs(number: Token) -> set[int]:
    """The verbs above a number up to a coordinated clause with its own subject: "devastated
    the coast and killed 230,000" is one event, "he was held ... last week, and this week
    he faces ..." two."""
    out: set[int] = set()
    node = number
    while node.head.i != node.i:
        if node.dep_ == "conj" and _is_verb(node) and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            break
        node = node.head
        if _is_verb(node):
            out.add(node.i)
    own = _clause_verb(number)
    if own is not None:
        out.add(own.i)
    return out


def _result_clause_verbs(own: Token | None) -> set[int]:
    """Verbs of the event a subjectless "-ing" result clause reports on.

    "X accused Y of bombing Z in recent days, killing seven": "killing" hangs on "accused",
    but the deaths are the bombing's; the verbs under the head's "of ..." / "to ..."
    complements ("bombing") date them as well."""
    if own is None or own.dep_ != "advcl" or own.tag_ != "VBG" or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in own.children):
        return set()
    out: set[int] = set()
    stack = [c for c in own.head.children if c.dep_ in ("prep", "xcomp", "pcomp")]
    while stack:
        tok = stack.pop()
        if _is_verb(tok):
            out.add(tok.i)
        stack += [c for c in tok.children if c.dep_ in ("pcomp", "xcomp", "prep")]
    return out


def _relative_past_governs(doc: Doc, own: Token | None, governing: set[int],
                           superlative: bool) -> bool:
    """A relative-time cue ("last year", "four years ago", "in an earlier strike") in a clause
    that governs the number, not only in the number's own clause: "Last year, a quake rocked
    the coast, killing at least one person"; "The catastrophe four years ago ... killed more
    than 230,000". Reporting verbs above the number do not date it ("officials said last
    week that ...")."""
    result = _result_clause_verbs(own)
    for pattern in (_RELATIVE_PAST_RE, _RECENT_SPAN_RE):
        for m in pattern.finditer(doc.text):
            if pattern is _RECENT_SPAN_RE and not _ADDITIVE_RE.search(doc.text):
                continue
            toks = tokens_in(doc, m.start(), m.end())
            if not toks:
                continue
            if superlative and re.search(r"\b(?:since|than)\s*$", doc.text[:m.start()],
                                         re.IGNORECASE):
                continue  # "the deadliest since last year": a comparison
            verb = _clause_verb(toks[-1])
            if verb is None:
                # The parser hung the sentence on the cue itself ("Two years ago, a
                # hurricane swept ..." rooted at "ago"): it dates the whole sentence.
                return True
            if verb.i in result or verb.i in governing and (
                    verb is own or verb.lemma_.lower() not in REPORTING_VERBS):
                return True
    return False


# Long-running events whose tolls are theirs, not one incident's: "Some 2 million people died
# in the civil war", "the two-decade war that killed 2 million", "the conflict has taken
# more than 600 lives".
_LONG_EVENTS = frozenset({"war", "conflict", "genocide", "insurgency", "pandemic", "epidemic",
                          "famine", "holocaust"})


def in_long_event(number: Token, governing: set[int] | None = None) -> bool:
    """True when the number counts a war's (or another long event's) toll: the event noun
    governs it ("the war that killed 2 million", "victims of the war"), is the subject of a
    verb above it ("the conflict has taken 600 lives"; "since the conflict began"), or the
    number's verb happened "in" / "during" it with the victims as subject ("2 million people
    died in the civil war"). "An airstrike killed 40 in the war" keeps its own agent and
    stays the story's figure."""
    doc = number.doc
    if governing is None:
        governing = {a.i for a in number.ancestors if _is_verb(a)}
    below = number
    for a in number.ancestors:
        # "the war that killed 2 million", "victims of the war"; not "a turf war between
        # two gangs" (the gangs are the story's).
        if a.pos_ == "NOUN" and a.lemma_.lower() in _LONG_EVENTS and (
                below.dep_ in ("relcl", "acl") or
                below.dep_ == "prep" and below.lower_ in ("of", "in", "during")):
            return True
        below = a
    inside = {t.i for t in number.subtree}
    for i in governing:
        verb = doc[i]
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(s.lemma_.lower() in _LONG_EVENTS for s in subjects):
            return True
        for child in verb.children:
            if child.dep_ == "advcl" and any(
                    m.lower_ == "since" for m in child.children if m.dep_ == "mark") and any(
                    c.dep_ == "nsubj" and c.lemma_.lower() in _LONG_EVENTS
                    for c in child.children):
                return True  # "pushing the toll above 680 since the conflict began"
        own_subject = all(s.i in inside or s.i in {a.i for a in number.ancestors}
                          or s.dep_ == "nsubjpass" for s in subjects)
        if not own_subject:
            continue
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "during", "throughout"):
                if any(p.dep_ == "pobj" and p.lemma_.lower() in _LONG_EVENTS
                       for p in child.children):
                    return True
    return False


# News style (AP and most outlets) names a day within a week of the story by its weekday and
# anything further by its date: a dated clause more than a week before the story's day is
# another event ("On April 20, a 6.4-magnitude earthquake jolted ..." in a story of July 2).
MAX_STORY_SPAN_DAYS = 7
_WEEKDAY_WORD_RE = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)


_FRONTED_BEFORE_RE = re.compile(r"^\W*(?:(?:on|in|by|earlier|later|then|and|but)[\s,]+)*$",
                                re.IGNORECASE)
_FRONTED_AFTER_RE = re.compile(r"^(?:,?\s*\d{4})?\s*,")


def dated_another_day(doc: Doc, number: Token, *, story_date: str | None = None,
                      lead_weekday: str | None = None) -> bool:
    """True when a day-of-month date set before the sentence ("On April 20, ...") dates a
    clause above the number and names another day than the story's.

    With the story's ISO date: the date (its year the story's when none is written) lies
    more than ``MAX_STORY_SPAN_DAYS`` before it. Without it, when the article's lead dates
    the event by a weekday (``lead_weekday``, "... on Tuesday"): a month and day without a
    year and without a weekday beside it ("On April 20, ...") is more than a week away.
    Dates under a reporting verb ("said on April 20 that ...") date the report, not the
    figure; dates after the story's day (plans, hearings) are left alone.

    Args:
        doc: the parsed sentence.
        number: the number's token.
        story_date: ISO date (``YYYY-MM-DD``) of the story's event, if known.
        lead_weekday: the weekday the article's lead names, lower case, if any.
    """
    story: dt.date | None = None
    if story_date:
        try:
            story = dt.date.fromisoformat(story_date[:10])
        except ValueError:
            story = None
    if story is None and not lead_weekday:
        return False
    verbs = _same_event_verbs(number)
    own = _clause_verb(number)
    for mention in find_dates(doc.text, default_year=story.year if story else None):
        if mention.value is None:
            continue  # a month and year ("in May 2012"): the year rules decide
        if not (_FRONTED_BEFORE_RE.match(doc.text[:mention.start]) and
                _FRONTED_AFTER_RE.match(doc.text[mention.end:])):
            # Only a date set before the sentence ("On April 20, ..."), as background
            # paragraphs are written: follow-up reports (an arrest, a trial) date the
            # story's own event inside the sentence ("the May 13 shooting that left 15
            # injured", "was shot on May 7").
            continue
        toks = tokens_in(doc, mention.start, mention.end)
        if not toks or number.i in {t.i for t in toks}:
            continue
        verb = _clause_verb(toks[0])
        if verb is None or verb.i not in verbs or (
                verb is not own and verb.lemma_.lower() in REPORTING_VERBS):
            continue
        if story is not None:
            if not mention.normalized_unit or len(mention.normalized_unit) != 10:
                continue
            day = dt.date.fromisoformat(mention.normalized_unit)
            if (story - day).days > MAX_STORY_SPAN_DAYS:
                return True
        elif mention.normalized_unit is None and not _WEEKDAY_WORD_RE.search(doc.text):
            return True
    return False


_ELAPSED_UNITS = frozenset({"year", "decade", "month", "anniversary"})


def since_another_event(number: Token) -> bool:
    """True when the number sits in a "N years since / after ..." or "anniversary of ..."
    phrase: "four years since the deaths of four children" counts another event's dead."""
    for a in number.ancestors:
        if a.lemma_.lower() == "anniversary":
            return True
        before = a.doc[a.i - 1] if a.i > 0 else a
        if a.lower_ in ("since", "after") and _ELAPSED_UNITS & {
                a.head.lemma_.lower(), before.lemma_.lower()}:
            return True
    return False


def _subject_text(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ in ("that", "which", "who") and verb.dep_ == "relcl":
                return phrase_without_clauses(verb.head)
            if child.lower_ in ("it", "this", "that", "which", "who", "there"):
                return None
            return phrase_without_clauses(child)
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        # "the head of the emergency services telling state media ..."
        return phrase_without_clauses(verb.head)
    return None


def phrase_without_clauses(tok: Token) -> str:
    """The noun phrase of ``tok`` without relative clauses, appositions or punctuation edges."""
    for child in tok.children:
        # "the state interior minister, Jane Doe": the name is the better label.
        if child.dep_ == "appos" and child.ent_type_ == "PERSON" and tok.ent_type_ != "PERSON":
            return phrase_without_clauses(child)
    drop: set[int] = set()
    for child in tok.children:
        if child.dep_ in ("relcl", "acl", "appos", "advcl", "punct", "cc", "conj") and \
                not (child.dep_ in ("cc", "conj") and tok.pos_ == "PROPN"):
            drop.update(t.i for t in child.subtree)
    words = [t for t in tok.subtree if t.i not in drop]
    while words and (words[0].is_punct or words[0].dep_ == "det" and words[0].lower_ == "the"):
        words = words[1:]
    while words and words[-1].is_punct:
        words = words[:-1]
    if not words:
        return tok.text
    return tok.doc[words[0].i: words[-1].i + 1].text


def attribution(doc: Doc | Span, number: Token | None) -> str | None:
    """Who the sentence (or the number's clause) cites as its source, or None."""
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
            to = tok.nbor()
            for pobj in to.children:
                if pobj.dep_ == "pobj":
                    return phrase_without_clauses(pobj)
    candidates: list[Token] = []
    if number is not None:
        candidates += [a for a in number.ancestors if a.lemma_.lower() in REPORTING_VERBS]
    roots = [t for t in doc if t.dep_ == "ROOT"]
    for root in roots:
        if root.lemma_.lower() in REPORTING_VERBS:
            candidates.append(root)
        candidates += [c for c in root.children if c.dep_ in ("parataxis", "ccomp", "advcl")
                       and c.lemma_.lower() in REPORTING_VERBS and
                       (number is None or number.i not in {t.i for t in c.subtree})]
    for verb in candidates:
        subject = _subject_text(verb)
        if subject:
            return subject
        # "as reported by Reuters"
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    return phrase_without_clauses(pobj)
    return None
