"""Load the demo through the same services a recruiter and a supervisor use."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo.accounts.models import Region, Role, User
from campo.accounts.services import create_user
from campo.auth.permissions import Actor
from campo.demo.signatures import scribble
from campo.eligibility.models import Coe
from campo.eligibility.services import (
    CoeContent,
    Decision,
    FormContext,
    SignatureInput,
    review_coe,
    save_coe,
    submit_coe,
)
from campo.history import schemas as history_schemas
from campo.history import services as history
from campo.signatures.models import SignerRole

REGIONS_FILE = Path(__file__).with_name("regions.json")
REGION_A, REGION_B = "16", "23"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    region_code: str | None
    language: str = "en"


DEMO_ACCOUNTS = (
    DemoAccount("recruiter1", "Rosa Martínez", Role.RECRUITER, REGION_A, "es"),
    DemoAccount("supervisor1", "Daniel Ochoa", Role.SUPERVISOR, REGION_A),
    DemoAccount("regional1", "Teresa Lopez", Role.REGIONAL_STAFF, REGION_A),
    DemoAccount("recruiter2", "Manpreet Kaur", Role.RECRUITER, REGION_B),
    DemoAccount("supervisor2", "Laura Chen", Role.SUPERVISOR, REGION_B),
    DemoAccount("regional2", "Miguel Ángel Ruiz", Role.REGIONAL_STAFF, REGION_B, "es"),
    DemoAccount("stateadmin", "State MEP Administrator", Role.STATE_ADMIN, None),
)


def load_regions(session: Session) -> None:
    """Insert the state's regions that are not there yet."""
    known = set(session.scalars(sa.select(Region.code)))
    for region in json.loads(REGIONS_FILE.read_text(encoding="utf-8")):
        if region["code"] not in known:
            session.add(Region(code=region["code"], name=region["name"], phone=region.get("phone")))
    session.flush()


def _answers(
    today: date,
    *,
    parent: tuple[str, str],
    parent2: tuple[str, str] | None,
    children: list[dict[str, Any]],
    city: str,
    from_place: dict[str, str],
    work: str,
    months_ago: int,
    language: str = "es",
) -> dict[str, Any]:
    """Complete answers of form 1.1 (national COE + California) for one seasonal move."""
    qad = today - timedelta(days=30 * months_ago)
    return {
        "family": {
            "parent1_last_name": parent[0],
            "parent1_first_name": parent[1],
            "parent2_last_name": parent2[0] if parent2 else None,
            "parent2_first_name": parent2[1] if parent2 else None,
            "address": "125 Calle Principal, Apt. 4",
            "city": city,
            "state": "CA",
            "zip_code": "93901",
            "phone": "8315550142",
            "home_language": language,
        },
        "children": [
            {
                "sex": "female",
                "multiple_birth": False,
                "birth_date_verification": "1007",
                "residency_date": qad.isoformat(),
                "graduated": False,
                "grade": "05",
                **child,
            }
            for child in children
        ],
        "move": {
            **from_place,
            "to_city": city,
            "to_state": "CA",
            "to_district": f"{city} Union",
            "district_exception": "none",
            "moved_how": "with_worker",
            "worker_first_name": parent[1],
            "worker_last_name": parent[0],
            "worker_relationship": "parent",
            "qualifying_arrival_date": qad.isoformat(),
            "economic_necessity": True,
            "work_outcome": "engaged",
            "work_start_date": (qad + timedelta(days=4)).isoformat(),
            "work_description": work,
            "employment": "seasonal",
            "work_type": "agricultural",
            "work_for": "wages",
        },
        "comments": {},
        "interview": {
            "interview_date": (today - timedelta(days=2)).isoformat(),
            "interviewee_name": f"{parent[1]} {parent[0]}",
            "interviewee_relationship": "parent",
        },
    }


def _signed(interviewee: str) -> list[SignatureInput]:
    return [
        SignatureInput(SignerRole.INTERVIEWEE, strokes=scribble(1), signer_name=interviewee),
        SignatureInput(SignerRole.RECRUITER, strokes=scribble(2)),
    ]


def load_demo(session: Session, *, password: str, state_code: str, today: date) -> None:
    """Regions, the demo accounts and five COEs in different states of review.

    `today` is the state's date (see `campo.lib.dates.today_in_state`): the machine's UTC date
    is already tomorrow in the state every evening, and a COE dated tomorrow is refused.
    """
    forms = FormContext(state_code=state_code, today=today)
    load_regions(session)
    users: dict[str, User] = {}
    for account in DEMO_ACCOUNTS:
        existing = session.scalar(sa.select(User).where(User.username == account.username))
        users[account.username] = existing or create_user(
            session,
            username=account.username,
            full_name=account.full_name,
            password=password,
            role=account.role,
            region_code=account.region_code,
            language=account.language,
        )
    recruiter1, supervisor1 = Actor(users["recruiter1"]), Actor(users["supervisor1"])
    recruiter2 = Actor(users["recruiter2"])

    def coe(actor: Actor, seed: str, answers: dict[str, Any]) -> uuid.UUID:
        coe_id = uuid.uuid5(uuid.NAMESPACE_URL, f"campo-demo/{seed}")
        content = CoeContent(answers=answers, form_version=forms.current_version())
        save_coe(session, actor=actor, coe_id=coe_id, content=content, forms=forms)
        return coe_id

    approved = coe(
        recruiter1,
        "hernandez",
        _answers(
            today,
            parent=("Hernández", "José Luis"),
            parent2=("López", "María Guadalupe"),
            children=[
                {
                    "last_name1": "Hernández",
                    "last_name2": "López",
                    "first_name": "Ana Sofía",
                    "birth_date": (today - timedelta(days=365 * 9)).isoformat(),
                    "sex": "female",
                },
                {
                    "last_name1": "Hernández",
                    "last_name2": "López",
                    "first_name": "Jesús",
                    "birth_date": (today - timedelta(days=365 * 6)).isoformat(),
                    "sex": "male",
                },
            ],
            city="Salinas",
            from_place={
                "from_city": "Yuma",
                "from_state": "AZ",
                "from_district": "Yuma Elementary",
            },
            work="cutting lettuce",
            months_ago=3,
        ),
    )
    submit_coe(
        session,
        actor=recruiter1,
        coe_id=approved,
        signatures=_signed("José Luis Hernández"),
        forms=forms,
    )
    review_coe(
        session,
        actor=supervisor1,
        coe_id=approved,
        decision=Decision.APPROVE,
        reasons=[],
        comment=None,
        state_code=state_code,
        reviewer_strokes=scribble(3),
    )

    waiting = coe(
        recruiter1,
        "ramirez",
        _answers(
            today,
            parent=("Ramírez", "Juana"),
            parent2=None,
            children=[
                {
                    "last_name1": "Ramírez",
                    "last_name2": "Cruz",
                    "first_name": "Guadalupe",
                    "birth_date": (today - timedelta(days=365 * 14)).isoformat(),
                }
            ],
            city="Greenfield",
            from_place={
                "from_city": "Oxnard",
                "from_state": "CA",
                "from_district": "Oxnard Elementary",
            },
            work="picking strawberries",
            months_ago=1,
        ),
    )
    submit_coe(
        session, actor=recruiter1, coe_id=waiting, signatures=_signed("Juana Ramírez"), forms=forms
    )

    # The Hernández family moved again; the new COE spells Ana Sofía without accents. The
    # duplicate check finds the child approved above: regional staff resolve it side by side.
    moved_again = coe(
        recruiter1,
        "hernandez-watsonville",
        _answers(
            today,
            parent=("Hernandez", "Jose Luis"),
            parent2=("Lopez", "Maria Guadalupe"),
            children=[
                {
                    "last_name1": "Hernandez",
                    "last_name2": "Lopez",
                    "first_name": "Ana Sofia",
                    "birth_date": (today - timedelta(days=365 * 9)).isoformat(),
                    "sex": "female",
                }
            ],
            city="Watsonville",
            from_place={
                "from_city": "Salinas",
                "from_state": "CA",
                "from_district": "Salinas Union",
            },
            work="picking raspberries",
            months_ago=1,
        ),
    )
    submit_coe(
        session,
        actor=recruiter1,
        coe_id=moved_again,
        signatures=_signed("Jose Luis Hernandez"),
        forms=forms,
    )

    coe(
        recruiter1,
        "vang",
        {
            "family": {"parent1_last_name": "Vang", "parent1_first_name": "Tou", "city": "Soledad"},
            "children": [{"last_name1": "Vang", "first_name": "Mai", "sex": "female"}],
            "move": {"from_city": "Fresno", "from_state": "CA"},
        },
    )

    singh = coe(
        recruiter2,
        "singh",
        _answers(
            today,
            parent=("Singh", "Gurpreet"),
            parent2=("Kaur", "Harjit"),
            children=[
                {
                    "last_name1": "Singh",
                    "first_name": "Arjun",
                    "sex": "male",
                    "birth_date": (today - timedelta(days=365 * 11)).isoformat(),
                }
            ],
            city="Stockton",
            language="pa",
            from_place={
                "from_city": "Yuba City",
                "from_state": "CA",
                "from_district": "Yuba City Unified",
            },
            work="harvesting cherries",
            months_ago=2,
        ),
    )
    submit_coe(
        session, actor=recruiter2, coe_id=singh, signatures=_signed("Gurpreet Singh"), forms=forms
    )
    _history(session, regional=Actor(users["regional1"]), coe_id=approved, today=today)


def _history(session: Session, *, regional: Actor, coe_id: uuid.UUID, today: date) -> None:
    """School, MEP services and indicators for the approved family's two children, recorded by
    region 16's staff: the counts, Priority for Services and the lists then have real data.
    """
    coe = session.get_one(Coe, coe_id)
    ana, jesus = (row.child_id for row in coe.children)
    qad = coe.qualifying_arrival_date or today
    kinds = history.KINDS
    school = {
        "enrollment_type": "01",
        "school_name": "Alisal Elementary",
        "school_id": "062547003812",
        "district_name": "Alisal Union",
        "district_id": "0625470",
        "enrollment_date": (qad + timedelta(days=5)).isoformat(),
    }
    # An MEP summer or intersession service a few days after arrival: Category 2.
    extra_term = "summer" if (qad + timedelta(days=7)).month in (6, 7, 8) else "intersession"
    records: list[tuple[uuid.UUID | None, str, dict[str, Any]]] = [
        (ana, "enrollments", {**school, "grade": "03"}),
        (jesus, "enrollments", {**school, "grade": "KG"}),
        (
            ana,
            "services",
            {
                "service_type": "reading",
                "term": extra_term,
                "start_date": (qad + timedelta(days=7)).isoformat(),
                "end_date": (qad + timedelta(days=11)).isoformat(),
                "provider": "Region 16 MEP",
            },
        ),
        (
            jesus,
            "services",
            {
                "service_type": "instructional",
                "term": "regular",
                "start_date": (qad + timedelta(days=20)).isoformat(),
                "provider": "Region 16 MEP",
            },
        ),
        (
            ana,
            "assessments",
            {
                "title": "ELPAC Summative",
                "content_area": "English language proficiency",
                "administered_on": (qad - timedelta(days=90)).isoformat(),
                "score": "1",
                "proficiency": "not_met",
            },
        ),
        (
            ana,
            "academic-indicators",
            {"kind": "grade_retention", "observed_date": (qad + timedelta(days=5)).isoformat()},
        ),
    ]
    for child_id, kind, raw in records:
        assert child_id is not None  # noqa: S101 - the approved COE numbered both children
        values = _HISTORY_SCHEMAS[kind]().load(raw)
        history.create_record(
            session, actor=regional, kind=kinds[kind], child_id=child_id, values=values
        )
    for child_id, values in (
        (ana, {"english_learner": True, "state_student_id": "4012345678", "medical_alert": "none"}),
        (jesus, {"english_learner": True, "iep": True, "state_student_id": "4012345679"}),
    ):
        assert child_id is not None  # noqa: S101
        history.set_indicators(session, actor=regional, child_id=child_id, values=values)


_HISTORY_SCHEMAS = {
    "enrollments": history_schemas.EnrollmentInSchema,
    "services": history_schemas.ServiceInSchema,
    "assessments": history_schemas.AssessmentInSchema,
    "academic-indicators": history_schemas.AcademicIndicatorInSchema,
}
