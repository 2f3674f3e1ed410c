"""Render a component's MODEL_CARD.md from its manifest (model.json), so the two never disagree."""

from __future__ import annotations

from pathlib import Path


def _table(rows: list[dict], columns: list[str]) -> str:
    head = "| " + " | ".join(columns) + " |\n|" + "---|" * len(columns) + "\n"
    body = "".join(
        "| "
        + " | ".join(
            f"{r.get(c):.4f}" if isinstance(r.get(c), float) else str(r.get(c, "")) for c in columns
        )
        + " |\n"
        for r in rows
    )
    return head + body


def render_card(manifest: dict, title: str, summary: str, sections: dict[str, str]) -> str:
    """Markdown card: summary, free-form sections, comparison table, versions, provenance."""
    out = [f"# {title}\n", summary.strip() + "\n"]
    out.append(
        f"- artifact: `{manifest['artifact']}` (id `{manifest['artifact_id']}`)\n"
        f"- created: {manifest['created']}\n"
    )
    for heading, text in sections.items():
        out.append(f"## {heading}\n\n{text.strip()}\n")
    comparison = manifest.get("comparison")
    if comparison:
        cols = ["system"] + [
            c for c in ("accuracy", "precision", "recall", "f1") if c in comparison[0]
        ]
        out.append("## Dev results and baselines\n\n" + _table(comparison, cols))
    params = manifest.get("parameters")
    if params:
        out.append(
            "## Parameters\n\n" + "\n".join(f"- `{k}`: {v}" for k, v in params.items()) + "\n"
        )
    libs = manifest.get("libraries", {})
    out.append("## Library versions\n\n" + "\n".join(f"- {k} {v}" for k, v in libs.items()) + "\n")
    return "\n".join(out)


def write_card(folder: Path, text: str) -> Path:
    path = Path(folder) / "MODEL_CARD.md"
    path.write_text(text, encoding="utf-8")
    return path


def carried_section(folder: Path, heading: str) -> str:
    """The text under ``## heading`` in the folder's current card ("" if none), so a
    retrained card keeps a section another command maintains (the GUM figures of
    ``reportedly evaluate --task gum``)."""
    path = Path(folder) / "MODEL_CARD.md"
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    marker = f"## {heading}\n"
    if marker not in text:
        return ""
    body = text.split(marker, 1)[1]
    return body.split("\n## ", 1)[0].strip()
