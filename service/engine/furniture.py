"""Page furniture: lines that belong to the web page, not the story ("Share this article",
"Reporting by ...", "Advertisement", a photo credit, a byline, a rule, a subhead, a
"Corrects ..." note). Names on them are no sources, cues on them no attributions.

A photo credit inside a paragraph ("... on Monday. (Luis Tato/AFP/Getty Images)") is found by
:func:`credit_spans`: its names are no antecedents either. A dateline opening a paragraph
("BRUSSELS (Reuters) - ") is furniture too (:func:`strip_dateline`), and so is a headline
(:func:`is_headline`)."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

from service.engine.source_lexicon import (
    CORRECTION_STARTS,
    CREDIT_WORDS,
    FURNITURE_PREFIXES,
    OUTLET_ALIASES,
)

if TYPE_CHECKING:
    from service.engine.spans import RawRelation

__all__ = [
    "is_furniture",
    "furniture_kind",
    "holds_no_relation",
    "off_furniture",
    "credit_spans",
    "is_headline",
    "strip_dateline",
    "after_dateline",
    "STRONG",
]

_PREFIX = re.compile(
    "|".join(
        re.escape(p.strip()) + (r"\b" if p.strip()[-1].isalnum() else "")
        for p in sorted(FURNITURE_PREFIXES, key=len, reverse=True)
    )
)
_CREDIT_WORD = "|".join(re.escape(w) for w in sorted(CREDIT_WORDS, key=len, reverse=True))
# "(Luis Tato/AFP/Getty Images)", "[Jane Doe/ Reuters]", "(Photo: Jane Doe)", "(AP Photo)",
# "© Provided by Al Jazeera", "Photo by Jane Doe/Reuters"
_CREDIT = re.compile(
    r"[(\[]\s*[A-Z©][^()\[\]\n/]{0,60}(?:\s*/\s*[A-Z][^()\[\]\n/]{0,40}){1,3}\s*[)\]]"
    r"|[(\[]\s*(?i:" + _CREDIT_WORD + r")\b[^()\[\]\n]{0,80}[)\]]"
    r"|(?<!\w)©(?=\s)[^\n]{0,100}"
    r"|\b(?i:photo|image|credit)s?\s*(?:(?i:by)\b|:)[^\n]{0,80}$"
)
# "[Video: FULL SPEECH: ...]", "(Photo gallery: ...)": a media label, not story text
_MEDIA_LABEL = re.compile(r"[(\[]\s*(?i:video|photos?|images?|watch|graphic|gallery|audio)\b")
_COPYRIGHT = re.compile(r"(?<!\w)©\s")  # not the "©" of a garbled "protegÃ©s"
_SLASH_CREDIT = re.compile(r"[(\[][^()\[\]\n]*/")
_CORRECTION = re.compile(
    r"(?i:\(\s*(?:" + "|".join(re.escape(w) for w in CORRECTION_STARTS) + r")\b"
    r"|(?:corrects|clarifies|refiles|recasts)\b"
    r"|(?:correction|clarification|editor's note|editor’s note|editors' note)\s*:"
    r"|(?:updates|adds)\s+(?:with|to|details|comments?|quotes?|background)\b)"
)
# "— Tracy Wilkinson", "-- Jane Doe, Reuters": a byline set off by a dash.
_DASH_BYLINE = re.compile(
    r"[—–-]{1,2}\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:\s*,\s*[A-Z][\w .'’-]{0,40})?"
)
# "- No new deaths -", "* Markets fall *": a subhead between dashes or stars.
_SUBHEAD = re.compile(r"([-–—•*])\s*[^\n]{1,80}?\s*\1")
STRONG = frozenset(("credit", "correction", "byline", "rule", "subhead"))


@lru_cache(maxsize=4096)
def furniture_kind(line: str) -> str | None:
    """What kind of page furniture a line is, or None for story text.

    ``"prefix"`` (a short line opening like furniture, a "By ..." byline at any length),
    ``"credit"`` (a photo credit or a caption ending with one), ``"correction"`` ("Corrects
    ...", "(Corrects ...)"), ``"byline"`` ("— Tracy Wilkinson"), ``"rule"`` (no letters or
    digits: "———", "***"), ``"subhead"`` ("- No new deaths -"). The kinds in :data:`STRONG`
    are furniture even when the line ends like a sentence."""
    s = line.strip()
    if not s:
        return None
    if not any(c.isalnum() for c in s):
        return "rule"
    low = s.lower()
    if _CORRECTION.match(s) and (s.startswith("(") or len(low.split()) <= 40):
        return "correction"
    if _ends_with_credit(s) or _MEDIA_LABEL.match(s):
        return "credit"
    if _PREFIX.match(low) and (len(low.split()) <= 12 or low.startswith("by ")):
        return "prefix"
    if len(s) <= 60 and _DASH_BYLINE.fullmatch(s):
        return "byline"
    if len(s) <= 90 and _SUBHEAD.fullmatch(s):
        return "subhead"
    return None


def is_furniture(line: str) -> bool:
    """A line of page furniture (:func:`furniture_kind` is not None).

    Prefixes match whole words: "Share" is furniture, "Shares fell 3%" is not."""
    return furniture_kind(line) is not None


def holds_no_relation(line: str) -> bool:
    """Whether nothing on the line is a relation or a source: furniture of a STRONG kind (a
    credit, a correction note, a byline, a rule, a subhead), or other furniture not ending like
    a sentence ("Share this article"; but "Video shows police at the scene." may be a lede)."""
    kind = furniture_kind(line)
    return kind is not None and (kind in STRONG or not line.rstrip().endswith(SENTENCE_ENDINGS))


# How a sentence of story text ends: a line of furniture that ends so may be a lede.
SENTENCE_ENDINGS = (".", "?", "!", "”", '"', "’")
# How a line of the story's body may end; a short line ending otherwise is a headline or a
# section label. Wider than SENTENCE_ENDINGS: a straight apostrophe closing a quotation, a
# colon introducing one, a closing parenthesis.
BODY_LINE_ENDINGS = (*SENTENCE_ENDINGS, "'", ":", ")")
HEADLINE_MAX_WORDS = 14


def off_furniture(
    text: str, paras: list[tuple[int, int]], relations: list[RawRelation]
) -> list[RawRelation]:
    """Drop relations whose cue sits on a line that holds no relation (a credit, a correction
    note, a byline, "Share this article"; see :func:`holds_no_relation`)."""
    furniture = [(a, b) for a, b in paras if holds_no_relation(text[a:b])]
    if not furniture:
        return relations
    starts = [a for a, _ in furniture]

    def on_furniture(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and pos < furniture[i][1]

    return [r for r in relations if not on_furniture(r.cue[0])]


def is_headline(line: str, words: int) -> bool:
    """Whether a line of ``words`` words before the story's body is a headline or a section
    label: short, and not ending like a line of the body."""
    return not line.endswith(BODY_LINE_ENDINGS) and words <= HEADLINE_MAX_WORDS


# "WASHINGTON (Reuters) - ", "LONDON, March 4 (Reuters) - ", "BOSTON (AP) — "
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’\- ]{2,40}(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?(?:\s\d{1,2})?)?\s*"
    r"(?:\([^)\n]{1,40}\))?\s*(?:[-—–]{1,2}|:)\s"
)
_DATELINE_AGENCY = re.compile(
    r"[A-Z][A-Z.'’\- ]{2,40}(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?(?:\s\d{1,2})?)?\s*"
    r"\(([^)\n]{1,40})\)\s*"
)
_LINE_START = re.compile(r"(?:^|\n)[ \t]*$")
_MAX_DATELINE_CHARS = 59


def strip_dateline(text: str, start: int, end: int) -> int:
    """Where a span really starts: after the dateline ("BRUSSELS (Reuters) - ") when the span
    opens a paragraph with one. A dateline is page furniture, never a source or content."""
    if not _LINE_START.search(text, max(0, start - 40), start):
        return start
    if any(c.islower() for c in text[start : start + 3]):
        return start
    m = _DATELINE.match(text, start, end)
    if m is not None and m.end() - start <= _MAX_DATELINE_CHARS:
        return min(m.end(), end)
    m = _DATELINE_AGENCY.fullmatch(text, start, end)  # the span stops before the dash
    if m is not None and m.group(1).lower() in OUTLET_ALIASES:
        return end
    return start


def after_dateline(text: str, start: int, end: int) -> int:
    """Where the story text of the paragraph ``text[start:end]`` begins: after its dateline,
    if it opens with one."""
    m = _DATELINE.match(text, start, end)
    if (
        m
        and m.end() - start <= _MAX_DATELINE_CHARS
        and not any(c.islower() for c in text[start : start + 3])
    ):
        return m.end()
    return start


def _ends_with_credit(s: str) -> bool:
    """A credit line, or a caption whose last words are a credit."""
    if _COPYRIGHT.search(s):
        return True
    tail = s.rstrip(" .\t\r")
    if not tail.endswith((")", "]")) and not _CREDIT_HINT.search(s):
        return False  # cheap: most lines end with neither a bracket nor a credit word
    for m in _CREDIT.finditer(s):
        if not s[m.end() :].strip(" .\t\r"):
            before = s[: m.start()].rstrip()
            if m.start() == 0 or "©" in m.group():
                return True
            if len(before.split()) > 60:
                return False  # a story paragraph with a credit at its end: only the credit
            # a caption: the credit names an agency or follows a full sentence
            # ("(Luis Tato/AFP/Getty Images)"; not "said MP Jane Doe (Liberal/Toronto Centre)")
            return bool(_CREDIT_WORD_RE.search(m.group())) or before.endswith(
                (".", "|", "-", "—", "!", "?", "”", '"')
            )
    return False


def credit_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Photo credits in text[start:end] ("(Luis Tato/AFP/Getty Images)", "[Jane Doe/
    Reuters]", "© Provided by Al Jazeera"): (start, end) offsets."""
    end = len(text) if end is None else end
    seg = text[start:end]
    if (
        "(" not in seg
        and "[" not in seg
        and "©" not in seg
        and "hoto" not in seg
        and "redit" not in seg
        and "mage" not in seg
    ):
        return []
    if (
        not _SLASH_CREDIT.search(text, start, end)
        and not _COPYRIGHT.search(text, start, end)
        and not _CREDIT_HINT.search(text, start, end)
    ):
        return []
    out = []
    for m in _CREDIT.finditer(text, start, end):
        g = m.group()
        if g[0] in "([" and "/" in g and not _SLASH_CREDIT.match(g):
            continue
        out.append(m.span())
    return out


_CREDIT_WORD_RE = re.compile(r"(?i)\b(?:" + _CREDIT_WORD + r")\b")
_CREDIT_HINT = re.compile(
    r"(?i)[(\[]\s*(?:" + _CREDIT_WORD + r")\b|\b(?:photo|image|credit)s?\s*(?:by\b|:)"
)
