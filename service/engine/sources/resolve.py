"""The entry point: :func:`resolve_sources` reads each mention, groups names and
descriptions in text order, then resolves pronouns, and returns the article's sources."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from service.engine.furniture import strip_dateline
from service.engine.sources.grouping import Entity, Resolver
from service.engine.sources.mentions import MentionInfo, read_mention
from service.engine.sources.pronouns import PRONOUN_PARAGRAPH_WINDOW, resolve_pronouns
from service.engine.types import Source, SourceType, Span

__all__ = ["Mention", "resolve_sources", "PRONOUN_PARAGRAPH_WINDOW"]


@dataclass(frozen=True)
class Mention:
    """One relation's source span (character offsets, end exclusive)."""

    start: int
    end: int


def _as_span(m) -> tuple[int, int] | None:
    if m is None:
        return None
    if hasattr(m, "start") and hasattr(m, "end"):  # Mention, Span
        return int(m.start), int(m.end)
    a, b = m
    return int(a), int(b)


def resolve_sources(
    text: str,
    mentions: list[tuple[int, int] | None],
    quotes: list[tuple[int, int]] | None = None,
    paras: list[tuple[int, int]] | None = None,
) -> tuple[list[Source], list[str | None]]:
    """Group source mentions (one per relation; None = relation without a source) into sources.

    Returns the sources (ids "s1", "s2", ... in order of first mention) and, per input
    mention, the id of its source (None when the mention is None or unresolved). A mention
    opening a paragraph with a dateline is read from after it (:func:`strip_dateline`), and
    the sources' ``mentions`` are the spans so trimmed. ``quotes`` and ``paras``: the text's
    quote intervals and paragraphs, if already computed.
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

    r = Resolver(text, quotes, paras)
    infos: dict[tuple[int, int], MentionInfo] = {}
    for sp in spans:
        if sp is not None and sp not in infos:
            infos[sp] = read_mention(text, *sp)
    order = sorted(infos, key=lambda sp: (sp[0], sp[1]))
    resolved: dict[tuple[int, int], Entity | None] = {}

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
    resolve_pronouns(r, infos, order, resolved)

    # output
    for idx, sp in enumerate(spans):
        ent = resolved.get(sp) if sp is not None else None
        if ent is not None:
            ent.count += 1
            ent.mentions.append(idx)
    live = [e for e in r.entities if e.count]
    at = {i: sp for i, sp in enumerate(spans) if sp is not None}  # a mention has its span
    first_at = {id(e): min(at[i][0] for i in e.mentions) for e in live}
    live.sort(key=lambda e: first_at[id(e)])
    ids: dict[int, str] = {}
    sources = []
    for k, e in enumerate(live, 1):
        sid = f"s{k}"
        ids[id(e)] = sid
        uniq = sorted({at[i] for i in e.mentions})
        kind = "organization" if e.weak else e.kind
        named = e.named and kind in ("person", "organization", "publication")
        sources.append(
            Source(
                id=sid,
                name=e.display() or text[uniq[0][0] : uniq[0][1]].strip(),
                type=cast(SourceType, kind),  # an entity's kind is a source type
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
