"""Paragraph and sentence spans: exact offsets, trimmed, in order, nothing lost."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.segment import split_paragraphs, split_sentences


def texts(text: str, spans) -> list[str]:
    return [text[s.start : s.end] for s in spans]


def test_split_paragraphs_takes_every_nonblank_line_trimmed():
    text = "  Title line  \n\nFirst para.\nSecond para.\r\n\n \t\nThird para. "
    assert texts(text, split_paragraphs(text)) == [
        "Title line", "First para.", "Second para.", "Third para.",
    ]


def test_split_paragraphs_of_blank_text_is_empty():
    assert split_paragraphs("") == []
    assert split_paragraphs(" \n\n\t \n") == []


def test_split_sentences_keeps_times_and_abbreviations_whole():
    text = (
        "The toll was 103 by 10 a.m. EST on Wednesday, officials said. "
        "Gen. Qassem Soleimani was killed in 2020 by a U.S. drone strike. "
        "\u201cIt was terrible,\u201d he said."
    )
    assert texts(text, split_sentences(text)) == [
        "The toll was 103 by 10 a.m. EST on Wednesday, officials said.",
        "Gen. Qassem Soleimani was killed in 2020 by a U.S. drone strike.",
        "\u201cIt was terrible,\u201d he said.",
    ]


def test_split_sentences_offsets_index_the_full_text_inside_the_region():
    text = "Heading\n\nFirst one. Second one!\n\nTail text."
    start = text.index("First")
    end = text.index("!") + 1
    spans = split_sentences(text, start, end)
    assert texts(text, spans) == ["First one.", "Second one!"]
    assert all(start <= s.start < s.end <= end for s in spans)


def test_split_sentences_keeps_a_sentence_without_final_period():
    text = "Police said two men were hurt"
    assert texts(text, split_sentences(text)) == [text]


def test_split_sentences_of_blank_region_is_empty():
    assert split_sentences("   ") == []
    assert split_sentences("abc", 1, 1) == []


def test_split_sentences_glued_sentences_stay_exact():
    text = "A man was shot.The suspect fled. Police are searching."
    for span in split_sentences(text):
        piece = text[span.start : span.end]
        assert piece == piece.strip() and piece


_ALPHABET = st.sampled_from(list("abc XYZ.!?,\n\t\"'\u201c\u201d-0123") + ["Dr.", "a.m.", "U.S."])


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_paragraph_spans_are_trimmed_ordered_and_cover_all_text(text):
    spans = split_paragraphs(text)
    covered = set()
    last_end = -1
    for span in spans:
        piece = text[span.start : span.end]
        assert piece and piece == piece.strip() and "\n" not in piece
        assert span.start > last_end
        last_end = span.end
        covered.update(range(span.start, span.end))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_sentence_spans_are_trimmed_ordered_inside_and_lose_no_character(text):
    spans = split_sentences(text)
    covered = set()
    last_end = 0
    for span in spans:
        piece = text[span.start : span.end]
        assert piece and piece == piece.strip()
        assert last_end <= span.start
        last_end = span.end
        covered.update(range(span.start, span.end))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)
