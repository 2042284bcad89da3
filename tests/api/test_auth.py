"""Sign-in, tokens and the account behind them."""

from __future__ import annotations

import base64
import time
from datetime import timedelta

import sqlalchemy as sa
from flask_jwt_extended import create_access_token

from campo.accounts.models import User
from campo.audit.models import AuditEvent
from campo.auth.services import authenticate
from campo.db import utcnow
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


def test_the_device_key_is_the_same_for_a_user_on_every_tablet_and_differs_between_users(
    client, db_session
):
    def device_key(username: str) -> str:
        token = login(client, username).json["access_token"]
        response = client.get(
            "/api/v1/auth/device-key", headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith("application/json")
        return response.json["key"]

    first, again, other = (
        device_key("recruiter1"),
        device_key("recruiter1"),
        device_key("recruiter2"),
    )
    assert first == again != other
    assert len(base64.urlsafe_b64decode(first + "=")) == 32
    events = db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "auth.device_key")
    ).all()
    assert len(events) == 3


def test_the_device_key_needs_a_signed_in_user_not_a_refresh_token(client):
    assert client.get("/api/v1/auth/device-key").status_code == 401
    refresh = login(client, "recruiter1").json["refresh_token"]
    response = client.get("/api/v1/auth/device-key", headers={"Authorization": f"Bearer {refresh}"})
    assert response.status_code in (401, 422)
    assert response.json["error"]["code"].startswith("auth.")


def test_five_failed_sign_ins_lock_the_account_for_a_while_even_for_the_right_password(
    client, db_session
):
    for _attempt in range(5):
        assert login(client, "recruiter2", "wrong password").status_code == 401
    locked = login(client, "recruiter2", headers={"Accept-Language": "es"})
    assert locked.status_code == 429
    assert locked.json["error"]["code"] == "auth.account_locked"
    assert "15 minutos" in locked.json["error"]["message"]
    assert 850 <= int(locked.headers["Retry-After"]) <= 900
    assert login(client, "recruiter1").status_code == 200  # other accounts are not affected

    # Fifteen minutes after the last failure the account opens again.
    later = utcnow() + timedelta(minutes=16)
    user = authenticate(
        db_session, username="recruiter2", password=PASSWORD, client_address=None, now=later
    )
    assert user.username == "recruiter2"


def test_a_successful_sign_in_clears_the_count(client):
    for _attempt in range(4):
        login(client, "supervisor2", "wrong password")
    assert login(client, "supervisor2").status_code == 200
    for _attempt in range(4):
        login(client, "supervisor2", "wrong password")
    assert login(client, "supervisor2").status_code == 200


def test_one_address_guessing_many_usernames_is_slowed_down(client):
    address = {"REMOTE_ADDR": "203.0.113.9"}
    for attempt in range(20):
        response = login(client, f"nobody{attempt}", "guess", environ_base=address)
        assert response.status_code == 401
    limited = login(client, "recruiter1", environ_base=address)
    assert limited.status_code == 429
    assert limited.json["error"]["code"] == "auth.rate_limited"
    assert int(limited.headers["Retry-After"]) > 0
    assert (
        login(client, "recruiter1", environ_base={"REMOTE_ADDR": "203.0.113.10"}).status_code == 200
    )


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_signing_out_ends_the_refresh_token_and_the_access_token_sent_with_it(client, db_session):
    tokens = login(client, "recruiter1").json
    other = login(client, "recruiter1").json  # another tablet of the same recruiter
    out = client.post(
        "/api/v1/auth/logout",
        json={"access_token": tokens["access_token"]},
        headers=bearer(tokens["refresh_token"]),
    )
    assert out.status_code == 204
    refused = client.post("/api/v1/auth/refresh", headers=bearer(tokens["refresh_token"]))
    assert refused.status_code == 401
    assert refused.json["error"]["code"] == "auth.token_revoked"
    assert client.get("/api/v1/me", headers=bearer(tokens["access_token"])).status_code == 401
    # The other tablet's sign-in goes on.
    assert (
        client.post("/api/v1/auth/refresh", headers=bearer(other["refresh_token"])).status_code
        == 200
    )
    again = client.post("/api/v1/auth/logout", json={}, headers=bearer(tokens["refresh_token"]))
    assert again.status_code == 401  # already signed out
    assert db_session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "auth.logout")).all()


def test_changing_the_password_ends_every_earlier_sign_in(client):
    tokens = login(client, "supervisor1").json
    elsewhere = login(client, "supervisor1").json
    weak = client.post(
        "/api/v1/auth/password",
        json={"current_password": PASSWORD, "new_password": "short"},
        headers=bearer(tokens["access_token"]),
    )
    assert weak.status_code == 422, weak.json
    assert weak.json["error"]["code"] == "auth.password_too_weak"
    assert "new_password" in weak.json["error"]["fields"]
    wrong = client.post(
        "/api/v1/auth/password",
        json={"current_password": "not it", "new_password": "three quiet river stones"},
        headers=bearer(tokens["access_token"]),
    )
    assert wrong.status_code == 422
    assert wrong.json["error"]["code"] == "auth.wrong_password"

    time.sleep(1.01)  # tokens carry whole seconds: the earlier ones are from an earlier second
    changed = client.post(
        "/api/v1/auth/password",
        json={"current_password": PASSWORD, "new_password": "three quiet river stones"},
        headers=bearer(tokens["access_token"]),
    )
    assert changed.status_code == 200, changed.json
    for old in (tokens, elsewhere):
        assert client.get("/api/v1/me", headers=bearer(old["access_token"])).status_code == 401
        refresh = client.post("/api/v1/auth/refresh", headers=bearer(old["refresh_token"]))
        assert refresh.json["error"]["code"] == "auth.token_revoked"
    assert client.get("/api/v1/me", headers=bearer(changed.json["access_token"])).status_code == 200
    assert login(client, "supervisor1").status_code == 401
    assert login(client, "supervisor1", "three quiet river stones").status_code == 200
