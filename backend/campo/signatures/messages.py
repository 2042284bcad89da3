"""English source messages for unusable signatures (translated through the catalogue)."""

from __future__ import annotations

from campo.errors import N_
from campo.signatures import strokes

SIGNATURE_MESSAGES: dict[str, str] = {
    strokes.EMPTY: N_("The signature is empty. Please sign in the box."),
    strokes.MALFORMED: N_("The signature could not be read. Please sign again."),
    strokes.TOO_LARGE: N_("The signature has too many strokes. Please clear it and sign again."),
    strokes.OUT_OF_BOUNDS: N_("The signature goes outside the box. Please sign again."),
    strokes.TIME_BACKWARDS: N_("The signature could not be read. Please sign again."),
    strokes.A_DOT: N_("The signature is only a dot. Please sign with your name or mark."),
    strokes.A_LINE: N_(
        "The signature is only a straight line. Please sign with your name or mark."
    ),
}
