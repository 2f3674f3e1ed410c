"""Pronoun mentions: he/she/they/it to the nearest fitting source mention or name before
them, who/which/that to the phrase just before, I/we inside a quotation to its speaker and
"I" outside quotations to the byline's author."""

from __future__ import annotations

import re
from bisect import bisect_left

from service.engine import source_lexicon as L
from service.engine.sources.grouping import RIVAL, Entity, Resolver
from service.engine.sources.mentions import MentionInfo
from service.engine.sources.names import org_key

# A pronoun's antecedent must lie in its paragraph or the (window - 1) paragraphs before it.
PRONOUN_PARAGRAPH_WINDOW = 3
# Greatest gap in characters between a quotation and the source mention taken as its speaker.
QUOTE_SPEAKER_GAP = 120
_JUST_BEFORE = re.compile(r"[\s,()\[\]\"”’'-]*")


def resolve_pronouns(
    r: Resolver,
    infos: dict[tuple[int, int], MentionInfo],
    order: list[tuple[int, int]],
    resolved: dict[tuple[int, int], Entity | None],
) -> None:
    """Resolve the pronoun mentions of ``order`` (sorted spans) into ``resolved``, once every
    name and description is: third-person and relative pronouns first, then first-person
    ones (a quotation's "I" is its speaker)."""
    pronouns = [sp for sp in order if infos[sp].kind == "pronoun"]
    if not pronouns:
        return
    occ = sorted(r.occ + _text_occurrences(r), key=lambda o: (o[0], o[2]))
    starts = [o[0] for o in occ]
    for sp in pronouns:
        pron = infos[sp].head
        if pron in L.FIRST_SINGULAR or pron in L.FIRST_PLURAL or pron in L.SECOND_PERSON:
            continue
        if pron in L.RELATIVE_PRONOUNS:  # "Pat Caddell, who ...": the phrase just before
            ent = _antecedent(r, sp[0], occ, starts)
            resolved[sp] = ent
            continue
        q = r.doc.quote_at(sp[0])
        speaker = _quote_speaker(r, q, sp, resolved) if q else None
        ent = _resolve_pronoun(r, pron, sp[0], occ, starts, exclude=speaker)
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


def _text_occurrences(r: Resolver) -> list[tuple[int, int, int, Entity]]:
    out = []
    for tn in r.doc.names:
        if tn.place:
            continue
        nm = tn.name
        if nm.weak or not nm.evidence or (nm.kind == "person" and nm.ntoks == 1 and not nm.titles):
            # "New York", "the United States", "Charlotte, N.C.": only known ones
            ent = (
                r.find_person(nm.surname, nm.first, tn.start) if nm.kind == "person" else None
            ) or r.by_key.get(org_key(nm.text))
            if ent is None and nm.kind == "person" and nm.ntoks == 1:
                ent = r.by_first_name(nm.surname)  # "Thomas' sister": Thomas Sam
            if ent is None and nm.kind == "person" and nm.ntoks >= 2 and not nm.weak:
                ent = RIVAL  # "Kwame Osei": maybe a man, so "he" is not an earlier one
        else:
            ent = r.link(nm, tn.start, create=True)
        if ent is not None:
            out.append((tn.start, tn.end, 2 if tn.quoted else 1, ent))
    return out


def _antecedent(r: Resolver, s: int, occ, starts) -> Entity | None:
    """The entity of a mention or name ending just before s (commas and spaces between)."""
    j = bisect_left(starts, s) - 1
    best = None
    while j >= 0 and s - occ[j][0] < 200:
        os_, oe, rank, ent = occ[j]
        j -= 1
        if (
            oe <= s
            and _JUST_BEFORE.fullmatch(r.text, oe, s)
            and (best is None or oe > best[0] or (oe == best[0] and rank < best[1]))
        ):
            best = (oe, rank, ent)
    return best[2] if best else None


def _resolve_pronoun(
    r: Resolver, pron: str | None, s: int, occ, starts, exclude: Entity | None = None
) -> Entity | None:
    doc = r.doc
    sp, pp = doc.sent(s), doc.para(s)
    floor = pp - PRONOUN_PARAGRAPH_WINDOW + 1
    best: dict[Entity, tuple[int, int]] = {}
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
    if ent is RIVAL:
        return None
    if pron in L.MALE_PRONOUNS or pron in L.FEMALE_PRONOUNS:
        if ent.weak:
            ent.kind, ent.weak = "person", False
        if ent.gender is None:  # "Tomas Lund ... He said": a later "she" is not Lund
            ent.gender = "m" if pron in L.MALE_PRONOUNS else "f"
    return ent


def _first_person(
    r: Resolver, pron: str, sp: tuple[int, int], resolved: dict[tuple[int, int], Entity | None]
) -> Entity | None:
    q = r.doc.quote_at(sp[0])
    if q is not None:
        return _quote_speaker(r, q, sp, resolved)
    if pron in L.FIRST_SINGULAR:
        _ = r.doc.names  # the scan finds the byline
        if r.doc.byline is not None:
            return r.link(r.doc.byline, sp[0], create=True)
    return None


def _quote_speaker(
    r: Resolver,
    q: tuple[int, int],
    sp: tuple[int, int],
    resolved: dict[tuple[int, int], Entity | None],
) -> Entity | None:
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
