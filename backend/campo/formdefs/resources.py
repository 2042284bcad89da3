"""Serving form definitions to the tablets: the current one and every version still in use."""

from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint

from campo import errors
from campo.errors import CampoError
from campo.formdefs.definitions import (
    UnknownFormVersion,
    current_version,
    load_definition,
    published_versions,
)
from campo.formdefs.schemas import FormSchema

blp = Blueprint(
    "forms",
    __name__,
    url_prefix="/api/v1/forms",
    description="Form definitions (no sign-in needed: they hold no personal data)",
)


def _definition_response(form_id: str, version: str) -> Any:
    state = current_app.config["STATE_CODE"]
    try:
        form = load_definition(form_id, version, state)
        versions = published_versions(form_id, state)
    except UnknownFormVersion:
        raise CampoError(errors.FORM_NOT_FOUND) from None
    etag = f'"{form.content_hash}"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if request.if_none_match.contains(form.content_hash):
        return "", 304, headers
    body = {
        "form_id": form.form_id,
        "version": form.version,
        "content_hash": form.content_hash,
        "versions": versions,
        "definition": form.document,
    }
    return body, 200, headers


@blp.route("/<string:form_id>")
class FormCurrent(MethodView):
    @blp.response(200, FormSchema)
    def get(self, form_id: str) -> Any:
        """The current definition for this state (ETag for revalidation)"""
        try:
            version = current_version(form_id, current_app.config["STATE_CODE"])
        except (UnknownFormVersion, FileNotFoundError):
            raise CampoError(errors.FORM_NOT_FOUND) from None
        return _definition_response(form_id, version)


@blp.route("/<string:form_id>/<string:version>")
class FormVersion(MethodView):
    @blp.response(200, FormSchema)
    def get(self, form_id: str, version: str) -> Any:
        """One published version, still accepted while a tablet may hold it"""
        return _definition_response(form_id, version)
