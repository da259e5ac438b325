"""Who claimed, denied or was blamed for the event, and "no one has claimed responsibility".

Rules (on the parse of one sentence):

* claimed: "X claimed / took / accepted / assumed responsibility|credit", "X has claimed the
  attack"; actor = subject.
* denied: "X denied involvement / responsibility / any role"; actor = subject.
* blamed: "blamed X (for ...)", "blamed the attack on X", "attributing the attacks to X",
  "held X responsible", "laid blame ... on X", "accused X of"; actor = the party blamed.
* blamed also: "the attack was carried out / perpetrated by X" (not negated).
* denied also: "X was not responsible / implicated / involved", "X had no involvement": X's
  responsibility is denied, by X or by others (the type has no field for who denies).
* none_claimed: "no one / no group / nobody (has) (immediately) claimed|taken responsibility",
  "no immediate claim of responsibility"; actor None.

Crime stories word it differently:

* blamed: "X is/was responsible for ...", "... is because of X" (X a named party), "X was
  charged / arrested / indicted / accused in connection with <the shooting>" or "charged
  with murder" (X named; a charge is the authorities blaming X).
* denied: "X denied shooting / killing ...", "X is not the person who shot ..."; "he" inside
  "X says he ..." is X.

Other domains (business, sports, politics, celebrity, weather) use the same words for things
that are not responsibility for a harmful event, and those are not claims here:

* an actor must be a party: a person, group, organisation, country or a person noun ("the
  driver", "rebels"); a cause that is not a party ("blamed the weather", "attributed to global
  warming", "the reviews have been blamed for delays") is a cause, not a responsibility claim.
* when the statement names what the party is blamed, accused, credited or responsible for,
  that must be harm: an attack, crime, death, damage, disaster or failure ("responsible for
  the collapse", "accused of fraud"), not a job or an outcome ("responsible for assisting the
  manager", "took credit for the rally in shares", "accused him of lying", "attributed the
  show's longevity to its writers", "blamed the loss on poor defense"). "Claimed victory /
  the title / a seat" never was a claim: only "responsibility" and "credit" are claimed.
* "because of X" blames X only in a sentence naming a harmful event.
* pronouns that name no one ("whom to blame", "we accept responsibility") give no actor.

Claims whose sentence is about another, earlier event (a year before the story's, "last
year", ...: :func:`newsfuse.claims.link.is_background`) are skipped, so a group that claimed a
past attack is not reported as claiming this one. Nothing is added to the data type for that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsfuse.claims.link import (
    REPORTING_VERBS,
    is_background,
    is_person_noun,
    phrase_without_clauses,
)

NONE_CLAIMED_RE = re.compile(
    r"\b(?:no\s+one|nobody|no(?:\s+[\w-]+){0,3}?\s+(?:group|groups|organi[sz]ation|individual|"
    r"party|one|militants?))\b[^.;]{0,50}?\b(?:claimed|claim|taken|took|take|accepted|"
    r"admitted)\b[^.;]{0,30}?\b(?:responsibility|credit)\b"
    r"|\bno\s+(?:immediate\s+)?claims?\s+of\s+responsibility\b"
    r"|\bnot\s+(?:yet\s+)?been\s+claimed\b|\byet\s+to\s+(?:claim|take)\s+responsibility\b",
    re.IGNORECASE,
)
# "the attack was carried out by X", "perpetrated by X": the agent is the one blamed.
PERPETRATE_VERBS = frozenset({"carry", "perpetrate", "orchestrate", "commit", "stage",
                              "mastermind", "conduct", "execute", "launch"})
# "X was not responsible / implicated / involved": X's responsibility is denied. The data type
# has no field for who denies, so ``denied`` means "responsibility of X denied" whether X or
# others (officials, a spokesman) say it.
NOT_RESPONSIBLE = frozenset({"responsible", "implicate", "implicated", "involve", "involved",
                             "behind", "culpable"})
EVENT_NOUNS = frozenset({"attack", "bombing", "blast", "explosion", "shooting", "assault",
                         "killing", "strike", "massacre", "ambush", "raid", "hack", "fire",
                         "kidnapping", "abduction", "operation"})


# What a party can be blamed, accused, credited or held responsible for: harm. Event nouns and
# offence nouns (below) count too. Outcomes of games, markets and careers are not here.
HARM_NOUNS = frozenset({
    "death", "deaths", "violence", "damage", "damages", "injury", "injuries", "casualty",
    "casualties", "destruction", "collapse", "outage", "breach", "leak", "spill", "disaster",
    "accident", "derailment", "blackout", "fraud", "corruption", "bribery", "theft", "rape",
    "abuse", "misconduct", "riot", "riots", "unrest", "crime", "crimes", "atrocity",
    "atrocities", "genocide", "war", "massacre", "terrorism", "sabotage", "hacking",
    "cyberattack", "poisoning", "harassment", "assassination", "murders", "fires", "attacks",
    "bombings", "explosions", "blasts", "crashes", "leaks", "flooding", "contamination",
    "failure", "failures", "embezzlement", "extortion", "trafficking", "smuggling", "negligence",
    "looting", "vandalism", "stampede", "shelling", "airstrike", "airstrikes", "rocket",
    "rockets", "missile", "missiles"})
# Gerunds after "for" / "of" that name harm ("responsible for killing", "accused of bombing").
HARM_GERUNDS = frozenset({
    "shoot", "kill", "murder", "stab", "attack", "beat", "strangle", "slay", "bomb", "hack",
    "leak", "abuse", "rape", "steal", "defraud", "assassinate", "poison", "detonate", "target",
    "damage", "destroy", "kidnap", "abduct", "torture", "loot", "burn", "plan", "orchestrate",
    "carry", "cause", "start", "set", "fire", "launch", "shell", "embezzle", "bribe",
    "assault", "harass", "smuggle", "traffic", "sabotage", "vandalize", "vandalise"})
# Bodies that act and can be blamed ("the government", "police"), beyond names and person nouns.
PARTY_NOUNS = frozenset({
    "government", "police", "authority", "authorities", "agency", "ministry", "department",
    "military", "army", "regime", "administration", "company", "firm", "group", "party",
    "council", "committee", "board", "team", "club", "union", "court", "state", "country",
    "forces", "force", "navy", "embassy", "opposition", "management", "owner", "owners",
    "operator", "contractor", "leadership", "cartel", "gang", "network", "organisation",
    "organization", "movement", "faction", "militia", "junta", "office", "bank", "school",
    "university", "hospital", "city", "county", "landlord", "employer", "manufacturer",
    "airline", "utility", "insurgency", "establishment", "media", "press",
    # roles a person holds
    "coach", "chief", "minister", "president", "ceo", "executive", "chairman", "chairwoman",
    "spokesman", "spokeswoman", "spokesperson", "senator", "governor", "mayor", "official",
    "judge", "leader", "king", "queen", "prince", "princess", "boss", "head", "premier",
    "chancellor", "secretary", "commander", "general", "captain", "sheriff", "prosecutor",
    "lawyer", "attorney", "candidate", "lawmaker", "congressman", "congresswoman", "star",
    "actor", "actress", "singer", "rapper", "celebrity", "founder", "director", "ally",
    "allies", "rival", "rivals", "enemy", "enemies", "neighbour", "neighbor", "husband",
    "wife", "partner", "boyfriend", "girlfriend", "landlord", "tenant", "mob", "crowd"})
# Causes that the agent-noun suffix rule of ``is_person_noun`` would read as people ("-er").
_CAUSE_NOUNS = frozenset({"weather", "water", "power", "fever", "cancer", "disorder", "error",
                          "winter", "summer", "thunder", "matter", "paper", "danger", "factor",
                          "sector", "border", "server", "behavior", "behaviour", "shelter",
                          "river", "tremor", "rumor", "rumour", "labor", "labour", "vapor",
                          "other", "order", "layer", "computer", "filter", "heater", "meter"})
_NO_ACTOR = frozenset({"it", "they", "who", "whom", "which", "that", "what", "we", "i", "you",
                       "us", "me", "them", "this", "these", "those", "someone", "somebody",
                       "anyone", "anybody", "everyone", "everybody", "one"})


def is_party(tok: Token) -> bool:
    """True when a token names a party that can bear responsibility: a person, group,
    organisation or country name, a person noun ("the driver", "militants") or an acting body
    ("the government", "the company"); not a cause such as "the weather" or "global warming"."""
    if tok.lower_ in _NO_ACTOR or tok.pos_ == "PRON":
        return False
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.pos_ == "PROPN":
        return True
    lemma = tok.lemma_.lower()
    if lemma in PARTY_NOUNS or tok.lower_ in PARTY_NOUNS:
        return True
    return tok.pos_ == "NOUN" and lemma not in _CAUSE_NOUNS and is_person_noun(tok)


def names_harm(tok: Token | None) -> bool:
    """True when the phrase under ``tok`` names harm: an event, offence or harm noun, or a
    harm gerund ("the collapse", "the deaths of 12 people", "killing the guard")."""
    if tok is None:
        return False
    for t in tok.subtree:
        lemma, lower = t.lemma_.lower(), t.lower_
        if t.pos_ in ("NOUN", "PROPN") and (
                lemma in EVENT_NOUNS or lower in OFFENCE_NOUNS or lemma in OFFENCE_NOUNS
                or lemma in HARM_NOUNS or lower in HARM_NOUNS):
            return True
        if t.pos_ == "VERB" and t.tag_ == "VBG" and lemma in HARM_GERUNDS:
            return True
    return False


def _for_object(tok: Token, prep_words: tuple[str, ...] = ("for",)) -> Token | None:
    """The object of "for" (or ``prep_words``) under ``tok``: a noun or a gerund."""
    for prep in (c for c in tok.children if c.dep_ in ("prep", "dative")
                 and c.lower_ in prep_words):
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is not None:
            return obj
    return None


def _what_for(verb: Token, *heads: Token | None) -> Token | None:
    """The "for ..." phrase of a statement, on the verb or on one of its nouns."""
    for tok in (verb, *heads):
        if tok is not None:
            found = _for_object(tok)
            if found is not None:
                return found
    return None


@dataclass(frozen=True)
class ResponsibilitySpan:
    """One responsibility statement: actor, stance and its character span in the sentence."""

    actor: str | None
    stance: str
    start: int
    end: int
    event_noun: str | None = None


def _obj(verb: Token, deps: tuple[str, ...] = ("dobj", "obj")) -> Token | None:
    return next((c for c in verb.children if c.dep_ in deps), None)


def _pobj(verb: Token, prep_words: tuple[str, ...]) -> Token | None:
    for prep in [c for c in verb.children if c.dep_ in ("prep", "dative")] + [
            c for o in verb.children if o.dep_ in ("dobj", "obj") for c in o.children
            if c.dep_ == "prep"]:
        if prep.lower_ in prep_words:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _subject(verb: Token) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in (
            "VERB", "AUX"):
        return _subject(verb.head)
    return subject


def _actor(tok: Token | None) -> str | None:
    if tok is None or not is_party(tok):
        return None
    phrase = phrase_without_clauses(tok)
    # "held the company responsible for the spill": the actor ends before "responsible".
    cut = next((c for c in tok.children if c.lower_ == "responsible" and c.i > tok.i), None)
    if cut is not None:
        phrase = tok.doc[next(iter(tok.subtree)).i:cut.i].text
        phrase = phrase.removeprefix("the ").removeprefix("The ").strip(" ,")
    # "blamed the opposition for the violence": the actor ends before "for ...".
    for child in tok.children:
        if child.dep_ == "prep" and child.i > tok.i and (
                child.lower_ in ("for", "over") or child.lower_ == "of" and names_harm(child)):
            phrase = phrase.split(f" {child.text} ")[0].strip(" ,")
            break
    return phrase


def _span(verb: Token) -> tuple[int, int]:
    toks = [t for t in verb.subtree if not t.is_punct]
    if not toks:
        return verb.idx, verb.idx + len(verb.text)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


# Crime wording. Harm verbs a person can be blamed for or deny; offences one is charged with.
HARM_VERBS = frozenset({"shoot", "kill", "murder", "stab", "attack", "beat", "strangle",
                        "set", "start", "cause", "hit", "run", "slay"})
OFFENCE_NOUNS = frozenset({"murder", "killing", "killings", "homicide", "manslaughter",
                           "death", "deaths", "shooting", "shootings", "stabbing", "attack",
                           "assault", "arson", "slaying", "slayings", "bombing", "crash",
                           "fire", "robbery", "kidnapping", "case", "incident"})
_PRONOUN_ACTORS = frozenset({"he", "she", "him", "her"})


def _resolved_actor(tok: Token | None) -> str | None:
    """The actor phrase; "he"/"she" inside "X says he ..." becomes X, else None."""
    if tok is None:
        return None
    if tok.lower_ in _PRONOUN_ACTORS:
        for a in tok.ancestors:
            if a.lemma_.lower() in REPORTING_VERBS:
                subj = next((c for c in a.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None and subj.lower_ not in _PRONOUN_ACTORS | {"it", "they"}:
                    return phrase_without_clauses(subj)
        return None
    return _actor(tok)


def _crime_wording(verb: Token, lemma: str, negated: bool) -> tuple[str | None, str | None]:
    """Responsibility as crime stories word it (see module docstring)."""
    if lemma == "be":
        responsible = next((c for c in verb.children if c.dep_ == "acomp"
                            and c.lower_ == "responsible"), None)
        subject = _subject(verb)
        if subject is not None and subject.lower_ in ("nobody", "none", "nothing", "noone"):
            return None, None
        if responsible is not None and not negated and names_harm(_for_object(responsible)):
            # "the contractor is responsible for the collapse", not "for assisting the GM"
            return "blamed", _resolved_actor(_subject(verb))
        attr = next((c for c in verb.children if c.dep_ == "attr"), None)
        if negated and attr is not None and any(
                c.dep_ == "relcl" and c.lemma_.lower() in HARM_VERBS for c in attr.children):
            return "denied", _resolved_actor(_subject(verb))  # "he is not the person who shot"
    if lemma == "because" and verb.dep_ == "prep" and any(c.lower_ == "of" for c in verb.children):
        pobj = next((c for c in verb.children if c.dep_ == "pobj"), None)
        if pobj is not None and (pobj.ent_type_ in ("PERSON", "ORG", "NORP") or
                                 pobj.pos_ == "PROPN") and not any(
                c.dep_ == "neg" for c in verb.head.children) and names_harm(verb.head):
            return "blamed", _actor(pobj)  # "the fire was because of X" (a named party)
    if verb.pos_ == "VERB" and lemma in ("charge", "arrest", "indict", "accuse", "convict") \
            and not negated:
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        offence = [t for t in verb.subtree if t.lower_ in OFFENCE_NOUNS and t.dep_ == "pobj"]
        if subj is not None and offence and (subj.pos_ == "PROPN" or subj.ent_type_ in (
                "PERSON", "ORG")):
            return "blamed", _actor(subj)  # "X was charged with murder / in connection with"
    if verb.pos_ == "VERB" and lemma in ("deny", "reject"):
        harm = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp", "dobj")
                     and c.lemma_.lower() in HARM_VERBS), None)
        if harm is not None:
            return "denied", _resolved_actor(_subject(verb))  # "X denied shooting Y"
    return None, None


def find_responsibility(doc: Doc, story_year: int | None) -> list[ResponsibilitySpan]:
    """Responsibility statements of one parsed sentence (offsets into the sentence)."""
    found: list[ResponsibilitySpan] = []
    for m in NONE_CLAIMED_RE.finditer(doc.text):
        found.append(ResponsibilitySpan(None, "none_claimed", m.start(), m.end()))
    if found:
        return found
    for verb in doc:
        lemma = verb.lemma_.lower()
        if verb.pos_ not in ("VERB", "AUX", "NOUN") and verb.lower_ != "because":
            continue
        obj = _obj(verb)
        obj_lemma = obj.lemma_.lower() if obj is not None else ""
        stance, actor = None, None
        negated = any(c.dep_ == "neg" for c in verb.children)
        if lemma in ("claim", "take", "accept", "assume", "admit") and verb.pos_ == "VERB" and (
                obj_lemma in ("responsibility", "credit")
                or lemma == "claim" and obj_lemma in EVENT_NOUNS):
            what = _what_for(verb, obj)
            if obj_lemma != "credit" or what is None or names_harm(what):
                # "took credit for the rally in shares" is praise, not an attack's claim
                stance, actor = ("denied" if negated else "claimed"), _actor(_subject(verb))
        elif lemma in ("deny", "reject") and verb.pos_ == "VERB" and obj_lemma in (
                "responsibility", "involvement", "role", "link", "links", "part", "claim",
                "connection", "participation"):
            stance, actor = "denied", _actor(_subject(verb))
        elif lemma == "blame" and verb.pos_ == "VERB":
            target = _pobj(verb, ("on",))
            if target is None and obj is not None and obj_lemma not in EVENT_NOUNS:
                target = obj
            if target is None and verb.dep_ == "agent":
                target = None
            if target is None and any(c.dep_ == "nsubjpass" for c in verb.children):
                # "X was blamed for the attack"
                target = _subject(verb)
            # What is blamed: "for ..." or the object of "blamed <it> on X"; when named it
            # must be harm ("blamed the loss on poor defense" is a game, not an attack).
            what = _what_for(verb, obj) or (obj if target is not obj else None)
            if what is None or names_harm(what):
                stance, actor = "blamed", _actor(target)
        elif lemma == "blame" and verb.pos_ == "NOUN" and verb.head.lemma_.lower() in ("lay", "put",
                                                                                       "place"):
            what = _what_for(verb, verb.head)
            if what is None or names_harm(what):
                stance, actor = "blamed", _actor(_pobj(verb.head, ("on",)))
        elif lemma in ("attribute", "ascribe") and verb.pos_ == "VERB":
            # "attributing the attacks to X"; not "attributed the show's success to its writers"
            what = obj if obj is not None else next(
                (c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if what is not None and what.dep_ == "nsubjpass" and what.lower_ in (
                    "which", "that", "who") and verb.dep_ == "relcl":
                what = verb.head
            if names_harm(what):
                stance, actor = "blamed", _actor(_pobj(verb, ("to",)))
        elif lemma == "hold" and obj is not None and any(
                c.lower_ == "responsible" for c in verb.children if c.dep_ in ("oprd", "acomp",
                                                                               "xcomp", "ccomp")
        ) or lemma == "hold" and obj is not None and any(
                c.lower_ == "responsible" for c in obj.children):
            responsible = next((t for t in verb.subtree if t.lower_ == "responsible"), None)
            what = _for_object(responsible) if responsible is not None else None
            if what is None or names_harm(what):
                stance, actor = "blamed", _actor(obj)
        elif lemma == "accuse" and obj is not None and names_harm(
                _for_object(verb, ("of",)) or _for_object(obj, ("of",))):
            # "accused X of bombing / of fraud"; not "accused her rival of lying"
            stance, actor = "blamed", _actor(obj)
        if stance is None and verb.pos_ == "VERB" and lemma in PERPETRATE_VERBS and not negated:
            subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            if subj is not None and subj.lemma_.lower() in EVENT_NOUNS and agent is not None:
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                # Only a named party ("by Israeli agents", "by ISIS"), not "by terrorists".
                if pobj is not None and any(t.pos_ == "PROPN" or t.ent_type_ in (
                        "NORP", "ORG", "GPE", "PERSON") for t in pobj.subtree):
                    stance, actor = "blamed", _actor(pobj)
        if stance is None and negated and (
                lemma in NOT_RESPONSIBLE and verb.pos_ == "VERB"
                or lemma == "be" and any(c.lower_ in NOT_RESPONSIBLE for c in verb.children
                                         if c.dep_ in ("acomp", "prep", "attr"))):
            stance, actor = "denied", _actor(_subject(verb))
        if stance is None and lemma == "have" and obj is not None and obj_lemma in (
                "involvement", "role", "part", "hand") and any(
                c.lower_ == "no" for c in obj.children):
            stance, actor = "denied", _actor(_subject(verb))
        if stance is None:
            stance, actor = _crime_wording(verb, lemma, negated)
        if stance is None or actor is None:
            continue
        if is_background(doc, verb, story_year):
            continue
        start, end = _span(verb)
        event = next((t.lemma_.lower() for t in verb.subtree
                      if t.lemma_.lower() in EVENT_NOUNS and t.pos_ == "NOUN"), None)
        found.append(ResponsibilitySpan(actor, stance, start, end, event))
    return found
