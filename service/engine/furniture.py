"""Page furniture: lines that belong to the web page, not the story ("Share this article",
"Reporting by ...", "Advertisement"). Names on them are no sources, cues on them no
attributions."""
from __future__ import annotations

import re

from service.engine.source_lexicon import FURNITURE_PREFIXES

_PREFIX = re.compile("|".join(
    re.escape(p.strip()) + (r"\b" if p.strip()[-1].isalnum() else "")
    for p in sorted(FURNITURE_PREFIXES, key=len, reverse=True)
))


def is_furniture(line: str) -> bool:
    """A short line opening like page furniture; a byline ("By ...") at any length.

    Prefixes match whole words: "Share" is furniture, "Shares fell 3%" is not."""
    low = line.strip().lower()
    if not _PREFIX.match(low):
        return False
    return len(low.split()) <= 12 or low.startswith("by ")
