"""Hedges, weasel attributions and unattributed claims, as multi-word patterns with context.

Three kinds of flag:

- ``hedge``: a claim put on nobody's authority ("reportedly", "is said to", "it is believed").
- ``weasel``: a vague crowd as the source ("some say", "critics argue", "experts say",
  "studies show", "according to some"). Anonymous but specific sourcing ("officials said",
  "sources said", "people familiar with the matter") is not a weasel: the source model
  already counts it as anonymous. "some officials say" is a weasel.
- ``unattributed_claim``: what someone wants, hopes, believes or will surely do, asserted
  with no reporting verb anywhere in the sentence ("Smith wants to run"). A reporter knows
  what sources say, not what they think.

"say" alone is never flagged, nor "according to" with a named source, nor "some 40 people".

Voice is the caller's: a flag inside a quote or an attribution's content span belongs to the
source (``flags.voice``). Weasel flags cover the vague source and its verb, which lie
outside the content span they introduce, so "critics say" stays in the writer's voice while
a quoted "reportedly" is the source's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from service.engine.bias.flags import Flag, PatternKind, drop_overlaps, trigger_words
from service.engine.tokens import CONTEXT_TOKEN
from service.engine.wordlists import alternation, rows, words

_CLAUSE_NEXT = r"(?=\s+(?:that|like|the|a|an|it|he|she|they|we|there|this|his|her|their)\b)"
_NOT_TO = r"(?!\s+to\b)"  # "agreed to share", "expected to win": not a view
_NOT_OF = r"(?!\s+(?:of|about)\b)"  # "what people think of him": not a claim
_CONTEXT = {"": "", "not_of": _NOT_OF, "not_to": _NOT_TO, "clause": _CLAUSE_NEXT}


def _crowd_verbs(use: str) -> str:
    """The reporting words of ``use`` (wordlists/reporting.tsv) as one regex group, each with
    the context its ``crowd_context`` asks for."""
    by_context: dict[str, set[str]] = {}
    for row in rows("reporting"):
        if use in row["uses"].split(","):
            by_context.setdefault(row["crowd_context"], set()).add(row["word"])
    groups = ("(?:" + alternation(ws) + ")" + _CONTEXT[c] for c, ws in sorted(by_context.items()))
    return "(?:" + "|".join(groups) + ")"


# Verbs of saying or thinking that a vague crowd can be given ("crowd"); after "some" or
# "many" alone, only those that are no nouns too ("crowd_some": not "some doubt").
_SAY = _crowd_verbs("crowd")
_SAY_V = _crowd_verbs("crowd_some")
_AUX = r"(?:(?:have|has|had|long|often|also|still|widely|generally|would|will|may|might|now)\s+)"
_GROUP = (
    r"(?:critics|experts|observers|analysts|commentators|pundits|insiders|sceptics|"
    r"skeptics|detractors|opponents|proponents|supporters|people|scholars|historians|"
    r"economists)"
)
_NUMBER = (
    r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozens?|of)\b"
)
_NOT_A_CROWD = (
    r"(?:times|years|days|months|weeks|hours|minutes|decades|respondents|"
    r"participants)"
)
# A mental state, with the complement that makes it a claim about a mind.
_MIND = (
    r"(?:(?:wants?|wanted)(?=\s+(?:to|a|an|the|his|her|their|more|no|nothing)\b)"
    r"|(?:hopes?|hoped)(?=\s+(?:to|that|for)\b)"
    r"|(?:intends?|intended|longs?|longed|yearns?|yearned)(?=\s+to\b)"
    r"|(?:believes?|believed|fears?|feared)"
    r"(?=\s+(?:that|he|she|they|it|the|a|an|his|her|their|there)\b)"
    r"|(?:thinks?|thought)(?=\s+(?:that|he|she|they|it|the|his|her|their|there)\b)"
    r"|(?:feels?|felt)(?=\s+that\b)"
    r"|(?:is|was|are|were)\s+(?:determined|desperate|eager|keen|anxious|convinced)"
    r"(?=\s+(?:to|that)\b))"
)
_SUBJECT_STOP = (
    r"(?:The|This|That|These|Those|It|I|We|You|Their|His|Her|Its|Our|My|Your|"
    r"Many|Some|Most|Few|Others|Critics|Experts|Analysts|Observers|Officials|"
    r"Sources|Police|Investigators|Authorities|Prosecutors|Scientists|Researchers|"
    r"People|Everyone|Everybody|Nobody|No|Who|What|But|And|Or|If|When|While|As|So|"
    r"Yet|Because|Although|Though|Since|Still|Now|Then|Here|There|Voters|Americans|"
    r"Residents|Doctors|Surely|Perhaps|Maybe)\b"
)
# Words that show a sentence reports speech (wordlists/reporting.tsv, use "speech"): not the
# verbs of mind the features' reporting verbs hold ("believes", "hopes"), which are what
# unattributed.mind flags.
_REPORTING = re.compile(r"\b(?:" + alternation(words("reporting", uses="speech")) + r")\b", re.I)
# The hedge words (wordlists/hedges.tsv): adverbs and participles of use "flag" ("allegedly"
# has a pattern of its own), participles of a reduced relative ("reduced": "a man believed
# to be"; not "said to", "reported to"), of an impersonal passive ("impersonal": "it is
# believed") and of one only before "that" or a comma ("impersonal_that").
_ADVERBS = words("hedges", form="adverb", uses="flag") - {"allegedly"}
_PASSIVE = words("hedges", form="participle", uses="flag")
_REDUCED = words("hedges", uses="reduced")
_IMPERSONAL = words("hedges", uses="impersonal")
_IMPERSONAL_THAT = words("hedges", uses="impersonal_that")
_ALONE = words("hedges", uses="alone")  # "the rumored merger"
_SPECIFIERS = frozenset("the these those this both of his her their its our my".split())
_NUMBERS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "sixty seventy eighty ninety hundred hundreds thousand thousands dozen dozens".split()
)
_SENTENCE_PUNCT = frozenset('.!?"“”:;(')
_FUNCTION = frozenset(
    "and but or that as while when if because since though although so than then also who "
    "which what where how why many some most other several various numerous few all".split()
)


@dataclass(frozen=True)
class Pattern:
    """One hedge or weasel pattern. ``check`` refines a regex match (None drops it)."""

    id: str
    kind: PatternKind
    regex: str
    reason: str
    examples: tuple[str, ...]
    context: str = ""  # the check, in words, for the lexicons endpoint
    check: Callable[[str, re.Match, int, int], tuple[int, int] | None] | None = field(
        default=None, compare=False
    )

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "pattern": self.regex,
            "context": self.context,
            "reason": self.reason,
            "examples": list(self.examples),
        }


def _words_before(text: str, pos: int, lo: int, n: int) -> list[str]:
    return CONTEXT_TOKEN.findall(text, max(lo, pos - 80), pos)[-n:]


def _specific(words: list[str], skip: int) -> bool:
    """Does a specifier come before the matched crowd? Up to ``skip`` lowercase modifiers
    ("health experts") are passed over; then a number, "the", "these", "of", a possessive or
    a capitalised word inside the sentence ("Goldman analysts") makes it specific."""
    while words:
        w = words.pop()
        low = w.lower()
        at_start = not words or words[-1] in _SENTENCE_PUNCT
        if low in _SPECIFIERS or low in _NUMBERS or low[0].isdigit() or low.endswith(("'s", "’s")):
            return True
        if w[0].isupper() and (not at_start or skip == 0):
            return True  # a name; right before "research" even at the sentence start
        if skip == 0 or not w.isalpha() or low in _FUNCTION or w[0].isupper():
            return False
        skip -= 1
    return False


def _unspecified(text: str, m: re.Match, lo: int, hi: int) -> tuple[int, int] | None:
    """A vague crowd ("critics say"), not "the critics", "two experts", "Goldman analysts"."""
    return None if _specific(_words_before(text, m.start(), lo, 4), 2) else (m.start(), m.end())


def _unnamed_research(text: str, m: re.Match, lo: int, hi: int) -> tuple[int, int] | None:
    """ "Studies show" with no study named: not "the research", "Harvard's research"."""
    return None if _specific(_words_before(text, m.start(), lo, 2), 0) else (m.start(), m.end())


def _sentence(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """Rough bounds of the sentence around ``pos``: up to . ! ? or a line break, 400 chars."""
    a = max(lo, pos - 400)
    cut = max(text.rfind(c, a, pos) for c in ".!?\n")
    b = min(hi, pos + 400)
    ends = [i for i in (text.find(c, pos, b) for c in ".!?\n") if i >= 0]
    return (cut + 1 if cut >= 0 else a), (min(ends) + 1 if ends else b)


def _no_reporting_verb(text: str, m: re.Match, lo: int, hi: int) -> tuple[int, int] | None:
    """Unattributed only if nothing in the sentence reports speech ("she said she wants")."""
    a, b = _sentence(text, m.start(), lo, hi)
    if _REPORTING.search(text, a, b):
        return None
    return m.start(), m.end()


PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "hedge.reportedly",
        "hedge",
        r"\b(?:" + alternation(_ADVERBS) + r")\b",
        "puts the claim on unnamed reports: who reported it? Name the source or drop the claim",
        ("The company reportedly lost $2 million.", "He is supposedly in hiding."),
    ),
    Pattern(
        "hedge.allegedly",
        "hedge",
        r"\ballegedly\b",
        "'allegedly' rests the claim on no named accuser; right for charges not yet tried, "
        "but say who alleges it",
        ("The man allegedly stole a car.",),
    ),
    Pattern(
        "hedge.is_said_to",
        "hedge",
        r"\b(?:is|are|was|were|be|been|being|'s|’s)\s+(?:(?:also|now|still|long|privately|"
        r"originally|not)\s+)?(?:" + alternation(_PASSIVE) + r")\s+to\b(?!\s+(?:the|a|an|his|"
        r"her|their|its|police|authorities|me|him|them|us)\b)",
        "a passive report with no one doing the saying or believing: by whom?",
        (
            "He is said to be furious.",
            "The ship was believed to have sunk.",
            "She is understood to have resigned.",
        ),
    ),
    Pattern(
        "hedge.believed_to",
        "hedge",
        r"(?<!\bhe\s)(?<!\bshe\s)(?<!\bwe\s)(?<!\bthey\s)(?<!\byou\s)(?<!\bwho\s)(?<!\bi\s)"
        r"\b(?:" + alternation(_REDUCED) + r")\s+to\s+(?:be|have)\b",
        "an agentless belief: who believes it?",
        (
            "A man believed to be in his 40s was arrested.",
            "The fire, thought to have started in the kitchen, spread fast.",
        ),
    ),
    Pattern(
        "hedge.it_is_passive",
        "hedge",
        r"\bit\s+(?:is|was|'s|’s|has\s+been|had\s+been|is\s+being|was\s+being|will\s+be|"
        r"would\s+be|could\s+be|can\s+be|may\s+be|might\s+be)\s+(?:(?:also|now|often|"
        r"sometimes|increasingly|still)\s+)?(?:(?:" + alternation(_IMPERSONAL) + r")(?![-\w])"
        r"(?!\s+(?:by|to\s+(?:the|police|authorities))\b)|(?:"
        + alternation(_IMPERSONAL_THAT)
        + r")(?=\s*(?:that\b|,)))",
        "an impersonal passive ('it is believed') hides who holds the view",
        (
            "It is believed that the talks failed.",
            "It has been suggested that he lied.",
            "It is thought the fire started early.",
        ),
    ),
    Pattern(
        "hedge.it_emerged",
        "hedge",
        r"\bit\s+(?:has\s+|had\s+)?emerged\s+(?:(?:on|late|early)\s+\w+\s+|yesterday\s+|"
        r"today\s+|last\s+\w+\s+)?that\b",
        "'it emerged' presents a claim with no source for it",
        ("It emerged that the minister had known.",),
    ),
    Pattern(
        "hedge.rumoured",
        "hedge",
        r"\b(?:"
        + alternation(_ALONE)
        + r")\b|\b(?:amid(?:st)?|there\s+(?:are|were|have\s+been|had\s+been))\s+"
        r"(?:(?:growing|persistent|widespread|unconfirmed|new|fresh)\s+)?rumou?rs\b",
        "rumour is not a source: say who is saying it",
        ("The rumored merger collapsed.", "He resigned amid rumors of an affair."),
    ),
    Pattern(
        "hedge.unconfirmed_reports",
        "hedge",
        r"\b(?:unconfirmed|unverified)\s+reports?\b",
        "an unconfirmed report from no named outlet",
        ("Unconfirmed reports put the toll at 40.",),
    ),
    Pattern(
        "weasel.reports_say",
        "weasel",
        r"\b(?:some|several|multiple|numerous|various|many|other|earlier|previous|local|media|"
        r"press|news)\s+reports\s+(?:have\s+|had\s+)?(?:say|said|suggest|suggested|indicate|"
        r"indicated|indicates|claim|claimed|allege|alleged)\b",
        "reports from no named outlet: which ones?",
        ("Media reports said he had fled.", "Some reports suggest a deal is near."),
    ),
    Pattern(
        "weasel.vague_group",
        "weasel",
        _GROUP + r"\s+(?:who\s+)?" + _AUX + r"{0,2}" + _SAY + r"\b",
        "a vague crowd as the source: which critics, which experts? Name them or cite one",
        (
            "Critics argue the law is unconstitutional.",
            "Experts say the bridge is unsafe.",
            "Observers note that turnout fell.",
            "Health experts warn of a new wave.",
        ),
        context="not after a number, 'the', 'these', 'of' or a name: 'two experts said', "
        "'the critics said', 'Goldman analysts said' are specific",
        check=_unspecified,
    ),
    Pattern(
        "weasel.some_people_say",
        "weasel",
        r"\b(?:some|many|most|several|various|numerous|countless|certain|other|a\s+number\s+of|"
        r"a\s+lot\s+of|lots\s+of|plenty\s+of)\s+(?!" + _NUMBER + r")(?:[a-z]+\s+)?"
        r"(?!"
        + _NOT_A_CROWD
        + r"\b)(?:people|folks|men|women|[a-z]+s)\s+(?:who\s+)?"
        + _AUX
        + r"{0,2}"
        + _SAY
        + r"\b",
        "an unnamed share of a crowd as the source ('some analysts say', 'many people "
        "think'): who says so?",
        (
            "Many people think the tax is unfair.",
            "Some analysts believe rates will rise.",
            "Several residents said they heard shots.",
        ),
        context="not 'some 40 people' (a number after 'some' is a count)",
    ),
    Pattern(
        "weasel.some_say",
        "weasel",
        r"\b(?:some|many)\s+" + _AUX + r"?" + _SAY_V + r"\b",
        "'some say', 'many believe': a view given to nobody in particular",
        (
            "Some say the plan will fail.",
            "Many believe the vote was rigged.",
            "Some have suggested he resign.",
        ),
    ),
    Pattern(
        "weasel.some_in",
        "weasel",
        r"\b(?:some|many|few)\s+(?:in|within|inside|on|at|across|among|around|close\s+to)\s+"
        r"(?:[\w.'’-]+\s+){1,4}?" + _AUX + r"?" + _SAY_V + r"\b",
        "an unnamed part of a group as the source: who exactly?",
        ("Some in the party say he should resign.", "Many on Wall Street expect a cut."),
    ),
    Pattern(
        "weasel.widely",
        "weasel",
        r"\b(?:it\s+(?:is|was|has\s+(?:long\s+)?been|had\s+been|'s|’s)\s+)?"
        r"(?:widely|generally|commonly|universally|broadly|popularly)\s+(?:believed|accepted|"
        r"(?<=widely\s)held|held(?=\s+(?:beliefs?|views?|opinions?|assumptions?|notions?|"
        r"ideas?|that)\b)|thought|acknowledged|recogni[sz]ed|agreed|assumed|regarded\s+as|"
        r"considered|seen\s+as|viewed\s+as|expected|reported|understood|perceived\s+as|"
        r"credited)\b(?!\s+accounting)",
        "claims a consensus without showing who shares it",
        (
            "It is widely believed that he will run.",
            "She is widely regarded as the favourite.",
            "The plan is generally seen as a failure.",
        ),
    ),
    Pattern(
        "weasel.there_are_those",
        "weasel",
        r"\bthere\s+(?:are|were|is|will\s+be|have\s+(?:always\s+)?been)\s+(?:those|some|many|"
        r"people|others)\s+who\s+" + _AUX + r"{0,2}" + _SAY + r"\b",
        "'there are those who' gives a view to nobody in particular",
        ("There are those who say the war was lost.",),
    ),
    Pattern(
        "weasel.there_is_a_belief",
        "weasel",
        r"\bthere\s+(?:is|was|has\s+been)\s+(?:a\s+)?(?:(?:growing|widespread|general|strong|"
        r"increasing|common|broad)\s+)?(?:feeling|sense|belief|perception|view|consensus|"
        r"suspicion)\s+(?:among\s+\w+(?:\s+\w+)?\s+)?that\b",
        "a feeling or belief held by no one named",
        ("There is a growing feeling that the reforms failed.",),
    ),
    Pattern(
        "weasel.studies_show",
        "weasel",
        r"\b(?:(?:many|some|several|numerous|countless|recent|new|other|previous|past|"
        r"multiple|scientific|independent)\s+)?(?:studies|research|surveys|polls)\s+"
        r"(?:(?:has|have|had|consistently|repeatedly|also)\s+){0,2}(?:show|shows|shown|showed|"
        r"suggest|suggests|suggested|indicate|indicates|indicated|prove|proves|proved|proven|"
        r"confirm|confirms|confirmed|find|finds|found|demonstrate|demonstrates|demonstrated)\b",
        "evidence with no study named: which study, by whom?",
        (
            "Studies show that the drug works.",
            "Research has shown a link.",
            "Polls suggest voters are unhappy.",
        ),
        context="not after 'the', a possessive or a name: 'the research shows', "
        "'Harvard research shows' are specific",
        check=_unnamed_research,
    ),
    Pattern(
        "weasel.according_to_vague",
        "weasel",
        r"\baccording\s+to\s+(?>(?:some|many|several|various|numerous|other|unconfirmed|media|"
        r"press|news|local)\s+(?:[a-z]+\s+)?(?:reports|accounts|estimates|experts|observers|"
        r"critics|analysts|sources|people|commentators|insiders|scholars|scientists|studies|"
        r"historians|economists|officials|residents|witnesses)|some|many|reports|rumou?rs|"
        r"critics|experts|observers|analysts|insiders|commentators|estimates)\b"
        r"(?!\s+(?:by|from|of|in|at|with|for|on)\b)",
        "'according to' a vague crowd or unnamed reports is no source at all",
        (
            "According to some, the deal is dead.",
            "According to reports, he fled.",
            "According to some analysts, growth will slow.",
        ),
    ),
    Pattern(
        "unattributed.mind",
        "unattributed_claim",
        r"(?-i:\b(?!" + _SUBJECT_STOP + r")(?:[Hh]e|[Ss]he|[Tt]hey|[A-Z][a-z'’-]+(?:\s+"
        r"[A-Z][a-z'’-]+)?)|\b[Tt]he\s+(?:president|prime\s+minister|senator|governor|mayor|"
        r"minister|chancellor|candidate|company|government|administration|campaign|chairman|"
        r"chief\s+executive|ceo|leader|king|queen|pope|general|coach|owner|defendant))\s+"
        r"(?:(?:still|also|really|privately|secretly|genuinely|truly|clearly|obviously|"
        r"evidently|now|long|always|never|has|have|had|desperately|badly)\s+|(?:does|did|do)"
        r"(?:\s+not|n['’]t)\s+){0,2}" + _MIND,
        "states what someone wants, hopes, believes or intends with nothing to show they said "
        "it; a reporter knows what sources say, not what they think",
        (
            "Smith wants to run for governor.",
            "He hopes to win back the seat.",
            "The president believes the deal is fair.",
            "She is determined to stay.",
        ),
        context="subject is he/she/they, a name or a leader/institution; only when no "
        "reporting word (said, told, according to, statement...) is in the sentence",
        check=_no_reporting_verb,
    ),
    Pattern(
        "unattributed.certain_prediction",
        "unattributed_claim",
        r"\b(?:will|would)\s+(?:undoubtedly|surely|inevitably|certainly|definitely|no\s+doubt)"
        r"\b|\b(?:is|are|was|were)\s+(?:bound|sure|certain|destined|guaranteed)\s+to\b"
        r"(?!\s+(?:the|a|an|his|her|their|its|him|them)\b)",
        "predicts as certain what no one can know, with no source for the prediction",
        ("The bill will undoubtedly pass.", "The move is bound to anger voters."),
        context="only when no reporting word is in the sentence",
        check=_no_reporting_verb,
    ),
)


def _listed(*sets: Iterable[str]) -> str:
    return " ".join(sorted(frozenset().union(*sets)))


# Per pattern: words one of which every match contains, and how many characters before that
# word a match can start. find_hedges runs a pattern only around its words.
TRIGGERS: dict[str, tuple[str, int]] = {
    "hedge.reportedly": (_listed(_ADVERBS), 0),
    "hedge.allegedly": ("allegedly", 0),
    "hedge.is_said_to": (_listed(_PASSIVE), 25),
    "hedge.believed_to": (_listed(_REDUCED), 0),
    "hedge.it_is_passive": (_listed(_IMPERSONAL, _IMPERSONAL_THAT), 40),
    "hedge.it_emerged": ("emerged", 12),
    "hedge.rumoured": (_listed(_ALONE, {"rumours", "rumors"}), 45),
    "hedge.unconfirmed_reports": ("unconfirmed unverified", 0),
    "weasel.reports_say": ("reports", 12),
    "weasel.vague_group": (
        "critics experts observers analysts commentators pundits insiders "
        "sceptics skeptics detractors opponents proponents supporters people "
        "scholars historians economists",
        0,
    ),
    "weasel.some_people_say": (
        "some many most several various numerous countless certain other lot lots plenty number",
        2,
    ),
    "weasel.some_say": ("some many", 0),
    "weasel.some_in": ("some many few", 0),
    "weasel.widely": ("widely generally commonly universally broadly popularly", 25),
    "weasel.there_are_those": ("there", 0),
    "weasel.there_is_a_belief": ("there", 0),
    "weasel.studies_show": ("studies research surveys polls", 16),
    "weasel.according_to_vague": ("according", 0),
    "unattributed.mind": (
        "wants want wanted hopes hope hoped intends intend intended longs long "
        "longed yearns yearn yearned believes believe believed fears fear "
        "feared thinks think thought feels feel felt determined desperate "
        "eager keen anxious convinced",
        60,
    ),
    "unattributed.certain_prediction": (
        "undoubtedly surely inevitably certainly definitely "
        "doubt bound sure certain destined guaranteed",
        10,
    ),
}
_AHEAD = 100  # characters after the trigger word that a match (with its lookaheads) can need
_COMPILED = [(p, re.compile(p.regex, re.I), TRIGGERS[p.id][1]) for p in PATTERNS]
_ORDER = {p.id: i for i, p in enumerate(PATTERNS)}  # earlier patterns win ties
_BY_WORD: dict[str, list[tuple[Pattern, re.Pattern, int]]] = {}
for _entry in _COMPILED:
    for _w in TRIGGERS[_entry[0].id][0].split():
        _BY_WORD.setdefault(_w, []).append(_entry)


def _flag(p: Pattern, text: str, m: re.Match, lo: int, hi: int) -> Flag | None:
    span = p.check(text, m, lo, hi) if p.check else (m.start(), m.end())
    return Flag(span[0], span[1], text[span[0] : span[1]], p.kind, p.reason, p.id) if span else None


def find_hedges(text: str, start: int = 0, end: int | None = None) -> list[Flag]:
    """Hedges, weasels and unattributed claims in ``text[start:end]``, in order, no overlaps.

    Each flag's ``rule`` is the pattern id; the longest match wins where patterns overlap.
    Voice is not decided here: pass each flag's span to ``flags.voice`` with the quote
    intervals and content spans (a quoted hedge is the source's)."""
    hi = len(text) if end is None else end
    found: dict[tuple[str, int, int], Flag | None] = {}  # None: the match is no flag
    for ws, we, word in trigger_words(text, start, hi, _BY_WORD):
        b = min(hi, we + _AHEAD)
        while b < hi and text[b].isalnum():
            b += 1
        for p, rx, back in _BY_WORD[word]:
            if back:
                ms = [
                    m
                    for m in rx.finditer(text, max(start, ws - back), b)
                    if m.start() <= ws < m.end()
                ]
            else:
                ms = [m] if (m := rx.match(text, ws, b)) else []
            for m in ms:
                if (p.id, m.start(), m.end()) not in found:
                    found[(p.id, m.start(), m.end())] = _flag(p, text, m, start, hi)
    return drop_overlaps(sorted((f for f in found.values() if f), key=lambda f: _ORDER[f.rule]))


def _find_hedges_full_scan(text: str, start: int = 0, end: int | None = None) -> list[Flag]:
    """find_hedges without the trigger words (every pattern over the whole range): tests
    check that both give the same flags."""
    hi = len(text) if end is None else end
    flags = (
        _flag(p, text, m, start, hi) for p, rx, _ in _COMPILED for m in rx.finditer(text, start, hi)
    )
    return drop_overlaps(f for f in flags if f)


def patterns() -> list[dict]:
    """The pattern list for GET /v1/lexicons: one JSON-ready dict per pattern."""
    return [p.to_dict() for p in PATTERNS]
