"""Size limits on what one request may ask the engine to do.

The engine's cost grows with the text, so each request's work is bounded before any of it
is done; with sync gunicorn workers a request holds one worker for its whole analysis, and
these bounds are what keep one huge request from holding it for long (see the README,
"Limits"). Every violation is its own error code:

=========================================  ======  ========================
limit (setting)                            status  code
=========================================  ======  ========================
body bytes (``max_body_bytes``)            413     ``payload_too_large``
characters of one text (``max_text_chars``) 413     ``text_too_long``
sentences of one text (``max_sentences``)  422     ``too_many_sentences``
documents in a batch (``max_batch_documents``)  413  ``too_many_documents``
characters in a batch (``max_batch_chars``)  413     ``batch_too_large``
=========================================  ======  ========================

The sentence count is exact, but the segmenter runs only when a cheap upper bound on it
(:func:`sentence_upper_bound`) is over the limit, so ordinary articles pay nothing for it.
"""

from __future__ import annotations

import re

from service.engine.segment import MAX_SENTENCE_CHARS
from service.web.errors import ApiError
from service.web.settings import Settings

# Where Punkt may end a sentence (its sent_end_chars) and where paragraphs break.
_ENDS = re.compile(r"[.?!]")
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]")


def sentence_upper_bound(text: str) -> int:
    """A number never below the engine's sentence count for ``text``, computed without
    segmenting. Punkt ends a sentence only after ``.``, ``?`` or ``!`` and paragraphs end at
    line breaks, so there are at most ``ends + breaks + 1`` sentences before over-long ones
    are cut; a sentence of ``L > MAX_SENTENCE_CHARS`` characters is cut into at most
    ``2 ceil(L / (MAX_SENTENCE_CHARS - 1)) + 1`` pieces (two consecutive pieces always cover
    that many characters), which adds at most ``3 len(text) / (MAX_SENTENCE_CHARS - 1) + 3``
    over the whole text."""
    ends = len(_ENDS.findall(text))
    breaks = len(_BREAKS.findall(text))
    return ends + breaks + 1 + 3 * (len(text) // (MAX_SENTENCE_CHARS - 1) + 1)


def count_sentences(text: str, segmenter) -> int:
    """The engine's sentence count for ``text`` (its segmenter's, exactly)."""
    return len(segmenter.segment(text))


def check_text(text: str, settings: Settings, segmenter=None, *, field: str = "text") -> None:
    """Raise the limit's :class:`ApiError` if ``text`` is too long or has too many
    sentences. Without a ``segmenter`` only the length is checked."""
    if len(text) > settings.max_text_chars:
        raise ApiError(
            413,
            "text_too_long",
            f"Field '{field}' has {len(text)} characters; this server analyses at "
            f"most {settings.max_text_chars} per article.",
            field=field,
        )
    if segmenter is not None and sentence_upper_bound(text) > settings.max_sentences:
        n = count_sentences(text, segmenter)
        if n > settings.max_sentences:
            raise ApiError(
                422,
                "too_many_sentences",
                f"Field '{field}' has {n} sentences; this server analyses at most "
                f"{settings.max_sentences} per article.",
                field=field,
            )


def check_batch(documents: list, settings: Settings) -> None:
    """Raise 413 if a batch has too many documents or too many characters in all."""
    if len(documents) > settings.max_batch_documents:
        raise ApiError(
            413,
            "too_many_documents",
            f"The batch has {len(documents)} documents; this server takes at most "
            f"{settings.max_batch_documents} per request.",
            field="documents",
        )
    total = sum(
        len(d["text"]) for d in documents if isinstance(d, dict) and isinstance(d.get("text"), str)
    )
    if total > settings.max_batch_chars:
        raise ApiError(
            413,
            "batch_too_large",
            f"The batch's texts have {total} characters in all; this server takes "
            f"at most {settings.max_batch_chars} per request.",
            field="documents",
        )
