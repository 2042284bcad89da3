"""Generated requests against every documented operation never get a 5xx.

schemathesis builds requests from our OpenAPI document, valid ones and (negative mode) invalid
ones: wrong types, missing fields, odd strings. They are signed as a supervisor of region 16,
who may call every operation. Hypothesis drives them directly: schemathesis' own pytest
plugin does not run under pytest 9 yet.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.generation import GenerationMode

EXAMPLES_PER_OPERATION = 20


def operations(app):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_operation_answers_a_server_error(app, api, mode):
    headers = api.headers_for("supervisor1")
    found = operations(app)
    assert len(found) >= 10
    exercised = 0
    for operation in found:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def never_a_server_error(case):
            response = case.call(headers=headers)
            assert response.status_code < 500, (
                f"{case.method} {case.formatted_path} -> {response.status_code}: "
                f"{response.text[:500]}"
            )

        try:
            never_a_server_error()
        except Unsatisfiable:
            # An operation without parameters or body has no invalid form to generate.
            assert mode is GenerationMode.NEGATIVE
        else:
            exercised += 1
    assert exercised >= len(found) // 2


CONFORMANCE_EXAMPLES = 4
ROLES = ["recruiter1", "supervisor1", "regional1", "stateadmin"]


@pytest.mark.parametrize("username", ROLES)
def test_every_role_gets_answers_that_match_the_documented_schema(app, api, username):
    """Valid requests signed by each role: no 5xx, and each answer's status, content type,
    headers and body are the ones the OpenAPI document promises (schemathesis' checks)."""
    headers = api.headers_for(username)
    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]
    for operation in operations(app):

        @given(case=operation.as_strategy(generation_mode=GenerationMode.POSITIVE))
        @settings(
            max_examples=CONFORMANCE_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def conforms(case):
            case.call_and_validate(headers=headers, checks=checks)

        conforms()
