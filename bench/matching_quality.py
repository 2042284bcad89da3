"""Score `campo match evaluate` results against a truth file: top-1 precision, recall, F1,
recall@5 and false merges of new children (siblings, twins, cousins).

    python bench/matching_quality.py --truth TRUTH.csv --results RESULTS.csv

TRUTH.csv: query,store_id (empty for a child who is not in the store),kind (optional).
A "match" decision is the top candidate when its band is "likely".
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter, defaultdict
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--truth", type=Path, required=True)
    parser.add_argument("--results", type=Path, required=True)
    args = parser.parse_args()
    with args.truth.open(encoding="utf-8") as handle:
        truth = {
            int(r["query"]): (r["store_id"] or None, r.get("kind", ""))
            for r in csv.DictReader(handle)
        }
    ranked: dict[int, list[dict[str, str]]] = defaultdict(list)
    with args.results.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            ranked[int(row["query_index"])].append(row)
    true_pos = false_pos = false_neg = within_5 = positives = merges = negatives = 0
    merges_by_kind: Counter[str] = Counter()
    for query, (expected, kind) in truth.items():
        rows = sorted(ranked[query], key=lambda r: int(r["rank"]))
        decided = rows[0] if rows and rows[0]["band"] == "likely" else None
        if expected:
            positives += 1
            within_5 += any(r["candidate_id"] == expected for r in rows[:5])
            if decided and decided["candidate_id"] == expected:
                true_pos += 1
            else:
                false_neg += 1
                false_pos += decided is not None
        else:
            negatives += 1
            if decided:
                false_pos += 1
                merges += 1
                merges_by_kind[kind] += 1
    precision = true_pos / max(true_pos + false_pos, 1)
    recall = true_pos / max(true_pos + false_neg, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    print(f"{len(truth)} queries: {positives} known children, {negatives} new")
    print(f"top-1 precision {precision:.4f}  recall {recall:.4f}  F1 {f1:.4f}")
    print(f"recall@5 {within_5 / max(positives, 1):.4f}")
    print(
        f"false merges of new children {merges}/{negatives} = {merges / max(negatives, 1):.2%}"
        f"  {dict(merges_by_kind)}"
    )


if __name__ == "__main__":
    main()
