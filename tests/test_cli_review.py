"""The command line for a reviewing desk: analysts and their tokens, a review kept when a seed is processed again
(unchanged and as a new version), and exports leaving out rejected or unreviewed events."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from typer.testing import CliRunner

from frontwatch import review
from frontwatch.review import auth
from frontwatch.cli import app
from frontwatch.store import open_store

runner = CliRunner()


def test_cli_user_add_prints_a_token_once_and_stores_only_its_hash(tmp_path):
    db = tmp_path / "desk.db"
    added = runner.invoke(app, ["user", "add", "amina", "--db", str(db)])
    assert added.exit_code == 0, added.output
    token = added.stdout.strip().splitlines()[-1]
    assert token.startswith("fw_") and len(token) == 3 + 16 + 1 + 43
    store = open_store(str(db))
    try:
        (user,) = auth.list_users(store)
        assert user.token_hash.startswith("$argon2id$") and token not in user.token_hash
        assert token.split("_", 2)[2] not in user.token_hash
        assert auth.Authenticator(store).analyst(f"Bearer {token}").name == "amina"
    finally:
        store.close()
    assert token.encode() not in db.read_bytes()
    assert runner.invoke(app, ["user", "add", "amina", "--db", str(db)]).exit_code == 2  # the name is taken
    assert runner.invoke(app, ["user", "add", "<b>x</b>", "--db", str(db)]).exit_code == 2
    listed = runner.invoke(app, ["user", "list", "--db", str(db)])
    assert "amina" in listed.output and "active" in listed.output and token not in listed.output
    assert runner.invoke(app, ["user", "revoke", "amina", "--db", str(db)]).exit_code == 0
    assert "revoked" in runner.invoke(app, ["user", "list", "--db", str(db)]).output
    assert runner.invoke(app, ["user", "revoke", "nobody", "--db", str(db)]).exit_code == 2
    store = open_store(str(db))
    try:
        with pytest.raises(auth.AuthFailure) as failure:
            auth.Authenticator(store).analyst(f"Bearer {token}")
        assert failure.value.status == 403
    finally:
        store.close()


@pytest.mark.slow
def test_cli_review_kept_when_a_seed_is_processed_again_and_exports_filter(tmp_path, seed_paths):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in seed_paths[:2]:
        shutil.copy(path, seeds / path.name)
    db = str(tmp_path / "desk.db")
    args = ["process", str(seeds), "--db", db, "--published", "2024-11-29"]
    assert runner.invoke(app, args).exit_code == 0
    store = open_store(db)
    try:
        events = sorted(store.iter_events(), key=lambda e: (-len(e.claims), e.event_id))
        assert len(events) >= 3
        target, rejected = events[0], events[1]
        review.correct(store, target.event_id, "amina", {"fatalities": 77, "actor2": "Civilians (Syria)"}, reason="r")
        review.reject(store, rejected.event_id, "amina", reason="not political violence")
        doc_id = target.sources[0].doc_id
    finally:
        store.close()

    assert "stored: 0, unchanged: 2" in runner.invoke(app, args).output  # the same files: nothing to do
    page = seeds / f"{doc_id}.txt"
    page.write_text(page.read_text(encoding="utf-8") + "\n\nMise à jour : cet article a été complété.\n", encoding="utf-8")
    again = runner.invoke(app, args)
    assert "stored: 1, unchanged: 1" in again.output, again.output  # a new version of one page, re-processed

    store = open_store(db)
    try:
        found = [e for e in store.iter_events() if (e.extra.get("review") or {}).get("status") == "corrected"]
        assert len(found) == 1
        assert found[0].fatalities == 77 and found[0].actor2 == "Civilians (Syria)"
        assert doc_id in {s.doc_id for s in found[0].sources}
        assert len(review.audit(store, found[0].event_id)["audit"]) == 3  # actor2, fatalities, status: no more
        total = store.count_events()
    finally:
        store.close()

    out = runner.invoke(app, ["export", "--format", "jsonl", "--db", db]).stdout
    statuses = sorted(json.loads(line)["review_status"] for line in out.splitlines())
    assert statuses.count("corrected") == 1 and statuses.count("rejected") == 1 and len(statuses) == total
    out = runner.invoke(app, ["export", "--format", "acled", "--db", db, "--exclude-rejected"]).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == total - 1 and all(r["tags"] != "review: rejected" for r in rows)
    out = runner.invoke(app, ["export", "--format", "acled", "--db", db, "--reviewed-only"]).stdout
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["fatalities"] == "77" and row["actor2"] == "Civilians (Syria)" and row["tags"] == "review: corrected"
