"""Normalisation of names, dates and places for the families the program serves.

Everything the scorer and the blocking keys compare goes through here, so both see the same
thing: folded tokens (no accents, case or punctuation), surnames without particles and with joined
or hyphenated pairs split, given names with abbreviations expanded, nickname equivalence from
``nicknames.csv``, a phonetic code that forgives the spellings Spanish and English speakers
confuse, and name frequencies from ``surnames.csv`` and ``given_names.csv``.
"""

from __future__ import annotations

import csv
import datetime
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from campo.matching.identity import Identity

DATA = Path(__file__).resolve().parent

# Letters NFKD does not decompose into a base letter and a mark.
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "ł": "l"})
_APOSTROPHES = re.compile(r"['’‘`´]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
# "GarcíaLópez" -> "García López"; "McDonald" and "MacArthur" stay whole (see _split_camel).
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")

# Words that join or introduce a surname: "de la Cruz", "del Río", "García y López", Filipino
# "dela Cruz", "delos Santos". Dropped when something else is left.
SURNAME_PARTICLES = frozenset(
    {"de", "del", "la", "las", "los", "y", "da", "das", "do", "dos", "di", "du"}
    | {"dela", "delas", "delos", "van", "von", "der", "den", "ten", "ter"}
)
# The same inside given names: "María de los Ángeles", "José de Jesús", "María del Carmen".
GIVEN_PARTICLES = frozenset({"de", "del", "la", "las", "los", "y"})
# Particles run into the surname: "Delacruz", "Delossantos", "Deleon" (split before a known one).
_JOINED_PARTICLES = ("delos", "delas", "dela", "del", "de")
# Written abbreviations of given names on forms and documents.
GIVEN_ABBREVIATIONS = {"ma": "maria", "fco": "francisco", "gpe": "guadalupe", "jse": "jose"}
# Punjabi "Kaur" (women) and "Singh" (men) are surnames wherever they are typed, and say little:
# nearly every Punjabi Sikh child of that sex carries one.
SEX_SURNAMES = frozenset({"kaur", "singh"})
# Given names so common as the first of a compound ("María Fernanda", "José Luis", Hmong "Mai
# Nou") that sharing only them says little; the second name is the one the child goes by.
GENERIC_GIVEN = frozenset({"maria", "jose", "juan", "ma", "mai", "pa", "luz", "ana"})

VOWELS = frozenset("aeiou")


def fold(text: str | None) -> str:
    """Return ``text`` as lower-case ASCII words: "Núñez-Peña" -> "nunez pena".

    Apostrophes join ("O'Brien" -> "obrien"); every other non-letter separates words.
    """
    if not text:
        return ""
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    bare = _APOSTROPHES.sub("", bare.casefold())
    return _NOT_ALNUM.sub(" ", bare).strip()


def _split_camel(text: str) -> str:
    """Split "GarcíaLópez" or "DeLaCruz" at inner capitals, but not "McDonald" or "MacArthur"."""
    parts = _CAMEL.split(text)
    if len(parts) == 1:
        return text
    out = [parts[0]]
    for part in parts[1:]:
        if out[-1].split()[-1].lower() in {"mc", "mac", "o"}:
            out[-1] += part
        else:
            out.append(part)
    return " ".join(out)


@functools.lru_cache(maxsize=100_000)
def words(text: str | None) -> tuple[str, ...]:
    """Folded words of a name field, camel-case joins split."""
    if not text:
        return ()
    return tuple(word for word in fold(_split_camel(text)).split() if not word.isdigit())


# -- data files ---------------------------------------------------------------------------------


def _rows(name: str) -> Iterator[list[str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(line for line in handle if line.strip() and not line.startswith("#"))
        next(reader)  # header
        yield from reader


def _strip_particles(tokens: list[str], particles: frozenset[str]) -> list[str]:
    kept = [token for token in tokens if token not in particles]
    return kept or tokens


@functools.cache
def surname_frequencies() -> dict[str, float]:
    """Share of a surname among people of its community (see surnames.csv), by folded token."""
    shares: dict[str, float] = {}
    for surname, per_100k, _community in _rows("surnames.csv"):
        for token in _strip_particles(fold(surname).split(), SURNAME_PARTICLES):
            shares[token] = max(shares.get(token, 0.0), float(per_100k) / 100_000)
    return shares


@functools.cache
def given_frequencies() -> dict[str, float]:
    """Share of a given name among people of its community (see given_names.csv)."""
    shares: dict[str, float] = {}
    for name, per_100k, _community in _rows("given_names.csv"):
        token = fold(name)
        shares[token] = max(shares.get(token, 0.0), float(per_100k) / 100_000)
    return shares


@functools.cache
def _nickname_graph() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    canonicals: dict[str, set[str]] = {}
    variants: dict[str, set[str]] = {}
    for canonical, variant in _rows("nicknames.csv"):
        c, v = fold(canonical), fold(variant)
        if c and v and c != v:
            canonicals.setdefault(v, set()).add(c)
            variants.setdefault(c, set()).add(v)
    return (
        {k: frozenset(v) for k, v in canonicals.items()},
        {k: frozenset(v) for k, v in variants.items()},
    )


@functools.cache
def known_given_names() -> frozenset[str]:
    """Given names known to be names in their own right (frequency list and nickname file)."""
    canonicals, variants = _nickname_graph()
    return frozenset(given_frequencies()) | frozenset(canonicals) | frozenset(variants)


@functools.cache
def known_surnames() -> frozenset[str]:
    return frozenset(surname_frequencies())


def canonicals(name: str) -> frozenset[str]:
    """Names that ``name`` is a nickname or other form of ("lupe" -> {"guadalupe"})."""
    return _nickname_graph()[0].get(name, frozenset())


def nickname_equivalent(a: str, b: str) -> bool:
    """Whether two different given names are forms of one name ("chuy" and "jesus").

    Not transitive through a shared nickname: "roberto" and "alberto" both shorten to "beto" but
    are not equivalent; "pancho" and "paco" are, through "francisco".
    """
    if a == b:
        return True
    forms_a = canonicals(a) | {a}
    forms_b = canonicals(b) | {b}
    return not forms_a.isdisjoint(forms_b)


@functools.lru_cache(maxsize=100_000)
def key_name(name: str) -> str:
    """The one form under which a given name is indexed: its canonical name when unambiguous.

    "Paco", "Pancho" and "Francisco" all index as "francisco"; "Beto" (Roberto? Alberto?) stays
    "beto", and a query for Roberto also looks up "beto" (see query_names).
    """
    forms = canonicals(name)
    if len(forms) == 1:
        (only,) = forms
        return only
    return name


@functools.lru_cache(maxsize=100_000)
def query_names(name: str) -> frozenset[str]:
    """Index forms to look up for a given name: its own, its names' and its nicknames'.

    "Lupe" looks up "guadalupe"; "Roberto" looks up "roberto" and "beto" (where an ambiguous
    "Beto" is indexed); "Beto" looks up every name it shortens.
    """
    canonical_of, variants_of = _nickname_graph()
    forms = {name} | canonical_of.get(name, frozenset()) | variants_of.get(name, frozenset())
    return frozenset(key_name(form) for form in forms)


@functools.cache
def _places() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {"country": {}, "state": {}, "word": {}}
    for kind, canonical, variant in _rows("places.csv"):
        table[kind][fold(variant)] = canonical
        table[kind][fold(canonical)] = canonical
        if kind == "state" and canonical.startswith("mx "):
            table[kind][canonical[3:]] = canonical  # "Jal." -> "jal" -> "mx jal"
    return table


# -- phonetic code ------------------------------------------------------------------------------

_PHONETIC_STEPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        # Digraphs first; upper case marks a sound already decided.
        (r"chr", "kr"),  # Christian/Cristian, Christopher/Cristopher
        (r"ph", "f"),
        (r"th", "t"),
        (r"[cs]h", "X"),  # ch, sh
        (r"([kgdbjr])h", r"\1"),  # Punjabi aspirates: Dhillon/Dillon, Sukhdeep/Sukdeep
        (r"ll", "y"),  # Llamas/Yamas, Guillermo/Guiyermo
        (r"(?<![^aeiou])y(?=[aeiou])", "Y"),  # consonant y: Yesenia, Maya (not Bryan)
        (r"y", "i"),  # vowel y: Cynthia, Ybarra, Lizbeth/Lisbeth
        (r"qu", "k"),
        (r"gu(?=[ei])", "G"),  # hard g: Guillermo, Rodríguez
        (r"g(?=[ei])", "j"),  # soft g = j: Gerónimo/Jerónimo, Giménez/Jiménez
        (r"c(?=[ei])", "s"),  # Cesar/Sesar, Cecilia
        (r"ck|c|q", "k"),  # Carla/Karla, Erick/Erik
        (r"^x(?=[aeiou])", "j"),  # Ximena/Jimena, Xavier/Javier
        (r"^x", "s"),
        (r"x", "ks"),
        (r"t[sz]|z", "s"),  # González/Gonzales, Itzel/Itsel, Yatziri/Yatsiri
        (r"h", ""),  # silent: Hernández/Ernández, Jhon/John
        (r"[vw]", "b"),  # Valdez/Baldez, Gurwinder/Gurvinder
        (r"^es(?=[^aeiou])", "s"),  # Estefanía/Stefany, Esteban/Steban
        (r"(.)\1+", r"\1"),  # doubles: Jennifer/Jenifer, Ibarra/Ibara
    )
)


@functools.lru_cache(maxsize=100_000)
def spelling(token: str) -> str:
    """The token with letters that sound alike unified, vowels kept ("cynthia" -> "sintia").

    Two given names with the same spelling code are one name spelled two ways (Brian/Bryan,
    Yesenia/Llesenia), unlike Mario/María, which keep their vowels apart.
    """
    code = token
    for pattern, replacement in _PHONETIC_STEPS:
        code = pattern.sub(replacement, code)
    return code.lower()


@functools.lru_cache(maxsize=100_000)
def phonetic(token: str) -> str:
    """A short phonetic code for Spanish and English names: "hernandez" -> "ARNNDS".

    The spelling code with the vowels dropped (a leading vowel becomes "A"), upper case, at most
    eight letters. Forgives b/v/w, ll/y, c/s/z, qu/k, silent h, g/j before e and i, ph/f, th/t,
    doubled letters and vowel slips; used only for blocking keys, never to decide a match.
    """
    code = spelling(token)
    if not code:
        return ""
    head = "A" if code[0] in VOWELS else code[0]
    body = "".join(char for char in code[1:] if char not in VOWELS)
    return (head + body).upper()[:8]


# -- names of a person --------------------------------------------------------------------------


@functools.lru_cache(maxsize=100_000)
def _split_joined_surname(token: str) -> tuple[str, ...]:
    """Split run-together surnames into known ones: "delacruz" -> ("cruz",), "garcialopez" ->
    ("garcia", "lopez"), "delacruzgonzalez" -> ("cruz", "gonzalez"); else leave the token."""
    known = known_surnames()
    if token in known or len(token) < 6:
        return (token,)
    parts = _known_parts(token, depth=3)
    return parts or (token,)


def _known_parts(token: str, depth: int) -> tuple[str, ...] | None:
    known = known_surnames()
    if token in known:
        return (token,)
    if depth == 0:
        return None
    for particle in _JOINED_PARTICLES:
        if token.startswith(particle) and len(token) - len(particle) >= 3:
            rest = _known_parts(token[len(particle) :], depth - 1)
            if rest:
                return rest
    for cut in range(3, len(token) - 2):
        head = token[:cut]
        if head in known:
            tail = _known_parts(token[cut:], depth - 1)
            if tail:
                return (head, *tail)
    return None


@functools.lru_cache(maxsize=100_000)
def surname_tokens(*fields: str | None) -> tuple[str, ...]:
    """Surname tokens of the given fields, in order: particles dropped, joined pairs split."""
    tokens = _strip_particles([w for field in fields for w in words(field)], SURNAME_PARTICLES)
    out: list[str] = []
    for token in tokens:
        for part in _split_joined_surname(token):
            if part not in out:
                out.append(part)
    return tuple(out)


@functools.lru_cache(maxsize=100_000)
def given_tokens(*fields: str | None) -> tuple[str, ...]:
    """Given-name tokens: particles dropped, abbreviations ("Ma.", "Fco.") expanded."""
    tokens = _strip_particles([w for field in fields for w in words(field)], GIVEN_PARTICLES)
    if len(tokens) > 1:
        tokens = [GIVEN_ABBREVIATIONS.get(token, token) for token in tokens]
    out: list[str] = []
    for token in tokens:
        if token not in out:
            out.append(token)
    return tuple(out)


def _sex_surnames_to_surnames(
    given: tuple[str, ...], surnames: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    moved = tuple(token for token in given if token in SEX_SURNAMES)
    if not moved or len(moved) == len(given):
        return given, surnames
    kept = tuple(token for token in given if token not in SEX_SURNAMES)
    return kept, surnames + tuple(token for token in moved if token not in surnames)


def _middle_surnames_to_surnames(
    given: tuple[str, ...], surnames: tuple[str, ...], middle_name: str | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A surname in the middle-name field is a surname: the mother's maiden name of Filipino
    children, a maternal surname typed there by a form that has one surname box."""
    moved = tuple(
        token
        for token in words(middle_name)
        if token in given and token in known_surnames() and token not in known_given_names()
    )
    if not moved or len(moved) == len(given):
        return given, surnames
    kept = tuple(token for token in given if token not in moved)
    return kept, surnames + tuple(token for token in moved if token not in surnames)


# -- places and dates ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=100_000)
def place_words(text: str | None) -> str:
    """A folded place name with common abbreviations spelt out ("Cd. Juárez" -> "ciudad juarez")."""
    table = _places()["word"]
    return " ".join(table.get(word, word) for word in fold(text).split())


@functools.lru_cache(maxsize=100_000)
def country_code(text: str | None) -> str:
    folded = fold(text)
    return _places()["country"].get(folded, folded)


@functools.lru_cache(maxsize=100_000)
def state_code(text: str | None) -> str:
    folded = fold(text)
    return _places()["state"].get(folded, folded)


def day_month_swapped(value: datetime.date) -> datetime.date | None:
    """The date with day and month exchanged (3 Dec <-> 12 Mar), if that is another valid date."""
    if value.day > 12 or value.day == value.month:
        return None
    return value.replace(month=value.day, day=value.month)


def parse_sex(value: str | None) -> str | None:
    folded = fold(value)
    if folded in {"f", "female", "femenino", "mujer", "nina", "girl"}:
        return "F"
    if folded in {"m", "male", "masculino", "hombre", "nino", "boy"}:
        return "M"
    return None


# -- a prepared identity ------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """The names of one person, normalised."""

    given: tuple[str, ...]
    surnames: tuple[str, ...]


@dataclass(frozen=True)
class Prepared:
    """An identity normalised once for comparing and indexing."""

    given: tuple[str, ...]
    surnames: tuple[str, ...]
    sex: str | None
    birth_date: datetime.date | None
    city: str
    state: str
    country: str
    parents: tuple[Person, ...]
    # Phonetic codes of the names, to tell cheaply whether names may sit in each other's fields.
    given_codes: frozenset[str] = frozenset()
    surname_codes: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=100_000)
def person(first: str | None, *lasts: str | None) -> Person:
    given, surnames = _sex_surnames_to_surnames(given_tokens(first), surname_tokens(*lasts))
    return Person(given, surnames)


@functools.lru_cache(maxsize=200_000)
def prepare(identity: Identity) -> Prepared:
    """Normalise an identity (cached: stored children are compared again and again)."""
    given, surnames = _sex_surnames_to_surnames(
        given_tokens(identity.first_name, identity.middle_name),
        surname_tokens(identity.last_name_1, identity.last_name_2),
    )
    given, surnames = _middle_surnames_to_surnames(given, surnames, identity.middle_name)
    parents = tuple(
        parent
        for parent in (
            person(identity.parent1_first, identity.parent1_last),
            person(identity.parent2_first, identity.parent2_last),
        )
        if parent.given
    )
    return Prepared(
        given=given,
        surnames=surnames,
        sex=parse_sex(identity.sex),
        birth_date=identity.birth_date,
        city=place_words(identity.birth_city),
        state=state_code(identity.birth_state),
        country=country_code(identity.birth_country),
        parents=parents,
        given_codes=frozenset(phonetic(token) for token in given),
        surname_codes=frozenset(phonetic(token) for token in surnames),
    )


def unique(items: Iterable[str]) -> list[str]:
    """Items in first-seen order without repeats or empties."""
    seen: dict[str, None] = {}
    for item in items:
        if item:
            seen.setdefault(item, None)
    return list(seen)
