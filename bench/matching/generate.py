"""Seeded synthetic data for the duplicate check: a store of children and queries against it.

Families are built the way the program meets them: Mexican families (a father's first surname and
a mother's first surname for the children, compound given names, parents' generation names),
Oaxacan and Guerrero families (Mixtec, Triqui, Zapotec: Spanish surnames, Nahuatl and Zapotec
given names), Hmong families (clan surname, short given names), Punjabi Sikh families (Kaur and
Singh, unisex given names) and Filipino families (mother's maiden name as the middle name).
Families belong to clans (brothers' and sisters' families), so cousins share a surname and
sometimes a first name. Children are born 1-4 years apart, with twins, in the places the family
lived. A share of each family is left out of the store: those children come back as "new" queries
(twins, siblings, cousins of stored children) to measure false merges. The other queries are
re-entries of stored children, written again with the slips recruiters and families make.

    python bench/matching/generate.py --store 20000 --queries 4000 --seed 7 --out /tmp/m20k

writes STORE.csv, QUERIES.csv, TRUTH.csv (query, store_id or empty, kind, person, family, twin)
and FAMILIES.csv (store id -> person, family, clan, twin), the last two for evaluation only.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import random
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import names as n  # noqa: E402 - the generator's own lists, next to this file

COLUMNS = (
    "first_name",
    "middle_name",
    "last_name_1",
    "last_name_2",
    "sex",
    "birth_date",
    "birth_city",
    "birth_state",
    "birth_country",
    "parent1_first",
    "parent1_last",
    "parent2_first",
    "parent2_last",
)
FIRST_YEAR, LAST_YEAR = 2003, 2024
COMMUNITIES = (("mexican", 0.78), ("oaxacan", 0.08), ("hmong", 0.05), ("punjabi", 0.05))
COMMUNITIES += (("filipino", 0.04),)
# First parts that brothers or sisters may share: José Luis and José Antonio, Mai Nou and Mai Yer.
SHARED_FIRST_PARTS = {"María", "José", "Juan", "Ana", "Luz", "Mai", "Pa"}


def sounds(name: str) -> str:
    """A rough sound of a name, so that a family never has a Brian and a Bryan."""
    bare = "".join(
        c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c)
    )
    for old, new in (("chr", "cr"), ("y", "i"), ("h", ""), ("k", "c"), ("x", "j"), ("z", "s")):
        bare = bare.replace(old, new)
    return "".join(c for i, c in enumerate(bare) if i == 0 or c != bare[i - 1])


@dataclass
class Adult:
    given: list[str]
    surnames: list[str]
    sex: str


@dataclass
class Place:
    city: str
    state: str
    country: str


@dataclass
class Kid:
    person: str
    family: str
    clan: str
    community: str
    given: list[str]
    surnames: list[str]
    sex: str
    birth_date: datetime.date
    place: Place
    mother: Adult
    father: Adult
    twin: str = ""
    stored: bool = True


@dataclass
class Clan:
    key: str
    community: str
    surnames: list[str]  # grandparents' surnames (Mexican) or clan name
    given_pool: list[tuple[str, list[str]]] = field(default_factory=list)  # (sex, names) of cousins


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
        self.next_id = 0

    # -- drawing ----------------------------------------------------------------------------

    def pick(self, table: list[tuple[str, float]]) -> str:
        names, weights = zip(*table, strict=True)
        return self.rng.choices(names, weights)[0]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def new_id(self, prefix: str) -> str:
        self.next_id += 1
        return f"{prefix}{self.next_id:07d}"

    # -- people -------------------------------------------------------------------------------

    def surname(self, community: str) -> str:
        table = {
            "mexican": n.HISPANIC_SURNAMES,
            "oaxacan": n.OAXACAN_SURNAMES,
            "hmong": n.HMONG_CLANS,
            "punjabi": n.PUNJABI_FAMILY,
            "filipino": n.FILIPINO_SURNAMES,
        }[community]
        return self.pick(table)

    def adult(self, community: str, sex: str, surnames: list[str]) -> Adult:
        if community in ("mexican", "oaxacan"):
            if sex == "M":
                given = [self.pick(n.FATHERS)]
                if self.chance(0.25):
                    given.append(self.pick(n.FATHER_COMPOUNDS))
            else:
                given = [self.pick(n.MOTHERS)]
                if given[0] == "María" or self.chance(0.2):
                    given.append(self.pick(n.MOTHER_COMPOUNDS))
        elif community == "hmong":
            given = [self.pick(n.HMONG_ADULT_MEN if sex == "M" else n.HMONG_ADULT_WOMEN)]
        elif community == "punjabi":
            given = [self.pick(n.PUNJABI_ADULTS)]
        else:
            given = [self.pick(n.FILIPINO_ADULT_MEN if sex == "M" else n.FILIPINO_ADULT_WOMEN)]
        return Adult(given, surnames, sex)

    def child_given(self, community: str, sex: str, taken: set[str]) -> list[str]:
        """Names for a child that share no name with a sibling (Brian and Bryan are one name)
        but a common first part."""
        for _attempt in range(50):
            given = self._child_given(community, sex)
            if not self.clashes(given, taken):
                return given
        return given

    def clashes(self, given: list[str], taken: set[str]) -> bool:
        own = {sounds(name) for name in given if name not in SHARED_FIRST_PARTS}
        return bool(own & taken) or sounds(" ".join(given)) in taken

    def _child_given(self, community: str, sex: str) -> list[str]:
        if community == "mexican" or (community == "oaxacan" and self.chance(0.6)):
            table = n.HISPANIC_BOYS if sex == "M" else n.HISPANIC_GIRLS
            first = self.pick(table)
            if first in ("María", "José", "Juan", "Ana", "Luz") and self.chance(0.7):
                second = self.pick(table)
                return [first, second] if second != first else [first]
            if self.chance(0.22):
                lead = self.pick(n.COMPOUND_BOYS_FIRST if sex == "M" else n.COMPOUND_GIRLS_FIRST)
                if lead != first:
                    return [lead, first]
            if self.chance(0.06):
                second = self.pick(table)
                if second != first:
                    return [first, second]
            return [first]
        if community == "oaxacan":
            first = self.pick(n.INDIGENOUS_BOYS if sex == "M" else n.INDIGENOUS_GIRLS)
            if self.chance(0.2):
                return ["María" if sex == "F" else "José", first]
            return [first]
        if community == "hmong":
            if self.chance(0.2):
                return [self.pick(n.HMONG_ENGLISH_BOYS if sex == "M" else n.HMONG_ENGLISH_GIRLS)]
            if sex == "F":
                first = self.pick(n.HMONG_GIRLS)
                if first == "Mai" or self.chance(0.3):
                    return [first, self.pick(n.HMONG_GIRL_SECONDS)]
                return [first]
            return [self.pick(n.HMONG_BOYS)]
        if community == "punjabi":
            return [self.pick(n.PUNJABI_GIVEN)]
        first = self.pick(n.FILIPINO_BOYS if sex == "M" else n.FILIPINO_GIRLS)
        return first.split()

    def place_of(self, community: str, born_abroad: bool) -> Place:
        if born_abroad:
            if community in ("mexican", "oaxacan"):
                state = "Oaxaca" if community == "oaxacan" and self.chance(0.7) else None
                state = state or self.rng.choice(list(n.MEXICAN_PLACES))
                return Place(self.rng.choice(n.MEXICAN_PLACES[state]), state, "Mexico")
            if community == "punjabi":
                return Place(self.rng.choice(n.PUNJAB_PLACES), "Punjab", "India")
            if community == "filipino":
                return Place(self.rng.choice(n.PHILIPPINE_PLACES), "", "Philippines")
            return Place(self.rng.choice(n.THAI_PLACES), "", "Thailand")
        if community == "hmong":
            state = self.rng.choice(["CA", "CA", "MN", "WA"])
        elif community == "punjabi":
            state = "CA"
        else:
            state = self.rng.choices(list(n.US_PLACES), [10, 3, 2, 3, 3, 2, 0.2, 1, 1])[0]
        return Place(self.rng.choice(n.US_PLACES[state]), state, "USA")

    # -- families ---------------------------------------------------------------------------

    def clan(self) -> Clan:
        names_, weights = zip(*COMMUNITIES, strict=True)
        community = self.rng.choices(names_, weights)[0]
        surnames = [self.surname(community), self.surname(community)]
        return Clan(self.new_id("K"), community, surnames)

    def family(self, clan: Clan, kids: list[Kid]) -> None:
        """Add one family of the clan: a son's or a daughter's, with 1-6 children."""
        community = clan.community
        family = self.new_id("F")
        if community in ("mexican", "oaxacan"):
            son = self.chance(0.5)
            father_s = [clan.surnames[0], clan.surnames[1]] if son else None
            mother_s = None if son else [clan.surnames[0], clan.surnames[1]]
            father_s = father_s or [self.surname(community), self.surname(community)]
            mother_s = mother_s or [self.surname(community), self.surname(community)]
            father = self.adult(community, "M", father_s)
            mother = self.adult(community, "F", mother_s)
            surnames = [father_s[0], mother_s[0]]
        elif community == "hmong":
            father = self.adult(community, "M", [clan.surnames[0]])
            other = self.surname(community)
            mother = self.adult(community, "F", [other])
            surnames = [clan.surnames[0]]
        elif community == "punjabi":
            family_name = clan.surnames[0]
            father = self.adult(community, "M", ["Singh", family_name])
            mother = self.adult(community, "F", ["Kaur", self.surname(community)])
            surnames = [family_name]
        else:
            father = self.adult(community, "M", [clan.surnames[0]])
            mother = self.adult(community, "F", [self.surname(community)])
            surnames = [clan.surnames[0], mother.surnames[0]]  # second = middle name
        count = self.rng.choices([1, 2, 3, 4, 5, 6], [20, 30, 25, 13, 8, 4])[0]
        span = max(0, (count - 1) * 2)
        start = self.rng.randint(FIRST_YEAR - 3, max(FIRST_YEAR, LAST_YEAR - span))
        day = datetime.date(start, 1, 1) + datetime.timedelta(days=self.rng.randint(0, 364))
        abroad = self.chance(0.35 if community in ("mexican", "oaxacan") else 0.2)
        place = self.place_of(community, abroad)
        taken: set[str] = set()
        new_names: list[tuple[str, list[str]]] = []
        born = 0
        while born < count:
            if not (datetime.date(FIRST_YEAR, 1, 1) <= day <= datetime.date(LAST_YEAR, 12, 31)):
                break
            twins = 2 if self.chance(0.02) else 1
            same_sex = self.chance(0.6)
            first_sex = self.rng.choice("FM")
            twin_ids: list[str] = []
            for index in range(twins):
                sex = first_sex if index == 0 or same_sex else ("M" if first_sex == "F" else "F")
                # Now and then named like a cousin (after a grandparent), never like a sibling.
                pool = [
                    names
                    for pool_sex, names in clan.given_pool
                    if pool_sex == sex and not self.clashes(names, taken)
                ]
                if pool and self.chance(0.08):
                    given = list(self.rng.choice(pool))
                else:
                    given = self.child_given(community, sex, taken)
                taken.update(sounds(name) for name in given)
                taken.add(sounds(" ".join(given)))
                new_names.append((sex, given))
                kid = Kid(
                    person=self.new_id("P"),
                    family=family,
                    clan=clan.key,
                    community=community,
                    given=given,
                    surnames=list(surnames),
                    sex=sex,
                    birth_date=day,
                    place=place,
                    mother=mother,
                    father=father,
                )
                twin_ids.append(kid.person)
                kids.append(kid)
            if twins == 2:
                kids[-1].twin, kids[-2].twin = twin_ids[0], twin_ids[1]
            born += twins
            day += datetime.timedelta(days=self.rng.randint(300, 1500))
            if self.chance(0.3):
                place = self.place_of(community, False)
        clan.given_pool.extend(new_names)

    # -- writing records ----------------------------------------------------------------------

    def strip_accents(self, text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    def typo(self, text: str) -> str:
        if len(text) < 3:
            return text
        i = self.rng.randint(1, len(text) - 1)
        op = self.rng.choice(["sub", "del", "ins", "swap"])
        letters = "aeioulnrstcmdbgvyzh"
        if op == "sub":
            return text[:i] + self.rng.choice(letters) + text[i + 1 :]
        if op == "del":
            return text[:i] + text[i + 1 :]
        if op == "ins":
            return text[:i] + self.rng.choice(letters) + text[i:]
        if i >= len(text) - 1:
            return text
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]

    def case(self, text: str, style: str) -> str:
        if style == "upper":
            return text.upper()
        if style == "lower":
            return text.lower()
        return text

    def record(self, kid: Kid, *, noisy: bool) -> dict[str, str]:
        """The child as a form would have it; ``noisy`` adds the slips of a re-entry."""
        rng = self.rng
        p = (lambda x: x) if noisy else (lambda x: x / 3)  # the store is cleaner
        given = list(kid.given)
        surnames = list(kid.surnames)
        middle = ""
        # Given names: compound shortened, nickname, typo.
        if len(given) > 1 and self.chance(p(0.45)):
            roll = rng.random()
            if roll < 0.7:
                given = given[1:]
            elif roll < 0.9:
                given = given[:1]
            elif given[0] == "María":
                given = ["Ma.", *given[1:]]
        main = len(given) - 1 if len(given) > 1 and given[0] in ("María", "José") else 0
        if self.chance(p(0.12)):
            options = n.NICKNAMES.get(given[main])
            if options:
                given[main] = rng.choice(options)
            elif self.chance(0.1):
                given, main = [rng.choice(n.UNKNOWN_NICKNAMES)], 0
        if self.chance(p(0.05)):
            given[main] = self.typo(given[main])
        # Surnames.
        if kid.community == "punjabi":
            sex_name = "Kaur" if kid.sex == "F" else "Singh"
            roll = rng.random()
            if roll < 0.35:
                surnames = [sex_name, kid.surnames[0]]
            elif roll < 0.6:
                surnames = [kid.surnames[0]]
                middle = sex_name
            elif roll < 0.85:
                surnames = [sex_name]
            else:
                surnames = [kid.surnames[0]]
        if kid.community == "filipino" and len(surnames) == 2:
            if self.chance(0.6):
                middle, surnames = surnames[1], surnames[:1]
            elif self.chance(0.5):
                surnames = surnames[:1]
        if len(surnames) == 2 and self.chance(p(0.15)):
            surnames = [surnames[0]] if self.chance(0.75) else [surnames[1]]
        if len(surnames) == 2 and self.chance(p(0.1)):
            surnames.reverse()
        surnames = [self._particle_variant(s) if self.chance(p(0.3)) else s for s in surnames]
        if surnames and self.chance(p(0.05)):
            j = rng.randrange(len(surnames))
            surnames[j] = self.typo(surnames[j])
        last1, last2 = surnames[0] if surnames else "", " ".join(surnames[1:])
        if last2 and self.chance(p(0.12)):
            roll = rng.random()
            if roll < 0.6:
                last1, last2 = f"{last1} {last2}", ""
            elif roll < 0.85:
                last1, last2 = f"{last1}-{last2}", ""
            else:
                last1, last2 = (last1 + last2).replace(" ", ""), ""
        first = " ".join(given)
        if len(given) > 1 and self.chance(0.5):
            first, middle = given[0], " ".join(given[1:]) + (" " + middle if middle else "")
        # Names in the wrong field.
        if self.chance(p(0.025)):
            first, last1, last2, middle = " ".join(x for x in (last1, last2) if x), first, "", ""
        elif middle == "" and last2 and self.chance(p(0.02)):
            middle, last2 = last2, ""
        # Birth date.
        born = kid.birth_date
        roll = rng.random()
        if noisy and roll < 0.05 and born.day <= 12 and born.day != born.month:
            born = born.replace(month=born.day, day=born.month)
        elif noisy and roll < 0.075:
            born += datetime.timedelta(days=rng.choice([-1, 1]))
        elif roll < (0.095 if noisy else 0.01):
            born = self._date_typo(born)
        # Birth place.
        place = kid.place
        city, state, country = place.city, place.state, place.country
        if self.chance(p(0.2)):
            city = ""
        if self.chance(p(0.15)):
            city = state = country = ""
        if state and self.chance(p(0.3)):
            state = self._state_variant(state)
        if country and self.chance(p(0.3)):
            country = rng.choice(
                {
                    "Mexico": ["México", "MX", "MEX"],
                    "USA": ["US", "United States", "EEUU", "Estados Unidos"],
                }.get(country, [country])
            )
        if city.startswith("Ciudad ") and self.chance(0.5):
            city = "Cd. " + city[7:]
        if city and self.chance(p(0.03)):
            city = self.typo(city)
        # Parents.
        parents = [kid.mother, kid.father] if self.chance(0.6) else [kid.father, kid.mother]
        roll = rng.random()
        if roll < p(0.2):
            parents = []
        elif roll < p(0.4):
            parents = parents[:1]
        parent_fields: list[str] = []
        for adult in parents:
            pgiven = list(adult.given)
            if len(pgiven) > 1 and self.chance(0.4):
                pgiven = pgiven[:1] if self.chance(0.6) else pgiven[1:]
            if self.chance(p(0.08)):
                options = n.NICKNAMES.get(pgiven[0])
                if options:
                    pgiven[0] = rng.choice(options)
            if self.chance(p(0.03)):
                pgiven[0] = self.typo(pgiven[0])
            psurnames = adult.surnames if self.chance(0.6) else adult.surnames[:1]
            if adult.sex == "F" and kid.community == "mexican" and self.chance(0.1):
                psurnames = [kid.father.surnames[0]]  # a mother under her husband's name
            parent_fields += [" ".join(pgiven), " ".join(psurnames)]
        parent_fields += [""] * (4 - len(parent_fields))
        sex = kid.sex
        if self.chance(p(0.05)):
            sex = ""
        elif noisy and self.chance(0.005):
            sex = "M" if sex == "F" else "F"
        values = [
            first,
            middle,
            last1,
            last2,
            sex,
            born.isoformat(),
            city,
            state,
            country,
            *parent_fields,
        ]
        accents = not self.chance(0.6 if noisy else 0.3)
        style = rng.choices(["title", "upper", "lower"], [70, 25, 5])[0]
        out = {}
        for column, value in zip(COLUMNS, values, strict=True):
            if column not in ("sex", "birth_date"):
                value = value if accents else self.strip_accents(value)
                value = self.case(value, style)
            out[column] = value
        return out

    def _particle_variant(self, surname: str) -> str:
        lower = surname.lower()
        for prefix in ("de la ", "de los ", "del ", "de ", "dela ", "delos "):
            if lower.startswith(prefix):
                rest = surname[len(prefix) :]
                roll = self.rng.random()
                if roll < 0.4:
                    return rest
                if roll < 0.7:
                    return surname.replace(" ", "")
                return surname.lower().title()
        return surname

    def _state_variant(self, state: str) -> str:
        if state in n.MEXICAN_STATE_ABBREVIATIONS:
            return self.rng.choice(n.MEXICAN_STATE_ABBREVIATIONS[state])
        if state in n.US_STATE_NAMES:
            return n.US_STATE_NAMES[state]
        return state

    def _date_typo(self, day: datetime.date) -> datetime.date:
        for _attempt in range(10):
            part = self.rng.choice(["day", "month", "year"])
            try:
                if part == "day":
                    return day.replace(day=self.rng.randint(1, 28))
                if part == "month":
                    return day.replace(month=self.rng.randint(1, 12))
                return day.replace(year=day.year + self.rng.choice([-1, 1, -10, 10]))
            except ValueError:
                continue
        return day


def build(store_size: int, query_count: int, seed: int) -> tuple[list, list, list, list]:
    g = Generator(seed)
    kids: list[Kid] = []
    stored_count = 0
    while stored_count < store_size:
        clan = g.clan()
        for _family in range(g.rng.choices([1, 2, 3, 4], [45, 30, 15, 10])[0]):
            before = len(kids)
            g.family(clan, kids)
            for kid in kids[before:]:
                kid.stored = not g.chance(0.12)
            twins = [k for k in kids[before:] if k.twin]
            if twins and g.chance(0.5):
                twins[0].stored, twins[1].stored = True, False
            stored_count += sum(1 for k in kids[before:] if k.stored)
    by_person = {k.person: k for k in kids}
    stored = [k for k in kids if k.stored][:store_size]
    stored_ids = {k.person for k in stored}
    for kid in kids:
        kid.stored = kid.person in stored_ids
    family_stored: dict[str, list[Kid]] = {}
    clan_stored: dict[str, list[Kid]] = {}
    for kid in stored:
        family_stored.setdefault(kid.family, []).append(kid)
        clan_stored.setdefault(kid.clan, []).append(kid)
    held = [k for k in kids if not k.stored]
    twins_new = [k for k in held if k.twin and by_person[k.twin].stored]
    siblings_new = [k for k in held if not k.twin and k.family in family_stored]
    cousins_new = [
        k for k in held if k.family not in family_stored and k.clan in clan_stored and not k.twin
    ]
    unrelated: list[Kid] = []
    while len(unrelated) < query_count:
        clan = g.clan()
        before = len(kids)
        g.family(clan, kids)
        for kid in kids[before:]:
            kid.stored = False
            unrelated.append(kid)

    store_rows = []
    for kid in stored:
        store_rows.append({"id": kid.person, **g.record(kid, noisy=False)})
    families = [(k.person, k.person, k.family, k.clan, k.twin) for k in stored]

    queries, truth = [], []
    reentries = query_count * 55 // 100
    news = query_count - reentries
    plan = [("reentry", g.rng.choice(stored)) for _ in range(reentries)]
    pools = (
        ("twin", twins_new, 0.25),
        ("sibling", siblings_new, 0.35),
        ("cousin", cousins_new, 0.2),
        ("unrelated", unrelated, 0.2),
    )
    for kind, pool, share in pools:
        wanted = round(news * share)
        if pool:
            plan += [(kind, g.rng.choice(pool)) for _ in range(wanted)]
    while len(plan) < query_count:
        plan.append(("unrelated", g.rng.choice(unrelated)))
    g.rng.shuffle(plan)
    for index, (kind, kid) in enumerate(plan[:query_count]):
        queries.append(g.record(kid, noisy=True))
        truth.append(
            {
                "query": index,
                "store_id": kid.person if kid.stored else "",
                "kind": kind,
                "person": kid.person,
                "family": kid.family,
                "twin": kid.twin,
            }
        )
    return store_rows, queries, truth, families


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=4_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("bench/matching/data"))
    args = parser.parse_args(argv)
    store, queries, truth, families = build(args.store, args.queries, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "STORE.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["id", *COLUMNS])
        writer.writeheader()
        writer.writerows(store)
    with (args.out / "QUERIES.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(COLUMNS))
        writer.writeheader()
        writer.writerows(queries)
    with (args.out / "TRUTH.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["query", "store_id", "kind", "person", "family", "twin"])
        writer.writeheader()
        writer.writerows(truth)
    with (args.out / "FAMILIES.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "person", "family", "clan", "twin"])
        writer.writerows(families)
    print(f"{len(store)} stored children, {len(queries)} queries -> {args.out}")


if __name__ == "__main__":
    main()
