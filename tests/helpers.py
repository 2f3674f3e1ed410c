"""Helpers shared by the test modules (import with ``from helpers import ...``)."""

from __future__ import annotations

import re


def span_of(text: str, phrase: str, nth: int = 0, *, whole_word: bool = False) -> tuple[int, int]:
    """Offsets ``(start, end)`` of the ``nth`` occurrence of ``phrase`` in ``text``.

    With ``whole_word``, occurrences inside a longer word are skipped ("he" does not match
    inside "the"). A missing occurrence fails the test with the phrase in the message.
    """
    if whole_word:
        found = [m.span() for m in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text)]
    else:
        found, start = [], text.find(phrase)
        while start != -1 and len(found) <= nth:
            found.append((start, start + len(phrase)))
            start = text.find(phrase, start + 1)
    assert len(found) > nth, f"{phrase!r} #{nth} not in text"
    return found[nth]
