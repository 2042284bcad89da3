"""Test data: complete COE answers in Spanish and English names, and signatures."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

# A 1x1 PNG: the smallest honest drawn-signature image.
SIGNATURE_IMAGE = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhf"
    "DwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def complete_answers(today: date | None = None, *, children: int = 1) -> dict[str, Any]:
    """Answers that pass every submission check: a seasonal lettuce move 2 months ago."""
    today = today or date.today()
    qad = today - timedelta(days=60)
    kids = [
        {
            "last_name1": "Núñez",
            "last_name2": "Peña",
            "first_name": name,
            "middle_name": None,
            "suffix": None,
            "sex": sex,
            "birth_date": (today - timedelta(days=365 * age)).isoformat(),
            "multiple_birth": False,
            "birth_date_verification": "1007",
            "birth_city": "Zamora",
            "birth_state": None,
            "birth_country": "MEX",
            "residency_date": qad.isoformat(),
        }
        for name, sex, age in [
            ("María José", "female", 8),
            ("Jesús", "male", 12),
            ("Ximena", "female", 4),
        ][:children]
    ]
    return {
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
        },
        "children": kids,
        "move": {
            "from_district": "Yuma Elementary",
            "from_city": "Yuma",
            "from_state": "AZ",
            "from_country": None,
            "to_district": "Alisal Union",
            "to_city": "Salinas",
            "to_state": "CA",
            "moved_how": "with_worker",
            "worker_first_name": "Ignacio",
            "worker_last_name": "Núñez",
            "worker_relationship": "parent",
            "qualifying_arrival_date": qad.isoformat(),
            "work_description": "cutting lettuce",
            "work_type": "agricultural",
            "employment": "seasonal",
            "temporary_basis": None,
        },
        "interview": {
            "interview_date": today.isoformat(),
            "interviewee_name": "Ignacio Núñez",
            "interviewee_relationship": "parent",
        },
        "comments": None,
    }


def coe_body(answers: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    return {"language": "es", "answers": copy.deepcopy(answers or complete_answers()), **extra}


def signatures(interviewee: str = "Ignacio Núñez") -> list[dict[str, Any]]:
    return [
        {"role": "interviewee", "signer_name": interviewee, "image": SIGNATURE_IMAGE},
        {"role": "recruiter", "image": SIGNATURE_IMAGE},
    ]
