"""Rebuild the bundled gazetteer ``frontwatch/data/gazetteer/places.sqlite`` from the WOF tables.

Usage: python scripts/build_gazetteer.py [WOF_DIR] [OUT]; WOF_DIR defaults to ../shared/gazetteer and OUT
to frontwatch/data/gazetteer/places.sqlite.xz (the SQLite file, xz-compressed; the package unpacks it
once into the user cache, see frontwatch.resolve.gazetteer.core.bundle_path).
The OCHA table in that folder is deliberately not read (licence unconfirmed, see SOURCES.md).
"""

from __future__ import annotations

import argparse
import logging
import lzma
import shutil
import tempfile
import time
from pathlib import Path

from frontwatch.resolve.gazetteer.build import build_bundle

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    """Parse the arguments, build the bundle and print its counts and size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("wof_dir", nargs="?", type=Path, default=ROOT.parent / "shared" / "gazetteer")
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "frontwatch" / "data" / "gazetteer" / "places.sqlite.xz")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "places.sqlite"
        stats = build_bundle(args.wof_dir, db)
        raw_size = db.stat().st_size
        if args.out.suffix == ".xz":
            with db.open("rb") as src, lzma.open(args.out, "wb", preset=6) as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        else:
            shutil.copyfile(db, args.out)
    for key, value in sorted(stats.items()):
        print(f"{key:20s} {value:>10,d}")
    print(f"SQLite {raw_size / 1e6:.1f} MB, shipped {args.out.stat().st_size / 1e6:.1f} MB,"
          f" built in {time.perf_counter() - t0:.0f} s -> {args.out}")


if __name__ == "__main__":
    main()
