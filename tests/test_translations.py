"""Every user-facing string has a reviewed Spanish translation with the same placeholders."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|\{(\w*)\}")


def catalog(language: str):
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


def extracted_ids(tmp_path: Path) -> set[str]:
    template = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            str(TRANSLATIONS / "babel.cfg"),
            "-k",
            "N_",
            "-k",
            "lazy_gettext",
            "-o",
            str(template),
            "--no-location",
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with template.open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


def test_every_message_in_the_code_is_in_the_spanish_catalog(tmp_path):
    in_code = extracted_ids(tmp_path)
    assert len(in_code) > 50, "extraction found too little: check babel.cfg"
    in_catalog = {m.id for m in catalog("es") if m.id}
    missing = sorted(in_code - in_catalog)
    assert not missing, f"run `make i18n` and translate: {missing}"


@pytest.mark.parametrize("language", ["es"])
def test_translations_are_complete_reviewed_and_keep_placeholders(language):
    problems = []
    for message in catalog(language):
        if not message.id:
            continue
        if not message.string:
            problems.append(f"untranslated: {message.id!r}")
        elif message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif sorted(PLACEHOLDER.findall(message.id)) != sorted(PLACEHOLDER.findall(message.string)):
            problems.append(f"placeholders differ: {message.id!r}")
    assert not problems, "\n".join(problems)


def test_spanish_is_addressed_as_usted():
    # Families and recruiters are addressed formally; the informal "tú" forms slip in easily.
    informal = re.compile(
        r"\b(tú|tu|tus|puedes|debes|inicia|revisa|corrige|escribe|intenta)\b", re.IGNORECASE
    )
    offenders = [m.string for m in catalog("es") if m.id and informal.search(m.string)]
    assert not offenders, offenders
