"""Benchmark frontwatch against the spaCy full-pipeline floor on one machine in one run; prints ratio_vs_spacy last.

Usage: ``python bench/run.py [--quick] [--docs N] [--keep DIR] [--ratio-only] [--only hot-story|fr-dev]
[--hot-sizes 50,150,300,1000]``. Each measurement runs in a fresh process
(``bench/worker.py``) whose peak resident memory, children included, is sampled here with psutil.

Besides the cycled corpus: the *hot story* (the five seeds reported again and again under new ids, the same day:
fusion time per document as a happening's reports pile up) and the real articles of ``../shared/corpus/fr-dev``
(documents/s of frontwatch and of the spaCy floor on real news).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.corpus import source_articles, write_corpus, write_hot_story  # noqa: E402

FUSION_ROUNDS = 3  # fusion timings per store size, alternated between the sizes
WARMUP_DOCS = 20  # warm throughput is measured from the document after this one (model, gazetteer, caches loaded)
# Hot story: reports of the same few happenings in store when fusion time per document is read (quick: the first two).
HOT_SIZES = (50, 150, 300, 1000)
HOT_WINDOW = 20  # fusion time "at N" is the median over the documents N-19..N
# The end-to-end comparison: `process` of the first 50 and of the first 300 reports, each in a new store.
HOT_RUNS = (50, 300)
FR_DEV = Path(os.environ.get("FRONTWATCH_FR_DEV") or REPO.parent / "shared" / "corpus" / "fr-dev")
FR_DEV_QUICK = 100  # articles of fr-dev a quick run reads


@dataclass
class Measured:
    """A worker's JSON result with the wall time and peak memory its process tree reached."""

    result: dict
    wall_s: float
    peak_rss_mb: float
    peak_pss_mb: float | None
    extra: dict = field(default_factory=dict)


def _tree_memory(proc) -> tuple[float, float | None]:
    import psutil

    rss, pss = 0.0, 0.0
    try:
        procs = [proc] + proc.children(recursive=True)
    except psutil.Error:
        return 0.0, None
    for p in procs:
        try:
            rss += p.memory_info().rss
            pss += getattr(p.memory_full_info(), "pss", 0.0)
        except psutil.Error:
            continue
    return rss / 2**20, (pss / 2**20 if pss else None)


def measure(args: list[str]) -> Measured:
    """Run ``python -m bench.worker ARGS`` in a fresh process; sample its tree's memory every 0.2 s."""
    import psutil

    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "bench.worker", *args], cwd=REPO, stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    ps = psutil.Process(proc.pid)
    peak = {"rss": 0.0, "pss": None}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss, pss = _tree_memory(ps)
            peak["rss"] = max(peak["rss"], rss)
            if pss is not None:
                peak["pss"] = max(peak["pss"] or 0.0, pss)
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"benchmark step {args[0]} failed with status {proc.returncode}")
    lines = [line for line in out.splitlines() if line.startswith("BENCH ")]
    return Measured(json.loads(lines[-1][6:]), wall, peak["rss"], peak["pss"])


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _mb(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.0f} MB"


def _warm_rate(marks: list[dict], key_t: str = "t") -> float | None:
    """Documents per second between the warm-up checkpoint and the last one."""
    if len(marks) < 2:
        return None
    a, b = marks[0], marks[-1]
    return (b["docs"] - a["docs"]) / (b[key_t] - a[key_t]) if b[key_t] > a[key_t] else None


def checkpoints_for(n: int) -> list[int]:
    """The growth checkpoints: the warm-up document, then a quarter, half and all of the corpus."""
    return sorted({min(WARMUP_DOCS, n // 4), n // 4, n // 2, n})


def main(argv: list[str] | None = None) -> None:
    """Build the corpus, run every measurement, print the figures and ``ratio_vs_spacy=X.XX`` last."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small run (100 documents, 2,000 stored events)")
    parser.add_argument("--docs", type=int, help="corpus size (default 2000, quick 100)")
    parser.add_argument("--events", type=int, help="events in the large store (default 100000, quick 2000)")
    parser.add_argument("--keep", type=Path, help="keep the corpus and stores in this folder")
    parser.add_argument("--ratio-only", action="store_true",
                        help="only the spaCy floor and one worker, then ratio_vs_spacy (for repeated measurements)")
    parser.add_argument("--only", choices=("hot-story", "fr-dev"),
                        help="only this part (with --quick, its quick size), no ratio line")
    parser.add_argument("--hot-sizes", help="the hot story's report counts, comma-separated (default 50,150,300,1000; "
                        "quick 50,150)")
    opts = parser.parse_args(argv)
    hot_sizes = tuple(int(x) for x in opts.hot_sizes.split(",")) if opts.hot_sizes else (
        HOT_SIZES[:2] if opts.quick else HOT_SIZES)
    n = opts.docs or (100 if opts.quick else 2000)
    big = opts.events or (2000 if opts.quick else 100_000)
    small = min(1000, big)
    work = opts.keep or Path(tempfile.mkdtemp(prefix="frontwatch-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    marks = checkpoints_for(n)
    try:
        if opts.only == "hot-story":
            hot_story(work, hot_sizes, () if opts.quick else HOT_RUNS)
        elif opts.only == "fr-dev":
            fr_dev(work, FR_DEV_QUICK if opts.quick else None)
        elif opts.ratio_only:
            _ratio_only(n, work, marks)
        else:
            _run(n, big, small, work, marks, time.perf_counter(), opts.quick, hot_sizes)
    finally:
        if opts.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _ratio_only(n: int, work: Path, marks: list[int]) -> None:
    """The spaCy floor and frontwatch on one worker over one corpus, warm docs/s of each, ``ratio_vs_spacy`` last."""
    corpus = write_corpus(work / "corpus.jsonl", n, source_articles())
    cp = ",".join(map(str, marks))
    _say(f"# python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    b_warm = _warm_rate([{"docs": 0, "t": 0.0}] + measure(["spacy", str(corpus), cp]).result["checkpoints"])
    fw_warm = _warm_rate(measure(["process", str(corpus), str(work / "fw1.db"), "1", cp]).result["checkpoints"])
    _say(f"frontwatch 1 worker warm {fw_warm:.2f} docs/s; spaCy floor warm {b_warm:.2f} docs/s")
    _say(f"ratio_vs_spacy={fw_warm / b_warm:.2f}")


def hot_story(work: Path, sizes: tuple[int, ...], runs: tuple[int, ...] = ()) -> dict:
    """The hot story: fusion time per document after 50, 150, 300, 1,000 reports of the same happenings (one
    ``process`` run, one worker), its growth, and the end-to-end times of separate runs of ``runs`` reports."""
    corpus = write_hot_story(work / "hot-story.jsonl", max(sizes))
    m = measure(["hotstory", str(corpus), str(work / "hot-story.db"), ",".join(map(str, sizes))])
    r = m.result
    fused = r["fusion_s"]
    at: dict[int, float] = {}
    _say(f"\n== hot story: the five seeds reported {max(sizes)} times (ids b0..b{max(sizes) - 1}, one day), one worker ==")
    _say(f"stored {r['docs']} documents, {r['mentions']} mentions in {r['events']} events; wall {m.wall_s:.1f} s")
    _say(f"{'reports':>8} {'fusion ms/doc':>14} {'mean':>8} {'elapsed s':>10}")
    elapsed = {c["docs"]: c["t"] for c in r["checkpoints"]}
    for size in sizes:
        window = fused[max(0, size - HOT_WINDOW) : size]
        if not window:
            continue
        at[size] = statistics.median(window)
        _say(f"{size:>8} {at[size] * 1000:>14.1f} {statistics.fmean(window) * 1000:>8.1f} {elapsed.get(size, float('nan')):>10.1f}")
    paths = r.get("paths") or {}
    if paths:
        why = "; ".join(f"{k}: {v}" for k, v in sorted((r.get("gave_up") or {}).items())) or "-"
        members = r.get("members", 0)
        _say(f"fusion paths: {paths.get('classes', 0) - members} documents proven on classes, {members} partitioned on "
             f"members, {paths.get('mentions', 0)} mention by mention (why the proof gave up: {why})")
    growth = at[max(at)] / at[min(at)] if at else float("nan")
    _say(f"hot story fusion growth {min(at)} -> {max(at)} reports: x{growth:.2f} (median of {HOT_WINDOW} documents each; target x1.5)")
    walls = {}
    for size in runs:
        part = work / f"hot-story-{size}.jsonl"
        write_hot_story(part, size)
        walls[size] = measure(["process", str(part), str(work / f"hot-story-{size}.db"), "1", str(size)]).wall_s
    if len(walls) == 2:
        (a, wa), (b, wb) = sorted(walls.items())
        _say(f"end to end (frontwatch process, new store, model load included): {a} reports {wa:.1f} s, {b} reports "
             f"{wb:.1f} s: x{wb / wa:.2f} (target under x7)")
    return {"at": at, "growth": growth, "walls": walls}


def fr_dev(work: Path, limit: int | None = None) -> dict | None:
    """The real articles of ``../shared/corpus/fr-dev``: documents/s of frontwatch (one worker) and of the floor."""
    files = sorted(FR_DEV.glob("*.jsonl")) if FR_DEV.is_dir() else []
    if not files:
        _say(f"\n== fr-dev: skipped, no corpus at {FR_DEV} ==")
        return None
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = lines[:limit] if limit else lines
    corpus = work / "fr-dev.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    n = len(lines)
    marks = checkpoints_for(n)
    cp = ",".join(map(str, marks))
    floor = measure(["spacy", str(corpus), cp])
    b_warm = _warm_rate([{"docs": 0, "t": 0.0}] + floor.result["checkpoints"])
    fw = measure(["process", str(corpus), str(work / "fr-dev.db"), "1", cp])
    fw_warm = _warm_rate(fw.result["checkpoints"])
    _say(f"\n== fr-dev: {n} real French articles ({', '.join(f.name for f in files)}), one worker ==")
    _say(f"frontwatch: {n / fw.wall_s:.2f} docs/s cold (wall {fw.wall_s:.1f} s), {fw_warm or float('nan'):.2f} docs/s warm; "
         f"{fw.result['events']} events")
    _say(f"spaCy floor: {n / floor.wall_s:.2f} docs/s cold (wall {floor.wall_s:.1f} s), {b_warm or float('nan'):.2f} docs/s warm")
    ratio = fw_warm / b_warm if fw_warm and b_warm else float("nan")
    _say(f"fr-dev ratio (warm): {ratio:.2f}")
    return {"docs": n, "fw_warm": fw_warm, "floor_warm": b_warm, "fw_cold": n / fw.wall_s, "floor_cold": n / floor.wall_s}


def _run(n: int, big: int, small: int, work: Path, marks: list[int], started: float, quick: bool = False,
         hot_sizes: tuple[int, ...] = HOT_SIZES) -> None:
    articles = source_articles()
    corpus = write_corpus(work / "corpus.jsonl", n, articles)
    cp = ",".join(map(str, marks))
    _say(f"# corpus: {n} documents from {len(articles)} articles (seeds + fixtures), {corpus.stat().st_size / 2**20:.1f} MB")
    _say(f"# python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")

    base = measure(["spacy", str(corpus), cp])
    b = base.result
    tokens = b["tokens"]
    b_warm = _warm_rate([{"docs": 0, "t": 0.0}] + b["checkpoints"])
    b_cold = n / base.wall_s
    _say("\n== baseline: spaCy fr_core_news_md, full pipeline, nlp.pipe, nothing else ==")
    _say(f"components: {', '.join(b['components'])}; {tokens} tokens")
    _say(f"cold: {b_cold:.2f} docs/s, {tokens / base.wall_s:.0f} tokens/s (wall {base.wall_s:.1f} s, load {b['startup_s']:.1f} s)")
    _say(f"warm: {b_warm:.2f} docs/s, {b_warm * tokens / n:.0f} tokens/s")
    _say(f"peak RSS {_mb(base.peak_rss_mb)} (PSS {_mb(base.peak_pss_mb)})")

    runs: dict[int, Measured] = {}
    for workers in (1, 2):
        db = work / f"fw{workers}.db"
        m = measure(["process", str(corpus), str(db), str(workers), cp])
        runs[workers] = m
        r = m.result
        warm = _warm_rate(r["checkpoints"])
        _say(f"\n== frontwatch process, {workers} worker{'s' if workers > 1 else ''} ==")
        _say(f"stored {r['docs']}/{r['read']} documents, skipped {r['skipped']}, {r['events']} events, {r['claims']} claims")
        _say(f"cold: {n / m.wall_s:.2f} docs/s, {tokens / m.wall_s:.0f} tokens/s (wall {m.wall_s:.1f} s, first document stored after {r['first_doc_s']:.1f} s)")
        if warm:
            _say(f"warm: {warm:.2f} docs/s, {warm * tokens / n:.0f} tokens/s (after document {r['checkpoints'][0]['docs']})")
        _say(f"peak RSS {_mb(m.peak_rss_mb)} (PSS {_mb(m.peak_pss_mb)}), children included")
        _say(f"store: {r['store_bytes'] / 2**20:.1f} MB, {r['store_bytes'] / 2**20 / r['docs'] * 1000:.1f} MB per 1,000 documents")

    _say("\n== cost growth (1 worker; baseline in the same run) ==")
    _say(f"{'docs':>6} {'fw docs/s':>10} {'fw seg docs/s':>14} {'spaCy docs/s':>13} {'store MB/1k docs':>17} {'fw RSS MB':>10}")
    fw_marks = runs[1].result["checkpoints"]
    prev = fw_marks[0] if fw_marks else None
    b_by = {c["docs"]: c for c in b["checkpoints"]}
    for c in fw_marks[1:]:
        total = (c["docs"] - fw_marks[0]["docs"]) / (c["t"] - fw_marks[0]["t"])
        seg = (c["docs"] - prev["docs"]) / (c["t"] - prev["t"])
        bc = b_by.get(c["docs"])
        brate = bc["docs"] / bc["t"] if bc else float("nan")
        _say(f"{c['docs']:>6} {total:>10.2f} {seg:>14.2f} {brate:>13.2f} {c['store_bytes'] / 2**20 / c['docs'] * 1000:>17.1f} {c['rss_mb']:>10.0f}")
        prev = c

    src = str(work / "fw1.db")
    big_db, small_db = work / "big.db", work / "small.db"
    synth = measure(["synth", src, str(big_db), str(big)])
    s = synth.result
    _say(f"\n== export: a store of {s['events']} synthetic events ({s['documents']} documents, bulk-inserted in {s['build_s']:.1f} s, {s['store_bytes'] / 2**20:.0f} MB) ==")
    ex = measure(["export", str(big_db)])
    for fmt, e in ex.result["formats"].items():
        per = e["s"] / max(e["events"], 1) * 100_000
        _say(f"{fmt}: {e['events']} events in {e['s']:.1f} s -> {per:.1f} s per 100,000 events ({e['bytes'] / 2**20:.0f} MB)")
    _say(f"peak RSS during export {_mb(ex.peak_rss_mb)}")

    measure(["synth", src, str(small_db), str(small)])
    k = 20 if big <= 2000 else 50
    rounds: dict[int, list[dict]] = {small: [], big: []}
    for _ in range(FUSION_ROUNDS):  # alternated, each on a fresh copy, so a busy moment hits both sizes alike
        for label, db in ((small, small_db), (big, big_db)):
            shutil.copyfile(db, work / "fusion.db")
            rounds[label].append(measure(["fusion", src, str(work / "fusion.db"), str(k)]).result)
    _say(f"\n== fusion of a new document (frontwatch.fuse as found: {_fusion_version()}) ==")
    medians = {}
    for label, timings in rounds.items():
        medians[label] = statistics.median(t["median_s"] for t in timings)
        f = timings[0]
        _say(f"store of {f['events_before']} events, {len(timings)} rounds of {f['docs']} documents ({f['mentions']} mentions): "
             f"median {_ms(t['median_s'] for t in timings)}, p90 {_ms(t['p90_s'] for t in timings)}, "
             f"max {_ms(t['max_s'] for t in timings)} ms")
    grow = medians[big] / medians[small]
    _say(f"fusion growth {small} -> {big} events: x{grow:.2f} (median of the rounds' medians; target under x2)")

    hot = hot_story(work, hot_sizes, () if quick else HOT_RUNS)
    real = fr_dev(work, FR_DEV_QUICK if quick else None)

    one = runs[1]
    fw_warm = _warm_rate(one.result["checkpoints"])
    _say("\n== summary ==")
    _say(f"frontwatch 1 worker warm {fw_warm:.2f} docs/s; spaCy floor warm {b_warm:.2f} docs/s")
    _say(f"frontwatch 2 workers peak RSS {_mb(runs[2].peak_rss_mb)} (PSS {_mb(runs[2].peak_pss_mb)}); target under 1,536 MB")
    _say(f"hot story: fusion growth x{hot['growth']:.2f} over {min(hot['at'])} -> {max(hot['at'])} reports"
         + (f"; end to end {HOT_RUNS[1]} vs {HOT_RUNS[0]} reports x{hot['walls'][HOT_RUNS[1]] / hot['walls'][HOT_RUNS[0]]:.2f}"
            if len(hot["walls"]) == 2 else ""))
    if real:
        _say(f"fr-dev ({real['docs']} articles): frontwatch {real['fw_warm']:.2f} docs/s warm, spaCy floor "
             f"{real['floor_warm']:.2f} docs/s warm")
    _say(f"bench wall time {time.perf_counter() - started:.0f} s")
    _say(f"ratio_cold_vs_spacy={(n / one.wall_s) / b_cold:.2f}")
    _say(f"ratio_vs_spacy={fw_warm / b_warm:.2f}")


def _ms(values) -> str:
    """Seconds as milliseconds, one per round."""
    return " / ".join(f"{v * 1000:.1f}" for v in values)


def _fusion_version() -> str:
    path = REPO / "frontwatch" / "fuse"
    files = sorted(p.name for p in path.glob("*.py"))
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in path.glob("*.py"))
    try:
        rev = subprocess.run(["git", "log", "-1", "--format=%h", "--", "frontwatch/fuse"], cwd=REPO,
                             capture_output=True, text=True, check=False).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "frontwatch/fuse"], cwd=REPO,
                               capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        rev, dirty = "?", ""
    return f"{', '.join(files)}; {lines} lines; last commit {rev or '?'}{' + uncommitted edits' if dirty else ''}"


if __name__ == "__main__":
    main()
