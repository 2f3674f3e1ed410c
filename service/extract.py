"""HTML reduced to article text, for the web API (``POST /v1/articles`` with ``html``) and
the command line (``reportedly analyze page.html``, ``--html``).

trafilatura (maintained, built for news pages) extracts the main text, one paragraph a line,
dropping scripts, styles, navigation, comments and share buttons. A fragment too small for
its main-content heuristics falls back to all of its visible text, read from lxml's parse
tree: block elements end lines, inline ones (``<b>``, ``<a>``) do not. So does a result
with more lines than that text (trafilatura cuts short fragments at inline elements).

Untrusted HTML is bounded before any parser sees it, in one linear pass over the tags
(:func:`check_html`): libxml2 checks each attribute against the others of its element
(quadratic: one ``<p>`` with 105,000 attributes took 52 s) and does it in C, where no
deadline can interrupt it, so an element with more than :data:`MAX_ATTRIBUTES_PER_ELEMENT`
attributes, or a page with more than :data:`MAX_ELEMENTS` elements, is refused
(:class:`HtmlTooComplex`; the API answers 422 ``html_too_complex``). trafilatura costs
about 0.2 ms per element, so a page with more than :data:`TRAFILATURA_MAX_ELEMENTS` gets
all its visible text instead. libxml2 also stops building the tree :data:`LXML_MAX_DEPTH`
elements deep and drops what is below without a word; a page nested deeper is read by a
streaming parser (:func:`streamed_text`, the standard library's, no tree) so its text is
not lost.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

BLOCK = frozenset(
    """address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3
    h4 h5 h6 header hr li main ol p pre section table td th tr ul""".split()
)
DROP = frozenset(
    """button canvas embed form head iframe nav noscript object script select style
    svg template textarea title""".split()
)
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
MAX_ATTRIBUTES_PER_ELEMENT = 64
MAX_ELEMENTS = 100_000
TRAFILATURA_MAX_ELEMENTS = 10_000  # about 0.2 ms each: bigger pages get all visible text
LXML_MAX_DEPTH = 200  # libxml2 silently stops at 256 levels
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)([^>]*)>")
_ATTRIBUTE = re.compile(r"""[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")


class HtmlTooComplex(ValueError):
    """HTML refused before parsing; ``str()`` is a one-line reason saying which limit."""


_OPTIONS: dict[str, Any] = dict(
    include_comments=False,
    include_tables=True,
    include_images=False,
    include_links=False,
    favor_recall=True,
    deduplicate=False,
)


def check_html(html: str) -> tuple[int, int]:
    """(nesting depth, elements) of ``html`` (the depth an upper bound: unclosed ``<p>``
    count too), after refusing (:class:`HtmlTooComplex`) an element with too many attributes
    or a page with too many elements. Linear in the length of ``html``."""
    depth = deepest = elements = 0
    for m in _TAG.finditer(html):
        closing, name, rest = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            depth = max(0, depth - 1)
            continue
        elements += 1
        if elements > MAX_ELEMENTS:
            raise HtmlTooComplex(
                f"The HTML has more than {MAX_ELEMENTS} elements; send its text instead."
            )
        if (
            len(rest) > MAX_ATTRIBUTES_PER_ELEMENT
            and sum(1 for _ in _ATTRIBUTE.finditer(rest)) > MAX_ATTRIBUTES_PER_ELEMENT
        ):
            raise HtmlTooComplex(
                f"An HTML <{name[:20]}> element has more than "
                f"{MAX_ATTRIBUTES_PER_ELEMENT} attributes; send the text instead."
            )
        if name not in VOID and not rest.rstrip().endswith("/"):
            depth += 1
            deepest = max(deepest, depth)
    return deepest, elements


class _TextParser(HTMLParser):
    """Visible text, a line per block element, without building a tree."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropped = 0  # inside this many DROP elements

    def handle_starttag(self, tag, attrs):
        if tag in DROP and tag not in VOID:
            self.dropped += 1
        elif tag in BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in DROP and self.dropped:
            self.dropped -= 1
        elif tag in BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.dropped:
            self.parts.append(data)


def streamed_text(html: str) -> str:
    """All visible text of ``html`` like :func:`visible_text`, however deep it nests."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


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
    """The article text of ``html`` ('' if there is none); :class:`HtmlTooComplex` if it is
    too complex to parse safely (see :func:`check_html`)."""
    import trafilatura

    if not html.strip():
        return ""
    depth, elements = check_html(html)
    if depth > LXML_MAX_DEPTH:
        return streamed_text(html)
    if elements > TRAFILATURA_MAX_ELEMENTS:
        return visible_text(html)
    page = html if "<body" in html.lower() else f"<html><body>{html}</body></html>"
    main = (trafilatura.extract(page, **_OPTIONS) or "").strip()
    plain = visible_text(html)
    if main and len(main.splitlines()) <= len(plain.splitlines()):
        return main
    return plain
