"""The HTTP API: its blueprints, the health check, and one error envelope for every failure.

Every error body is ``{"error": {"code", "message", "fields"}}``: a stable code from
``campo.errors``, a message in the request's language, and per-field messages when fields
are at fault.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
import swagger_ui_bundle
from flask import Blueprint, Flask, Response, jsonify, send_from_directory
from sqlalchemy.exc import IntegrityError, OperationalError
from werkzeug.exceptions import HTTPException

from campo import errors
from campo.accounts import resources as accounts
from campo.audit import resources as audit
from campo.auth import resources as auth
from campo.childhistory import resources as childhistory
from campo.documents import resources as documents
from campo.eligibility import resources as eligibility
from campo.errors import CampoError, ErrorCode, Message
from campo.extensions import api, jwt
from campo.families import resources as families
from campo.formdefs import resources as formdefs
from campo.handover import resources as handover
from campo.history import resources as history
from campo.i18n import translate
from campo.locator import resources as locator
from campo.logs import get_logger
from campo.matching import resources as matching
from campo.msix import resources as msix
from campo.quality import resources as quality
from campo.reinterviews import resources as reinterviews
from campo.reports import resources as reports
from campo.review import resources as review
from campo.web import open_request_session, request_session

log = get_logger(__name__)

BLUEPRINTS = (
    auth.blp,
    accounts.blp,
    eligibility.blp,
    families.blp,
    formdefs.blp,
    matching.blp,
    documents.blp,
    handover.blp,
    # issue 7: audit search and re-interviews
    audit.blp,
    reinterviews.blp,
    locator.blp,
    msix.blp,
    childhistory.blp,
    quality.blp,
    # issue 8 (wip-state): history records, counts and Priority for Services
    history.blp,
    reports.blp,
    review.blp,
)

# werkzeug status -> our code, for failures raised outside our own code.
_HTTP_CODES: Mapping[int, ErrorCode] = {
    400: errors.BAD_REQUEST,
    404: errors.NOT_FOUND,
    405: errors.METHOD_NOT_ALLOWED,
    413: errors.TOO_LARGE,
    422: errors.INVALID_INPUT,
}

meta = Blueprint("meta", __name__)


@meta.get("/api/health")
def health() -> tuple[Response, int]:
    """Say whether the service and its database answer (no sign-in needed)."""
    try:
        request_session().execute(sa.text("SELECT 1"))
    except OperationalError:
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok"), 200


@meta.get("/api/docs/assets/<path:filename>")
def docs_assets(filename: str) -> Response:
    """Swagger UI's files, served from the installed package (no CDN)."""
    return send_from_directory(swagger_ui_bundle.swagger_ui_path, filename)


def error_response(
    error: ErrorCode,
    *,
    fields: Mapping[str, list[Message]] | None = None,
    params: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    problems: list[dict[str, Any]] | None = None,
) -> tuple[Response, int, dict[str, str]]:
    body: dict[str, Any] = {
        "error": {
            "code": error.code,
            "message": translate(error.message, **(params or {})),
            "fields": {
                path: [translate(m) for m in messages] for path, messages in (fields or {}).items()
            },
        }
    }
    if problems:
        body["error"]["problems"] = [
            {**problem, "message": translate(problem["message"])} for problem in problems
        ]
    return jsonify(body), error.status, dict(headers or {})


def _flatten_messages(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """Turn webargs' nested messages ({"json": {"a": {"0": {"b": [...]}}}}) into paths."""
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return {prefix or "_": messages}
    flat: dict[str, list[str]] = {}
    if isinstance(messages, Mapping):
        for key, value in messages.items():
            if not prefix and key in ("json", "query", "view_args", "path", "form", "headers"):
                flat.update(_flatten_messages(value, ""))
            elif key == "_schema":  # marshmallow's place for errors of the object itself
                flat.update(_flatten_messages(value, prefix))
            else:
                flat.update(_flatten_messages(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(messages, list):
        for index, value in enumerate(messages):
            flat.update(_flatten_messages(value, f"{prefix}.{index}"))
    return flat


def handle_campo_error(error: CampoError) -> tuple[Response, int, dict[str, str]]:
    return error_response(
        error.error,
        fields=error.fields,
        params=error.params,
        problems=error.problems,
        headers=error.headers,
    )


def handle_http_exception(exc: HTTPException) -> tuple[Response, int, dict[str, str]]:
    data = getattr(exc, "data", None) or {}
    messages = data.get("messages") if isinstance(data, Mapping) else None
    status = exc.code or 500
    headers: dict[str, str] = {}
    if status == 405:
        allowed = exc.get_headers()
        headers = {k: v for k, v in allowed if k == "Allow"}
    if (
        messages
        and isinstance(messages, Mapping)
        and "json" in messages
        and messages["json"] == ["Invalid JSON body."]
    ):
        return error_response(errors.MALFORMED_JSON)
    if status == 422 or (status == 400 and messages):
        return error_response(errors.INVALID_INPUT, fields=_flatten_messages(messages or {}))
    if status >= 500:
        log.error("HTTP %s raised", status, exc_info=exc)
        return error_response(errors.SERVER_ERROR)
    code = _HTTP_CODES.get(status)
    if code is None:
        code = ErrorCode(f"request.http_{status}", status, errors.BAD_REQUEST.message)
    return error_response(code, headers=headers)


def handle_integrity_error(exc: IntegrityError) -> tuple[Response, int, dict[str, str]]:
    # The constraint's name says what clashed; the driver's message would say with which values.
    diag = getattr(exc.orig, "diag", None)
    log.warning("integrity error mapped to 409: %s", getattr(diag, "constraint_name", None))
    return error_response(errors.DATA_CONFLICT)


def handle_operational_error(exc: OperationalError) -> tuple[Response, int, dict[str, str]]:
    log.error("database unavailable", exc_info=exc)
    return error_response(errors.SERVICE_UNAVAILABLE)


def handle_unexpected(exc: Exception) -> tuple[Response, int, dict[str, str]]:
    if isinstance(exc, HTTPException):
        return handle_http_exception(exc)
    log.exception("unhandled error")
    return error_response(errors.SERVER_ERROR)


def register_jwt_callbacks() -> None:
    jwt.unauthorized_loader(lambda reason: error_response(errors.TOKEN_MISSING))
    jwt.invalid_token_loader(lambda reason: error_response(errors.TOKEN_INVALID))
    jwt.expired_token_loader(lambda header, data: error_response(errors.TOKEN_EXPIRED))
    jwt.user_lookup_error_loader(lambda header, data: error_response(errors.ACCOUNT_DISABLED))
    jwt.revoked_token_loader(lambda header, data: error_response(errors.TOKEN_REVOKED))


def commit_request_session(response: Response) -> Response:
    """Commit the request's work before the response leaves, so nothing acknowledged is lost.

    A commit the database refuses becomes the same coded error a flush would have raised;
    error responses roll back.
    """
    session = open_request_session()
    if session is None:
        return response
    if response.status_code >= 400:
        session.rollback()
        return response
    try:
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        return _as_response(handle_integrity_error(exc))
    except OperationalError as exc:
        session.rollback()
        return _as_response(handle_operational_error(exc))
    return response


def _as_response(result: tuple[Response, int, dict[str, str]]) -> Response:
    response, status, headers = result
    response.status_code = status
    response.headers.update(headers)
    return response


def register(app: Flask) -> None:
    """Bind the API, its blueprints and its error handlers to ``app``."""
    api.init_app(app)
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
    app.register_blueprint(meta)
    app.after_request(commit_request_session)
    register_jwt_callbacks()
    # After api.init_app, so these replace flask-smorest's own handlers.
    app.register_error_handler(CampoError, handle_campo_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(IntegrityError, handle_integrity_error)
    app.register_error_handler(OperationalError, handle_operational_error)
    app.register_error_handler(Exception, handle_unexpected)
