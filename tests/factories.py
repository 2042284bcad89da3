"""Test data: complete COE answers (form v1 + California) dated relative to today, signatures."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

from campo.config import TestingConfig
from campo.demo.signatures import scribble
from campo.lib.dates import today_in_state

FORM_VERSION = "1.1"

CHILDREN = [
    {"first_name": "María José", "sex": "female", "age": 8, "grade": "03"},
    {"first_name": "Jesús", "sex": "male", "age": 12, "grade": "07"},
    {"first_name": "Ximena", "sex": "female", "age": 4, "grade": "PS"},
]


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def state_today() -> date:
    """Today as the server judges it: in the state's time zone, not the machine's (UTC)."""
    return today_in_state(TestingConfig().TIME_ZONE)


def complete_answers(today: date | None = None, *, children: int = 1) -> dict[str, Any]:
    """Answers that pass every rule of form 1.1 with no warning: a seasonal lettuce move."""
    today = today or state_today()
    qad = today - timedelta(days=60)
    return copy.deepcopy(
        {
            "family": {
                "parent1_last_name": "Núñez",
                "parent1_first_name": "Ignacio",
                "parent2_last_name": "Peña",
                "parent2_first_name": "Guadalupe",
                "address": "18 Camino del Campo",
                "city": "Salinas",
                "state": "CA",
                "zip_code": "93905",
                "phone": "8315550100",
                "home_language": "es",
            },
            "children": [
                {
                    "last_name1": "Núñez",
                    "last_name2": "Peña",
                    "first_name": child["first_name"],
                    "sex": child["sex"],
                    "birth_date": _years_before(qad, child["age"]).isoformat(),
                    "multiple_birth": False,
                    "birth_date_verification": "1007",
                    "residency_date": qad.isoformat(),
                    "graduated": False,
                    "grade": child["grade"],
                    "birth_city": "Zamora",
                    "birth_country": "MEX",
                }
                for child in CHILDREN[:children]
            ],
            "move": {
                "from_city": "Yuma",
                "from_state": "AZ",
                "from_district": "Yuma Elementary",
                "to_city": "Salinas",
                "to_state": "CA",
                "to_district": "Alisal Union",
                "district_exception": "none",
                "moved_how": "with_worker",
                "worker_first_name": "Ignacio",
                "worker_last_name": "Núñez",
                "worker_relationship": "parent",
                "qualifying_arrival_date": qad.isoformat(),
                "economic_necessity": True,
                "work_outcome": "engaged",
                "work_start_date": (qad + timedelta(days=3)).isoformat(),
                "work_description": "cutting lettuce",
                "employment": "seasonal",
                "work_type": "agricultural",
                "work_for": "wages",
            },
            "comments": {},
            "interview": {
                "interviewee_name": "Ignacio Núñez",
                "interviewee_relationship": "parent",
                "interview_date": today.isoformat(),
            },
        }
    )


def coe_body(answers: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "language": "es",
        "form_version": FORM_VERSION,
        "answers": copy.deepcopy(answers or complete_answers()),
        **extra,
    }


def signatures(interviewee: str = "Ignacio Núñez") -> list[dict[str, Any]]:
    """The interviewee's and the recruiter's strokes, as the tablet sends them."""
    return [
        {"role": "interviewee", "signer_name": interviewee, "strokes": scribble(1)},
        {"role": "recruiter", "strokes": scribble(2)},
    ]


def approval() -> dict[str, Any]:
    """A supervisor's approval, signed."""
    return {"decision": "approve", "reviewer_strokes": scribble(3)}
