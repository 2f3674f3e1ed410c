"""Who said each quotation, by the conventions of news writing.

The span model learns attribution from PolNeAR, where inverted attribution ("…," says Dave
Martell, a doctor) and continuing quotations are rare. This stage reads each quotation of
the article (a run of paragraphs that open with a quotation mark is one quotation) and the
words beside it:

* ``"…," X said`` / ``"…," said X`` / ``"…," says X, a title`` / ``"…," according to X``;
* ``X said: "…"`` / ``X, a title, told reporters, "…"``;
* a quotation split by its attribution (``"A," she said. "B."``) is one content span;
* a sentence (or paragraph) that is only a quotation, right after a relation with a
  source, continues that source's words: it gets a relation of its own with the same cue
  and source, until a sentence of other words (a new name, the writer's own) comes between.

Where the span model found the same cue, the quotation fills in what it lacks (a source, a
content) or replaces a content that swallowed the cue and source; elsewhere a new relation
is added. Scare quotes (one to three quoted words with no punctuation) are left alone. Every
step is a bisection or a bounded look around one quotation, so the cost is linear in the
text.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace

from service.engine.lexicon import MODALS, REPORTING_VERBS, SPEAKER_WORDS
from service.engine.spans import MAX_CUES_PER_SENTENCE, DocTokens, RawRelation, runs_on
from service.engine.tokens import Token

QUOTE_CONFIDENCE = 0.9  # a quotation with its speaker beside it
CONTINUATION_FACTOR = 0.9  # a continuing quotation: its relation's confidence, a bit lower
MAX_SPEAKER_TOKENS = 8
MAX_APPOSITION_TOKENS = 12
MAX_CUE_OBJECT_TOKENS = 3  # "told reporters", "said in a statement", "told The Globe"

PRONOUNS = frozenset("he she they it we i".split())
_DETERMINERS = frozenset("the a an his her their its our this these those".split())
_ADVERBS = frozenset(
    "later also then again once still now previously earlier further "
    "recently repeatedly simply".split()
)
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    tomorrow january february march april may june july august september october november
    december""".split()
)
_AUXILIARIES = (
    frozenset("is was were are be been being has have had do does did not never".split()) | MODALS
)
# Words that end a speaker phrase: clause openers and prepositions ("said Smith on Monday").
_BREAKS = (
    frozenset(
        """that which who whom whose and but or nor when while as after before because if so
    where since although though than to in on at by with from into about during""".split()
    )
    | _AUXILIARIES
)
_NAME_LINKS = frozenset("of de van von der al bin da du la le".split())
_CONTENT_PUNCT = frozenset(".,!?;:…")
_END_PUNCT = frozenset(".!?)")


@dataclass(frozen=True)
class Quotation:
    """A quotation (over one paragraph or several), as characters and token indices."""

    start: int
    end: int
    first: int  # its first token
    last: int  # one past its last token
    tail: int  # first token of its last paragraph's piece


def quotations(dt: DocTokens) -> list[Quotation]:
    """The article's quotations in text order; a quote running over paragraphs is one."""
    out = []
    i = 0
    while i < len(dt.quotes):
        j = i
        while runs_on(dt, j):
            j += 1
        (a, _), (c, b) = dt.quotes[i], dt.quotes[j]
        first, _ = dt.token_range(a, a + 1)
        tail, _ = dt.token_range(c, c + 1)
        _, last = dt.token_range(b - 1, b)
        if first < last:
            out.append(Quotation(a, b, first, last, tail))
        i = j + 1
    return out


def _is_word(t: Token) -> bool:
    return t.text[0].isalnum()


def _is_scare_quote(dt: DocTokens, q: Quotation) -> bool:
    """One to three quoted words with no punctuation inside: a phrase used as a noun."""
    words = 0
    for t in dt.tokens[q.first : q.last]:
        if t.text in _CONTENT_PUNCT:
            return False
        words += _is_word(t)
        if words > 3:
            return False
    return True


def _sentence_start(dt: DocTokens, i: int) -> int:
    return dt.sentence_bounds[dt.tokens[i].sentence][0]


def _sentence_end(dt: DocTokens, i: int) -> int:
    return dt.sentence_bounds[dt.tokens[i].sentence][1]


def _paragraph(dt: DocTokens, i: int) -> int:
    return dt.sentence_paragraph[dt.tokens[i].sentence]


def _is_cue(t: Token) -> bool:
    return t.lower in REPORTING_VERBS and not t.lower.endswith("ing")


def _speaker(toks: list[Token], lo: int, hi: int) -> tuple[int, int] | None:
    """Token range of the speaker phrase in ``toks[lo:hi]`` (trailing adverbs and times
    dropped), or None when it does not look like someone who can speak."""
    while hi > lo and (
        toks[hi - 1].lower in _ADVERBS
        or toks[hi - 1].lower in _TIME_WORDS
        or (toks[hi - 1].lower.endswith("ly") and toks[hi - 1].text.islower())
    ):
        hi -= 1
    while lo < hi and toks[lo].lower in _TIME_WORDS:
        lo += 1
    n = hi - lo
    if n <= 0 or n > MAX_SPEAKER_TOKENS:
        return None
    span = toks[lo:hi]
    if n == 1 and span[0].lower in PRONOUNS:
        return lo, hi
    if not _is_word(span[0]) or not _is_word(span[-1]):
        return None
    for t in span:
        if (t.lower in _BREAKS and t.lower not in _NAME_LINKS) or _is_cue(t) or t.lower in PRONOUNS:
            return None
        if not (_is_word(t) or t.text in ".-&'’"):
            return None
    if span[0].lower in _DETERMINERS:
        return (lo, hi) if n > 1 else None  # "the ministry", "the company's chief executive"
    for x, t in enumerate(span):
        if t.text[0].isupper():
            return lo + x, hi  # a name; lower-case words before it ("coach") left out
    if n == 1 and (span[0].lower in SPEAKER_WORDS or span[0].lower.endswith("s")):
        return lo, hi  # "officials said", "witnesses said"
    return None


def _phrase_after(dt: DocTokens, i: int, limit: int) -> int:
    """End of the run of speaker-like tokens from ``i`` (a dot only inside a name: "Dr. X")."""
    toks = dt.tokens
    end = i
    while end < min(limit, len(toks)) and end - i <= MAX_SPEAKER_TOKENS:
        t = toks[end]
        if (
            t.text == "."
            and end + 1 < len(toks)
            and toks[end + 1].text[:1].isupper()
            and toks[end - 1].text[:1].isupper()
            and len(toks[end - 1].text) <= 3
            and toks[end + 1].sentence == t.sentence
        ):
            end += 1
            continue
        if not (_is_word(t) or t.text in "-&") or (
            t.lower in _BREAKS and t.lower not in _NAME_LINKS
        ):
            break
        end += 1
    return end


def _phrase_before(dt: DocTokens, i: int, floor: int) -> int:
    """Start of the run of speaker-like tokens ending just before token ``i``."""
    toks = dt.tokens
    start = i
    while start > floor and i - start <= MAX_SPEAKER_TOKENS:
        t = toks[start - 1]
        if (
            t.text == "."
            and start - 2 >= floor
            and toks[start - 2].text[:1].isupper()
            and len(toks[start - 2].text) <= 3
        ):
            start -= 1
            continue
        if not (_is_word(t) or t.text in "-&") or (
            t.lower in _BREAKS and t.lower not in _NAME_LINKS
        ):
            break
        if _is_cue(t):
            break
        start -= 1
    return start


def _chars(dt: DocTokens, lo: int, hi: int) -> tuple[int, int]:
    return dt.tokens[lo].start, dt.tokens[hi - 1].end


@dataclass(frozen=True)
class _Found:
    cue: tuple[int, int]  # token ranges
    speaker: tuple[int, int]
    reach: tuple[int, int]  # tokens of the whole attribution (cue, speaker, apposition)


def _after(dt: DocTokens, q: Quotation) -> _Found | None:
    """``"…," said X`` / ``"…," X said`` / ``"…," according to X``: the attribution right
    after a quotation that opens its sentence."""
    toks = dt.tokens
    if q.tail != _sentence_start(dt, q.tail) or q.last >= len(toks):
        return None
    para = _paragraph(dt, q.last - 1)
    j = q.last
    if toks[j].text in ",—–-":
        j += 1
    if j >= len(toks) or _paragraph(dt, j) != para or dt.quoted[j]:
        return None
    limit = _sentence_end(dt, j)
    # cue first: "said X", "according to X"
    if _is_cue(toks[j]) or (
        toks[j].lower == "according" and j + 1 < limit and toks[j + 1].lower == "to"
    ):
        cue = (j, j + 1) if toks[j].lower != "according" else (j, j + 2)
        end = _phrase_after(dt, cue[1], limit)
        who = _speaker(toks, cue[1], end)
        if who is None:
            return None
        return _Found(cue, who, (j, who[1]))
    # speaker first: "X said", "X, a title, said"
    k = j
    while k < limit and k - j <= MAX_SPEAKER_TOKENS + MAX_APPOSITION_TOKENS:
        t = toks[k]
        if _is_cue(t):
            break
        if (
            t.text in ".!?;:"
            and not (k > j and len(toks[k - 1].text) <= 3 and toks[k - 1].text[:1].isupper())
            or dt.quoted[k]
        ):
            return None
        k += 1
    else:
        return None
    comma = next((x for x in range(j, k) if toks[x].text == ","), k)
    if comma < k and toks[k - 1].text != ",":
        return None  # "…," Smith, who … said: too far from a plain attribution
    head_end = _phrase_after(dt, j, comma)
    if head_end != comma:
        # words between the speaker phrase and the cue must be adverbs ("Smith later said")
        if comma != k or any(
            not (toks[x].lower in _ADVERBS or toks[x].lower.endswith("ly"))
            for x in range(head_end, k)
        ):
            return None
    who = _speaker(toks, j, comma)
    if who is None:
        return None
    return _Found((k, k + 1), who, (j, k + 1))


def _before(dt: DocTokens, q: Quotation) -> _Found | None:
    """``X said: "…"`` / ``X told reporters, "…"``: an attribution, then a quotation that
    ends its sentence."""
    toks = dt.tokens
    i = q.first
    start = _sentence_start(dt, i)
    if i <= start:
        return None
    after = q.last
    end = _sentence_end(dt, q.last - 1)
    if end - after > 2 or any(toks[x].text not in _END_PUNCT for x in range(after, end)):
        return None
    if toks[i - 1].text in ",:":  # "X told reporters: "…""
        c = i - 1
        v = next(
            (
                x
                for x in range(c - 1, max(c - 2 - MAX_CUE_OBJECT_TOKENS, start - 1), -1)
                if _is_cue(toks[x])
            ),
            None,
        )
    else:  # "X said "…"": the cue right before the quotation
        c = i
        v = i - 1 if _is_cue(toks[i - 1]) else None
    if v is None or any(not _is_word(toks[x]) for x in range(v + 1, c)):
        return None
    k = v
    while k > start and (
        toks[k - 1].lower in _ADVERBS
        or (toks[k - 1].lower.endswith("ly") and toks[k - 1].text.islower())
    ):
        k -= 1
    head_end = k
    if k > start and toks[k - 1].text == ",":  # "X, a title, said:"
        back = next(
            (
                x
                for x in range(k - 2, max(k - 2 - MAX_APPOSITION_TOKENS, start - 1), -1)
                if toks[x].text == ","
            ),
            None,
        )
        if back is None:
            return None
        head_end = back
    head_start = _phrase_before(dt, head_end, start)
    who = _speaker(toks, head_start, head_end)
    if who is None:
        return None
    return _Found((v, v + 1), who, (who[0], v + 1))


def _split_partner(dt: DocTokens, quotes: list[Quotation], k: int, found: _Found) -> int:
    """Index of the last quotation a split quote ``"A," she said, "B."`` runs on to, when
    quotation ``k + 1`` follows the attribution after only a comma or a full stop."""
    if k + 1 >= len(quotes):
        return k
    nxt = quotes[k + 1]
    gap = nxt.first - found.reach[1]
    toks = dt.tokens
    if (
        gap == 0
        or (gap == 1 and toks[found.reach[1]].text in ",.:")
        and _paragraph(dt, nxt.first) == _paragraph(dt, found.reach[1] - 1)
        and not _is_scare_quote(dt, nxt)
    ):
        return k + 1
    return k


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _merge(dt: DocTokens, model: RawRelation, rule: RawRelation) -> RawRelation:
    """The model's relation, with the quotation's source and content where it lacks them
    or has them in the wrong place (a content that swallowed "says X, a title" and holds no
    quotation after it; a split quote, "A," says X. "B.", stays one span)."""
    source, content = model.source, model.content
    if source is None or _overlaps(source, rule.content) or not _overlaps(source, rule.source):
        source = rule.source
    if content is None or not _overlaps(content, rule.content):
        content = rule.content
    elif (_overlaps(content, rule.cue) or _overlaps(content, rule.source)) and not _overlaps(
        rule.content, rule.cue
    ):
        assert rule.source is not None  # a quotation's rule relation names its speaker
        after = max(rule.cue[1], rule.source[1])
        i = bisect_left(dt.quote_starts, after)
        if i >= len(dt.quotes) or dt.quotes[i][0] >= content[1]:
            content = rule.content
    if source == model.source and content == model.content:
        return model
    return replace(model, source=source, content=content)


def _attributed(dt: DocTokens, quotes: list[Quotation]) -> list[tuple[RawRelation, int]]:
    """Relations from quotations with their speaker beside them, each with the index of
    the last quotation it takes as content."""
    out = []
    k = 0
    while k < len(quotes):
        q = quotes[k]
        if not _is_scare_quote(dt, q):
            found = _after(dt, q) or _before(dt, q)
        elif q.last < len(dt.tokens) and dt.tokens[q.last].text == ",":
            found = _after(dt, q)  # « Non », a-t-il dit: short, but set off by a comma
        else:
            found = None
        if found is None:
            k += 1
            continue
        last = k
        if found.reach[0] >= q.last:  # the attribution follows: "A," she said, "B."
            last = _split_partner(dt, quotes, k, found)
        cue, who = _chars(dt, *found.cue), _chars(dt, *found.speaker)
        out.append(
            (
                RawRelation(
                    cue=cue,
                    source=who,
                    content=(q.start, quotes[last].end),
                    cue_tokens=found.cue,
                    confidence=QUOTE_CONFIDENCE,
                ),
                last,
            )
        )
        k = last + 1
    return out


def _same_attribution(
    relations: list[RawRelation], starts: list[int], lo: int, hi: int
) -> int | None:
    """Index of a relation whose cue overlaps characters [lo, hi) (cues are short, so only
    those starting shortly before ``lo`` are looked at)."""
    for i in range(bisect_left(starts, hi) - 1, bisect_left(starts, lo - 200) - 1, -1):
        if relations[i].cue[0] < hi and lo < relations[i].cue[1]:
            return i
    return None


def _only_quotation(dt: DocTokens, q: Quotation) -> bool:
    """Whether the sentences ``q`` stands in hold nothing but it (and end punctuation), and
    it reads as speech: it opens with a capital and is no title-case subhead ('All Bets
    Are Off.')."""
    if q.first != _sentence_start(dt, q.first):
        return False
    words = [t.text for t in dt.tokens[q.first : q.last] if _is_word(t)]
    if not words or not words[0][0].isupper():
        return False
    if len(words) <= 8 and all(w[0].isupper() for w in words if len(w) > 3):
        return False
    end = _sentence_end(dt, q.last - 1)
    return end - q.last <= 2 and all(dt.tokens[x].text in _END_PUNCT for x in range(q.last, end))


def quote_relations(dt: DocTokens, found: list[RawRelation]) -> list[RawRelation]:
    """``found`` (the span model's and rule relations) completed from the article's
    quotations, plus relations for quotations the model missed and for continuing
    quotations; sorted by cue."""
    relations = sorted(found, key=lambda r: r.cue)
    if not dt.quotes or not dt.tokens:
        return relations
    quotes = quotations(dt)
    starts = [r.cue[0] for r in relations]
    added: list[RawRelation] = []
    per_sentence: dict[int, int] = {}
    for rule, _ in _attributed(dt, quotes):
        assert rule.source is not None  # a quotation's rule relation names its speaker
        lo = min(rule.cue[0], rule.source[0])
        hi = max(rule.cue[1], rule.source[1])
        i = _same_attribution(relations, starts, lo, hi)
        if i is not None:
            relations[i] = _merge(dt, relations[i], rule)
            continue
        s = dt.tokens[rule.cue_tokens[0]].sentence
        if per_sentence.get(s, 0) >= MAX_CUES_PER_SENTENCE:
            continue
        per_sentence[s] = per_sentence.get(s, 0) + 1
        added.append(rule)
    relations = sorted(relations + added, key=lambda r: r.cue)
    return sorted(relations + _continuations(dt, quotes, relations), key=lambda r: r.cue)


def _continuations(
    dt: DocTokens, quotes: list[Quotation], relations: list[RawRelation]
) -> list[RawRelation]:
    """Continuing quotations. A quotation that stands alone right after a relation with a
    source, and is no one's content yet, is that source's: in the relation's own paragraph,
    right after a quotation the attribution splits ("A," she said. "B."), it joins the
    relation's content (one span, as the README's split quote); otherwise it gets a relation
    of its own with the same cue and source. ``relations`` is updated in place; the new
    relations are returned."""
    reach = sorted(
        (
            (max(r.cue[1], r.source[1] if r.source else 0, r.content[1] if r.content else 0), k)
            for k, r in enumerate(relations)
        )
    )
    contents = sorted(r.content for r in relations if r.content)
    out: list[RawRelation] = []
    last: tuple[int, int | None, RawRelation] | None = None  # (end of its words, index, rel)
    ri = ci = 0
    covered_to = -1
    k: int | None
    for q in quotes:
        while ri < len(reach) and reach[ri][0] <= q.start:
            end, k = reach[ri]
            if last is None or end >= last[0]:
                last = (end, k, relations[k])
            ri += 1
        covered = False
        while ci < len(contents) and contents[ci][0] < q.end:
            a, b = contents[ci]
            if min(b, q.end) - max(a, q.start) > 0:
                covered = True
            covered_to = max(covered_to, b)
            ci += 1
        if covered or covered_to > q.start or last is None:
            continue
        prev_end, k, prev = last
        if (
            prev.source is None
            or dt.quote_at(prev.source[0]) is not None
            or _is_scare_quote(dt, q)
            or not _only_quotation(dt, q)
        ):
            continue
        if not _follows(dt, prev_end, q):
            continue
        if k is not None and _splits(dt, prev, q) and prev.content is not None:
            relations[k] = rel = replace(prev, content=(prev.content[0], q.end))
        else:
            k = None
            rel = RawRelation(
                cue=prev.cue,
                source=prev.source,
                content=(q.start, q.end),
                cue_tokens=prev.cue_tokens,
                confidence=round(prev.confidence * CONTINUATION_FACTOR, 4),
            )
            out.append(rel)
        last = (q.end, k, rel)
    return out


def _splits(dt: DocTokens, rel: RawRelation, q: Quotation) -> bool:
    """Whether ``rel`` attributes a quotation that ends just before its cue, in the
    paragraph of quotation ``q`` (so "A," she said. "B." is one quotation split by its cue)."""
    if rel.content is None or rel.content[1] > rel.cue[0]:
        return False
    inner = dt.quote_at(rel.content[1] - 1)
    return (
        inner is not None
        and inner[1] == rel.content[1]
        and _paragraph(dt, rel.cue_tokens[0]) == _paragraph(dt, q.first)
    )


def _follows(dt: DocTokens, prev_end: int, q: Quotation) -> bool:
    """Whether quotation ``q`` comes right after the words of a relation ending at
    character ``prev_end``: in the same sentence after only punctuation, or in the next
    sentence with no other cue nor quotation after the relation in its own sentence."""
    toks = dt.tokens
    lo, _ = dt.token_range(prev_end, prev_end + 1)
    p = lo - 1 if lo > 0 else 0  # the relation's last token
    if p >= len(toks):
        return False
    sa, sq = toks[p].sentence, toks[q.first].sentence
    if sq == sa:
        return all(
            not _is_word(t) and not dt.quoted[x] for x, t in enumerate(toks[lo : q.first], lo)
        )
    if sq != sa + 1:
        return False
    end = dt.sentence_bounds[sa][1]
    return all(not dt.quoted[x] and not _is_cue(t) for x, t in enumerate(toks[lo:end], lo))
