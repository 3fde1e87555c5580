"""Run the geocoding evaluation and print its scores, the gazetteer's load cost and the wrong answers.

Usage (from the repository root): .venv/bin/python eval/geocoding/run_eval.py [TSV] [--errors N]
TSV defaults to eval/geocoding/toponyms.tsv. Exit status 1 when a pinned floor is missed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from frontwatch.eval.geocoding import evaluate_geocoding, measure_load

HERE = Path(__file__).resolve().parent
# Pinned floors (only ever raised): the target is >= 80 % within 10 km, < 5 % confidently wrong.
FLOOR_WITHIN_10KM = 0.80
CEILING_CONFIDENT_WRONG = 0.05


def main() -> int:
    """Score the list, print the report; 0 when the floors hold, else 1."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tsv", nargs="?", type=Path, default=HERE / "toponyms.tsv")
    parser.add_argument("--errors", type=int, default=20, help="How many wrong answers to list.")
    args = parser.parse_args()
    cost = measure_load()
    report = evaluate_geocoding(args.tsv)
    print(f"cases: {report['cases']}")
    print(f"within 10 km: {report['within_10km']:.2%}   confidently wrong: {report['confident_wrong']:.2%}")
    print(f"fallback (precision 2-3): {report['fallback_rate']:.2%}   unresolved: {report['unresolved_rate']:.2%}")
    print(f"look-up latency: median {report['median_ms']} ms, p95 {report['p95_ms']} ms")
    print(f"gazetteer load: open {cost.open_s * 1000:.1f} ms, first query {cost.first_query_s * 1000:.1f} ms, "
          f"RSS +{cost.rss_mb} MB, bundle {cost.bundle_mb} MB on disk")
    for error in report["errors"][: args.errors]:
        print(f"  wrong: {error}")
    ok = report["within_10km"] >= FLOOR_WITHIN_10KM and report["confident_wrong"] < CEILING_CONFIDENT_WRONG
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
