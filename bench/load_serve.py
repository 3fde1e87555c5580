"""Load test of ``GET /api/events``: a store of synthetic events, the server on loopback, a bounded burst of requests.

    .venv/bin/python bench/load_serve.py                      # 100,000 events, 2,000 requests, 1 client
    .venv/bin/python bench/load_serve.py --concurrency 8      # throughput with 8 concurrent clients
    .venv/bin/python bench/load_serve.py --events 2000 --requests 100 --db /tmp/small.db
    .venv/bin/python bench/load_serve.py --events 1000000 --concurrency 8 --workers 2   # issue 16's target

The store is built once under ``bench/out/`` (git-ignored) with the store's bulk ``save_many`` and reused
while it holds at least ``--events`` events. The server is a separate process (``uvicorn`` on 127.0.0.1,
a free port, access log off, ``--workers`` processes as ``frontwatch serve --workers`` starts them) so that the
client does not share its interpreter. Requests mix the filters
the page and API users send: none, event type, date windows, bounding boxes, actor, claimant, source and
text substrings, the four sorts, summary pages of 1,000 for the map, and paging. It prints requests/s and
p50/p90/p99/max latency, overall, per kind of request and per group (the map's summary pages apart from the
filtered pages), and exits 1 when p99 misses ``--target-p99-ms``.

Bounded: loopback only; requests stop after ``--cap-s`` (180 s by default), so a run on a built store ends
within about 4 minutes. Building the 100,000-event store happens once; a store built before schema
migration 2 (``event_search``) is migrated on its first open, about a minute at 100,000 events.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from hashlib import sha256
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from frontwatch.records import Claim, Document, Event, Evidence, Source  # noqa: E402
from frontwatch.serve.app import DB_ENV, OPEN_READS_ENV  # noqa: E402
from frontwatch.store import open_store  # noqa: E402

DEFAULT_DB = REPO / "bench" / "out" / "load_serve.db"
BATCH = 2000

# Theatres: a country, its places (name, lat, lon), its actors, the claimants and outlets that report on it.
THEATRES = (
    (
        "Ukraine",
        (("Bakhmout", 48.595, 37.999), ("Kharkiv", 49.981, 36.253), ("Avdiïvka", 48.139, 37.743), ("Kherson", 46.636, 32.617)),
        ("Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)", "Wagner Group"),
        ("Ministry of Defence of Russia", "General Staff of the Armed Forces of Ukraine", "Governor of Kharkiv Oblast"),
    ),
    (
        "Syria",
        (("Alep", 36.201, 37.161), ("Idleb", 35.931, 36.634), ("Hama", 35.132, 36.757), ("Deir ez-Zor", 35.336, 40.141)),
        ("Military Forces of Syria (2000-2024)", "Hayat Tahrir al-Sham", "Syrian National Army"),
        ("Syrian Observatory for Human Rights", "Ministry of Defence of Russia", "SANA"),
    ),
    (
        "Mali",
        (("Gao", 16.272, -0.045), ("Mopti", 14.494, -4.182), ("Tombouctou", 16.774, -3.007), ("Ménaka", 15.918, 2.402)),
        ("JNIM", "Islamic State Sahel Province", "Military Forces of Mali (2021-)"),
        ("Military Forces of Mali (2021-)", "Local officials", "MINUSMA"),
    ),
    (
        "Sudan",
        (("El Fasher", 13.629, 25.350), ("Khartoum", 15.552, 32.532), ("Wad Madani", 14.401, 33.520), ("Nyala", 12.049, 24.881)),
        ("Rapid Support Forces", "Military Forces of Sudan (2019-)", "Civilians (Sudan)"),
        ("Sudan Doctors Network", "Military Forces of Sudan (2019-)", "United Nations"),
    ),
    (
        "Palestine",
        (("Rafah", 31.297, 34.244), ("Khan Younès", 31.346, 34.306), ("Gaza", 31.502, 34.467), ("Jénine", 32.461, 35.300)),
        ("Military Forces of Israel (2022-)", "Hamas", "Civilians (Palestine)"),
        ("Ministry of Health of Gaza", "Israel Defense Forces", "UNRWA"),
    ),
)
TYPES = (
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"),
    ("Strategic developments", "Looting/property destruction"),
)
PUBLISHERS = ("AFP", "Reuters", "Le Monde", "RFI", "France 24", "Ukrinform", "Sudan Tribune", "Al Jazeera")
START = date(2022, 1, 1)
DAYS = 1000
# Issue 16's targets are per group: the map's summary pages of 1,000, and every other (filtered) page.
GROUPS = {"pages": lambda kind: kind != "map_page", "map": lambda kind: kind == "map_page"}


def synthetic(i: int, rng: random.Random) -> tuple[Document, Event]:
    """The i-th synthetic document and its one event: a French wire sentence with a figure and a claimant."""
    country, places, actors, claimants = THEATRES[i % len(THEATRES)]
    place, lat, lon = rng.choice(places)
    event_type, sub_type = rng.choice(TYPES)
    killed = rng.choice((0, 0, 1, 2, 3, 5, 8, 12, 20, 40, 100))
    claimant = rng.choice(claimants)
    publisher = rng.choice(PUBLISHERS)
    day = START + timedelta(days=rng.randrange(DAYS))
    text = (
        f"{place.upper()}, {day.day} ({publisher}) - Des combats ont fait {killed} morts près de {place}, "
        f"selon {claimant}. Les affrontements se poursuivaient dans la soirée (dépêche {i})."
    )
    doc_id = f"bench-{i:07d}"
    doc = Document(doc_id, text, text, sha256(text.encode()).hexdigest(), publisher=publisher, published=day, language="fr")
    phrase = f"{killed} morts"
    start = text.index(phrase)
    located = i % 25 != 0  # some events have no place precise enough to map
    event = Event(
        event_id=f"bench-ev-{i:07d}",
        event_type=event_type,
        sub_event_type=sub_type,
        event_date=day.isoformat() if i % 40 else None,
        time_precision=1,
        actor1=actors[0],
        actor2=rng.choice(actors[1:]),
        country=country,
        location=place if located else None,
        latitude=lat + rng.uniform(-0.3, 0.3) if located else None,
        longitude=lon + rng.uniform(-0.3, 0.3) if located else None,
        geo_precision=1,
        fatalities=killed,
        fatalities_low=killed,
        fatalities_best=killed,
        fatalities_high=killed,
        claims=(Claim("killed", killed, "exact", doc_id, Evidence(doc_id, start, start + len(phrase), phrase), claimant=claimant),),
        sources=(Source(doc_id, publisher, None, day.isoformat()),),
        evidence=(Evidence(doc_id, 0, text.index(","), text[: text.index(",")]),),
        notes=f"Clashes near {place}, {country}; {killed} killed according to {claimant}.",
    )
    return doc, event


def build_store(db: Path, count: int) -> None:
    """Create or top up the store at ``db`` until it holds ``count`` synthetic events."""
    db.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(str(db))
    try:
        have = store.stats()["events"]
        if have >= count:
            print(f"reusing {db} ({have} events)")
            return
        rng = random.Random(20241128 + have)
        started = time.perf_counter()
        for first in range(have, count, BATCH):
            batch = []
            for i in range(first, min(first + BATCH, count)):
                doc, event = synthetic(i, rng)
                mention = Event(**{**event.__dict__, "event_id": f"m-{event.event_id}"})
                batch.append((doc, [mention], [event], {mention.event_id: event.event_id}, ()))
            store.save_many(batch)
            print(f"\r  stored {min(first + BATCH, count):,} / {count:,} events", end="", flush=True)
        print(f"\nbuilt {db} in {time.perf_counter() - started:.0f} s")
    finally:
        store.close()


def request_mix(rng: random.Random) -> tuple[str, dict[str, str | int]]:
    """A kind of request and its parameters, drawn like the page and API clients draw them."""
    country, places, actors, claimants = rng.choice(THEATRES)
    _, lat, lon = rng.choice(places)
    day = START + timedelta(days=rng.randrange(DAYS - 30))
    kinds = (
        ("plain", {}),
        ("type", {"event_type": rng.choice(TYPES)[0]}),
        ("dates", {"date_from": day.isoformat(), "date_to": (day + timedelta(days=rng.choice((1, 7, 30)))).isoformat()}),
        ("bbox", {"bbox": f"{lon - 1:.2f},{lat - 1:.2f},{lon + 1:.2f},{lat + 1:.2f}"}),
        ("actor", {"actor": rng.choice(actors).split(" (")[0].lower()}),
        ("claimant", {"claimant": rng.choice(claimants)}),
        ("source", {"source": rng.choice(PUBLISHERS)}),
        ("text", {"q": rng.choice(places)[0]}),
        ("sorted", {"sort": rng.choice(("-event_date", "fatalities", "-fatalities"))}),
        ("map_page", {"view": "summary", "limit": 1000, "sort": "-fatalities", "date_from": day.isoformat()}),
        ("paging", {"offset": rng.randrange(0, 5000, 100)}),
        ("combined", {"event_type": "Battles", "bbox": f"{lon - 2:.2f},{lat - 2:.2f},{lon + 2:.2f},{lat + 2:.2f}", "date_from": day.isoformat()}),
    )
    return rng.choice(kinds)


def free_port() -> int:
    """A TCP port free on loopback now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen:
    """The app under uvicorn in a child process on 127.0.0.1, with ``workers`` worker processes; returns once it answers."""
    code = (
        "import sys, uvicorn; from frontwatch.cli import APP_FACTORY; "
        "uvicorn.run(APP_FACTORY, factory=True, workers=int(sys.argv[2]), host='127.0.0.1', port=int(sys.argv[1]), "
        "log_level='warning', access_log=False)"
    )
    env = {**os.environ, DB_ENV: str(db), OPEN_READS_ENV: "1"}
    server = subprocess.Popen([sys.executable, "-c", code, str(port), str(workers)], cwd=REPO, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start within 60 s")


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def fire(base: str, total: int, concurrency: int, cap_s: float, seed: int) -> tuple[list[tuple[str, float, int]], float]:
    """Send ``total`` requests from ``concurrency`` clients, stopping at ``cap_s``; return (kind, seconds, status) and wall time."""
    plan = [request_mix(random.Random(seed + n)) for n in range(total)]
    deadline = time.monotonic() + cap_s
    results: list[tuple[str, float, int]] = []

    def worker(share: list[tuple[str, dict]]) -> list[tuple[str, float, int]]:
        out = []
        with httpx.Client(base_url=base, timeout=30) as client:
            for kind, params in share:
                if time.monotonic() > deadline:
                    break
                started = time.perf_counter()
                response = client.get("/api/events", params=params)
                response.json()
                out.append((kind, time.perf_counter() - started, response.status_code))
        return out

    shares = [plan[k::concurrency] for k in range(concurrency)]
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for part in pool.map(worker, shares):
            results.extend(part)
    return results, time.perf_counter() - started


def report(
    results: list[tuple[str, float, int]], wall: float, events: int, concurrency: int, workers: int,
    load: tuple[str, str],
) -> dict:
    """Print and return the figures: requests/s and latency quantiles, overall and per kind, and the machine load."""
    latencies = [seconds * 1000 for _, seconds, _ in results]
    errors = sum(1 for _, _, status in results if status != 200)
    per_kind = {}
    selections = [(kind, kind.__eq__) for kind in sorted({k for k, _, _ in results})] + list(GROUPS.items())
    for kind, selected in selections:
        mine = [s * 1000 for k, s, _ in results if selected(k)]
        if not mine:
            continue
        per_kind[kind] = {
            "n": len(mine),
            "p50_ms": round(percentile(mine, 0.5), 1),
            "p99_ms": round(percentile(mine, 0.99), 1),
            "max_ms": round(max(mine), 1),
        }
    summary = {
        "cpus": os.cpu_count(),
        "load_before": load[0],
        "load_after": load[1],
        "events": events,
        "requests": len(results),
        "concurrency": concurrency,
        "workers": workers,
        "errors": errors,
        "requests_per_s": round(len(results) / wall, 1),
        "p50_ms": round(percentile(latencies, 0.50), 1),
        "p90_ms": round(percentile(latencies, 0.90), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "max_ms": round(max(latencies), 1),
        "mean_ms": round(statistics.fmean(latencies), 1),
        "per_kind": per_kind,
    }
    print(f"\n{len(results)} requests in {wall:.1f} s with {concurrency} client(s) and {workers} server worker(s) over "
          f"{events:,} events, {errors} non-200")
    print(f"requests/s {summary['requests_per_s']}   p50 {summary['p50_ms']} ms   p90 {summary['p90_ms']} ms   "
          f"p99 {summary['p99_ms']} ms   max {summary['max_ms']} ms")
    print(f"machine: {os.cpu_count()} CPUs, load average {load[0]} before, {load[1]} after (other work skews latency)")
    print(f"\n{'kind':<10} {'n':>5} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind, row in per_kind.items():
        print(f"{kind:<10} {row['n']:>5} {row['p50_ms']:>8.1f} {row['p99_ms']:>8.1f} {row['max_ms']:>8.1f}")
    return summary


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as ``uptime`` shows them."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> int:
    """Build or reuse the store, start the server, fire the requests, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="SQLite store to build or reuse")
    parser.add_argument("--events", type=int, default=100_000, help="synthetic events in the store (at least)")
    parser.add_argument("--requests", type=int, default=2000, help="requests to send")
    parser.add_argument("--concurrency", type=int, default=1, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    parser.add_argument("--cap-s", type=float, default=180.0, help="stop sending after this many seconds")
    parser.add_argument("--warmup", type=int, default=50, help="requests sent first and not measured")
    parser.add_argument("--target-p99-ms", type=float, default=100.0, help="exit 1 when p99 is above this")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()

    build_store(args.db, args.events)
    load_before = load_average()
    port = free_port()
    server = start_server(args.db, port, args.workers)
    try:
        base = f"http://127.0.0.1:{port}"
        fire(base, args.warmup, 1, args.cap_s, seed=10_000_000)
        results, wall = fire(base, args.requests, args.concurrency, args.cap_s, seed=0)
        with httpx.Client(base_url=base) as client:
            events = client.get("/api/stats").json()["events"]
        load_after = load_average()
    finally:
        server.terminate()
        server.wait(timeout=10)
    summary = report(results, wall, events, args.concurrency, args.workers, (load_before, load_after))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0 if summary["p99_ms"] <= args.target_p99_ms and not summary["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
