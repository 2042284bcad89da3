"""Every conformance vector in forms/coe/vectors/ passes on the server's evaluator."""

from __future__ import annotations

import pytest

from campo.formdefs.definitions import load_definition
from campo.formdefs.evaluate import evaluate_answers
from campo.formdefs.vectors import load_cases

CASES = list(load_cases("coe"))


def test_there_are_enough_vectors_and_they_cover_every_rule():
    assert len(CASES) >= 80
    form = load_definition("coe", CASES[0].version, CASES[0].state)
    failing_somewhere = {
        key.split("@")[0] for case in CASES for key in case.expect.get("failures", [])
    }
    passing_somewhere = [case for case in CASES if case.expect.get("failures") == []]
    assert passing_somewhere
    missing = {rule["code"] for rule in form.rules} - failing_somewhere
    assert not missing, f"no vector makes these rules fail: {sorted(missing)}"


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_vector(case):
    form = load_definition("coe", case.version, case.state)
    result = evaluate_answers(form, case.answers, today=case.today, complete=case.complete)
    expect = case.expect
    if "failures" in expect:
        assert sorted(r.key for r in result.failures) == sorted(expect["failures"])
    if "problems" in expect:
        assert sorted(f"{p.path}:{p.code}" for p in result.problems) == sorted(expect["problems"])
    if "blocking" in expect:
        assert result.blocking is expect["blocking"]
    for key, value in expect.get("derived", {}).items():
        assert result.derived[key] == value, key
    for index, values in expect.get("children", {}).items():
        for key, value in values.items():
            assert result.children[int(index)][key] == value, f"children.{index}.{key}"
