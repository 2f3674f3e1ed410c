"""Interval lookups over an article's spans (quotations, contents, cues) by bisection."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class SpanIndex:
    """Spans sorted by start with the running maximum of their ends, so that the largest
    overlap of any one span with a short query costs a bisection plus the spans starting
    inside the query (instead of a pass over every span)."""

    __slots__ = ("spans", "starts", "reach")

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.reach, top = [], -1
        for _, b in self.spans:
            top = max(top, b)
            self.reach.append(top)

    def best_overlap(self, start: int, end: int) -> int:
        """max over spans of ``min(e, end) - max(s, start)`` (0 when none overlaps)."""
        best = 0
        k = bisect_right(self.starts, start)  # spans [0, k) start at or before ``start``
        if k:
            best = min(self.reach[k - 1], end) - start
        for j in range(k, bisect_left(self.starts, end)):
            a, b = self.spans[j]
            best = max(best, min(b, end) - a)
        return max(best, 0)

    def overlaps(self, start: int, end: int) -> bool:
        """Does any span share a character with ``[start, end)``?"""
        k = bisect_right(self.starts, start)
        return bool((k and self.reach[k - 1] > start) or bisect_left(self.starts, end) > k)

    def first_reaching(self, pos: int) -> int:
        """Index of the first span that ends after ``pos`` at the earliest (spans before it
        all end at or before ``pos``)."""
        return bisect_right(self.reach, pos)
