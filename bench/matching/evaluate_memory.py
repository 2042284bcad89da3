"""Evaluate the duplicate check in memory: blocking keys as a dict index, then rank.

    python bench/matching/evaluate_memory.py --data /tmp/m20k
    python bench/matching/evaluate_memory.py --selectivity 200000

Reads STORE.csv, QUERIES.csv and TRUTH.csv (query index -> store id, empty for a new child; the
extra columns kind, person, family and twin and FAMILIES.csv are optional and only break the
numbers down). For each query: query_keys, look the keys up, keep the 300 candidates sharing most
keys (as the database does), rank them. A "match" decision is a top candidate in band "likely".

Reports top-1 precision, recall and F1, recall@5 (the true child among the top five of any band),
the false-merge rate on siblings and twins (a "likely" top candidate that is a brother, sister or
twin of the child checked, over the checks of children with one in the store), candidates per
query and milliseconds per query. ``--selectivity N`` builds a synthetic store of N children and
reports keys per child and children per key (``--store-keys``: of the store in --data).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import math
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "backend"), str(Path(__file__).resolve().parent)]

from campo.matching import score  # noqa: E402
from campo.matching.identity import Identity  # noqa: E402
from campo.matching.keys import blocking_keys, query_keys  # noqa: E402
from campo.matching.normalize import prepare  # noqa: E402
from campo.matching.rank import rank  # noqa: E402
from campo.matching.score import compare  # noqa: E402

MAX_CANDIDATES = 300  # as campo.matching.services hands the scorer


def identity(row: dict[str, str]) -> Identity:
    def text(column: str) -> str | None:
        return (row.get(column) or "").strip() or None

    born = text("birth_date")
    try:
        birth_date = datetime.date.fromisoformat(born) if born else None
    except ValueError:
        birth_date = None
    sex = (text("sex") or "").upper()[:1] or None
    return Identity(
        first_name=text("first_name"),
        middle_name=text("middle_name"),
        last_name_1=text("last_name_1"),
        last_name_2=text("last_name_2"),
        sex=sex if sex in ("F", "M") else None,
        birth_date=birth_date,
        birth_city=text("birth_city"),
        birth_state=text("birth_state"),
        birth_country=text("birth_country"),
        parent1_first=text("parent1_first"),
        parent1_last=text("parent1_last"),
        parent2_first=text("parent2_first"),
        parent2_last=text("parent2_last"),
    )


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def build_index(store: dict[str, Identity]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for child_id, child in store.items():
        for key in blocking_keys(child):
            index[key].append(child_id)
    return index


def candidates(index: dict[str, list[str]], keys: frozenset[str]) -> tuple[list[str], int]:
    shared: Counter[str] = Counter()
    for key in keys:
        for child_id in index.get(key, ()):
            shared[child_id] += 1
    ordered = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
    return [child_id for child_id, _count in ordered[:MAX_CANDIDATES]], len(shared)


def evaluate(data: Path, *, cold: bool, show: int) -> None:
    store = {row["id"]: identity(row) for row in read(data / "STORE.csv")}
    queries = [identity(row) for row in read(data / "QUERIES.csv")]
    truth = {int(row["query"]): row for row in read(data / "TRUTH.csv")}
    family_of: dict[str, str] = {}
    twin_of: dict[str, str] = {}
    if (data / "FAMILIES.csv").exists():
        for row in read(data / "FAMILIES.csv"):
            family_of[row["id"]] = row["family"]
            if row.get("twin"):
                twin_of[row["id"]] = row["twin"]
    family_members: dict[str, set[str]] = defaultdict(set)
    for child_id, family in family_of.items():
        family_members[family].add(child_id)

    started = time.perf_counter()
    index = build_index(store)
    print(
        f"index: {len(store)} children, {sum(map(len, index.values()))} keys rows, "
        f"{len(index)} distinct keys, built in {time.perf_counter() - started:.1f}s"
    )

    tp = fp = positives = at5 = 0
    timings: list[float] = []
    found: list[int] = []
    truth_rank: list[int] = []
    sib_checks = sib_merges = twin_checks = twin_merges = 0
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[tuple[int, str]] = []
    for number, query in enumerate(queries):
        row = truth.get(number, {})
        true_id = row.get("store_id") or ""
        kind = row.get("kind") or ("reentry" if true_id else "new")
        person = row.get("person") or true_id
        family = row.get("family") or family_of.get(true_id, "")
        twin = row.get("twin") or ""
        if cold:
            prepare.cache_clear()
        began = time.perf_counter()
        keys = query_keys(query)
        ids, total = candidates(index, keys)
        if true_id in ids:
            truth_rank.append(ids.index(true_id) + 1)
        ranked = rank(query, [(i, store[i]) for i in ids], limit=5, minimum_band="unlikely")
        timings.append((time.perf_counter() - began) * 1000)
        found.append(total)
        top = ranked[0] if ranked else None
        decision = top[0] if top and top[1].band == "likely" else None
        counts = by_kind[kind]
        counts["queries"] += 1
        if true_id:
            positives += 1
            at5 += any(child_id == true_id for child_id, _m in ranked)
            counts["in_top5"] += true_id in {child_id for child_id, _m in ranked}
        if decision is not None:
            counts["decided"] += 1
            if decision == true_id:
                tp += 1
                counts["right"] += 1
            else:
                fp += 1
                counts["wrong"] += 1
        if true_id and decision != true_id:
            misses.append((number, "missed" if decision is None else "wrong"))
        elif decision and not true_id:
            misses.append((number, "false"))
        # Brothers, sisters and twins of the child in the store (not the child itself).
        siblings = family_members.get(family, set()) - {person, true_id}
        if siblings:
            sib_checks += 1
            if decision in siblings:
                sib_merges += 1
                counts["sibling_merge"] += 1
        if twin and twin in store and twin != true_id:
            twin_checks += 1
            twin_merges += decision == twin
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / positives if positives else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"queries {len(queries)}: {positives} of children in the store")
    print(f"top-1 'likely': precision {precision:.4f}  recall {recall:.4f}  F1 {f1:.4f}")
    print(f"recall@5 (any band): {at5 / positives if positives else 1:.4f}")
    print(
        f"false merges with a sibling or twin: {sib_merges}/{sib_checks} = "
        f"{sib_merges / max(1, sib_checks):.4%}; with the twin: {twin_merges}/{twin_checks} = "
        f"{twin_merges / max(1, twin_checks):.4%}"
    )
    print(
        f"candidates per query (sharing a key): mean {statistics.mean(found):.1f}  "
        f"p95 {percentile(found, 0.95):.0f}  max {max(found)}"
    )
    print(
        f"true child's place among candidates by shared keys: p99 {percentile(truth_rank, 0.99)}"
        f"  max {max(truth_rank, default=0)}"
    )
    print(
        f"ms per query{' (cold cache)' if cold else ''}: p50 {percentile(timings, 0.5):.2f}  "
        f"p95 {percentile(timings, 0.95):.2f}  max {max(timings):.1f}"
    )
    for kind, counts in sorted(by_kind.items()):
        print(f"  {kind:10s} " + "  ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for number, what in misses[:show]:
        query = queries[number]
        true_id = truth[number].get("store_id") or ""
        print(f"\n#{number} {what} ({truth[number].get('kind')}) query: {brief(query)}")
        if true_id:
            match = compare(query, store[true_id])
            print(f"   truth {true_id} {match.score} {match.band}: {brief(store[true_id])}")
            for c in match.comparisons:
                print(f"      {c.field:12s} {c.outcome:9s} {c.weight:6.2f}  {c.note}")
            shared = bool(blocking_keys(store[true_id]) & query_keys(query))
            print(f"   truth shares keys: {shared}")
        ids, _total = candidates(index, query_keys(query))
        ranked = rank(query, [(i, store[i]) for i in ids], limit=2, minimum_band="unlikely")
        for child_id, match in ranked:
            if child_id != true_id:
                print(f"   top {child_id} {match.score} {match.band}: {brief(store[child_id])}")
                for c in match.comparisons:
                    print(f"      {c.field:12s} {c.outcome:9s} {c.weight:6.2f}  {c.note}")


def brief(person: Identity) -> str:
    parts = [
        person.first_name,
        person.middle_name,
        "/",
        person.last_name_1,
        person.last_name_2,
        "|",
        person.sex,
        str(person.birth_date),
        "|",
        person.birth_city,
        person.birth_state,
        person.birth_country,
        "|",
        person.parent1_first,
        person.parent1_last,
        "+",
        person.parent2_first,
        person.parent2_last,
    ]
    return " ".join(part for part in parts if part)


def selectivity(size: int, seed: int, data: Path | None = None) -> None:
    if data:
        rows = read(data / "STORE.csv")
        print(f"read {len(rows)} children from {data}")
    else:
        import generate

        started = time.perf_counter()
        rows, _queries, _truth, _families = generate.build(size, 0, seed)
        print(f"generated {len(rows)} children in {time.perf_counter() - started:.0f}s")
    per_key: Counter[str] = Counter()
    per_child: list[int] = []
    for row in rows:
        keys = blocking_keys(identity(row))
        per_child.append(len(keys))
        per_key.update(keys)
    sizes = list(per_key.values())
    print(
        f"keys per child: mean {statistics.mean(per_child):.1f}  max {max(per_child)}  "
        f"distinct keys {len(per_key)}"
    )
    print(
        f"children per key: mean {statistics.mean(sizes):.2f}  p50 {percentile(sizes, 0.5):.0f}  "
        f"p95 {percentile(sizes, 0.95):.0f}  p99 {percentile(sizes, 0.99):.0f}  max {max(sizes)}"
    )
    # What a lookup sees: the size of the key a random child's row belongs to.
    weighted = [per_key[key] for key in per_key for _ in range(per_key[key])]
    print(
        f"children per key, as met by a child: p50 {percentile(weighted, 0.5):.0f}  "
        f"p95 {percentile(weighted, 0.95):.0f}"
    )
    for kind in ("sd", "gd", "gym", "gmd", "gyd", "gs", "ss"):
        of_kind = [v for k, v in per_key.items() if k.startswith(kind + ":")]
        if of_kind:
            print(
                f"  {kind}: {len(of_kind)} keys, max {max(of_kind)}, "
                f"p95 {percentile(of_kind, 0.95):.0f}, mean {statistics.mean(of_kind):.2f}"
            )
    print("largest keys:", ", ".join(f"{k} ({v})" for k, v in per_key.most_common(10)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("bench/matching/data"))
    parser.add_argument("--cold", action="store_true", help="no normalisation cache per query")
    parser.add_argument("--show", type=int, default=0, help="print this many misses")
    parser.add_argument("--selectivity", type=int, default=0, metavar="N")
    parser.add_argument(
        "--store-keys", action="store_true", help="key selectivity of --data's STORE.csv"
    )
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--prior-children",
        type=int,
        default=0,
        metavar="N",
        help="score as if the state's store held N children (score.STATE_CHILDREN)",
    )
    args = parser.parse_args(argv)
    if args.prior_children:
        score.STATE_CHILDREN = args.prior_children
        score.RANDOM_PRIOR_BITS = math.log2(args.prior_children / score.SHARE_ALREADY_KNOWN)
    if args.selectivity or args.store_keys:
        selectivity(args.selectivity, args.seed, args.data if args.store_keys else None)
    else:
        evaluate(args.data, cold=args.cold, show=args.show)


if __name__ == "__main__":
    main()
