"""Binding signatures to what was signed: stable canonical form, every change detected."""

from __future__ import annotations

import json
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from campo.signatures.binding import binding_hash, canonical_bytes, signed_document, verifies
from tests.factories import complete_answers

COE_ID = uuid.UUID("12345678-1234-5678-1234-567812345678")
SETTINGS = settings(max_examples=200, deadline=None, derandomize=True, database=None)


def content(answers=None):
    return {
        "form_id": "coe",
        "form_version": "1.1",
        "language": "es",
        "interview_place": None,
        "answers": answers or complete_answers(children=2),
    }


def document(answers=None, **overrides):
    parts = {
        "coe_id": COE_ID,
        "content": content(answers),
        "role": "interviewee",
        "statement_id": "interviewee",
        "statement_version": 1,
    }
    parts.update(overrides)
    return signed_document(**parts)


def reorder(value, reverse):
    if isinstance(value, dict):
        keys = sorted(value, reverse=reverse)
        return {key: reorder(value[key], reverse) for key in keys}
    if isinstance(value, list):
        return [reorder(item, reverse) for item in value]
    return value


@SETTINGS
@given(reverse=st.booleans(), indent=st.sampled_from([None, 0, 2, 4]))
def test_canonical_form_is_stable_under_key_order_and_whitespace(reverse, indent):
    original = document()
    retyped = json.loads(json.dumps(reorder(original, reverse), indent=indent))
    assert canonical_bytes(retyped) == canonical_bytes(original)
    assert binding_hash(retyped) == binding_hash(original)


def leaf_paths(value, prefix=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaf_paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaf_paths(item, (*prefix, index))
    else:
        yield prefix


ANSWERS = complete_answers(children=2)
PATHS = list(leaf_paths(ANSWERS))


@SETTINGS
@given(
    path=st.sampled_from(PATHS),
    new=st.one_of(st.none(), st.text(max_size=5), st.booleans(), st.integers()),
)
def test_any_single_answer_change_is_detected(path, new):
    signed = binding_hash(document(ANSWERS))
    changed = json.loads(json.dumps(ANSWERS))
    target = changed
    for step in path[:-1]:
        target = target[step]
    if target[path[-1]] == new:
        return
    target[path[-1]] = new
    assert not verifies(signed, document(changed))
    assert verifies(signed, document(ANSWERS))


def test_language_form_version_statement_and_role_are_part_of_what_is_signed():
    signed = binding_hash(document())
    variants = [
        document(role="recruiter"),
        document(statement_version=2),
        document(statement_id="recruiter"),
        document(coe_id=uuid.uuid4()),
        signed_document(
            coe_id=COE_ID,
            content={**content(), "language": "en"},
            role="interviewee",
            statement_id="interviewee",
            statement_version=1,
        ),
        signed_document(
            coe_id=COE_ID,
            content={**content(), "form_version": "1.0"},
            role="interviewee",
            statement_id="interviewee",
            statement_version=1,
        ),
    ]
    for variant in variants:
        assert not verifies(signed, variant)
