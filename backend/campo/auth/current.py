"""The acting user of the current request, for resources to hand to services."""

from __future__ import annotations

from flask import request
from flask_jwt_extended import current_user

from campo.accounts.models import User
from campo.auth.permissions import Actor


def client_address() -> str | None:
    return request.remote_addr


def current_actor() -> Actor:
    """The signed-in user (loaded by the JWT user loader) and the client's address."""
    user: User = current_user
    return Actor(user=user, client_address=client_address())
