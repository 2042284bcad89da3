"""/api/v1/handover: the key tablets seal with, and importing a sealed file."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from flask import current_app, request
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from flask_smorest import Blueprint

from campo.auth.current import current_actor
from campo.eligibility.resources import form_context
from campo.handover import schemas
from campo.handover.sealing import HandoverKey, load_or_create_key
from campo.handover.services import import_handover
from campo.i18n import translate
from campo.web import request_session

blp = Blueprint(
    "handover",
    __name__,
    url_prefix="/api/v1/handover",
    description="Unsent COEs a tablet exported to a sealed file, imported by regional staff",
)

_keys: dict[Path, HandoverKey] = {}
_keys_lock = threading.Lock()


def handover_key() -> HandoverKey:
    """The app's key pair, read (or made) once per process."""
    path = Path(current_app.config["HANDOVER_KEY_FILE"])
    with _keys_lock:
        if path not in _keys:
            _keys[path] = load_or_create_key(path)
        return _keys[path]


@blp.before_request
def allow_large_files() -> None:
    request.max_content_length = schemas.MAX_FILE_BYTES


@blp.route("/key")
class Key(MethodView):
    @blp.response(200, schemas.HandoverKeySchema)
    def get(self) -> Any:
        """The public key tablets seal hand-over files with (no sign-in: it is public)"""
        key = handover_key()
        return {"key_id": key.key_id, "public_key": key.public_key_b64}


@blp.route("/imports")
class Imports(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(schemas.HandoverFileSchema)
    @blp.response(200, schemas.HandoverReportSchema)
    def post(self, envelope: dict[str, Any]) -> Any:
        """Bring in a tablet's sealed file: each record saved and submitted as its sync would"""
        report = import_handover(
            request_session(),
            actor=current_actor(),
            key=handover_key(),
            envelope=envelope,
            forms=form_context(),
        )
        outcomes = ("submitted", "already_received", "refused", "invalid")
        return {
            "owner": {
                "id": report.owner.id,
                "username": report.owner.username,
                "full_name": report.owner.full_name,
            },
            "exported_at": report.exported_at,
            "counts": {outcome: report.count(outcome) for outcome in outcomes},
            "records": [
                {
                    "id": record.id,
                    "outcome": record.outcome,
                    "code": record.error.code if record.error else None,
                    "message": translate(record.error.message) if record.error else None,
                    "field_messages": {
                        path: [translate(message) for message in messages]
                        for path, messages in record.fields.items()
                    },
                    "problems": [
                        {**problem, "message": translate(problem.get("message", ""))}
                        for problem in record.problems
                    ],
                }
                for record in report.records
            ],
        }
