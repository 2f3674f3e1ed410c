"""Paragraph and sentence segmentation: offsets into the exact text, abbreviations, quotes,
page furniture, hostile unicode, and the cap on very long "sentences"."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

import service.engine.segment as segment_module
from service.engine.segment import MAX_SENTENCE_CHARS, Segment, Segmenter, paragraphs

# Characters that end a paragraph (a line); str.isspace() is true for all of them.
LINE_BREAKS = ("\n", "\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85")


@pytest.fixture(scope="module")
def segmenter(engine) -> Segmenter:
    """The shipped segmenter (Punkt parameters from models/punkt/punkt.json)."""
    return engine.segmenter


def sentences(segmenter: Segmenter, text: str) -> list[str]:
    return [text[s.start : s.end] for s in segmenter.segment(text)]


def assert_well_formed(text: str, segs: list[Segment], *, stripped: bool = True) -> None:
    """The invariants every segmentation must satisfy, whatever the text."""
    paras = paragraphs(text)
    previous_end = 0
    previous_para = 0
    for seg in segs:
        assert 0 <= seg.start < seg.end <= len(text), seg
        assert seg.start >= previous_end, "segments overlap or go backwards"
        assert 0 <= seg.paragraph < len(paras)
        assert seg.paragraph >= previous_para, "paragraph indices go backwards"
        ps, pe = paras[seg.paragraph]
        assert ps <= seg.start and seg.end <= pe, "segment leaves its paragraph"
        piece = text[seg.start : seg.end]
        assert piece.strip(), "empty or white-space-only segment"
        if stripped:
            assert piece == piece.strip(), f"segment not stripped: {piece!r}"
        assert len(piece) <= segment_module.MAX_SENTENCE_CHARS
        previous_end, previous_para = seg.end, seg.paragraph
    # Nothing but white space is lost: every other character is inside some segment.
    covered = set()
    for seg in segs:
        covered.update(range(seg.start, seg.end))
    lost = [(i, c) for i, c in enumerate(text) if not c.isspace() and i not in covered]
    assert not lost, f"characters dropped by the segmenter: {lost[:5]}"


# --------------------------------------------------------------------------- paragraphs


@pytest.mark.parametrize("nl", LINE_BREAKS, ids=[repr(n) for n in LINE_BREAKS])
def test_paragraphs_split_at_every_line_break(nl):
    text = f"First line here.{nl}Second line here."
    spans = paragraphs(text)
    assert [text[a:b] for a, b in spans] == ["First line here.", "Second line here."]


@pytest.mark.parametrize("nl", LINE_BREAKS, ids=[repr(n) for n in LINE_BREAKS])
def test_segments_never_cross_a_line_break(segmenter, nl):
    # No full stop at the end of the first line: only the line break separates the two.
    text = f"the senator said{nl}the bill will pass"
    segs = segmenter.segment(text)
    assert [text[s.start : s.end] for s in segs] == ["the senator said", "the bill will pass"]
    assert [s.paragraph for s in segs] == [0, 1]


def test_blank_and_white_space_lines_are_ignored(segmenter):
    text = "\n\nFirst.\n\n \t \r\n\u2028\u00a0\nSecond.\n\n"
    assert [text[a:b] for a, b in paragraphs(text)] == ["First.", "Second."]
    segs = segmenter.segment(text)
    # Paragraph numbers count only non-blank lines.
    assert [(text[s.start : s.end], s.paragraph) for s in segs] == [("First.", 0), ("Second.", 1)]


def test_paragraph_spans_are_stripped_offsets():
    text = "  \tIndented line.\t \r\n   Another one.   "
    spans = paragraphs(text)
    assert spans == [(3, 17), (24, 36)]
    assert [text[a:b] for a, b in spans] == ["Indented line.", "Another one."]


def test_crlf_does_not_leave_carriage_returns_in_sentences(segmenter):
    text = "One sentence.\r\nTwo sentence.\r\n"
    got = sentences(segmenter, text)
    assert got == ["One sentence.", "Two sentence."]
    assert all("\r" not in s for s in got)


# --------------------------------------------------------------------------- offsets


def test_offsets_index_the_exact_text(segmenter):
    text = "  Mr. Smith arrived on Monday.  He said the talks failed.\n\n  “It is over,” he said.  "
    segs = segmenter.segment(text)
    assert [text[s.start : s.end] for s in segs] == [
        "Mr. Smith arrived on Monday.",
        "He said the talks failed.",
        "“It is over,” he said.",
    ]
    assert [s.paragraph for s in segs] == [0, 0, 1]
    assert_well_formed(text, segs)


# --------------------------------------------------------------------------- abbreviations


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Mr. Smith met Sen. Jones today. They talked.",
            ["Mr. Smith met Sen. Jones today.", "They talked."],
        ),
        (
            "Mr. Smith and Mrs. Jones met Sen. Warren and Rep. Pelosi. They talked.",
            ["Mr. Smith and Mrs. Jones met Sen. Warren and Rep. Pelosi.", "They talked."],
        ),
        (
            "The U.S. Senate voted on the bill. It passed.",
            ["The U.S. Senate voted on the bill.", "It passed."],
        ),
        (
            "Gov. Brown met Dr. Green and Gen. Lee in Washington. Nothing was agreed.",
            ["Gov. Brown met Dr. Green and Gen. Lee in Washington.", "Nothing was agreed."],
        ),
        ("He arrived at 6 a.m. Then he left.", ["He arrived at 6 a.m.", "Then he left."]),
    ],
)
def test_abbreviations_do_not_end_sentences(segmenter, text, expected):
    assert sentences(segmenter, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The vote on Jan. 5 was close. Smith said no.",
            ["The vote on Jan. 5 was close.", "Smith said no."],
        ),
        (
            "Acme Corp. 2024 results were weak. Shares fell.",
            ["Acme Corp. 2024 results were weak.", "Shares fell."],
        ),
    ],
)
def test_shipped_model_knows_month_and_company_abbreviations(segmenter, text, expected):
    assert sentences(segmenter, text) == expected


def test_segmenter_honours_abbreviations_in_its_punkt_parameters():
    """The code path: whatever Punkt knows as an abbreviation does not end a sentence."""
    params = PunktParameters()
    params.abbrev_types = {"mr", "sen", "u.s", "jan"}
    seg = Segmenter(PunktSentenceTokenizer(params))
    text = "Mr. Smith met Sen. Jones in the U.S. capital on Jan. 5. They talked."
    assert sentences(seg, text) == [
        "Mr. Smith met Sen. Jones in the U.S. capital on Jan. 5.",
        "They talked.",
    ]
    # ... and without the abbreviation, the same period does end one.
    bare = Segmenter(PunktSentenceTokenizer(PunktParameters()))
    assert "Mr." in sentences(bare, "Mr. Smith left.")


# --------------------------------------------------------------------------- quotes


@pytest.mark.parametrize(
    "quoted",
    ['"We will win."', "“We will win.”", '"Will we win?"', "“We will win!”", "'We will win.'"],
)
def test_closing_quote_after_period_stays_with_its_sentence(segmenter, quoted):
    text = f"He said, {quoted} Then he left."
    assert sentences(segmenter, text) == [f"He said, {quoted}", "Then he left."]


@pytest.mark.parametrize("quoted", ['"We will win."', "“We will win.”"])
def test_quote_opening_a_paragraph_keeps_its_closing_mark(segmenter, quoted):
    text = f"{quoted} Then he left."
    assert sentences(segmenter, text) == [quoted, "Then he left."]


# --------------------------------------------------------------------------- page furniture


def test_page_furniture_lines_are_their_own_sentences(segmenter):
    text = (
        "By Jane Doe\n"
        "The senator said the bill would pass. Critics disagreed.\n"
        "Advertisement\n"
        "The vote is on Tuesday.\n"
        "Comments\n"
        "Share this:\n"
        "Facebook\n"
        "Read more\n"
    )
    segs = segmenter.segment(text)
    assert [text[s.start : s.end] for s in segs] == [
        "By Jane Doe",
        "The senator said the bill would pass.",
        "Critics disagreed.",
        "Advertisement",
        "The vote is on Tuesday.",
        "Comments",
        "Share this:",
        "Facebook",
        "Read more",
    ]
    assert [s.paragraph for s in segs] == [0, 1, 1, 2, 3, 4, 5, 6, 7]
    assert_well_formed(text, segs)


def test_furniture_between_sentences_of_one_story_does_not_merge(segmenter):
    text = "The mayor resigned on Friday\nAdvertisement\nshe had been in office for ten years."
    assert sentences(segmenter, text) == [
        "The mayor resigned on Friday",
        "Advertisement",
        "she had been in office for ten years.",
    ]


# --------------------------------------------------------------------------- no punctuation, caps


def test_text_without_punctuation_is_one_sentence(segmenter):
    text = "  no punctuation at all here just words  "
    segs = segmenter.segment(text)
    assert [(s.start, s.end) for s in segs] == [(2, 39)]


def test_long_line_without_punctuation_is_capped_at_spaces(segmenter):
    text = "word " * 1000  # 5000 characters, one line, no sentence punctuation
    segs = segmenter.segment(text)
    assert len(segs) >= 3
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in segs)
    assert all(s.paragraph == 0 for s in segs)
    # Cut at white space only: every piece is whole words, and together they are all the words.
    pieces = [text[s.start : s.end] for s in segs]
    assert all(p.split() == ["word"] * len(p.split()) for p in pieces)
    assert sum(len(p.split()) for p in pieces) == 1000
    assert_well_formed(text, segs)


def test_long_token_without_any_space_is_hard_cut(segmenter):
    text = "x" * (2 * MAX_SENTENCE_CHARS + 17)
    segs = segmenter.segment(text)
    assert [(s.start, s.end) for s in segs] == [
        (0, MAX_SENTENCE_CHARS),
        (MAX_SENTENCE_CHARS, 2 * MAX_SENTENCE_CHARS),
        (2 * MAX_SENTENCE_CHARS, len(text)),
    ]


def test_cap_applies_to_a_long_punkt_sentence_inside_a_paragraph(segmenter, monkeypatch):
    monkeypatch.setattr(segment_module, "MAX_SENTENCE_CHARS", 20)
    text = "Short one. alpha beta gamma delta epsilon zeta eta theta iota. Done."
    segs = segmenter.segment(text)
    pieces = [text[s.start : s.end] for s in segs]
    assert pieces[0] == "Short one."
    assert pieces[-1] == "Done."
    assert all(len(p) <= 20 for p in pieces)
    assert (
        " ".join(pieces[1:-1]).split()
        == "alpha beta gamma delta epsilon zeta eta theta iota.".split()
    )
    assert_well_formed(text, segs)


@pytest.mark.parametrize("unit", ["word  ", "abc\t"], ids=["double-space", "tab-separated"])
def test_capped_segments_are_stripped(segmenter, unit):
    text = unit * (3 * MAX_SENTENCE_CHARS // len(unit))
    segs = segmenter.segment(text)
    assert len(segs) >= 2
    for s in segs:
        piece = text[s.start : s.end]
        assert piece == piece.strip(), repr(piece[-10:])


# --------------------------------------------------------------------------- unusual characters


def test_control_characters_do_not_break_offsets(segmenter):
    text = "Ctrl\x00char here. Next \x07one. \x1b[0m escape. \x7f\x01"
    segs = segmenter.segment(text)
    got = [text[s.start : s.end] for s in segs]
    assert got[:3] == ["Ctrl\x00char here.", "Next \x07one.", "\x1b[0m escape."]
    assert "".join(got).replace(" ", "") == text.replace(" ", "")
    assert_well_formed(text, segs)


def test_emoji_astral_plane_and_zwj_sequences(segmenter):
    family = "\U0001f469\u200d\U0001f469\u200d\U0001f467"  # one grapheme, five code points
    text = f"Hello {family} family. Next \U0001f389 sentence. \U0001f1fa\U0001f1f8 flag."
    segs = segmenter.segment(text)
    assert [text[s.start : s.end] for s in segs] == [
        f"Hello {family} family.",
        "Next \U0001f389 sentence.",
        "\U0001f1fa\U0001f1f8 flag.",
    ]
    # Python str indices: the astral characters count one each, not two (no UTF-16 offsets).
    assert segs[1].start == text.index("Next")
    assert_well_formed(text, segs)


@pytest.mark.parametrize(
    "first, second",
    [
        ("قال الرئيس إن الخطة فشلت.", "وأضاف أن الحكومة ستستقيل."),
        ("אמר השר כי התוכנית נכשלה.", "הוא הוסיף כי לא יתפטר."),
    ],
    ids=["arabic", "hebrew"],
)
def test_right_to_left_scripts(segmenter, first, second):
    text = f"\u200f{first} {second}\n"
    segs = segmenter.segment(text)
    got = [text[s.start : s.end] for s in segs]
    assert got == [f"\u200f{first}", second]
    assert_well_formed(text, segs)


def test_combining_characters_stay_with_their_base(segmenter):
    text = "Cafe\u0301 owners said so. Nai\u0308ve plans failed.\n\u0301 stray mark."
    got = sentences(segmenter, text)
    assert got == ["Cafe\u0301 owners said so.", "Nai\u0308ve plans failed.", "\u0301 stray mark."]


def test_tabs_inside_and_around_sentences(segmenter):
    text = "\tTab\there. Next\tone.\t"
    segs = segmenter.segment(text)
    assert [text[s.start : s.end] for s in segs] == ["Tab\there.", "Next\tone."]
    assert segs[0].start == 1


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n", "\r\n\r\n", " \t \u00a0\u3000\u2028 \x0b\x0c\x85 "],
    ids=["empty", "space", "newline", "crlfs", "unicode-spaces"],
)
def test_empty_and_white_space_only_text_has_no_sentences(segmenter, text):
    assert paragraphs(text) == []
    assert segmenter.segment(text) == []


def test_single_character_text(segmenter):
    assert [(s.start, s.end, s.paragraph) for s in segmenter.segment("x")] == [(0, 1, 0)]
    assert [(s.start, s.end) for s in segmenter.segment(" . ")] == [(1, 2)]


# --------------------------------------------------------------------------- properties

_PIECES = st.sampled_from(
    [
        ". ",
        ".",
        "?",
        "!",
        "...",
        "\n",
        "\r\n",
        "\r",
        "\u2028",
        "\t",
        "  ",
        "\u00a0",
        '"',
        "“",
        "”",
        "'",
        "Mr.",
        "U.S.",
        "Jan.",
        " said.",
        "word ",
        "Word",
        "\u0301",
        "\U0001f469\u200d\U0001f467",
        "\x00",
        "\ufeff",
        "قال.",
        "שלום.",
    ]
)
_ANY = st.text(alphabet=st.characters(codec=None), max_size=200)
ARBITRARY_TEXT = st.one_of(_ANY, st.lists(st.one_of(_PIECES, _ANY), max_size=40).map("".join))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ARBITRARY_TEXT)
def test_property_segments_are_bounded_ordered_stripped_and_cover_the_text(segmenter, text):
    assert_well_formed(text, segmenter.segment(text))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.lists(
        st.one_of(_PIECES, st.sampled_from(["alpha ", "beta", "gamma  "]), _ANY), max_size=60
    ).map("".join)
)
def test_property_capping_keeps_segments_bounded_and_covering(segmenter, text):
    # A small cap makes the capping path reachable with short generated texts. (Whether the
    # pieces are stripped is checked by test_capped_segments_are_stripped.)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(segment_module, "MAX_SENTENCE_CHARS", 12)
        assert_well_formed(text, segmenter.segment(text), stripped=False)


def test_segments_of_given_paragraphs_are_those_of_the_text(segmenter):
    text = "Mr. Smith said so. He left.\n\n  Rain fell on Monday. It stopped.\nEnd"
    paras = paragraphs(text)
    assert segmenter.segment(text, paras) == segmenter.segment(text)
    # the paragraphs are the caller's: one paragraph given, one paragraph index
    assert {s.paragraph for s in segmenter.segment(text, [(0, len(text))])} == {0}
