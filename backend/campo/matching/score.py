"""Scoring of a candidate against a query: Fellegi-Sunter weights per field, explained.

Each field comparison has an outcome (same, similar, different, missing) and a weight in bits,
log2(m / u): m is how often a re-entry of the same child shows that outcome, u how often a
different child does. The m figures are what the program sees in re-entered records (accents
dropped, a surname left out, a nickname, a day and month swapped...), the u figures are chance
agreement: for names the share of the name in its community (``surnames.csv``,
``given_names.csv``), for dates the ~8,000 days over which the children were born.

Twins and siblings are the reason for a second alternative. Against an unrelated child, equal
surnames, parents and birth place are strong evidence; against a brother, sister or twin they are
no evidence at all, while equal first names and birth dates are rarer still. So every field has a
second weight log2(m / u_family), and the score is the posterior probability of "same child"
against both alternatives at once, with prior odds from the size of a state's store:

    odds = P(same) * P(data | same) / (P(unrelated) * P(data | unrelated)
                                        + P(sibling) * P(data | sibling))

A large state's store holds ~200,000 children (so a stored child is the one checked with prior
probability ~0.5 / 200,000: half the checks are children already known) and a child has ~1.5
brothers and sisters in it. The score is that probability in percent; ``LIKELY_AT`` and
``POSSIBLE_AT`` cut it into bands. The figures were set from these principles, not fitted, and
then checked against outcome rates measured on synthetic data (bench/matching/).

Fields are assumed independent given the hypothesis, except where they are known not to be:
parents' surnames repeat the child's and are not weighed again, Kaur and Singh follow the sex,
and twins, who share the birth date, are often named alike.
"""

from __future__ import annotations

import datetime
import functools
import math
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from campo.errors import N_
from campo.matching.identity import Identity
from campo.matching.normalize import (
    GENERIC_GIVEN,
    SEX_SURNAMES,
    Person,
    Prepared,
    canonicals,
    day_month_swapped,
    given_frequencies,
    key_name,
    known_given_names,
    known_surnames,
    nickname_equivalent,
    prepare,
    spelling,
    surname_frequencies,
)

# A false merge (two children become one record, and one loses services or gets the other's
# eligibility) costs far more than a missed duplicate (a recruiter sees "possible" and links by
# hand), so "likely" needs a 9 in 10 posterior; "possible" is worth a recruiter's look from 1 in 10.
LIKELY_AT = 90
POSSIBLE_AT = 10
BANDS = ("likely", "possible", "unlikely")

# The prior. A large state's store: California, the largest program, identifies ~100,000
# eligible children a year and records pile up over the years. In a store five times larger the
# same evidence is log2(5) = 2.3 bits weaker; a state that size can raise this figure.
STATE_CHILDREN = 200_000
SHARE_ALREADY_KNOWN = 0.5  # share of checks that are children already in the store
SIBLINGS_IN_STORE = 1.5  # brothers, sisters and twins of a child that are in the store
RANDOM_PRIOR_BITS = math.log2(STATE_CHILDREN / SHARE_ALREADY_KNOWN)
FAMILY_PRIOR_BITS = math.log2(SIBLINGS_IN_STORE / SHARE_ALREADY_KNOWN)

# Share of a name that is not in the frequency lists: uncommon, but not unique.
DEFAULT_GIVEN_SHARE = 0.0005
DEFAULT_SURNAME_SHARE = 0.0003
BIRTH_DAYS = 8000  # children's birth dates spread over ~22 years

# How much a name relates to another, best first.
EXACT, SPELLING, NICKNAME, TYPO, INITIAL, NONE = 5, 4, 3, 2, 1, 0


def _bits(m: float, u: float) -> float:
    return math.log2(m / u)


@dataclass(frozen=True)
class FieldComparison:
    """One field of a comparison, for the recruiter: what matched, how, and how much it weighs.

    ``weight`` is the log-likelihood ratio in bits against the alternative that decided the score
    (an unrelated child, or a brother, sister or twin). ``note`` is an English source string
    marked for translation; it never contains a name or a date.
    """

    field: str
    outcome: str
    weight: float
    note: str


@dataclass(frozen=True)
class Match:
    """How sure it is the same child (``score`` 0-100, a posterior percentage), its ``band``
    ("likely", "possible", "unlikely") and the per-field reasons."""

    score: int
    band: str
    comparisons: tuple[FieldComparison, ...]


@dataclass(frozen=True)
class _Field:
    field: str
    outcome: str
    note: str
    random: float  # bits against an unrelated child
    family: float  # bits against a brother, sister or twin


def _missing(field: str, note: str) -> _Field:
    return _Field(field, "missing", note, 0.0, 0.0)


# -- names ----------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=500_000)
def _token_level(a: str, b: str, *, given: bool) -> int:
    if a == b:
        return EXACT
    if len(a) == 1 or len(b) == 1:
        return INITIAL if given and a[0] == b[0] else NONE
    if spelling(a) == spelling(b):
        return SPELLING
    if given and nickname_equivalent(a, b):
        return NICKNAME
    known = known_given_names() if given else known_surnames()
    if a in known and b in known:
        # Two real names a letter apart (Mario/Marco, Josué/José, Lara/Lira) are two names.
        return NONE
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and long_.startswith(short):
        return TYPO  # cut short: "Guadalup", "Christ"
    if len(short) >= 8:
        limit = 2
    elif len(short) >= 4 or (len(short) >= 2 and a[0] == b[0]):
        limit = 1  # short names only when the first letter agrees: Mai/Mi, Alan/Aln
    else:
        return NONE
    if OSA.distance(a, b, score_cutoff=limit) <= limit:
        return TYPO
    if given and _nickname_after_slip(a, b):
        return TYPO
    return NONE


@functools.cache
def _known_list(given: bool) -> list[str]:
    return sorted(known_given_names() if given else known_surnames())


@functools.cache
def _corrected(token: str) -> str | None:
    """The one known given name a letter away from an unknown token ("guaalupe" -> "guadalupe")."""
    if len(token) < 5 or token in known_given_names():
        return None
    close = process.extract(token, _known_list(True), scorer=OSA.distance, score_cutoff=1, limit=2)
    return close[0][0] if len(close) == 1 else None


def _nickname_after_slip(a: str, b: str) -> bool:
    """A misspelt name that, once corrected, is a nickname of the other (Guaalupe / Lupita)."""
    fixed_a, fixed_b = _corrected(a), _corrected(b)
    return bool(
        (fixed_a and nickname_equivalent(fixed_a, b))
        or (fixed_b and nickname_equivalent(a, fixed_b))
    )


@dataclass(frozen=True)
class _Alignment:
    pairs: tuple[tuple[str, str, int], ...]  # (query token, candidate token, level)
    left_query: tuple[str, ...]
    left_candidate: tuple[str, ...]
    reordered: bool


@functools.lru_cache(maxsize=500_000)
def _align(query: tuple[str, ...], candidate: tuple[str, ...], *, given: bool) -> _Alignment:
    """Pair tokens greedily, best relation first, then nearest position."""
    options = []
    for i, a in enumerate(query):
        for j, b in enumerate(candidate):
            level = _token_level(a, b, given=given)
            if level > NONE:
                options.append((-level, abs(i - j), i, j))
    if not options:
        return _Alignment((), query, candidate, False)
    options.sort()
    used_q: set[int] = set()
    used_c: set[int] = set()
    pairs = []
    order = []
    for negative_level, _distance, i, j in options:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        pairs.append((query[i], candidate[j], -negative_level))
        order.append((i, j))
    order.sort()
    reordered = any(j1 > j2 for (_i1, j1), (_i2, j2) in zip(order, order[1:], strict=False))
    left_query = (
        query if not used_q else tuple([query[i] for i in range(len(query)) if i not in used_q])
    )
    left_candidate = (
        candidate
        if not used_c
        else tuple([candidate[j] for j in range(len(candidate)) if j not in used_c])
    )
    return _Alignment(tuple(pairs), left_query, left_candidate, reordered)


def given_share(token: str) -> float:
    """Share of a given name in its community; a nickname counts as its name."""
    shares = given_frequencies()
    share = shares.get(token) or shares.get(key_name(token))
    if share is None:
        share = max((shares.get(form, 0.0) for form in canonicals(token)), default=0.0)
    # A surname typed as a given name is as common as the surname.
    return share or surname_frequencies().get(token) or DEFAULT_GIVEN_SHARE


def surname_share(token: str) -> float:
    """Share of a surname in its community (a given name typed as a surname: its share)."""
    return (
        surname_frequencies().get(token) or given_frequencies().get(token) or DEFAULT_SURNAME_SHARE
    )


# Given names: (m, u_family); u (unrelated) is the name's share where the name decides it.
_GIVEN_SAME = (0.80, 0.004)  # siblings almost never share all given names
_GIVEN_FORM = (0.07, 0.006)  # nickname or other spelling (Lupe / Guadalupe, Brian / Bryan)
_GIVEN_PART = (0.06, 0.01)  # one has an extra given name (María Guadalupe / Guadalupe)
_GIVEN_TYPO = (0.03, 0.005)  # a typing slip, not another real name
# Only a generic first part or an initial agrees (José / José Luis). For a brother it takes the
# same slip (his second name left out) and a shared first part (José Luis, José Antonio): ~1 in 40.
_GIVEN_WEAK = (0.03, 0.025)
# Two unrelated children both carry "María" (a quarter of girls' first parts) or both "José"
# about 1 time in 25, and one of them is written without the second name about half of those.
_GIVEN_WEAK_U = 0.02
# ... but twins are often named alike (María Fernanda and María José): among twins it is ~1 in 10.
_TWINS_WEAK_U_FAMILY = 0.1
_GIVEN_DIFFERENT = (0.02, 0.93)  # the child goes by another name altogether, or a slip
_GIVEN_DIFFERENT_U = 0.95
# An unrelated child shows a nickname or a part of the name only if it bears the same name AND
# the two records are written differently: two bearers of José are written José / Pepe about 1
# time in 7, and one has a second given name the other lacks about 1 time in 3.
_FORM_OF_BEARERS = 0.15
_PART_OF_BEARERS = 0.35
_SHARE_FLOOR = 0.0002

# TRANSLATORS: why two records of a child may be the same child, shown beside both records.
FIRST_SAME = N_("First names are the same")
FIRST_SAME_ORDER = N_("Same given names, in a different order")
FIRST_SPELLING = N_("First names are spelled differently but sound the same")
FIRST_NICKNAME = N_("One first name is a nickname or another form of the other")
FIRST_PART = N_("One record has an extra given name; the names they share match")
FIRST_TYPO = N_("First names differ by a typing slip")
FIRST_WEAK = N_("Only a very common first given name or an initial matches")
FIRST_CONFLICT = N_("They share one given name, but their other given names are different")
FIRST_DIFFERENT = N_("First names are different")
FIRST_MISSING = N_("First name is missing on one record")


@functools.lru_cache(maxsize=200_000)
def _given_field(query: tuple[str, ...], candidate: tuple[str, ...]) -> _Field:
    field = "first_name"
    if not query or not candidate:
        return _missing(field, FIRST_MISSING)
    a = _align(query, candidate, given=True)
    m_diff, uf_diff = _GIVEN_DIFFERENT
    different = (_bits(m_diff, _GIVEN_DIFFERENT_U), _bits(m_diff, uf_diff))
    if not a.pairs:
        return _Field(field, "different", FIRST_DIFFERENT, *different)
    if a.left_query and a.left_candidate:
        return _Field(field, "different", FIRST_CONFLICT, *different)
    levels = [level for _q, _c, level in a.pairs]
    worst = min(levels)
    complete = not a.left_query and not a.left_candidate
    if complete and worst == EXACT:
        m, uf = _GIVEN_SAME
        u = min(given_share(q) for q, _c, _level in a.pairs)
        note = FIRST_SAME_ORDER if a.reordered else FIRST_SAME
        return _Field(field, "same", note, _bits(m, u), _bits(m, uf))
    if complete and worst >= NICKNAME:
        m, uf = _GIVEN_FORM
        share = max(max(given_share(q), given_share(c)) for q, c, level in a.pairs if level < EXACT)
        note = FIRST_NICKNAME if worst == NICKNAME else FIRST_SPELLING
        u = max(share * _FORM_OF_BEARERS, _SHARE_FLOOR)
        return _Field(field, "similar", note, _bits(m, u), _bits(m, uf))
    distinctive = [
        max(given_share(q), given_share(c))
        for q, c, level in a.pairs
        if level >= NICKNAME and not {key_name(q), key_name(c)} & GENERIC_GIVEN
    ]
    if distinctive and TYPO not in levels:
        # One record has an extra given name (or only its initial); a distinctive name matches.
        m, uf = _GIVEN_PART
        u = max(min(distinctive) * _PART_OF_BEARERS, _SHARE_FLOOR)
        return _Field(field, "similar", FIRST_PART, _bits(m, u), _bits(m, uf))
    if TYPO in levels:
        m, uf = _GIVEN_TYPO
        return _Field(field, "similar", FIRST_TYPO, _bits(m, 0.002), _bits(m, uf))
    m, uf = _GIVEN_WEAK
    return _Field(field, "similar", FIRST_WEAK, _bits(m, _GIVEN_WEAK_U), _bits(m, uf))


# TRANSLATORS: "surnames" are a child's paternal and maternal family names (apellidos).
LAST_SAME = N_("Both surnames match")
LAST_SAME_ONE = N_("The surname matches")
LAST_SWAPPED = N_("Both surnames match, in the other order")
LAST_JOINED = N_("Surnames match once joined or separated")
LAST_DROPPED = N_("One surname matches; the other is missing on one record")
LAST_TYPO = N_("Surnames are spelled slightly differently")
LAST_COMMON = N_("Only a surname shared by a large part of the community matches")
LAST_CONFLICT = N_("One surname matches, the other is different")
LAST_DIFFERENT = N_("Surnames are different")
LAST_MISSING = N_("Surnames are missing on one record")

# Per surname that agrees: m = 0.95; u = chance an unrelated child of the community has it
# (two surnames each, so twice its share). A slip: m 0.04, u 0.004. Then the shape:
_LAST_DROPPED = (_bits(0.15, 0.30), 0.0)  # a surname left out: common in re-entries
# The other surname differs: for the same child ~2% (a step-parent's name, a mix-up), for an
# unrelated child who shares one surname nearly always, for a sibling rarely (half-siblings).
_LAST_CONFLICT = (_bits(0.02, 0.90), _bits(0.02, 0.08))
_LAST_NONE = (_bits(0.02, 0.97), _bits(0.02, 0.03))


def _split_joined(tokens: tuple[str, ...], other: tuple[str, ...]) -> tuple[tuple[str, ...], bool]:
    """Replace a token that is two of ``other``'s surnames run together by those two."""
    if len(other) < 2:
        return tokens, False
    joined = {}
    for x in other:
        for y in other:
            if x != y:
                joined[spelling(x + y)] = (x, y)
    out: list[str] = []
    changed = False
    for token in tokens:
        parts = joined.get(spelling(token)) if token not in other else None
        if parts:
            out.extend(parts)
            changed = True
        else:
            out.append(token)
    return tuple(out), changed


@functools.lru_cache(maxsize=200_000)
def _surname_field(query: tuple[str, ...], candidate: tuple[str, ...]) -> _Field:
    field = "last_names"
    # Kaur and Singh are often left out: ignore them unless both records have them.
    query_kept = tuple(t for t in query if t not in SEX_SURNAMES or t in candidate)
    candidate_kept = tuple(t for t in candidate if t not in SEX_SURNAMES or t in query)
    query, candidate = query_kept, candidate_kept
    if not query or not candidate:
        return _missing(field, LAST_MISSING)
    query, joined_q = _split_joined(query, candidate)
    candidate, joined_c = _split_joined(candidate, query)
    a = _align(query, candidate, given=False)
    if not a.pairs:
        return _Field(field, "different", LAST_DIFFERENT, *_LAST_NONE)
    random = 0.0
    typo = False
    for q, c, level in a.pairs:
        if level >= SPELLING:
            share = max(surname_share(q), surname_share(c))
            random += _bits(0.95, min(0.95, 2 * share))
        else:
            random += _bits(0.04, 0.004)
            typo = True
    family = 0.0
    if a.left_query and a.left_candidate:
        return _Field(
            field,
            "different",
            LAST_CONFLICT,
            random + _LAST_CONFLICT[0],
            family + _LAST_CONFLICT[1],
        )
    if a.left_query or a.left_candidate:
        return _Field(
            field, "similar", LAST_DROPPED, random + _LAST_DROPPED[0], family + _LAST_DROPPED[1]
        )
    if all(max(surname_share(q), surname_share(c)) >= 0.2 for q, c, _level in a.pairs):
        return _Field(field, "similar", LAST_COMMON, random, family)
    if typo:
        return _Field(field, "similar", LAST_TYPO, random, family)
    if joined_q or joined_c:
        note = LAST_JOINED
    elif a.reordered:
        note = LAST_SWAPPED
    else:
        note = LAST_SAME if len(a.pairs) > 1 else LAST_SAME_ONE
    return _Field(field, "same", note, random, family)


# -- birth date, sex, place ------------------------------------------------------------------------

# TRANSLATORS: compares the birth dates of two records of a child.
DATE_SAME = N_("Birth dates are the same")
DATE_SWAPPED = N_("Birth dates are the same except day and month swapped")
DATE_NEAR = N_("Birth dates are one day apart")
DATE_CLOSE = N_("Birth dates differ only in the day, the month or the year")
DATE_DIFFERENT = N_("Birth dates are different")
DATE_MISSING = N_("Birth date is missing on one record")

# (m, u unrelated, u sibling). Twins are ~2% of a child's brothers and sisters.
_DATE_SAME = (0.92, 1 / BIRTH_DAYS, 0.02)
_DATE_SWAPPED = (0.02, 1 / BIRTH_DAYS, 0.0005)
_DATE_NEAR = (0.015, 2 / BIRTH_DAYS, 0.001)
# Two of year, month and day agree: ~62 of the 8,000 days; a sibling born on the same day of
# the month in the same year, or the same day another year, is ~1.4%.
_DATE_CLOSE = (0.03, 62 / BIRTH_DAYS, 0.014)
_DATE_DIFFERENT = (0.015, 0.99, 0.95)


def _date_field(query: datetime.date | None, candidate: datetime.date | None) -> _Field:
    field = "birth_date"
    if query is None or candidate is None:
        return _missing(field, DATE_MISSING)
    if query == candidate:
        outcome, note, (m, u, uf) = "same", DATE_SAME, _DATE_SAME
    elif day_month_swapped(query) == candidate:
        outcome, note, (m, u, uf) = "similar", DATE_SWAPPED, _DATE_SWAPPED
    elif abs((query - candidate).days) == 1:
        outcome, note, (m, u, uf) = "similar", DATE_NEAR, _DATE_NEAR
    elif (
        (query.year == candidate.year)
        + (query.month == candidate.month)
        + (query.day == candidate.day)
    ) == 2:
        outcome, note, (m, u, uf) = "similar", DATE_CLOSE, _DATE_CLOSE
    else:
        outcome, note, (m, u, uf) = "different", DATE_DIFFERENT, _DATE_DIFFERENT
    return _Field(field, outcome, note, _bits(m, u), _bits(m, uf))


# TRANSLATORS: compares the sex recorded on two records of a child.
SEX_SAME = N_("Sex is the same")
SEX_DIFFERENT = N_("Sex is different")
SEX_MISSING = N_("Sex is missing on one record")


def _sex_field(query: str | None, candidate: str | None) -> _Field:
    if query is None or candidate is None:
        return _missing("sex", SEX_MISSING)
    # m: sex is mistyped on ~2% of re-entries; u: half of any other child, sibling or not.
    if query == candidate:
        return _Field("sex", "same", SEX_SAME, _bits(0.98, 0.5), _bits(0.98, 0.5))
    return _Field("sex", "different", SEX_DIFFERENT, _bits(0.02, 0.5), _bits(0.02, 0.5))


# TRANSLATORS: compares where the child was born on two records.
PLACE_CITY_SAME = N_("Birth city is the same")
PLACE_CITY_SIMILAR = N_("Birth cities are written slightly differently")
PLACE_CITY_DIFFERENT = N_("Birth cities are different")
PLACE_STATE_SAME = N_("Birth state is the same; the city is missing on one record")
PLACE_STATE_DIFFERENT = N_("Birth states are different")
PLACE_COUNTRY_SAME = N_("Birth country is the same; city and state are missing on one record")
PLACE_COUNTRY_DIFFERENT = N_("Birth countries are different")
PLACE_MISSING = N_("Birth place is missing on one record")

# (m, u unrelated, u sibling), compared at the most detailed level both records have. Migrant
# families move between births, but most siblings are born in one or two places; a farm town can
# be the birth place of 1 in 20 children of a state's program.
_CITY_SAME = (0.88, 0.05, 0.6)
_CITY_SIMILAR = (0.06, 0.01, 0.05)
_CITY_DIFFERENT = (0.06, 0.94, 0.35)
_STATE_SAME = (0.95, 0.3, 0.7)
_STATE_DIFFERENT = (0.05, 0.7, 0.3)
_COUNTRY_SAME = (0.97, 0.6, 0.8)
_COUNTRY_DIFFERENT = (0.03, 0.4, 0.2)


def _place_field(query: Prepared, candidate: Prepared) -> _Field:
    return _places_field(
        (query.city, query.state, query.country),
        (candidate.city, candidate.state, candidate.country),
    )


@functools.lru_cache(maxsize=100_000)
def _places_field(
    query_place: tuple[str, str, str], candidate_place: tuple[str, str, str]
) -> _Field:
    field = "birth_place"
    q_city, q_state, q_country = query_place
    c_city, c_state, c_country = candidate_place
    outcome: str
    if q_country and c_country and q_country != c_country:
        outcome, note, (m, u, uf) = "different", PLACE_COUNTRY_DIFFERENT, _COUNTRY_DIFFERENT
    elif q_city and c_city:
        if q_city == c_city:
            outcome, note, (m, u, uf) = "same", PLACE_CITY_SAME, _CITY_SAME
        elif (
            spelling(q_city.replace(" ", "")) == spelling(c_city.replace(" ", ""))
            or fuzz.ratio(q_city, c_city) >= 75
            or fuzz.token_set_ratio(q_city, c_city) == 100
        ):
            outcome, note, (m, u, uf) = "similar", PLACE_CITY_SIMILAR, _CITY_SIMILAR
        else:
            outcome, note, (m, u, uf) = "different", PLACE_CITY_DIFFERENT, _CITY_DIFFERENT
    elif q_state and c_state:
        if q_state == c_state:
            outcome, note, (m, u, uf) = "similar", PLACE_STATE_SAME, _STATE_SAME
        else:
            outcome, note, (m, u, uf) = "different", PLACE_STATE_DIFFERENT, _STATE_DIFFERENT
    elif q_country and c_country:
        outcome, note, (m, u, uf) = "similar", PLACE_COUNTRY_SAME, _COUNTRY_SAME
    else:
        return _missing(field, PLACE_MISSING)
    return _Field(field, outcome, note, _bits(m, u), _bits(m, uf))


# TRANSLATORS: compares the parents (or guardians) named on two records of a child.
PARENTS_SAME = N_("Both parents' names match")
PARENTS_ONE_SAME = N_("The parent's name matches")
PARENTS_ONE_MISSING = N_("One parent's name matches; the other is missing on one record")
PARENTS_SIMILAR = N_("Parents' names are similar")
PARENTS_ONE_DIFFERENT = N_("One parent's name matches, the other is different")
PARENTS_DIFFERENT = N_("Parents' names are different")
PARENTS_MISSING = N_("Parents are missing on one record")
PARENTS_OTHER_PARENT = N_("Each record names one parent, and not the same one")

# Per parent compared, (m, u sibling); u unrelated for a clear match is the share of the
# parent's given name (María is 1 in 8 mothers). Parents' surnames only confirm: they repeat
# the child's surnames, which are weighed already.
_PARENT_CLEAR = (0.90, 0.92)
# Parents' names are less varied than children's: a name missing from the list is still ~1 in 500.
_PARENT_SHARE_FLOOR = 0.002
_PARENT_FAINT = (0.05, 0.05)
_PARENT_FAINT_U = 0.01
# Another parent: for the same child a step-parent or a guardian, for a sibling the same plus
# half-siblings.
_PARENT_OTHER = (0.05, 0.09)
_PARENT_OTHER_U = 0.90


@functools.lru_cache(maxsize=200_000)
def _parent_pair(query: Person, candidate: Person) -> tuple[str, float, float]:
    """("clear" | "faint" | "other", bits unrelated, bits sibling) for two parents."""
    compared = _given_field(query.given, candidate.given)
    surnames = _align(query.surnames, candidate.surnames, given=False)
    surnames_clash = bool(query.surnames and candidate.surnames) and not surnames.pairs
    if compared.outcome == "same" or compared.note in (FIRST_NICKNAME, FIRST_SPELLING, FIRST_PART):
        kind = "faint" if surnames_clash else "clear"
    elif compared.outcome == "similar" and not surnames_clash:
        kind = "faint"
    elif sum(level >= SPELLING for _q, _c, level in surnames.pairs) >= 2:
        kind = "faint"  # both surnames agree, given names written two ways (María / de Jesús)
    else:
        kind = "other"
    if kind == "clear":
        m, uf = _PARENT_CLEAR
        shares = [given_share(t) for t in query.given if t in candidate.given] or [
            given_share(t) for t in query.given
        ]
        u = max(min(shares), _PARENT_SHARE_FLOOR)
        return kind, _bits(m, u), _bits(m, uf)
    if kind == "faint":
        m, uf = _PARENT_FAINT
        return kind, _bits(m, _PARENT_FAINT_U), _bits(m, uf)
    m, uf = _PARENT_OTHER
    return kind, _bits(m, _PARENT_OTHER_U), _bits(m, uf)


@functools.lru_cache(maxsize=200_000)
def _parents_field(query: tuple[Person, ...], candidate: tuple[Person, ...]) -> _Field:
    field = "parents"
    if not query or not candidate:
        return _missing(field, PARENTS_MISSING)
    if len(query) == 1 and len(candidate) == 1:
        # One parent each: the mother on one form and the father on the other is no conflict.
        kind, random, family = _parent_pair(query[0], candidate[0])
        if kind == "other":
            return _Field(field, "missing", PARENTS_OTHER_PARENT, 0.0, 0.0)
        note = PARENTS_ONE_SAME if kind == "clear" else PARENTS_SIMILAR
        return _Field(field, "same" if kind == "clear" else "similar", note, random, family)
    pairings = [tuple(zip(query, candidate, strict=False))]
    if len(query) == 2 and len(candidate) == 2:
        pairings.append(((query[0], candidate[1]), (query[1], candidate[0])))
    elif len(query) == 2 or len(candidate) == 2:
        pairings = [((q, c),) for q in query for c in candidate]
    best: list[tuple[str, float, float]] | None = None
    for pairing in pairings:
        results = [_parent_pair(q, c) for q, c in pairing]
        if best is None or sum(r[1] for r in results) > sum(r[1] for r in best):
            best = results
    assert best is not None  # noqa: S101 - pairings is never empty
    random = sum(r[1] for r in best)
    family = sum(r[2] for r in best)
    kinds = [r[0] for r in best]
    unpaired = max(len(query), len(candidate)) > len(kinds)
    clear, other = kinds.count("clear"), kinds.count("other")
    if clear and other:
        outcome, note = "similar", PARENTS_ONE_DIFFERENT
    elif clear == 2:
        outcome, note = "same", PARENTS_SAME
    elif clear and unpaired:
        outcome, note = "similar", PARENTS_ONE_MISSING
    elif clear:
        outcome, note = "same", PARENTS_ONE_SAME
    elif other == len(kinds):
        outcome, note = "different", PARENTS_DIFFERENT
    else:
        outcome, note = "similar", PARENTS_SIMILAR
    return _Field(field, outcome, note, random, family)


# -- names in the wrong fields --------------------------------------------------------------------

# TRANSLATORS: the names were typed into the wrong boxes of the form on one of the records.
NAMES_SWAPPED = N_("First name and surnames are in each other's fields on one record")
NAMES_MOVED = N_("Some names are in a different name field on one record")
# A slip of the pen, as likely whoever the candidate is: the reading with names moved is judged
# by the same frequencies as any other, so it costs only a bit, to prefer the plain reading on
# a tie.
_SWAPPED_BITS = -1.0
_MOVED_BITS = -1.0


def _moved(mover: Prepared, other: Prepared) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``mover``'s names with tokens moved to the field where ``other`` has them (a surname
    typed as a middle name, a second given name in the surname field)."""

    def found(token: str, tokens: tuple[str, ...], *, given: bool) -> bool:
        return any(_token_level(token, t, given=given) >= SPELLING for t in tokens)

    to_surnames = [
        t
        for t in mover.given
        if found(t, other.surnames, given=False) and not found(t, other.given, given=True)
    ]
    to_given = [
        t
        for t in mover.surnames
        if found(t, other.given, given=True) and not found(t, other.surnames, given=False)
    ]
    given = [t for t in mover.given if t not in to_surnames] + to_given
    surnames = [t for t in mover.surnames if t not in to_given] + to_surnames
    return tuple(given), tuple(surnames)


def _given_likeness(token: str) -> int:
    """+1 for a known given name that is no surname, -1 for a known surname that is no name."""
    is_given = token in known_given_names()
    is_surname = token in known_surnames()
    return int(is_given and not is_surname) - int(is_surname and not is_given)


def _labels_fit(given: tuple[str, ...], surnames: tuple[str, ...]) -> int:
    return sum(map(_given_likeness, given)) - sum(map(_given_likeness, surnames))


def _name_fields(query: Prepared, candidate: Prepared) -> list[_Field]:
    """Given names and surnames compared as typed, or as they were meant when a record has them
    in the wrong fields, whichever explains the two records better as one child."""
    plain = [
        _given_field(query.given, candidate.given),
        _surname_field(query.surnames, candidate.surnames),
    ]
    if plain[0].outcome == "same" and plain[1].outcome == "same":
        return plain
    best, best_bits = plain, sum(f.random for f in plain)
    crossed = not (
        query.given_codes.isdisjoint(candidate.surname_codes)
        and query.surname_codes.isdisjoint(candidate.given_codes)
    )
    if not crossed:
        return plain  # no name sounds like one in the other record's other field
    if query.given and query.surnames and candidate.given and candidate.surnames:
        # Exchanged fields: the record whose names read better the other way round is the one
        # with the slip (a surname that is no given name in the first-name field, and so on).
        # Which one it is decides which tokens are surnames, and surnames say nothing against a
        # sibling. On a tie, take the reading that claims less.
        slip = _Field("name_fields", "similar", NAMES_SWAPPED, _SWAPPED_BITS, _SWAPPED_BITS)
        query_slipped = [
            _given_field(query.surnames, candidate.given),
            _surname_field(query.given, candidate.surnames),
            slip,
        ]
        candidate_slipped = [
            _given_field(query.given, candidate.surnames),
            _surname_field(query.surnames, candidate.given),
            slip,
        ]
        fit = _labels_fit(query.surnames, query.given) - _labels_fit(
            candidate.surnames, candidate.given
        )
        if fit > 0:
            swapped = query_slipped
        elif fit < 0:
            swapped = candidate_slipped
        else:
            swapped = min(
                query_slipped,
                candidate_slipped,
                key=lambda fields: (sum(f.random for f in fields), sum(f.family for f in fields)),
            )
        if sum(f.random for f in swapped) > best_bits:
            best, best_bits = swapped, sum(f.random for f in swapped)
    # A few names moved between fields, on either record: both fields keep something (else it
    # is the exchange above).
    slip = _Field("name_fields", "similar", NAMES_MOVED, _MOVED_BITS, _MOVED_BITS)
    for mover, other in ((query, candidate), (candidate, query)):
        given, surnames = _moved(mover, other)
        if (given, surnames) == (mover.given, mover.surnames) or not (given and surnames):
            continue
        if mover is query:
            moved = [_given_field(given, other.given), _surname_field(surnames, other.surnames)]
        else:
            moved = [_given_field(other.given, given), _surname_field(other.surnames, surnames)]
        moved.append(slip)
        if sum(f.random for f in moved) > best_bits:
            best, best_bits = moved, sum(f.random for f in moved)
    return best


# -- the whole comparison -----------------------------------------------------------------------

# TRANSLATORS: the two records look like two children of one family rather than one child.
FAMILY_NOTE = N_(
    "Same family: surnames and parents match, but first name, birth date or sex point to a "
    "brother, sister or twin"
)


def band_of(score: int) -> str:
    """The band of a score: "likely", "possible" or "unlikely"."""
    if score >= LIKELY_AT:
        return "likely"
    if score >= POSSIBLE_AT:
        return "possible"
    return "unlikely"


def _score(log2_odds: float) -> int:
    if log2_odds > 60:
        return 100
    if log2_odds < -60:
        return 0
    return round(100 / (1 + 2.0 ** (-log2_odds)))


def _weight(field: _Field, family_decides: bool) -> float:
    return round(field.family if family_decides else field.random, 2)


@dataclass(frozen=True)
class Assessment:
    """A comparison weighed but not yet explained: cheap to sort many, explain the best."""

    score: int
    log2_odds: float
    fields: tuple[_Field, ...]
    random_bits: float
    family_bits: float

    @property
    def band(self) -> str:
        return band_of(self.score)

    def match(self) -> Match:
        """The explained match: per-field weights against the alternative that decided."""
        family_decides = self.family_bits > self.random_bits
        comparisons = [
            FieldComparison(f.field, f.outcome, _weight(f, family_decides), f.note)
            for f in self.fields
        ]
        if (
            family_decides
            and self.band != "likely"
            and band_of(_score(-self.random_bits)) == "likely"
        ):
            comparisons.append(FieldComparison("family", "same", 0.0, FAMILY_NOTE))
        return Match(score=self.score, band=self.band, comparisons=tuple(comparisons))


def assess(query: Identity, candidate: Identity) -> Assessment:
    """Weigh every field of two identities and the posterior log2 odds of one child."""
    q, c = prepare(query), prepare(candidate)
    names = _name_fields(q, c)
    born = _date_field(q.birth_date, c.birth_date)
    if born.outcome == "same" and names[0].note == FIRST_WEAK:
        # The sibling who shares the birth date is a twin: judge the name against twins.
        names[0] = replace(names[0], family=_bits(_GIVEN_WEAK[0], _TWINS_WEAK_U_FAMILY))
    fields = (
        *names,
        born,
        _sex_field(q.sex, c.sex),
        _place_field(q, c),
        _parents_field(q.parents, c.parents),
    )
    random_bits = RANDOM_PRIOR_BITS - sum(f.random for f in fields)
    family_bits = FAMILY_PRIOR_BITS - sum(f.family for f in fields)
    # -log2(2**random_bits + 2**family_bits), computed without overflow.
    high, low = max(random_bits, family_bits), min(random_bits, family_bits)
    log2_odds = -(high + math.log2(1 + 2.0 ** (low - high)))
    return Assessment(_score(log2_odds), log2_odds, fields, random_bits, family_bits)


def evaluate(query: Identity, candidate: Identity) -> tuple[Match, float]:
    """Compare two identities; return the match and its posterior log2 odds (for ranking)."""
    assessment = assess(query, candidate)
    return assessment.match(), assessment.log2_odds


def compare(query: Identity, candidate: Identity) -> Match:
    """Score ``candidate`` as the same child as ``query``: 0-100, a band and the reasons."""
    return evaluate(query, candidate)[0]
