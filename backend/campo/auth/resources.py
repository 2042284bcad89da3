"""Sign in and refresh the access token; the JWT callbacks that load the user."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_jwt_extended import (
    create_access_token,
    create_refresh_token,
    decode_token,
    get_jwt,
    jwt_required,
)
from flask_smorest import Blueprint

from campo.accounts.models import User
from campo.audit.services import record_event
from campo.auth.current import client_address, current_actor
from campo.auth.schemas import (
    AccessTokenSchema,
    DeviceKeySchema,
    LoginSchema,
    LogoutSchema,
    PasswordChangeSchema,
    TokensSchema,
)
from campo.auth.services import (
    authenticate,
    change_password,
    device_key,
    revoke_token,
    token_refused,
)
from campo.errors import CampoError
from campo.extensions import jwt
from campo.web import request_session

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Sign-in and tokens")


def _access_token_for(user: User) -> dict[str, Any]:
    lifetime = current_app.config["JWT_ACCESS_TOKEN_EXPIRES"]
    return {
        "access_token": create_access_token(
            identity=str(user.id),
            additional_claims={"role": user.role.value, "region_id": user.region_id},
        ),
        "token_type": "Bearer",
        "expires_in": int(lifetime.total_seconds()),
    }


@blp.route("/login")
class Login(MethodView):
    @blp.arguments(LoginSchema)
    @blp.response(200, TokensSchema)
    def post(self, credentials: dict[str, str]) -> Any:
        """Exchange a username and password for an access token and a long-lived refresh token"""
        session = request_session()
        try:
            user = authenticate(
                session,
                username=credentials["username"],
                password=credentials["password"],
                client_address=client_address(),
            )
        except CampoError:
            session.commit()  # keep the audit record of the failed attempt
            raise
        return {
            **_access_token_for(user),
            "refresh_token": create_refresh_token(identity=str(user.id)),
            "user": user,
        }


@blp.route("/refresh")
class Refresh(MethodView):
    decorators = [jwt_required(refresh=True)]

    @blp.response(200, AccessTokenSchema)
    def post(self) -> Any:
        """Exchange a refresh token for a new access token (refused for a disabled account)"""
        return _access_token_for(current_actor().user)


@blp.route("/device-key")
class DeviceKey(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, DeviceKeySchema)
    def get(self) -> Any:
        """The key that opens the caller's encrypted records on a tablet (never stored there)"""
        actor = current_actor()
        record_event(
            request_session(),
            actor=actor,
            action="auth.device_key",
            entity_type="user",
            entity_id=actor.user.id,
            region_id=actor.region_id,
        )
        key = device_key(current_app.config["DEVICE_KEY_SECRET"], actor.user.id)
        return {"key": base64.urlsafe_b64encode(key).decode("ascii").rstrip("=")}


def _revoke(claims: dict[str, Any], user_id: int) -> None:
    revoke_token(
        request_session(),
        user_id=user_id,
        jti=claims["jti"],
        expires_at=datetime.fromtimestamp(claims["exp"], tz=UTC),
    )


@blp.route("/logout")
class Logout(MethodView):
    decorators = [jwt_required(refresh=True)]

    @blp.arguments(LogoutSchema)
    @blp.response(204)
    def post(self, data: dict[str, Any]) -> None:
        """Sign out: the refresh token (and the access token, if sent) stop working now"""
        actor = current_actor()
        _revoke(get_jwt(), actor.user.id)
        if data["access_token"]:
            try:
                claims = decode_token(data["access_token"])
            except Exception:  # noqa: BLE001 - expired or foreign: nothing left to revoke
                claims = None
            if claims and claims.get("sub") == str(actor.user.id) and claims.get("jti"):
                _revoke(claims, actor.user.id)
        record_event(
            request_session(),
            actor=actor,
            action="auth.logout",
            entity_type="user",
            entity_id=actor.user.id,
            region_id=actor.region_id,
        )


@blp.route("/password")
class Password(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(PasswordChangeSchema)
    @blp.response(200, TokensSchema)
    def post(self, data: dict[str, str]) -> Any:
        """Change your password: every earlier sign-in ends; new tokens for this device"""
        actor = current_actor()
        change_password(
            request_session(),
            actor=actor,
            current_password=data["current_password"],
            new_password=data["new_password"],
        )
        return {
            **_access_token_for(actor.user),
            "refresh_token": create_refresh_token(identity=str(actor.user.id)),
            "user": actor.user,
        }


@jwt.token_in_blocklist_loader
def token_is_revoked(jwt_header: dict[str, Any], jwt_data: dict[str, Any]) -> bool:
    """Refused: a token signed out, or issued before the user's password changed."""
    try:
        user = request_session().get(User, int(jwt_data["sub"]))
    except (KeyError, TypeError, ValueError):
        return False  # the user loader refuses it
    return token_refused(
        request_session(), user, jti=jwt_data.get("jti"), issued_at=int(jwt_data.get("iat", 0))
    )


@jwt.user_lookup_loader
def load_user(jwt_header: dict[str, Any], jwt_data: dict[str, Any]) -> User | None:
    """The token's user, if the account still exists and is active."""
    try:
        user_id = int(jwt_data["sub"])
    except (KeyError, TypeError, ValueError):
        return None
    user = request_session().get(User, user_id)
    return user if user is not None and user.is_active else None
