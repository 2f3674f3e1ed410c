"""Reader for GUM (Georgetown University Multilayer corpus) documents used to evaluate the engine.

A document is rebuilt from its UD file (``dep/NAME.conllu``) the way ``gum_text.py`` in the
shared tools does it: the ``# text`` lines of a paragraph joined by one space, paragraphs
(``# newpar``) joined by a line break, a final line break. Every token gets its character
offsets in that text, so the engine's offsets map onto GUM tokens.

On top of the tokens:

- ``rst/NAME.rs4``: attribution relations. A segment (or group) whose ``relname`` is
  ``attribution-positive``/``-negative`` holds the source and cue; what it attaches to (its
  parent node) holds what is attributed: every segment under the parent except those under
  the source node. Segments are mapped to tokens by walking their text against the tokens.
- ``coref/NAME.conll``: entity mentions (``(person-12-Link`` ... ``person-12)``), one token a
  line, with character spans, entity id and type; mentions of one entity form a chain.
"""

from __future__ import annotations

import bisect
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

__all__ = [
    "GENRES",
    "PRONOUN_TAGS",
    "Token",
    "Sentence",
    "Mention",
    "Relation",
    "GumDocument",
    "parse_conllu",
    "parse_rs4",
    "parse_coref",
    "read_document",
    "read_splits",
    "read_documents",
    "document_names",
]

GENRES = ("news", "interview")
# Penn tags of a pronoun mention: personal, possessive, wh-pronoun
PRONOUN_TAGS = frozenset({"PRP", "PRP$", "WP", "WP$"})
SELECTIONS = ("train", "dev", "test", "dev+test", "all")


@dataclass(frozen=True)
class Token:
    index: int  # position in the document's token stream
    start: int  # character offsets in the rebuilt text, end exclusive
    end: int
    form: str
    xpos: str
    sentence: int


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    tokens: tuple[int, int]  # token index range [first, last + 1)
    paragraph: int


@dataclass(frozen=True)
class Mention:
    """An entity mention: tokens [first, last + 1), characters [start, end)."""

    tokens: tuple[int, int]
    start: int
    end: int
    entity: int
    type: str
    link: str | None = None
    pronoun: bool = False


@dataclass(frozen=True)
class Relation:
    """An RST attribution: the source+cue node's tokens and the attributed node's tokens."""

    relname: str  # attribution-positive or attribution-negative
    source_tokens: tuple[int, ...]
    content_tokens: tuple[int, ...]


@dataclass
class GumDocument:
    name: str
    genre: str
    text: str
    tokens: list[Token]
    sentences: list[Sentence]
    paragraphs: list[tuple[int, int]]  # character spans of the paragraphs
    relations: list[Relation] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def span(self, token_indices) -> tuple[int, int]:
        """Characters from the first to the last of some tokens."""
        idx = sorted(token_indices)
        return self.tokens[idx[0]].start, self.tokens[idx[-1]].end

    def token_at(self, offset: int) -> int | None:
        """The index of the token holding character ``offset``, or None (whitespace)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.tokens[i].start <= offset < self.tokens[i].end:
            return i
        return None

    @cached_property
    def _starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    @cached_property
    def chains(self) -> dict[int, list[Mention]]:
        """Entity id -> its mentions in text order (a coreference chain)."""
        out: dict[int, list[Mention]] = {}
        for m in sorted(self.mentions, key=lambda m: (m.start, -m.end)):
            out.setdefault(m.entity, []).append(m)
        return out

    def antecedent(self, mention: Mention) -> Mention | None:
        """The nearest earlier mention of the same entity that is not a pronoun, or None."""
        best = None
        for m in self.chains.get(mention.entity, []):
            if m.start >= mention.start:
                break
            if not m.pronoun:
                best = m
        return best


# --- UD trees: text, tokens, sentences, paragraphs ---------------------------------------


def _place(text: str, form: str, pos: int) -> tuple[int, int]:
    """Where ``form`` starts at or after ``pos`` in ``text`` (skipping spaces)."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    if text.startswith(form, pos):
        return pos, pos + len(form)
    found = text.find(form, pos)
    if found >= 0:
        return found, found + len(form)
    return pos, pos  # the form is not in the sentence text: an empty span where it should be


def parse_conllu(conllu: str, name: str = "", genre: str = "") -> GumDocument:
    """Text, tokens with offsets, sentences and paragraphs of one UD document."""
    paragraphs: list[list[tuple[str, list[list[str]], dict[int, tuple[int, str]]]]] = []
    sent_text: str | None = None
    rows: list[list[str]] = []
    mwt: dict[int, tuple[int, str]] = {}
    new_par = True

    def close():
        nonlocal sent_text, rows, mwt, new_par
        if sent_text is not None:
            if new_par or not paragraphs:
                paragraphs.append([])
                new_par = False
            paragraphs[-1].append((sent_text, rows, mwt))
        sent_text, rows, mwt = None, [], {}

    for line in conllu.splitlines():
        if not line.strip():
            close()
        elif line.startswith("# newpar") and not line.startswith("# newpar_"):
            close()
            new_par = True
        elif line.startswith("# text = "):
            sent_text = line[len("# text = ") :]
        elif line.startswith("#"):
            continue
        else:
            cols = line.split("\t")
            if "-" in cols[0]:
                first, final = cols[0].split("-")
                mwt[int(first)] = (int(final), cols[1])
            elif "." not in cols[0]:
                rows.append(cols)
    close()

    text_parts: list[str] = []
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    par_spans: list[tuple[int, int]] = []
    offset = 0
    for p, par in enumerate(paragraphs):
        par_start = offset
        for s, (stext, srows, smwt) in enumerate(par):
            if s:
                text_parts.append(" ")
                offset += 1
            first_tok = len(tokens)
            pos = 0
            pending: list[int] = []  # (start, end, last word id) of a multiword token
            for cols in srows:
                wid, form = int(cols[0]), cols[1]
                xpos = cols[4] if len(cols) > 4 else "_"
                if wid in smwt:
                    last, surface = smwt[wid]
                    a, b = _place(stext, surface, pos)
                    pos = b
                    pending = [a, b, last]
                if pending and wid <= pending[2]:
                    a, b, last = pending
                    # split the surface by the words' lengths when they spell it out
                    if stext[a:b].startswith(form):
                        start, end = a, a + len(form)
                        pending[0] = end
                    else:
                        start, end = a, b
                    if wid == last:
                        pending = []
                else:
                    start, end = _place(stext, form, pos)
                    pos = end
                tokens.append(
                    Token(len(tokens), offset + start, offset + end, form, xpos, len(sentences))
                )
            sentences.append(
                Sentence(len(sentences), offset, offset + len(stext), (first_tok, len(tokens)), p)
            )
            text_parts.append(stext)
            offset += len(stext)
        par_spans.append((par_start, offset))
        text_parts.append("\n")
        offset += 1
    return GumDocument(
        name=name,
        genre=genre,
        text="".join(text_parts),
        tokens=tokens,
        sentences=sentences,
        paragraphs=par_spans,
    )


# --- RST: attribution relations ----------------------------------------------------------


def _segment_tokens(
    segments: list[tuple[str, str]], tokens: list[Token]
) -> dict[str, tuple[int, ...]]:
    """Segment id -> token indices, walking each segment's characters against the tokens.

    Raises ValueError when a segment's characters do not end where a token ends (a letter
    mistyped in a segment, as in one court document, is let through)."""
    out: dict[str, tuple[int, ...]] = {}
    i = 0
    for sid, stext in segments:
        want = "".join(stext.split())
        got, idx = "", []
        while i < len(tokens) and len(got) < len(want):
            got += tokens[i].form.replace(" ", "")
            idx.append(i)
            i += 1
        if len(got) != len(want):
            raise ValueError(
                f"RST segment {sid} ({stext.strip()[:40]!r}) does not match the "
                f"tokens at {idx[0] if idx else i} ({got[:40]!r})"
            )
        out[sid] = tuple(idx)
    return out


def parse_rs4(xml_text: str, tokens: list[Token]) -> list[Relation]:
    """The attribution relations of an rstWeb (.rs3/.rs4) document, over ``tokens``
    (tree edges and ``<secedge>`` secondary edges)."""
    body = ET.fromstring(xml_text).find("body")
    if body is None:
        return []
    parent: dict[str, str | None] = {}
    relname: dict[str, str] = {}
    segments: list[tuple[str, str]] = []
    for node in body:
        if node.tag not in ("segment", "group"):
            continue
        nid = node.get("id", "")
        parent[nid] = node.get("parent")
        relname[nid] = node.get("relname", "")
        if node.tag == "segment":
            segments.append((nid, node.text or ""))
    seg_tokens = _segment_tokens(segments, tokens)
    children: dict[str, list[str]] = {}
    for nid, par in parent.items():
        if par:
            children.setdefault(par, []).append(nid)

    def under(nid: str) -> set[str]:
        out, stack = set(), [nid]
        while stack:
            n = stack.pop()
            if n in out:
                continue
            out.add(n)
            stack += children.get(n, [])
        return out

    # (source node, attributed node, relname): tree edges, then secondary edges
    edges: list[tuple[str, str, str]] = [
        (nid, par, relname[nid])
        for nid, par in parent.items()
        if relname[nid].startswith("attribution") and par
    ]
    secedges = body.find("secedges")
    for edge in secedges if secedges is not None else ():
        if edge.get("relname", "").startswith("attribution"):
            edges.append((edge.get("source", ""), edge.get("target", ""), edge.get("relname", "")))
    relations = []
    for nid, target, name in edges:
        source_nodes, content_nodes = under(nid), under(target)
        if target in source_nodes:  # a secondary edge down to a node under the source
            source_nodes -= content_nodes
        content_nodes -= source_nodes
        src = tuple(sorted(t for n in source_nodes for t in seg_tokens.get(n, ())))
        con = tuple(sorted(t for n in content_nodes for t in seg_tokens.get(n, ())))
        if src and con:
            relations.append(Relation(name, src, con))
    relations.sort(key=lambda r: (min(r.source_tokens + r.content_tokens), r.source_tokens))
    return relations


# --- coreference --------------------------------------------------------------------------

_OPEN = re.compile(r"\(([a-z]+)-(\d+)(?:-([^()\s|]+))?(\))?")
_CLOSE = re.compile(r"(?<!\()\b([a-z]+)-(\d+)(?:-[^()\s|]+)?\)")


def parse_coref(conll: str, tokens: list[Token]) -> list[Mention]:
    """Entity mentions from a GUM coref .conll file (one token a line, brackets in column 3)."""
    mentions: list[Mention] = []
    open_: dict[int, list[tuple[int, str, str | None]]] = {}
    i = -1
    for line in conll.splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        i += 1
        if len(cols) < 3 or cols[2] == "_" or i >= len(tokens):
            continue
        col = cols[2]

        def add(first: int, etype: str, ent: int, link: str | None, i: int = i):
            pron = first == i and tokens[i].xpos in PRONOUN_TAGS
            mentions.append(
                Mention((first, i + 1), tokens[first].start, tokens[i].end, ent, etype, link, pron)
            )

        for m in _OPEN.finditer(col):
            etype, ent, link, closed = m.group(1), int(m.group(2)), m.group(3), m.group(4)
            if closed:
                add(i, etype, ent, link)
            else:
                open_.setdefault(ent, []).append((i, etype, link))
        # closers not part of a one-token "(type-n)"
        rest = _OPEN.sub(lambda m: "" if m.group(4) else "", col)
        for m in _CLOSE.finditer(rest):
            ent = int(m.group(2))
            if open_.get(ent):
                first, etype, link = open_[ent].pop()
                add(first, etype, ent, link)
    mentions.sort(key=lambda m: (m.start, -m.end, m.entity))
    return mentions


# --- documents and splits -----------------------------------------------------------------


def read_document(gum_root: str | Path, name: str) -> GumDocument:
    """One GUM document with its attribution relations and entity mentions."""
    root = Path(gum_root)
    genre = name.split("_")[1] if name.count("_") >= 2 else ""
    doc = parse_conllu((root / "dep" / f"{name}.conllu").read_text(encoding="utf-8"), name, genre)
    rs4 = root / "rst" / f"{name}.rs4"
    if rs4.exists():
        doc.relations = parse_rs4(rs4.read_text(encoding="utf-8"), doc.tokens)
    coref = root / "coref" / f"{name}.conll"
    if coref.exists():
        doc.mentions = parse_coref(coref.read_text(encoding="utf-8"), doc.tokens)
    return doc


def read_splits(gum_root: str | Path) -> dict[str, str]:
    """Document name -> split (train, dev, test, test2) from GUM's ``splits.md``."""
    out, split = {}, None
    path = Path(gum_root) / "splits.md"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            split = line[3:].strip()
        elif line.strip().startswith("* ") and split:
            out[line.strip()[2:].strip()] = split
    return out


def document_names(gum_root: str | Path, genres=GENRES, selection: str = "all") -> list[str]:
    """Names of the documents of ``genres`` in ``selection`` (a split, "dev+test" or "all")."""
    if selection not in SELECTIONS:
        raise ValueError(f"unknown GUM selection {selection!r} (one of {', '.join(SELECTIONS)})")
    root = Path(gum_root)
    names = sorted(
        p.stem for p in (root / "dep").glob("GUM_*.conllu") if p.stem.split("_")[1] in genres
    )
    if selection == "all":
        return names
    wanted = {"dev+test": {"dev", "test"}}.get(selection, {selection})
    splits = read_splits(root)
    return [n for n in names if splits.get(n) in wanted]


def read_documents(
    gum_root: str | Path, genres=GENRES, selection: str = "all", limit: int | None = None
) -> list[GumDocument]:
    """The documents of ``genres`` in ``selection``, in name order (first ``limit`` only)."""
    names = document_names(gum_root, genres, selection)
    return [read_document(gum_root, n) for n in names[:limit]]
