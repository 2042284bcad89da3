"""Configuration: production refuses unsafe defaults."""

from __future__ import annotations

import pytest

from campo.app import create_app
from campo.config import ConfigError, load_config

STRONG = "k" * 40


def test_development_defaults_use_sqlite_under_instance(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CAMPO_INSTANCE_DIR", str(tmp_path))
    config = load_config("development")
    assert f"sqlite:///{tmp_path / 'campo.sqlite3'}" == config.DATABASE_URL


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"SECRET_KEY": STRONG, "DATABASE_URL": "postgresql+psycopg://db/campo"},
        {"JWT_SECRET_KEY": STRONG, "DATABASE_URL": "postgresql+psycopg://db/campo"},
        {"SECRET_KEY": "short", "JWT_SECRET_KEY": STRONG, "DATABASE_URL": "postgresql://db/c"},
        {"SECRET_KEY": STRONG, "JWT_SECRET_KEY": STRONG},
    ],
    ids=["nothing", "no-jwt-key", "no-secret-key", "short-secret", "no-database"],
)
def test_production_refuses_to_start_without_its_settings(monkeypatch, env):
    for name in ("SECRET_KEY", "JWT_SECRET_KEY", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("CAMPO_ENV", "production")
    with pytest.raises(ConfigError, match="Refusing to start"):
        create_app()


def test_production_starts_with_real_settings(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", STRONG)
    monkeypatch.setenv("JWT_SECRET_KEY", STRONG + "j")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.sqlite3'}")
    assert load_config("production").ENV_NAME == "production"


def test_unknown_environment_name():
    with pytest.raises(ConfigError, match="Unknown CAMPO_ENV"):
        load_config("staging")


@pytest.mark.parametrize("code", ["CAL", "C", "1A", "ÇA"])
def test_state_code_must_be_two_letters(monkeypatch, code):
    monkeypatch.setenv("CAMPO_STATE_CODE", code)
    with pytest.raises(ConfigError, match="two-letter"):
        load_config("development")
