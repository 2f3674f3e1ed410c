"""Reader for the PolNeAR corpus (brat standoff attribution relations)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

SPLITS = ("train", "dev", "test")
ROLE_TYPES = {"Source", "Cue", "Content"}


@dataclass(frozen=True)
class Fragmented:
    """A brat span: one or more (start, end) fragments, in text order."""

    fragments: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


@dataclass
class Relation:
    """One attribution relation: cue, optional source, one or more content spans."""

    id: str
    cue: Fragmented | None
    source: Fragmented | None
    content: list[Fragmented] = field(default_factory=list)


@dataclass
class Document:
    name: str
    split: str
    publisher: str
    date: str
    text: str
    relations: list[Relation]


def _parse_offsets(field_: str) -> tuple[tuple[int, int], ...]:
    frags = []
    for part in field_.split(";"):
        a, b = part.split()
        frags.append((int(a), int(b)))
    return tuple(sorted(frags))


def parse_ann(ann_text: str) -> list[Relation]:
    """Parse a brat .ann file into relations; Discuss/Discard annotations are ignored."""
    spans: dict[str, tuple[str, Fragmented]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line in ann_text.splitlines():
        if not line.strip():
            continue
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            head = parts[1].split(" ", 1)
            if len(head) != 2:
                continue
            try:
                spans[parts[0]] = (head[0], Fragmented(_parse_offsets(head[1])))
            except ValueError:
                continue
        elif line.startswith("E") and len(parts) >= 2:
            args = [tuple(a.split(":", 1)) for a in parts[1].split() if ":" in a]
            events.append((parts[0], args))  # type: ignore[arg-type]
    relations = []
    for eid, roles in events:
        rel = Relation(id=eid, cue=None, source=None)
        for role, ref in roles:
            if ref not in spans:
                continue
            _, span = spans[ref]
            if role == "Cue":
                rel.cue = span
            elif role == "Source":
                rel.source = span
            elif role.startswith("Content"):
                rel.content.append(span)
        if rel.cue is not None or rel.content:
            rel.content.sort(key=lambda s: s.start)
            relations.append(rel)
    return relations


def read_metadata(root: Path) -> list[dict[str, str]]:
    with open(Path(root) / "metadata.tsv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def read_split(root: str | Path, split: str, limit: int | None = None) -> list[Document]:
    """Read one split of PolNeAR from ``root`` (the ``polnear/`` folder).

    Uses the first annotator listed in ``metadata.tsv`` for each article.
    ``limit`` takes the first N articles in file-name order (for quick runs).
    """
    root = Path(root)
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {SPLITS}")
    if not (root / split).is_dir():
        raise FileNotFoundError(f"PolNeAR split not found: {root / split}")
    rows = sorted(
        (r for r in read_metadata(root) if r["compartment"] == split),
        key=lambda r: r["filename"],
    )
    docs = []
    for row in rows[:limit] if limit else rows:
        name = row["filename"]
        annotator = re.split(r"[|,]", row["annotators"])[0].strip()
        text = (root / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        ann_path = root / split / "attributions" / f"{name}_{annotator}.ann"
        relations = parse_ann(ann_path.read_text(encoding="utf-8")) if ann_path.exists() else []
        docs.append(
            Document(name, split, row["publisher"], row["publication_date"], text, relations)
        )
    return docs


def read_multi_annotated(root: str | Path, split: str) -> list[list[Document]]:
    """Articles annotated by more than one annotator: one Document per annotator each."""
    root = Path(root)
    by_article: dict[str, list[Path]] = {}
    for path in sorted((root / split / "attributions").glob("*.ann")):
        by_article.setdefault(path.stem.rsplit("_", 1)[0], []).append(path)
    out = []
    for name, paths in by_article.items():
        if len(paths) < 2:
            continue
        text = (root / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        out.append(
            [
                Document(name, split, "", "", text, parse_ann(p.read_text(encoding="utf-8")))
                for p in paths
            ]
        )
    return out
