"""Names in text: the tokens of source mentions and running text, runs of capitalised words
(:func:`name_chains`) and what kind of name each is (:func:`classify_chain`: a person, an
organisation, a publication, a bare title, a group)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from service.engine import source_lexicon as L
from service.engine.tokens import MENTION_TOKEN

_PREFIXED = re.compile(r"(?:al|el|ad|as|ash|bin|ibn|abu|ben)-[A-Z]")
_QUOTE_CHARS = "\"'“”‘’«»`"
_CORP_ENDINGS = frozenset(
    "inc corp co ltd llc plc corporation company group holdings foods brands "
    "industries capital partners".split()
)
# Head nouns of descriptions ("officials", "poll", "newspaper", "spokesman"): capitalised at
# the start of a sentence, they are no name.
HEADS = L.ANON_HEADS | L.DOC_NOUNS | L.PUB_GENERIC | L.ORG_NOUNS | L.ROLE_NOUNS | L.SPOKESPERSON
ALL_NAMES = L.MALE_NAMES | L.FEMALE_NAMES  # given names
# Endings of plural person nouns outside the word lists ("economists", "protesters").
PERSON_PLURAL = re.compile(r"(?:ists|ians|ers|ors|ants|ents|ives|ees)$")
PERSON_ROLES = L.ROLE_NOUNS | L.SPOKESPERSON | frozenset(L.ROLE_GENDER)


@lru_cache(maxsize=1 << 16)
def _token_traits(text: str) -> tuple[str, str, bool, bool]:
    """(low, key, word, cap) of a token: a word recurs, its traits are computed once."""
    low = text.lower().replace("’", "'")
    cap = text[0].isupper() or bool(_PREFIXED.match(text))  # "al-Assad"
    return low, low.rstrip("."), text[0].isalpha(), cap


class Tok:
    """A token with its offsets and traits: ``low`` (lower case, curly apostrophe
    normalised), ``key`` (``low`` without a final full stop), ``word``, ``cap``."""

    __slots__ = ("text", "start", "end", "low", "key", "word", "cap")

    def __init__(self, text: str, start: int, end: int):
        self.text = text
        self.start = start
        self.end = end
        self.low, self.key, self.word, self.cap = _token_traits(text)


def tokenize(text: str, start: int, end: int) -> list[Tok]:
    """Tokens of ``text[start:end]``: an abbreviation or initial keeps its full stop ("Mr.",
    "J."), a possessive 's is a token of its own."""
    toks: list[Tok] = []
    for m in MENTION_TOKEN.finditer(text, start, end):
        s, e = m.span()
        w = m.group()
        if w == "." and toks and toks[-1].end == s and toks[-1].word:
            prev = toks[-1]
            if (
                prev.key in L.ABBREVIATIONS
                or (len(prev.text) == 1 and prev.cap)
                or "." in prev.text
            ):
                toks[-1] = Tok(text[prev.start : e], prev.start, e)
                continue
        if len(w) > 2 and w[0].isalpha() and w[-2] in "'’" and w[-1] in "sS":
            toks.append(Tok(w[:-2], s, e - 2))
            toks.append(Tok(w[-2:], e - 2, e))
            continue
        toks.append(Tok(w, s, e))
    return toks


def is_acronym(t: Tok) -> bool:
    """Two to six capitals, dots and "&" aside ("FBI", "U.N.", "AT&T")."""
    bare = t.text.replace(".", "").replace("&", "")
    return 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper()


def _known_acronym(t: Tok) -> bool:
    """A known organisation written in capitals that is also a function word ("WHO")."""
    return t.key in L.KNOWN_ORGS and t.text.isupper() and len(t.text) >= 2


_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")


def _is_initial(t: Tok) -> bool:
    """An initial such as "J." or "G.K." (but not "U.S.")."""
    return (
        bool(_INITIALS.fullmatch(t.text))
        and t.key not in L.ACRONYM_STOP
        and t.key.replace(".", "") not in L.KNOWN_ORGS
    )


def _sentence_initial(text: str, toks: list[Tok], i: int) -> bool:
    """True when token i opens a sentence (or the mention starts with it)."""
    if i == 0:
        return True
    prev = toks[i - 1]
    if prev.text in _QUOTE_CHARS or prev.text in ("''", "``", "(", "[", "—", "-"):
        return i == 1 or toks[i - 2].text in ".!?:" or "\n" in text[toks[i - 2].end : prev.start]
    return prev.text in (".", "!", "?", ":") or "\n" in text[prev.end : toks[i].start]


def name_chains(
    text: str, toks: list[Tok], lo: int, hi: int, initial_lo: bool = True
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
            and t.low in HEADS
            and (i > lo or initial_lo)
            and _sentence_initial(text, toks, i)
        ):
            i = j  # "Officials said", "Critics say": a common noun capitalised by position
            continue
        out.append((i, j))
        i = j
    return out


@dataclass
class Name:
    """A name as read from a chain: its kind and what grouping matches it by."""

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


def org_key(s: str) -> str:
    """The key an organisation or publication is grouped by: lower case, no leading "the",
    no dots, "&" as "and", "Department of Energy" as "energy department"."""
    s = s.lower().replace("’", "'")
    s = re.sub(r"^the\s+", "", s)
    s = s.replace(".", "").replace("&", " and ")
    s = re.sub(r"\s+", " ", s).strip()
    m = re.match(r"^(department|ministry) (?:of|for) (?:the )?(.+)$", s)
    if m:
        s = f"{m.group(2)} {m.group(1)}"
    return s


def title_head(key: str) -> str:
    """A title word as grouping compares it: abbreviations expanded, every spokes-noun
    "spokesperson"."""
    key = L.TITLE_ABBREVIATIONS.get(key, key)
    return "spokesperson" if key in L.SPOKESPERSON else key


def classify_chain(
    text: str, toks: list[Tok], a: int, b: int, definite: bool, pre_titles: list[str]
) -> Name:
    """What the chain ``toks[a:b]`` names (``definite``: "the" before it; ``pre_titles``:
    title words before it): an outlet, a known or suffixed organisation, an acronym, a group,
    a bare title, or a person with titles stripped; a bare capitalised word with no evidence
    is a weak person, an organisation until something shows otherwise."""
    chain = toks[a:b]
    raw = text[chain[0].start : chain[-1].end]
    low = re.sub(r"\s+", " ", raw.lower().replace("’", "'"))
    keys = [t.key for t in chain]
    n = len(chain)
    base: dict[str, Any] = dict(start=chain[0].start, end=chain[-1].end)

    canon = L.OUTLET_ALIASES.get(low) or L.OUTLET_ALIASES.get(low.replace(".", ""))
    if canon:
        return Name("publication", canon, n, key=org_key(canon), aliases={org_key(low)}, **base)
    if n == 1 and definite and keys[0] in L.PUB_SHORT:
        return Name(
            "publication", "The " + chain[0].text, 1, key=org_key(raw), short=keys[0], **base
        )
    okey = org_key(raw)
    if _place_key(raw) in L.PLACES:  # "Mexico said": a country speaks through its government
        return Name("organization", raw, n, key=okey, **base)
    if okey in L.KNOWN_ORGS or low in L.KNOWN_ORGS:
        name = Name("organization", raw, n, key=okey, **base)
        if n == 1 and is_acronym(chain[0]):
            name.acronym = okey
        return name
    if n >= 2 and keys[-1] in L.PUB_WORDS:
        return Name("publication", raw, n, key=okey, **base)
    if any(t.text == "&" for t in chain):  # "Halden & Rusk", "Procter & Gamble"
        return _org_name(raw, chain, okey, base)
    if keys[-1] in L.ORG_SUFFIXES or any(
        k in L.ORG_SUFFIXES and keys[i + 1] in ("of", "for", "on") for i, k in enumerate(keys[:-1])
    ):
        return _org_name(raw, chain, okey, base)
    if n == 1 and is_acronym(chain[0]) and keys[0] not in L.ACRONYM_STOP:
        return Name("organization", raw, 1, key=okey, acronym=okey, **base)
    if keys[-1] in L.GROUP_PROPER or (keys[-1] in L.ANON_HEADS and keys[-1].endswith("s")):
        return Name("group", raw, n, **base)  # "Democrats", "Black Lawmakers"

    # a person, a bare title, or a name of unknown kind: split titles off the front
    # "President", "NATO Secretary General", "White House Press Secretary" (but "Jim
    # Justice", "Howard Dean": a title word after a plain name is a surname)
    if all(
        k in L.TITLE_WORDS or is_acronym(t) or k in L.ORG_SUFFIXES or not t.word
        for k, t in zip(keys, chain)
    ) or (
        keys[-1] in L.TITLE_WORDS
        and n >= 2
        and (keys[-2] in L.TITLE_WORDS or keys[-2] in L.ORG_SUFFIXES or is_acronym(chain[-2]))
    ):
        return Name("title", raw, n, titles={title_head(keys[-1])}, **base)
    k = b - 1  # the last token always belongs to the name ("Howard Dean", "Jim Justice")
    while k > a:
        t = toks[k - 1]
        if (
            t.key in L.TITLE_WORDS
            or t.key in L.ORG_SUFFIXES
            or not t.word
            or (is_acronym(t) and not _is_initial(t))
        ):
            break
        k -= 1
    while (
        b - k >= 3
        and toks[k].key not in ALL_NAMES
        and toks[k + 1].key in ALL_NAMES
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
        first is not None and (first in ALL_NAMES or _is_initial(core[0]))
    )
    if len(core) == 1 and core[0].key in ALL_NAMES:
        evidence = True
    if len(core) >= 3 and any(t.key in L.PERSON_PARTICLES and not t.cap for t in core[1:-1]):
        evidence = True  # "Joost van Leer"
    title_heads = {title_head(p) for p in titles}
    title_heads = {h for h in title_heads if h in L.ROLE_NOUNS or h in L.SPOKESPERSON} or (
        {title_head(titles[-1])} if titles else set()
    )
    display = text[name_toks[0].start : name_toks[-1].end]
    person = Name(
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


AMBIGUOUS = Name("person", "", 0)  # expand(): several people share the surname


def _org_name(raw: str, chain: list[Tok], okey: str, base: dict) -> Name:
    name = Name("organization", raw, len(chain), key=okey, **base)
    caps = [t for t in chain if t.word and t.cap]
    if len(caps) >= 3:
        name.aliases.add("".join(t.text[0] for t in caps).lower())
    parts = [p for t in caps for p in t.text.split("-") if p[:1].isupper()]
    if len(parts) >= 3 and len(parts) > len(caps):  # "Anti-Defamation League": ADL
        name.aliases.add("".join(p[0] for p in parts).lower())
    if len(chain) >= 2 and chain[-1].key in _CORP_ENDINGS:
        name.aliases.add(org_key(" ".join(t.text for t in chain[:-1])))
    return name


def is_place(nm: Name) -> bool:
    """A name in the place list ("Nova Scotia", "Democratic Republic of Congo")."""
    return _place_key(nm.text) in L.PLACES


@lru_cache(maxsize=1 << 14)
def _place_key(text: str) -> str:
    low = re.sub(r"\s+", " ", text.lower().replace("’", "'")).rstrip(".")
    return low[4:] if low.startswith("the ") else low


def is_known_org(nm: Name) -> bool:
    """An organisation or publication the text shows to be one (not a guess)."""
    return (
        nm.kind in ("organization", "publication")
        and nm.evidence
        and (nm.key in L.KNOWN_ORGS or nm.acronym is not None or nm.ntoks >= 2)
    )


def acronym_source(text: str, toks: list[Tok], j: int, acr: Tok) -> str | None:
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
