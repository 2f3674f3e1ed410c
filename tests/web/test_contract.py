"""Contract tests: the OpenAPI document drives generated requests against the app.

schemathesis reads ``/openapi.json`` from the app itself and, for every operation, generates
requests that fit the schema (positive) and requests that break it (negative: wrong types,
missing fields, bad headers). No generated request may get a 5xx, and every response must
match the document: a documented status (or ``default``), the documented content type, the
documented headers and a body valid against the response schema.

The number of examples per operation is bounded (``REPORTEDLY_CONTRACT_EXAMPLES``, default
25) and generation is derandomised, so the test is fast and the same on every run; raise
the variable for a longer local fuzzing session.
"""

from __future__ import annotations

import os

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from service.web.app import create_app  # noqa: E402
from service.web.settings import Settings  # noqa: E402

MAX_EXAMPLES = int(os.environ.get("REPORTEDLY_CONTRACT_EXAMPLES", "25"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def contract_app(engine, tmp_path_factory):
    """The real app and engine, a throwaway review database, small limits (so generated
    texts can reach them) and a rate limit high enough never to be hit."""
    db = tmp_path_factory.mktemp("contract") / "review.db"
    app = create_app(
        Settings(
            database_url=f"sqlite:///{db}",
            max_text_chars=2_000,
            max_sentences=40,
            max_batch_documents=4,
            max_batch_chars=4_000,
            rate_limit="100000/second",
        ),
        engine=engine,
    )
    app.config["TESTING"] = True
    return app


@pytest.fixture(scope="module")
def api_schema(contract_app):
    schema = schemathesis.openapi.from_wsgi("/openapi.json", contract_app)
    schema.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        max_examples=MAX_EXAMPLES,
        deterministic=True,
        database="none",
    )
    return schema


def _operations() -> list[tuple[str, str]]:
    from service.web.docs import HTTP_METHODS
    from service.web.openapi import build_openapi

    spec = build_openapi(1_000_000)
    return [
        (path, method.upper())
        for path, item in spec["paths"].items()
        for method in item
        if method in HTTP_METHODS
    ]


@pytest.mark.parametrize(
    "mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["positive", "negative"]
)
@pytest.mark.parametrize("path,method", _operations())
def test_generated_requests_get_documented_answers(api_schema, path, method, mode):
    operation = api_schema[path][method]
    strategy = operation.as_strategy(generation_mode=mode)

    @given(case=strategy)
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        case.call_and_validate(checks=CHECKS)

    check()
