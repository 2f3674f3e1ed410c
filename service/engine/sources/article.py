"""The article around the mentions: its paragraphs, sentences and quotations, its names in
running text (page furniture, photo credits and places excluded), its byline and the
acronyms it defines."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from service.engine import source_lexicon as L
from service.engine.furniture import after_dateline, credit_spans, is_furniture, is_headline
from service.engine.quotes import quote_at, quote_intervals
from service.engine.segment import paragraphs
from service.engine.sources.names import (
    Name,
    Tok,
    acronym_source,
    classify_chain,
    is_acronym,
    is_known_org,
    is_place,
    name_chains,
    org_key,
    tokenize,
)

_SENT_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")


@dataclass
class _TextName:
    name: Name
    start: int
    end: int
    quoted: bool
    place: bool = False  # "Nova Scotia", "in Goma": a place, no antecedent for a pronoun


def sentence_starts(text: str, paras: list[tuple[int, int]]) -> list[int]:
    """Where the sentences of the paragraphs start, by end punctuation before a capital or a
    digit (not after an abbreviation or an initial): the unit in which a pronoun's distance
    to its antecedent is counted. Not the pipeline's Punkt sentences: with those, 3 of the 85
    snapshot analyses resolve a pronoun differently (measured when sources became a
    package), and the pronoun rules were tuned on these."""
    starts = []
    for a, b in paras:
        starts.append(a)
        for m in _SENT_END.finditer(text, a, b):
            if text[m.start()] == ".":
                w = _WORD_BEFORE.search(text, max(a, m.start() - 12), m.start())
                if w and (
                    w.group(1).lower().rstrip(".") in L.ABBREVIATIONS
                    or (len(w.group(1)) == 1 and w.group(1).isupper())
                ):
                    continue
            starts.append(m.end())
    return starts


class Article:
    """The text with its paragraphs (computed here unless given), sentences and quotations
    (:func:`~service.engine.quotes.quote_intervals`, computed on first use unless given);
    its names in running text are scanned on first use."""

    def __init__(
        self,
        text: str,
        quotes: list[tuple[int, int]] | None = None,
        paras: list[tuple[int, int]] | None = None,
    ):
        self.text = text
        self.paras = paras if paras is not None else paragraphs(text)
        self.para_starts = [a for a, _ in self.paras]
        self.sent_starts = sentence_starts(text, self.paras)
        self._quotes: list[tuple[int, int]] | None = quotes
        self._qstarts = None if quotes is None else [a for a, _ in quotes]
        self._names: list[_TextName] | None = None
        self.byline: Name | None = None
        self.acronyms: dict[str, str] = {}
        self._body_start: int | None = None

    def para(self, pos: int) -> int:
        return max(bisect_right(self.para_starts, pos) - 1, 0)

    def sent(self, pos: int) -> int:
        return max(bisect_right(self.sent_starts, pos) - 1, 0)

    @property
    def quotes(self) -> list[tuple[int, int]]:
        if self._quotes is None:
            self._quotes = quote_intervals(self.text, self.paras)
            self._qstarts = [a for a, _ in self._quotes]
        return self._quotes

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        quotes = self.quotes
        assert self._qstarts is not None  # set with the quotes
        return quote_at(quotes, self._qstarts, pos)

    @property
    def body_start(self) -> int:
        """Offset of the story's first paragraph (0 if none): before it come the headline and
        page furniture. Cheap: no tokens, only the paragraphs' words and ends."""
        if self._body_start is None:
            self._body_start = 0
            for a, b in self.paras:
                line = self.text[a:b]
                words = len(line.split())
                if not (is_furniture(line) or is_headline(line, words)):
                    self._body_start = a
                    break
        return self._body_start

    @property
    def names(self) -> list[_TextName]:
        """Capitalised names in the story's running text (not page furniture), in order."""
        if self._names is None:
            self._scan()
        assert self._names is not None  # set by _scan
        return self._names

    def _scan(self) -> None:
        text = self.text
        out: list[_TextName] = []
        body_started = False
        for idx, (a, b) in enumerate(self.paras):
            line = text[a:b]
            low = line.lower()
            words = len(line.split())
            if is_furniture(line):
                if idx < 6 and low.startswith("by ") and words <= 10:
                    btoks = tokenize(text, a + 3, b)
                    people = [
                        self._classify(btoks, c) for c in name_chains(text, btoks, 0, len(btoks))
                    ]
                    people = [p for p in people if p.kind == "person" and p.ntoks >= 2]
                    if len(people) == 1 and " and " not in low:
                        self.byline = people[0]
                continue
            if not body_started:
                if is_headline(line, words):
                    continue  # headline, section label
                body_started = True
            a = after_dateline(text, a, b)
            toks = tokenize(text, a, b)
            credits = credit_spans(text, a, b)  # "(Luis Tato/AFP/Getty Images)"
            for c in name_chains(text, toks, 0, len(toks)):
                nm = self._classify(toks, c)
                if nm.kind == "title" or nm.kind == "group":
                    continue
                s, e = toks[c[0]].start, toks[c[1] - 1].end
                if credits and any(cs <= s < ce for cs, ce in credits):
                    continue
                if (
                    nm.kind == "person"
                    and c[0] >= 2
                    and toks[c[0] - 1].text == ","
                    and toks[c[0] - 2].key in L.ROLE_GENDER
                ):
                    # "Her grandfather, Lucien, ...": a man, whom a later "he" may mean
                    role = toks[c[0] - 2].key
                    nm.gender = nm.gender or L.ROLE_GENDER[role]
                    nm.titles.add(role)
                    nm.weak, nm.evidence = False, True
                quoted = self.quote_at(s) is not None
                before = toks[c[0] - 1].low if c[0] else ""
                place = is_place(nm) or (
                    before in L.LOCATIVE
                    and not (nm.kind == "person" and nm.evidence)
                    and not is_known_org(nm)
                )
                out.append(_TextName(nm, s, e, quoted, place))
            # acronyms defined in the text: "the Office for National Statistics (ONS)"
            for j in range(len(toks) - 3):
                if toks[j + 1].text == "(" and toks[j + 3].text == ")" and is_acronym(toks[j + 2]):
                    long = acronym_source(text, toks, j, toks[j + 2])
                    if long:
                        self.acronyms[org_key(toks[j + 2].text)] = long
        self._names = out

    def _classify(self, toks: list[Tok], c: tuple[int, int]) -> Name:
        a, b = c
        pre: list[str] = []
        k = a - 1
        while k >= 0 and len(pre) < 3 and toks[k].word and toks[k].key in L.TITLE_WORDS:
            pre.append(toks[k].key)
            k -= 1
        name = classify_chain(self.text, toks, a, b, a > 0 and toks[a - 1].key == "the", pre[::-1])
        if name.kind == "person" and pre:  # "Republican nominee Donald Trump"
            while (
                k >= 0
                and a - k <= 6
                and toks[k].word
                and (toks[k].cap or toks[k].key in L.TITLE_WORDS)
                and toks[k].key not in L.CAP_STOP
            ):
                name.title_words.add(toks[k].key)
                k -= 1
        return name
