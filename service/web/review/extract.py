"""Uploaded HTML reduced to article text.

trafilatura (maintained, built for news pages) extracts the main text, one paragraph a line,
dropping scripts, styles, navigation, comments and share buttons. A fragment too small for
its main-content heuristics falls back to all of its visible text, read from lxml's parse
tree: block elements end lines, inline ones (``<b>``, ``<a>``) do not. So does a result
with more lines than that text (trafilatura cuts short fragments at inline elements)."""
from __future__ import annotations

BLOCK = frozenset("""address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3
    h4 h5 h6 header hr li main ol p pre section table td th tr ul""".split())
DROP = frozenset("""button canvas embed form head iframe nav noscript object script select style
    svg template textarea title""".split())
_OPTIONS = dict(include_comments=False, include_tables=True, include_images=False,
                include_links=False, favor_recall=True, deduplicate=False)


def visible_text(html: str) -> str:
    """All visible text of ``html``, a line per block element, white space collapsed."""
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except Exception:  # lxml refuses empty or unparsable documents
        return ""
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else None  # None: comment or PI
        if tag is not None and tag not in DROP:
            block = tag in BLOCK
            if block:
                parts.append("\n")
            parts.append(el.text or "")
            for child in el:
                walk(child)
            if block:
                parts.append("\n")
        parts.append(el.tail or "")

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)


def html_to_text(html: str) -> str:
    """The article text of ``html`` ('' if there is none)."""
    import trafilatura

    if not html.strip():
        return ""
    page = html if "<body" in html.lower() else f"<html><body>{html}</body></html>"
    main = (trafilatura.extract(page, **_OPTIONS) or "").strip()
    plain = visible_text(html)
    if main and len(main.splitlines()) <= len(plain.splitlines()):
        return main
    return plain
