"""Loaded attribution verbs: cues that colour a source where "said" would not.

The table is data: each :class:`Entry` gives the verb's forms, what it implies, the reason an
editor reads, the neutral verb to use instead and where the entry comes from (``PROVENANCE``).
Reasons are this project's own wording. Verbs considered and left out are in ``LEFT_OUT``.

``find_loaded_verbs`` scans text and keeps only verb uses that report speech: a determiner,
possessive or number before the word ("a claim", "his notes", "the admitted student"), a
passive or adjectival participle ("was admitted to hospital", "alleged gang members") and
each verb's other senses ("claimed the lives of", "maintained the roads") are not flagged.
``match_loaded_verb`` and ``cue_flag`` serve spans the attribution model already calls cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.engine.bias.flags import Flag, trigger_words
from service.engine.tokens import CONTEXT_TOKEN

PROVENANCE = {
    "newsroom": "Newsroom attribution guidance (AP Stylebook, Reuters Handbook of Journalism, "
    "newswriting textbooks): 'said' is the neutral verb of attribution",
    "mos": "Wikipedia Manual of Style, Words to watch (MOS:SAID, MOS:CLAIM, MOS:ALLEGED)",
    "recasens2013": "Report-verb lexicon of Recasens, Danescu-Niculescu-Mizil and Jurafsky "
    "(ACL 2013), lexicons/report_verbs.txt",
    "reportedly": "reportedly's own judgment: tabloid verbs of conflict or emotion",
}

CASTS_DOUBT = "casts doubt"
GUILT = "implies guilt or wrongdoing"
CONCESSION = "implies a reluctant concession"
ACCUSED = "frames the source as accused"
STUBBORN = "implies stubbornness"
ENDORSES = "endorses the claim as fact"
SECRECY = "implies secrecy revealed"
BOASTING = "implies boasting"
EVASION = "implies evasion or defiance"
DRAMATISES = "dramatises"

# Context after a verb that shows it introduces what was said (used by context "clause").
_CLAUSE = (
    r"that\b|[,:;.!?\"“”'‘’(—–]|--|$"
    r"|(?:he|she|they|it|we|i|you|there)\b"
    r"|to\s+(?:have|be)\b"
    r"|(?:in|on|during|at)\s+(?:a|an|the|his|her|their|its)\s+(?:\w+\s+)?(?:statement|interview|"
    r"letter|speech|post|tweet|video|filing|lawsuit|complaint|court|hearing|briefing|rally|debate|"
    r"meeting|email|memo|op-ed|column|conference|book|memoir|podcast|broadcast)\b"
    r"|on\s+(?:twitter|facebook|instagram|television|tv|radio|x|social\s+media|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)\b"
    r"|to\s+(?:reporters|journalists|the\s+press|supporters|lawmakers|investigators|police|the\s+"
    r"court|the\s+committee|congress|parliament|the\s+crowd|an?\s+\w+)\b"
    r"|(?:repeatedly|falsely|publicly|privately|again|later|earlier|recently|previously|also|"
    r"once|often|angrily|bluntly|flatly|wrongly|yesterday|today|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|last\s+(?:week|month|year|night))\b"
)
_DET = r"(?:the|a|an|his|her|their|its|our|my|your|no|any|all|some|every)\b"
_SPEECH = (
    r"(?:comment|answer|say|discuss|respond|elaborate|confirm|deny|disclose|reveal|speak|"
    r"talk|specify|identify|name|explain|address|provide|give|release|testify|apologi[sz]e|"
    r"retract|acknowledge|condemn|denounce|critici[sz]e|rule\s+out|take\s+questions|"
    r"be\s+interviewed|be\s+drawn|be\s+named|be\s+identified)\b"
)


@dataclass(frozen=True)
class Entry:
    """One loaded verb. ``context``: "any" flags every verb use; "clause" needs the verb to
    introduce a statement (``_CLAUSE``, or ``follow``); "only" needs ``follow``."""

    lemma: str
    forms: tuple[str, ...]
    implies: str
    reason: str
    instead: str
    strength: str  # "strong" (flag it) or "mild" (worth a look)
    provenance: tuple[str, ...]
    noun_forms: tuple[str, ...] = ()  # forms that are also nouns ("claim", "notes")
    context: str = "any"
    follow: str = ""  # extra regex after the verb that shows a speech use
    follow_not: str = ""  # regex after the verb that rules the use out

    def to_dict(self) -> dict:
        return {
            "lemma": self.lemma,
            "forms": list(self.forms),
            "implies": self.implies,
            "reason": self.reason,
            "instead": self.instead,
            "strength": self.strength,
            "provenance": [PROVENANCE[p] for p in self.provenance],
        }


ENTRIES: tuple[Entry, ...] = (
    Entry(
        "claim",
        ("claim", "claims", "claimed", "claiming"),
        CASTS_DOUBT,
        "'claimed' signals that the writer doubts the statement; 'said' reports it "
        "without taking a view",
        "said",
        "strong",
        ("newsroom", "mos", "recasens2013"),
        noun_forms=("claim", "claims"),
        # "claimed the nomination / a loss / 12 lives": taking, not saying
        follow_not=r"(?:the\s+|an?\s+|his\s+|her\s+|their\s+|its\s+)?(?:(?:early|moral|narrow|"
        r"decisive|clear|greater|larger|big|first|second|third|top)\s+)?(?:"
        r"responsibility|credit|lives?|title|crown|victory|win|prize|seats?|throne|"
        r"gold|silver|bronze|medals?|championship|trophy|asylum|benefits?|"
        r"compensation|damages|ownership|stake|territory|land|control|spot|place|\d|"
        r"loss|losses|deductions?|exemptions?|refunds?|tax|credits|nomination|"
        r"momentum|advantage|edge|lead|mantle|presidency|majority|share|number|"
        r"states|delegates|power|the\s+throne)\b"
        r"|[^.!?\n]{0,30}?\blives\b",
    ),
    Entry(
        "assert",
        ("assert", "asserts", "asserted", "asserting"),
        CASTS_DOUBT,
        "'asserted' stresses that the point was merely asserted, hinting it lacks support; "
        "'said' is neutral",
        "said",
        "mild",
        ("mos", "recasens2013"),
        context="clause",
    ),
    Entry(
        "allege",
        ("allege", "alleges", "alleged", "alleging"),
        CASTS_DOUBT,
        "'alleged' marks the statement as an unproven accusation: right for charges not yet "
        "proven in court, elsewhere it hints the statement is doubtful",
        "said, or 'accused ... of' for a charge",
        "mild",
        ("mos", "recasens2013"),
        context="clause",
        follow=_DET,
    ),
    Entry(
        "insist",
        ("insist", "insists", "insisted", "insisting"),
        STUBBORN,
        "'insisted' casts the source as holding out against others, often against the "
        "evidence; 'said' is neutral",
        "said",
        "mild",
        ("mos", "recasens2013"),
        follow_not=r"(?:on|upon)\b",
    ),
    Entry(
        "maintain",
        ("maintain", "maintains", "maintained", "maintaining"),
        STUBBORN,
        "'maintained' suggests a position kept up under challenge, which invites doubt; "
        "'said' is neutral",
        "said",
        "mild",
        ("mos", "recasens2013"),
        context="clause",
        follow=r"(?:his|her|their|its)\s+innocence\b",
    ),
    Entry(
        "admit",
        ("admit", "admits", "admitted", "admitting"),
        GUILT,
        "'admitted' implies the source owned up to a fault or a damaging fact; 'said' "
        "implies nothing",
        "said",
        "strong",
        ("newsroom", "mos", "recasens2013"),
        follow_not=r"(?:to\s+(?:the\s+|a\s+)?(?:hospital|clinic|intensive|icu|university|"
        r"college|school|bar|practice|ward|care|emergency|membership|club|union)"
        r"|into|him|her|them|(?:\w+\s+)?(?:students|patients|applicants|refugees|"
        r"migrants|immigrants|members|women|men|fans|visitors)|\d"
        r"|[^.!?\n]{0,40}?\b(?:to|into)\s+(?:nato|the\s+(?:eu|european|union|"
        r"alliance|un|united|country|club|hospital|bar|program|programme|school)))",
    ),
    Entry(
        "confess",
        ("confess", "confesses", "confessed", "confessing"),
        GUILT,
        "'confessed' casts the statement as owning up to a wrong; 'said' is neutral",
        "said",
        "strong",
        ("mos",),
    ),
    Entry(
        "concede",
        ("concede", "concedes", "conceded", "conceding"),
        CONCESSION,
        "'conceded' implies the source gave ground on a point they had resisted; 'said' "
        "unless they did",
        "said",
        "mild",
        ("recasens2013",),
        follow_not=r"(?:(?:a|an|the|his|her|their|its|\d+|two|three|four|five)\s+)?(?:goals?|"
        r"runs?|points?|penalt(?:y|ies)|tries|try|wickets?|sets?|game|match|seats?|"
        r"election|race|defeat|nomination|primary|bid|contest|state)\b",
    ),
    Entry(
        "acknowledge",
        ("acknowledge", "acknowledges", "acknowledged", "acknowledging"),
        CONCESSION,
        "'acknowledged' presents the statement as a true and usually awkward point the source "
        "had to accept; 'said' takes no view",
        "said",
        "mild",
        ("recasens2013",),
        follow_not=r"(?:receipt|the\s+(?:crowd|applause|cheers|fans|audience))\b",
    ),
    Entry(
        "deny",
        ("deny", "denies", "denied", "denying"),
        ACCUSED,
        "'denied' frames the source as answering an accusation and can hint at guilt; fine "
        "for a specific accusation, otherwise 'said ... not'",
        "said ... not",
        "mild",
        ("mos", "recasens2013"),
        context="clause",
        follow=_DET + r"|(?:wrongdoing|involvement|allegations?|accusations?|charges?|claims?|"
        r"reports?|knowing|having|being|ever|responsibility|any)\b",
        follow_not=r"(?:him\s+|her\s+|them\s+|the\s+|a\s+|an\s+|his\s+|their\s+)?(?:access|"
        r"entry|bail|permission|visas?|requests?|applications?|service|permits?|"
        r"parole|benefits|coverage|treatment|appeals?|motions?|petitions?|"
        r"asylum|a\s+hearing|rights?)\b",
    ),
    Entry(
        "boast",
        ("boast", "boasts", "boasted", "boasting"),
        BOASTING,
        "'boasted' portrays the source as vain; 'said' reports the words without mocking them",
        "said",
        "strong",
        ("recasens2013",),
        noun_forms=("boast", "boasts"),
        context="clause",
        follow=r"(?:about|of)\b",
    ),
    Entry(
        "brag",
        ("brag", "brags", "bragged", "bragging"),
        BOASTING,
        "'bragged' portrays the source as vain; 'said' reports the words without mocking them",
        "said",
        "strong",
        ("reportedly",),
        noun_forms=("brag",),
    ),
    Entry(
        "gloat",
        ("gloat", "gloats", "gloated", "gloating"),
        BOASTING,
        "'gloated' portrays the source as taking malicious pleasure; 'said' is neutral",
        "said",
        "strong",
        ("reportedly",),
    ),
    Entry(
        "tout",
        ("tout", "touts", "touted", "touting"),
        BOASTING,
        "'touted' casts the source as selling something, which invites doubt; 'said' or "
        "'described ... as' is neutral",
        "said, described ... as",
        "mild",
        ("reportedly",),
        noun_forms=("tout", "touts"),
        context="clause",
        follow=r"[^.!?\n]{0,80}?\bas\b",
    ),
    Entry(
        "refuse to",
        ("refuse to", "refuses to", "refused to", "refusing to", "refused comment"),
        EVASION,
        "'refused to' comment or answer implies defiance or something to hide; 'declined to' "
        "records the same fact neutrally",
        "declined to",
        "strong",
        ("recasens2013", "reportedly"),
        context="only",
        follow=_SPEECH + r"|$|(?<=comment)",
    ),
    Entry(
        "slam",
        ("slam", "slams", "slammed", "slamming"),
        DRAMATISES,
        "'slammed' turns criticism into a blow and heightens the conflict; 'criticized' or "
        "'said' reports it plainly",
        "criticized, said",
        "strong",
        ("recasens2013", "reportedly"),
        noun_forms=("slam", "slams"),
        context="clause",
        follow=r"[^.!?\n]{0,80}?\b(?:as|for|over)\b",
        follow_not=r"(?:the\s+|a\s+|his\s+|her\s+|their\s+)?(?:doors?|brakes|car|fists?|phone|"
        r"gavel|ball|dunk|shut|into|down|home|against|through|on\s+the\s+brakes)\b",
    ),
    Entry(
        "blast",
        ("blast", "blasts", "blasted", "blasting"),
        DRAMATISES,
        "'blasted' turns criticism into an explosion and heightens the conflict; "
        "'criticized' or 'said' reports it plainly",
        "criticized, said",
        "strong",
        ("reportedly",),
        noun_forms=("blast", "blasts"),
        context="clause",
        follow=r"[^.!?\n]{0,80}?\b(?:as|for|over)\b",
        follow_not=r"(?:off|open|away|apart|through|into|out|music|(?:a|the)\s+(?:hole|horn|"
        r"tunnel|rock|homer|home\s+run|shot|ball))\b",
    ),
    Entry(
        "lash out",
        ("lash out", "lashes out", "lashed out", "lashing out"),
        DRAMATISES,
        "'lashed out' portrays the source as losing control; 'criticized' or 'said' is neutral",
        "criticized, said",
        "strong",
        ("reportedly",),
    ),
    Entry(
        "rail against",
        ("rail against", "rails against", "railed against", "railing against"),
        DRAMATISES,
        "'railed against' portrays the source as ranting rather than arguing; 'criticized' "
        "is neutral",
        "criticized",
        "strong",
        ("reportedly",),
    ),
    Entry(
        "rant",
        ("rant", "rants", "ranted", "ranting"),
        DRAMATISES,
        "'ranted' dismisses the source as irrational; 'said' or 'criticized' is neutral",
        "said, criticized",
        "strong",
        ("reportedly",),
        noun_forms=("rant", "rants"),
    ),
    Entry(
        "fume",
        ("fumed", "fuming"),
        DRAMATISES,
        "'fumed' describes the writer's reading of the source's anger, not their words; "
        "'said' is neutral",
        "said",
        "strong",
        ("reportedly",),
    ),
    Entry(
        "reveal",
        ("reveal", "reveals", "revealed", "revealing"),
        SECRECY,
        "'revealed' implies the statement exposes a hidden truth and so endorses it; "
        "'said' leaves its truth open",
        "said",
        "mild",
        ("mos", "recasens2013"),
        noun_forms=("reveal",),
    ),
    Entry(
        "note",
        ("note", "notes", "noted", "noting"),
        ENDORSES,
        "'noted' presents the statement as an established fact the source merely remarked "
        "on; 'said' leaves its truth open",
        "said",
        "mild",
        ("mos", "recasens2013"),
        noun_forms=("note", "notes"),
        context="clause",
        follow=_DET,
    ),
    Entry(
        "point out",
        ("point out", "points out", "pointed out", "pointing out"),
        ENDORSES,
        "'pointed out' treats the statement as a correct fact the source drew attention to; "
        "'said' leaves its truth open",
        "said",
        "mild",
        ("mos", "recasens2013"),
        noun_forms=("point out", "points out"),
        follow_not=r"(?:of\b|(?:the\s+|a\s+)?windows?\b)",
    ),
    Entry(
        "observe",
        ("observe", "observes", "observed", "observing"),
        ENDORSES,
        "'observed' presents the statement as a perceptive, accurate remark; 'said' leaves "
        "its truth open",
        "said",
        "mild",
        ("mos", "recasens2013"),
        context="clause",
    ),
    Entry(
        "explain",
        ("explain", "explains", "explained", "explaining"),
        ENDORSES,
        "'explained' presents the statement as the correct account of the matter; 'said' "
        "leaves that open",
        "said",
        "mild",
        ("mos", "recasens2013"),
        context="clause",
        follow=r"(?:why|how|what)\b",
    ),
    Entry(
        "clarify",
        ("clarify", "clarifies", "clarified", "clarifying"),
        ENDORSES,
        "'clarified' presents the statement as settling a confusion, the correct version; "
        "'said' leaves that open",
        "said",
        "mild",
        ("mos", "recasens2013"),
        context="clause",
        follow=_DET,
    ),
)

# Verbs whose own meaning passes a judgement on the source or the statement: only these become
# flags. The others in ENTRIES are still recognised (and listed by GET /v1/lexicons) but are
# ordinary reporting in most copy ("explained", "noted", "denied a request").
JUDGING = frozenset(
    {
        "claim",
        "admit",
        "confess",
        "concede",
        "boast",
        "brag",
        "gloat",
        "refuse to",
        "slam",
        "blast",
        "lash out",
        "rail against",
        "rant",
        "fume",
        "insist",
    }
)

LEFT_OUT = {
    "say, tell, add, according to, state, write, report, announce, ask, reply, respond": "neutral: they report that something was said and nothing more",
    "argue, contend": "present a position as argued without judging it, and are used for every side of a "
    "dispute; vague arguers ('critics argue') are caught as weasels by hedges.py",
    "warn": "the normal verb for a statement about a risk; flagging it would flag most public-safety "
    "news. 'experts warn' is caught as a weasel",
    "confirm": "accurate when an authority confirms a fact, which is what it is mostly used for",
    "accuse, charge, criticize, praise, urge, vow, promise, pledge, demand, describe": "name the speech act; the loading belongs to what the source did, not to the writer",
    "believe, think, hope, want, feel": "mental states, not speech: hedges.py flags them as unattributed claims",
    "suggest, hint, speculate, surmise, complain, emphasize, stress, recall, predict, estimate": "usually describe what the source actually did; too common and too mild to flag",
}

_BE = frozenset("is are was were be been being am 's ’s".split())
_BE_ADV = frozenset(
    "also not never widely long now still often generally first previously later "
    "then subsequently recently finally".split()
)
_NEGATIONS = frozenset("not never hardly barely cannot worth".split())  # + any "...n't"
_NOUN_ADJ = frozenset(  # before a noun form they make it a noun: "the earlier claim"
    "earlier previous new false latest repeated similar such wild dubious unfounded "
    "unsubstantiated baseless bogus fraudulent initial original own main central key major "
    "recent empty grand big".split()
)
_DETERMINERS = frozenset(
    "a an the this these those his her its their our my your some any no every each such "
    "another whose of".split()
)
_PREPOSITIONS = frozenset(
    "about over despite amid amidst against with for on by from after before into following "
    "including regarding denying dismissing rejecting at in under behind".split()
)
_NUMBERS = frozenset(
    "one two three four five six seven eight nine ten dozen dozens hundred hundreds thousand "
    "thousands several many few".split()
)
_SUBJECTISH = frozenset(
    "he she they it we i you also repeatedly often later then still now has have "
    "had will would could should may might must can did does do to always once again "
    "publicly privately falsely".split()
)
_SENTENCE_END = frozenset(".!?:;")
_NOT_SAYING = frozenset(  # "declined to explain": the verb reports no statement
    "declined decline declines declining refused refuse refuses refusing failed fail fails "
    "unable able tried try trying struggled struggle attempt attempted wants wanted asked "
    "hard".split()
)

_FORMS = {" ".join(f.split()): entry for entry in ENTRIES for f in entry.forms}
_FORM_RE = re.compile(
    r"\b(?:"
    + "|".join(
        r"\s+".join(map(re.escape, f.split())) for f in sorted(_FORMS, key=len, reverse=True)
    )
    + r")\b",
    re.I,
)
_FIRST_WORDS = frozenset(f.split()[0] for f in _FORMS)
_CLAUSE_RE = re.compile(r"\s*(?:" + _CLAUSE + ")", re.I)
_FOLLOW_RE = {e.lemma: re.compile(r"\s*(?:" + e.follow + ")", re.I) for e in ENTRIES if e.follow}
_FOLLOW_NOT_RE = {
    e.lemma: re.compile(r"\s*(?:" + e.follow_not + ")", re.I) for e in ENTRIES if e.follow_not
}
_INVERTED = re.compile(r"\s*[A-Z]")
_PUNCT_RE = re.compile(r"\s*(?:[,:;.!?\"“”'‘’(—–]|--|$)")
_QUOTES = frozenset({",", "”", '"', "’", "'"})
_DET_RE = re.compile(r"\s*" + _DET, re.I)
_BY_RE = re.compile(r"\s+by\b", re.I)


def _form(matched: str) -> str:
    return " ".join(matched.lower().replace("’", "'").split())


def _previous(text: str, pos: int, lo: int, n: int = 2) -> list[str]:
    """The last ``n`` tokens before ``pos`` (not before ``lo``), nearest last."""
    return CONTEXT_TOKEN.findall(text, max(lo, pos - 60), pos)[-n:]


def _blocked_before(form: str, entry: Entry, prev: list[str]) -> bool:
    """Noun, adjective or passive use, judged from the tokens before the verb."""
    p = prev[-1].lower() if prev else ""
    if p in _DETERMINERS or p in _NUMBERS or p.isdigit() or p.endswith(("'s", "’s")):
        return True
    p2 = prev[-2].lower() if len(prev) > 1 else ""
    if p.endswith("ly") and p2 in _DETERMINERS:
        return True  # "the widely acknowledged expert"
    if p == "to" and (p2 in _NOT_SAYING or p2 == "yet"):
        return True
    if p in _NEGATIONS or p.endswith(("n't", "n’t")):
        return True  # "could not explain", "didn't claim", "worth noting": no statement
    participle = form.split()[0].endswith("ed")
    if participle:
        if p in _BE or ((p in _BE_ADV or p.endswith("ly")) and p2 in _BE):
            return True  # "was admitted", "is widely acknowledged"
        if not prev or p in _SENTENCE_END:
            return True  # "Admitted students ..." opens with an adjective
    # "Claims that ...", "amid claims", "the earlier claim", "that claim"
    return form in entry.noun_forms and (
        not prev or p in _SENTENCE_END or p in _PREPOSITIONS or p in _NOUN_ADJ or p == "that"
    )


def _speech_use(text: str, m: re.Match, entry: Entry, prev: list[str], hi: int) -> bool:
    """Does the context after the verb show that it introduces what someone said?"""
    form, end = _form(m.group()), m.end()
    if entry.lemma in _FOLLOW_NOT_RE and _FOLLOW_NOT_RE[entry.lemma].match(text, end, hi):
        return False
    if form.split()[0].endswith("ed") and _BY_RE.match(text, end, hi):
        return False  # "the territory claimed by China"
    follow = _FOLLOW_RE.get(entry.lemma)
    if entry.context == "only":
        assert follow is not None, entry.lemma  # an "only" entry has a follow pattern
        return bool(follow.match(text, end, hi))
    p = prev[-1].lower() if prev else ""
    noun = form in entry.noun_forms
    strict = entry.context == "clause" or (noun and p not in _SUBJECTISH)
    if not strict:
        return True
    if p in _QUOTES and _INVERTED.match(text, end, hi):
        return True  # '"...," noted Smith'
    if _PUNCT_RE.match(text, end, hi):
        # ', the coach noted.' but not 'an empty boast.' or 'asked her to clarify.'
        return p != "to" and (not noun or any(t in _QUOTES and t != "," for t in prev))
    return bool(
        _CLAUSE_RE.match(text, end, hi)
        or (follow and follow.match(text, end, hi))
        or (entry.context != "clause" and _DET_RE.match(text, end, hi))
    )


def _flag(text: str, m: re.Match, entry: Entry) -> Flag:
    return Flag(m.start(), m.end(), m.group(), "loaded_verb", entry.reason, entry.lemma)


def find_loaded_verbs(text: str, start: int = 0, end: int | None = None) -> list[Flag]:
    """Loaded verbs used to report speech in ``text[start:end]``, in order.

    ``start`` is read as a sentence start (a participle there is an adjective), so pass whole
    sentences or more. Voice is the caller's, as for hedges (``flags.voice``)."""
    hi = len(text) if end is None else end
    out = []
    for ws, _, _ in trigger_words(text, start, hi, _FIRST_WORDS):
        m = _FORM_RE.match(text, ws, hi)
        if not m:
            continue
        form = _form(m.group())
        entry = _FORMS[form]
        prev = _previous(text, m.start(), start, 4)
        if not _blocked_before(form, entry, prev) and _speech_use(text, m, entry, prev, hi):
            out.append(_flag(text, m, entry))
    return out


def match_loaded_verb(cue_text: str) -> Entry | None:
    """The loaded verb in an attribution cue ("claimed in a statement", "has admitted"), or
    None for neutral cues ("said", "told reporters", "according to") and nouns ("his claim")."""
    for m in _FORM_RE.finditer(cue_text):
        form = _form(m.group())
        prev = _previous(cue_text, m.start(), 0)
        if not prev or not _blocked_before(form, _FORMS[form], prev):
            return _FORMS[form]
    return None


def cue_flag(text: str, start: int, end: int) -> Flag | None:
    """The loaded verb inside the cue span ``text[start:end]``, with its own offsets.

    The attribution model has already judged the span a cue, so only noun, adjective and
    passive uses are ruled out, not a missing that-clause."""
    for m in _FORM_RE.finditer(text, start, end):
        form = _form(m.group())
        entry = _FORMS[form]
        if not _blocked_before(form, entry, _previous(text, m.start(), max(0, start - 60))):
            return _flag(text, m, entry)
    return None


def adds_judgement(lemma: str) -> bool:
    """Is a use of this verb flagged (see :data:`JUDGING`)?"""
    return lemma in JUDGING


_BY_LEMMA = {e.lemma: e for e in ENTRIES}


def entry_for(lemma: str) -> Entry | None:
    return _BY_LEMMA.get(lemma)


def table() -> list[dict]:
    """The verb table for GET /v1/lexicons: one JSON-ready dict per entry."""
    return [e.to_dict() for e in ENTRIES]
