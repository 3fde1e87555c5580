"""Parameters fuzzed from the OpenAPI schema (schemathesis): no request may end in a server error.

Schemathesis's ``from_fixture`` does not run under this pytest, so the test walks the schema's operations
itself and drives each with a bounded Hypothesis search over schemathesis's case strategy.
"""

from __future__ import annotations

import hypothesis.errors
import pytest
from hypothesis import HealthCheck, given, settings

from frontwatch.serve import create_app

schemathesis = pytest.importorskip("schemathesis")
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# Bounded: enough cases per route to walk its parameters' edges, few enough to keep the suite fast.
MAX_EXAMPLES = 40
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
OPERATIONS = [
    "GET /api/events",
    "GET /api/events/{event_id}",
    "GET /api/documents/{doc_id}",
    "GET /api/timeline",
    "GET /api/stats",
    "GET /api/taxonomy",
    "GET /api/export.jsonl",
    "GET /api/export.csv",
    "GET /api/export.geojson",
    "GET /api/events/{event_id}/audit",
    "GET /api/review/queue",
    "GET /api/places",
    "GET /api/whoami",
    "GET /api/changes",
    "POST /api/events/{event_id}/confirm",
    "POST /api/events/{event_id}/correct",
    "POST /api/events/{event_id}/reject",
    "POST /api/events/{event_id}/merge",
    "POST /api/events/{event_id}/split",
]


@pytest.fixture(scope="module")
def api_schema(hand_store):
    """The app's own OpenAPI schema, bound to the app so cases run in process."""
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(hand_store))


def test_schema_lists_the_fuzzed_operations(api_schema):
    found = {f"{op.method.upper()} {op.path}" for op in (r.ok() for r in api_schema.get_all_operations())}
    assert found == set(OPERATIONS)


@pytest.mark.parametrize("mode", ["positive", "negative"])
@pytest.mark.parametrize("label", OPERATIONS)
def test_schema_fuzzed_parameters_never_cause_a_server_error(api_schema, label, mode):
    operation = api_schema.find_operation_by_label(label)
    seen_statuses: set[int] = set()
    strategy = operation.as_strategy(schemathesis.GenerationMode(mode))

    @given(case=strategy)
    @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def fuzz(case):
        response = case.call()
        seen_statuses.add(response.status_code)
        case.validate_response(response, checks=CHECKS if mode == "positive" else [not_a_server_error])
        if response.status_code >= 400:
            body = response.json()
            assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}

    try:
        fuzz()
    except hypothesis.errors.Unsatisfiable:
        pytest.skip(f"{label} has no parameter to break")  # /api/stats and /api/taxonomy take none
    assert seen_statuses and max(seen_statuses) < 500
