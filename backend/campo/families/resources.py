"""Reading a child's state record, by id or by statewide student number."""

from __future__ import annotations

import uuid
from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from flask_smorest import Blueprint

from campo import errors
from campo.auth.current import current_actor
from campo.errors import CampoError
from campo.families.models import Child
from campo.families.schemas import ChildSchema
from campo.families.services import find_child_by_number, get_child
from campo.families.studentnumbers import (
    StudentNumberError,
    format_student_number,
    parse_student_number,
)
from campo.web import request_session

blp = Blueprint("children", __name__, url_prefix="/api/v1", description="Children")


def child_view(child: Child) -> dict[str, Any]:
    state_code = current_app.config["STATE_CODE"]
    return {
        **{name: getattr(child, name) for name in ChildSchema().fields if hasattr(child, name)},
        "statewide_number_display": format_student_number(child.statewide_number, state_code),
    }


@blp.route("/children/<uuid:child_id>")
class ChildById(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, ChildSchema)
    def get(self, child_id: uuid.UUID) -> Any:
        """Read a child's record (audited)"""
        return child_view(get_child(request_session(), actor=current_actor(), child_id=child_id))


@blp.route("/children/by-number/<string:number>")
class ChildByNumber(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, ChildSchema)
    def get(self, number: str) -> Any:
        """Find a child by statewide student number; a mistyped number is refused (422)"""
        try:
            canonical = parse_student_number(number, current_app.config["STATE_CODE"])
        except StudentNumberError:
            raise CampoError(errors.STUDENT_NUMBER_INVALID) from None
        return child_view(
            find_child_by_number(request_session(), actor=current_actor(), number=canonical)
        )
