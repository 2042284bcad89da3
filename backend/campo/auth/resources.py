"""Sign in and refresh the access token; the JWT callbacks that load the user."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_jwt_extended import (
    create_access_token,
    create_refresh_token,
    jwt_required,
)
from flask_smorest import Blueprint

from campo.accounts.models import User
from campo.auth.current import client_address, current_actor
from campo.auth.schemas import AccessTokenSchema, LoginSchema, TokensSchema
from campo.auth.services import authenticate
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


@jwt.user_lookup_loader
def load_user(jwt_header: dict[str, Any], jwt_data: dict[str, Any]) -> User | None:
    """The token's user, if the account still exists and is active."""
    try:
        user_id = int(jwt_data["sub"])
    except (KeyError, TypeError, ValueError):
        return None
    user = request_session().get(User, user_id)
    return user if user is not None and user.is_active else None
