"""Schema tests for the actor and publisher registries: every file parses, is complete and consistent."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

import pytest

from frontwatch.data import data_path, read_toml
from frontwatch.errors import DataFileError
from frontwatch.resolve.actors import (
    ANY_LANG,
    INTER_CODES,
    KINDS,
    ActorRegistry,
    actor_files,
    fold,
)
from frontwatch.resolve.publishers import KINDS as PUBLISHER_KINDS
from frontwatch.resolve.publishers import PublisherRegistry

FILES = actor_files()
THEATRES = [name.removesuffix(".toml") for name in FILES]
PROVENANCE = ("# Source", "# Licence", "# Date", "# Known gaps")


def _alias_specs(raw: dict):
    for table in ("aliases", "descriptive"):
        for lang, items in (raw.get(table) or {}).items():
            for item in items:
                yield lang, ({"text": item} if isinstance(item, str) else item)


def test_actor_files_cover_required_theatres():
    assert {"global", "syria", "ukraine", "sahel", "sudan", "gaza"} <= set(THEATRES)


@pytest.mark.parametrize("parts", [("actors", name) for name in FILES] + [("publishers", "publishers.toml")])
def test_actor_files_start_with_provenance_header(parts):
    text = data_path(*parts).read_text(encoding="utf-8")
    header = [line for line in text.splitlines()[:40] if line.startswith("#")]
    for field in PROVENANCE:
        assert any(line.startswith(field) for line in header), f"{parts} lacks a '{field}' header line"


@pytest.mark.parametrize("name", FILES)
def test_actor_files_have_required_keys_and_codes(name):
    doc = read_toml("actors", name)
    assert doc["theatre"]["id"] == name.removesuffix(".toml")
    ids = [raw["id"] for raw in doc["actors"]]
    assert len(ids) == len(set(ids)), "duplicate actor id in one file"
    for raw in doc["actors"]:
        for key in ("id", "name", "inter", "kind"):
            assert key in raw, f"{raw.get('id')} lacks {key}"
        assert raw["inter"] in INTER_CODES
        assert raw["kind"] in KINDS
        assert list(_alias_specs(raw)), f"{raw['id']} has no alias"
        if raw["kind"] == "state_forces" and not raw.get("parent"):
            # ACLED puts the period after the name or inside it ("Military Forces of Libya (2016-2021) Government
            # of National Accord").
            assert re.search(r"\(\d{4}-(\d{4})?\)", raw["name"]), f"state forces {raw['name']!r} must carry their period (ACLED)"


@pytest.mark.parametrize("name", FILES)
def test_actor_files_alias_languages_and_dates_are_valid(name):
    for raw in read_toml("actors", name)["actors"]:
        for lang, spec in _alias_specs(raw):
            assert lang == ANY_LANG or (len(lang) == 2 and lang.islower()), f"bad language key {lang!r}"
            assert spec["text"].strip() == spec["text"] and fold(spec["text"]), spec
            start, end = spec.get("valid_from", raw.get("valid_from")), spec.get("valid_to", raw.get("valid_to"))
            for value in (start, end):
                assert value is None or isinstance(value, date), f"{spec['text']!r}: dates are TOML dates"
            if start and end:
                assert start < end, f"{spec['text']!r}: valid_from must precede valid_to"


@pytest.mark.parametrize("theatre", THEATRES)
def test_actor_files_each_theatre_loads_on_its_own(theatre):
    registry = ActorRegistry.load(theatres=[theatre], include_publishers=False)
    assert theatre in registry.theatres
    assert registry.find("") == []
    assert all(theatre in actor.theatres or "global" in actor.theatres for actor in registry)


@pytest.mark.parametrize("name", FILES)
def test_actor_files_no_alias_names_two_actors_in_one_theatre_unless_declared(name):
    by_key: dict[str, list[tuple[str, dict, dict]]] = defaultdict(list)
    for raw in read_toml("actors", name)["actors"]:
        for _lang, spec in _alias_specs(raw):
            by_key[fold(spec["text"])].append((raw["id"], raw, spec))
    clashes = []
    for key, entries in by_key.items():
        for i, (a_id, a_raw, a) in enumerate(entries):
            for b_id, b_raw, b in entries[i + 1 :]:
                if a_id == b_id or (a.get("shared") and b.get("shared")):
                    continue
                a_end = a.get("valid_to", a_raw.get("valid_to")) or date.max
                b_start = b.get("valid_from", b_raw.get("valid_from")) or date.min
                b_end = b.get("valid_to", b_raw.get("valid_to")) or date.max
                a_start = a.get("valid_from", a_raw.get("valid_from")) or date.min
                if max(a_start, b_start) < min(a_end, b_end):
                    clashes.append(f"{key!r}: {a_id} / {b_id}")
    assert not clashes, clashes


def test_actor_files_shared_actors_agree_across_theatres():
    seen: dict[str, tuple] = {}
    for name in FILES:
        for raw in read_toml("actors", name)["actors"]:
            identity = tuple(raw.get(k) for k in ("name", "inter", "kind", "country", "parent"))
            assert seen.setdefault(raw["id"], identity) == identity, raw["id"]


def test_actor_files_ids_are_unique_across_canonical_names():
    registry = ActorRegistry.load(include_publishers=False)
    names = [actor.name for actor in registry]
    assert len(names) == len(set(names))


def _doc(theatre="t", **actor):
    base = {"id": "a", "name": "A", "inter": 2, "kind": "rebel", "aliases": {"fr": ["alpha"]}}
    base.update(actor)
    return (f"{theatre}.toml", {"theatre": {"id": theatre, "name": theatre}, "actors": [base]})


@pytest.mark.parametrize(
    "files, detail",
    [
        ([_doc(kind="warlord")], "kind"),
        ([_doc(inter=9)], "inter"),
        ([_doc(country="Syria")], "country"),
        ([_doc(parent="nobody")], "unknown actor"),
        ([_doc(adversaries=["nobody"])], "unknown actor"),
        ([_doc(colour="red")], "unknown keys"),
        ([_doc(aliases={"fr": [{"text": "x", "valid_to": "yesterday"}]})], "bad date"),
        ([_doc(), _doc(theatre="u", name="Another name")], "differs"),
        ([("wrong.toml", _doc()[1])], "file name"),
    ],
)
def test_actor_registry_rejects_malformed_data(files, detail):
    with pytest.raises(DataFileError, match=detail):
        ActorRegistry(files)


def _two(alias_a, alias_b):
    doc = {
        "theatre": {"id": "t", "name": "t"},
        "actors": [
            {"id": "a", "name": "A", "inter": 2, "kind": "rebel", "aliases": {"fr": [alias_a]}},
            {"id": "b", "name": "B", "inter": 2, "kind": "rebel", "aliases": {"fr": [alias_b]}},
        ],
    }
    return [("t.toml", doc)]


def test_actor_registry_rejects_undeclared_alias_clash():
    with pytest.raises(DataFileError, match="names both"):
        ActorRegistry(_two("les rebelles", "Les Rebelles"))


@pytest.mark.parametrize(
    "alias_a, alias_b",
    [
        ({"text": "rebelles", "shared": True}, {"text": "rebelles", "shared": True}),
        ({"text": "rebelles", "valid_to": date(2020, 1, 1)}, {"text": "rebelles", "valid_from": date(2020, 1, 1)}),
    ],
)
def test_actor_registry_accepts_declared_alias_clash(alias_a, alias_b):
    registry = ActorRegistry(_two(alias_a, alias_b))
    assert {m.actor_id for m in registry.find("les rebelles")} <= {"a", "b"}


def test_publisher_file_is_sorted_and_complete():
    entries = read_toml("publishers", "publishers.toml")["publishers"]
    ids = [e["id"] for e in entries]
    assert ids == sorted(ids)
    for entry in entries:
        assert entry["kind"] in PUBLISHER_KINDS
        assert entry["name"].strip()
        for domain in entry.get("domains", ()):
            assert domain == domain.lower() and "://" not in domain and not domain.startswith("www.")
    assert len(PublisherRegistry.load()) == len(entries)


@pytest.mark.parametrize(
    "entries, detail",
    [
        ([{"id": "x", "name": "X", "kind": "blog"}], "kind"),
        ([{"id": "x", "name": "X"}], "lacks"),
        ([{"id": "x", "name": "X", "kind": "wire"}, {"id": "x", "name": "Y", "kind": "wire"}], "twice"),
        ([{"id": "x", "name": "X", "kind": "wire", "domains": ["x.fr"]}, {"id": "y", "name": "Y", "kind": "wire", "domains": ["x.fr"]}], "twice"),
        ([{"id": "x", "name": "Same", "kind": "wire"}, {"id": "y", "name": "same", "kind": "wire"}], "names"),
    ],
)
def test_publisher_registry_rejects_malformed_data(entries, detail):
    with pytest.raises(DataFileError, match=detail):
        PublisherRegistry(entries)
