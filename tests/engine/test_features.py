"""Quotation intervals and per-sentence features (shared by training and serving)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.engine.features import sentence_features
from service.engine.quotes import QUOTE_MARKS, quote_intervals
from service.engine.segment import Segment, paragraphs


def quotes(text: str) -> list[str]:
    """The quoted stretches of ``text`` as strings."""
    return [text[a:b] for a, b in quote_intervals(text, paragraphs(text))]


def segs_for(text: str, *pieces: str) -> list[Segment]:
    """Segments for the given substrings (in order), with paragraph numbers from ``text``."""
    paras = paragraphs(text)
    out, pos = [], 0
    for piece in pieces:
        start = text.index(piece, pos)
        end = start + len(piece)
        para = next(i for i, (a, b) in enumerate(paras) if a <= start and end <= b)
        out.append(Segment(start, end, para))
        pos = end
    return out


def features(text: str, *pieces: str) -> list[dict[str, float]]:
    return sentence_features(text, segs_for(text, *pieces), paragraphs(text))


# --------------------------------------------------------------------------- quote_intervals


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "we will win" and left.', ['"we will win"']),
        ("He said “we will win” and left.", ["“we will win”"]),
        ("He said «nous gagnerons» and left.", ["«nous gagnerons»"]),
        ("Er sagte „wir gewinnen” und ging.", ["„wir gewinnen”"]),
        ('"One," he said, "two."', ['"One,"', '"two."']),
        ("“One,” he said, “two.”", ["“One,”", "“two.”"]),
        ('Mixed “curly" then "straight”.', ['“curly"', '"straight”']),
        ("No quotes at all. It's only an apostrophe.", []),
        ("", []),
    ],
)
def test_quote_intervals_straight_and_curly(text, expected):
    assert quotes(text) == expected


def test_quote_interval_offsets_are_end_exclusive():
    text = 'He said "abcd".'
    assert quote_intervals(text, paragraphs(text)) == [(8, 14)]


def test_closing_mark_without_an_opening_one_is_ignored():
    text = "He said ” this and “that” too."
    assert quotes(text) == ["“that”"]


@pytest.mark.parametrize("mark", ['"', "“", "«", "„"])
def test_unbalanced_quote_is_closed_at_paragraph_end(mark):
    text = f"He said {mark}we will win and left.\nThe next paragraph is narration."
    paras = paragraphs(text)
    assert quote_intervals(text, paras) == [(text.index(mark), paras[0][1])]


def test_unbalanced_quote_cannot_swallow_the_rest_of_the_article():
    text = 'He said "we will win.\nNarration one.\nNarration two with "a quote" inside.'
    assert quotes(text) == ['"we will win.', '"a quote"']


@pytest.mark.parametrize("opener", ["“", '"'])
def test_quote_continues_into_a_paragraph_that_opens_with_a_quote_mark(opener):
    closer = "”" if opener == "“" else '"'
    text = (
        f"{opener}We will fight on the beaches.\n"
        f"{opener}We will never surrender,{closer} he said.\n"
        "The crowd cheered."
    )
    paras = paragraphs(text)
    intervals = quote_intervals(text, paras)
    second_close = text.index(closer, paras[1][0] + 1) + 1
    assert intervals == [(paras[0][0], paras[0][1]), (paras[1][0], second_close)]
    # The paragraph's opening mark continues the quote; it does not close it.
    assert text[paras[1][0] : second_close].endswith(f"surrender,{closer}")


def test_quote_over_three_paragraphs():
    text = "“One.\n“Two.\n“Three,” she said.\nDone."
    assert quotes(text) == ["“One.", "“Two.", "“Three,”"]


def test_open_quote_is_not_continued_when_next_paragraph_has_no_opening_mark():
    text = "“We will fight on.\nHe then sat down, “briefly” as always.\nEnd."
    # The second paragraph's first quote mark is a fresh quote, not a continuation.
    assert quotes(text) == ["“We will fight on.", "“briefly”"]


def test_closed_quote_does_not_carry_to_next_paragraph():
    text = "“We won,” he said.\n“And we will win again,” she said."
    assert quotes(text) == ["“We won,”", "“And we will win again,”"]


def test_quote_intervals_lie_inside_paragraphs_with_crlf():
    text = '"Open quote\r\n"still quoted" he said\r\n'
    paras = paragraphs(text)
    intervals = quote_intervals(text, paras)
    assert len(intervals) == 2
    for (a, b), (ps, pe) in zip(intervals, paras):
        assert ps <= a < b <= pe
        assert "\r" not in text[a:b] and "\n" not in text[a:b]


_QUOTE_TEXT = st.lists(
    st.sampled_from(['"', "“", "”", "«", "»", "„", "a", "b ", ". ", "\n", "\r\n", " ", "x"]),
    max_size=60,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=_QUOTE_TEXT)
def test_property_quote_intervals_are_ordered_disjoint_and_within_one_paragraph(text):
    paras = paragraphs(text)
    intervals = quote_intervals(text, paras)
    previous_end = 0
    for a, b in intervals:
        assert previous_end <= a < b
        assert any(ps <= a and b <= pe for ps, pe in paras)
        assert QUOTE_MARKS.fullmatch(text[a]), "an interval starts at a quote mark"
        assert QUOTE_MARKS.fullmatch(text[b - 1]) or any(b == pe for _, pe in paras)
        previous_end = b


# --------------------------------------------------------------------------- sentence_features


def test_one_feature_dict_per_segment_in_order():
    text = "The plan will fail. Jones said so.\nSecond paragraph here."
    segs = segs_for(text, "The plan will fail.", "Jones said so.", "Second paragraph here.")
    feats = sentence_features(text, segs, paragraphs(text))
    assert len(feats) == 3
    assert all(isinstance(f, dict) and f for f in feats)
    assert all(isinstance(k, str) and isinstance(v, float) for f in feats for k, v in f.items())
    # Each dict describes its own sentence.
    assert "w=plan" in feats[0] and "w=plan" not in feats[1]
    assert "w=jones" in feats[1] and "first=jones" in feats[1] and "last=so" in feats[1]
    assert "w=second" in feats[2]


def test_no_segments_gives_no_features():
    assert sentence_features("", [], []) == []
    assert sentence_features("Some text.", [], paragraphs("Some text.")) == []


def test_neighbour_none_features_at_the_edges():
    text = "One here. Two here. Three here."
    feats = features(text, "One here.", "Two here.", "Three here.")
    assert {"prev_none", "prev2_none", "is_first"} <= feats[0].keys()
    assert "next_none" not in feats[0] and "next2_none" not in feats[0]
    assert "prev_none" not in feats[1] and "next_none" not in feats[1]
    assert "prev2_none" in feats[1] and "next2_none" in feats[1]
    assert "is_first" not in feats[1]
    assert {"next_none", "next2_none"} <= feats[2].keys()
    assert "prev_none" not in feats[2] and "prev2_none" not in feats[2]


def test_a_said_sentence_is_visible_to_its_neighbours():
    text = "The plan will fail. So Jones said. The end is near."
    feats = features(text, "The plan will fail.", "So Jones said.", "The end is near.")
    assert feats[1]["self_cue"] == 1.0 and feats[1]["self_said_end"] == 1.0
    assert feats[1]["cueverb=said"] == 1.0
    assert "self_cue" not in feats[0]
    # The sentence before sees the cue as "next", the one after as "prev"; same paragraph.
    assert {"next_cue", "next_same_cue", "next_said_end"} <= feats[0].keys()
    assert {"prev_cue", "prev_same_cue"} <= feats[2].keys()
    assert "next_other_cue" not in feats[0]
    # Two away from each edge sentence is the other edge sentence, which has no cue.
    assert "prev2_cue" not in feats[2]
    assert "next2_cue" not in feats[0]


def test_neighbour_in_another_paragraph_is_scoped_other():
    text = "The plan will fail.\nJones said so."
    feats = features(text, "The plan will fail.", "Jones said so.")
    assert "next_other_cue" in feats[0] and "next_cue" in feats[0]
    assert "next_same_cue" not in feats[0]
    assert "single_sentence_para" in feats[0] and "single_sentence_para" in feats[1]


def test_second_neighbours():
    text = "Jones said so. Filler here. The end."
    feats = features(text, "Jones said so.", "Filler here.", "The end.")
    assert "prev2_cue" in feats[2] and "prev2_same_cue" in feats[2]
    assert "next2_cue" not in feats[2]
    assert "prev_cue" not in feats[2]


def test_quotation_features():
    text = "“We will win.” He then left."
    feats = features(text, "“We will win.”", "He then left.")
    assert feats[0]["qfrac"] == 1.0 and feats[0]["qfrac>=.5"] == 1.0
    assert {"self_quoted", "self_qstart", "self_qend"} <= feats[0].keys()
    assert feats[1]["qfrac"] == 0.0 and "self_quoted" not in feats[1]
    assert "prev_quoted" in feats[1] and "prev_qend" in feats[1]


def test_partial_quotation_fraction():
    text = 'He said "abcd".'
    (f,) = features(text, text)
    assert f["qfrac"] == pytest.approx(6 / 15)
    assert "self_partquote" in f and "self_quoted" not in f
    assert f["qmarks"] == pytest.approx(2 / 6)
    assert "self_qend" in f  # ends with `".`


def test_sentence_starting_inside_an_open_quote():
    text = '"First sentence. Second sentence," he said.'
    feats = features(text, '"First sentence.', 'Second sentence," he said.')
    assert feats[0]["qstate_start"] == 0.0  # starts at the quote mark, not inside the quote
    assert feats[1]["qstate_start"] == 1.0


def test_quote_carried_over_paragraphs_reaches_features():
    text = "“We will fight on.\n“We will never surrender,” he said."
    feats = features(text, "“We will fight on.", "“We will never surrender,” he said.")
    assert feats[0]["qfrac"] == 1.0
    assert 0.5 < feats[1]["qfrac"] < 1.0


def test_paragraph_summary_features():
    text = "Jones said so. Smith agreed. Filler.\nLone sentence."
    feats = features(text, "Jones said so.", "Smith agreed.", "Filler.", "Lone sentence.")
    for f in feats[:3]:
        assert "para_size=3" in f and "para_cues=2" in f
        assert "single_sentence_para" not in f
    assert "para_size=1" in feats[3] and "para_cues=0" in feats[3]
    assert "single_sentence_para" in feats[3]


def test_cue_phrases_pronouns_modals_and_question_marks():
    text = "According to officials, we might leave? Yes."
    (f, g) = features(text, "According to officials, we might leave?", "Yes.")
    assert f["cuephrase=according to"] == 1.0 and "self_phrase" in f
    assert f["pron12"] == 1.0 and f["modal"] == 1.0 and f["qmark_excl"] == 1.0
    assert "prev_phrase" in g
    assert not {"pron12", "modal", "qmark_excl", "self_phrase"} & g.keys()


def test_curly_apostrophe_is_normalised_in_words():
    text = "Don’t go. Don't stay."
    f, g = features(text, "Don’t go.", "Don't stay.")
    assert "w=don't" in f and "w=don't" in g


def test_features_of_text_with_lone_surrogates_are_utf8_encodable():
    text = "He said \ud800 the plan \udfff failed."
    (f,) = features(text, text)
    for key in f:
        key.encode("utf-8")  # must not raise: the hasher encodes keys as UTF-8
    assert "w=said" in f


def test_features_do_not_depend_on_other_texts():
    text = "The plan will fail. Jones said so."
    a = features(text, "The plan will fail.", "Jones said so.")
    features("Something “else” entirely, she said.", "Something “else” entirely, she said.")
    assert features(text, "The plan will fail.", "Jones said so.") == a


@pytest.mark.parametrize("piece", ["A", "5", "•"])
def test_one_character_sentence_does_not_end_with_a_quote(piece):
    text = f"{piece}\nThe plan will fail."
    f, g = features(text, piece, "The plan will fail.")
    assert "self_qend" not in f
    assert "prev_qend" not in g


_FEATURE_TEXT = st.lists(
    st.sampled_from(['"', "“", "”", "«", "»", "a", "said ", ". ", "\n", " ", "Mr. ", "x"]),
    max_size=50,
).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_FEATURE_TEXT)
def test_property_quote_fraction_matches_brute_force(text):
    """qfrac and qstate_start agree with a character-by-character count over the intervals."""
    paras = paragraphs(text)
    segs = []
    for p, (ps, pe) in enumerate(paras):  # cut each paragraph at every ". "
        start = ps
        for i in range(ps, pe):
            if text[i] == "." and i + 1 < pe and text[i + 1] == " ":
                segs.append(Segment(start, i + 1, p))
                start = i + 2
                while start < pe and text[start] == " ":
                    start += 1
        if start < pe:
            segs.append(Segment(start, pe, p))
    intervals = quote_intervals(text, paras)
    inside = [any(a <= i < b for a, b in intervals) for i in range(len(text))]
    feats = sentence_features(text, segs, paras)
    assert len(feats) == len(segs)
    for seg, f in zip(segs, feats):
        expected = sum(inside[seg.start : seg.end]) / max(seg.end - seg.start, 1)
        assert f["qfrac"] == pytest.approx(expected)
        expected_qs = any(a < seg.start < b for a, b in intervals)
        assert f["qstate_start"] == float(expected_qs)
