"""Word lists kept as data: one tab-separated file per list, read once.

Each file (``hedges.tsv``, ``reporting.tsv``, ``first_second_person.tsv``) has a header row
and one entry per row; ``README.md`` beside them says where each list comes from and what
its columns mean. Modules take the words they need with :func:`words`, filtered by column
values: ``words("hedges", form="adverb", uses="rule")``. A ``uses`` column holds a
comma-separated set, matched by membership; any other column is matched exactly.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib.resources import files


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``name``.tsv as dicts keyed by the header (file order)."""
    text = files(__package__).joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    reader = csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple(reader)


def words(name: str, **match: str) -> frozenset[str]:
    """The ``word`` column of the rows of ``name``.tsv that match every ``column=value``."""
    out = []
    for row in rows(name):
        for column, value in match.items():
            cell = row[column]
            if not (value in cell.split(",") if column == "uses" else cell == value):
                break
        else:
            out.append(row["word"])
    return frozenset(out)


def alternation(forms: frozenset[str] | set[str]) -> str:
    """A regex alternation of ``forms``, longest first (so no form shadows a longer one), with
    the spaces of multi-word forms matching any white space."""
    ordered = sorted(forms, key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)
