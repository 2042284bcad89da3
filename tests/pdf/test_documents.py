"""The family's documents of an approved COE: the certificate and the letter, as PDF.

Each document is downloaded through the API in both languages and read back with pypdf: the
family's and the children's names, statewide numbers, dates as Babel writes them, the wording,
the document number and the content hash must be in it. Page 1 of each is also pictured under
tests/artifacts/ (with pdftoppm) for a person to look at.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from babel.dates import format_date
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from campo.accounts.models import Region
from campo.audit.models import AuditEvent
from campo.demo.signatures import scribble
from campo.documents.render import UnknownDocument, css_value, render_html
from campo.families.studentnumbers import format_student_number
from tests.factories import coe_body, complete_answers, signatures

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ZONE = ZoneInfo("America/Los_Angeles")


def approve(api, coe_id: str, *, children: int = 2) -> dict:
    """Write, sign, submit and approve a COE through the API; return the approved COE."""
    created = api.put(
        f"/api/v1/coes/{coe_id}",
        as_user="recruiter1",
        json=coe_body(complete_answers(children=children)),
    )
    assert created.status_code == 201, created.json
    submitted = api.post(
        f"/api/v1/coes/{coe_id}/submit",
        as_user="recruiter1",
        json={"base_version": 1, "signatures": signatures()},
    )
    assert submitted.status_code == 200, submitted.json
    approved = api.post(
        f"/api/v1/coes/{coe_id}/review",
        as_user="supervisor1",
        json={"decision": "approve", "reviewer_strokes": scribble(3)},
    )
    assert approved.status_code == 200, approved.json
    assert approved.json["status"] == "approved"
    return approved.json


def download(api, coe_id: str, kind: str, *, lang: str | None = None, user: str = "recruiter1"):
    query = f"?lang={lang}" if lang else ""
    return api.get(f"/api/v1/coes/{coe_id}/documents/{kind}.pdf{query}", as_user=user)


def pdf_text(pdf: bytes) -> str:
    """Every page's text, with runs of white space (line ends in table cells) made one space."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def long_date(day: date, language: str) -> str:
    return format_date(day, format="long", locale=language)


def approved_on(coe: dict) -> date:
    return datetime.fromisoformat(coe["decided_at"]).astimezone(ZONE).date()


def numbers(coe: dict) -> list[str]:
    return [format_student_number(c["statewide_number"], "CA") for c in coe["children"]]


def end_dates(coe: dict) -> list[date]:
    return [date.fromisoformat(c["eligibility_end_date"]) for c in coe["children"]]


def picture(pdf: bytes, name: str) -> None:
    """Write page 1 as tests/artifacts/<name>.png, for a person to look at."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftoppm (poppler-utils) is needed to picture the documents in CI")
        return
    ARTIFACTS.mkdir(exist_ok=True)
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [
            pdftoppm,
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            source,
            source.with_suffix(""),
        ],
        check=True,
        capture_output=True,
    )
    image = ARTIFACTS / f"{name}.png"
    assert image.stat().st_size > 10_000  # a rendered page, not an empty one


def assert_accessible_pdf(pdf: bytes, *, language: str, title: str) -> PdfReader:
    """US Letter, tagged, titled, in its language, with only the shipped fonts, embedded."""
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == language
    assert bool(root["/MarkInfo"]["/Marked"])
    assert title in reader.metadata.title
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            # The stylesheet's own family names: no system font stood in for a shipped one.
            assert re.fullmatch(r"/[A-Z]{6}\+Campo-(Serif|Sans)(-\w+)?", font["/BaseFont"])
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
            program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
            assert program["name"].getDebugName(1) in ("Liberation Serif", "Liberation Sans")
    return reader


@pytest.mark.parametrize("language", ["es", "en"])
def test_certificate_prints_the_approved_coe_in_the_family_language(api, new_id, language):
    coe = approve(api, new_id)
    query = None if language == "es" else "en"  # Spanish is the COE's own language
    response = download(api, new_id, "certificate", lang=query)

    assert response.status_code == 200, response.get_data()[:300]
    assert response.mimetype == "application/pdf"
    number = f"CERT-{new_id.replace('-', '')[:8]}-v{coe['version']}"
    assert response.headers["Content-Disposition"] == f'inline; filename="{number}-{language}.pdf"'
    assert response.headers["Content-Language"] == language
    assert response.headers["Cache-Control"] == "no-store"
    pdf = response.get_data()
    title = "Certificado de Elegibilidad" if language == "es" else "Certificate of Eligibility"
    assert_accessible_pdf(pdf, language=language, title=title)

    text = pdf_text(pdf)
    for expected in (
        title,
        number,
        coe["content_hash"],
        "Núñez",
        "Ignacio",
        "Guadalupe",
        "Peña",
        "María José",
        "Jesús",
        "Salinas",
        "Yuma Elementary",
        "cutting lettuce",
        "Rosa Martínez",  # the recruiter
        "Daniel Ochoa",  # the designated reviewer
        "interviewee.v1",
        "reviewer.v1",
        long_date(approved_on(coe), language),
        long_date(date.fromisoformat(coe["qualifying_arrival_date"]), language),
        *numbers(coe),
        *(long_date(day, language) for day in end_dates(coe)),
    ):
        assert expected in text, expected
    if language == "es":
        for wording in (
            "Datos de la familia",
            "Datos de los niños",
            "Mudanzas y trabajo que califican",
            "Número estatal de estudiante",
            "Elegible hasta",
            "Con el trabajador",
            "De temporada",
            "Agrícola",
            "Declaración del padre o de la madre",
            # The statement the interviewee signed, word for word.
            "Me entrevistaron sobre la mudanza y el trabajo de mi familia",
            "Página 1 de",
        ):
            assert wording in text, wording
        assert re.search(r"\d{1,2} de [a-z]+ de \d{4}", text)
        assert "Family Data" not in text
    else:
        for wording in (
            "Family Data",
            "Child Data",
            "Qualifying Moves & Work",
            "Statewide student number",
            "With the worker",
            "I was interviewed about my family's move and work",
            # The Spanish text the interviewee actually signed is kept beside the translation.
            "Signed in Spanish",
            "Me entrevistaron sobre la mudanza",
            "Page 1 of",
        ):
            assert wording in text, wording
    picture(pdf, f"certificate-{language}")


@pytest.mark.parametrize("language", ["es", "en"])
def test_letter_confirms_each_child_until_the_end_of_eligibility(api, new_id, db_session, language):
    region = db_session.scalars(sa.select(Region).where(Region.code == "16")).one()
    region.phone = "(831) 555-0142"
    db_session.flush()
    coe = approve(api, new_id)

    response = download(api, new_id, "letter", lang=language)

    assert response.status_code == 200, response.get_data()[:300]
    number = f"LTR-{new_id.replace('-', '')[:8]}-v{coe['version']}"
    assert response.headers["Content-Disposition"] == f'inline; filename="{number}-{language}.pdf"'
    pdf = response.get_data()
    assert_accessible_pdf(
        pdf,
        language=language,
        title="Confirmación de elegibilidad" if language == "es" else "Confirmation of eligibility",
    )
    text = pdf_text(pdf)
    for expected in (
        number,
        coe["content_hash"],
        "Ignacio Núñez",
        "Guadalupe Peña",
        "18 Camino del Campo",
        "María José Núñez Peña",
        "Jesús Núñez Peña",
        "Region 16 — Monterey County Office of Education",
        "(831) 555-0142",
        "Rosa Martínez",
        "Daniel Ochoa",
        "FERPA",
        "MSIX",
        long_date(approved_on(coe), language),
        *numbers(coe),
        *(long_date(day, language) for day in end_dates(coe)),
    ):
        assert expected in text, expected
    if language == "es":
        for wording in (
            "Estimada familia Núñez:",
            "Sus hijos son elegibles para el Programa de Educación Migrante",
            "tutorías",
            "escuela de verano",
            "atención médica, dental y de la vista",
            "preescolar",
            "terminar la preparatoria",
            "universidad",
            "Si tiene alguna pregunta, llame al Programa de Educación Migrante",
            "nunca se usa con fines de inmigración",
            "usted tiene derecho a ver los registros educativos de sus hijos",
            "Atentamente,",
        ):
            assert wording in text, wording
        assert " de septiembre de " in text or re.search(r"\d{1,2} de [a-z]+ de \d{4}", text)
    else:
        for wording in (
            "Dear Núñez family:",
            "tutoring",
            "summer school",
            "preschool",
            "college",
            "never used for immigration purposes",
            "the right to see your children’s education records",
        ):
            assert wording in text, wording
    picture(pdf, f"letter-{language}")


def test_letter_without_a_region_phone_sends_the_family_to_the_school(api, new_id, db_session):
    region = db_session.scalars(sa.select(Region).where(Region.code == "16")).one()
    region.phone = None
    db_session.commit()
    approve(api, new_id, children=1)
    text = pdf_text(download(api, new_id, "letter").get_data())
    assert "por medio de la escuela de sus hijos" in text
    assert "llame al Programa" not in text


def test_printing_is_audited_with_kind_and_language(api, new_id, db_session):
    approve(api, new_id, children=1)
    assert download(api, new_id, "certificate").status_code == 200
    assert download(api, new_id, "letter", lang="en", user="supervisor1").status_code == 200

    events = db_session.scalars(
        sa.select(AuditEvent)
        .where(AuditEvent.entity_id == new_id, AuditEvent.action == "document.rendered")
        .order_by(AuditEvent.id)
    ).all()
    assert [(e.entity_type, e.details["kind"], e.details["language"]) for e in events] == [
        ("coe", "certificate", "es"),
        ("coe", "letter", "en"),
    ]
    assert events[0].details["number"].startswith("CERT-")
    assert events[1].actor_role == "supervisor"


def test_a_coe_not_yet_approved_has_no_documents(api, new_id, db_session):
    api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=coe_body())
    api.post(
        f"/api/v1/coes/{new_id}/submit",
        as_user="recruiter1",
        json={"base_version": 1, "signatures": signatures()},
    )
    response = download(api, new_id, "certificate")
    assert response.status_code == 409
    assert response.json["error"]["code"] == "document.not_available"
    assert not db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "document.rendered")
    ).all()


def test_an_unknown_document_is_not_found(api, new_id):
    approve(api, new_id, children=1)
    response = download(api, new_id, "receipt")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "document.unknown"


def test_another_regions_coe_is_not_found(api, new_id):
    approve(api, new_id, children=1)
    response = download(api, new_id, "certificate", user="regional2")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "coe.not_found"


def test_an_unknown_language_is_refused(api, new_id):
    approve(api, new_id, children=1)
    response = download(api, new_id, "letter", lang="fr")
    assert response.status_code == 422
    assert response.json["error"]["code"] == "request.invalid"
    assert "lang" in response.json["error"]["fields"]


def test_documents_need_a_sign_in(api, new_id):
    response = api.get(f"/api/v1/coes/{new_id}/documents/certificate.pdf")
    assert response.status_code == 401
    assert response.json["error"]["code"] == "auth.token_missing"


# -- the printing helpers, without a database ------------------------------------------------


def test_a_page_footer_keeps_the_word_order_of_its_translation():
    assert str(css_value("Página %(page)s de %(pages)s", counters=True)) == (
        '"Página " counter(page) " de " counter(pages)'
    )


def test_text_put_in_the_stylesheet_cannot_end_its_string_or_the_style_element():
    value = str(css_value('a "quote" \\ </style><script>'))
    assert "<" not in value
    assert ">" not in value
    assert value == '"a \\22 quote\\22  \\5c  \\3c /style\\3e \\3c script\\3e "'


def test_only_known_documents_and_languages_are_printed():
    with pytest.raises(UnknownDocument):
        render_html("receipt", None, "es")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="fr"):
        render_html("letter", None, "fr")  # type: ignore[arg-type]
