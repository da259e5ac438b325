"""Claim extraction: numbers with what they count, quotes with speakers, responsibility.

Public API: :func:`load_nlp` (the checksum-verified spaCy pipeline) and
:func:`extract_claims` (one article -> :class:`newsfuse.story.ArticleClaims`) and
:func:`extract_story_claims` (the same for all articles of a story, parsed in one batch).
"""

from newsfuse.claims.extract import extract_claims, extract_story_claims
from newsfuse.claims.model import load_nlp
from newsfuse.claims.numbers import NumberMention, find_numbers

__all__ = ["NumberMention", "extract_claims", "extract_story_claims", "find_numbers", "load_nlp"]
