"""Reading one source mention: a pronoun, a name, a role ("a spokeswoman for the company"),
a title, an anonymous or a document description, or nothing (:func:`read_mention`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from service.engine import source_lexicon as L
from service.engine.lexicon import REPORTING_VERBS
from service.engine.sources.names import (
    HEADS,
    PERSON_PLURAL,
    PERSON_ROLES,
    Name,
    Tok,
    classify_chain,
    is_acronym,
    name_chains,
    org_key,
    title_head,
    tokenize,
)

_NUMBER = re.compile(
    r"\d[\d,.]*%?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?|"
    r"(?:thir|four|fif|six|seven|eigh|nine)teen|hundreds|thousands|millions|dozens"
)
_POSSESSIVE = frozenset(("'s", "’s", "'", "’"))
_SEPARATORS = frozenset((",", ";", "—", "–", "--", ":"))
_NOT_PLURAL = frozenset("press news series business analysis status campus bus".split())
_PLURAL_WORDS = frozenset(
    "people men women police staff authorities some many several most few "
    "both all others majority minority dozens hundreds thousands".split()
)
_POSSESSIVE_PRONOUNS = {
    "his": "he",
    "their": "they",
    "its": "it",
    "our": "we",
    "my": "i",
    "your": "you",
}
_REFLEXIVE = frozenset("himself herself themselves itself myself ourselves".split())
_FUNCTION = frozenset("and or of the a an to for in on at by with from as".split())


@dataclass
class MentionInfo:
    """What one mention says: its kind, and the name, head noun, description, role and
    principal grouping needs."""

    kind: str  # pronoun named role title anon doc pub_ana org_ana org pub unknown
    name: Name | None = None
    head: str | None = None
    desc: str = ""
    definite: bool = False
    fresh: bool = False
    plural: bool = False
    role: str | None = None
    gender: str | None = None
    principal: tuple[list[Tok], int, int] | None = None
    fallback: bool = False  # named only because nothing else was found
    bare: bool = False  # no determiner: "state report" in a headline
    mods: frozenset[str] = frozenset()  # "Indiana" in "the Indiana governor"
    extra: list[MentionInfo] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


def _desc(text: str, toks: list[Tok], i: int, j: int) -> str:
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
        and not is_acronym(t)
        and not named_next
        and (t.key in HEADS or t.key in L.DETERMINERS or t.key in L.TITLE_WORDS)
    ):
        out = out[0].lower() + out[1:]  # capitalised only because it opens the sentence
    return out


def read_mention(text: str, start: int, end: int) -> MentionInfo:
    """Read the mention ``text[start:end]``: its parts at commas, the naming part first
    (see the package docstring)."""
    toks = tokenize(text, start, end)
    while toks and not (toks[0].word or toks[0].text[0].isdigit()):
        toks.pop(0)
    while toks and not (toks[-1].word or toks[-1].text[0].isdigit()):
        toks.pop()
    if not toks:
        return MentionInfo("unknown")  # punctuation only: no source
    if len(toks) == 1 and toks[0].low in L.PRONOUNS:
        return MentionInfo("pronoun", head=toks[0].low)
    if len(toks) == 1 and toks[0].low in _POSSESSIVE_PRONOUNS:  # "his" (statement)
        return MentionInfo("pronoun", head=_POSSESSIVE_PRONOUNS[toks[0].low])
    if len(toks) == 2 and toks[1].text in _POSSESSIVE and toks[0].low in L.PRONOUNS:
        return MentionInfo("pronoun", head=toks[0].low)  # "she's"
    if len(toks) <= 2 and all(
        t.word and t.key not in HEADS and (t.key in REPORTING_VERBS or t.key in ("according", "to"))
        for t in toks
    ):
        return MentionInfo("unknown")  # a cue word in the source slot ("said"): no source
    aliases: list[str] = []
    kept: list[Tok] = []
    depth = 0
    inner: list[Tok] = []
    for t in toks:
        if t.text in ("(", "["):
            depth += 1
            inner = []
        elif t.text in (")", "]") and depth:
            depth -= 1
            if len(inner) == 1 and is_acronym(inner[0]):
                aliases.append(org_key(inner[0].text))
        elif depth:
            inner.append(t)
        else:
            kept.append(t)
    segs: list[list[Tok]] = [[]]
    for t in kept:
        if t.text in _SEPARATORS or (t.text == "-" and segs[-1] and text[t.start - 1] == " "):
            segs.append([])
        else:
            segs[-1].append(t)
    segs = [g for g in segs if any(t.word for t in g)]
    if not segs:
        return MentionInfo(
            "unknown"
        )  # numbers and punctuation only ("4" of "4 min read"): no source
    if len(segs) > 1:  # content glued onto the source: keep the noun-phrase parts
        segs = [g for g in segs if not _is_clause(g)] or segs
    infos = [_segment(text, g) for g in segs]
    # the first part decides, unless it only describes a person named in a later part
    # ("a spokeswoman for the company, Jane Doe") or says nothing ("unknown")
    primary = infos[0]
    if primary.kind != "named":
        person_like = primary.kind in ("role", "title") or (
            primary.kind == "anon"
            and primary.head in PERSON_ROLES | L.ANON_HEADS
            and not primary.plural
        )
        later = [x for x in infos[1:] if x.kind == "named" and not x.fallback]
        people = [x for x in later if x.name is not None and x.name.kind == "person"]
        if person_like and people:
            primary = people[0]
        elif (
            primary.kind == "unknown"
            and later
            and later[0].name is not None
            and not later[0].name.weak
        ):
            primary = later[0]
    primary.extra = [x for x in infos if x is not primary]
    primary.aliases = aliases
    return primary


_AUXILIARIES = frozenset(
    "will would could should can may might must shall has have had is are was were".split()
)
_RELATIVE = frozenset("who whom whose which that".split())


def _is_clause(toks: list[Tok]) -> bool:
    """A part with a finite verb of its own ("the Pentagon will double its orders"), not a
    noun phrase; a verb inside a relative clause ("a diplomat who was there") does not count."""
    for t in toks:
        if t.key in _RELATIVE:
            return False
        if t.key in _AUXILIARIES:
            return True
    return False


def _segment(text: str, toks: list[Tok]) -> MentionInfo:
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
    chains = name_chains(text, toks, i, n, initial_lo=(i == 0))
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
        name = classify_chain(text, toks, a, b, False, [toks[a - 1].key])
        if name.kind == "person" and not name.weak:
            name.title_words |= {t.key for t in toks[i:a] if t.word}
            return MentionInfo("named", name=name, definite=definite)
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
        if k not in in_chain and toks[k].key in HEADS:
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
        name = classify_chain(text, toks, a, b, definite_name, pre)
        name.title_words |= {t.key for t in toks[i:a] if t.word}
        if (
            b - a == 1
            and name.weak
            and toks[a].key.endswith("s")
            and any(d in L.QUANTIFIERS or _NUMBER.fullmatch(d) for d in dets)
        ):
            name.kind = "group"  # "many Latinos", "31 Hispanics"
        if name.kind == "group":
            return MentionInfo(
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
            return MentionInfo(
                "title", name=name, head=head, definite=True, desc=name.text, mods=mods
            )
        return MentionInfo("named", name=name, definite=definite)
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
            return MentionInfo(
                "role",
                head=title_head(h),
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
            return MentionInfo(
                "doc", head=h, desc=desc, definite=definite, fresh=fresh, plural=plural, bare=bare
            )
        if h in L.ANON_HEADS or h in L.SPOKESPERSON or h in L.ROLE_NOUNS:
            return MentionInfo(
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
            return MentionInfo(
                "pub_ana" if definite else "pub", head=h, desc=desc, definite=definite
            )
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
                owner = classify_chain(text, toks, a, b, False, [])
                short = owner.surname if owner.kind == "person" and not owner.weak else None
                raw = text[toks[a].start : toks[last].end]
                key = org_key(f"{short or text[toks[a].start : toks[b - 1].end]} {h}")
                name = Name(
                    "organization",
                    raw,
                    last + 1 - a,
                    key=key,
                    start=toks[a].start,
                    end=toks[last].end,
                )
                return MentionInfo("named", name=name, definite=definite)
            possessive = any(t.text in _POSSESSIVE for t in toks[:last])
            return MentionInfo(
                "org_ana" if definite or possessive else "org", head=h, desc=desc, definite=definite
            )
    desc = _desc(text, toks, 0, n)
    if i in (n, bnd) or partitive:
        if dets:  # "some", "many", "most of them"
            return MentionInfo("anon", head=dets[-1], desc=desc, plural=True)
    common = [t for t in toks[i:main_end] if t.word and not t.cap and t.key not in _FUNCTION]
    if common:  # a description whose head we do not know: a person noun by its ending?
        h = common[-1].key
        if PERSON_PLURAL.search(h) and h not in L.DOC_NOUNS:
            return MentionInfo(
                "anon", head=h, desc=desc, definite=definite, fresh=fresh, plural=True
            )
    elif chains:  # only names, none ending the noun phrase: fall back to the first
        a, b = chains[0]
        name = classify_chain(text, toks, a, b, a > 0 and toks[a - 1].key == "the", [])
        if name.kind in ("person", "organization", "publication"):
            return MentionInfo("named", name=name, definite=definite, fallback=True)
    return MentionInfo("unknown", desc=desc)


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
