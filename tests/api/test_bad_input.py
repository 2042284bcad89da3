"""Every class of bad input gets a coded 4xx in the caller's language and changes nothing."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from campo.eligibility.models import Coe
from campo.families.studentnumbers import format_student_number, make_student_number
from tests.factories import coe_body, complete_answers


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.is_json
    error = response.json["error"]
    assert error["code"] == code
    assert error["message"]
    assert isinstance(error["fields"], dict)
    return error


def coe_count(db_session) -> int:
    return db_session.scalar(sa.select(sa.func.count()).select_from(Coe))


def test_malformed_json_is_400(api, new_id, db_session):
    before = coe_count(db_session)
    response = api.put(
        f"/api/v1/coes/{new_id}",
        as_user="recruiter1",
        data='{"answers": {',
        content_type="application/json",
        language="es",
    )
    error = assert_error(response, 400, "request.malformed_json")
    assert error["message"] == "El contenido de la solicitud no es JSON válido."
    assert coe_count(db_session) == before


@pytest.mark.parametrize(
    "body", [[], "a string", 42, None], ids=["list", "string", "number", "null"]
)
def test_json_that_is_not_an_object_is_422(api, new_id, body):
    import json

    response = api.put(
        f"/api/v1/coes/{new_id}",
        as_user="recruiter1",
        data=json.dumps(body),
        content_type="application/json",
    )
    assert_error(response, 422, "request.invalid")


def test_wrong_types_in_the_envelope_are_422(api, new_id):
    response = api.put(
        f"/api/v1/coes/{new_id}",
        as_user="recruiter1",
        json={"answers": "not an object", "language": "fr", "base_version": 1.5},
        language="es",
    )
    error = assert_error(response, 422, "request.invalid")
    assert error["message"] == "Faltan algunos campos o no son válidos."
    assert error["fields"]["answers"] == ["No es un objeto válido."]
    assert error["fields"]["language"] == ["Este no es uno de los valores permitidos."]
    assert error["fields"]["base_version"] == ["No es un número entero válido."]


def test_answers_that_do_not_fit_the_form_name_each_answer_in_spanish(api, new_id, db_session):
    answers = complete_answers()
    answers["children"][0]["birth_date"] = "31/12/2019"
    answers["children"][0]["multiple_birth"] = "perhaps"
    answers["children"][0]["sex"] = "unknown"
    answers["move"]["qualifying_arrival_date"] = "2026-02-30"
    answers["family"]["zip_code"] = "9390"
    answers["family"] = {**answers["family"], "citizenship": "anything"}
    response = api.put(
        f"/api/v1/coes/{new_id}", as_user="recruiter1", json=coe_body(answers), language="es"
    )
    error = assert_error(response, 422, "coe.answers_invalid")
    fields = error["fields"]
    assert fields["answers.children.0.birth_date"] == ["No es una fecha válida."]
    assert fields["answers.children.0.multiple_birth"] == ["Responda sí o no."]
    assert fields["answers.children.0.sex"] == ["Este no es uno de los valores permitidos."]
    assert fields["answers.move.qualifying_arrival_date"] == ["No es una fecha válida."]
    assert fields["answers.family.zip_code"] == ["Esta respuesta no tiene el formato esperado."]
    assert fields["answers.family.citizenship"] == ["Esta respuesta no es parte del formulario."]
    codes = {(p["path"], p["code"]) for p in error["problems"]}
    assert ("children.0.birth_date", "field.not_date") in codes
    assert ("family.citizenship", "field.unknown") in codes
    assert coe_count(db_session) == 0


def test_an_unknown_form_version_is_refused(api, new_id):
    response = api.put(
        f"/api/v1/coes/{new_id}", as_user="recruiter1", json=coe_body(form_version="9.9")
    )
    assert_error(response, 422, "form.unknown_version")


def test_unknown_fields_are_refused_at_every_level(api, new_id):
    answers = complete_answers()
    answers["children"][0]["immigration_status"] = "anything"
    response = api.put(
        f"/api/v1/coes/{new_id}", as_user="recruiter1", json=coe_body(answers, ssn="123-45-6789")
    )
    error = assert_error(response, 422, "request.invalid")
    assert error["fields"]["ssn"] == ["Unknown field."]
    response = api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=coe_body(answers))
    error = assert_error(response, 422, "coe.answers_invalid")
    assert error["fields"]["answers.children.0.immigration_status"] == [
        "This answer is not part of the form."
    ]


def test_missing_required_field(api, new_id):
    response = api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json={"language": "es"})
    error = assert_error(response, 422, "request.invalid")
    assert error["fields"]["answers"] == ["Missing data for required field."]


def test_too_long_text_and_too_many_children(api, new_id):
    answers = complete_answers()
    answers["family"]["city"] = "x" * 81
    answers["children"] = answers["children"] * 21
    error = assert_error(
        api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=coe_body(answers)),
        422,
        "coe.answers_invalid",
    )
    assert error["fields"]["answers.family.city"] == ["This text is too long."]
    assert error["fields"]["answers.children"] == ["There are too many items."]


def test_oversized_body_is_413(api, new_id, app):
    limit = app.config["MAX_CONTENT_LENGTH"]
    answers = complete_answers()
    answers["comments"]["other"] = "x" * (limit + 1)
    response = api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=coe_body(answers))
    assert_error(response, 413, "request.too_large")


def test_malformed_signature_entries_are_refused(api, new_id):
    api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=coe_body())
    response = api.post(
        f"/api/v1/coes/{new_id}/submit",
        as_user="recruiter1",
        json={
            "signatures": [
                {"role": "interviewee", "signer_name": "A", "strokes": "javascript:alert(1)"},
                {"role": "reviewer", "strokes": {}},
                {"role": "recruiter", "image": "data:image/png;base64,AAAA"},
            ],
        },
    )
    error = assert_error(response, 422, "request.invalid")
    assert "signatures.0.strokes" in error["fields"]
    assert "signatures.1.role" in error["fields"]
    assert "signatures.2.strokes" in error["fields"]  # required
    assert "signatures.2.image" in error["fields"]  # unknown: strokes, not pictures


def test_unknown_decision_and_reason(api, new_id):
    response = api.post(
        f"/api/v1/coes/{new_id}/review",
        as_user="supervisor1",
        json={"decision": "maybe", "reasons": ["because"]},
    )
    error = assert_error(response, 422, "request.invalid")
    assert set(error["fields"]) == {"decision", "reasons.0"}


def test_unknown_coe_is_404(api, new_id):
    assert_error(api.get(f"/api/v1/coes/{new_id}", as_user="recruiter1"), 404, "coe.not_found")
    assert_error(
        api.post(f"/api/v1/coes/{new_id}/submit", as_user="recruiter1", json={}),
        404,
        "coe.not_found",
    )


def test_not_a_uuid_and_unknown_url_are_404(api):
    assert_error(api.get("/api/v1/coes/not-a-uuid", as_user="recruiter1"), 404, "request.not_found")
    assert_error(api.get("/api/v1/nothing-here", language="es"), 404, "request.not_found")


def test_wrong_method_is_405_with_allow(api, new_id):
    response = api.call("DELETE", f"/api/v1/coes/{new_id}", as_user="recruiter1")
    assert_error(response, 405, "request.method_not_allowed")
    assert "PUT" in response.headers["Allow"]


def test_bad_query_arguments(api):
    for url in (
        "/api/v1/coes?status=lost",
        "/api/v1/coes?page_size=100000",
        "/api/v1/coes?qad_from=yesterday",
        "/api/v1/coes?sort=random",
        "/api/v1/coes?page=0",
        "/api/v1/coes?recruiter_id=-1",
    ):
        assert_error(api.get(url, as_user="recruiter1"), 422, "request.invalid")


@pytest.mark.parametrize(
    "number", ["CA00000000014", "CA0000000001", "XX00000000013", "CA-000000000A-7", "' OR 1=1 --"]
)
def test_bad_statewide_numbers_are_refused(api, number):
    error = assert_error(
        api.get(f"/api/v1/children/by-number/{number}", as_user="regional1", language="es"),
        422,
        "student_number.invalid",
    )
    assert "Revise cada dígito" in error["message"]


def test_a_valid_unknown_statewide_number_is_404(api):
    number = format_student_number(make_student_number("CA", 999_999), "CA")
    assert_error(
        api.get(f"/api/v1/children/by-number/{number}", as_user="regional1"), 404, "child.not_found"
    )


def test_health_needs_no_token(client):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_openapi_document_and_docs_are_served_locally(client):
    spec = client.get("/api/openapi.json")
    assert spec.status_code == 200
    assert "/api/v1/coes/{coe_id}" in spec.json["paths"]
    docs = client.get("/api/docs").get_data(as_text=True)
    assert "/api/docs/assets/swagger-ui-bundle.js" in docs
    assert "cdn" not in docs.lower()
    asset = client.get("/api/docs/assets/swagger-ui-bundle.js")
    assert asset.status_code == 200
    asset.close()
