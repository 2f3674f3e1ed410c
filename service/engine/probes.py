"""Probe texts for the feature fingerprints (:mod:`service.engine.fingerprint`).

Written for the purpose (no corpus text): short news-style paragraphs that touch what the
feature functions look at: reporting verbs and phrases, straight, curly and single quotation
marks, quotations running over sentences and paragraphs, pronouns, modals, hedges, loaded
and neutral wording, names, titles, numbers, abbreviations, hyphens, dashes, questions and
non-ASCII letters. Each probe is a tuple of paragraphs, each paragraph a tuple of sentences,
so the sentence bounds are fixed here and do not depend on the Punkt model.

Changing a probe changes every fingerprint: the shipped models would then need new ones.
"""

from __future__ import annotations

PROBES: tuple[tuple[tuple[str, ...], ...], ...] = (
    (
        (
            "The city council voted 7-2 on Tuesday to close the Harbour Street library.",
            '"This is a sad day for our neighbourhood," said Councillor Maria Okafor, who '
            "voted against the plan.",
        ),
        (
            "Mayor Daniel Reeves told reporters the building would cost $4.2 million to repair.",
            "According to a city report, fewer than 300 people used it each week.",
        ),
    ),
    (
        (
            "“We will not back down,” the union’s president, Ana Lucía Ferreira, "
            "told a rally on Friday.",
            "“Our members have waited three years for a fair offer.",
            "They deserve better than this.”",
        ),
        (
            "The company said in a statement that it remained open to talks.",
            "Some analysts believe the strike could last weeks; others expect a deal soon.",
        ),
    ),
    (
        (
            "Officials reportedly considered cancelling the summit, two people familiar with "
            "the talks said.",
            "It is widely believed that the delay was caused by a dispute over funding.",
            "The ministry declined to comment.",
        ),
    ),
    (
        (
            "Critics slammed the so-called reform as a radical giveaway to wealthy donors.",
            "Supporters insist it will create jobs, but the evidence is thin.",
            "The senator's disastrous remarks drew outrage from both parties.",
        ),
    ),
    (
        (
            "I think you should read the whole report before you decide, she wrote in an e-mail.",
            "We may never know what happened, he added.",
            "Why would anyone believe that?",
        ),
    ),
    (
        (
            "Dr. Helen Park of the U.S. Geological Survey warned that the quake - the largest "
            "since 1994 - could be followed by strong aftershocks.",
            "Residents were urged to stay away from damaged buildings.",
        ),
        (
            "'It felt like the whole house was lifted,' one resident said.",
            "Police estimate that about 1,200 homes lost power — most of them in the north.",
        ),
    ),
    (
        (
            "The report found no evidence of fraud.",
            "Investigators, however, said they had not been given access to all the accounts, "
            "and the auditor claimed that key documents were missing.",
            "Mr. Li denied any wrongdoing.",
        ),
    ),
    (
        (
            "Prices rose 3.1% in March, the statistics office said on Wednesday, "
            "the fastest pace in a year.",
        ),
        (
            "Economists had expected 2.8%.",
            '"Inflation is proving stickier than we hoped," said Jonas Weber, chief economist '
            "at a Frankfurt bank.",
        ),
    ),
)


def probe_texts() -> list[tuple[str, list[tuple[int, int, int]]]]:
    """Each probe as its text (paragraphs on lines of their own) and its sentences as
    ``(start, end, paragraph)`` offsets into that text."""
    out = []
    for probe in PROBES:
        text, sentences = "", []
        for p, paragraph in enumerate(probe):
            if p:
                text += "\n"
            for k, sentence in enumerate(paragraph):
                if k:
                    text += " "
                sentences.append((len(text), len(text) + len(sentence), p))
                text += sentence
        out.append((text, sentences))
    return out
