"""`campo msix export` and `campo msix import` on a fresh embedded database with the demo."""

from __future__ import annotations

from datetime import timedelta

from click.testing import CliRunner

from campo.cli import cli
from campo.msix.layout import read_file
from tests.factories import state_today


def run(args, env):
    return CliRunner().invoke(cli, args, env=env, catch_exceptions=False)


def test_export_the_demo_then_import_a_file_once(tmp_path):
    env = {"CAMPO_INSTANCE_DIR": str(tmp_path / "instance"), "DATABASE_URL": ""}
    assert run(["db", "upgrade"], env).exit_code == 0
    assert run(["demo"], env).exit_code == 0
    out = tmp_path / "msix-CA.csv"
    since = (state_today() - timedelta(days=7)).isoformat()
    exported = run(["msix", "export", "--since", since, "--out", str(out)], env)
    assert exported.exit_code == 0, exported.output
    assert "2 students, 2 records" in exported.output
    msix = read_file(out.read_text(encoding="utf-8"))  # the file validates
    assert {line["first_name"] for line in msix.details} == {"Ana Sofía", "Jesús"}

    # The same layout comes back in: a state reading our file matches both children.
    imported = run(["msix", "import", str(out)], env)
    assert imported.exit_code == 0, imported.output
    assert "2 records of 2 students from CA, 2 matched" in imported.output
    assert "Already imported" in run(["msix", "import", str(out)], env).output

    broken = tmp_path / "broken.csv"
    broken.write_text(out.read_text(encoding="utf-8").replace(",Female,", ",F,"), encoding="utf-8")
    refused = run(["msix", "import", str(broken)], env)
    assert refused.exit_code != 0
    assert "line 3" in refused.output
    assert "msix.not_in_list" in refused.output
