"""The fast paths give the slow paths' answers: batch parsing, gazetteer memos, cached word sets, record export."""

from __future__ import annotations

import dataclasses
import io
import sys
from datetime import date
from hashlib import sha256
from pathlib import Path

import pytest

for _helpers in ("export", "fuse"):  # the factories of the export and fusion tests
    _folder = str(Path(__file__).resolve().parents[1] / _helpers)
    if _folder not in sys.path:
        sys.path.insert(0, _folder)

from export_factories import aleppo, donetsk_unlocated, khartoum  # noqa: E402

from frontwatch.export import export, write_geojson, write_jsonl  # noqa: E402
from frontwatch.fuse.relation import content_words  # noqa: E402
from frontwatch.records import Document, Evidence  # noqa: E402
from frontwatch.resolve.gazetteer.core import Gazetteer, bundle_path  # noqa: E402
from frontwatch.resolve.gazetteer.normalise import normalise, surface_key  # noqa: E402
from frontwatch.resolve.gazetteer.rank import PlaceContext  # noqa: E402
from frontwatch.resolve.gazetteer.search import GazetteerFile  # noqa: E402
from frontwatch.store import EventQuery, open_store  # noqa: E402

# Wire copy in the style of the wars the system reads: one lede and a paragraph or two each.
ARTICLES = {
    "ua": "Kharkiv, 14 mai 2024 (AFP) - Deux civils ont été tués lundi dans une frappe russe sur Kharkiv, "
    "a annoncé le gouverneur régional Oleg Synegoubov.\nSelon lui, six autres personnes ont été blessées. "
    "Le quartier est situé dans le nord de la ville.",
    "sahel": "Bamako, 12 juin 2024 (AFP) - Des hommes armés ont attaqué mardi le village de Diafarabé, dans le "
    "centre du Mali, tuant au moins neuf civils, selon des sources locales.\nLes assaillants sont repartis "
    "à moto vers la brousse.",
    "sudan": "Khartoum, 27 septembre 2024 (AFP) - L'armée soudanaise a lancé jeudi une offensive contre les "
    "Forces de soutien rapide (FSR) à Khartoum.\nDes tirs d'artillerie ont été entendus toute la nuit, "
    "ont rapporté des habitants.",
    "gaza": "Gaza, 6 août 2024 (AFP) - Une frappe israélienne a tué au moins 12 personnes dans une école de "
    "Gaza-ville, a annoncé la Défense civile.\nL'armée israélienne a dit avoir visé un centre de commandement "
    "du Hamas.",
}


def _document(name: str, text: str) -> Document:
    return Document(f"speed-{name}", text, text, sha256(text.encode()).hexdigest(), publisher="AFP",
                    published=date(2024, 9, 27), language="fr")


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return [_document(name, text) for name, text in ARTICLES.items()]


def test_extract_batch_gives_the_events_of_extract_document(documents):
    from frontwatch.extract.document import extract_document
    from frontwatch.pipeline import extract_batch

    batch = extract_batch(documents)
    assert [doc for doc, _ in batch] == documents
    one_by_one = [extract_document(doc) for doc in documents]
    assert [result for _, result in batch] == one_by_one
    assert sum(len(events) for events in one_by_one) >= 3  # real events, not an empty comparison


def test_extract_batch_parses_a_sentence_documents_share_once(documents, monkeypatch):
    """A wire story republished under another id: its sentences go through the model once for the batch, and
    each copy yields the events it yields alone."""
    import frontwatch.nlp.model as model
    from frontwatch.extract.document import extract_document
    from frontwatch.extract.parsing import parse_inputs
    from frontwatch.pipeline import extract_batch

    story = documents[2]  # the offensive in Khartoum
    copy = dataclasses.replace(story, doc_id="speed-sudan-copy", source="speed-sudan-copy")
    piped: list[str] = []
    real = model.load_nlp

    class Counting:  # the pipeline, noting every text piped
        def __init__(self, nlp):
            self.nlp = nlp

        def __getattr__(self, name):
            return getattr(self.nlp, name)

        def pipe(self, texts, **kwargs):
            texts = list(texts)
            piped.extend(texts)
            return self.nlp.pipe(texts, **kwargs)

    monkeypatch.setattr(model, "load_nlp", lambda lang: Counting(real(lang)))
    batch = extract_batch([story, copy, documents[0]])
    monkeypatch.undo()
    shared = parse_inputs(story)
    assert shared and all(piped.count(text) == 1 for text in shared)
    assert [result for _, result in batch] == [extract_document(d) for d in (story, copy, documents[0])]
    assert batch[0][1] and [e.event_type for e in batch[0][1]] == [e.event_type for e in batch[1][1]]


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_parse_inputs_are_the_sentences_triage_keeps(name):
    from frontwatch.extract.parsing import parse_inputs
    from frontwatch.extract.sentences import split_sentences
    from frontwatch.extract.triggers import triage

    doc = _document(name, ARTICLES[name])
    sentences = split_sentences(doc.text)
    keep = triage(doc.text, [(s.start, s.end) for s in sentences])
    inputs = parse_inputs(doc)
    assert len(inputs) == sum(keep) >= 1
    kept = [s for s, k in zip(sentences, keep) if k]
    assert [text.strip() for text in inputs] == [doc.text[s.start:s.end] for s in kept]


def test_extract_document_parses_again_when_given_parses_of_other_text(documents):
    from frontwatch.extract.document import extract_document
    from frontwatch.nlp.model import load_nlp

    doc = documents[0]
    texts = ["Autre texte.", "Encore un autre."]
    foreign = dict(zip(texts, load_nlp("fr").pipe(texts)))
    assert extract_document(doc, foreign) == extract_document(doc)


def test_split_sentences_returns_a_list_the_caller_may_change():
    from frontwatch.extract.sentences import split_sentences

    text = ARTICLES["sudan"]
    first = split_sentences(text)
    first.clear()
    assert len(split_sentences(text)) == 2


@pytest.mark.parametrize("size,expected", [(1, [1, 1, 1, 1, 1]), (2, [2, 2, 1]), (16, [5])])
def test_batches_cut_documents_in_order(size, expected):
    from frontwatch.pipeline import _batches

    out = list(_batches(iter(range(5)), size))
    assert [len(b) for b in out] == expected
    assert [x for b in out for x in b] == list(range(5))


@pytest.mark.parametrize("name", ["Alep", "Kharkiv", "Khartoum", "Diafarabé", "Nousseirat", "Gaza"])
def test_gazetteer_memo_answers_like_a_file_without_one(name):
    path = bundle_path()
    memo, plain = GazetteerFile(path, "bundle", immutable=True), GazetteerFile(path, "bundle")
    key, surface = normalise(name, "fr"), surface_key(name, "fr")
    assert memo.immutable and not plain.immutable
    fresh = plain.exact(key, surface)
    assert fresh, name
    assert memo.exact(key, surface) == fresh
    memo.exact(key, surface).clear()  # a caller changing its list does not change the kept answer
    assert memo.exact(key, surface) == fresh


@pytest.mark.parametrize("name,country", [("Kharkov", "UA"), ("Nuseirat", "PS"), ("Omdurmane", "SD")])
def test_gazetteer_memo_keeps_fuzzy_answers(name, country):
    path = bundle_path()
    memo, plain = GazetteerFile(path, "bundle", immutable=True), GazetteerFile(path, "bundle")
    key, surface = normalise(name, "fr"), surface_key(name, "fr")
    countries = frozenset({country})
    assert memo.fuzzy(key, surface, countries, 80.0) == plain.fuzzy(key, surface, countries, 80.0)
    assert memo.fuzzy(key, surface, countries, 80.0) == plain.fuzzy(key, surface, countries, 80.0)


@pytest.mark.parametrize("name,country", [("Alep", "SY"), ("Pokrovsk", "UA"), ("El-Facher", "SD")])
def test_gazetteer_resolution_is_kept_and_equal(name, country):
    gaz = Gazetteer()
    context = PlaceContext(countries=((country, 1.0),))
    first = gaz.resolve_with_population(name, context)
    assert gaz.resolve_with_population(name, context) == first
    assert first[0] is not None and first[0].country
    assert len(gaz._resolved) == 1
    assert gaz.resolve_with_population(name) == Gazetteer()._resolve_with_population(name, PlaceContext())


def test_content_words_of_equal_evidence_are_equal():
    _, event = aleppo()
    copy = dataclasses.replace(event, event_id="other", evidence=tuple(Evidence(**dataclasses.asdict(e)) for e in event.evidence))
    assert content_words(copy) == content_words(event)
    assert content_words(dataclasses.replace(event, evidence=())) == frozenset()
    assert "morts" in content_words(dataclasses.replace(event, evidence=(Evidence("d", 0, 9, "311 morts"),)))


@pytest.fixture
def store(tmp_path):
    opened = open_store(str(tmp_path / "speed.db"))
    for doc, event in (aleppo(), khartoum(), donetsk_unlocated()):
        mention = f"{event.event_id}-m"
        opened.save(doc, [dataclasses.replace(event, event_id=mention)], [event], {mention: event.event_id})
    yield opened
    opened.close()


@pytest.mark.parametrize("fmt,writer", [("jsonl", write_jsonl), ("geojson", write_geojson)])
@pytest.mark.parametrize("query", [None, EventQuery(event_type="Battles")])
def test_export_from_dicts_writes_the_bytes_of_records(store, fmt, writer, query):
    fast, slow = io.StringIO(), io.StringIO()
    n = export(store, fmt, fast, query)
    if fmt == "geojson":
        query = dataclasses.replace(query or EventQuery(), bbox=(-180.0, -90.0, 180.0, 90.0))
    assert writer(store.iter_events(query), slow) == n >= 1
    assert fast.getvalue() == slow.getvalue()


def _neighbours_over_covering_span(stored, marked, settings):
    """The former ``_neighbours``: every stored mention from the first to the last day any new mention reaches."""
    from datetime import timedelta

    from frontwatch.fuse.cluster import attachable, linked
    from frontwatch.fuse.relation import day, reach_days

    bounds = [(day(m) - timedelta(days=reach_days(m, settings)), day(m) + timedelta(days=reach_days(m, settings)))
              for m in marked if day(m)]
    own = {m.event_id for m in marked}
    first, last = min(b[0] for b in bounds).isoformat(), max(b[1] for b in bounds).isoformat()
    candidates = [(e, m) for e, m in stored if first <= m.event_date <= last and m.event_id not in own]
    out, contested = set(), []
    for event_id, stored in candidates:
        for m in marked:
            if linked(m, stored, settings) or attachable(m, stored, settings):
                out.add(event_id)
            elif attachable(stored, m, settings):
                out.add(event_id)
                contested.append(stored)
    for event_id, stored in candidates:
        if any(attachable(v, stored, settings) for v in contested):
            out.add(event_id)
    return out


def _stored_mentions():
    """120 reports of three Donbas towns over five months, a quarter of them vague, each its own fused event."""
    from fuse_factories import mention

    from frontwatch.fuse.cluster import assign_roles
    from frontwatch.fuse.merge import build_event

    out = []
    places = ["Kramatorsk", "Sloviansk", "Donetsk"]
    for k in range(120):
        when = date(2024, 3, 1).toordinal() + (k * 7) % 150
        vague = k % 4 == 0
        m = mention(f"old-{k}", f"Frappe russe sur la ville, {k % 5} morts selon le gouverneur.",
                    place=places[k % 3], day=date.fromordinal(when).isoformat(),
                    event_type="Battles" if k % 5 == 0 else "Explosions/Remote violence",
                    sub_event_type="Armed clash" if k % 5 == 0 else "Shelling/artillery/missile attack",
                    time_precision=3 if vague else 1, geo_precision=3 if vague else 1)
        out.extend((build_event([x]).event_id, x) for x in assign_roles([m]))
    return out


@pytest.mark.parametrize("days", [("2024-04-10",), ("2024-04-10", "2024-07-01"), ("2024-03-05", "2024-05-20", "2024-07-25")])
@pytest.mark.parametrize("precision", [1, 3])
def test_fusion_neighbours_read_per_span_find_what_the_covering_span_finds(days, precision, tmp_path):
    from fuse_factories import mention

    from frontwatch.fuse import _neighbours
    from frontwatch.fuse.cluster import assign_roles
    from frontwatch.fuse.merge import build_event
    from frontwatch.settings import SETTINGS

    stored = _stored_mentions()
    new = [mention("new", f"Bombardement russe sur Kramatorsk, {i} blessés selon le gouverneur.", day=d,
                   time_precision=precision, geo_precision=1, start=i * 80) for i, d in enumerate(days)]
    marked = assign_roles(new)
    expected = _neighbours_over_covering_span(stored, marked, SETTINGS)
    with open_store(str(tmp_path / "reach.db")) as store:
        for event_id, m in stored:
            doc_id = m.sources[0].doc_id
            store.save(Document(doc_id, "texte", "texte", doc_id), [m], [build_event([m])], {m.event_id: event_id})
        # at least what the covering span finds: the per-mention reach also fetches every event a contested
        # vague report fits within that report's own reach, which the covering span of the new ones may not hold
        assert _neighbours(store, marked, SETTINGS) >= expected
    assert expected  # the new reports do meet stored ones


def test_extract_batch_falls_back_to_one_by_one_when_the_batch_parse_fails(documents, monkeypatch):
    import frontwatch.nlp.model as model
    from frontwatch.extract.document import extract_document
    from frontwatch.pipeline import extract_batch

    class Broken:
        def pipe(self, *args, **kwargs):
            raise RuntimeError("model exploded")

    monkeypatch.setattr(model, "load_nlp", lambda lang: Broken())
    batch = extract_batch(documents[:2])
    monkeypatch.undo()
    assert [result for _, result in batch] == [extract_document(doc) for doc in documents[:2]]
