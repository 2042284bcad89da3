"""Printing a family's documents: Jinja HTML in the family's language, laid out by WeasyPrint.

Plain Python, no Flask: the caller hands in the context (``services.build_context`` makes it
from the database), the language and where the compiled catalogues are. Template strings go
through gettext (``jinja2.ext.i18n`` with the Babel catalogue of ``translations/``); labels and
code meanings come from the form definition in both languages and are picked here; dates are
formatted by Babel for the language. The fonts are shipped in ``fonts/`` and embedded, so a
document prints the same on any server.
"""

from __future__ import annotations

import base64
import gc
import re
import threading
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import weasyprint
from babel import Locale
from babel.dates import format_date
from babel.support import NullTranslations, Translations
from markupsafe import Markup
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from campo.config import PROJECT_ROOT
from campo.errors import N_

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
FONTS_DIR = HERE / "fonts"
STYLESHEET = TEMPLATES_DIR / "print.css"
DEFAULT_TRANSLATIONS_DIR = PROJECT_ROOT / "translations"
LANGUAGES = ("es", "en")

# Each kind of document and the prefix of its document number.
KINDS: Mapping[str, str] = {"certificate": "CERT", "letter": "LTR"}

# (file, family, weight, style): the Liberation fonts (SIL OFL, fonts/LICENSE), metric-compatible
# with Times and Arial. The stylesheet calls them by family names of our own, so a font file that
# failed to load can never be silently replaced by a system font of the same name.
FONTS = (
    ("LiberationSerif-Regular.ttf", "Campo Serif", "normal", "normal"),
    ("LiberationSerif-Bold.ttf", "Campo Serif", "bold", "normal"),
    ("LiberationSerif-Italic.ttf", "Campo Serif", "normal", "italic"),
    ("LiberationSans-Regular.ttf", "Campo Sans", "normal", "normal"),
    ("LiberationSans-Bold.ttf", "Campo Sans", "bold", "normal"),
    ("LiberationSans-Italic.ttf", "Campo Sans", "normal", "italic"),
)

# PDF/UA-1: a tagged PDF with its title and language, which screen readers need.
PDF_VARIANT = "pdf/ua-1"

# TRANSLATORS: the footer of every printed page, e.g. "Page 1 of 2".
PAGE_OF_PAGES = N_("Page %(page)s of %(pages)s")

# "2b-i. Date the worker moved" -> "Date the worker moved": the item is printed on its own.
_ITEM_PREFIX = re.compile(r"^\s*\d+[a-z]?(?:-[ivx]+)?\.\s+")

Bilingual = Mapping[str, str]


class UnknownDocument(LookupError):  # noqa: N818 - reads as the condition it names
    """No document of this kind is made."""


@dataclass(frozen=True)
class Answer:
    """One answer of the COE as printed: its label from the form, its value and its choices.

    ``value`` is as answered (text, a date, true/false or a code), None when unanswered.
    ``options`` lists every (code, label) of a choice's code list, to print as check boxes.
    ``relevant`` is false for a question the form did not ask given the other answers.
    """

    key: str
    label: Bilingual
    type: str
    value: Any = None
    item: str | None = None
    options: tuple[tuple[str, Bilingual], ...] = ()
    state: bool = False
    relevant: bool = True

    @property
    def blank(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())

    @property
    def choice(self) -> Bilingual | None:
        """The label of the chosen code, when this is a choice."""
        return next((label for code, label in self.options if code == self.value), None)

    @property
    def item_number(self) -> str | None:
        """The item of the national form this answer belongs to: "2" for "2b-i"."""
        match = re.match(r"\d+", self.item or "")
        return match.group(0) if match else None


@dataclass(frozen=True)
class ChildRecord:
    """A child on the COE, with the state's statewide number and the end of eligibility."""

    position: int
    answers: Mapping[str, Answer]
    statewide_number: str | None
    eligibility_end_date: date | None

    @property
    def full_name(self) -> str:
        parts = ("first_name", "middle_name", "last_name1", "last_name2", "suffix")
        return " ".join(
            str(self.answers[key].value).strip()
            for key in parts
            if key in self.answers and not self.answers[key].blank
        )


@dataclass(frozen=True)
class SignatureRecord:
    """A signature that still verifies, with the statement its signer was shown."""

    role: str
    signer_name: str
    statement_id: str
    statement_version: int
    title: Bilingual
    text: Bilingual
    signed_at: datetime
    svg: str | None = None

    @property
    def image_url(self) -> str | None:
        """The drawn signature as a data URL (SVG prints sharp at any size)."""
        if self.svg is None:
            return None
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


@dataclass(frozen=True)
class DocumentContext:
    """Everything the family's documents print, in both languages where text is the form's.

    Names, addresses and comments are printed as the recruiter wrote them; times are in the
    state's time zone.
    """

    coe_id: uuid.UUID
    coe_version: int
    content_hash: str
    form_version: str
    form_title: Bilingual
    coe_language: str
    state_code: str
    state_name: Bilingual
    region_name: str
    region_phone: str | None
    recruiter_name: str
    reviewer_name: str | None
    approved_at: datetime
    interview_place: str | None
    section_labels: Mapping[str, Bilingual]
    sections: Mapping[str, Mapping[str, Answer]]
    children: tuple[ChildRecord, ...]
    signatures: Mapping[str, SignatureRecord] = field(default_factory=dict)

    def document_number(self, kind: str) -> str:
        """A number that names one document of one version of the COE, e.g. CERT-1a2b3c4d-v3."""
        return f"{KINDS[kind]}-{self.coe_id.hex[:8]}-v{self.coe_version}"

    def items(self, section: str = "move") -> list[tuple[str, list[Answer]]]:
        """A section's answers grouped by item of the national form ("1" to "6"), in order."""
        grouped: dict[str, list[Answer]] = {}
        for answer in self.sections.get(section, {}).values():
            grouped.setdefault(answer.item_number or "", []).append(answer)
        return list(grouped.items())

    def answer(self, section: str, key: str) -> Answer | None:
        return self.sections.get(section, {}).get(key)

    def text(self, section: str, key: str) -> str:
        """A text answer as written, or "" when unanswered."""
        answer = self.answer(section, key)
        return "" if answer is None or answer.blank else str(answer.value).strip()

    @property
    def family_name(self) -> str:
        """The surname the letter greets the family by: the first parent's, else the second's."""
        return self.text("family", "parent1_last_name") or self.text("family", "parent2_last_name")

    @property
    def parents(self) -> list[str]:
        names = []
        for number in ("1", "2"):
            first = self.text("family", f"parent{number}_first_name")
            last = self.text("family", f"parent{number}_last_name")
            if first or last:
                names.append(f"{first} {last}".strip())
        return names


# -- rendering ----------------------------------------------------------------------------


def render_document(
    kind: str,
    context: DocumentContext,
    language: str,
    *,
    translations_dir: Path | None = None,
) -> bytes:
    """Print the document ``kind`` ("certificate", "letter") for ``context`` as PDF bytes.

    Raises:
        UnknownDocument: ``kind`` is not a document Campo makes.
        ValueError: ``language`` is not one the documents are written in.
    """
    html = render_html(kind, context, language, translations_dir=translations_dir)
    return print_pdf(html)


def render_html(
    kind: str,
    context: DocumentContext,
    language: str,
    *,
    translations_dir: Path | None = None,
) -> str:
    """The document as HTML, before printing (for the tests and for looking at a layout)."""
    if kind not in KINDS:
        raise UnknownDocument(kind)
    if language not in LANGUAGES:
        raise ValueError(f"documents are written in {LANGUAGES}, not {language!r}")
    environment = template_environment(language, translations_dir or DEFAULT_TRANSLATIONS_DIR)
    template = environment.get_template(f"{kind}.html")
    return template.render(
        c=context,
        kind=kind,
        language=language,
        state=local(context.state_name, language),
        document_number=context.document_number(kind),
    )


def print_pdf(html: str) -> bytes:
    """Lay out ``html`` on US Letter with the shipped fonts and return a tagged PDF."""
    return _PRINTER.print(html)


class _Printer:
    """The shipped fonts and the print stylesheet, loaded once and shared by every render.

    Renders take turns: Pango's font map is not safe to share between threads, and a render is
    Python work that holds the GIL anyway. While one runs, the cyclic garbage collector waits:
    a layout makes some hundred thousand objects that live until it ends, and they would
    otherwise set off full collections of the whole process (about a quarter of the time of a
    certificate, measured with bench/render_documents.py). Reference counting still frees
    memory meanwhile, and the collector takes the layout's cycles at once afterwards.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._fonts: FontConfiguration | None = None
        self._stylesheets: list[weasyprint.CSS] = []

    def print(self, html: str) -> bytes:
        with self._lock, _collector_paused():
            if self._fonts is None:
                fonts = FontConfiguration()
                # A font that does not load stops the printing (FatalURLFetchingError).
                loader = URLFetcher(allowed_protocols={"file"}, fail_on_errors=True)
                self._stylesheets = [
                    weasyprint.CSS(string=font_faces(), font_config=fonts, url_fetcher=loader),
                    weasyprint.CSS(filename=str(STYLESHEET), font_config=fonts),
                ]
                self._fonts = fonts
            document = weasyprint.HTML(
                string=html,
                base_url=TEMPLATES_DIR.as_uri() + "/",
                # The documents use nothing but their fonts and the signatures' data: URLs.
                url_fetcher=URLFetcher(allowed_protocols={"file", "data"}),
            )
            pdf: bytes = document.write_pdf(
                stylesheets=self._stylesheets, font_config=self._fonts, pdf_variant=PDF_VARIANT
            )
            return pdf


_PRINTER = _Printer()


@contextmanager
def _collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@cache
def font_faces() -> str:
    """@font-face rules naming the shipped font files by file:// URL."""
    rules = []
    for filename, family, weight, style in FONTS:
        url = (FONTS_DIR / filename).as_uri()
        rules.append(
            f'@font-face {{ font-family: "{family}"; src: url("{url}") format("truetype");'
            f" font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules)


@cache
def template_environment(language: str, translations_dir: Path) -> jinja2.Environment:
    """One template environment per language, with that language's catalogue installed."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=jinja2.select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    translations: NullTranslations = (
        NullTranslations()
        if language == "en"
        else Translations.load(str(translations_dir), [language], domain="messages")
    )
    environment.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    environment.filters.update(
        local=lambda text: local(text, language),
        long_date=lambda day: format_date(day, format="long", locale=language),
        label=lambda text: local(strip_item(text), language),
        phone=format_phone,
        hash_groups=hash_groups,
        css=css_value,
        language_name=lambda code: Locale.parse(code).get_display_name(language),
    )
    environment.globals.update(
        page_of_pages=css_value(translations.gettext(PAGE_OF_PAGES), counters=True),
        rows=layout_rows,
        is_checkbox_list=is_checkbox_list,
    )
    return environment


def local(text: Bilingual | str | None, language: str) -> str:
    """The text in ``language`` (a form's {"en", "es"} label), English when it lacks one."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(language) or text.get("en", "")


def strip_item(text: Bilingual | str | None) -> Bilingual | str | None:
    """A label without its item number ("1. Moved from: city" -> "Moved from: city")."""
    if text is None or isinstance(text, str):
        return text and _ITEM_PREFIX.sub("", text)
    return {language: _ITEM_PREFIX.sub("", value) for language, value in text.items()}


def format_phone(number: str | None) -> str:
    """Ten digits as (831) 555-0142; anything else as written."""
    digits = re.sub(r"\D", "", number or "")
    if len(digits) == 10:
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    return number or ""


def hash_groups(digest: str, size: int = 8) -> str:
    """A long hexadecimal code in groups of eight, easier to compare by eye."""
    return " ".join(digest[i : i + size] for i in range(0, len(digest), size))


def layout_rows(answers: Sequence[Answer], columns: int = 4) -> list[list[tuple[Answer, int]]]:
    """Lay answers out as a form does: short ones side by side in ``columns`` columns (the last
    of a row widened to fill it), check-box lists and long texts on a line of their own."""
    rows: list[list[Answer]] = []
    current: list[Answer] = []
    for answer in answers:
        if is_checkbox_list(answer) or answer.type == "textarea":
            if current:
                rows.append(current)
                current = []
            rows.append([answer])
            continue
        current.append(answer)
        if len(current) == columns:
            rows.append(current)
            current = []
    if current:
        rows.append(current)
    return [
        [
            (answer, 1 if i < len(row) - 1 else columns - len(row) + 1)
            for i, answer in enumerate(row)
        ]
        for row in rows
    ]


def is_checkbox_list(answer: Answer) -> bool:
    """Whether a choice is printed as its list of check boxes (short lists only)."""
    return answer.type == "boolean" or (answer.type == "choice" and 0 < len(answer.options) <= 6)


def css_value(text: Any, *, counters: bool = False) -> Markup:
    """``text`` as a CSS ``content`` value, safe inside a <style> element.

    With ``counters``, the placeholders %(page)s and %(pages)s become the page counters, so a
    translated "Page %(page)s of %(pages)s" keeps its own word order.
    """
    pieces = re.split(r"(%\((?:page|pages)\)s)", str(text)) if counters else [str(text)]
    parts = []
    for piece in pieces:
        if counters and piece in ("%(page)s", "%(pages)s"):
            parts.append(f"counter({piece[2:-2]})")
        elif piece:
            parts.append(css_string(piece))
    # Every piece is a counter() or a string quoted and escaped by css_string.
    return Markup(" ".join(parts) or '""')  # noqa: S704


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that cannot end its string or its <style> element."""
    escaped = "".join(f"\\{ord(char):x} " if char in '\\"<>\n\r' else char for char in text)
    return f'"{escaped}"'
