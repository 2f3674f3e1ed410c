"""The engine's word patterns (service.engine.tokens): each splits text as the part it feeds
expects. The span models' TOKEN and the sentence classifier's SENTENCE_FEATURE_TOKEN differ
only by NYT quotation marks ('' and ``)."""

from __future__ import annotations

import pytest

from service.engine.tokens import (
    BIAS_FEATURE_WORD,
    CLAUSE_WORD,
    CONTEXT_TOKEN,
    CUE_TEXT_WORD,
    CUE_WORD,
    LETTERS,
    LOWER_WORD,
    MENTION_TOKEN,
    SENTENCE_FEATURE_TOKEN,
    TOKEN,
    WORD,
)

TEXT = "``Don't,'' said Mr. Smith-Jones of the U.S., AT&T's 3,000 well-known 'rock' fans."


@pytest.mark.parametrize(
    "pattern, expected",
    [
        (
            TOKEN,
            ["``", "Don't", ",", "''", "said", "Mr", ".", "Smith", "-", "Jones", "of", "the", "U"],
        ),
        (
            SENTENCE_FEATURE_TOKEN,
            ["`", "`", "Don't", ",", "'", "'", "said", "Mr", ".", "Smith", "-", "Jones", "of"],
        ),
        (
            MENTION_TOKEN,
            ["``", "Don't", ",", "''", "said", "Mr", ".", "Smith-Jones", "of", "the", "U.S."],
        ),
        (CUE_WORD, ["Don't", "said", "Mr", "Smith-Jones", "of", "the", "U", "S", "AT", "T's"]),
        (CUE_TEXT_WORD, ["Don't", "said", "Mr", "Smith", "Jones", "of", "the", "U", "S", "AT"]),
        (CLAUSE_WORD, ["Don't", "said", "Mr.", "Smith-Jones", "of", "the", "U.S.", "AT", "T's"]),
        (CONTEXT_TOKEN, ["`", "`", "Don't", ",", "''", "said", "Mr", ".", "Smith", "-", "Jones"]),
        (LETTERS, ["Don", "t", "said", "Mr", "Smith", "Jones", "of", "the", "U", "S", "AT", "T"]),
        (WORD, ["Don", "t", "said", "Mr", "Smith", "Jones", "of", "the", "U", "S", "AT", "T"]),
    ],
)
def test_each_pattern_splits_as_its_part_expects(pattern, expected):
    assert pattern.findall(TEXT)[: len(expected)] == expected


def test_numbers_and_inner_hyphens():
    assert BIAS_FEATURE_WORD.findall("3,000 well-known fans") == ["3", "000", "well-known", "fans"]
    assert CLAUSE_WORD.findall("3,000 well-known fans") == ["3,000", "well-known", "fans"]
    assert MENTION_TOKEN.findall("3,000 well-known fans") == ["3,000", "well-known", "fans"]
    assert CUE_WORD.findall("3,000 well-known fans") == ["well-known", "fans"]


def test_lower_words_compare_names_by_their_ascii_letters():
    assert LOWER_WORD.findall("mark rutte, nato's chief (2024)") == [
        "mark",
        "rutte",
        "nato",
        "s",
        "chief",
    ]
