"""GET /v1/lexicons: what the bias checks look for, as the editor sees it."""

from __future__ import annotations

import pytest
from web_fixtures import app, client, engine  # noqa: F401  (fixtures)

from service.engine.bias import hedges, loaded_verbs
from service.web.schemas import LexiconsResponse


def test_lexicons_lists_the_verb_table_and_the_patterns(client):
    resp = client.get("/v1/lexicons")
    assert resp.status_code == 200
    body = LexiconsResponse.model_validate(resp.get_json())
    lemmas = {v.lemma for v in body.loaded_verbs}
    assert {"claim", "admit", "insist", "refuse to"} <= lemmas
    assert not {"say", "tell", "according to"} & lemmas
    claim = next(v for v in body.loaded_verbs if v.lemma == "claim")
    assert "claimed" in claim.forms and claim.reason and claim.provenance
    ids = [p.id for p in body.patterns]
    assert len(ids) == len(set(ids)) == len(hedges.PATTERNS)
    assert {p.kind for p in body.patterns} == {"hedge", "weasel", "unattributed_claim"}
    assert any("say" in n.verbs for n in body.not_flagged)
    assert len(body.loaded_verbs) == len(loaded_verbs.ENTRIES)


def test_lexicons_validates_against_the_openapi_document(client):
    jsonschema = pytest.importorskip("jsonschema")
    spec = client.get("/openapi.json").get_json()
    assert "get" in spec["paths"]["/v1/lexicons"]
    schema = {"$ref": "#/components/schemas/LexiconsResponse", "components": spec["components"]}
    jsonschema.Draft202012Validator(schema).validate(client.get("/v1/lexicons").get_json())
