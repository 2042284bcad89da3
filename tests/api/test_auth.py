"""Sign-in, tokens and the account behind them."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask_jwt_extended import create_access_token

from campo.accounts.models import User
from campo.audit.models import AuditEvent
from tests.conftest import PASSWORD


def login(client, username: str, password: str = PASSWORD, **kwargs):
    return client.post(
        "/api/v1/auth/login", json={"username": username, "password": password}, **kwargs
    )


def test_login_returns_tokens_that_work(client, db_session):
    response = login(client, "recruiter1", environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert response.status_code == 200
    body = response.json
    assert body["token_type"] == "Bearer"
    assert body["user"]["role"] == "recruiter"
    assert body["user"]["region"]["code"] == "16"
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json["username"] == "recruiter1"
    event = db_session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "auth.login")).one()
    assert event.client_address == "10.1.2.3"


def test_usernames_are_case_insensitive(client):
    assert login(client, "  Recruiter1 ").status_code == 200


def test_refresh_token_gives_a_new_access_token(client):
    tokens = login(client, "supervisor1").json
    refreshed = client.post(
        "/api/v1/auth/refresh", headers={"Authorization": f"Bearer {tokens['refresh_token']}"}
    )
    assert refreshed.status_code == 200
    assert refreshed.json["access_token"]
    me = client.get(
        "/api/v1/me", headers={"Authorization": f"Bearer {refreshed.json['access_token']}"}
    )
    assert me.json["username"] == "supervisor1"


def test_refresh_token_lasts_a_week_in_the_field(app):
    assert app.config["JWT_REFRESH_TOKEN_EXPIRES"] >= timedelta(days=7)


def test_access_token_cannot_refresh_and_refresh_token_cannot_call_the_api(client):
    tokens = login(client, "recruiter1").json
    wrong_refresh = client.post(
        "/api/v1/auth/refresh", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert wrong_refresh.status_code == 401
    assert wrong_refresh.json["error"]["code"] == "auth.token_invalid"
    wrong_access = client.get(
        "/api/v1/me", headers={"Authorization": f"Bearer {tokens['refresh_token']}"}
    )
    assert wrong_access.status_code == 401
    assert wrong_access.json["error"]["code"] == "auth.token_invalid"


def test_wrong_password_and_unknown_user_look_the_same_and_are_audited(client, db_session):
    wrong = login(client, "recruiter1", "not the password", headers={"Accept-Language": "es"})
    unknown = login(client, "nobody", "whatever")
    assert wrong.status_code == unknown.status_code == 401
    assert (
        wrong.json["error"]["code"] == unknown.json["error"]["code"] == "auth.invalid_credentials"
    )
    assert (
        wrong.json["error"]["message"] == "El nombre de usuario o la contraseña no son correctos."
    )
    failures = db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "auth.login_failed")
    ).all()
    assert len(failures) == 2
    assert all("password" not in str(f.details) for f in failures)


def test_disabled_account_cannot_sign_in_or_use_its_token(app, client, db_session):
    tokens = login(client, "regional1").json
    user = db_session.scalars(sa.select(User).where(User.username == "regional1")).one()
    user.is_active = False
    db_session.commit()
    assert login(client, "regional1").status_code == 401
    response = client.get(
        "/api/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert response.status_code == 401
    assert response.json["error"]["code"] == "auth.account_disabled"


def test_missing_malformed_forged_and_expired_tokens(app, client):
    missing = client.get("/api/v1/me")
    assert (missing.status_code, missing.json["error"]["code"]) == (401, "auth.token_missing")
    garbage = client.get("/api/v1/me", headers={"Authorization": "Bearer not-a-jwt"})
    assert (garbage.status_code, garbage.json["error"]["code"]) == (401, "auth.token_invalid")
    not_bearer = client.get("/api/v1/me", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert not_bearer.status_code == 401
    with app.app_context():
        expired = create_access_token(identity="1", expires_delta=timedelta(seconds=-60))
        app.config["JWT_SECRET_KEY"] = "another-key-of-at-least-thirty-two-bytes"
        forged = create_access_token(identity="1")
        app.config["JWT_SECRET_KEY"] = "campo-dev-jwt-secret-key-not-for-production"
        unknown_user = create_access_token(identity="999999")
        not_a_number = create_access_token(identity="abc")
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {expired}"})
    assert (response.status_code, response.json["error"]["code"]) == (401, "auth.token_expired")
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {forged}"})
    assert (response.status_code, response.json["error"]["code"]) == (401, "auth.token_invalid")
    for token in (unknown_user, not_a_number):
        response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert (response.status_code, response.json["error"]["code"]) == (
            401,
            "auth.account_disabled",
        )


def test_regions_lists_the_23_california_regions(api):
    regions = api.get("/api/v1/regions", as_user="recruiter1").json
    assert len(regions) == 23
    assert [r["code"] for r in regions][:3] == ["01", "02", "03"]
