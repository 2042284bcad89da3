"""Configuration read from the environment; every variable is listed in the README."""

from __future__ import annotations

import os
import tempfile
from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Development defaults: fine on a laptop, refused in production (see ProductionConfig.check).
DEV_SECRET_KEY = "campo-dev-secret-key-not-for-production"  # noqa: S105
DEV_JWT_SECRET_KEY = "campo-dev-jwt-secret-key-not-for-production"  # noqa: S105


class ConfigError(RuntimeError):
    """The configuration is unsafe or incomplete; the app refuses to start."""


class Config:
    """Defaults for development: embedded SQLite under instance/, development secrets.

    Values are read when the object is made, so a test or a command may change the
    environment first.
    """

    ENV_NAME = "development"
    TESTING = False

    def __init__(self) -> None:
        env = os.environ.get
        self.INSTANCE_DIR = Path(env("CAMPO_INSTANCE_DIR", str(PROJECT_ROOT / "instance")))
        self.DATABASE_URL = env("DATABASE_URL") or self.default_database_url()
        self.SECRET_KEY = env("SECRET_KEY", DEV_SECRET_KEY)
        self.JWT_SECRET_KEY = env("JWT_SECRET_KEY", DEV_JWT_SECRET_KEY)
        self.JWT_ACCESS_TOKEN_EXPIRES = timedelta(minutes=int(env("CAMPO_ACCESS_MINUTES", "60")))
        # A recruiter may work a week or more without signal; the refresh token outlives that.
        self.JWT_REFRESH_TOKEN_EXPIRES = timedelta(days=int(env("CAMPO_REFRESH_DAYS", "14")))
        self.JWT_TOKEN_LOCATION = ["headers"]
        # Tablets seal family data with a key that a signed-in user can always get back from
        # this secret (see pwa/src/vault.js). Changing it strands nothing: PINs still unlock.
        self.DEVICE_KEY_SECRET = env("CAMPO_DEVICE_KEY_SECRET", self.SECRET_KEY)
        # The key pair that seals hand-over files of unsent COEs (see campo/handover/); made on
        # first use. Keep it with the backups: files sealed for a lost key cannot be opened.
        self.HANDOVER_KEY_FILE = Path(
            env("CAMPO_HANDOVER_KEY_FILE", str(self.INSTANCE_DIR / "handover-key.pem"))
        )
        # Strict-Transport-Security: on in production, where Campo is served over HTTPS only.
        self.HSTS = env("CAMPO_HSTS", "0") == "1"
        # Years after a record stops being used before it is anonymized (campo retention).
        self.RETENTION_YEARS = int(env("CAMPO_RETENTION_YEARS", "5"))
        # The tablet app locks (and forgets its key) after this long without a touch.
        self.LOCK_AFTER_MINUTES = int(env("CAMPO_LOCK_AFTER_MINUTES", "10"))
        # The largest honest request is a COE with a dozen children and their signature images.
        self.MAX_CONTENT_LENGTH = int(env("CAMPO_MAX_REQUEST_BYTES", str(2 * 1024 * 1024)))
        self.STATE_CODE = env("CAMPO_STATE_CODE", "CA")
        # Dates such as "today" for eligibility are taken in the state's time zone.
        self.TIME_ZONE = env("CAMPO_TIME_ZONE", "America/Los_Angeles")
        self.DEMO_PASSWORD = env("CAMPO_DEMO_PASSWORD", "campo-demo")
        self.TRANSLATIONS_DIR = Path(
            env("CAMPO_TRANSLATIONS_DIR", str(PROJECT_ROOT / "translations"))
        )
        self.BABEL_DEFAULT_LOCALE = "en"
        self.LANGUAGES = ("en", "es")
        self.API_TITLE = "Campo API"
        self.API_VERSION = "v1"
        self.OPENAPI_VERSION = "3.0.3"
        self.OPENAPI_URL_PREFIX = "/api"
        self.OPENAPI_JSON_PATH = "openapi.json"
        # Swagger UI at /api/docs, its files served from the installed package (no CDN).
        self.OPENAPI_SWAGGER_UI_PATH = "docs"
        self.OPENAPI_SWAGGER_UI_URL = "/api/docs/assets/"

    def default_database_url(self) -> str:
        return f"sqlite:///{self.INSTANCE_DIR / 'campo.sqlite3'}"

    def check(self) -> None:
        """Raise ConfigError when this configuration must not run."""
        # The statewide number is the state code plus 11 digits in 15 characters (MSIX).
        code = self.STATE_CODE
        if not (code.isascii() and code.isalpha() and len(code) == 2):
            raise ConfigError("CAMPO_STATE_CODE must be a two-letter state code, e.g. CA")


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True

    def __init__(self) -> None:
        super().__init__()
        # One key for the whole test run, outside the project folder.
        self.HANDOVER_KEY_FILE = Path(tempfile.gettempdir()) / "campo-test-handover-key.pem"

    def default_database_url(self) -> str:
        return "sqlite://"


class ProductionConfig(Config):
    ENV_NAME = "production"

    def __init__(self) -> None:
        super().__init__()
        self.HSTS = os.environ.get("CAMPO_HSTS", "1") == "1"

    def check(self) -> None:
        super().check()
        problems = []
        # HMAC-SHA256 keys shorter than 32 bytes are guessable (RFC 7518 §3.2).
        if self.SECRET_KEY == DEV_SECRET_KEY or len(self.SECRET_KEY.encode()) < 32:
            problems.append("SECRET_KEY (at least 32 random bytes)")
        if self.JWT_SECRET_KEY == DEV_JWT_SECRET_KEY or len(self.JWT_SECRET_KEY.encode()) < 32:
            problems.append("JWT_SECRET_KEY (at least 32 random bytes)")
        if not os.environ.get("DATABASE_URL"):
            problems.append("DATABASE_URL")
        if problems:
            raise ConfigError(
                "Refusing to start in production with default or missing settings: "
                + ", ".join(problems)
            )


CONFIGS: dict[str, type[Config]] = {
    "development": Config,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def load_config(name: str | None = None) -> Config:
    """Return the checked configuration named ``name`` or ``CAMPO_ENV`` (default development)."""
    name = name or os.environ.get("CAMPO_ENV", "development")
    try:
        config = CONFIGS[name]()
    except KeyError:
        raise ConfigError(f"Unknown CAMPO_ENV {name!r}; use one of {sorted(CONFIGS)}") from None
    config.check()
    return config
