"""The first-cut submission checks (replaced by the declarative rules of the form issue)."""

from __future__ import annotations

from datetime import date, timedelta

from campo.eligibility.rules import (
    BORN_AFTER_MOVE,
    NO_CHILDREN,
    NO_PARENT,
    QAD_AFTER_INTERVIEW,
    QAD_TOO_OLD,
    REQUIRED,
    RESIDENCY_BEFORE_QAD,
    TOO_OLD,
    check_submission,
)
from tests.factories import complete_answers

TODAY = date(2026, 11, 22)


def test_complete_answers_pass():
    assert check_submission(complete_answers(TODAY, children=3), today=TODAY) == {}


def test_empty_answers_list_every_missing_section():
    problems = check_submission({}, today=TODAY)
    assert problems["answers.children"] == [NO_CHILDREN]
    assert problems["answers.family.parent1_last_name"] == [NO_PARENT]
    assert problems["answers.move.qualifying_arrival_date"] == [REQUIRED]
    assert problems["answers.interview.interview_date"] == [REQUIRED]


def test_second_parent_alone_is_enough():
    answers = complete_answers(TODAY)
    answers["family"]["parent1_last_name"] = answers["family"]["parent1_first_name"] = None
    assert check_submission(answers, today=TODAY) == {}


def test_join_or_precede_needs_both_move_dates():
    answers = complete_answers(TODAY)
    answers["move"]["moved_how"] = "to_join_or_precede"
    problems = check_submission(answers, today=TODAY)
    assert set(problems) == {"answers.move.worker_move_date", "answers.move.child_move_date"}


def test_temporary_work_needs_a_basis():
    answers = complete_answers(TODAY)
    answers["move"]["employment"] = "temporary"
    assert set(check_submission(answers, today=TODAY)) == {"answers.move.temporary_basis"}


def test_date_rules():
    answers = complete_answers(TODAY)
    qad = date.fromisoformat(answers["move"]["qualifying_arrival_date"])
    answers["children"][0]["birth_date"] = (qad + timedelta(days=1)).isoformat()
    answers["children"][0]["residency_date"] = (qad - timedelta(days=1)).isoformat()
    problems = check_submission(answers, today=TODAY)
    assert problems["answers.children.0.birth_date"] == [BORN_AFTER_MOVE]
    assert problems["answers.children.0.residency_date"] == [RESIDENCY_BEFORE_QAD]

    answers = complete_answers(TODAY)
    answers["children"][0]["birth_date"] = "2000-01-01"
    assert check_submission(answers, today=TODAY)["answers.children.0.birth_date"] == [TOO_OLD]

    answers = complete_answers(TODAY)
    answers["interview"]["interview_date"] = (qad - timedelta(days=1)).isoformat()
    assert check_submission(answers, today=TODAY)["answers.move.qualifying_arrival_date"] == [
        QAD_AFTER_INTERVIEW
    ]

    answers = complete_answers(TODAY)
    answers["move"]["qualifying_arrival_date"] = "2023-11-22"
    for child in answers["children"]:
        child["residency_date"] = "2023-11-22"
    assert check_submission(answers, today=TODAY)["answers.move.qualifying_arrival_date"] == [
        QAD_TOO_OLD
    ]
