"""How long printing the family's documents takes: each kind, each language, N times.

    .venv/bin/python bench/render_documents.py [-n 20] [--write DIR]

Renders against an in-memory context (no database): a family with three children on form 1.1,
signed by the interviewee, the recruiter and the reviewer. Prints the median and the 95th
percentile in milliseconds; the target is under 500 ms each. ``--write`` also saves one PDF of
each kind and language, to look at.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository, for tests/

from tests.factories import complete_answers  # noqa: E402

from campo.demo.signatures import scribble  # noqa: E402
from campo.documents.render import (  # noqa: E402
    KINDS,
    LANGUAGES,
    ChildRecord,
    DocumentContext,
    SignatureRecord,
    render_document,
)
from campo.documents.services import labelled_answers  # noqa: E402
from campo.families.studentnumbers import format_student_number, make_student_number  # noqa: E402
from campo.formdefs.definitions import load_definition  # noqa: E402
from campo.formdefs.evaluate import evaluate_answers  # noqa: E402
from campo.lib.canonical import content_hash  # noqa: E402
from campo.signatures.render import to_svg  # noqa: E402
from campo.signatures.statements import statement_for  # noqa: E402
from campo.signatures.strokes import parse_strokes  # noqa: E402

STATE = "CA"
ZONE = ZoneInfo("America/Los_Angeles")
TARGET_MS = 500


def _signature(role: str, name: str, seed: int, signed_at: datetime) -> SignatureRecord:
    shown = statement_for(role)
    return SignatureRecord(
        role=role,
        signer_name=name,
        statement_id=shown["id"],
        statement_version=shown["version"],
        title=shown["title"],
        text=shown["text"],
        signed_at=signed_at,
        svg=to_svg(parse_strokes(scribble(seed))),
    )


def sample_context(today: date | None = None) -> DocumentContext:
    """A complete approved COE, as build_context would make it, without a database."""
    today = today or date(2026, 11, 22)
    definition = load_definition("coe", "1.1", STATE)
    answers = complete_answers(today, children=3)
    sections, child_answers = labelled_answers(definition, answers, today=today.isoformat())
    derived = evaluate_answers(definition, answers, today=today.isoformat()).children
    approved = datetime(today.year, today.month, today.day, 17, 5, tzinfo=UTC).astimezone(ZONE)
    document = definition.document
    return DocumentContext(
        coe_id=uuid.UUID("1a2b3c4d-0000-4000-8000-00000000c0e1"),
        coe_version=3,
        content_hash=content_hash(answers),
        form_version=definition.version,
        form_title=document["title"],
        coe_language="es",
        state_code=STATE,
        state_name={"en": "California", "es": "California"},
        region_name="Region 16 — Monterey County Office of Education",
        region_phone="(831) 555-0142",
        recruiter_name="Rosa Martínez",
        reviewer_name="Daniel Ochoa",
        approved_at=approved,
        interview_place="Salinas",
        section_labels={s["key"]: s["label"] for s in document["sections"]},
        sections=sections,
        children=tuple(
            ChildRecord(
                position=index,
                answers=child,
                statewide_number=format_student_number(
                    make_student_number(STATE, index + 1), STATE
                ),
                eligibility_end_date=date.fromisoformat(derived[index]["eligibility_end_date"]),
            )
            for index, child in enumerate(child_answers)
        ),
        signatures={
            "interviewee": _signature("interviewee", "Ignacio Núñez", 1, approved),
            "recruiter": _signature("recruiter", "Rosa Martínez", 2, approved),
            "reviewer": _signature("reviewer", "Daniel Ochoa", 3, approved),
        },
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--times", type=int, default=20, help="renders per kind and language")
    parser.add_argument("--write", type=Path, help="also save one PDF of each to this folder")
    args = parser.parse_args(argv)
    context = sample_context()
    render_document("certificate", context, "es")  # warm up: templates, catalogues, fonts
    slow = False
    print(f"{'document':<22}{'median ms':>10}{'p95 ms':>10}{'size KB':>10}")
    for kind in KINDS:
        for language in LANGUAGES:
            times = []
            for _run in range(args.times):
                start = time.perf_counter()
                pdf = render_document(kind, context, language)
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            median = statistics.median(times)
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            slow = slow or p95 > TARGET_MS
            name = f"{kind} ({language})"
            print(f"{name:<22}{median:>10.0f}{p95:>10.0f}{len(pdf) / 1024:>10.0f}")
            if args.write:
                args.write.mkdir(parents=True, exist_ok=True)
                (args.write / f"{kind}-{language}.pdf").write_bytes(pdf)
    print(f"target: under {TARGET_MS} ms" + (" (missed)" if slow else " (met)"))
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
