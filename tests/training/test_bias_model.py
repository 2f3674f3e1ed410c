"""The bias model: BABE and word-list readers, features, training helpers, shipped artifact."""

from __future__ import annotations

import json

import numpy as np
import pytest

from service.engine.artifacts import Manifest, default_models_dir
from service.engine.bias.features import (
    WORD_WEIGHT,
    bias_features,
    prepare_lexicons,
    tokenize,
    word_lexicons,
)
from service.engine.bias.model import BiasModel, Highlight, highlight_words
from service.training.babe import BabeRow, parse_biased_words, read_babe
from service.training.bias import (
    bias_dataset,
    choose_threshold,
    crossfit_features,
    learn_log_ratios,
    learn_word_rates,
    macro_report,
    normalise_word,
    outlet_cv,
    word_report,
)
from service.training.lexicons import read_word_list

BIAS_DIR = default_models_dir() / "bias"

HEADER = "text;news_link;outlet;topic;type;label_bias;label_opinion;biased_words\n"


# -- BABE reader ----------------------------------------------------------------------------


def test_read_babe_rows_and_malformed_rows(tmp_path):
    path = tmp_path / "babe_sg2.csv"
    path.write_text(
        HEADER + "The mob attacked.;http://x;Outlet A;guns;left;Biased;Expresses writer’s opinion;"
        "['mob', 'attacked']\n"
        + '"A quote ""here"" and;\na second line.";http://y;Outlet B;tax;;Non-biased;'
        "Entirely factual;[]\n"
        + "Broken list.;http://z;Outlet A;tax;;Biased;Entirely factual;['unterminated\n"
        + "Too few fields;http://z;Outlet A\n"
        + "Undecided.;http://w;Outlet C;tax;;No agreement;No agreement;\n"
        + "Unknown label.;http://w;Outlet C;tax;;Maybe;Entirely factual;[]\n"
        + ";http://v;Outlet C;tax;;Biased;Entirely factual;[]\n",
        encoding="utf-8",
    )
    data = read_babe(tmp_path)  # the folder works as well as the file
    assert [r.text for r in data.rows] == [
        "The mob attacked.",
        'A quote "here" and;\na second line.',
        "Undecided.",
    ]
    first, second, third = data.rows
    assert first == BabeRow(
        "The mob attacked.",
        "Outlet A",
        "guns",
        "Biased",
        "Expresses writer's opinion",
        ("mob", "attacked"),
        line=2,
    )
    assert first.biased == 1 and first.opinion == 1
    assert second.line == 3 and second.biased == 0 and second.opinion == 0
    assert second.biased_words == ()
    assert third.label_bias is None and third.biased is None and third.opinion is None
    assert [r.text for r in data.labelled()] == [first.text, second.text]
    lines = [line for line, _ in data.skipped]
    assert lines == [5, 6, 8, 9]
    reasons = dict(data.skipped)
    assert "SyntaxError" in reasons[5]
    assert "3 fields" in reasons[6]
    assert "unknown label" in reasons[8]
    assert reasons[9] == "empty text"


def test_read_babe_limit_and_bad_header(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text(
        HEADER + "".join(f"S{i}.;u;O{i % 2};t;;Biased;Entirely factual;[]\n" for i in range(5)),
        encoding="utf-8",
    )
    assert len(read_babe(path, limit=3).rows) == 3
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nx,y\n", encoding="utf-8")
    with pytest.raises(ValueError, match="header"):
        read_babe(bad)


def test_parse_biased_words_never_evaluates_code():
    assert parse_biased_words("['a', \"b c\"]") == ("a", "b c")
    assert parse_biased_words("") == ()
    with pytest.raises(ValueError):
        parse_biased_words("__import__('os').system('true')")
    with pytest.raises(ValueError):
        parse_biased_words("[1, 2]")


# -- word lists -------------------------------------------------------------------------------


def test_read_word_list_handles_the_formats(tmp_path):
    path = tmp_path / "list.txt"
    path.write_bytes(
        b"####\r\n# List of hedges\r# continued header after a bare CR\n;;; Liu style\r\n"
        b"\r\nabout\r\ntend to\nNa\xefve\n  Pro-Cuba \nabout\nfreenow##\nf**k\na+\n2-faced\n"
    )
    wl = read_word_list(path)
    assert wl.entries == ["about", "tend to", "naïve", "pro-cuba", "freenow"]
    assert wl.skipped == ["f**k", "a+", "2-faced"]


# -- features -----------------------------------------------------------------------------------

LEX = {
    "lexicons": {
        "report_verbs": ["claim", "admit", "say"],
        "hedges": ["tend to", "perhaps"],
        "babe_bias": ["radical", "naïve"],
        "strong_subjective": ["disgraceful"],
        "negative": ["disgraceful", "radical"],
    },
    "learnt": {"mob": 0.6, "attacked": 0.1},
    "nb": {"mob": 2.0, "reported": -1.5},
}


def test_tokenize_keeps_hyphens_and_apostrophes():
    s = "The left-wing group’s “reforms” don't work."
    toks = tokenize(s)
    assert [t[2] for t in toks] == ["the", "left-wing", "group's", "reforms", "don't", "work"]
    assert all(s[a:b].lower().replace("’", "'") == w for a, b, w in toks)


def test_verb_lexicons_match_inflections_and_phrases():
    lex = prepare_lexicons(LEX)
    for form in ("claim", "claims", "claimed", "claiming", "admitted", "admitting", "said"):
        assert "report_verbs" in lex.words.get(form, ()), form
    words = [t[2] for t in tokenize("Prices tend to rise, perhaps.")]
    assert "hedges" in word_lexicons(words, words.index("tend"), lex)
    assert "hedges" in word_lexicons(words, words.index("perhaps"), lex)
    words = [t[2] for t in tokenize("Prices tend upward.")]
    assert "hedges" not in word_lexicons(words, words.index("tend"), lex)
    # non-verb lists are matched as written
    assert "radicals" not in lex.words


def test_bias_features_content():
    lex = prepare_lexicons(LEX)
    f = bias_features(
        'The radical mob claimed, "perhaps," the most disgraceful "reforms" ever!', lex
    )
    assert f["w=mob"] == WORD_WEIGHT and f["b=radical_mob"] == WORD_WEIGHT
    assert f["L=report_verbs"] == 1.0 and f["L=babe_bias"] == 1.0 and f["L=hedges"] == 1.0
    assert f["Ln=negative"] == 0.5  # radical, disgraceful
    assert f["Rmax"] == 0.6 and f["R=max4"] == 1.0
    assert f["N=max"] == pytest.approx(2 / 3)
    for key in ("scare", "excl", "superl", "quotes"):
        assert key in f, key
    neutral = bias_features("Revenue rose 4% to $2.1 billion in 2019, the company said.", lex)
    assert "digits" in neutral and "attrib" in neutral and "scare" not in neutral
    empty = bias_features("", lex)
    assert empty["bias"] == 1.0 and not any(k.startswith(("w=", "L=", "N=")) for k in empty)
    # a dict is accepted as well as the prepared object, with the same result
    assert bias_features("The mob.", LEX) == bias_features("The mob.", lex)


def test_highlight_offsets_and_reasons():
    lex = prepare_lexicons(LEX)
    s = "A naïve, “radical” mob — truly disgraceful."
    hl = highlight_words(s, lex, min_rate=0.3)
    assert [h.word for h in hl] == ["naïve", "radical", "mob", "disgraceful"]
    for h in hl:
        assert isinstance(h, Highlight) and s[h.start : h.end] == h.word
    reasons = {h.word: h.reason for h in hl}
    assert reasons["naïve"] == "in BABE bias-word lexicon"
    assert reasons["mob"] == "BABE experts marked it as biased in 60% of its uses"
    assert "Riloff & Wiebe" in reasons["disgraceful"]
    assert "attacked" not in {h.word for h in highlight_words("They attacked.", lex, 0.3)}
    assert [h.word for h in highlight_words("They attacked.", lex, 0.1)] == ["attacked"]


# -- training helpers ---------------------------------------------------------------------------


def _row(text, outlet, biased, words=(), opinion="Entirely factual"):
    return BabeRow(
        text, outlet, "t", "Biased" if biased else "Non-biased", opinion, tuple(words), line=0
    )


def _toy_rows():
    rows = []
    for _k, outlet in enumerate(("A", "B", "C", "D")):
        for j in range(6):
            rows.append(
                _row(
                    f"The vile mob {outlet} attacked again {j}.",
                    outlet,
                    1,
                    ["vile", "mob"],
                    "Expresses writer's opinion",
                )
            )
            rows.append(_row(f"Officials said the vote was held {j} in {outlet}.", outlet, 0))
    rows.append(_row("Only outlet E has the scoundrel.", "E", 1, ["scoundrel"]))
    rows.append(_row("Outlet E said nothing of note.", "E", 0))
    return rows


def test_word_statistics_and_crossfitting():
    data = bias_dataset(_toy_rows())
    rates = learn_word_rates(data, range(len(data)))
    assert rates["vile"] == round(24 / 25, 3) and "said" not in rates
    nb = learn_log_ratios(data, range(len(data)))
    assert nb["vile"] > 0 > nb["said"]
    assert normalise_word('"Refugees"') == "refugees"
    # the E sentence's own marking never reaches its features when cross-fitted
    idx = np.arange(len(data))
    feats = crossfit_features(data, idx, LEX["lexicons"])
    e = [i for i, r in enumerate(data.rows) if "scoundrel" in r.text][0]
    assert feats[e].get("Rmax", 0.0) == 0.0


def test_outlet_cv_and_metrics():
    data = bias_dataset(_toy_rows())
    cv = outlet_cv(data, LEX["lexicons"], C=1.0)
    assert cv.proba.shape == (len(data),) and set(cv.fold_lexicons) == {"A", "B", "C", "D", "E"}
    assert "A" not in " ".join(cv.fold_lexicons["A"]["nb"])  # fold A learnt without outlet A
    t, f1 = choose_threshold(data.y, cv.proba)
    assert 0.3 <= t <= 0.7 and f1 > 0.8
    assert macro_report([0, 1, 1, 0], [0, 1, 0, 0])["macro_f1"] == pytest.approx(0.7333, abs=1e-4)
    highlighted = [{"vile"} if "vile" in r.text else set() for r in data.rows]
    wr = word_report(data, highlighted)
    assert wr["precision"] == 1.0 and wr["recall"] == pytest.approx(24 / 49, abs=1e-4)


# -- the shipped artifact -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    if not (BIAS_DIR / "model.json").exists():
        pytest.skip("models/bias not built")
    return BiasModel.load(BIAS_DIR)


def test_shipped_manifest_and_card(shipped):
    manifest = Manifest.read(BIAS_DIR)
    assert manifest.component == "bias" and shipped.artifact_id == manifest.artifact_id
    assert 0.0 < shipped.threshold < 1.0 and 0.0 < shipped.highlight_rate < 1.0
    metrics = manifest.data["metrics"]
    assert 0.5 < metrics["sentence"]["macro_f1"] <= 1.0
    for key in ("opinion", "words", "sentence_threshold_held_out", "per_outlet"):
        assert key in metrics
    card = (BIAS_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "outlets held out" in card and str(shipped.threshold) in card
    lexicons = json.loads((BIAS_DIR / "lexicons.json").read_text(encoding="utf-8"))
    assert {"lexicons", "learnt", "nb"} <= set(lexicons)


LOADED = (
    "The radical leftist mob viciously attacked the so-called reforms in a disgraceful, "
    "absurd display of hysterical propaganda."
)
NEUTRAL = "The company reported quarterly revenue of $2.1 billion on Tuesday, a spokesman said."


def test_loaded_sentence_scores_higher_than_wire_copy(shipped):
    loaded, neutral = shipped.score([LOADED, NEUTRAL])
    assert loaded > neutral
    assert loaded >= shipped.threshold > neutral
    assert list(shipped.predict([LOADED, NEUTRAL])) == [True, False]
    assert shipped.score([]).shape == (0,)


def test_shipped_highlights_are_exact_substrings(shipped):
    odd = "A naïve “refugee” policy — Trump’s bizarre, ‘woke’ claims!"
    for s in (LOADED, NEUTRAL, odd, "", "   ", "😀 radical 😀"):
        for h in shipped.highlight(s):
            assert s[h.start : h.end] == h.word and h.reason
    words = {h.word.lower() for h in shipped.highlight(LOADED)}
    assert {"radical", "mob", "propaganda"} <= words
    assert not {"company", "revenue", "said"} & {h.word for h in shipped.highlight(NEUTRAL)}
