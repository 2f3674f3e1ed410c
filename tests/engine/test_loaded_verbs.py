"""The loaded-attribution-verb table: true and false examples for every entry."""

from __future__ import annotations

import json

import pytest
from conftest import DATA

from service.engine.bias.loaded_verbs import (
    ENTRIES,
    LEFT_OUT,
    PROVENANCE,
    cue_flag,
    find_loaded_verbs,
    match_loaded_verb,
    table,
)
from service.training.datasets import skip_reason

# lemma -> (sentence, the flagged text)
TRUE = {
    "claim": [
        ("The senator claimed the election was stolen.", "claimed"),
        ("Critics claim that the law is flawed.", "claim"),
        ("He is claiming he never saw the memo.", "claiming"),
        ("Smith claims the money was a loan.", "claims"),
    ],
    "assert": [
        ("The company asserted that the product was safe.", "asserted"),
        ("“It is legal,” she asserted.", "asserted"),
    ],
    "allege": [
        ("Prosecutors alleged that Smith took bribes.", "alleged"),
        ("The lawsuit alleges the company hid the defect.", "alleges"),
    ],
    "insist": [
        ("Smith insisted the plan would work.", "insisted"),
        ("She insists she did nothing wrong.", "insists"),
    ],
    "maintain": [
        ("He has maintained his innocence.", "maintained"),
        ("The firm maintains that it followed the rules.", "maintains"),
    ],
    "admit": [
        ("Smith admitted that he lied.", "admitted"),
        ("He has admitted taking the money.", "admitted"),
        ("“We made mistakes,” admitted the coach.", "admitted"),
    ],
    "confess": [("The mayor confessed to the affair.", "confessed")],
    "concede": [("She conceded that the plan had failed.", "conceded")],
    "acknowledge": [("The minister acknowledged the figures were wrong.", "acknowledged")],
    "deny": [
        ("He denied the allegations.", "denied"),
        ("The company denies any wrongdoing.", "denies"),
        ("She denied that she had met him.", "denied"),
    ],
    "boast": [
        ("He boasted that his plan was the best.", "boasted"),
        ("The mayor boasts about the new stadium.", "boasts"),
    ],
    "brag": [("He bragged about his wealth.", "bragged")],
    "gloat": [("The winner gloated over the result.", "gloated")],
    "tout": [("The governor touted the plan as a success.", "touted")],
    "refuse to": [
        ("She refused to comment.", "refused to"),
        ("The company refused to answer questions.", "refused to"),
        ("He refused comment.", "refused comment"),
    ],
    "slam": [
        ("Jones slammed the decision as reckless.", "slammed"),
        ("Democrats slam the president over the deal.", "slam"),
    ],
    "blast": [("The senator blasted Obama for the deal.", "blasted")],
    "lash out": [
        ("He lashed out at critics.", "lashed out"),
        ("The president lashes out at the media.", "lashes out"),
    ],
    "rail against": [("She railed against the new rules.", "railed against")],
    "rant": [("He ranted about the referees for an hour.", "ranted")],
    "fume": [("The coach fumed that the referee was biased.", "fumed")],
    "reveal": [
        ("The minister revealed that talks had failed.", "revealed"),
        ("Smith reveals the plan in his memoir.", "reveals"),
    ],
    "note": [
        ("Smith noted that the law was old.", "noted"),
        ("“We lost,” the coach noted.", "noted"),
        ("“We lost,” noted Smith.", "noted"),
        ("She noted the irony.", "noted"),
    ],
    "point out": [
        ("Smith pointed out that the law was old.", "pointed out"),
        ("Critics point out the plan has no funding.", "point out"),
    ],
    "observe": [("One analyst observed that demand was weak.", "observed")],
    "explain": [
        ("She explained that the rules had changed.", "explained"),
        ("He explained why he left.", "explained"),
    ],
    "clarify": [
        ("The spokesman clarified that no decision had been made.", "clarified"),
        ("She later clarified her remarks.", "clarified"),
    ],
}

# lemma -> sentences that must not be flagged for it (nouns, adjectives, passives, other senses)
FALSE = {
    "claim": [
        "His claim that the vote was rigged was false.",
        "Trump's claims were debunked.",
        "The crash claimed the lives of 12 people.",
        "The earthquake claimed more than 200 lives.",
        "The group claimed responsibility for the attack.",
        "Insurance claims rose.",
        "Amid claims that he lied, he resigned.",
        "Claims that the vote was rigged spread.",
        "The territory claimed by China is large.",
        "She claimed victory on Tuesday.",
        "Trump had claimed a loss of $916 million.",
        "He said that claim was false.",
        "It contradicted the police's earlier claim that he fled.",
        "He did not claim that he won.",
        "She could claim the nomination in June.",
        "A winner might claim momentum.",
    ],
    "assert": ["The army asserted control over the city.", "She is asserting her rights."],
    "allege": [
        "The alleged victim spoke to police.",
        "Police arrested two alleged gang members.",
        "It was alleged in court.",
    ],
    "insist": ["Smith insisted on anonymity.", "The union insists upon a vote."],
    "maintain": [
        "The city maintained the roads.",
        "The team maintained a lead.",
        "Prices were maintained at high levels.",
    ],
    "admit": [
        "He was admitted to hospital on Monday.",
        "The admitted student arrived.",
        "The college admits 500 students a year.",
        "Admitted patients waited for hours.",
        "The Senate voted for admitting Poland to NATO.",
        "The plan is to admit Syrian refugees.",
    ],
    "confess": ["The confession was thrown out.", "He made a full confession."],
    "concede": [
        "She conceded defeat on election night.",
        "The team conceded two goals.",
        "He conceded the race.",
        "He has not endorsed her or conceded his bid.",
    ],
    "acknowledge": [
        "She acknowledged the crowd.",
        "He is a widely acknowledged expert.",
        "It is widely acknowledged.",
    ],
    "deny": [
        "The judge denied bail.",
        "He was denied entry.",
        "The court denied the appeal.",
        "They denied him a visa.",
        "Her request was denied.",
        "They come here and deny the right to vote.",
    ],
    "boast": [
        "The city boasts a new museum.",
        "It was an empty boast.",
        "The hotel boasted a pool.",
    ],
    "brag": ["It was a brag too far."],
    "gloat": ["There was no gloating in the locker room."],
    "tout": ["Ticket touts were arrested.", "The plan was touted."],
    "refuse to": [
        "She refused to resign.",
        "The refuse collection was late.",
        "He refused to pay the fine.",
    ],
    "slam": [
        "He slammed the door.",
        "The car slammed into a tree.",
        "It was a grand slam.",
        "She slammed on the brakes.",
    ],
    "blast": [
        "A blast hit the city.",
        "The rocket blasted off.",
        "Two blasts rocked the town.",
        "The radio blasted music all night.",
    ],
    "lash out": ["The storm lashed the coast."],
    "rail against": ["The rail network was closed.", "He leaned on the rail."],
    "rant": ["He went on a rant."],
    "fume": ["Toxic fumes filled the room.", "A fuming driver got out."],
    "reveal": [
        "The big reveal came at the end.",
        "The details were revealed.",
        "It was later revealed to be pneumonia.",
        "It was a revealing interview.",
    ],
    "note": [
        "A noted author spoke.",
        "He read his notes.",
        "Note the date.",
        "The town is noted for its beaches.",
        "The note was unsigned.",
        "It is worth noting that the law is old.",
    ],
    "point out": ["He pointed out the window.", "She scored a point out of ten."],
    "observe": ["Crowds observed a minute's silence.", "He observed the birds."],
    "explain": [
        "He declined to explain the decision.",
        "The chart explains nothing.",
        "He could not explain why.",
        "He has yet to explain why he left.",
        "The support is easily explained.",
    ],
    "clarify": [
        "The water was clarified.",
        "He asked her to clarify.",
        "His statement didn't clarify the matter.",
    ],
}

NEUTRAL = [
    "Smith said the plan would fail.",
    "The company says profits rose.",
    "“We will win,” she said.",
    "He told reporters the deal was done.",
    "According to the report, sales fell.",
    "She added that costs had risen.",
    "The mayor stated that the road would reopen.",
    "Critics argued the law was unconstitutional.",
    "Officials warned that the storm would hit on Monday.",
    "The agency announced the results.",
    "Police confirmed that two people died.",
    "He wrote in a letter that he would resign.",
]


def _cases(table_):
    return [(lemma, s, t) for lemma, rows in table_.items() for s, t in rows]


@pytest.mark.parametrize("lemma,sentence,flagged", _cases(TRUE))
def test_loaded_verb_is_flagged_with_exact_offsets(lemma, sentence, flagged):
    flags = [f for f in find_loaded_verbs(sentence) if f.rule == lemma]
    assert len(flags) == 1, (sentence, find_loaded_verbs(sentence))
    f = flags[0]
    assert f.text == flagged and sentence[f.start : f.end] == f.text
    assert f.kind == "loaded_verb" and f.reason
    assert match_loaded_verb(flagged).lemma == lemma


@pytest.mark.parametrize("lemma,sentence", [(k, s) for k, rows in FALSE.items() for s in rows])
def test_other_uses_are_not_flagged(lemma, sentence):
    assert [f for f in find_loaded_verbs(sentence) if f.rule == lemma] == []


@pytest.mark.parametrize("sentence", NEUTRAL)
def test_neutral_verbs_are_never_flagged(sentence):
    assert find_loaded_verbs(sentence) == []


def test_every_entry_has_true_and_false_examples():
    lemmas = {e.lemma for e in ENTRIES}
    assert set(TRUE) == lemmas and set(FALSE) == lemmas


def test_the_issue_verbs_are_decided():
    lemmas = {e.lemma for e in ENTRIES}
    for verb in (
        "claim",
        "admit",
        "concede",
        "confess",
        "insist",
        "boast",
        "refuse to",
        "slam",
        "blast",
        "reveal",
        "note",
        "point out",
        "acknowledge",
        "allege",
        "maintain",
        "assert",
        "deny",
        "lash out",
        "explain",
        "observe",
        "clarify",
    ):
        assert verb in lemmas
    left_out = " ".join(LEFT_OUT)
    for verb in ("say", "tell", "add", "according to", "argue", "contend", "warn", "state"):
        assert verb in left_out and verb not in lemmas


@pytest.mark.parametrize(
    "cue,lemma",
    [
        ("said", None),
        ("says", None),
        ("told reporters", None),
        ("according to", None),
        ("said in a statement", None),
        ("claimed in a statement", "claim"),
        ("has admitted", "admit"),
        ("refused to comment", "refuse to"),
        ("lashed out at", "lash out"),
        ("pointed out", "point out"),
        ("Claimed", "claim"),
        ("his claim", None),
        ("the alleged", None),
        ("noted", "note"),
    ],
)
def test_match_loaded_verb_on_cue_text(cue, lemma):
    entry = match_loaded_verb(cue)
    assert (entry.lemma if entry else None) == lemma


def test_cue_flag_gives_the_verb_offsets_inside_the_cue():
    text = "The minister claimed in a statement that the figures were wrong."
    start = text.index("claimed")
    f = cue_flag(text, start, start + len("claimed in a statement"))
    assert (f.start, f.end, f.text, f.rule) == (start, start + 7, "claimed", "claim")
    text = "His claim that he won was false, an aide said."
    assert cue_flag(text, 4, 9) is None  # a noun after a possessive
    assert cue_flag("He said so.", 3, 7) is None


def test_scan_range_and_offsets_in_a_longer_text():
    text = (
        "The mayor said the budget was balanced. Critics claimed it was not.\n"
        "“We lost,” the coach admitted. His claim was odd."
    )
    flags = find_loaded_verbs(text)
    assert [(f.text, f.rule) for f in flags] == [("claimed", "claim"), ("admitted", "admit")]
    assert all(text[f.start : f.end] == f.text for f in flags)
    first = text.index("\n")
    assert [f.text for f in find_loaded_verbs(text, first)] == ["admitted"]
    assert [f.text for f in find_loaded_verbs(text, 0, first)] == ["claimed"]


def test_curly_apostrophes_and_case():
    assert [f.text for f in find_loaded_verbs("SMITH CLAIMED THAT HE WON.")] == ["CLAIMED"]
    assert find_loaded_verbs("Trump’s claims were false.") == []


def test_table_is_json_ready_and_cites_its_sources():
    rows = table()
    json.dumps(rows)
    assert len(rows) == len(ENTRIES)
    for row, entry in zip(rows, ENTRIES):
        assert set(row) == {
            "lemma",
            "forms",
            "implies",
            "reason",
            "instead",
            "strength",
            "provenance",
        }
        assert row["strength"] in {"strong", "mild"}
        assert row["provenance"] and all(p in PROVENANCE.values() for p in row["provenance"])
        assert entry.lemma.split()[0] in " ".join(entry.forms)


def test_recasens_provenance_matches_the_report_verb_lexicon():
    path = DATA / "lexicons" / "report_verbs.txt"
    if reason := skip_reason("lexicons", DATA):
        pytest.skip(reason)
    verbs = {
        line.strip()
        for line in path.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    for e in ENTRIES:
        cited = "recasens2013" in e.provenance
        listed = e.lemma in verbs or e.lemma.split()[0] in verbs
        assert cited == listed, e.lemma


def test_only_verbs_that_judge_become_flags():
    from service.engine.bias.analyse import sentence_flags

    text = (
        "The minister explained that the budget was late. The agency has denied a request "
        "for records. Smith claimed the vote was rigged. Jones admitted the error. "
        "Lee conceded that the plan had failed."
    )
    flags = sentence_flags(text, 0, len(text), [], [], [], [])
    verbs = [f.text for f in flags if f.kind == "loaded_verb"]
    assert verbs == ["claimed", "admitted", "conceded"]
    assert all(0 <= f.confidence <= 1 and f.evidence for f in flags)
