"""Who am I, and the list of regions."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_jwt_extended import jwt_required
from flask_smorest import Blueprint

from campo.accounts.schemas import RegionSchema, UserSchema
from campo.accounts.services import list_regions
from campo.auth.current import current_actor
from campo.web import request_session

blp = Blueprint("accounts", __name__, url_prefix="/api/v1", description="Accounts and regions")


@blp.route("/me")
class Me(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, UserSchema)
    def get(self) -> Any:
        """The signed-in user, with role and region"""
        return current_actor().user


@blp.route("/regions")
class Regions(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, RegionSchema(many=True))
    def get(self) -> Any:
        """The state's migrant education regions"""
        return list_regions(request_session())
