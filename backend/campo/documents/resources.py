"""The family's documents of an approved COE, as PDF: the certificate and the letter."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Response, current_app
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from flask_smorest import Blueprint

from campo.auth.current import current_actor
from campo.documents.schemas import DocumentQueryArgsSchema
from campo.documents.services import family_document
from campo.web import request_session

blp = Blueprint(
    "documents",
    __name__,
    url_prefix="/api/v1",
    description="The family's documents of an approved COE (PDF)",
)


@blp.route("/coes/<uuid:coe_id>/documents/<string:kind>.pdf")
class CoeDocument(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(DocumentQueryArgsSchema, location="query", as_kwargs=False)
    @blp.response(
        200,
        {"type": "string", "format": "binary"},
        content_type="application/pdf",
        description="The document: `certificate` (the family's copy of the COE) or `letter` "
        "(the confirmation letter), in the COE's language unless `lang` says otherwise.",
    )
    def get(self, args: dict[str, Any], coe_id: uuid.UUID, kind: str) -> Any:
        """Print a family document of an approved COE (the printing is audited)"""
        config = current_app.config
        document = family_document(
            request_session(),
            actor=current_actor(),
            coe_id=coe_id,
            kind=kind,
            language=args["lang"],
            state_code=config["STATE_CODE"],
            time_zone=config["TIME_ZONE"],
            translations_dir=config["TRANSLATIONS_DIR"],
        )
        response = Response(document.pdf, mimetype="application/pdf")
        response.headers["Content-Disposition"] = f'inline; filename="{document.filename}"'
        response.headers["Content-Language"] = document.language
        # Personal data: never kept by a shared cache or the browser's.
        response.headers["Cache-Control"] = "no-store"
        return response
