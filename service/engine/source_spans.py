"""Trim a relation's raw source span to the noun phrase that speaks, or drop it.

The span model's source spans run over what is not a source: fronted phrases ("Originally
from Arichat, N.S., Martell"), parentheticals ("(Central Okanagan) Education Minister Rob
Fleming"), trailing adverbs ("Pompeo later"), clauses ("The campaign says the candidate"),
the next paragraph ("Christina Lastra.\\n\\nGetty"). And some are no source at all: an adverb
("Somehow"), a function word ("The", "isn't"), a common noun that cannot speak ("health"), a
name used as a place ("in Central Okanagan"), a span inside a parenthesis, a photo credit, a
byline, a caption or a correction note. :func:`clean_source` fixes the first kind and returns
None for the second. Sources are things that can speak: people, organisations,
publications, documents, groups.

Titles and appositions stay ("Education Minister Rob Fleming", "Scott Pruitt, the Republican
attorney general of Oklahoma"), as do a parenthesised acronym ("the Office for National
Statistics (ONS)") and a party label ("Rep. Joseph Crowley (D-N.Y.)"). A span cut short before
the rest of a name ("Nation" of "Nation of Islam leader Louis Farrakhan said") is extended to
the words before the cue. Plain Python over the tokens of :mod:`service.engine.sources.names`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from operator import itemgetter

from service.engine import source_lexicon as L
from service.engine.furniture import credit_spans, holds_no_relation, strip_dateline
from service.engine.sources.names import HEADS, PERSON_PLURAL, Tok, is_acronym, tokenize

__all__ = ["clean_source"]

_OPEN, _CLOSE = "([", ")]"
_SENTENCE_END = frozenset(".!?")
_QUOTES = frozenset("\"'“”‘’«»`") | {"''", "``"}
_REACH = 600  # characters looked at around a span for its line and its parentheses
_WH = frozenset("what how why whether".split())
_RELATIVE = frozenset("who whom whose which that".split())
_SUBJECT_PRONOUNS = frozenset("i we you he she they it".split())
_PARTY = re.compile(r"[DRI](?:-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\.?")
_FUNCTION = frozenset(
    "the a an this that these those and or but of to for in on at by with from as is are was "
    "were be been being has have had do does did will would can could should may might must "
    "not no so if then than there here it's that's let's".split()
)
_TIME = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december week weekend month year "
    "morning afternoon evening night day today tonight yesterday tomorrow".split()
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d(?:s)?|\d{1,2}(?:st|nd|rd|th)?|\d0s")


def clean_source(
    text: str,
    span: tuple[int, int] | None,
    quotes: list[tuple[int, int]] | None = None,
    cue: tuple[int, int] | None = None,
) -> tuple[int, int] | None:
    """The part of ``span`` that names who speaks, or None when it names no one.

    ``quotes``: the text's quote intervals (a span inside a quotation whose cue is outside it
    is no source); ``cue``: the relation's cue span, which says which side of a clause or a
    paragraph break the source is on (the side next to the cue)."""
    if span is None:
        return None
    a, b = max(0, int(span[0])), min(len(text), int(span[1]))
    if a >= b or not text[a:b].strip():
        return None
    a = strip_dateline(text, a, b)
    if a >= b:
        return None
    side = _side(a, b, cue)
    if _in_furniture(text, a, b) or _in_parentheses(text, a, b, cue):
        return None
    if quotes and cue is not None:
        i = bisect_right(quotes, a, key=_start) - 1  # quotes come sorted and disjoint
        q = quotes[i] if i >= 0 and b <= quotes[i][1] else None
        if q is not None and not (q[0] <= cue[0] < q[1]):
            return None  # "We" in a quotation: the speaker is named outside it
    if text[a:b].lower() in _BARE_PRONOUNS:
        return a, b  # the commonest span, nothing to trim
    # a side means a cue (see _side)
    according = (
        side == "before"
        and cue is not None
        and text[cue[0] : cue[1]].lower().startswith("according")
    )
    a2 = _with_fronted_word(text, a) if "," in text[a:b] else a
    toks = _clean(text, tokenize(text, a2, b), side, according)
    if a2 < a and (not toks or toks[0].start < a):  # "As Steven Rosenthal, a lawyer, put it"
        toks = _clean(text, tokenize(text, a, b), side, according)
    if not toks and side == "after" and cue is not None and 0 < cue[0] - b <= 40:
        # "Somehow, he said": the span held only the adverb; the subject is before the cue
        rest = tokenize(text, b, cue[0])
        if rest and rest[0].text == ",":
            rest = rest[1:]
        if (
            rest
            and len(rest) <= 6
            and all(t.word and t.key not in L.FINITE_VERBS for t in rest)
            and (rest[0].key in L.PRONOUNS or rest[0].cap)
        ):
            toks = _clean(text, rest, side, False)
    if (
        len(toks) > 1
        and toks[0].key in _CLAUSE_PRONOUNS
        and toks[1].word
        and not toks[1].cap
        and toks[1].key not in _PRONOUN_COMPANIONS
    ):
        # a clause: "who scored both goals" is "who" (the name before it); "she rents from
        # the family" names no one
        toks = toks[:1] if toks[0].key in _RELATIVE else []
    if (
        side == "after"
        and len(toks) > 1
        and toks[-1].key in _SUBJECT_PRONOUNS
        and toks[-2].word
        and toks[-2].key not in ("and", "or")
    ):
        toks = toks[-1:]  # "In my third year of study I [decided]", "The best one I [know]"
    if not toks:
        return None
    if side == "after" and cue is not None:
        toks = _extend(text, toks, cue)
    return toks[0].start, toks[-1].end


def _with_fronted_word(text: str, a: int) -> int:
    """Where the span starts once the fronted word just before it, opening its sentence, is
    taken in ("As" of "As a student at Yale, Lynch said"), so that the fronted phrase is cut
    (only for a span with a comma: in "As Ms. Simonyan put it" the span is the subject)."""
    m = _FRONTED_BEFORE.search(text, max(0, a - 40), a)
    if m is None or m.group(2).lower() not in L.FRONTED_STARTS:
        return a
    return m.start(2)


_FRONTED_BEFORE = re.compile(r"(^|[.!?\n][\"”’']?\s+|\n)([A-Z][a-z]+)\s+\Z")


def _clean(text: str, toks: list[Tok], side: str | None, according: bool) -> list[Tok]:
    toks = _one_piece(text, toks, side)
    toks = _trim(toks, side, according)
    return toks if toks and _can_speak(text, toks) else []


# --------------------------------------------------------------------------------------------


def _side(a: int, b: int, cue: tuple[int, int] | None) -> str | None:
    """Where the cue is: "after" the span ("X said"), "before" it ("said X"), or None."""
    if cue is None:
        return None
    if cue[0] >= b:
        return "after"
    if cue[1] <= a:
        return "before"
    return None


def _line(text: str, a: int, b: int, reach: int = _REACH) -> tuple[int, int]:
    """The span's line, cut to ``reach`` characters either side (bounded work per relation,
    however long a paragraph is)."""
    lo, hi = max(0, a - reach), min(len(text), b + reach)
    s = text.rfind("\n", lo, a) + 1 or lo
    e = text.find("\n", b, hi)
    return s, (hi if e < 0 else e)


def _in_furniture(text: str, a: int, b: int) -> bool:
    """The span lies on a furniture line (a credit, a byline, "Corrects ...") or in a credit."""
    s, e = _line(text, a, b)
    whole = (s == 0 or text[s - 1] == "\n") and (e == len(text) or text[e] == "\n")
    if whole and holds_no_relation(text[s:e]):  # furniture lines are short: a cut one is none
        return True
    return any(cs < b and a < ce for cs, ce in credit_spans(text, s, e))


def _in_parentheses(text: str, a: int, b: int, cue: tuple[int, int] | None) -> bool:
    """The whole span is inside a parenthesis or brackets ("(Central Okanagan)") that does
    not hold the cue too ("(Smith said so.)" is a relation of its own)."""
    s, e = _line(text, a, b)
    depth = 0
    for i in range(a - 1, s - 1, -1):
        ch = text[i]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            if depth == 0:
                opened = i
                break
            depth -= 1
    else:
        return False
    if any(ch in _OPEN or ch in _CLOSE for ch in text[a:b]):
        return False
    close = min((i for i in (text.find(")", b, e), text.find("]", b, e)) if i >= 0), default=-1)
    if close < 0 or any(ch in _OPEN for ch in text[b:close]):
        return False
    return cue is None or not (opened < cue[0] < close)


def _one_piece(text: str, toks: list[Tok], side: str | None) -> list[Tok]:
    """The part of the span on the cue's side of a paragraph break or a sentence end."""
    pieces: list[list[Tok]] = [[]]
    for i, t in enumerate(toks):
        if i and "\n" in text[toks[i - 1].end : t.start]:
            pieces.append([])
        if t.text in _SENTENCE_END and i + 1 < len(toks) and _ends_sentence(toks, i):
            pieces[-1].append(t)
            pieces.append([])
            continue
        pieces[-1].append(t)
    pieces = [p for p in pieces if any(t.word for t in p)]
    if not pieces:
        return []
    return pieces[-1] if side == "after" else pieces[0]


def _ends_sentence(toks: list[Tok], i: int) -> bool:
    """Token i (".", "!", "?") ends a sentence: a capitalised word follows, and a "." does
    not close an abbreviation such as "Md." or "Calif."."""
    nxt = toks[i + 1]
    if not (nxt.word and nxt.cap) and nxt.text not in _QUOTES:
        return False
    prev = toks[i - 1] if i else None
    return (
        toks[i].text != "."
        or prev is None
        or not (prev.word and prev.cap and len(prev.text) <= 5 and prev.key not in L.PRONOUNS)
    )


def _is_adverb(t: Tok) -> bool:
    """ "later", "Somehow", "Originally", "deeply" (but not "family" or "Kelly")."""
    if not t.word:
        return False
    k = t.key
    if k in L.ADVERBS:
        return True
    if not k.endswith("ly") or len(k) <= 4 or k in L.LY_NOUNS:
        return False
    return t.text[0].islower() or k.endswith(_ADVERB_LY)


_ADVERB_LY = (
    "ally",
    "ously",
    "fully",
    "ively",
    "ently",
    "antly",
    "ately",
    "ibly",
    "ably",
    "edly",
    "ingly",
    "lessly",
    "eply",
    "ctly",
    "ntly",
    "rtly",
    "ghtly",
    "arly",
)


def _parts(toks: list[Tok]) -> list[tuple[int, int]]:
    """Comma-separated parts [i, j) at parenthesis depth 0."""
    out, depth, start = [], 0, 0
    for i, t in enumerate(toks):
        if t.text in _OPEN:
            depth += 1
        elif t.text in _CLOSE and depth:
            depth -= 1
        elif t.text in (",", ";", "—", "–", "--") and depth == 0:
            out.append((start, i))
            start = i + 1
    out.append((start, len(toks)))
    return out


def _place_part(toks: list[Tok]) -> bool:
    """A part naming a place only ("N.S.", "Ohio", "Nova Scotia")."""
    words = [t.key for t in toks if t.word]
    return bool(words) and " ".join(words).replace("’", "'") in L.PLACES


def _trim(toks: list[Tok], side: str | None, according: bool) -> list[Tok]:
    for _ in range(12):  # each pass removes something or stops
        before = len(toks)
        toks = _trim_front(toks, side)
        toks = _trim_back(toks, according)
        if len(toks) == before or not toks:
            break
    return toks


def _trim_front(toks: list[Tok], side: str | None) -> list[Tok]:
    while toks and not toks[0].word and toks[0].text not in _OPEN and not toks[0].text[0].isdigit():
        toks = toks[1:]
    if not toks:
        return toks
    t0 = toks[0]
    if t0.text in _OPEN:  # a leading parenthetical: "(Central Okanagan) Education Minister"
        close = next((i for i, t in enumerate(toks) if t.text in _CLOSE), None)
        return toks[close + 1 :] if close is not None else toks[1:]
    parts = _parts(toks)
    fronted = t0.key in L.FRONTED_STARTS or (_is_adverb(t0) and t0.key not in L.DETERMINERS)
    if fronted and len(parts) > 1:
        k = 1  # drop the fronted part, and a place continuing it ("Arichat, N.S.,")
        while k < len(parts) - 1 and _place_part(toks[parts[k][0] : parts[k][1]]):
            k += 1
        i = parts[k][0]
        if i < len(toks) and toks[i].key not in _NOT_SUBJECT:  # not "As X, a lawyer, put it"
            return toks[i:]
    if (
        t0.key in L.ADVERBS
        or t0.key in _WH
        or t0.key in L.SUBORDINATORS
        or (t0.key in L.FINITE_VERBS and not t0.cap and len(toks) > 1)
    ):
        return toks[1:]  # "Somehow he", "When", "do you"
    if t0.key in L.LOCATIVE and all(t.cap for t in toks[1:] if t.word):
        return []  # "from Arichat", "in Central Okanagan": a place
    if side == "after":  # "The gap between what Trump": the subject of the cue
        wh = [i for i, t in enumerate(toks) if t.key in _WH and i + 1 < len(toks)]
        if wh:
            return toks[wh[-1] + 1 :]
    return toks


def _trim_back(toks: list[Tok], according: bool) -> list[Tok]:
    toks = _cut_clause(toks, according)
    depth = 0
    for i, t in enumerate(toks):  # an unclosed parenthesis: "Roy Cooper (D", "Burman (a view"
        if t.text in _OPEN:
            depth += 1
            opened = i
        elif t.text in _CLOSE and depth:
            depth -= 1
    if depth:
        toks = toks[:opened]
    while toks:
        t = toks[-1]
        if t.text in _CLOSE:  # keep "(ONS)" and "(D-N.Y.)", drop "(Luis Tato/AFP)"
            o = max((i for i, u in enumerate(toks) if u.text in _OPEN), default=None)
            if o is None:
                toks = toks[:-1]
                continue
            inner = toks[o + 1 : -1]
            raw = "".join(u.text for u in inner)
            if (
                (len(inner) == 1 and is_acronym(inner[0]))
                or _PARTY.fullmatch(raw)
                or raw.startswith("@")
                or _place_part(inner)
            ):
                break  # "(ONS)", "(D-N.Y.)", "(@handle)", "(Ky.)"
            toks = toks[:o]
            continue
        if (
            not t.word
            and not t.text[0].isdigit()
            and (t.text not in _POSSESSIVE or len(toks) > 1 and toks[-2].key in L.PRONOUNS)
        ):
            toks = toks[:-1]  # punctuation; the "'s" of "It's" (but "Bolton's" stays)
            continue
        if _is_adverb(t) and len(toks) > 1 and not t.cap:
            toks = toks[:-1]
            continue
        if t.key in _FUNCTION and not t.cap and t.key not in L.PRONOUNS and len(toks) > 1:
            toks = toks[:-1]
            continue
        tail = _time_tail(toks)
        if tail and tail < len(toks):
            toks = toks[:tail]
            continue
        break
    return toks


def _time_tail(toks: list[Tok]) -> int | None:
    """Where a trailing time phrase starts ("this month", "on Tuesday"); not after a
    participle ("a poll released last week" keeps its date)."""
    n = len(toks)
    if n < 3 or toks[-1].key not in _TIME or toks[-2].key not in ("this", "last", "next", "on"):
        return None
    k = n - 2
    if k and toks[k - 1].key in ("on", "in", "since", "until"):
        k -= 1
    if not (toks[k - 1].word and toks[k - 1].cap):
        return None  # only after a name: "the Supreme Court this month"
    return k


def _cut_clause(toks: list[Tok], according: bool) -> list[Tok]:
    """A span running into a clause keeps the noun phrase on the cue's side."""
    parts = _parts(toks)
    if len(parts) > 1:  # "Ham, the current administration has ...", "X, while Trump ..."
        for k, (i, j) in enumerate(parts[1:], 1):
            part = toks[i:j]
            if part and (
                part[0].key in L.SUBORDINATORS or _has_finite_verb(part) or part[0].key in _LIKE
            ):
                return toks[: parts[k - 1][1]]  # also "Hillary Clinton, like Obama,"
        if according:  # "according to Yahoo News, Clinton spokesman Jesse Lehrich"
            i, j = parts[1]  # a part ending with a name and not opening like an apposition
            words = [t for t in toks[i:j] if t.word]
            if (
                words
                and words[-1].cap
                and words[0].key not in ("a", "an", "the")
                and not any(t.key in _FUNCTION and not t.cap for t in words)
                and not _place_part(words)
                or any(t.text in _QUOTES for t in toks[i:j])
            ):
                return toks[: parts[0][1]]  # or a part with a quotation: "the move reeks of "
    verb = _finite_verb_at(toks)
    if verb is None:
        return toks
    return toks[:verb]  # "The campaign says the candidate": the campaign speaks


_LIKE = frozenset(("like", "unlike"))
_DEMONSTRATIVES = frozenset(("this", "these", "those"))


def _finite_verb_at(toks: list[Tok]) -> int | None:
    for i, t in enumerate(toks):
        if not t.word or t.cap or t.key not in L.FINITE_VERBS:
            continue
        if i == 0 or any(u.key in _RELATIVE or u.key in _SUBJECT_PRONOUNS for u in toks[:i]):
            return None  # "a diplomat who was there", "experts I spoke to"
        if i + 1 < len(toks) and toks[i + 1].key == "by":
            continue
        if toks[i - 1].text in ("'s", "’s") or toks[i - 1].key in L.DETERMINERS:
            continue
        return i
    return None


def _has_finite_verb(part: list[Tok]) -> bool:
    return _finite_verb_at(part) is not None


def _extend(text: str, toks: list[Tok], cue: tuple[int, int]) -> list[Tok]:
    """A name cut short before the cue: "Nation" [of Islam leader Louis Farrakhan] said."""
    b = toks[-1].end
    last = toks[-1]
    if not (last.word and last.cap) or last.key in L.PRONOUNS or cue[0] - b > 80:
        return toks
    more = tokenize(text, b, cue[0])
    if not more or len(more) > 8:
        return toks
    if not all(
        t.word
        and t.key not in L.CAP_STOP
        and t.key not in _TIME
        and (t.cap or t.key in L.TITLE_WORDS)
        or t.key in ("of", "for", "the", "and")
        for t in more
    ):
        return toks
    if not more[-1].cap or all(t.cap for t in more):
        return toks  # a name continued by "of", "leader", ...; not a Title Case headline
    return toks + more


def _can_speak(text: str, toks: list[Tok]) -> bool:
    """Whether the trimmed span can name a speaker."""
    words = [t for t in toks if t.word]
    if not words:
        return False
    if all(
        t.key in _FUNCTION and t.key not in L.PRONOUNS and t.key not in _DEMONSTRATIVES
        for t in words
    ):
        return False  # "The", "a", "isn't" (but "this" may refer to a document)
    if any("n't" in t.low for t in words) and len(words) == 1:
        return False
    if len(words) == 1 and len(toks) == 1 or len(words) == 1 and toks[-1].text in _POSSESSIVE:
        t = words[0]
        if (
            _is_adverb(t)
            or t.key in L.FRONTED_STARTS
            or (
                t.key in L.CAP_STOP
                and t.key not in L.PRONOUNS
                and t.key not in _POSSESSIVE_PRONOUNS
                and t.key not in _DEMONSTRATIVES
            )
        ):  # "Somehow", "Having", "When"
            return False  # "Somehow", "Originally", "later", "When"
        if (
            not t.cap
            and t.key not in L.PRONOUNS
            and t.key not in HEADS
            and "." not in t.key
            and t.key not in _DEMONSTRATIVES
            and t.key not in L.QUANTIFIERS
            and t.key not in L.DETERMINERS
            and t.key not in L.QUANTITY_NOUNS
            and not PERSON_PLURAL.search(t.key)
            and t.low not in _POSSESSIVE_PRONOUNS
        ):
            return False  # "health", "together", "please"
    if (
        all(t.cap for t in words)
        and words[0].key not in L.PRONOUNS
        and toks[-1].text not in _POSSESSIVE
    ):
        prev = _word_before(text, toks[0].start)
        if prev in L.LOCATIVE and (prev != "from" or _place_part(words)):
            return False  # "in Central Okanagan": a place used as a place
    return True


_POSSESSIVE = frozenset(("'s", "’s"))
_start = itemgetter(0)
_BARE_PRONOUNS = frozenset("he she it they we i you him her them us me".split())
# Pronouns that open a clause ("she rents ...", "who scored ..."), unlike "her campaign".
_CLAUSE_PRONOUNS = frozenset("he she they we i you it who which me him us them".split())
_PRONOUN_COMPANIONS = frozenset(
    "himself herself themselves itself myself ourselves all both "
    "alone too also again and or".split()
)
# Words that cannot open the subject left after a fronted phrase: "As X, a lawyer, put it",
# "As many experts, including Mr. Goldberg, have said".
_NOT_SUBJECT = L.FRONTED_STARTS | frozenset("a an including such".split())
_POSSESSIVE_PRONOUNS = frozenset("his her its their our my your".split())
_PREV_WORD = re.compile(r"([A-Za-z]+)[ \t(]*\Z")  # on the same line


def _word_before(text: str, pos: int) -> str:
    m = _PREV_WORD.search(text, max(0, pos - 30), pos)
    return m.group(1).lower() if m else ""
