"""Check the scorer's m and u figures against outcome rates measured on labelled pairs.

    python bench/matching/estimate_weights.py --data /tmp/m20k

For every field outcome (by its note) counts how often it occurs among
  true pairs      a query and the stored record of the same child      -> m
  random pairs    a query and a stored child drawn at random            -> u (unrelated)
  sibling pairs   a query and a stored brother, sister or twin          -> u (family)
and prints the measured log2(m/u) next to the mean weight the scorer gives that outcome. The
scorer's figures are set from principles (see score.py); this is the check that they are in
the right range on data the scorer was not fitted to, not a fit: a generator's slips are a
guess at reality too.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate_memory import identity, read  # noqa: E402

from campo.matching import score  # noqa: E402
from campo.matching.normalize import prepare  # noqa: E402


def fields(query, candidate) -> list:
    q, c = prepare(query), prepare(candidate)
    names = score._name_fields(q, c)
    return [
        names[0],
        names[1],
        score._date_field(q.birth_date, c.birth_date),
        score._sex_field(q.sex, c.sex),
        score._place_field(q, c),
        score._parents_field(q.parents, c.parents),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("bench/matching/data"))
    parser.add_argument("--random-pairs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)  # noqa: S311 - sampling pairs, not security
    store = {row["id"]: identity(row) for row in read(args.data / "STORE.csv")}
    queries = [identity(row) for row in read(args.data / "QUERIES.csv")]
    truth = read(args.data / "TRUTH.csv")
    members: dict[str, list[str]] = defaultdict(list)
    for row in read(args.data / "FAMILIES.csv"):
        members[row["family"]].append(row["id"])
    ids = list(store)

    kinds: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    coded: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)

    def count(kind: str, query, candidate) -> None:
        totals[kind] += 1
        for field in fields(query, candidate):
            key = (field.field, field.note)
            kinds[kind][key] += 1
            coded[key].append((field.random, field.family))

    for row, query in zip(truth, queries, strict=True):
        if row["store_id"]:
            count("true", query, store[row["store_id"]])
        for sibling in members.get(row["family"], ()):
            if sibling not in (row["store_id"], row["person"]):
                count("sibling", query, store[sibling])
    for _pair in range(args.random_pairs):
        count("random", rng.choice(queries), store[rng.choice(ids)])

    print(f"pairs: {totals['true']} true, {totals['random']} random, {totals['sibling']} sibling")
    print(
        f"{'field':12s} {'outcome':62s} {'m':>6s} {'u':>7s} {'u_fam':>6s} "
        f"{'est':>6s} {'coded':>6s} {'est_f':>6s} {'cod_f':>6s}"
    )

    def rate(kind: str, key: tuple[str, str]) -> float:
        return kinds[kind][key] / max(1, totals[kind])

    def bits(m: float, u: float) -> str:
        return f"{math.log2(m / u):6.1f}" if m and u else "     -"

    for key in sorted(coded, key=lambda k: (k[0], -kinds["true"][k])):
        m, u, uf = rate("true", key), rate("random", key), rate("sibling", key)
        mean_random = sum(r for r, _f in coded[key]) / len(coded[key])
        mean_family = sum(f for _r, f in coded[key]) / len(coded[key])
        print(
            f"{key[0]:12s} {key[1][:62]:62s} {m:6.3f} {u:7.4f} {uf:6.3f} "
            f"{bits(m, u)} {mean_random:6.1f} {bits(m, uf)} {mean_family:6.1f}"
        )


if __name__ == "__main__":
    main()
