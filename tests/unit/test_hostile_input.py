"""Hostile input for the pure parsers: any Unicode, huge strings, deep JSON, NaN and edge dates.

The form validator and evaluator, the JSON Logic operations, the matcher's normaliser and the
signature stroke parser each either answer with their documented result or raise their one
documented error, quickly, whatever they are given. (The domain folders hold the properties over
well-formed input: tests/unit/formdefs/test_properties.py, matching/test_properties.py,
signatures/test_strokes.py.)
"""

from __future__ import annotations

import contextlib
import math
import string
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campo.formdefs.answers import FieldProblem, validate_answers
from campo.formdefs.definitions import load_definition
from campo.formdefs.evaluate import evaluate_answers
from campo.formdefs.logic import ExpressionError, evaluate
from campo.matching import normalize as n
from campo.matching.identity import Identity
from campo.signatures.strokes import MAX_POINTS, StrokesError, parse_strokes
from tests.factories import complete_answers

FORM = load_definition("coe", "1.1", "CA")
TODAY = "2026-11-22"
# A generous bound: each example is far quicker; one that takes seconds is a hang in the making.
HOSTILE = settings(
    max_examples=100,
    deadline=timedelta(seconds=3),
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

EDGE_DATES = [
    "0001-01-01",
    "9999-12-31",
    "2024-02-29",
    "2023-02-29",
    "2026-13-01",
    "1900-02-29",
    "2000-02-29",
    "1970-01-01",
    "0000-00-00",
    "2026-11-22T00:00:00",
    "22/11/2026",
    "+2026-11-22",
    "２０２６-１１-２２",  # full-width digits
]
any_text = st.text(alphabet=st.characters(codec=None), max_size=40)
huge_text = st.builds(
    lambda chunk, times: chunk * times,
    st.text(min_size=1, max_size=8),
    st.integers(min_value=1_000, max_value=20_000),
)
odd_numbers = st.sampled_from(
    [math.nan, math.inf, -math.inf, -0.0, 1e308, -1e308, 5e-324, 2**63, -(2**63), 10**30]
)
leaves = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | odd_numbers
    | any_text
    | st.sampled_from(EDGE_DATES)
)
json_values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=30,
)


def deep(depth: int, leaf: object, as_list: bool) -> object:
    value = leaf
    for _level in range(depth):
        value = [value] if as_list else {"a": value}
    return value


deep_json = st.builds(deep, st.integers(100, 800), leaves, st.booleans())
hostile = json_values | huge_text | deep_json


# -- the form validator and the evaluator --------------------------------------------------------


@HOSTILE
@given(data=st.data())
def test_any_hostile_answer_gives_field_problems_not_exceptions(data):
    answers = complete_answers(date(2026, 11, 22), children=2)
    for _round in range(data.draw(st.integers(1, 3))):
        section = data.draw(st.sampled_from(["family", "move", "interview", "children"]))
        target = answers["children"][0] if section == "children" else answers[section]
        fields = FORM.section(section).fields
        target[data.draw(st.sampled_from([f.key for f in fields]))] = data.draw(hostile)
    problems = validate_answers(FORM, answers, today=TODAY, complete=True)
    assert all(isinstance(p, FieldProblem) and p.path and p.code for p in problems)
    result = evaluate_answers(FORM, answers, today=TODAY, complete=True)
    if problems:
        assert result.blocking
    again = evaluate_answers(FORM, answers, today=TODAY, complete=True)
    assert result.as_dict() == again.as_dict()


@HOSTILE
@given(answers=hostile, today=st.sampled_from([TODAY, "0001-01-01", "9999-12-31"]))
def test_hostile_answers_in_place_of_the_whole_form(answers, today):
    problems = validate_answers(FORM, answers, today=today, complete=True)
    assert all(isinstance(p, FieldProblem) for p in problems)
    assert problems


@HOSTILE
@given(day=st.sampled_from(EDGE_DATES), field=st.sampled_from(["birth_date", "residency_date"]))
def test_edge_dates_are_problems_or_valid_dates(day, field):
    answers = complete_answers(date(2026, 11, 22))
    answers["children"][0][field] = day
    answers["move"]["qualifying_arrival_date"] = day
    result = evaluate_answers(FORM, answers, today=TODAY, complete=True)
    end = result.children[0].get("eligibility_end_date")
    if end is not None:
        assert date.fromisoformat(end)


# -- the rule evaluator's operations -------------------------------------------------------------

DATE_OPERATIONS = ["add_months", "add_days", "earliest", "latest", "day_before_birthday"]
NUMBER_OPERATIONS = ["months_between", "days_between", "age_on"]


@HOSTILE
@given(
    operation=st.sampled_from([*DATE_OPERATIONS, *NUMBER_OPERATIONS, "same_text"]),
    arguments=st.lists(hostile, max_size=3),
)
def test_operations_answer_a_date_a_number_or_nothing(operation, arguments):
    try:
        result = evaluate({operation: arguments}, {})
    except ExpressionError:
        return
    if operation in DATE_OPERATIONS:
        assert result is None or date.fromisoformat(result)
    elif operation in NUMBER_OPERATIONS:
        assert result is None or (isinstance(result, int) and not isinstance(result, bool))
    else:
        assert isinstance(result, bool)


@HOSTILE
@given(
    day=st.sampled_from(EDGE_DATES) | st.dates().map(date.isoformat),
    amount=st.integers(-(10**6), 10**6) | odd_numbers,
)
def test_date_arithmetic_at_the_ends_of_the_calendar(day, amount):
    for operation in ("add_months", "add_days", "day_before_birthday"):
        result = evaluate({operation: [day, amount]}, {})
        assert result is None or date.min <= date.fromisoformat(result) <= date.max


@HOSTILE
@given(expression=hostile, data=hostile)
def test_any_expression_over_any_data_raises_only_expression_error(expression, data):
    with contextlib.suppress(ExpressionError):
        evaluate(expression, data)


# -- the matcher's normaliser --------------------------------------------------------------------

ASCII_WORD = set(string.ascii_lowercase + string.digits)


@HOSTILE
@given(text=any_text | huge_text | st.none())
def test_folding_gives_lower_case_ascii_words(text):
    folded = n.fold(text)
    assert set(folded) <= ASCII_WORD | {" "}
    assert folded == folded.strip()
    assert n.fold(folded) == folded
    for word in n.words(text):
        assert word
        assert set(word) <= ASCII_WORD
    for token in (*n.surname_tokens(text, text), *n.given_tokens(text)):
        assert token
        assert " " not in token
        code = n.phonetic(token)
        assert code.isascii()
        assert code == code.upper()
        assert len(code) <= 8
    for place in (n.place_words(text), n.country_code(text), n.state_code(text)):
        assert isinstance(place, str)
        assert place.isascii()
    assert n.parse_sex(text) in (None, "F", "M")


@HOSTILE
@given(
    names=st.lists(any_text | huge_text | st.none(), min_size=9, max_size=9),
    birth=st.dates(min_value=date.min, max_value=date.max) | st.none(),
)
def test_any_identity_prepares_into_comparable_keys(names, birth):
    identity = Identity(
        first_name=names[0],
        middle_name=names[1],
        last_name_1=names[2],
        last_name_2=names[3],
        sex=names[4],
        birth_date=birth,
        birth_city=names[5],
        birth_state=names[6],
        birth_country=names[7],
        parent1_first=names[8],
        parent1_last=names[0],
    )
    prepared = n.prepare(identity)
    assert all(token and " " not in token for token in (*prepared.given, *prepared.surnames))
    assert all(code.isascii() for code in (*prepared.given_codes, *prepared.surname_codes))
    if birth is not None:
        swapped = n.day_month_swapped(birth)
        assert swapped is None or (swapped.day, swapped.month) == (birth.month, birth.day)


# -- the signature stroke parser -----------------------------------------------------------------

numbers = st.floats(allow_nan=True, allow_infinity=True) | odd_numbers | st.integers(-5, 5000)
points = st.fixed_dictionaries(
    {"x": numbers, "y": numbers, "time": numbers}, optional={"pressure": numbers}
)


@HOSTILE
@given(
    data=st.fixed_dictionaries(
        {
            "width": st.integers(-5, 5000) | odd_numbers,
            "height": st.integers(-5, 5000) | odd_numbers,
            "strokes": st.lists(st.lists(points | hostile, max_size=6), max_size=4) | hostile,
        }
    )
    | hostile
)
def test_hostile_strokes_are_a_signature_or_a_strokes_error(data):
    try:
        strokes = parse_strokes(data)
    except StrokesError as error:
        code = error.code
    else:
        code = "signature.ok"
    assert code.startswith("signature.")
    if code != "signature.ok":
        return
    for point in strokes.points():
        assert all(math.isfinite(v) for v in (point.x, point.y, point.time, point.pressure))
        assert 0 <= point.pressure <= 1
    for stroke in strokes.strokes:
        assert [p.time for p in stroke] == sorted(p.time for p in stroke)


@HOSTILE
@given(extra=st.integers(1, 5_000), bad=st.sampled_from([math.nan, math.inf, "1", None]))
def test_too_many_points_are_refused_before_any_is_read(extra, bad):
    point = {"x": bad, "y": 1, "time": 0}
    data = {"width": 600, "height": 200, "strokes": [[point] * (MAX_POINTS + extra)]}
    with pytest.raises(StrokesError) as refused:
        parse_strokes(data)
    assert refused.value.code == "signature.too_large"
