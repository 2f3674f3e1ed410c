"""Readers for the word lists behind the bias features.

The lists live under the data root (``lexicons/`` from ``rpryzant/neutralizing-bias``, MIT, as
used by Recasens et al., ACL 2013; ``babe/bias_word_lexicon.txt`` from BABE, AGPL-3.0). Their
formats differ in small ways that a naive ``read().split()`` gets wrong:

- comment headers: ``#`` lines (Hooper, Hyland, Karttunen, report verbs) or ``;`` lines (Liu);
- line ends: CRLF (Liu), and bare CRs inside some ``#`` headers;
- one byte of Latin-1 in the UTF-8 of ``negative_liu2005.txt`` ("naïve");
- multi-word entries ("tend to", "in my view", "find out"), kept as phrases;
- capitals ("pro-Cuba", lower-cased here), duplicates (BABE), and stray marks ("freenow##").

:func:`read_word_list` returns the cleaned entries; :func:`read_lexicons` reads them all into the
``{name: [entries]}`` dict that the bias notebook ships as ``models/bias/lexicons.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LexiconSource:
    path: str  # relative to the data root
    kind: str  # "word" lists match any form the text has; "verb" lists also match inflections
    citation: str


# name -> where it comes from. Names are the keys of lexicons.json and of the bias features.
LEXICONS: dict[str, LexiconSource] = {
    "babe_bias": LexiconSource(
        "babe/bias_word_lexicon.txt",
        "word",
        "BABE bias-word lexicon (Spinde et al., 2021), AGPL-3.0",
    ),
    "hedges": LexiconSource("lexicons/hedges_hyland2005.txt", "word", "hedges (Hyland, 2005)"),
    "factives": LexiconSource(
        "lexicons/factives_hooper1975.txt", "verb", "factive verbs (Hooper, 1975)"
    ),
    "assertives": LexiconSource(
        "lexicons/assertives_hooper1975.txt", "verb", "assertive verbs (Hooper, 1975)"
    ),
    "implicatives": LexiconSource(
        "lexicons/implicatives_karttunen1971.txt", "verb", "implicative verbs (Karttunen, 1971)"
    ),
    "report_verbs": LexiconSource(
        "lexicons/report_verbs.txt", "verb", "report verbs (Recasens et al., 2013)"
    ),
    "entailing": LexiconSource(
        "lexicons/entailing_berant2012.txt", "verb", "entailing verbs (Berant et al., 2012)"
    ),
    "entailed": LexiconSource(
        "lexicons/entailed_berant2012.txt", "verb", "entailed verbs (Berant et al., 2012)"
    ),
    "strong_subjective": LexiconSource(
        "lexicons/strong_subjectives_riloff2003.txt",
        "word",
        "strong subjective (Riloff & Wiebe, 2003)",
    ),
    "weak_subjective": LexiconSource(
        "lexicons/weak_subjectives_riloff2003.txt", "word", "weak subjective (Riloff & Wiebe, 2003)"
    ),
    "positive": LexiconSource(
        "lexicons/positive_liu2005.txt", "word", "positive opinion word (Hu & Liu, 2004/2005)"
    ),
    "negative": LexiconSource(
        "lexicons/negative_liu2005.txt", "word", "negative opinion word (Hu & Liu, 2004/2005)"
    ),
    "npov": LexiconSource(
        "lexicons/npov_lexicon.txt", "word", "Wikipedia NPOV bias lexicon (Recasens et al., 2013)"
    ),
}

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# what an entry is once cleaned: letters (any script), with inner spaces, hyphens, apostrophes
_ENTRY = re.compile(r"[^\W\d_](?:[^\W\d_]|['\- ])*(?<=[^\W\d_])|[^\W\d_]")
_STRAY = re.compile(r"#+$")


def _decode(raw: bytes) -> str:
    """UTF-8, with any line that is not UTF-8 read as cp1252 (Liu's lists have one such byte)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return "\n".join(_decode_line(line) for line in raw.split(b"\n"))


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


@dataclass
class WordList:
    entries: list[str]
    skipped: list[str]  # non-comment lines that were not usable entries, for the record


def read_word_list(path: Path) -> WordList:
    """One entry a line; ``#``/``;`` comments and blank lines skipped; lower-cased, de-duplicated.

    Entries keep inner spaces, hyphens and apostrophes; a trailing run of ``#`` is dropped
    ("freenow##" -> "freenow"). Lines that are still not words (Liu's masked swear words such
    as "f**k", "a+", "2-faced") are reported in ``skipped``.
    """
    text = _decode(Path(path).read_bytes())
    seen: set[str] = set()
    entries: list[str] = []
    skipped: list[str] = []
    for line in _LINE_BREAK.split(text):
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        entry = " ".join(_STRAY.sub("", line.lower().replace("’", "'")).split())
        if not _ENTRY.fullmatch(entry):
            skipped.append(line)
            continue
        if entry not in seen:
            seen.add(entry)
            entries.append(entry)
    return WordList(entries, skipped)


def read_lexicons(data_root: Path, names: tuple[str, ...] | None = None) -> dict[str, list[str]]:
    """``{name: sorted entries}`` for the lexicons in :data:`LEXICONS` (all by default)."""
    out = {}
    for name in names or tuple(LEXICONS):
        out[name] = sorted(read_word_list(Path(data_root) / LEXICONS[name].path).entries)
    return out
