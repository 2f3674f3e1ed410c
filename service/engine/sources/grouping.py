"""Grouping mentions into an article's sources: the entities (people, organisations,
publications, anonymous sources, documents), how a name or description links to one, and
:class:`Resolver`, which holds them while the mentions are read in text order."""

from __future__ import annotations

from functools import lru_cache

from service.engine import source_lexicon as L
from service.engine.sources.article import Article
from service.engine.sources.mentions import MentionInfo
from service.engine.sources.names import (
    ALL_NAMES,
    AMBIGUOUS,
    PERSON_ROLES,
    Name,
    classify_chain,
    name_chains,
    org_key,
)
from service.engine.tokens import LOWER_WORD

_ROLES_FOR = frozenset("spokesperson lawyer attorney counsel representative".split())


class Entity:
    """One source while mentions are grouped: its names, titles, gender, kind, mentions."""

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

    def add_name(self, nm: Name) -> None:
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
RIVAL = Entity("person", True, "")


@lru_cache(maxsize=4096)
def _name_words(name: str) -> frozenset[str]:
    return frozenset(LOWER_WORD.findall(name.lower()))


def _first_compatible(a: str | None, b: str | None) -> bool:
    return (
        a is None
        or b is None
        or a == b
        or (len(a) <= 2 and b.startswith(a[0]))
        or (len(b) <= 2 and a.startswith(b[0]))
    )


class Resolver:
    """The entities of one article while its mentions are read: a registry by surname and
    by key, and the occurrences (source mentions) seen so far."""

    def __init__(
        self,
        text: str,
        quotes: list[tuple[int, int]] | None = None,
        paras: list[tuple[int, int]] | None = None,
    ):
        self.text = text
        self.doc = Article(text, quotes, paras)
        self.entities: list[Entity] = []
        self.by_key: dict[object, Entity | None] = {}  # None: a name that made no entity
        self.people: list[Entity] = []
        # (start, end, rank, entity); rank 0 = source mention
        self.occ: list[tuple[int, int, int, Entity]] = []

    # -- registry ----------------------------------------------------------------------------

    def new(self, kind: str, named: bool, label: str = "") -> Entity:
        e = Entity(kind, named, label)
        self.entities.append(e)
        return e

    def register(self, e: Entity, nm: Name) -> None:
        e.add_name(nm)
        if nm.kind == "person":
            if e.surname is None:
                e.surname = nm.surname
                self.people.append(e)
        else:
            for k in {nm.key, *nm.aliases} - {None}:
                self.by_key.setdefault(k, e)

    def find_person(
        self, surname: str | None, first: str | None, pos: int, gender: str | None = None
    ) -> Entity | None:
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

    def by_first_name(self, first: str | None) -> Entity | None:
        """The one person known by this first name ("Thomas" for "Thomas Sam"); a rival when
        several share it."""
        if not first or first not in ALL_NAMES:
            return None
        found = [e for e in self.people if e.first == first and e.kind == "person"]
        return found[0] if len(found) == 1 else RIVAL if found else None

    def find_org(self, nm: Name) -> Entity | None:
        keys = [nm.key, *nm.aliases]
        if nm.acronym and nm.acronym in self.doc.acronyms:
            keys.append(org_key(self.doc.acronyms[nm.acronym]))
        for k in keys:
            if k in self.by_key:
                return self.by_key[k]
        return None

    def expand(self, nm: Name, pos: int) -> Name | None:
        """A fuller form in the text of a one-word name: "Mark Rutte" for "Rutte"."""
        token = nm.surname or nm.key
        best = None
        people: dict[str, Name] = {}
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
            return AMBIGUOUS  # two people share the surname: do not guess
        if nm.acronym and nm.acronym in self.doc.acronyms:
            long = self.doc.acronyms[nm.acronym]
            for tn in self.doc.names:
                if tn.name.text == long or org_key(tn.name.text) == org_key(long):
                    return tn.name
        return best[1] if best else None

    def link(self, nm: Name, pos: int, create: bool) -> Entity | None:
        """The entity a name refers to; with ``create``, a new one if none exists."""
        if nm.kind == "person" and not nm.weak:
            e = self.find_person(nm.surname, nm.first, pos, nm.gender)
            if e is None and nm.first is None:
                full = self.expand(nm, pos)
                if full is not None and full is not AMBIGUOUS:
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
                nm if not nm.weak else Name("organization", nm.text, 1, key=org_key(nm.text))
            )
            if e is None:
                full = self.expand(nm, pos)
                if full is AMBIGUOUS:  # "Obama" with Barack and Michelle in the text
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
                    self.by_key.setdefault(org_key(nm.text), e)
                    return e
                e = self.new(nm.kind, True)
            if e is not None:
                if e.kind == "person":
                    return e
                if e.weak and not nm.weak:
                    e.kind, e.weak = nm.kind, False
                self.register(e, nm)
                if nm.acronym and nm.acronym in self.doc.acronyms:
                    self.by_key.setdefault(org_key(self.doc.acronyms[nm.acronym]), e)
            return e
        return None

    def latest_of(
        self, kinds: tuple[str, ...], pos: int, contains: str | None = None
    ) -> Entity | None:
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
        self, head: str | None, pos: int, mods: frozenset[str] = frozenset()
    ) -> Entity | None:
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
        self, head: str | None, pos: int, mods: frozenset[str] = frozenset()
    ) -> Entity | None:
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

    def latest_described(self, kind: str, head: str | None, pos: int) -> Entity | None:
        best_pos, best = -1, None
        for s, _e, _r, ent in self.occ:
            if s < pos and ent.kind == kind and ent.head == head and s > best_pos:
                best_pos, best = s, ent
        return best

    # -- one mention -------------------------------------------------------------------------

    def principal(self, info: MentionInfo, pos: int) -> tuple[object, str] | None:
        if info.principal is None:
            return None
        toks, a, b = info.principal
        chains = name_chains(self.text, toks, a, b, initial_lo=False)
        chains = [
            c for c in chains if not (c[1] - c[0] == 1 and toks[c[0]].key in L.GROUP_ADJECTIVES)
        ]
        if chains:
            c = chains[-1]
            nm = classify_chain(
                self.text, toks, c[0], c[1], c[0] > 0 and toks[c[0] - 1].key == "the", []
            )
            if nm.kind in ("person", "organization", "publication"):
                e = self.link(nm, pos, create=False)
                if e is not None:
                    return ("entity", id(e)), e.display()
                full = self.expand(nm, pos) if nm.ntoks == 1 else None
                full = None if full is AMBIGUOUS else full
                shown = full.text if full is not None else nm.text
                if nm.kind == "person" and not nm.weak:
                    return ("person", nm.surname), shown
                return ("org", org_key(shown)), shown
            return None
        words = [t for t in toks[a:b] if t.word]
        if words and words[-1].key in L.ORG_NOUNS | L.PUB_GENERIC and words[0].key in L.DEFINITE:
            kinds = ("publication",) if words[-1].key in L.PUB_GENERIC else ("organization",)
            e = self.latest_of(kinds, pos)
            if e is not None:
                return ("entity", id(e)), e.display()
        return None

    def resolve(self, info: MentionInfo, s: int, e: int) -> Entity | None:
        k = info.kind
        if k == "named":
            nm = info.name
            assert nm is not None  # read_mention gives a named mention its name
            ent = self.link(nm, s, create=True)
            for alias in info.aliases:
                self.by_key.setdefault(alias, ent)
            if ent is None:  # link makes no entity for a title or a group name
                return None
            for x in info.extra:  # appositions: "Jane Doe, a spokeswoman for the company"
                if x.head and (x.kind in ("role", "title") or x.head in PERSON_ROLES):
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
            assert info.head is not None  # read_mention gives a role its head noun
            if info.definite:  # "the senator", "the company's spokeswoman", "the GOP nominee"
                ent = self.latest_person_with_title(info.head, s, info.mods)
                if ent is None and info.principal is None:
                    ent = self.next_person_with_title(info.head, s, info.mods)
                if ent is not None:
                    return ent
            p = self.principal(info, s)
            if p is not None:
                key: tuple = ("role", info.role, p[0])
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
            assert info.head is not None and info.name is not None  # as read_mention gives it
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
        self, kind: str, info: MentionInfo, gender: str | None = None, headline: bool = False
    ) -> Entity:
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

    def headline_form(self, kind: str, info: MentionInfo) -> Entity | None:
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
