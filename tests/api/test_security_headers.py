"""Response headers: a strict CSP for the app, a looser one only for the API docs, CORS closed."""

from __future__ import annotations

import pytest

from campo.app import create_app
from campo.config import ProductionConfig


@pytest.mark.parametrize("path", ["/", "/src/main.js", "/sw.js", "/api/health", "/api/v1/settings"])
def test_every_answer_carries_the_strict_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "Strict-Transport-Security" not in response.headers  # development is plain HTTP
    response.close()


def test_errors_carry_it_too_and_personal_answers_are_never_cached(api):
    missing = api.get("/api/v1/coes/00000000-0000-0000-0000-000000000000", as_user="recruiter1")
    assert missing.status_code == 404
    assert "default-src 'self'" in missing.headers["Content-Security-Policy"]
    me = api.get("/api/v1/me", as_user="recruiter1")
    assert me.headers["Cache-Control"] == "no-store"
    # Public reference data keeps its own caching (revalidated, served offline by the app).
    assert api.get("/api/v1/settings").headers["Cache-Control"] == "no-cache"


def test_only_the_api_docs_may_run_inline_script(client):
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert "script-src 'self' 'unsafe-inline'" in docs.headers["Content-Security-Policy"]


def test_cors_stays_closed(client):
    origin = {"Origin": "https://evil.example"}
    answer = client.get("/api/v1/settings", headers=origin)
    assert not [
        name for name, _value in answer.headers.items() if name.startswith("Access-Control-")
    ]
    preflight = client.options(
        "/api/v1/auth/login",
        headers={**origin, "Access-Control-Request-Method": "POST"},
    )
    assert "Access-Control-Allow-Origin" not in preflight.headers


def test_production_sends_hsts(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("JWT_SECRET_KEY", "j" * 40)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'p.sqlite3'}")
    monkeypatch.setenv("CAMPO_INSTANCE_DIR", str(tmp_path))
    app = create_app(ProductionConfig())
    response = app.test_client().get("/api/health")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
