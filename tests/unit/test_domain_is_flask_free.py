"""Domain modules import without Flask: they take the session and the actor as arguments."""

from __future__ import annotations

import subprocess
import sys

DOMAIN_MODULES = (
    "campo.formdefs.evaluate",
    "campo.formdefs.definitions",
    "campo.matching.score",
    "campo.matching.keys",
    "campo.signatures.binding",
    "campo.signatures.strokes",
    "campo.families.studentnumbers",
    "campo.lib.canonical",
    "campo.lib.csvsafe",
    "campo.review.services",
    "campo.review.queries",
)


def test_domain_modules_do_not_import_flask():
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in DOMAIN_MODULES)
        + "print(sorted(m for m in sys.modules if m == 'flask' or m.startswith('flask.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
