"""Group attribution source mentions into an article's sources, type them, resolve pronouns.

The span finder gives each attribution relation an optional source span. This module turns
those spans into :class:`~service.engine.types.Source` objects: "NATO Secretary General Mark
Rutte", "Rutte", "Mr. Rutte" and a later "he" become one person named "Mark Rutte".

Plain Python and ``re`` only; the word lists live in :mod:`service.engine.source_lexicon`.

How a mention is read
    Parenthesised acronyms are kept as aliases ("the Financial Times (FT)"); the rest is split
    at commas into appositive parts ("Jane Doe, a spokeswoman for the company"), and a part
    naming someone wins over a descriptive one, whose role and gender it inherits. In a part,
    a capitalised name ending the noun phrase makes a named mention (titles such as "NATO
    Secretary General" are stripped from the name, not from the span); otherwise the head
    noun decides: a document noun ("poll", "report") makes a document, a person or group noun
    ("officials", "a person familiar with the matter", "critics") an anonymous source, "the
    newspaper"/"the company" refer back to the latest publication/organisation, and a role
    noun with an identified principal ("Smith's spokesman", "a Pentagon spokesman") a person.

Grouping
    People group by surname with compatible first names ("Mark Rutte" = "Rutte" = "Mr.
    Rutte"); organisations and publications by a normalised name, outlet aliases ("FT",
    "WSJ"), acronyms defined in the text ("(ONS)") and initials; anonymous sources and
    documents by their description, and a definite description ("the officials", "the poll")
    refers back to the latest one with the same head noun. A bare description in the
    headline ("State report finds ...") is the first fuller one in the body with the same head
    noun and all its words ("a state report released Wednesday"), which names it.

Decisions
    * Cataphora: a definite role with no holder before it ("the mayor said") is the first
      person with that title in its paragraph or the next ("Mayor Lena Park").
    * Spokesperson policy: a role held for an identified principal ("Smith's spokesman", "a
      spokeswoman for the company" once the company is known, "a White House spokesman") is a
      ``person`` with ``named=False`` named "spokesperson for <principal>" (lawyers,
      attorneys, counsel, representatives likewise "lawyer for <principal>"; other roles
      "<role> of <principal>": "director of FBI"). One such source per role and principal. A
      definite role ("the senator", "the company's spokeswoman") first refers back to the
      latest person holding that title. Without an identifiable principal the mention is
      ``anonymous`` ("a spokesman").
    * Pronoun policy: he/she/him/her resolve to the nearest preceding person (gender from
      honorifics, gendered role nouns, the first-name lists or an earlier he/she resolved to
      that person; unknown gender fits both, and a known match wins over a candidate that may
      be no person at all, but not over a named person of unknown gender), or to a singular
      anonymous person ("a senior official ... he added");
      they/them to the nearest organisation, publication or anonymous group; it to an
      organisation, publication or document. Candidates are source mentions and capitalised
      names anywhere in the running text (page furniture such as bylines, credit lines,
      headlines and datelines excluded, and so are photo credits inside a paragraph and
      places: a name in :data:`~service.engine.source_lexicon.PLACES` or after "in", "at",
      "from") in the pronoun's paragraph and the two before it. A two-word name the name
      lists do not know ("Kwame Osei") is a rival that leaves "he" unresolved rather than
      going to a man named earlier; a lone first name is the one person known by it
      ("Thomas" for "Thomas Sam"); a kin noun before a name gives its gender ("Her
      grandfather, Lucien,").
      Nearness is counted in sentences; at equal distance a source mention beats a name in
      running text, which beats a name inside a quotation. Two different fitting candidates
      left at the nearest distance, or none in the window, leave the pronoun unresolved: its
      relation gets ``source_id=None`` and the pronoun creates no source (no "unknown"
      placeholder). A third-person pronoun inside a quotation never resolves to that
      quotation's speaker.
    * I/me/we/us inside a quotation resolve to the quotation's speaker (the resolved source
      mention nearest the quote in its paragraph); "I"/"me" outside quotations to the
      byline's author when the article has a single-author byline; "we"/"us" outside
      quotations (the newsroom, an op-ed's "we") and "you" stay unresolved. Relative pronouns
      ("who", "which", "that") resolve to a source mention or name ending right before them
      ("Pat Caddell, who"), else stay unresolved. Possessive pronouns ("his") read as their
      pronoun.
    * A bare capitalised word with no other evidence ("Microsoft said") is typed
      ``organization``; it becomes a person as soon as a fuller personal name in the text, an
      honorific, an apposition with a role, or a he/she pronoun points to it.
    * Unnamed organisations ("the government" with nothing to refer back to) are
      ``organization`` with ``named=False``; mentions that fit nothing are ``unknown``;
      a cue word in the source slot ("said"), numbers or punctuation alone, and a dateline
      ("BRUSSELS (Reuters) -", stripped from the start of any mention) get no source. A
      mention whose comma-separated parts include a clause ("The Pentagon will double its
      orders, the Pentagon": content the span model ran into the source) is read from its
      noun-phrase parts.

Cost: one pass over the text's tokens (only when pronouns or short names need it), one over
its paragraph ends (only when a bare description may be a headline's), plus a near-constant
amount of work per mention.
"""

from service.engine.sources.resolve import PRONOUN_PARAGRAPH_WINDOW, Mention, resolve_sources

__all__ = ["Mention", "resolve_sources", "PRONOUN_PARAGRAPH_WINDOW"]
