"""Complete "X said Y" relations the span model left without a source or a content.

"Heather Nauert said the embassy learned of it on Monday" must not come back with an empty
content, nor "Howell says about 550 students enrolled" without its source: in the plain
subject-verb-complement order of a reporting verb, the subject just before the cue is the
source and the rest of the sentence after it is the content; in "A deal could come next
week, the publication said." the clause before the comma is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from service.engine.cue_classes import is_hedged_passive
from service.engine.tokens import CLAUSE_WORD

_SUBJECT_PRONOUN = re.compile(r"(?:he|she|they|we|i|it)$", re.I)
_DETERMINER = re.compile(
    r"(?:the|a|an|this|that|these|those|his|her|their|its|our|several|"
    r"some|two|three|four|five|many|most|other)$",
    re.I,
)
_ADVERB = re.compile(
    r"(?:[^\W\d_]+ly|also|later|then|now|again|once|still|even|just|already|"
    r"never|first|further|too|earlier|previously|recently)$",
    re.I,
)
_COMPLEMENTISER = re.compile(r"\s*(?:that\b|:)\s*", re.I)
# Verbs whose first object is the addressee: "told reporters the talks were over".
_ADDRESSEE_VERBS = frozenset(
    "tell tells told telling inform informs informed assure assures assured remind reminds "
    "reminded warn warns warned ask asks asked advise advises advised".split()
)
_ADDRESSEE = re.compile(
    r"\s*(?:me|him|her|them|us|you|reporters|journalists|lawmakers|legislators|senators|"
    r"supporters|voters|residents|members|parents|students|listeners|viewers|readers|"
    r"the\s+\w+|[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})(?=\s)"
)
_ADVERBIAL = re.compile(
    r"\s*(?:on|in|at|during|after|before|while|when|late|early|last|this|earlier|later|"
    r"yesterday|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"via|through|from|to|with)\b",
    re.I,
)
_TRAILING = ".,;:!?"
MIN_CONTENT_WORDS = 3


def _subject(text: str, sentence_start: int, cue_start: int) -> tuple[int, int] | None:
    """The source just before a cue: a name, a pronoun or a short noun phrase that opens
    the clause, with at most adverbs between it and the cue."""
    lo = max(
        sentence_start,
        text.rfind(",", sentence_start, cue_start) + 1,
        text.rfind(";", sentence_start, cue_start) + 1,
    )
    words = [m.span() for m in CLAUSE_WORD.finditer(text, lo, cue_start)]
    while words and _ADVERB.fullmatch(text, *words[-1]):
        words.pop()
    if not words or len(words) > 6 or text[lo:cue_start].strip().startswith(('"', "“")):
        return None
    first, last = words[0], words[-1]
    head = text[first[0] : first[1]]
    if len(words) == 1 and _SUBJECT_PRONOUN.fullmatch(head):
        return first
    capitalised = all(
        text[a].isupper() or text[a:b].lower() in ("of", "de", "van", "von", "al") for a, b in words
    )
    if capitalised or _DETERMINER.fullmatch(head):
        return first[0], last[1]
    return None


def _content_after(text: str, cue_end: int, sentence_end: int, verb: str) -> tuple[int, int] | None:
    pos = cue_end
    if verb in _ADDRESSEE_VERBS:
        m = _ADDRESSEE.match(text, pos, sentence_end)
        if m:
            pos = m.end()
    if _ADVERBIAL.match(text, pos, sentence_end):  # "said on Tuesday (that) ...": after "that"
        m = re.compile(r"\bthat\s+").search(text, pos, sentence_end)
        if m is None:
            return None
        pos = m.end()
    m = _COMPLEMENTISER.match(text, pos, sentence_end)
    pos = m.end() if m else pos
    end = sentence_end
    while end > pos and (text[end - 1].isspace() or text[end - 1] in _TRAILING):
        end -= 1
    while pos < end and text[pos].isspace():
        pos += 1
    if len(CLAUSE_WORD.findall(text, pos, end)) < MIN_CONTENT_WORDS:
        return None
    if text[pos] in "\"“‘'«„":  # a quotation is the quote stage's to attribute
        return None
    return pos, end


def _content_before(
    text: str, sentence_start: int, source: tuple[int, int], cue_end: int, sentence_end: int
) -> tuple[int, int] | None:
    """ "A deal could come next week, the publication said.": the clause before the comma
    that introduces a sentence-final "<source> <cue>" is its content."""
    m = re.search(r",\s*$", text[sentence_start : source[0]])
    if m is None or len(CLAUSE_WORD.findall(text, cue_end, sentence_end)) > 4:
        return None
    start, end = sentence_start, sentence_start + m.start()
    while start < end and text[start].isspace():
        start += 1
    if len(CLAUSE_WORD.findall(text, start, end)) < MIN_CONTENT_WORDS:
        return None
    return start, end


def complete_relation(text: str, rel, sentence: tuple[int, int], cue_class: str):
    """``rel`` with a missing source and content filled in where the sentence reads
    "<subject> <cue> <complement>"; unchanged otherwise."""
    s0, s1 = sentence
    cue0, cue1 = rel.cue
    if not (s0 <= cue0 < s1) or cue_class == "intention":
        return rel
    source, content = rel.source, rel.content
    verb = text[cue0:cue1].split()[-1].lower() if text[cue0:cue1].split() else ""
    if (
        source is None
        and (content is None or content[0] >= cue1)
        and not is_hedged_passive(text, rel.cue)
    ):
        subject = _subject(text, s0, cue0)
        if subject is not None:
            source = subject
    if content is None and source is not None and source[1] <= cue0:
        content = _content_after(text, cue1, s1, verb) or _content_before(
            text, s0, source, cue1, s1
        )
    if (source, content) == (rel.source, rel.content):
        return rel
    return replace(rel, source=source, content=content)
