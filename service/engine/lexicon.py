"""Word lists the engine's features use: reporting cues and speaker words.

Hand-written from the PolNeAR annotation guidelines' examples and newsroom usage; the
classifiers learn their weights, so these lists only need to be broad, not exact. The lists
shared with other modules are read from :mod:`service.engine.wordlists`.
"""

from __future__ import annotations

from service.engine.wordlists import words

# Reporting verbs of the sentence and span models' features (wordlists/reporting.tsv, use
# "features"): speech and thought alike ("said", "believes"), all forms.
REPORTING_VERBS = words("reporting", uses="features")

# Cue phrases of the sentence model's features, in the order its regex tries them. Kept as the
# shipped model saw them: the hedge phrases are a pinned subset of wordlists/hedges.tsv
# (tests/engine/test_vocabulary.py).
CUE_PHRASES = (
    "according to",
    "in a statement",
    "in an interview",
    "told reporters",
    "said in a statement",
    "citing",
    "reportedly",
    "allegedly",
    "is said to",
    "are said to",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "statement",
    "interview",
    "poll",
    "survey",
    "report",
)

SPEAKER_WORDS = frozenset(
    """
    he she they i we spokesman spokeswoman spokesperson official officials sources source
    aide aides adviser advisers president candidate campaign senator governor secretary
    director chairman analyst analysts expert experts critics supporters
    """.split()
)

FIRST_SECOND_PERSON = words("first_second_person")

MODALS = frozenset("will would should could might may must can".split())
