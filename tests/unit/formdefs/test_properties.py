"""Properties of the validator and evaluator over generated answers (hypothesis)."""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campo.formdefs.answers import validate_answers
from campo.formdefs.definitions import FormDefinition, load_definition
from campo.formdefs.evaluate import evaluate_answers
from campo.formdefs.logic import evaluate
from campo.lib.canonical import canonical_json
from tests.factories import complete_answers

FORM = load_definition("coe", "1.1", "CA")
TODAY = "2026-11-22"
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

iso_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)).map(date.isoformat)


def value_strategy(form: FormDefinition, field) -> st.SearchStrategy:
    spec = field.spec
    if field.type in ("text", "textarea"):
        if "pattern" in spec:
            return st.from_regex(spec["pattern"], fullmatch=True)
        return st.text(min_size=1, max_size=spec["max_length"]).filter(str.strip)
    if field.type == "date":
        return iso_dates
    if field.type == "boolean":
        return st.booleans()
    return st.sampled_from(form.codes[spec["codes"]])


def group_strategy(form: FormDefinition, section) -> st.SearchStrategy:
    return st.fixed_dictionaries(
        {},
        optional={
            field.key: st.one_of(st.none(), value_strategy(form, field)) for field in section.fields
        },
    )


def answers_strategy(form: FormDefinition) -> st.SearchStrategy:
    parts = {}
    for section in form.sections:
        if section.repeat:
            parts[section.key] = st.lists(
                group_strategy(form, section), max_size=min(section.repeat[1], 4)
            )
        elif section.fields:
            parts[section.key] = group_strategy(form, section)
    return st.fixed_dictionaries({}, optional=parts)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@SETTINGS
@given(answers=answers_strategy(FORM))
def test_answers_the_validator_accepts_survive_a_json_round_trip(answers):
    assert validate_answers(FORM, answers, today=TODAY, complete=False) == []
    again = json.loads(canonical_json(answers))
    assert again == answers
    first = evaluate_answers(FORM, answers, today=TODAY).as_dict()
    second = evaluate_answers(FORM, again, today=TODAY).as_dict()
    assert first == second
    json.dumps(first)  # the evaluation itself is storable as JSON


@SETTINGS
@given(answers=json_values)
def test_any_json_at_all_gives_problems_not_exceptions(answers):
    result = evaluate_answers(FORM, answers, today=TODAY, complete=True)
    assert result.blocking


@SETTINGS
@given(data=st.data())
def test_any_value_in_any_answer_gives_problems_not_exceptions(data):
    answers = complete_answers(date(2026, 11, 22), children=2)
    for _round in range(data.draw(st.integers(1, 4))):
        section = data.draw(
            st.sampled_from(["family", "move", "interview", "comments", "children"])
        )
        if section == "children":
            target = answers["children"][data.draw(st.integers(0, 1))]
            keys = [f.key for f in FORM.section("children").fields] + ["unexpected"]
        else:
            target = answers[section]
            keys = [f.key for f in FORM.section(section).fields] + ["unexpected"]
        target[data.draw(st.sampled_from(keys))] = data.draw(json_values)
    evaluate_answers(FORM, answers, today=TODAY, complete=True)


@SETTINGS
@given(
    qad=st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 11, 22)),
    age_days=st.integers(min_value=0, max_value=365 * 25),
)
def test_end_of_eligibility_is_never_after_qad_plus_36_months(qad, age_days):
    answers = complete_answers(date(2026, 11, 22))
    answers["move"]["qualifying_arrival_date"] = qad.isoformat()
    answers["children"][0]["birth_date"] = (qad - timedelta(days=age_days)).isoformat()
    result = evaluate_answers(FORM, answers, today=TODAY)
    end = result.children[0]["eligibility_end_date"]
    limit = evaluate({"add_days": [{"add_months": [qad.isoformat(), 36]}, -1]}, {})
    assert end <= limit
    before_22 = evaluate({"day_before_birthday": [answers["children"][0]["birth_date"], 22]}, {})
    assert end <= before_22
    assert end in (limit, before_22)
