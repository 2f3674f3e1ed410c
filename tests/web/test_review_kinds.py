"""The review page's lists of relation kinds and source types are the analysis schema's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from service.engine.types import ATTRIBUTION_KINDS, SOURCE_TYPES

PANELS = Path(__file__).resolve().parents[2] / "service/web/review/static/panels.js"


def js_list(name: str) -> tuple[str, ...]:
    m = re.search(rf"^const {name} = \[([^\]]*)\];", PANELS.read_text(encoding="utf-8"), re.M)
    assert m, f"no const {name} in {PANELS.name}"
    return tuple(re.findall(r"'([^']*)'", m.group(1)))


@pytest.mark.parametrize("name, python", [("KINDS", ATTRIBUTION_KINDS), ("TYPES", SOURCE_TYPES)])
def test_the_review_page_offers_the_schemas_kinds_and_types(name, python):
    assert js_list(name) == python
