"""Quotation marks and the stretches of text they enclose.

Every stage that asks "is this inside a quotation?" reads the intervals of
:func:`quote_intervals`, computed once per article, and looks a position up with
:func:`quote_at`."""

from __future__ import annotations

import re
from bisect import bisect_right

OPEN_QUOTES = ("“", "«", "„", "``")
CLOSE_QUOTES = ("”", "»")
# Marks that both open and close; the New York Times writes quotes as ''two apostrophes''.
TOGGLE_QUOTES = ('"', "''")
QUOTE_MARKS = re.compile(r"''|``|[\"“”«»„]")
# Single quotation marks ('…', ‘…’, ‚…‘) double as apostrophes (don't, O'Brien, the '90s,
# players'): an opening one stands at a word's left edge (and is no elision: '90s, 'em,
# 'til, rock 'n' roll), a closing one at a word's right edge, followed by punctuation or the
# end, or by a space after punctuation (,' he said) or after anything but an s (players'
# union). They are kept apart from QUOTE_MARKS, which counts only unambiguous marks (a
# sentence feature of the shipped sentence model).
_SINGLE_OPEN = re.compile(
    r"(?<![\w'‘’.,!?])['‘‚](?=[^\W_]|[\"“«(\[$…])"
    r"(?!(?:\d\d?s?|em|tis|twas|til|cause|cos|bout|round|n|s)\b)",
    re.I,
)
_SINGLE_CLOSE = re.compile(
    r"(?<!\s['‘’]n)(?<=[^\s'‘’‚])['’‘](?=$|[^\w\s'’]|\s+[^\sa-z0-9])"
    r"|(?<=[.,!?;:…\-—–\"”»])['’‘](?=\s)"
    r"|(?<!\s['‘’]n)(?<=[^\s'‘’‚s])['’‘](?=\s)"
)
_SINGLE_PAIRS = {"'": "'’", "‘": "’'", "‚": "‘’"}


def opening_mark(text: str, pos: int) -> str | None:
    """The double quotation mark opening at ``pos`` (one that opens or toggles), if any."""
    m = QUOTE_MARKS.match(text, pos)
    return m.group() if m and m.group() in OPEN_QUOTES + TOGGLE_QUOTES else None


def quote_intervals(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character intervals inside quotation marks (marks included), within paragraphs.

    Double marks of every style: "…", “…”, « … », „…“ and „…”, ``…'' (NYT). Single marks
    ('…', ‘…’, ‚…‘) only where they cannot be apostrophes (``_SINGLE_OPEN``); a
    single-quoted quotation holding double-quoted ones replaces them, and single marks inside
    a double-quoted quotation are part of it.

    A quote left open at the end of a paragraph continues only when the next paragraph opens
    with a quotation mark (the newspaper convention for quotes over several paragraphs);
    otherwise it is closed at the paragraph's end, so an unbalanced mark cannot swallow the
    rest of the article. An unclosed single mark is no quote at all unless it opens its
    paragraph and the next paragraph opens with one too.
    """
    out = _double_intervals(text, paragraphs)
    if "'" not in text and "‘" not in text and "‚" not in text:
        return out
    singles = _single_intervals(text, paragraphs, out)
    if not singles:
        return out
    merged, i = [], 0
    for a, b in singles:
        while i < len(out) and out[i][0] < a:
            merged.append(out[i])
            i += 1
        while i < len(out) and out[i][1] <= b:
            i += 1  # a double-quoted quotation inside the single-quoted one
        merged.append((a, b))
    merged.extend(out[i:])
    return merged


def _double_intervals(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    carry = False
    for ps, pe in paragraphs:
        open_at: int | None = None
        opener = ""
        skip = -1
        if carry and (mark := opening_mark(text, ps)):
            open_at, skip, opener = ps, ps, mark
        for m in QUOTE_MARKS.finditer(text, ps, pe):
            mark, pos = m.group(), m.start()
            if pos == skip:
                continue
            if open_at is None:
                if mark in OPEN_QUOTES or mark in TOGGLE_QUOTES:
                    open_at, opener = pos, mark
            elif mark in CLOSE_QUOTES or mark in TOGGLE_QUOTES or (opener == "„" and mark == "“"):
                out.append((open_at, m.end()))
                open_at = None
        carry = open_at is not None
        if open_at is not None:
            out.append((open_at, pe))
    return out


def _single_intervals(
    text: str, paragraphs: list[tuple[int, int]], doubles: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Single-quoted quotations outside the double-quoted ``doubles`` (one pass)."""
    marks = [(m.start(), "open", m.group()) for m in _SINGLE_OPEN.finditer(text)]
    marks += [(m.start(), "close", m.group()) for m in _SINGLE_CLOSE.finditer(text)]
    if not marks:
        return []
    marks.sort()
    out: list[tuple[int, int]] = []
    di = mi = 0
    carry = False
    opening = {pos for pos, kind, _ in marks if kind == "open"}
    for k, (ps, pe) in enumerate(paragraphs):
        open_at: int | None = None
        opener = ""
        run = False  # the open quote opened the paragraph (it may run on)
        while mi < len(marks) and marks[mi][0] < ps:
            mi += 1
        if carry and ps in opening:
            open_at, opener, run = ps, marks[mi][2], True
            mi += 1
        while mi < len(marks) and marks[mi][0] < pe:
            pos, kind, mark = marks[mi]
            mi += 1
            while di < len(doubles) and doubles[di][1] <= pos:
                di += 1
            if di < len(doubles) and doubles[di][0] <= pos:
                continue  # inside a double-quoted quotation
            if open_at is None:
                if kind == "open":
                    open_at, opener, run = pos, mark, pos == ps
            elif kind == "close" and mark in _SINGLE_PAIRS[opener] and pos > open_at:
                out.append((open_at, pos + 1))
                open_at = None
        carry = (
            open_at is not None
            and run
            and k + 1 < len(paragraphs)
            and paragraphs[k + 1][0] in opening
        )
        if carry and open_at is not None:
            out.append((open_at, pe))
    return out


def closes_quote(text: str, interval: tuple[int, int]) -> bool:
    """Whether a :func:`quote_intervals` interval ends with its closing mark (rather than
    at the end of a paragraph it runs on from)."""
    a, b = interval
    if text[a] in "'‘‚":
        return b - 1 > a and text[b - 1] in "'’‘"
    return bool(QUOTE_MARKS.search(text, max(a + 1, b - 2), b))


def quote_at(quotes: list[tuple[int, int]], starts: list[int], pos: int) -> tuple[int, int] | None:
    """The interval of ``quotes`` (:func:`quote_intervals`; ``starts`` their starts) holding
    character ``pos``, if any."""
    i = bisect_right(starts, pos) - 1
    if i >= 0 and quotes[i][0] <= pos < quotes[i][1]:
        return quotes[i]
    return None
