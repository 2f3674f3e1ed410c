"""An analysis as a report for people: a sourcing table for a terminal (:func:`format_table`)
and one CSV row per relation for spreadsheets (:func:`csv_rows`, :func:`csv_writer`).

Both take the analysis as a dict (``Analysis.to_dict()``, as the command line prints it).
"""

from __future__ import annotations

import csv
import textwrap
from collections import Counter
from collections.abc import Iterator
from typing import IO

WIDTH = 80  # columns when the caller gives none
MIN_WIDTH = 40
SENTENCE_LINES = 3  # lines of sentence text shown per sentence
CONTENT_LINES = 2  # lines of a relation's content shown
ELLIPSIS = " …"
QUOTES = tuple("\"'“‘«")  # content starting so is shown as it is, not quoted again

CSV_COLUMNS = (
    "file",
    "sentence_index",
    "sentence_label",
    "sentence_probability",
    "sentence_text",
    "relation_id",
    "kind",
    "cue_class",
    "confidence",
    "cue_text",
    "cue_start",
    "cue_end",
    "verb",
    "source_text",
    "source_start",
    "source_end",
    "source_id",
    "source_name",
    "source_type",
    "source_named",
    "content_text",
    "content_start",
    "content_end",
)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _wrap(text: str, width: int, first: str, rest: str, max_lines: int | None = None) -> list[str]:
    """``text`` on lines of at most ``width`` columns, the first after ``first``, the others
    after ``rest`` (prefixes of equal length or not), cut with ' …' after ``max_lines``."""
    lines = textwrap.wrap(
        _flat(text),
        width,
        initial_indent=first,
        subsequent_indent=rest,
        max_lines=max_lines,
        placeholder=ELLIPSIS,
        break_on_hyphens=False,
    )
    return lines or [first.rstrip()]


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _cue_sentence(relation: dict, sentences: list[dict]) -> dict | None:
    """The sentence holding the relation's cue (the first sentence listing the relation)."""
    for s in sentences:
        if relation["id"] in s.get("attribution_ids", ()):
            return s
    start = relation["cue"]["start"]
    return next((s for s in sentences if s["start"] <= start < s["end"]), None)


def _who(relation: dict, sources: dict[str, dict]) -> str:
    """Who the relation rests on: the source as written, '= resolved name' when the name
    differs (a pronoun, 'the people'), and its type."""
    span = _flat(relation["source"]["text"]) if relation.get("source") else ""
    source = sources.get(relation.get("source_id") or "")
    if source is None:
        return f"{span} (no resolved source)" if span else "(no source)"
    name = _flat(source["name"])
    shown = span if span and name.lower() in span.lower() else f"{span} = {name}" if span else name
    return f"{shown} ({source['type']})"


def _relation_lines(relation: dict, sources: dict[str, dict], indent: str, width: int) -> list[str]:
    head = f"{relation['id']}  "
    cont = indent + " " * len(head)
    cue = _flat(relation["cue"]["text"])
    about = f"{relation['cue_class']}, {relation['kind']}, {relation['confidence']:.2f}"
    line = f"{_who(relation, sources)} — {cue} [{about}]"
    lines = _wrap(line, width, indent + head, cont)
    if relation.get("content"):
        content = _flat(relation["content"]["text"])
        if not content.startswith(QUOTES):
            content = f'"{content}"'
        lines += _wrap(content, width, cont, cont, CONTENT_LINES)
    return lines


def _source_relations(result: dict) -> Counter:
    return Counter(a["source_id"] for a in result.get("attributions", ()) if a.get("source_id"))


def _sources_lines(result: dict, width: int) -> list[str]:
    sources = result.get("sources", [])
    sc = result.get("scores", {})
    title = f"Sources: {len(sources)}"
    if sources:
        title += (
            f" ({sc.get('named_sources', 0)} named, {sc.get('anonymous_sources', 0)} anonymous)"
        )
    lines = ["", title]
    if not sources:
        return lines
    counts = _source_relations(result)
    id_w = max(2, *(len(s["id"]) for s in sources))
    head = f"  {'id':<{id_w}}  {'type':<12}  relations  mentions  "
    lines.append(head + "name")
    order = sorted(sources, key=lambda s: -counts[s["id"]])  # stable: ties keep their order
    for s in order:
        row = (
            f"  {s['id']:<{id_w}}  {s['type']:<12}  {counts[s['id']]:>9}  {len(s['mentions']):>8}  "
        )
        lines += _wrap(s["name"], width, row, " " * len(row), 2)
    return lines


def _scores_lines(result: dict, width: int) -> list[str]:
    cells = []
    for key, value in result.get("scores", {}).items():
        shown = f"{value:.2f}" if isinstance(value, float) else str(value)
        cells.append(f"  {key:<28}{shown:>7}")
    cell_w = max((len(c) for c in cells), default=0) + 2
    per_line = max(1, width // cell_w)
    lines = ["", "Scores"]
    for i in range(0, len(cells), per_line):
        lines.append("".join(c.ljust(cell_w) for c in cells[i : i + per_line]).rstrip())
    return lines


def _flags_lines(result: dict, width: int) -> list[str]:
    sentences = result.get("sentences", [])
    if sentences and all(s.get("bias") is None for s in sentences):
        return ["", "Writer-voice bias flags: not checked (--no-bias)"]
    flags = [
        (s["index"], f)
        for s in sentences
        for f in (s.get("bias") or {}).get("flags", ())
        if f["voice"] == "writer"
    ]
    lines = ["", f"Writer-voice bias flags: {len(flags) or 'none'}"]
    for index, f in flags:
        first = f"  {index:>3}  "
        rest = " " * len(first)
        lines += _wrap(
            f'{f["kind"]} "{_flat(f["text"])}" ({f["confidence"]:.2f})', width, first, rest
        )
        lines += _wrap(f["reason"], width, rest + "  ", rest + "  ", 3)
    return lines


def format_table(name: str, result: dict, width: int | None = None) -> str:
    """A sourcing report in ``width`` columns (default 80): each sentence with its label,
    probability and relations (who, resolved name, type, cue, class, kind, confidence and
    the content), then the sources, the scores and the writer-voice bias flags."""
    width = max(MIN_WIDTH, width or WIDTH)
    sentences = result.get("sentences", [])
    relations = result.get("attributions", [])
    sources = {s["id"]: s for s in result.get("sources", [])}
    by_sentence: dict[int, list[dict]] = {}
    for relation in relations:
        s = _cue_sentence(relation, sentences)
        if s is not None:
            by_sentence.setdefault(s["index"], []).append(relation)
    idx_w = max(1, len(str(len(sentences) - 1))) if sentences else 1
    prefix = f"{'#':>{idx_w}}  {'label':<8}  {'prob':>5}  "
    indent = " " * len(prefix)
    sc = result.get("scores", {})
    room = width - len("== … ==")
    shown = name if len(name) <= room else "…" + name[len(name) - room + 1 :]
    summary = (
        f"{sc.get('sentences', len(sentences))} sentences, "
        f"{sc.get('reported_sentences', 0)} reported, "
        f"attribution density {sc.get('attribution_density', 0.0):.2f}; "
        f"{len(relations)} relations, {len(sources)} sources"
    )
    lines = [f"== {shown} ==", *_wrap(summary, width, "", ""), ""]
    lines.append(_cut(prefix + "text, then: source (type) — cue [class, kind, confidence]", width))
    for s in sentences:
        row = f"{s['index']:>{idx_w}}  {s['label']:<8}  {s['probability']:>5.2f}  "
        lines += _wrap(s["text"], width, row, indent, SENTENCE_LINES)
        own = by_sentence.get(s["index"], [])
        for relation in own:
            lines += _relation_lines(relation, sources, indent, width)
        held = [i for i in s.get("attribution_ids", ()) if all(r["id"] != i for r in own)]
        if held:
            lines += _wrap(f"(continues {', '.join(held)})", width, indent, indent)
    lines += _sources_lines(result, width)
    lines += _scores_lines(result, width)
    lines += _flags_lines(result, width)
    return "\n".join(lines)


def csv_rows(name: str, result: dict) -> Iterator[dict]:
    """One row per relation (columns :data:`CSV_COLUMNS`), with the sentence holding its
    cue and its resolved source; offsets are characters into the analysed text."""
    sentences = result.get("sentences", [])
    sources = {s["id"]: s for s in result.get("sources", [])}
    for a in result.get("attributions", []):
        s = _cue_sentence(a, sentences) or {}
        src = sources.get(a.get("source_id") or "") or {}
        span = a.get("source") or {}
        content = a.get("content") or {}
        yield {
            "file": name,
            "sentence_index": s.get("index", ""),
            "sentence_label": s.get("label", ""),
            "sentence_probability": s.get("probability", ""),
            "sentence_text": s.get("text", ""),
            "relation_id": a["id"],
            "kind": a["kind"],
            "cue_class": a["cue_class"],
            "confidence": a["confidence"],
            "cue_text": a["cue"]["text"],
            "cue_start": a["cue"]["start"],
            "cue_end": a["cue"]["end"],
            "verb": a.get("verb") or "",
            "source_text": span.get("text", ""),
            "source_start": span.get("start", ""),
            "source_end": span.get("end", ""),
            "source_id": a.get("source_id") or "",
            "source_name": src.get("name", ""),
            "source_type": src.get("type", ""),
            "source_named": str(src["named"]).lower() if "named" in src else "",
            "content_text": content.get("text", ""),
            "content_start": content.get("start", ""),
            "content_end": content.get("end", ""),
        }


def csv_writer(stream: IO[str]) -> csv.DictWriter:
    """A CSV writer of :data:`CSV_COLUMNS` on ``stream``, its header row written."""
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    return writer
