"""The child's history printed: the documents' templates, fonts and printer (documents.render),
one more template (``child_history.html``), in English or Spanish."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from campo.documents.render import (
    DEFAULT_TRANSLATIONS_DIR,
    LANGUAGES,
    local,
    print_pdf,
    template_environment,
)
from campo.formdefs.definitions import current_version, load_definition
from campo.reports.pfs import REASON_LABELS

TEMPLATE = "child_history.html"


def state_name(state_code: str) -> dict[str, str]:
    """The state's name in both languages, from the current COE form's list of states."""
    definition = load_definition("coe", current_version("coe", state_code), state_code)
    return next(
        (
            c["label"]
            for c in definition.document["code_lists"].get("us_state", [])
            if c["code"] == state_code.upper()
        ),
        {"en": state_code, "es": state_code},
    )


def render_history_html(
    history: dict[str, Any],
    language: str,
    *,
    state_code: str,
    document_number: str,
    translations_dir: Path | None = None,
) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"documents are written in {LANGUAGES}, not {language!r}")
    environment = template_environment(language, translations_dir or DEFAULT_TRANSLATIONS_DIR)
    return environment.get_template(TEMPLATE).render(
        h=history,
        language=language,
        state=local(state_name(state_code), language),
        state_code=state_code.upper(),
        document_number=document_number,
        reason_labels=REASON_LABELS,
    )


def render_history_pdf(
    history: dict[str, Any],
    language: str,
    *,
    state_code: str,
    document_number: str,
    translations_dir: Path | None = None,
) -> bytes:
    """The history as a tagged PDF in ``language`` ("en" or "es")."""
    return print_pdf(
        render_history_html(
            history,
            language,
            state_code=state_code,
            document_number=document_number,
            translations_dir=translations_dir,
        )
    )
