"""Text folding for search: case, accents and spacing do not matter to people looking for a name."""

from __future__ import annotations

import unicodedata


def fold(text: str | None) -> str:
    """Return ``text`` lower-cased, unaccented, single-spaced: "Núñez  Peña" -> "nunez pena".

    Done in Python rather than SQL so SQLite (whose lower() ignores non-ASCII) and PostgreSQL
    agree.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def name_key(*parts: str | None) -> str:
    """The folded names of a person or family joined into one searchable string."""
    return " ".join(folded for folded in (fold(part) for part in parts) if folded)
