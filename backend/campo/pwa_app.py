"""The recruiters' tablet app (pwa/) served at ``/``, and its translations at /api/v1/i18n/<lang>.

The app is plain ES modules: no bundler. Every file is sent with ``Cache-Control: no-cache`` so
the browser revalidates it (ETag) and the service worker, which serves the app offline, sees new
versions. ``/sw.js`` is served from the scope root with the shell's file list and a version (a
digest of every shell file, the compiled catalogues and the form definitions) written in, so any
change to the app makes a new cache and an update the recruiter is offered.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from babel.support import Translations
from flask import Blueprint, Flask, Response, current_app, jsonify, send_from_directory

from campo import errors
from campo.config import PROJECT_ROOT
from campo.errors import CampoError
from campo.signatures.statements import statement_for

PWA_DIR = PROJECT_ROOT / "pwa"
FORMS_DIR = PROJECT_ROOT / "forms"
# Folders of the app shell, served as they are and precached by the service worker.
STATIC_FOLDERS = ("src", "styles", "icons", "vendor")
# API answers without personal data that the app needs offline (the service worker precaches
# them; see pwa/sw.js). Everything else under /api stays out of the Cache API.
PRECACHED_API = (
    "/api/v1/forms/coe",
    "/api/v1/i18n/en",
    "/api/v1/i18n/es",
    "/api/v1/statements",
    "/api/v1/settings",
)
# The statements read to the signers before they sign, as the signature policy names them.
SIGNER_ROLES = ("interviewee", "recruiter")

blp = Blueprint("pwa", __name__)


def _no_cache(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-cache"
    return response


def shell_files() -> list[str]:
    """The app shell's URLs: the page, the manifest and every static file."""
    urls = ["/", "/manifest.webmanifest"]
    for folder in STATIC_FOLDERS:
        root = PWA_DIR / folder
        if root.is_dir():
            urls += sorted(
                "/" + path.relative_to(PWA_DIR).as_posix()
                for path in root.rglob("*")
                if path.is_file() and not path.name.startswith(".") and path.suffix != ".map"
            )
    return urls


def shell_version(translations_dir: Path) -> str:
    """A digest of what the service worker caches: changes whenever any of it changes."""
    digest = hashlib.sha256()
    files = [PWA_DIR / "index.html", PWA_DIR / "manifest.webmanifest", PWA_DIR / "sw.js"]
    files += [PWA_DIR / url.lstrip("/") for url in shell_files()[2:]]
    files += sorted(translations_dir.glob("*/LC_MESSAGES/messages.mo"))
    files += sorted(FORMS_DIR.rglob("*.yaml"))
    for path in files:
        if path.is_file():
            digest.update(path.as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@blp.get("/")
def index() -> Response:
    """The app shell."""
    return _no_cache(send_from_directory(PWA_DIR, "index.html", max_age=0))


@blp.get("/manifest.webmanifest")
def manifest() -> Response:
    response = send_from_directory(
        PWA_DIR, "manifest.webmanifest", mimetype="application/manifest+json", max_age=0
    )
    return _no_cache(response)


@blp.get("/sw.js")
def service_worker() -> Response:
    """The service worker, from the scope root, with its version and file list written in."""
    source = (PWA_DIR / "sw.js").read_text(encoding="utf-8")
    version = shell_version(Path(current_app.config["TRANSLATIONS_DIR"]))
    source = source.replace('"__CAMPO_VERSION__"', json.dumps(version)).replace(
        '["__CAMPO_SHELL__"]', json.dumps([*shell_files(), *PRECACHED_API])
    )
    response = Response(source, mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = "/"
    return _no_cache(response)


def _static(folder: str):  # type: ignore[no-untyped-def]
    def serve(filename: str) -> Response:
        return _no_cache(send_from_directory(PWA_DIR / folder, filename, max_age=0))

    serve.__name__ = f"static_{folder}"
    return serve


for _folder in STATIC_FOLDERS:
    blp.add_url_rule(f"/{_folder}/<path:filename>", view_func=_static(_folder))


@blp.get("/api/v1/i18n/<string:language>")
def catalog(language: str) -> Any:
    """The compiled catalogue of ``language`` as {msgid: msgstr} (no sign-in: no personal data).

    English is the source language: its catalogue is empty and the app shows the msgids.
    """
    if language not in current_app.config["LANGUAGES"]:
        raise CampoError(errors.NOT_FOUND)
    loaded = Translations.load(
        dirname=str(current_app.config["TRANSLATIONS_DIR"]), locales=[language]
    )
    messages = {
        key: value
        for key, value in getattr(loaded, "_catalog", {}).items()
        if isinstance(key, str) and key and isinstance(value, str)
    }
    return _no_cache(jsonify(language=language, messages=messages))


@blp.get("/api/v1/statements")
def statements() -> Any:
    """What the interviewee and the recruiter sign, in English and Spanish (no sign-in)."""
    body = {}
    for role in SIGNER_ROLES:
        document = statement_for(role)
        body[role] = {key: document[key] for key in ("id", "version", "title", "text")}
    return _no_cache(jsonify(body))


@blp.get("/api/v1/settings")
def settings() -> Any:
    """The state, the time zone its "today" is taken in, and when an idle tablet locks."""
    config = current_app.config
    return _no_cache(
        jsonify(
            state=config["STATE_CODE"],
            time_zone=config["TIME_ZONE"],
            lock_after_minutes=config["LOCK_AFTER_MINUTES"],
        )
    )


def register(app: Flask) -> None:
    """Serve the tablet app and its catalogues from ``app``."""
    app.register_blueprint(blp)
