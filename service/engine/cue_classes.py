"""Cue classes: which words mark a report, and of what PARC type.

Every relation's cue is classed ``assertion``, ``belief``, ``knowledge`` or ``intention``
from the word list in ``models/relations/cue_classes.tsv``; a cue holding none of its words
reports nothing and its relation is dropped. Some words report only with a clause as
their content ("found that …", not "found her tracks"; "added that …", not "added yet
another goal"): the list marks them ``clause``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from service.engine.intervals import SpanIndex
from service.engine.spans import RawRelation
from service.engine.tokens import CUE_WORD

CLASSES = ("assertion", "belief", "knowledge", "intention")

_VOWELS = set("aeiou")


@dataclass(frozen=True)
class CueWord:
    lemma: str
    cls: str
    needs_clause: bool


def _verb_forms(lemma: str) -> set[str]:
    """Regular inflections, generously (both "admited" and "admitted": extra forms are
    harmless, a missing one drops a cue)."""
    forms = {lemma}
    if re.search(r"(?:s|x|z|ch|sh|o)$", lemma):
        forms.add(lemma + "es")
    elif re.search(r"[^aeiou]y$", lemma):
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    if re.search(r"[^aeiou]y$", lemma):
        forms |= {lemma[:-1] + "ied", lemma + "ing"}
    else:
        forms |= {stem + "ed", stem + "ing"}
    if (
        len(lemma) >= 3
        and lemma[-1] not in _VOWELS | set("wxy")
        and lemma[-2] in _VOWELS
        and lemma[-3] not in _VOWELS
    ):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # admit, admitted
    return forms


class CueLexicon:
    """The cue word list: word form (or phrase) -> :class:`CueWord`."""

    def __init__(self, entries: dict[str, CueWord], parts: dict[str, set[str]] | None = None):
        self.entries = entries
        self.parts = parts or {}  # word form -> the parts of speech it is listed as
        self.phrases = sorted((k for k in entries if " " in k), key=len, reverse=True)
        self._phrase_re = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, self.phrases)) + r")\b")
            if self.phrases
            else None
        )

    @classmethod
    def read(cls, path: str | Path) -> CueLexicon:
        entries: dict[str, CueWord] = {}
        parts: dict[str, set[str]] = {}
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            lemma, klass, pos, needs = cols[:4]
            if klass not in CLASSES:
                raise ValueError(f"{path}: unknown cue class {klass!r} for {lemma!r}")
            irregular = [f for f in (cols[4].split(",") if len(cols) > 4 else []) if f]
            if pos == "v":
                forms = set(irregular) | ({lemma} if irregular else _verb_forms(lemma))
            elif pos == "n":
                forms = {lemma, lemma + ("es" if lemma.endswith(("s", "sh", "ch")) else "s")}
                forms |= set(irregular)
            else:
                forms = {lemma, *irregular}
            word = CueWord(lemma, klass, needs == "clause")
            for f in forms:
                entries.setdefault(f, word)  # the first line for a form wins (verb before noun)
                parts.setdefault(f, set()).add(pos)
        return cls(entries, parts)

    def words(self, cue: str) -> list[tuple[int, int, CueWord]]:
        """Cue words in ``cue`` (character offsets into it), phrases before single words."""
        low = cue.lower().replace("’", "'")
        out, taken = [], []
        if self._phrase_re is not None:
            for m in self._phrase_re.finditer(low):
                out.append((m.start(), m.end(), self.entries[m.group()]))
                taken.append((m.start(), m.end()))
        for m in CUE_WORD.finditer(low):
            if any(a <= m.start() < b for a, b in taken):
                continue
            w = self.entries.get(m.group())
            if w is not None:
                out.append((m.start(), m.end(), w))
        return sorted(out, key=lambda x: x[0])


# What may follow a clause-taking cue word to make it a report: a complementiser, a wh-word,
# a colon or a quotation mark, or an infinitive ("wants to", "urged them to").
_COMPLEMENT = re.compile(
    r"\s*(?:[,:—–-]\s*)?(?:[\"“”‘'«„]|that\b|if\b|whether\b|how\b|what\b|why\b|when\b|where\b"
    r"|who\b|which\b)",
    re.I,
)
_AUX = (
    r"(?:is|are|was|were|will|would|has|have|had|can|could|should|may|might|must|did"
    r"|does|do|wo|won't|didn't|doesn't|isn't|wasn't|aren't|weren't|hasn't|haven't|hadn't"
    r"|can't|couldn't|wouldn't|shouldn't|\w+ed|\w+s)\b"
)
# A subject and a verb: "he was", "the report was", "Kessler's plan would".
_SUBJECT = re.compile(
    r"\s*(?:(?:he|she|they|it|we|i|you|there|this|those|these)\s+(?:\w+ly\s+)?"
    + _AUX
    + r"|(?:the|a|an|his|her|their|its|our|my|[A-Z][\w'’.-]*)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:is|are|was|were|will|would|has|have|had|can|could|should|may|might|must)\b)"
)
_INFINITIVE = re.compile(
    r"\s*(?:\w+\s+){0,3}?to\s+(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b|this\b|that\b"
    r"|these\b|those\b|our\b|my\b|your\b|[A-Z\d$])\w",
    re.I,
)
_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|get|got|gets)\s+(?:\w+ly\s+)?"
    r"(?:[^\W\d_]+(?:ed|en)|told|said|thought|known|seen|shown|found|heard"
    r"|understood|taught|brought|sought|meant)$",
    re.I,
)
_HEDGED = re.compile(r"\s*(?:to|that)\b", re.I)
_PASSIVE_OK = re.compile(r"\s*(?:to|that|as\s+say\w*|by)\b", re.I)  # is said to, told that, by X


def has_clause(
    text: str,
    cue: tuple[int, int],
    content: tuple[int, int] | None,
    quoted: bool,
    infinitive: bool = True,
) -> bool:
    """Whether a cue's complement is a report (a clause, a quotation or, where
    ``infinitive``, an infinitive), not a plain object: "found that the tracks were fresh",
    not "found her tracks"; "wants to", but not "learned to feed her"."""
    if quoted:
        return True
    after = text[cue[1] : cue[1] + 120]
    if _COMPLEMENT.match(after) or (infinitive and _INFINITIVE.match(after)):
        return True
    if content is None:
        return False
    c0, c1 = content
    if c1 <= cue[0]:  # the content comes first: "The tracks were fresh, she found."
        return len(text[c0:c1].split()) >= 3 and bool(
            re.search(r"[,:;\"”’—–-]", text[max(c0, c1 - 2) : cue[0]])
        )
    body = text[c0:c1]
    return bool(_COMPLEMENT.match(body) or _SUBJECT.match(body))


def is_hedged_passive(text: str, cue: tuple[int, int]) -> bool:
    """ "is said to", "are believed to", "was reported that": the noun before names no
    source."""
    return bool(_HEDGED.match(text, cue[1]) and _PASSIVE.search(text, max(0, cue[0] - 30), cue[1]))


def says_nothing(sentence: str) -> bool:
    """A sentence whose report is a non-answer ("Norvale declined to comment.", "The
    company did not immediately respond to a request for comment."), with no quotation."""
    return bool(_NON_ANSWER.search(sentence)) and not any(q in sentence for q in '"“”«»„')


def is_passive_without_agent(
    text: str, cue: tuple[int, int], source: tuple[int, int] | None
) -> bool:
    """'could be announced', 'was approved': a passive cue names no speaker, and the noun
    before it ("The winner could be announced") is what is told, not who tells it. "Is
    said to", "was told that" and "by X" are kept."""
    if not _PASSIVE.search(text, max(0, cue[0] - 30), cue[1]):
        return False
    if _PASSIVE_OK.match(text, cue[1]):
        return False
    return source is None or source[1] <= cue[0]


_APPROXIMATE = re.compile(r"\s+(?:about|around|some|nearly|almost|roughly|over|under)$", re.I)
_NUMBER_NEXT = re.compile(r"\s*[$€£]?\d")
_ANONYMITY = re.compile(
    r"\s*(?:not\s+to\s+be\s+(?:named|identified|quoted)|on\s+(?:the\s+)?"
    r"condition\s+(?:of|that)|anonymously\b)",
    re.I,
)
# A source who says nothing: "declined to comment", "did not immediately respond to a request".
_NON_ANSWER = re.compile(
    r"\b(?:declin|refus)\w*\s+(?:to\s+)?(?:comment|discuss|elaborate|speculate|answer|respond|"
    r"be\s+interviewed)|\b(?:did|does|do|would|will|could|has|have)(?:\s+not|n[’']t)\s+"
    r"(?:immediately\s+)?(?:respond|return|reply|comment|speculate|elaborate)|"
    r"\bcould\s+not\s+be\s+reached|\bno\s+comment\b",
    re.I,
)
_WITHOUT = re.compile(r"without\b", re.I)
_WITHOUT_BEFORE = re.compile(r"\bwithout\s+$", re.I)
_FIRST_PERSON = re.compile(r"\s*(?:i|we|me|us)\s*$", re.I)


def _neighbour_cue(
    text: str, cue: tuple[int, int], lexicon: CueLexicon
) -> tuple[tuple[int, int], CueWord] | None:
    """A cue of no cue word next to one ("Pompeo later told": "later" beside "told")
    moves onto it."""
    after = re.match(r"\s{1,3}(" + CUE_WORD.pattern + ")", text[cue[1] : cue[1] + 40])
    if after:
        w = lexicon.entries.get(after.group(1).lower().replace("’", "'"))
        if w is not None:
            return (cue[1] + after.start(1), cue[1] + after.end(1)), w
    before = re.search("(" + CUE_WORD.pattern + r")\s{1,3}$", text[max(0, cue[0] - 40) : cue[0]])
    if before:
        w = lexicon.entries.get(before.group(1).lower().replace("’", "'"))
        if w is not None:
            off = max(0, cue[0] - 40)
            return (off + before.start(1), off + before.end(1)), w
    return None


_NAME_BEFORE = re.compile(r"[A-Z][\w'’&-]*(?:\.[A-Z]\w*)*[ \t]+$")  # not a full stop
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


def _in_name(text: str, pos: int) -> bool:
    """A capitalised (not all-capital) cue word right after another capitalised word of the
    same sentence, on a line not set in title case, is the end of a name ("The Huffington
    Post"), not a report ("Post")."""
    word = CUE_WORD.match(text, pos)
    if (
        not text[pos].isupper()
        or (word and word.group().isupper())
        or not _NAME_BEFORE.search(text, max(0, pos - 40), pos)
    ):
        return False
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    words = _LONG_WORD.findall(text, lo, hi if hi >= 0 else len(text))
    return sum(w[0].isupper() for w in words) < 0.6 * len(words)


# only a word after a determiner or possessive can be attributive: the tagger is asked then
_DETERMINED = re.compile(
    r"(?:\b(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those)"
    r"|['’]s?)\s+$",
    re.I,
)


def _attributive(lexicon: CueLexicon, word_text: str, tags: list[str | None]) -> bool:
    """A verb of the list used as an adjective inside a noun phrase ("his estimated costs",
    "her proposed budget", "the stated goal"): tagged as an adjective, or as a participle
    between a determiner or possessive and a noun or number. ``tags`` are those of the
    word before, the word and the word after."""
    before, tag, after = tags
    if not tag or "w" in lexicon.parts.get(word_text.lower().replace("’", "'"), set()):
        return False
    if tag.startswith("JJ"):
        return True
    return (
        tag in ("VBN", "VBD")
        and before is not None
        and (before in ("DT", "PRP$", "POS") or before.endswith("+POS"))  # "Hemming's"
        and after is not None
        and after[:2] in ("NN", "JJ", "CD", "$")
    )


def classify_relations(
    text: str,
    relations: list[RawRelation],
    quotes: list[tuple[int, int]] | SpanIndex,
    lexicon: CueLexicon,
    tag_at=None,
) -> list[tuple[int, RawRelation, str]]:
    """(index, relation, cue class) of each relation that reports something; the others are
    dropped.

    Dropped: a cue with no cue word ("had approved", "reluctance"); a clause-taking word
    without a clause ("found her tracks"); an agentless passive without one ("could be
    announced"); a listed verb used as an adjective, where ``tag_at`` (character offset ->
    part-of-speech tags of the word before, the word and the word after) is given ("his
    estimated costs"); the writer's own "I think" (a first-person source outside quotes is
    the writer's voice, not a report); a source who says nothing ("declined to comment",
    "did not respond to", with no content) and "without referring to". A cue of no cue word
    right beside one moves onto it. In a hedged passive ("X is said to …") X is what is told,
    not who tells it: the relation keeps no source.
    """
    quotes = quotes if isinstance(quotes, SpanIndex) else SpanIndex(quotes)
    out = []
    for i, rel in enumerate(relations):
        cue = rel.cue
        cue_text = text[cue[0] : cue[1]]
        if not CUE_WORD.search(cue_text):  # a dash or colon of a rule relation: "…" ― Name
            out.append((i, rel, "assertion"))
            continue
        found = lexicon.words(cue_text)
        if found:
            word = found[0][2]
            w0 = cue[0] + found[0][0]
            if _in_name(text, w0):  # "The Huffington Post", "the Washington Post reported"
                continue
            if (
                tag_at is not None
                and _DETERMINED.search(text, max(0, w0 - 12), w0)
                and _attributive(lexicon, text[w0 : cue[0] + found[0][1]], tag_at(w0))
            ):
                continue
        else:
            moved = _neighbour_cue(text, cue, lexicon)
            if moved is None:
                continue
            cue, word = moved
            rel = replace(rel, cue=cue)
        approx = _APPROXIMATE.search(text, cue[0], cue[1])
        if approx and approx.start() > cue[0] and _NUMBER_NEXT.match(text, cue[1]):
            cue = (cue[0], approx.start())  # "says about 550 students": "about" is content
            rel = replace(
                rel,
                cue=cue,
                content=(cue[1] + 1, rel.content[1])
                if rel.content and rel.content[0] > cue[1]
                else rel.content,
            )
        if _ANONYMITY.match(text, cue[1]):  # "who asked not to be named": no report
            continue
        short = rel.content is None or len(text[rel.content[0] : rel.content[1]].split()) <= 6
        silent = any(
            m.start() < cue[1] and m.end() > cue[0]
            for m in _NON_ANSWER.finditer(text, max(0, cue[0] - 30), min(len(text), cue[1] + 40))
        )
        if (
            silent
            and short
            or _WITHOUT.match(cue_text)
            or _WITHOUT_BEFORE.search(text, max(0, cue[0] - 12), cue[0])
        ):
            continue  # "declined to comment", "did not respond to", "without referring to"
        quoted = rel.content is not None and quotes.overlaps(*rel.content)
        if word.needs_clause and not has_clause(
            text, cue, rel.content, quoted, infinitive=word.cls != "knowledge"
        ):
            continue
        if is_passive_without_agent(text, cue, rel.source) and not quoted:
            continue
        if rel.source is not None and rel.source[1] <= cue[0] and is_hedged_passive(text, cue):
            rel = replace(rel, source=None)  # "The Dutch government is said to ...": a hedge
        src = rel.source
        if (
            src is not None
            and _FIRST_PERSON.fullmatch(text[src[0] : src[1]])
            and not quotes.overlaps(src[0], src[0] + 1)
        ):
            continue
        out.append((i, rel, word.cls))
    return out
