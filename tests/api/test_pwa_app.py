"""Serving the tablet app: the page, the service worker, the catalogue and public settings."""

from __future__ import annotations


def test_the_app_and_its_service_worker_are_served_uncached(client):
    page = client.get("/")
    assert page.status_code == 200
    assert b"<html" in page.data
    worker = client.get("/sw.js")
    assert worker.status_code == 200
    assert worker.headers["Cache-Control"] == "no-cache"
    body = worker.get_data(as_text=True)
    assert "__CAMPO_VERSION__" not in body  # the server wrote the real version in
    assert "campo-shell-" in body
    page.close()
    worker.close()


def test_the_catalogue_is_served_in_spanish_and_refuses_other_languages(client):
    spanish = client.get("/api/v1/i18n/es").json
    assert spanish["language"] == "es"
    assert spanish["messages"]["This answer is required."] == "Esta respuesta es obligatoria."
    for language in ("fr", "xx", "es-MX", "../en"):
        response = client.get(f"/api/v1/i18n/{language}")
        assert response.status_code == 404
        assert response.json["error"]["code"] == "request.not_found"


def test_statements_and_settings_are_public_and_hold_no_personal_data(client):
    statements = client.get("/api/v1/statements")
    assert statements.status_code == 200
    settings = client.get("/api/v1/settings")
    assert settings.status_code == 200
    assert "America/Los_Angeles" in settings.get_data(as_text=True)
    assert settings.json["lock_after_minutes"] == 10
