"""Group attribution source mentions into an article's sources, type them, resolve pronouns.

The span finder gives each attribution relation an optional source span. This module turns
those spans into :class:`~service.engine.types.Source` objects: "NATO Secretary General Mark
Rutte", "Rutte", "Mr. Rutte" and a later "he" become one person named "Mark Rutte".

Plain Python and ``re`` only; the word lists live in :mod:`service.engine.source_lexicon`.

How a mention is read
    Parenthesised acronyms are kept as aliases ("the Financial Times (FT)"); the rest is split
    at commas into appositive parts ("Jane Doe, a spokeswoman for the company"), and a part
    naming someone wins over a descriptive one, whose role and gender it inherits. In a part,
    a capitalised name ending the noun phrase makes a named mention (titles such as "NATO
    Secretary General" are stripped from the name, not from the span); otherwise the head
    noun decides: a document noun ("poll", "report") makes a document, a person or group noun
    ("officials", "a person familiar with the matter", "critics") an anonymous source, "the
    newspaper"/"the company" refer back to the latest publication/organisation, and a role
    noun with an identified principal ("Smith's spokesman", "a Pentagon spokesman") a person.

Grouping
    People group by surname with compatible first names ("Mark Rutte" = "Rutte" = "Mr.
    Rutte"); organisations and publications by a normalised name, outlet aliases ("FT",
    "WSJ"), acronyms defined in the text ("(ONS)") and initials; anonymous sources and
    documents by their description, and a definite description ("the officials", "the poll")
    refers back to the latest one with the same head noun. A bare description in the
    headline ("State report finds ...") is the first fuller one in the body with the same head
    noun and all its words ("a state report released Wednesday"), which names it.

Decisions
    * Cataphora: a definite role with no holder before it ("the mayor said") is the first
      person with that title in its paragraph or the next ("Mayor Lena Park").
    * Spokesperson policy: a role held for an identified principal ("Smith's spokesman", "a
      spokeswoman for the company" once the company is known, "a White House spokesman") is a
      ``person`` with ``named=False`` named "spokesperson for <principal>" (lawyers,
      attorneys, counsel, representatives likewise "lawyer for <principal>"; other roles
      "<role> of <principal>": "director of FBI"). One such source per role and principal. A
      definite role ("the senator", "the company's spokeswoman") first refers back to the
      latest person holding that title. Without an identifiable principal the mention is
      ``anonymous`` ("a spokesman").
    * Pronoun policy: he/she/him/her resolve to the nearest preceding person (gender from
      honorifics, gendered role nouns, the first-name lists or an earlier he/she resolved to
      that person; unknown gender fits both, and a known match wins over a candidate that may
      be no person at all, but not over a named person of unknown gender), or to a singular
      anonymous person ("a senior official ... he added");
      they/them to the nearest organisation, publication or anonymous group; it to an
      organisation, publication or document. Candidates are source mentions and capitalised
      names anywhere in the running text (page furniture such as bylines, credit lines,
      headlines and datelines excluded, and so are photo credits inside a paragraph and
      places: a name in :data:`~service.engine.source_lexicon.PLACES` or after "in", "at",
      "from") in the pronoun's paragraph and the two before it. A two-word name the name
      lists do not know ("Kwame Osei") is a rival that leaves "he" unresolved rather than
      going to a man named earlier; a lone first name is the one person known by it
      ("Thomas" for "Thomas Sam"); a kin noun before a name gives its gender ("Her
      grandfather, Lucien,").
      Nearness is counted in sentences; at equal distance a source mention beats a name in
      running text, which beats a name inside a quotation. Two different fitting candidates
      left at the nearest distance, or none in the window, leave the pronoun unresolved: its
      relation gets ``source_id=None`` and the pronoun creates no source (no "unknown"
      placeholder). A third-person pronoun inside a quotation never resolves to that
      quotation's speaker.
    * I/me/we/us inside a quotation resolve to the quotation's speaker (the resolved source
      mention nearest the quote in its paragraph); "I"/"me" outside quotations to the
      byline's author when the article has a single-author byline; "we"/"us" outside
      quotations (the newsroom, an op-ed's "we") and "you" stay unresolved. Relative pronouns
      ("who", "which", "that") resolve to a source mention or name ending right before them
      ("Pat Caddell, who"), else stay unresolved. Possessive pronouns ("his") read as their
      pronoun.
    * A bare capitalised word with no other evidence ("Microsoft said") is typed
      ``organization``; it becomes a person as soon as a fuller personal name in the text, an
      honorific, an apposition with a role, or a he/she pronoun points to it.
    * Unnamed organisations ("the government" with nothing to refer back to) are
      ``organization`` with ``named=False``; mentions that fit nothing are ``unknown``;
      a cue word in the source slot ("said"), numbers or punctuation alone, and a dateline
      ("BRUSSELS (Reuters) -", stripped from the start of any mention) get no source. A
      mention whose comma-separated parts include a clause ("The Pentagon will double its
      orders, the Pentagon": content the span model ran into the source) is read from its
      noun-phrase parts.

Cost: one pass over the text's tokens (only when pronouns or short names need it), one over
its paragraph ends (only when a bare description may be a headline's), plus a near-constant
amount of work per mention.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from service.engine import source_lexicon as L
from service.engine.furniture import (
    after_dateline,
    credit_spans,
    is_furniture,
    is_headline,
    strip_dateline,
)
from service.engine.lexicon import REPORTING_VERBS
from service.engine.quotes import quote_at, quote_intervals
from service.engine.segment import paragraphs
from service.engine.types import Source, Span

__all__ = ["Mention", "resolve_sources", "PRONOUN_PARAGRAPH_WINDOW"]

# A pronoun's antecedent must lie in its paragraph or the (window - 1) paragraphs before it.
PRONOUN_PARAGRAPH_WINDOW = 3
# Greatest gap in characters between a quotation and the source mention taken as its speaker.
QUOTE_SPEAKER_GAP = 120


@dataclass(frozen=True)
class Mention:
    """One relation's source span (character offsets, end exclusive)."""

    start: int
    end: int


# --------------------------------------------------------------------------------------------
# tokens

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W\d_](?:[\w&'’.-]*\w)?|\d[\d,.]*\w*|''|``|\S")
_NUMBER = re.compile(
    r"\d[\d,.]*%?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?|"
    r"(?:thir|four|fif|six|seven|eigh|nine)teen|hundreds|thousands|millions|dozens"
)
_PREFIXED = re.compile(r"(?:al|el|ad|as|ash|bin|ibn|abu|ben)-[A-Z]")
_POSSESSIVE = frozenset(("'s", "’s", "'", "’"))
_SEPARATORS = frozenset((",", ";", "—", "–", "--", ":"))
_QUOTE_CHARS = "\"'“”‘’«»`"
_CORP_ENDINGS = frozenset(
    "inc corp co ltd llc plc corporation company group holdings foods brands "
    "industries capital partners".split()
)
_HEADS = L.ANON_HEADS | L.DOC_NOUNS | L.PUB_GENERIC | L.ORG_NOUNS | L.ROLE_NOUNS | L.SPOKESPERSON
_NOT_PLURAL = frozenset("press news series business analysis status campus bus".split())
_PLURAL_WORDS = frozenset(
    "people men women police staff authorities some many several most few "
    "both all others majority minority dozens hundreds thousands".split()
)
_ALL_NAMES = L.MALE_NAMES | L.FEMALE_NAMES
_POSSESSIVE_PRONOUNS = {
    "his": "he",
    "their": "they",
    "its": "it",
    "our": "we",
    "my": "i",
    "your": "you",
}
_REFLEXIVE = frozenset("himself herself themselves itself myself ourselves".split())
_ROLES_FOR = frozenset("spokesperson lawyer attorney counsel representative".split())
_PERSON_PLURAL = re.compile(r"(?:ists|ians|ers|ors|ants|ents|ives|ees)$")
_FUNCTION = frozenset("and or of the a an to for in on at by with from as".split())
_PERSON_ROLES = L.ROLE_NOUNS | L.SPOKESPERSON | frozenset(L.ROLE_GENDER)


@lru_cache(maxsize=1 << 16)
def _token_traits(text: str) -> tuple[str, str, bool, bool]:
    """(low, key, word, cap) of a token: a word recurs, its traits are computed once."""
    low = text.lower().replace("’", "'")
    cap = text[0].isupper() or bool(_PREFIXED.match(text))  # "al-Assad"
    return low, low.rstrip("."), text[0].isalpha(), cap


class _Tok:
    __slots__ = ("text", "start", "end", "low", "key", "word", "cap")

    def __init__(self, text: str, start: int, end: int):
        self.text = text
        self.start = start
        self.end = end
        self.low, self.key, self.word, self.cap = _token_traits(text)


def _tokenize(text: str, start: int, end: int) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in _TOKEN.finditer(text, start, end):
        s, e = m.span()
        w = m.group()
        if w == "." and toks and toks[-1].end == s and toks[-1].word:
            prev = toks[-1]
            if (
                prev.key in L.ABBREVIATIONS
                or (len(prev.text) == 1 and prev.cap)
                or "." in prev.text
            ):
                toks[-1] = _Tok(text[prev.start : e], prev.start, e)
                continue
        if len(w) > 2 and w[0].isalpha() and w[-2] in "'’" and w[-1] in "sS":
            toks.append(_Tok(w[:-2], s, e - 2))
            toks.append(_Tok(w[-2:], e - 2, e))
            continue
        toks.append(_Tok(w, s, e))
    return toks


def _is_acronym(t: _Tok) -> bool:
    bare = t.text.replace(".", "").replace("&", "")
    return 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper()


def _known_acronym(t: _Tok) -> bool:
    """A known organisation written in capitals that is also a function word ("WHO")."""
    return t.key in L.KNOWN_ORGS and t.text.isupper() and len(t.text) >= 2


_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")


def _is_initial(t: _Tok) -> bool:
    """An initial such as "J." or "G.K." (but not "U.S.")."""
    return (
        bool(_INITIALS.fullmatch(t.text))
        and t.key not in L.ACRONYM_STOP
        and t.key.replace(".", "") not in L.KNOWN_ORGS
    )


def _sentence_initial(text: str, toks: list[_Tok], i: int) -> bool:
    """True when token i opens a sentence (or the mention starts with it)."""
    if i == 0:
        return True
    prev = toks[i - 1]
    if prev.text in _QUOTE_CHARS or prev.text in ("''", "``", "(", "[", "—", "-"):
        return i == 1 or toks[i - 2].text in ".!?:" or "\n" in text[toks[i - 2].end : prev.start]
    return prev.text in (".", "!", "?", ":") or "\n" in text[prev.end : toks[i].start]


def _chains(
    text: str, toks: list[_Tok], lo: int, hi: int, initial_lo: bool = True
) -> list[tuple[int, int]]:
    """Runs [a, b) of capitalised tokens forming a name, with connectors inside names."""
    out = []
    i = lo
    while i < hi:
        t = toks[i]
        if not (t.word and t.cap) or (t.key in L.CAP_STOP and not _known_acronym(t)):
            i += 1
            continue
        j = i + 1
        while j < hi:
            u = toks[j]
            gap = text[toks[j - 1].end : u.start]
            if len(gap) > 2 or "\n" in gap:
                break
            if u.word and u.cap and (u.key not in L.CAP_BREAK or _is_initial(u)):
                j += 1
                continue
            nxt = toks[j + 1] if j + 1 < hi else None
            if nxt is None:
                break
            left = toks[j - 1].key
            if u.key in L.NAME_PARTICLES and u.word and not u.cap:  # "von der Leyen"
                m = j
                while m < hi and toks[m].key in L.NAME_PARTICLES and not toks[m].cap and m - j < 3:
                    m += 1
                if m < hi and toks[m].word and toks[m].cap and toks[m].key not in L.CAP_BREAK:
                    j = m + 1
                    continue
                break
            if u.text == "&" and nxt.word and nxt.cap:
                j += 2
                continue
            if u.low == "and" and nxt.word and nxt.cap:  # "Citizenship and Immigration Services"
                m = j + 1
                while m < hi and toks[m].word and toks[m].cap and toks[m].key not in L.CAP_BREAK:
                    m += 1
                if toks[m - 1].key in L.ORG_SUFFIXES and m - j <= 4:
                    j = m
                    continue
            if u.low in ("of", "for", "on") and left in L.ORG_CONNECT_LEFT:
                if nxt.word and nxt.cap and nxt.key not in L.CAP_BREAK:
                    j += 2
                    continue
                if (
                    nxt.low == "the"
                    and j + 2 < hi
                    and toks[j + 2].word
                    and toks[j + 2].cap
                    and toks[j + 2].key not in L.CAP_BREAK
                ):
                    j += 3
                    continue
            break
        if (
            j - i == 1
            and t.low in _HEADS
            and (i > lo or initial_lo)
            and _sentence_initial(text, toks, i)
        ):
            i = j  # "Officials said", "Critics say": a common noun capitalised by position
            continue
        out.append((i, j))
        i = j
    return out


# --------------------------------------------------------------------------------------------
# names


@dataclass
class _Name:
    kind: str  # person organization publication title group
    text: str  # display form (titles stripped for people)
    ntoks: int
    surname: str | None = None
    first: str | None = None
    gender: str | None = None
    titles: set[str] = field(default_factory=set)
    key: str | None = None  # organisations and publications
    aliases: set[str] = field(default_factory=set)
    weak: bool = False  # typed by default, no evidence
    short: str | None = None  # "the Times": a publication's short form
    evidence: bool = True  # typed from the words themselves, not by default
    title_words: set[str] = field(default_factory=set)  # "texas", "gov", "governor"
    soft_gender: str | None = None  # from a lone given name; used only for a new person
    acronym: str | None = None
    start: int = 0
    end: int = 0


def _org_key(s: str) -> str:
    s = s.lower().replace("’", "'")
    s = re.sub(r"^the\s+", "", s)
    s = s.replace(".", "").replace("&", " and ")
    s = re.sub(r"\s+", " ", s).strip()
    m = re.match(r"^(department|ministry) (?:of|for) (?:the )?(.+)$", s)
    if m:
        s = f"{m.group(2)} {m.group(1)}"
    return s


def _title_head(key: str) -> str:
    key = L.TITLE_ABBREVIATIONS.get(key, key)
    return "spokesperson" if key in L.SPOKESPERSON else key


def _classify_chain(
    text: str, toks: list[_Tok], a: int, b: int, definite: bool, pre_titles: list[str]
) -> _Name:
    chain = toks[a:b]
    raw = text[chain[0].start : chain[-1].end]
    low = re.sub(r"\s+", " ", raw.lower().replace("’", "'"))
    keys = [t.key for t in chain]
    n = len(chain)
    base = dict(start=chain[0].start, end=chain[-1].end)

    canon = L.OUTLET_ALIASES.get(low) or L.OUTLET_ALIASES.get(low.replace(".", ""))
    if canon:
        return _Name("publication", canon, n, key=_org_key(canon), aliases={_org_key(low)}, **base)
    if n == 1 and definite and keys[0] in L.PUB_SHORT:
        return _Name(
            "publication", "The " + chain[0].text, 1, key=_org_key(raw), short=keys[0], **base
        )
    okey = _org_key(raw)
    if _place_key(raw) in L.PLACES:  # "Mexico said": a country speaks through its government
        return _Name("organization", raw, n, key=okey, **base)
    if okey in L.KNOWN_ORGS or low in L.KNOWN_ORGS:
        name = _Name("organization", raw, n, key=okey, **base)
        if n == 1 and _is_acronym(chain[0]):
            name.acronym = okey
        return name
    if n >= 2 and keys[-1] in L.PUB_WORDS:
        return _Name("publication", raw, n, key=okey, **base)
    if any(t.text == "&" for t in chain):  # "Halden & Rusk", "Procter & Gamble"
        return _org_name(raw, chain, okey, base)
    if keys[-1] in L.ORG_SUFFIXES or any(
        k in L.ORG_SUFFIXES and keys[i + 1] in ("of", "for", "on") for i, k in enumerate(keys[:-1])
    ):
        return _org_name(raw, chain, okey, base)
    if n == 1 and _is_acronym(chain[0]) and keys[0] not in L.ACRONYM_STOP:
        return _Name("organization", raw, 1, key=okey, acronym=okey, **base)
    if keys[-1] in L.GROUP_PROPER or (keys[-1] in L.ANON_HEADS and keys[-1].endswith("s")):
        return _Name("group", raw, n, **base)  # "Democrats", "Black Lawmakers"

    # a person, a bare title, or a name of unknown kind: split titles off the front
    # "President", "NATO Secretary General", "White House Press Secretary" (but "Jim
    # Justice", "Howard Dean": a title word after a plain name is a surname)
    if all(
        k in L.TITLE_WORDS or _is_acronym(t) or k in L.ORG_SUFFIXES or not t.word
        for k, t in zip(keys, chain)
    ) or (
        keys[-1] in L.TITLE_WORDS
        and n >= 2
        and (keys[-2] in L.TITLE_WORDS or keys[-2] in L.ORG_SUFFIXES or _is_acronym(chain[-2]))
    ):
        return _Name("title", raw, n, titles={_title_head(keys[-1])}, **base)
    k = b - 1  # the last token always belongs to the name ("Howard Dean", "Jim Justice")
    while k > a:
        t = toks[k - 1]
        if (
            t.key in L.TITLE_WORDS
            or t.key in L.ORG_SUFFIXES
            or not t.word
            or (_is_acronym(t) and not _is_initial(t))
        ):
            break
        k -= 1
    while (
        b - k >= 3
        and toks[k].key not in _ALL_NAMES
        and toks[k + 1].key in _ALL_NAMES
        and not _is_initial(toks[k])
    ):
        k += 1  # "Rival Hillary Clinton", "Activist Angela Davis"
    name_toks = toks[k:b]
    while len(name_toks) > 1 and name_toks[0].key in L.NAME_PARTICLES and not name_toks[0].cap:
        name_toks = name_toks[1:]
    prefix = [t.key for t in toks[a:k]]
    titles = [p for p in prefix if p in L.TITLE_WORDS] + list(pre_titles)
    words = {p for p in prefix if p.isalpha()} | {p for p in pre_titles if p.isalpha()}
    gender = None
    for p in titles:
        g = L.HONORIFIC_GENDER.get(p) or L.ROLE_GENDER.get(p)
        if g:
            gender = g
    core = [t for t in name_toks if t.key not in L.NAME_SUFFIXES] or name_toks
    surname = re.sub(r"^(?:al|el|ad|as|ash|bin|ibn|abu|ben)-", "", core[-1].key)  # al-Assad
    first = core[0].key if len(core) >= 2 and core[0].key not in L.NAME_PARTICLES else None
    soft = None  # a lone given name ("Melanie") hints at a gender, but "Warren" is a surname
    if gender is None and first:
        gender = "m" if first in L.MALE_NAMES else "f" if first in L.FEMALE_NAMES else None
    elif gender is None and len(core) == 1:
        key = core[0].key
        soft = "m" if key in L.MALE_NAMES else "f" if key in L.FEMALE_NAMES else None
    evidence = any(p not in L.TITLE_MODIFIERS for p in titles) or (
        first is not None and (first in _ALL_NAMES or _is_initial(core[0]))
    )
    if len(core) == 1 and core[0].key in _ALL_NAMES:
        evidence = True
    if len(core) >= 3 and any(t.key in L.PERSON_PARTICLES and not t.cap for t in core[1:-1]):
        evidence = True  # "Joost van Leer"
    title_heads = {_title_head(p) for p in titles}
    title_heads = {h for h in title_heads if h in L.ROLE_NOUNS or h in L.SPOKESPERSON} or (
        {_title_head(titles[-1])} if titles else set()
    )
    display = text[name_toks[0].start : name_toks[-1].end]
    person = _Name(
        "person",
        display,
        len(name_toks),
        surname=surname,
        first=first,
        gender=gender,
        titles=title_heads,
        start=base["start"],
        end=base["end"],
        title_words=words | title_heads,
        soft_gender=soft,
    )
    if evidence:
        return person
    if definite:  # "the Kremlin", "the Heritage Foundation": people take no article
        org = _org_name(raw, chain, okey, base)
        org.evidence = False
        return org
    person.evidence = False
    if len(core) >= 2:
        return person
    person.weak = True  # a bare capitalised word: an organisation until shown to be a person
    return person


_AMBIGUOUS = _Name("person", "", 0)  # expand(): several people share the surname


def _org_name(raw: str, chain: list[_Tok], okey: str, base: dict) -> _Name:
    name = _Name("organization", raw, len(chain), key=okey, **base)
    caps = [t for t in chain if t.word and t.cap]
    if len(caps) >= 3:
        name.aliases.add("".join(t.text[0] for t in caps).lower())
    parts = [p for t in caps for p in t.text.split("-") if p[:1].isupper()]
    if len(parts) >= 3 and len(parts) > len(caps):  # "Anti-Defamation League": ADL
        name.aliases.add("".join(p[0] for p in parts).lower())
    if len(chain) >= 2 and chain[-1].key in _CORP_ENDINGS:
        name.aliases.add(_org_key(" ".join(t.text for t in chain[:-1])))
    return name


# --------------------------------------------------------------------------------------------
# mentions


@dataclass
class _Info:
    kind: str  # pronoun named role title anon doc pub_ana org_ana org pub unknown
    name: _Name | None = None
    head: str | None = None
    desc: str = ""
    definite: bool = False
    fresh: bool = False
    plural: bool = False
    role: str | None = None
    gender: str | None = None
    principal: tuple[list[_Tok], int, int] | None = None
    fallback: bool = False  # named only because nothing else was found
    bare: bool = False  # no determiner: "state report" in a headline
    mods: frozenset[str] = frozenset()  # "Indiana" in "the Indiana governor"
    extra: list[_Info] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


def _desc(text: str, toks: list[_Tok], i: int, j: int) -> str:
    """The words of a description without a leading article ("critics", "report by ...")."""
    while i < j and toks[i].key in ("the", "a", "an"):
        i += 1
    if i >= j:
        return ""
    out = re.sub(r"\s+", " ", text[toks[i].start : toks[j - 1].end])
    t = toks[i]
    named_next = i + 1 < j and toks[i + 1].cap and toks[i + 1].word
    if (
        t.cap
        and not _is_acronym(t)
        and not named_next
        and (t.key in _HEADS or t.key in L.DETERMINERS or t.key in L.TITLE_WORDS)
    ):
        out = out[0].lower() + out[1:]  # capitalised only because it opens the sentence
    return out


def _analyze(text: str, start: int, end: int) -> _Info:
    toks = _tokenize(text, start, end)
    while toks and not (toks[0].word or toks[0].text[0].isdigit()):
        toks.pop(0)
    while toks and not (toks[-1].word or toks[-1].text[0].isdigit()):
        toks.pop()
    if not toks:
        return _Info("unknown")  # punctuation only: no source
    if len(toks) == 1 and toks[0].low in L.PRONOUNS:
        return _Info("pronoun", head=toks[0].low)
    if len(toks) == 1 and toks[0].low in _POSSESSIVE_PRONOUNS:  # "his" (statement)
        return _Info("pronoun", head=_POSSESSIVE_PRONOUNS[toks[0].low])
    if len(toks) == 2 and toks[1].text in _POSSESSIVE and toks[0].low in L.PRONOUNS:
        return _Info("pronoun", head=toks[0].low)  # "she's"
    if len(toks) <= 2 and all(
        t.word
        and t.key not in _HEADS
        and (t.key in REPORTING_VERBS or t.key in ("according", "to"))
        for t in toks
    ):
        return _Info("unknown")  # a cue word in the source slot ("said"): no source
    aliases: list[str] = []
    kept: list[_Tok] = []
    depth = 0
    inner: list[_Tok] = []
    for t in toks:
        if t.text in ("(", "["):
            depth += 1
            inner = []
        elif t.text in (")", "]") and depth:
            depth -= 1
            if len(inner) == 1 and _is_acronym(inner[0]):
                aliases.append(_org_key(inner[0].text))
        elif depth:
            inner.append(t)
        else:
            kept.append(t)
    segs: list[list[_Tok]] = [[]]
    for t in kept:
        if t.text in _SEPARATORS or (t.text == "-" and segs[-1] and text[t.start - 1] == " "):
            segs.append([])
        else:
            segs[-1].append(t)
    segs = [g for g in segs if any(t.word for t in g)]
    if not segs:
        return _Info("unknown")  # numbers and punctuation only ("4" of "4 min read"): no source
    if len(segs) > 1:  # content glued onto the source: keep the noun-phrase parts
        segs = [g for g in segs if not _is_clause(g)] or segs
    infos = [_segment(text, g) for g in segs]
    # the first part decides, unless it only describes a person named in a later part
    # ("a spokeswoman for the company, Jane Doe") or says nothing ("unknown")
    primary = infos[0]
    if primary.kind != "named":
        person_like = primary.kind in ("role", "title") or (
            primary.kind == "anon"
            and primary.head in _PERSON_ROLES | L.ANON_HEADS
            and not primary.plural
        )
        later = [x for x in infos[1:] if x.kind == "named" and not x.fallback]
        people = [x for x in later if x.name.kind == "person"]
        if person_like and people:
            primary = people[0]
        elif primary.kind == "unknown" and later and not later[0].name.weak:
            primary = later[0]
    primary.extra = [x for x in infos if x is not primary]
    primary.aliases = aliases
    return primary


_AUXILIARIES = frozenset(
    "will would could should can may might must shall has have had is are was were".split()
)
_RELATIVE = frozenset("who whom whose which that".split())


def _is_clause(toks: list[_Tok]) -> bool:
    """A part with a finite verb of its own ("the Pentagon will double its orders"), not a
    noun phrase; a verb inside a relative clause ("a diplomat who was there") does not count."""
    for t in toks:
        if t.key in _RELATIVE:
            return False
        if t.key in _AUXILIARIES:
            return True
    return False


def _segment(text: str, toks: list[_Tok]) -> _Info:
    n = len(toks)
    i = 0
    dets: list[str] = []
    partitive = False
    while (
        i < n
        and (toks[i].key in L.DETERMINERS or _NUMBER.fullmatch(toks[i].key))
        and not (i + 1 < n and toks[i + 1].text in _POSSESSIVE)
    ):
        dets.append(toks[i].key)
        i += 1
        if dets and i < n and toks[i].key == "of":  # "one of the docs", "dozens of papers"
            partitive = True
            i += 1
    for skip in (0, 1, 2):  # "half of voters", "a significant number of Democrats"
        q = i + skip
        if (
            q + 1 < n
            and toks[q].key in L.QUANTITY_NOUNS
            and toks[q + 1].key == "of"
            and all(t.word and (not t.cap or k == 0) for k, t in enumerate(toks[i:q], i))
        ):
            partitive = True
            i = q + 2
            while i < n and toks[i].key in L.DETERMINERS:
                dets.append(toks[i].key)
                i += 1
            break
    definite = any(d in L.DEFINITE for d in dets) and not partitive
    fresh = any(d in ("another", "other") for d in dets) or (
        i < n
        and toks[i].key
        in ("second", "third", "fourth", "new", "different", "separate", "additional")
    )
    chains = _chains(text, toks, i, n, initial_lo=(i == 0))
    end = n
    while end > i and not toks[end - 1].word:
        end -= 1
    if (
        chains
        and chains[-1][1] == end
        and chains[-1][0] - 1 > i
        and toks[chains[-1][0] - 1].key in L.TITLE_WORDS
        and not toks[chains[-1][0] - 1].cap
    ):
        # "Nation of Islam leader Louis Farrakhan": the name after the title speaks, and the
        # words before the title ("Nation of Islam") are its organisation
        a, b = chains[-1]
        name = _classify_chain(text, toks, a, b, False, [toks[a - 1].key])
        if name.kind == "person" and not name.weak:
            name.title_words |= {t.key for t in toks[i:a] if t.word}
            return _Info("named", name=name, definite=definite)
    in_chain = {}
    for a, b in chains:
        for k in range(a, b):
            in_chain[k] = (a, b)
    bnd = n
    k = i
    while k < n:
        if k in in_chain:
            k = in_chain[k][1]
            continue
        if (k > i or dets) and toks[k].key in L.POSTMODIFIER_STARTS:
            bnd = k
            break
        k += 1
    last = -1
    for k in range(i, bnd):
        if k not in in_chain and toks[k].key in _HEADS:
            last = k
    main_end = bnd
    while main_end > i and (not toks[main_end - 1].word or toks[main_end - 1].key in _REFLEXIVE):
        main_end -= 1  # punctuation, "Mr. Rubio himself"
    tail = in_chain.get(main_end - 1)
    if tail and tail[0] > last and tail[1] == main_end:
        a, b = tail
        pre = [t.key for t in toks[max(i, last + 1) : a] if t.key in L.TITLE_WORDS]
        if last >= 0 and toks[last].key in L.ROLE_NOUNS | L.SPOKESPERSON:
            pre.append(toks[last].key)
        definite_name = a > 0 and toks[a - 1].key == "the"
        name = _classify_chain(text, toks, a, b, definite_name, pre)
        name.title_words |= {t.key for t in toks[i:a] if t.word}
        if (
            b - a == 1
            and name.weak
            and toks[a].key.endswith("s")
            and any(d in L.QUANTIFIERS or _NUMBER.fullmatch(d) for d in dets)
        ):
            name.kind = "group"  # "many Latinos", "31 Hispanics"
        if name.kind == "group":
            return _Info(
                "anon",
                desc=_desc(text, toks, 0, n),
                head=name.text.lower(),
                definite=definite,
                fresh=fresh,
                plural=True,
            )
        if name.kind == "title":
            head = next(iter(name.titles))
            mods = frozenset(
                t.key
                for t in toks[a:b]
                if t.word and t.key not in L.TITLE_WORDS and t.key not in L.TITLE_MODIFIERS
            )
            return _Info("title", name=name, head=head, definite=True, desc=name.text, mods=mods)
        return _Info("named", name=name, definite=definite)
    if last >= 0:
        h = toks[last].key
        plural = h in _PLURAL_WORDS or (h.endswith("s") and h not in _NOT_PLURAL)
        desc = _desc(text, toks, 0, n)
        if (h in L.ROLE_NOUNS or h in L.SPOKESPERSON) and not plural:
            role_start = last
            while (
                role_start > i
                and role_start - 1 not in in_chain
                and toks[role_start - 1].key in L.TITLE_WORDS
                and toks[role_start - 1].key
                not in (
                    "former",
                    "then",
                    "acting",
                    "interim",
                    "top",
                    "senior",
                    "incoming",
                    "outgoing",
                )
            ):
                role_start -= 1
            role = (
                "spokesperson"
                if h in L.SPOKESPERSON
                else " ".join(t.low for t in toks[role_start : last + 1])
            )
            principal = _principal(toks, i, last, bnd, n, in_chain, chains)
            mods = frozenset(
                t.key
                for t in toks[i:role_start]
                if t.word and t.text not in _POSSESSIVE and t.key not in L.TITLE_MODIFIERS
            )
            if principal is not None:  # "the company's spokeswoman": match the role only
                mods = frozenset()
            return _Info(
                "role",
                head=_title_head(h),
                role=role,
                desc=desc,
                definite=definite,
                fresh=fresh,
                gender=L.ROLE_GENDER.get(h),
                principal=principal,
                mods=mods,
            )
        bare = not dets and not partitive and i == 0
        if h in L.DOC_NOUNS:
            return _Info(
                "doc", head=h, desc=desc, definite=definite, fresh=fresh, plural=plural, bare=bare
            )
        if h in L.ANON_HEADS or h in L.SPOKESPERSON or h in L.ROLE_NOUNS:
            return _Info(
                "anon",
                head=h,
                desc=desc,
                definite=definite,
                fresh=fresh,
                plural=plural,
                gender=L.ROLE_GENDER.get(h),
                bare=bare,
            )
        if h in L.PUB_GENERIC or (h == "agency" and any(t.key == "news" for t in toks[i:last])):
            return _Info("pub_ana" if definite else "pub", head=h, desc=desc, definite=definite)
        if h in L.ORG_NOUNS:
            mod = next(
                (
                    (a, b)
                    for a, b in chains
                    if a >= i and (b == last or (b == last - 1 and toks[b].text in _POSSESSIVE))
                ),
                None,
            )
            if mod:  # "the Harris campaign", "the Biden administration", "Trump's campaign"
                a, b = mod
                owner = _classify_chain(text, toks, a, b, False, [])
                short = owner.surname if owner.kind == "person" and not owner.weak else None
                raw = text[toks[a].start : toks[last].end]
                key = _org_key(f"{short or text[toks[a].start : toks[b - 1].end]} {h}")
                name = _Name(
                    "organization",
                    raw,
                    last + 1 - a,
                    key=key,
                    start=toks[a].start,
                    end=toks[last].end,
                )
                return _Info("named", name=name, definite=definite)
            possessive = any(t.text in _POSSESSIVE for t in toks[:last])
            return _Info(
                "org_ana" if definite or possessive else "org", head=h, desc=desc, definite=definite
            )
    desc = _desc(text, toks, 0, n)
    if i in (n, bnd) or partitive:
        if dets:  # "some", "many", "most of them"
            return _Info("anon", head=dets[-1], desc=desc, plural=True)
    common = [t for t in toks[i:main_end] if t.word and not t.cap and t.key not in _FUNCTION]
    if common:  # a description whose head we do not know: a person noun by its ending?
        h = common[-1].key
        if _PERSON_PLURAL.search(h) and h not in L.DOC_NOUNS:
            return _Info("anon", head=h, desc=desc, definite=definite, fresh=fresh, plural=True)
    elif chains:  # only names, none ending the noun phrase: fall back to the first
        a, b = chains[0]
        name = _classify_chain(text, toks, a, b, a > 0 and toks[a - 1].key == "the", [])
        if name.kind in ("person", "organization", "publication"):
            return _Info("named", name=name, definite=definite, fallback=True)
    return _Info("unknown", desc=desc)


def _principal(toks, i, last, bnd, n, in_chain, chains):
    """Token region naming whom a role belongs to ("Smith's", "Pentagon", "for the company")."""
    poss = [k for k in range(i, last) if toks[k].text in _POSSESSIVE]
    if poss:  # "Smith's spokesman", "the company's chief executive"
        return (toks, 0, poss[-1])
    mod = [
        (a, b)
        for a, b in chains
        if a >= i and b <= last and not (b - a == 1 and toks[a].key in L.GROUP_ADJECTIVES)
    ]
    if mod:
        return (toks, mod[-1][0], mod[-1][1])
    if bnd < n and toks[bnd].key in ("for", "to", "at", "of", "with", "from"):
        j = bnd + 1
        while j < n and not (
            j > bnd + 1 and toks[j].key in L.POSTMODIFIER_STARTS and j not in in_chain
        ):
            j += 1
        if j > bnd + 1:
            return (toks, bnd + 1, j)
    return None


# --------------------------------------------------------------------------------------------
# the article

_SENT_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")
_JUST_BEFORE = re.compile(r"[\s,()\[\]\"”’'-]*")


@dataclass
class _TextName:
    name: _Name
    start: int
    end: int
    quoted: bool
    place: bool = False  # "Nova Scotia", "in Goma": a place, no antecedent for a pronoun


class _Doc:
    def __init__(self, text: str, quotes: list[tuple[int, int]] | None = None):
        self.text = text
        self.paras = paragraphs(text)
        self.para_starts = [a for a, _ in self.paras]
        starts = []
        for a, b in self.paras:
            starts.append(a)
            for m in _SENT_END.finditer(text, a, b):
                if text[m.start()] == ".":
                    w = _WORD_BEFORE.search(text, max(a, m.start() - 12), m.start())
                    if w and (
                        w.group(1).lower().rstrip(".") in L.ABBREVIATIONS
                        or (len(w.group(1)) == 1 and w.group(1).isupper())
                    ):
                        continue
                starts.append(m.end())
        self.sent_starts = starts
        self._quotes: list[tuple[int, int]] | None = quotes
        self._qstarts = None if quotes is None else [a for a, _ in quotes]
        self._names: list[_TextName] | None = None
        self.byline: _Name | None = None
        self.acronyms: dict[str, str] = {}
        self._body_start: int | None = None

    def para(self, pos: int) -> int:
        return max(bisect_right(self.para_starts, pos) - 1, 0)

    def sent(self, pos: int) -> int:
        return max(bisect_right(self.sent_starts, pos) - 1, 0)

    @property
    def quotes(self) -> list[tuple[int, int]]:
        if self._quotes is None:
            self._quotes = quote_intervals(self.text, self.paras)
            self._qstarts = [a for a, _ in self._quotes]
        return self._quotes

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        return quote_at(self.quotes, self._qstarts, pos)

    @property
    def body_start(self) -> int:
        """Offset of the story's first paragraph (0 if none): before it come the headline and
        page furniture. Cheap: no tokens, only the paragraphs' words and ends."""
        if self._body_start is None:
            self._body_start = 0
            for a, b in self.paras:
                line = self.text[a:b]
                words = len(line.split())
                if not (is_furniture(line) or is_headline(line, words)):
                    self._body_start = a
                    break
        return self._body_start

    @property
    def names(self) -> list[_TextName]:
        """Capitalised names in the story's running text (not page furniture), in order."""
        if self._names is None:
            self._scan()
        return self._names

    def _scan(self) -> None:
        text = self.text
        out: list[_TextName] = []
        body_started = False
        for idx, (a, b) in enumerate(self.paras):
            line = text[a:b]
            low = line.lower()
            words = len(line.split())
            if is_furniture(line):
                if idx < 6 and low.startswith("by ") and words <= 10:
                    btoks = _tokenize(text, a + 3, b)
                    people = [self._classify(btoks, c) for c in _chains(text, btoks, 0, len(btoks))]
                    people = [p for p in people if p.kind == "person" and p.ntoks >= 2]
                    if len(people) == 1 and " and " not in low:
                        self.byline = people[0]
                continue
            if not body_started:
                if is_headline(line, words):
                    continue  # headline, section label
                body_started = True
            a = after_dateline(text, a, b)
            toks = _tokenize(text, a, b)
            credits = credit_spans(text, a, b)  # "(Luis Tato/AFP/Getty Images)"
            for c in _chains(text, toks, 0, len(toks)):
                nm = self._classify(toks, c)
                if nm.kind == "title" or nm.kind == "group":
                    continue
                s, e = toks[c[0]].start, toks[c[1] - 1].end
                if credits and any(cs <= s < ce for cs, ce in credits):
                    continue
                if (
                    nm.kind == "person"
                    and c[0] >= 2
                    and toks[c[0] - 1].text == ","
                    and toks[c[0] - 2].key in L.ROLE_GENDER
                ):
                    # "Her grandfather, Lucien, ...": a man, whom a later "he" may mean
                    role = toks[c[0] - 2].key
                    nm.gender = nm.gender or L.ROLE_GENDER[role]
                    nm.titles.add(role)
                    nm.weak, nm.evidence = False, True
                quoted = self.quote_at(s) is not None
                before = toks[c[0] - 1].low if c[0] else ""
                place = _is_place(nm) or (
                    before in L.LOCATIVE
                    and not (nm.kind == "person" and nm.evidence)
                    and not _is_known_org(nm)
                )
                out.append(_TextName(nm, s, e, quoted, place))
            # acronyms defined in the text: "the Office for National Statistics (ONS)"
            for j in range(len(toks) - 3):
                if toks[j + 1].text == "(" and toks[j + 3].text == ")" and _is_acronym(toks[j + 2]):
                    long = _acronym_source(text, toks, j, toks[j + 2])
                    if long:
                        self.acronyms[_org_key(toks[j + 2].text)] = long
        self._names = out

    def _classify(self, toks: list[_Tok], c: tuple[int, int]) -> _Name:
        a, b = c
        pre = []
        k = a - 1
        while k >= 0 and len(pre) < 3 and toks[k].word and toks[k].key in L.TITLE_WORDS:
            pre.append(toks[k].key)
            k -= 1
        name = _classify_chain(self.text, toks, a, b, a > 0 and toks[a - 1].key == "the", pre[::-1])
        if name.kind == "person" and pre:  # "Republican nominee Donald Trump"
            while (
                k >= 0
                and a - k <= 6
                and toks[k].word
                and (toks[k].cap or toks[k].key in L.TITLE_WORDS)
                and toks[k].key not in L.CAP_STOP
            ):
                name.title_words.add(toks[k].key)
                k -= 1
        return name


def _is_place(nm: _Name) -> bool:
    """A name in the place list ("Nova Scotia", "Democratic Republic of Congo")."""
    return _place_key(nm.text) in L.PLACES


@lru_cache(maxsize=1 << 14)
def _place_key(text: str) -> str:
    low = re.sub(r"\s+", " ", text.lower().replace("’", "'")).rstrip(".")
    return low[4:] if low.startswith("the ") else low


def _is_known_org(nm: _Name) -> bool:
    return (
        nm.kind in ("organization", "publication")
        and nm.evidence
        and (nm.key in L.KNOWN_ORGS or nm.acronym is not None or nm.ntoks >= 2)
    )


def _acronym_source(text: str, toks: list[_Tok], j: int, acr: _Tok) -> str | None:
    """The words before "(ACR)" whose capitals spell it: "Alliance to Reclaim Our Schools"."""
    letters = acr.text.replace(".", "").replace("&", "").upper()
    got = ""
    k = j
    while k >= 0 and j - k < 12:
        t = toks[k]
        if not t.word and t.text != "&":
            return None
        if t.word and t.cap:
            got = t.text[0].upper() + got
            if got == letters:
                return text[t.start : toks[j].end]
            if not letters.endswith(got):
                return None
        k -= 1
    return None


# --------------------------------------------------------------------------------------------
# entities


class _Entity:
    __slots__ = (
        "kind",
        "names",
        "gender",
        "titles",
        "surname",
        "first",
        "weak",
        "named",
        "label",
        "head",
        "plural",
        "mentions",
        "count",
        "last",
        "canonical",
        "title_words",
        "headline",
    )

    def __init__(self, kind: str, named: bool, label: str = ""):
        self.kind = kind
        self.named = named
        self.label = label
        self.names: list[tuple[int, int, str]] = []
        self.gender: str | None = None
        self.titles: set[str] = set()
        self.title_words: set[str] = set()
        self.surname: str | None = None
        self.first: str | None = None
        self.weak = False
        self.head: str | None = None
        self.plural = False
        self.mentions: list[int] = []
        self.count = 0
        self.last = -1
        self.canonical: str | None = None
        self.headline = False  # a bare headline description waiting for its body form

    def add_name(self, nm: _Name) -> None:
        self.names.append((nm.ntoks, len(nm.text), nm.text))
        if nm.gender and not self.gender:
            self.gender = nm.gender
        self.titles |= nm.titles
        self.title_words |= nm.title_words
        if nm.first and not self.first:
            self.first = nm.first
        if (
            nm.kind == "publication"
            and nm.short is None
            and self.canonical is None
            and nm.text in L.OUTLETS
        ):
            self.canonical = nm.text

    def display(self) -> str:
        if self.canonical:
            return self.canonical
        if self.names:
            best = max(self.names, key=lambda x: (x[0], x[1]))
            return best[2]
        return self.label

    def fits(self, pronoun: str) -> bool:
        if self.weak:
            return True
        if pronoun in L.MALE_PRONOUNS or pronoun in L.FEMALE_PRONOUNS:
            want = "m" if pronoun in L.MALE_PRONOUNS else "f"
            if self.gender not in (None, want):
                return False
            if self.kind == "person":
                return True
            return (
                self.kind == "anonymous"
                and not self.plural
                and self.head is not None
                and self.head not in L.QUANTIFIERS
            )
        if pronoun in L.GROUP_PRONOUNS:
            return self.kind in ("organization", "publication") or (
                self.kind == "anonymous" and self.plural
            )
        if pronoun in L.THING_PRONOUNS:
            return self.kind in ("organization", "publication", "document")
        return False


# A name in running text that may be a person the lists do not know ("Kwame Osei"): it keeps a
# pronoun from going to someone named earlier, and is never an antecedent itself.
_RIVAL = _Entity("person", True, "")


@lru_cache(maxsize=4096)
def _name_words(name: str) -> frozenset[str]:
    return frozenset(_LOWER_WORD.findall(name.lower()))


_LOWER_WORD = re.compile(r"[a-z]+")


def _first_compatible(a: str | None, b: str | None) -> bool:
    return (
        a is None
        or b is None
        or a == b
        or (len(a) <= 2 and b.startswith(a[0]))
        or (len(b) <= 2 and a.startswith(b[0]))
    )


class _Resolver:
    def __init__(self, text: str, quotes: list[tuple[int, int]] | None = None):
        self.text = text
        self.doc = _Doc(text, quotes)
        self.entities: list[_Entity] = []
        self.by_key: dict[object, _Entity] = {}
        self.people: list[_Entity] = []
        # (start, end, rank, entity); rank 0 = source mention
        self.occ: list[tuple[int, int, int, _Entity]] = []

    # -- registry ----------------------------------------------------------------------------

    def new(self, kind: str, named: bool, label: str = "") -> _Entity:
        e = _Entity(kind, named, label)
        self.entities.append(e)
        return e

    def register(self, e: _Entity, nm: _Name) -> None:
        e.add_name(nm)
        if nm.kind == "person":
            if e.surname is None:
                e.surname = nm.surname
                self.people.append(e)
        else:
            for k in {nm.key, *nm.aliases} - {None}:
                self.by_key.setdefault(k, e)

    def find_person(
        self, surname: str, first: str | None, pos: int, gender: str | None = None
    ) -> _Entity | None:
        best = None
        for e in self.people:
            if (
                e.surname == surname
                and _first_compatible(e.first, first)
                and (gender is None or e.gender in (None, gender))
            ):
                if best is None or (best.last < e.last <= pos) or (best.last > pos >= e.last):
                    best = e
        return best

    def by_first_name(self, first: str | None) -> _Entity | None:
        """The one person known by this first name ("Thomas" for "Thomas Sam"); a rival when
        several share it."""
        if not first or first not in _ALL_NAMES:
            return None
        found = [e for e in self.people if e.first == first and e.kind == "person"]
        return found[0] if len(found) == 1 else _RIVAL if found else None

    def find_org(self, nm: _Name) -> _Entity | None:
        keys = [nm.key, *nm.aliases]
        if nm.acronym and nm.acronym in self.doc.acronyms:
            keys.append(_org_key(self.doc.acronyms[nm.acronym]))
        for k in keys:
            if k in self.by_key:
                return self.by_key[k]
        return None

    def expand(self, nm: _Name, pos: int) -> _Name | None:
        """A fuller form in the text of a one-word name: "Mark Rutte" for "Rutte"."""
        token = nm.surname or nm.key
        best = None
        people: dict[str, _Name] = {}
        for tn in self.doc.names:
            cand = tn.name
            if cand.kind == "person" and cand.first and cand.surname == token and not cand.weak:
                if nm.gender is None or cand.gender in (None, nm.gender):
                    people.setdefault(cand.first, cand)
            elif (
                cand.kind in ("organization", "publication")
                and cand.ntoks > 1
                and (token in cand.aliases or cand.key == token)
            ):
                if best is None:
                    best = (tn.start, cand)
        if len(people) > 1 and nm.titles:  # "President Obama": Barack, not Michelle
            people = {f: c for f, c in people.items() if c.titles & nm.titles} or people
        if len(people) == 1:
            return next(iter(people.values()))
        if people:
            return _AMBIGUOUS  # two people share the surname: do not guess
        if nm.acronym and nm.acronym in self.doc.acronyms:
            long = self.doc.acronyms[nm.acronym]
            for tn in self.doc.names:
                if tn.name.text == long or _org_key(tn.name.text) == _org_key(long):
                    return tn.name
        return best[1] if best else None

    def link(self, nm: _Name, pos: int, create: bool) -> _Entity | None:
        """The entity a name refers to; with ``create``, a new one if none exists."""
        if nm.kind == "person" and not nm.weak:
            e = self.find_person(nm.surname, nm.first, pos, nm.gender)
            if e is None and nm.first is None:
                full = self.expand(nm, pos)
                if full is not None and full is not _AMBIGUOUS:
                    e = self.find_person(full.surname, full.first, pos, full.gender)
                    if e is None and create:
                        e = self.new("person", True)
                        self.register(e, full)
            if e is None and create:
                e = self.new("person", True)
                e.gender = nm.soft_gender
            if e is not None:
                if e.kind != "person" or e.weak:
                    e.kind, e.weak = "person", False
                self.register(e, nm)
            return e
        if nm.kind in ("organization", "publication") or nm.weak:
            if nm.weak:
                e = self.find_person(nm.surname, None, pos)
                if e is not None:
                    return e
            if nm.short:
                e = self.latest_of(("publication",), pos, contains=nm.short)
                if e is not None:
                    return e
            e = self.find_org(
                nm if not nm.weak else _Name("organization", nm.text, 1, key=_org_key(nm.text))
            )
            if e is None:
                full = self.expand(nm, pos)
                if full is _AMBIGUOUS:  # "Obama" with Barack and Michelle in the text
                    if not create:
                        return None
                    e = self.new("person", True)
                    self.register(e, nm)
                    return e
                if full is not None:
                    if full.kind == "person":
                        e = self.find_person(full.surname, full.first, pos)
                    else:
                        e = self.find_org(full)
                    if e is None and create:
                        e = self.new(full.kind, True)
                        self.register(e, full)
            if e is None and create:
                if nm.weak:
                    e = self.new("organization", True)
                    e.weak = True
                    e.surname = nm.surname
                    self.people.append(e)
                    e.add_name(nm)
                    self.by_key.setdefault(_org_key(nm.text), e)
                    return e
                e = self.new(nm.kind, True)
            if e is not None:
                if e.kind == "person":
                    return e
                if e.weak and not nm.weak:
                    e.kind, e.weak = nm.kind, False
                self.register(e, nm)
                if nm.acronym and nm.acronym in self.doc.acronyms:
                    self.by_key.setdefault(_org_key(self.doc.acronyms[nm.acronym]), e)
            return e
        return None

    def latest_of(
        self, kinds: tuple[str, ...], pos: int, contains: str | None = None
    ) -> _Entity | None:
        """The latest organisation/publication mentioned before pos (mention or text name)."""
        best_pos, best = -1, None
        for s, _e, _r, ent in self.occ:
            if (
                s < pos
                and ent.kind in kinds
                and s > best_pos
                and (contains is None or contains in _name_words(ent.display()))
            ):
                best_pos, best = s, ent
        for tn in self.doc.names:
            if tn.start >= pos:
                break
            if (
                tn.name.kind in kinds
                and tn.name.evidence
                and tn.start > best_pos
                and not tn.name.short
                and (contains is None or contains in _name_words(tn.name.text))
            ):
                e = self.link(tn.name, tn.start, create=True)
                if e is not None and e.kind in kinds:
                    best_pos, best = tn.start, e
        return best

    def next_person_with_title(
        self, head: str, pos: int, mods: frozenset[str] = frozenset()
    ) -> _Entity | None:
        """Cataphora: the first person titled head after pos, in pos's paragraph or the next
        ("the mayor said ... Mayor Lena Park"), when no one before holds the title."""
        last_para = self.doc.para(pos) + 1
        for tn in self.doc.names:
            if tn.start <= pos:
                continue
            if self.doc.para(tn.start) > last_para:
                break
            if (
                tn.name.kind == "person"
                and head in tn.name.titles
                and not tn.place
                and mods <= tn.name.title_words
            ):
                return self.link(tn.name, tn.start, create=True)
        return None

    def latest_person_with_title(
        self, head: str, pos: int, mods: frozenset[str] = frozenset()
    ) -> _Entity | None:
        """The latest person titled head before pos ("the senator"); mods must match too
        ("the Indiana governor" -> "Indiana Gov. Mike Pence")."""
        best_pos, best = -1, None
        for s, _e, _r, ent in self.occ:
            if (
                s < pos
                and ent.kind == "person"
                and head in ent.titles
                and s > best_pos
                and mods <= ent.title_words
            ):
                best_pos, best = s, ent
        for tn in self.doc.names:
            if tn.start >= pos:
                break
            if (
                tn.name.kind == "person"
                and head in tn.name.titles
                and tn.start > best_pos
                and mods <= tn.name.title_words
            ):
                e = self.link(tn.name, tn.start, create=True)
                if e is not None:
                    best_pos, best = tn.start, e
        return best

    def latest_described(self, kind: str, head: str, pos: int) -> _Entity | None:
        best_pos, best = -1, None
        for s, _e, _r, ent in self.occ:
            if s < pos and ent.kind == kind and ent.head == head and s > best_pos:
                best_pos, best = s, ent
        return best

    # -- one mention -------------------------------------------------------------------------

    def principal(self, info: _Info, pos: int) -> tuple[object, str] | None:
        if info.principal is None:
            return None
        toks, a, b = info.principal
        chains = _chains(self.text, toks, a, b, initial_lo=False)
        chains = [
            c for c in chains if not (c[1] - c[0] == 1 and toks[c[0]].key in L.GROUP_ADJECTIVES)
        ]
        if chains:
            c = chains[-1]
            nm = _classify_chain(
                self.text, toks, c[0], c[1], c[0] > 0 and toks[c[0] - 1].key == "the", []
            )
            if nm.kind in ("person", "organization", "publication"):
                e = self.link(nm, pos, create=False)
                if e is not None:
                    return ("entity", id(e)), e.display()
                full = self.expand(nm, pos) if nm.ntoks == 1 else None
                full = None if full is _AMBIGUOUS else full
                shown = full.text if full is not None else nm.text
                if nm.kind == "person" and not nm.weak:
                    return ("person", nm.surname), shown
                return ("org", _org_key(shown)), shown
            return None
        words = [t for t in toks[a:b] if t.word]
        if words and words[-1].key in L.ORG_NOUNS | L.PUB_GENERIC and words[0].key in L.DEFINITE:
            kinds = ("publication",) if words[-1].key in L.PUB_GENERIC else ("organization",)
            e = self.latest_of(kinds, pos)
            if e is not None:
                return ("entity", id(e)), e.display()
        return None

    def resolve(self, info: _Info, s: int, e: int) -> _Entity | None:
        k = info.kind
        if k == "named":
            nm = info.name
            ent = self.link(nm, s, create=True)
            for alias in info.aliases:
                self.by_key.setdefault(alias, ent)
            for x in info.extra:  # appositions: "Jane Doe, a spokeswoman for the company"
                if x.head and (x.kind in ("role", "title") or x.head in _PERSON_ROLES):
                    if ent.weak:
                        ent.kind, ent.weak = "person", False
                    if ent.kind == "person":
                        ent.titles.add(x.head)
                        if x.gender and not ent.gender:
                            ent.gender = x.gender
                        p = self.principal(x, s) if x.kind == "role" else None
                        if p is not None:
                            self.by_key.setdefault(("role", x.role, p[0]), ent)
            return ent
        if k == "role":
            if info.definite:  # "the senator", "the company's spokeswoman", "the GOP nominee"
                ent = self.latest_person_with_title(info.head, s, info.mods)
                if ent is None and info.principal is None:
                    ent = self.next_person_with_title(info.head, s, info.mods)
                if ent is not None:
                    return ent
            p = self.principal(info, s)
            if p is not None:
                key = ("role", info.role, p[0])
                ent = self.by_key.get(key)
                if ent is None:
                    joiner = "for" if info.head in _ROLES_FOR else "of"
                    ent = self.new("person", False, f"{info.role} {joiner} {p[1]}")
                    ent.gender = info.gender
                    ent.titles.add(info.head)
                    self.by_key[key] = ent
                return ent
            return self.described("anonymous", info, gender=info.gender)
        if k == "title":
            ent = self.latest_person_with_title(info.head, s, info.mods)
            if ent is None:
                ent = self.by_key.get(("title", info.head))
            if ent is None:
                ent = self.new("person", False, info.desc or info.name.text)
                ent.titles.add(info.head)
                self.by_key[("title", info.head)] = ent
            return ent
        if k in ("anon", "doc"):
            headline = info.bare and s < self.doc.body_start  # "State report finds ..."
            kind = "anonymous" if k == "anon" else "document"
            return self.described(
                kind, info, gender=info.gender if k == "anon" else None, headline=headline
            )
        if k in ("pub_ana", "org_ana"):
            kinds = ("publication",) if k == "pub_ana" else ("organization",)
            contains = None if k == "pub_ana" or info.head in L.ORG_NOUNS_ANY else info.head
            ent = self.latest_of(kinds, s, contains=contains)
            if ent is not None:
                return ent
            k = "pub" if k == "pub_ana" else "org"
        if k in ("pub", "org"):
            kind = "publication" if k == "pub" else "organization"
            key = (kind, info.desc.lower())
            ent = self.by_key.get(key)
            if ent is None:
                ent = self.new(kind, False, info.desc)
                ent.head = info.head
                self.by_key[key] = ent
            return ent
        if k == "unknown":
            if not info.desc:
                return None
            key = ("unknown", info.desc.lower())
            ent = self.by_key.get(key)
            if ent is None:
                ent = self.new("unknown", False, info.desc)
                self.by_key[key] = ent
            return ent
        return None

    def described(
        self, kind: str, info: _Info, gender: str | None = None, headline: bool = False
    ) -> _Entity:
        if info.definite and not info.fresh:
            ent = self.latest_described(kind, info.head, 1 << 62)
            if ent is not None:
                return ent
        key = (kind, info.desc.lower()) if not info.fresh else (kind, object())
        ent = self.by_key.get(key)
        if ent is None and not (headline or info.definite or info.fresh):
            ent = self.headline_form(kind, info)
            if ent is not None:
                self.by_key[key] = ent
        if ent is None:
            ent = self.new(kind, False, info.desc)
            ent.head = info.head
            ent.plural = info.plural
            ent.gender = gender
            ent.headline = headline
            self.by_key[key] = ent
        return ent

    def headline_form(self, kind: str, info: _Info) -> _Entity | None:
        """The headline's bare description that this fuller one spells out: "state report"
        (headline) and "a state report released Wednesday" (body) are one report, which
        takes the body's description as its name."""
        words = _name_words(info.desc)
        for e in self.entities:
            if (
                e.headline
                and e.kind == kind
                and e.head == info.head
                and _name_words(e.label) <= words
            ):
                e.headline = False
                e.label = info.desc
                return e
        return None

    # -- pronouns ----------------------------------------------------------------------------

    def text_occurrences(self) -> list[tuple[int, int, int, _Entity]]:
        out = []
        for tn in self.doc.names:
            if tn.place:
                continue
            nm = tn.name
            if (
                nm.weak
                or not nm.evidence
                or (nm.kind == "person" and nm.ntoks == 1 and not nm.titles)
            ):
                # "New York", "the United States", "Charlotte, N.C.": only known ones
                ent = (
                    self.find_person(nm.surname, nm.first, tn.start)
                    if nm.kind == "person"
                    else None
                ) or self.by_key.get(_org_key(nm.text))
                if ent is None and nm.kind == "person" and nm.ntoks == 1:
                    ent = self.by_first_name(nm.surname)  # "Thomas' sister": Thomas Sam
                if ent is None and nm.kind == "person" and nm.ntoks >= 2 and not nm.weak:
                    ent = _RIVAL  # "Kwame Osei": maybe a man, so "he" is not an earlier one
            else:
                ent = self.link(nm, tn.start, create=True)
            if ent is not None:
                out.append((tn.start, tn.end, 2 if tn.quoted else 1, ent))
        return out

    def antecedent(self, s: int, occ, starts) -> _Entity | None:
        """The entity of a mention or name ending just before s (commas and spaces between)."""
        j = bisect_left(starts, s) - 1
        best = None
        while j >= 0 and s - occ[j][0] < 200:
            os_, oe, rank, ent = occ[j]
            j -= 1
            if (
                oe <= s
                and _JUST_BEFORE.fullmatch(self.text, oe, s)
                and (best is None or oe > best[0] or (oe == best[0] and rank < best[1]))
            ):
                best = (oe, rank, ent)
        return best[2] if best else None

    def resolve_pronoun(
        self, pron: str, s: int, occ, starts, exclude: _Entity | None = None
    ) -> _Entity | None:
        doc = self.doc
        sp, pp = doc.sent(s), doc.para(s)
        floor = pp - PRONOUN_PARAGRAPH_WINDOW + 1
        best: dict[_Entity, tuple[int, int]] = {}
        best_dist = None
        j = bisect_left(starts, s) - 1
        while j >= 0:
            os_, oe, rank, ent = occ[j]
            j -= 1
            if oe > s:
                continue
            if doc.para(os_) < floor:
                break
            dist = sp - doc.sent(os_)
            if best_dist is not None and dist > best_dist:
                break
            if ent is exclude or not ent.fits(pron):
                continue
            best_dist = dist
            if ent not in best or best[ent][1] > rank:
                best[ent] = (dist, rank)
        if not best:
            return None
        cands = list(best)
        if pron in L.MALE_PRONOUNS or pron in L.FEMALE_PRONOUNS:
            want = "m" if pron in L.MALE_PRONOUNS else "f"
            known = [e for e in cands if e.gender == want]
            if known:  # a person known to fit beats a candidate that may be no person at all
                # (a bare capitalised word, a description); a named person of unknown gender
                # ("Joost van Leer") stays a rival: two of them leave the pronoun unresolved
                cands = known + [
                    e
                    for e in cands
                    if e.gender is None and e.kind == "person" and e.named and not e.weak
                ]
        top = min(best[e][1] for e in cands)
        cands = [e for e in cands if best[e][1] == top]
        if len(cands) != 1:
            return None
        ent = cands[0]
        if ent is _RIVAL:
            return None
        if pron in L.MALE_PRONOUNS or pron in L.FEMALE_PRONOUNS:
            if ent.weak:
                ent.kind, ent.weak = "person", False
            if ent.gender is None:  # "Tomas Lund ... He said": a later "she" is not Lund
                ent.gender = "m" if pron in L.MALE_PRONOUNS else "f"
        return ent


def _as_span(m) -> tuple[int, int] | None:
    if m is None:
        return None
    if hasattr(m, "start") and hasattr(m, "end"):  # Mention, Span
        return int(m.start), int(m.end)
    a, b = m
    return int(a), int(b)


def resolve_sources(
    text: str, mentions: list[tuple[int, int] | None], quotes: list[tuple[int, int]] | None = None
) -> tuple[list[Source], list[str | None]]:
    """Group source mentions (one per relation; None = relation without a source) into sources.

    Returns the sources (ids "s1", "s2", ... in order of first mention) and, per input
    mention, the id of its source (None when the mention is None or unresolved). A mention
    opening a paragraph with a dateline is read from after it (:func:`strip_dateline`), and
    the sources' ``mentions`` are the spans so trimmed. ``quotes``: the text's quote
    intervals, if already computed.
    """
    n = len(mentions)
    spans: list[tuple[int, int] | None] = []
    for m in mentions:
        sp = _as_span(m)
        if sp is not None and 0 <= sp[0] < sp[1] <= len(text):
            sp = (strip_dateline(text, *sp), sp[1])
        if sp is not None and not (0 <= sp[0] < sp[1] <= len(text) and text[sp[0] : sp[1]].strip()):
            sp = None  # outside the text, empty or blank (or a dateline only): no source
        spans.append(sp)
    if not any(spans):
        return [], [None] * n

    r = _Resolver(text, quotes)
    infos: dict[tuple[int, int], _Info] = {}
    for sp in spans:
        if sp is not None and sp not in infos:
            infos[sp] = _analyze(text, *sp)
    order = sorted(infos, key=lambda sp: (sp[0], sp[1]))
    resolved: dict[tuple[int, int], _Entity | None] = {}

    # 1. names and descriptions, in text order
    for sp in order:
        info = infos[sp]
        if info.kind == "pronoun":
            continue
        ent = r.resolve(info, *sp)
        resolved[sp] = ent
        if ent is not None:
            ent.last = max(ent.last, sp[0])
            r.occ.append((sp[0], sp[1], 0, ent))

    # 2. third-person pronouns, then 3. first-person pronouns
    pronouns = [sp for sp in order if infos[sp].kind == "pronoun"]
    if pronouns:
        occ = sorted(r.occ + r.text_occurrences(), key=lambda o: (o[0], o[2]))
        starts = [o[0] for o in occ]
        for sp in pronouns:
            pron = infos[sp].head
            if pron in L.FIRST_SINGULAR or pron in L.FIRST_PLURAL or pron in L.SECOND_PERSON:
                continue
            if pron in L.RELATIVE_PRONOUNS:  # "Pat Caddell, who ...": the phrase just before
                ent = r.antecedent(sp[0], occ, starts)
                resolved[sp] = ent
                continue
            q = r.doc.quote_at(sp[0])
            speaker = _quote_speaker(r, q, sp, resolved) if q else None
            ent = r.resolve_pronoun(pron, sp[0], occ, starts, exclude=speaker)
            resolved[sp] = ent
            if ent is not None:
                i = bisect_left(starts, sp[0])
                occ.insert(i, (sp[0], sp[1], 0, ent))
                starts.insert(i, sp[0])
                r.occ.append((sp[0], sp[1], 0, ent))
        for sp in pronouns:
            pron = infos[sp].head
            if pron in L.FIRST_SINGULAR or pron in L.FIRST_PLURAL:
                resolved[sp] = _first_person(r, pron, sp, resolved)

    # output
    for idx, sp in enumerate(spans):
        ent = resolved.get(sp) if sp is not None else None
        if ent is not None:
            ent.count += 1
            ent.mentions.append(idx)
    live = [e for e in r.entities if e.count]
    first_at = {id(e): min(spans[i][0] for i in e.mentions) for e in live}
    live.sort(key=lambda e: first_at[id(e)])
    ids: dict[int, str] = {}
    sources = []
    for k, e in enumerate(live, 1):
        sid = f"s{k}"
        ids[id(e)] = sid
        uniq = sorted({spans[i] for i in e.mentions})
        kind = "organization" if e.weak else e.kind
        named = e.named and kind in ("person", "organization", "publication")
        sources.append(
            Source(
                id=sid,
                name=e.display() or text[uniq[0][0] : uniq[0][1]].strip(),
                type=kind,
                named=named,
                mentions=[Span(start=a, end=b, text=text[a:b]) for a, b in uniq],
                attribution_count=e.count,
            )
        )
    out_ids = []
    for sp in spans:
        ent = resolved.get(sp) if sp is not None else None
        out_ids.append(ids.get(id(ent)) if ent is not None else None)
    return sources, out_ids


def _first_person(
    r: _Resolver, pron: str, sp: tuple[int, int], resolved: dict[tuple[int, int], _Entity | None]
) -> _Entity | None:
    q = r.doc.quote_at(sp[0])
    if q is not None:
        return _quote_speaker(r, q, sp, resolved)
    if pron in L.FIRST_SINGULAR:
        _ = r.doc.names  # the scan finds the byline
        if r.doc.byline is not None:
            return r.link(r.doc.byline, sp[0], create=True)
    return None


def _quote_speaker(
    r: _Resolver,
    q: tuple[int, int],
    sp: tuple[int, int],
    resolved: dict[tuple[int, int], _Entity | None],
) -> _Entity | None:
    """The source of the mention nearest to the quotation, outside it, in its paragraph(s)."""
    qa, qb = q
    pq = {r.doc.para(qa), r.doc.para(max(qa, qb - 1))}
    best = None
    for other, ent in resolved.items():
        if ent is None or other == sp or qa <= other[0] < qb:
            continue
        if r.doc.para(other[0]) not in pq:
            continue
        gap = other[0] - qb if other[0] >= qb else qa - other[1] if other[1] <= qa else None
        if gap is None or gap > QUOTE_SPEAKER_GAP:
            continue
        if best is None or gap < best[0]:
            best = (gap, ent)
    return best[1] if best else None
