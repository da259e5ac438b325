"""Which sentences the claims stage parses: the sentence before a quote names its speaker."""

from __future__ import annotations

from test_claims import make_article

from newsfuse.claims.extract import _select

LEAD = "Mayor Jane Okafor toured the flooded district on Monday."


def _selected(text: str) -> list[str]:
    article = make_article(text)
    _, selected = _select(article)
    return [article.text[s.start:s.end] for s in selected]


def test_sentence_before_a_single_quoted_quote_is_parsed():
    # British-style quotes, curly or straight: the lead names the speaker of the quote.
    for quote in ("‘We will rebuild every home,’ the mayor told reporters.",
                  "'We will rebuild every home,' the mayor told reporters."):
        assert LEAD in _selected(f"{LEAD}\n\n{quote}")


def test_an_apostrophe_is_not_a_quote():
    # A closing curly apostrophe ("district’s") opens nothing: the lead is not parsed for it.
    text = f"{LEAD}\n\nThe district’s pumps were running again by noon."
    assert LEAD not in _selected(text)
