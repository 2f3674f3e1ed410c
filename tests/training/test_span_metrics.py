"""Span metrics for attribution relations: trimming, strict/partial/token counts, averaging."""

from __future__ import annotations

import math

import pytest
from helpers import span_of

from service.training.polnear import Document, Fragmented, Relation, parse_ann, read_split
from service.training.span_metrics import (
    ROLES,
    aggregate,
    evaluate_relations,
    format_span_table,
    gold_spans,
    partial_matches,
    span_scores,
    trim,
)


def counts(tp, fp, fn):
    return {"tp": tp, "fp": fp, "fn": fn}


ZERO = counts(0, 0, 0)


def scores(precision, recall, f1, tp, fp, fn):
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


# --- trimming ------------------------------------------------------------------------------


def test_trim_strips_whitespace_and_punctuation_at_both_ends():
    text = '  "Hello, world."  '
    assert trim(text, 0, len(text)) == (3, 15)
    assert text[3:15] == "Hello, world"  # the inner comma stays


@pytest.mark.parametrize(
    "quoted, inner",
    [
        ("“Yes”", "Yes"),
        ("‘no’", "no"),
        ("«oui»", "oui"),
        ("'maybe'", "maybe"),
        ('"so."', "so"),
        ("''We won,''", "We won"),  # NYT two-apostrophe quotes
        ("(R-Ohio),", "R-Ohio"),
        ("― said:", "said"),  # horizontal bar, colon
        ("\u00a0said\t\n", "said"),  # no-break space, tab, newline
    ],
)
def test_trim_quotes_and_marks(quoted, inner):
    text = f"x {quoted} y"
    start, end = trim(text, 2, 2 + len(quoted))
    assert text[start:end] == inner


def test_trim_keeps_inner_text_and_only_touches_the_ends():
    text = "U.S. officials"
    assert trim(text, 0, 4) == (0, 3)  # "U.S" -- the same on both sides, so it still matches
    assert trim(text, 5, 14) == (5, 14)  # nothing to trim


def test_trim_keeps_a_span_made_only_of_punctuation():
    text = 'Trump: "We will win."'
    assert trim(text, 5, 6) == (5, 6)  # the cue ":" is kept, so it can be scored
    assert trim(text, 5, 8) == (5, 8)  # ': "' has no white space at its ends to lose
    assert trim("-- ― …", 0, 6) == (0, 6)
    s, e = trim("   ", 0, 3)  # only white space: empty
    assert s >= e


def test_punctuation_only_cues_are_scored():
    text = 'Trump: "We will win."'
    counts = span_scores(text, [(5, 6)], [(5, 6)])
    assert counts["strict"] == {"tp": 1, "fp": 0, "fn": 0}
    assert span_scores(text, [(5, 6)], [])["strict"]["fn"] == 1


def test_trim_clamps_bad_offsets():
    text = "said it"
    assert trim(text, -3, 99) == (0, 7)
    s, e = trim(text, 5, 2)
    assert s >= e


# --- strict --------------------------------------------------------------------------------


TEXT = 'The mayor said: "We won the vote." Then she left.'


def test_strict_equal_after_trimming_on_both_sides():
    gold = [span_of(TEXT, '"We won the vote."')]
    pred = [span_of(TEXT, "We won the vote")]
    assert span_scores(TEXT, gold, pred)["strict"] == counts(1, 0, 0)
    # the other way round too
    assert span_scores(TEXT, pred, gold)["strict"] == counts(1, 0, 0)


def test_strict_needs_equal_extent():
    gold = [span_of(TEXT, "We won the vote")]
    pred = [span_of(TEXT, "We won")]
    assert span_scores(TEXT, gold, pred)["strict"] == counts(0, 1, 1)


def test_strict_one_to_one():
    gold = [span_of(TEXT, "The mayor"), span_of(TEXT, "she")]
    # "The mayor" and "The mayor " are one span after trimming, so they match one gold
    # span once; "Then" matches nothing; "she" is missed
    pred = [span_of(TEXT, "The mayor"), span_of(TEXT, "The mayor "), span_of(TEXT, "Then")]
    assert span_scores(TEXT, gold, pred)["strict"] == counts(1, 1, 1)


def test_all_punctuation_span_matches_only_itself():
    text = 'Trump: "We will win."'
    colon = span_of(text, ":")
    trump = span_of(text, "Trump")
    # a punctuation-only cue is scored as a span, but holds no word token
    assert span_scores(text, [colon], [colon]) == {
        "strict": counts(1, 0, 0),
        "partial": counts(1, 0, 0),
        "token": ZERO,
    }
    assert span_scores(text, [trump], [colon])["strict"] == counts(0, 1, 1)
    assert span_scores(text, [trump], [colon])["partial"] == counts(0, 1, 1)
    assert span_scores(text, [colon], [trump])["strict"] == counts(0, 1, 1)


# --- deduplication -------------------------------------------------------------------------


def test_duplicate_spans_are_one_set_element():
    source = span_of(TEXT, "The mayor")
    content = span_of(TEXT, "We won the vote")
    # the same source used by two relations is one gold span
    assert span_scores(TEXT, [source, source], [source])["strict"] == counts(1, 0, 0)
    assert span_scores(TEXT, [source, source], [source])["partial"] == counts(1, 0, 0)
    # a repeated prediction is one prediction, not a false positive
    assert span_scores(TEXT, [source], [source, source])["strict"] == counts(1, 0, 0)
    # spans that differ only by trimmed quotes are the same span
    quoted = span_of(TEXT, '"We won the vote."')
    assert span_scores(TEXT, [content], [content, quoted])["strict"] == counts(1, 0, 0)
    assert span_scores(TEXT, [content], [content, quoted])["partial"] == counts(1, 0, 0)


# --- partial -------------------------------------------------------------------------------


def test_partial_long_prediction_over_two_gold_counts_once():
    text = "He said taxes rose and she said jobs fell."
    gold = [span_of(text, "taxes rose"), span_of(text, "jobs fell")]
    pred = [span_of(text, "taxes rose and she said jobs fell")]
    assert span_scores(text, gold, pred)["partial"] == counts(1, 0, 1)
    assert span_scores(text, gold, pred)["strict"] == counts(0, 1, 2)


def test_partial_two_predictions_on_one_gold_count_once():
    text = "He said taxes rose sharply last year."
    gold = [span_of(text, "taxes rose sharply last year")]
    pred = [span_of(text, "taxes rose"), span_of(text, "last year")]
    assert span_scores(text, gold, pred)["partial"] == counts(1, 1, 0)


def test_partial_matching_is_maximum_not_greedy():
    # X overlaps A by a lot and B by one word; Y overlaps A by one word only.
    # Greedy by overlap size would pair X-A and leave Y and B unmatched (1 TP);
    # the maximum matching pairs X-B and Y-A (2 TP).
    text = "aaaa bbbb cccc dddd eeee"
    A = span_of(text, "aaaa bbbb cccc dddd")
    B = span_of(text, "eeee")
    X = span_of(text, "bbbb cccc dddd eeee")
    Y = span_of(text, "aaaa")
    assert span_scores(text, [A, B], [X, Y])["partial"] == counts(2, 0, 0)
    assert sorted(partial_matches(text, [A, B], [X, Y])) == sorted([(A, Y), (B, X)])


def test_partial_overlap_is_after_trimming():
    text = 'He said "We won." Then he left.'
    gold = [span_of(text, '"We won."')]
    # raw overlap is only the closing '."', which trimming removes from both spans
    pred = [span_of(text, '." Then')]
    assert span_scores(text, gold, pred)["partial"] == counts(0, 1, 1)
    # touching spans (end == start) do not overlap
    text2 = "alpha beta"
    assert span_scores(text2, [(0, 5)], [(5, 10)])["partial"] == counts(0, 1, 1)
    # one shared character is enough
    assert span_scores(text2, [(0, 5)], [(4, 10)])["partial"] == counts(1, 0, 0)


# --- token ---------------------------------------------------------------------------------


def test_token_counts_per_token_position():
    text = "The mayor said the plan would fail today."
    gold = [span_of(text, "the plan would fail")]
    pred = [span_of(text, "plan would fail today")]
    # gold tokens: the plan would fail; pred tokens: plan would fail today
    assert span_scores(text, gold, pred)["token"] == counts(3, 1, 1)


def test_token_in_span_means_token_start_in_span():
    text = "The mayor said the plan would fail today."
    gold = [span_of(text, "plan would")]
    pred = [span_of(text, "lan would fail")]  # starts inside "plan": "plan" is not predicted
    assert span_scores(text, gold, pred)["token"] == counts(1, 1, 1)


def test_token_overlapping_predictions_count_each_token_once():
    text = "one two three four"
    gold = [(0, len(text))]
    pred = [span_of(text, "one two three"), span_of(text, "two three four")]
    assert span_scores(text, gold, pred)["token"] == counts(4, 0, 0)


def test_token_counts_repeated_words_by_position():
    text = "said said said"
    assert span_scores(text, [(0, 9)], [(5, 14)])["token"] == counts(1, 1, 1)


# --- empty input ---------------------------------------------------------------------------


def test_empty_gold_and_prediction():
    assert span_scores(TEXT, [], []) == {"strict": ZERO, "partial": ZERO, "token": ZERO}
    assert span_scores("", [], []) == {"strict": ZERO, "partial": ZERO, "token": ZERO}
    result = aggregate([span_scores(TEXT, [], [])])
    for mode in ("strict", "partial", "token"):
        assert result[mode] == scores(0.0, 0.0, 0.0, 0, 0, 0)


def test_empty_aggregate_and_one_sided_input_are_zero_not_nan():
    assert aggregate([])["strict"]["f1"] == 0.0
    only_pred = aggregate([span_scores(TEXT, [], [span_of(TEXT, "mayor")])])
    assert only_pred["strict"] == scores(0.0, 0.0, 0.0, 0, 1, 0)
    only_gold = aggregate([span_scores(TEXT, [span_of(TEXT, "mayor")], [])])
    assert only_gold["token"] == scores(0.0, 0.0, 0.0, 0, 0, 1)
    for mode_scores in (*only_pred.values(), *only_gold.values()):
        assert not any(isinstance(v, float) and math.isnan(v) for v in mode_scores.values())


# --- aggregation ---------------------------------------------------------------------------


def test_aggregate_is_micro_not_macro():
    per_doc = [
        {"strict": counts(1, 0, 0), "partial": counts(1, 0, 0), "token": counts(1, 0, 0)},
        {"strict": counts(1, 3, 3), "partial": counts(1, 3, 3), "token": counts(0, 0, 4)},
    ]
    result = aggregate(per_doc)
    # micro: P = R = 2/5; macro would be (1.0 + 0.25) / 2 = 0.625
    assert result["strict"] == scores(0.4, 0.4, 0.4, 2, 3, 3)
    # token: P = 1/1, R = 1/5, F1 = 2 * 1 * 0.2 / 1.2
    assert result["token"] == scores(1.0, 0.2, 0.3333, 1, 0, 4)


def test_aggregate_rounds_to_four_decimals():
    result = aggregate([{"strict": counts(1, 2, 0), "partial": counts(2, 1, 1), "token": ZERO}])
    assert result["strict"]["precision"] == 0.3333
    assert result["strict"]["f1"] == 0.5
    assert result["partial"]["precision"] == 0.6667
    assert result["partial"]["f1"] == 0.6667


def test_evaluate_relations_micro_averages_over_documents():
    t1 = "Smith said taxes rose."
    t2 = "Jones and Brown said jobs fell, sales fell, prices fell."
    docs = [
        (
            t1,
            {"cue": [span_of(t1, "said")], "source": [span_of(t1, "Smith")]},
            {"cue": [span_of(t1, "said")], "source": [span_of(t1, "Smith")]},
        ),
        (
            t2,
            {
                "cue": [span_of(t2, "said")],
                "content": [span_of(t2, f"{w} fell") for w in ("jobs", "sales", "prices")],
            },
            {
                "cue": [span_of(t2, "Jones")],
                "source": [span_of(t2, "Brown")],
                "content": [span_of(t2, "jobs fell")],
            },
        ),
    ]
    result = evaluate_relations(docs)
    assert set(result) == set(ROLES)
    # cue: doc 1 TP, doc 2 FP + FN -> P = R = 1/2
    assert result["cue"]["strict"] == scores(0.5, 0.5, 0.5, 1, 1, 1)
    # source: doc 1 TP, doc 2 FP (no gold source there)
    assert result["source"]["strict"] == scores(0.5, 1.0, 0.6667, 1, 1, 0)
    # content: only doc 2; 1 of 3 found; tokens jobs fell | sales fell prices fell
    assert result["content"]["strict"] == scores(1.0, 0.3333, 0.5, 1, 0, 2)
    assert result["content"]["token"]["tp"] == 2 and result["content"]["token"]["fn"] == 4


def test_evaluate_relations_rejects_unknown_roles():
    with pytest.raises(ValueError, match="sources"):
        evaluate_relations([("Smith said.", {"sources": [(0, 5)]}, {})])


def test_format_span_table():
    result = evaluate_relations(
        [
            (
                "Smith said it.",
                {"cue": [(6, 10)], "source": [(0, 5)]},
                {"cue": [(6, 10)], "source": [(0, 3)]},
            ),
        ]
    )
    table = format_span_table(result)
    lines = table.splitlines()
    assert "strict" in lines[0] and "partial" in lines[0] and "token" in lines[0]
    assert lines[1].split() == ["P", "R", "F1"] * 3
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:]}
    assert list(rows) == ["cue", "source", "content"]
    assert rows["cue"] == ["1.0000"] * 9
    # source "Smi" vs "Smith": strict miss, partial hit, and a token hit (the token
    # "Smith" starts at 0, inside both spans)
    assert rows["source"] == ["0.0000"] * 3 + ["1.0000"] * 3 + ["1.0000"] * 3
    assert rows["content"] == ["0.0000"] * 9


# --- gold spans from PolNeAR documents -----------------------------------------------------


def test_gold_spans_from_a_hand_built_document():
    text = '"Taxes rose," Smith said, "and jobs fell." Jones agreed.'
    smith, said = span_of(text, "Smith"), span_of(text, "said")
    part1, part2 = span_of(text, '"Taxes rose,"'), span_of(text, '"and jobs fell."')
    jones, agreed = span_of(text, "Jones"), span_of(text, "agreed")
    doc = Document(
        "d1",
        "dev",
        "pub",
        "2016-01-01",
        text,
        [
            # one content made of two fragments: scored as one whole span
            Relation("E1", Fragmented((said,)), Fragmented((smith,)), [Fragmented((part1, part2))]),
            # the same source again (shared), a cue, no content
            Relation("E2", Fragmented((agreed,)), Fragmented((smith,)), []),
            # no source
            Relation("E3", Fragmented((jones,)), None, [Fragmented((part2,))]),
        ],
    )
    spans = gold_spans(doc)
    assert spans == {
        "cue": sorted([said, agreed, jones]),
        "source": [smith, smith],
        "content": [(part1[0], part2[1]), part2],
    }
    result = evaluate_relations([(text, spans, spans)])
    for role in ROLES:
        for mode in ("strict", "partial", "token"):
            assert result[role][mode]["f1"] == 1.0
    assert result["source"]["strict"]["tp"] == 1  # deduplicated


def test_gold_spans_from_brat_with_fragments():
    text = "Smith said taxes, he added, rose."
    ann = "\n".join(
        [
            "T1\tSource 0 5\tSmith",
            "T2\tCue 6 10\tsaid",
            "T3\tContent 11 16;28 32\ttaxes rose",
            "E1\tCue:T2 Source:T1 Content:T3",
        ]
    )
    doc = Document("d2", "dev", "", "", text, parse_ann(ann))
    assert gold_spans(doc) == {"cue": [(6, 10)], "source": [(0, 5)], "content": [(11, 32)]}


def test_gold_vs_gold_on_polnear_dev_is_perfect(polnear_root):
    docs = read_split(polnear_root, "dev", limit=5)
    assert len(docs) == 5
    items = [(d.text, gold_spans(d), gold_spans(d)) for d in docs]
    result = evaluate_relations(items)
    for role in ROLES:
        for mode in ("strict", "partial", "token"):
            assert result[role][mode]["f1"] == 1.0, (role, mode, result[role][mode])
            assert result[role][mode]["tp"] > 0
    # and shifting every prediction by a few characters is not
    shifted = [
        (t, g, {r: [(s + 3, e + 3) for s, e in v] for r, v in g.items()}) for t, g, _ in items
    ]
    assert evaluate_relations(shifted)["source"]["strict"]["f1"] < 0.5
