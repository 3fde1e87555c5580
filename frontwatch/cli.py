"""The ``frontwatch`` command line: a thin layer over the library that owns output and exit codes."""

from __future__ import annotations

import logging
import os
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from frontwatch.errors import FrontwatchError, InputError, Messages
from frontwatch.records import Document, Skipped

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn news reports about armed conflict into geolocated, source-attributed events.",
)
gazetteer_app = typer.Typer(no_args_is_help=True, help="Manage the gazetteer that places are resolved against.")
app.add_typer(gazetteer_app, name="gazetteer")
user_app = typer.Typer(no_args_is_help=True, help="Manage the analysts who may review events (write tokens).")
app.add_typer(user_app, name="user")

DEFAULT_DB = "frontwatch.db"
# What uvicorn imports in each worker process of ``serve --workers N``.
APP_FACTORY = "frontwatch.serve.app:app_from_environment"
DbOption = Annotated[str, typer.Option("--db", help="SQLite file or postgresql:// URL.")]


class ExportFormat(str, Enum):
    """The export formats of SPEC.md."""

    jsonl = "jsonl"
    acled = "acled"
    geojson = "geojson"


def _usage_error(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def _parse_published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise _usage_error(Messages.E012.format(value=value, field="--published")) from e


def _open(db: str):
    from frontwatch.store import open_store

    try:
        return open_store(db)
    except FrontwatchError as e:
        raise _usage_error(str(e)) from e


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what the pipeline does.")] = False) -> None:
    """frontwatch: news in, structured conflict events out."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@app.command()
def process(
    inputs: Annotated[list[str], typer.Argument(help="Files (.txt, .html, .jsonl), directories or http(s) URLs.")],
    db: DbOption = DEFAULT_DB,
    lang: Annotated[Optional[str], typer.Option("--lang", help="ISO 639-1 language; detected when absent.")] = None,
    published: Annotated[
        Optional[str], typer.Option("--published", help="Publication date YYYY-MM-DD for .txt/.html inputs.")
    ] = None,
    publisher: Annotated[Optional[str], typer.Option("--publisher", help="Publisher of .txt/.html inputs.")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Extraction processes.")] = 1,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow fetching URLs on private, loopback or link-local addresses.")
    ] = False,
) -> None:
    """Read documents, extract their events and store them."""
    from frontwatch.pipeline import process as run_pipeline

    published_date = _parse_published(published)
    store = _open(db)
    show_bar = sys.stderr.isatty()
    done = 0

    def tick(item: Document | Skipped) -> None:
        nonlocal done
        done += 1
        if show_bar:
            name = item.doc_id if isinstance(item, Document) else item.source
            typer.echo(f"\r[{done}] {name[:60]:<60}", nl=False, err=True)

    try:
        summary = run_pipeline(
            inputs,
            store,
            published=published_date,
            publisher=publisher,
            lang=lang,
            allow_private=allow_private,
            workers=workers,
            on_document=tick,
        )
    except InputError as e:
        raise _usage_error(str(e)) from e
    finally:
        store.close()
    if show_bar:
        typer.echo("", err=True)
    typer.echo(
        f"documents read: {summary.read}, stored: {summary.stored}, unchanged: {summary.unchanged}, "
        f"skipped: {len(summary.skipped)}; events stored: {summary.mentions}, claims stored: {summary.claims}"
    )
    for skipped in summary.skipped:
        typer.echo(f"skipped {skipped.source}: {skipped.reason}")
    raise typer.Exit(0 if summary.ok else 1)


@app.command()
def watch(
    feeds: Annotated[
        list[str], typer.Argument(help="RSS, Atom or JSON Feed URLs or files, or TOML files listing feeds.")
    ],
    db: DbOption = DEFAULT_DB,
    interval: Annotated[
        Optional[int],
        typer.Option("--interval", min=0, help="Seconds between polls of a feed that a feed list gives none (default 900)."),
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="Poll the feeds that are due once, then exit (for cron).")] = False,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow fetching URLs on private, loopback or link-local addresses.")
    ] = False,
    timeout: Annotated[
        Optional[float], typer.Option("--timeout", min=0.1, help="Seconds a feed or page may take (default 20).")
    ] = None,
    host_delay: Annotated[
        Optional[float], typer.Option("--host-delay", min=0.0, help="Seconds between requests to one host (default 1).")
    ] = None,
) -> None:
    """Follow feeds: fetch each new item's page, extract its events and fuse them into the store."""
    import dataclasses

    from frontwatch.settings import SETTINGS
    from frontwatch.watch import feed_specs, poll, watch as run_watch

    try:
        specs = feed_specs(feeds)
    except InputError as e:
        raise _usage_error(str(e)) from e
    changes = {}
    if timeout is not None:
        changes["fetch_timeout_s"] = timeout
    if host_delay is not None:
        changes["feed_host_delay_s"] = host_delay
    settings = dataclasses.replace(SETTINGS, **changes)
    store = _open(db)
    show_bar = sys.stderr.isatty()
    failed = False

    def tick(spec, item) -> None:
        if show_bar:
            typer.echo(f"\r  fetching {(item.title or item.link)[:70]:<70}", nl=False, err=True)

    def report(reports) -> None:
        nonlocal failed
        if show_bar:
            typer.echo("", err=True)
        for line in poll_lines(reports):
            typer.echo(line)
        failed = failed or any(not r.ok for r in reports)

    try:
        if once:
            report(poll(store, specs, interval_s=interval, allow_private=allow_private, settings=settings, on_item=tick))
        else:
            typer.echo(f"watching {len(specs)} feeds (Ctrl-C to stop)", err=True)
            run_watch(store, specs, interval_s=interval, allow_private=allow_private, settings=settings,
                      on_poll=report, on_item=tick)
    except KeyboardInterrupt:
        typer.echo("stopped", err=True)
    finally:
        store.close()
    raise typer.Exit(1 if once and failed else 0)


def poll_lines(reports) -> list[str]:
    """A poll's report: one line per feed (and one per skipped item), then the totals."""
    lines = []
    for r in reports:
        if r.outcome == "waiting":
            why = f"backing off after {r.failures} failures in a row" if r.failures else "not due"
            lines.append(f"feed {r.source}: {why}; next poll {r.next_poll:%Y-%m-%d %H:%M:%S} UTC")
        elif r.outcome == "error":
            lines.append(f"feed {r.source}: error: {r.error} ({r.failures} in a row; "
                         f"next try {r.next_poll:%Y-%m-%d %H:%M:%S} UTC)")
        elif r.outcome == "not_modified":
            lines.append(f"feed {r.source}: not modified (304)")
        else:
            lines.append(
                f"feed {r.source}: {r.status or 'file'}, {r.items} items, {r.new} new: stored {r.stored}, "
                f"unchanged {r.unchanged}, skipped {len(r.skipped)}; events stored: {r.mentions}, claims stored: {r.claims}"
            )
        lines.extend(f"  skipped {what}: {why}" for what, why in r.skipped)
    count = {k: sum(1 for r in reports if r.outcome == k) for k in ("ok", "not_modified", "error", "waiting")}
    lines.append(
        f"poll: feeds {len(reports)} (read {count['ok']}, not modified {count['not_modified']}, "
        f"failed {count['error']}, waiting {count['waiting']}); items new {sum(r.new for r in reports)}, "
        f"stored {sum(r.stored for r in reports)}, unchanged {sum(r.unchanged for r in reports)}, "
        f"skipped {sum(len(r.skipped) for r in reports)}; events stored: {sum(r.mentions for r in reports)}, "
        f"claims stored: {sum(r.claims for r in reports)}"
    )
    return lines


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="jsonl, acled (CSV) or geojson.")],
    db: DbOption = DEFAULT_DB,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Output file; stdout when absent.")] = None,
    exclude_rejected: Annotated[
        bool, typer.Option("--exclude-rejected", help="Leave out events an analyst rejected.")
    ] = False,
    reviewed_only: Annotated[
        bool, typer.Option("--reviewed-only", help="Only events an analyst confirmed or corrected.")
    ] = False,
) -> None:
    """Write the stored events in one of the export formats (with each event's review status)."""
    from frontwatch.export import export as run_export
    from frontwatch.store.base import EventQuery

    if output is None and not Path(db).exists() and "://" not in db:
        raise _usage_error(f"No store at {db}: run 'frontwatch process' first or pass --db.")
    query = None
    if reviewed_only:
        query = EventQuery(review_status=("confirmed", "corrected"))
    elif exclude_rejected:
        query = EventQuery(review_status=("machine", "confirmed", "corrected"))
    store = _open(db)
    try:
        if output is None:
            run_export(store, fmt.value, sys.stdout, query)
        else:
            with output.open("w", encoding="utf-8", newline="") as out:
                run_export(store, fmt.value, out, query)
    finally:
        store.close()


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to bind; loopback by default.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    open_reads: Annotated[
        Optional[bool],
        typer.Option(
            "--open-reads/--token-reads",
            help="Whether reading needs no token; default: open on a loopback address, a token elsewhere. "
            "Writing (review) always needs an analyst's token.",
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            max=64,
            help="Server processes; more than one serves concurrent analysts on several cores (each caches its own "
            "responses).",
        ),
    ] = 1,
) -> None:
    """Serve the HTTP API and the map page over the store."""
    import ipaddress

    import uvicorn

    from frontwatch.serve import create_app
    from frontwatch.serve.app import DB_ENV, OPEN_READS_ENV

    if open_reads is None:
        try:
            open_reads = host == "localhost" or ipaddress.ip_address(host.strip("[]")).is_loopback
        except ValueError:
            open_reads = False
    if not Path(db).exists() and "://" not in db:
        typer.echo(f"note: no store at {db} yet; serving an empty one (run 'frontwatch process' to fill it)", err=True)
    if not open_reads:
        typer.echo("note: reading needs an analyst's token too (not a loopback address; --open-reads opens it)", err=True)
    try:
        app_ = create_app(db, open_reads=open_reads)  # opened here too, so a bad store fails before any worker starts
    except FrontwatchError as e:
        raise _usage_error(str(e)) from e
    if workers == 1:
        uvicorn.run(app_, host=host, port=port, log_level="info")
        return
    app_.state.store.close()
    os.environ[DB_ENV] = db
    os.environ[OPEN_READS_ENV] = "1" if open_reads else "0"
    uvicorn.run(APP_FACTORY, factory=True, workers=workers, host=host, port=port, log_level="info")


@app.command("eval")
def evaluate(
    gold: Annotated[
        Optional[Path], typer.Argument(help="A gold annotation file (see docs/gold-format.md); omit with --acled.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    acled: Annotated[
        Optional[Path],
        typer.Option("--acled", help="Measure against an ACLED CSV export with English notes (docs/acled-eval.md)."),
    ] = None,
    limit: Annotated[
        Optional[int], typer.Option("--limit", min=1, help="With --acled: at most N rows (whole notes texts).")
    ] = None,
    seed: Annotated[
        Optional[int], typer.Option("--seed", help="With --acled: draw the rows in this seeded random order.")
    ] = None,
    country: Annotated[
        Optional[list[str]], typer.Option("--country", help="With --acled: only this country (repeatable).")
    ] = None,
    event_type: Annotated[
        Optional[list[str]], typer.Option("--event-type", help="With --acled: only this ACLED event type (repeatable).")
    ] = None,
    min_rows: Annotated[
        int, typer.Option("--min-rows", min=1, help="With --acled: countries with fewer rows are pooled.")
    ] = 20,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Extraction processes.")] = 1,
    json_out: Annotated[
        Optional[Path], typer.Option("--json-out", help="Also write the report as JSON to this file.")
    ] = None,
) -> None:
    """Process the gold's documents (or ACLED's notes) into a temporary store and score the events against them."""
    import json

    if acled is not None:
        if gold is not None:
            raise _usage_error("Give either a gold file or --acled PATH, not both.")
        _evaluate_acled(acled, as_json, limit, seed, country or [], event_type or [], min_rows, workers, json_out)
        return
    if gold is None:
        raise _usage_error("Give a gold file, or --acled PATH.")
    acled_only = {
        "--limit": limit is not None,
        "--seed": seed is not None,
        "--country": bool(country),
        "--event-type": bool(event_type),
        "--min-rows": min_rows != 20,
    }
    misplaced = [name for name, given in acled_only.items() if given]
    if misplaced:
        raise _usage_error(f"{', '.join(misplaced)} only apply with --acled.")

    from frontwatch.eval.harness import format_report, run

    if not gold.exists():
        raise _usage_error(Messages.E016.format(source=gold))
    try:
        report = run(str(gold), workers=workers)
    except FrontwatchError as e:
        raise _usage_error(str(e)) from e
    if json_out is not None:
        json_out.write_text(json.dumps(report.to_dict(), indent=2), encoding="utf-8")
    typer.echo(json.dumps(report.to_dict(), indent=2) if as_json else format_report(report))


def _evaluate_acled(
    path: Path,
    as_json: bool,
    limit: int | None,
    seed: int | None,
    countries: list[str],
    event_types: list[str],
    min_rows: int,
    workers: int,
    json_out: Path | None,
) -> None:
    from frontwatch.eval.acled import acled_report_json, format_acled_report, run_acled

    if not path.exists():
        raise _usage_error(Messages.E016.format(source=path))
    try:
        report = run_acled(
            path,
            limit=limit,
            seed=seed,
            countries=countries,
            event_types=event_types,
            min_country_rows=min_rows,
            workers=workers,
        )
    except FrontwatchError as e:
        raise _usage_error(str(e)) from e
    if json_out is not None:
        json_out.write_text(acled_report_json(report), encoding="utf-8")
    typer.echo(acled_report_json(report) if as_json else format_acled_report(report))


@gazetteer_app.command("import")
def gazetteer_import(
    file: Annotated[Path, typer.Argument(help="A GeoNames country dump (SY.txt or SY.zip) or an OCHA P-code CSV.")],
    kind: Annotated[str, typer.Option("--kind", help="geonames or ocha; guessed from the file when absent.")] = "",
) -> None:
    """Load extra places into the user gazetteer, consulted on top of the bundled one."""
    from frontwatch.resolve.gazetteer import import_geonames_dump, import_ocha_pcodes

    if not file.exists():
        raise _usage_error(Messages.E016.format(source=file))
    chosen = kind or ("ocha" if file.suffix.lower() == ".csv" else "geonames")
    if chosen not in ("geonames", "ocha"):
        raise _usage_error(f"Unknown --kind {kind!r}: expected geonames or ocha.")
    try:
        result = import_geonames_dump(str(file)) if chosen == "geonames" else import_ocha_pcodes(str(file))
    except FrontwatchError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(1) from e
    typer.echo(
        f"imported {result.places} places from {file} ({result.kind}) into {result.db_path}; skipped {result.skipped} rows"
    )


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="The analyst's name, as the audit log will show it.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Add an analyst and print their token, once: only a hash of it is stored."""
    from frontwatch.review.auth import add_user

    store = _open(db)
    try:
        added = add_user(store, name)
    except InputError as e:
        raise _usage_error(str(e)) from e
    finally:
        store.close()
    typer.echo(f"analyst {added.name} added; their token (shown once, keep it secret):", err=True)
    typer.echo(added.token)


@user_app.command("list")
def user_list(db: DbOption = DEFAULT_DB) -> None:
    """List the analysts, with when each was added and revoked."""
    from frontwatch.review.auth import list_users

    store = _open(db)
    try:
        users = list_users(store)
    finally:
        store.close()
    if not users:
        typer.echo("no analysts yet: frontwatch user add NAME")
    for user in users:
        state = f"revoked {user.revoked_at:%Y-%m-%d %H:%M}" if user.revoked_at else "active"
        typer.echo(f"{user.name}\tadded {user.created_at:%Y-%m-%d %H:%M}\t{state}")


@user_app.command("revoke")
def user_revoke(
    name: Annotated[str, typer.Argument(help="The analyst whose token stops working.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Revoke an analyst's token: their writes are refused (403) from now on."""
    from frontwatch.review.auth import revoke_user

    store = _open(db)
    try:
        found = revoke_user(store, name)
    finally:
        store.close()
    if not found:
        raise _usage_error(f"No analyst named {name!r} in {db}.")
    typer.echo(f"analyst {name} revoked")
