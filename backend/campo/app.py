"""The application factory."""

from __future__ import annotations

from flask import Flask

from campo import api, logs, pwa_app, security
from campo.config import Config, load_config
from campo.db import Database
from campo.extensions import babel, jwt
from campo.i18n import select_locale
from campo.web import close_request_session


def create_app(config: Config | None = None) -> Flask:
    """Build the Campo app from ``config`` (default: the environment's, see config.py)."""
    config = config or load_config()
    app = Flask(__name__, instance_path=str(config.INSTANCE_DIR))
    app.config.from_object(config)
    logs.install()
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # names stay readable: "Ramírez"

    # database
    app.extensions["campo.db"] = Database(app.config["DATABASE_URL"])
    app.teardown_request(close_request_session)

    # extensions
    jwt.init_app(app)
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(config.TRANSLATIONS_DIR),
    )

    # blueprints and error handlers
    api.register(app)
    pwa_app.register(app)
    security.register(app)
    return app
