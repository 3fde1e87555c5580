"""Tests of the bundled gazetteer: normalised keys, search, ranking in context, fallbacks, imports, eval floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontwatch.data import read_tsv_dicts
from frontwatch.eval.geocoding import evaluate_geocoding
from frontwatch.resolve.gazetteer import Gazetteer, PlaceContext, import_geonames_dump, import_ocha_pcodes, normalise
from frontwatch.resolve.gazetteer.build import haversine_km

ROOT = Path(__file__).resolve().parents[2]
SY = PlaceContext(countries=(("SY", 1.0),))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


@pytest.mark.parametrize(
    "spellings",
    [
        ("Maaret al-Noomane", "Maarat al-Numan", "Ma`arrat an Nu`man"),
        ("Jisr el-Choughour", "Jisr al-Shughur", "Jisr ash Shughūr"),
        ("Deir Ezzor", "Deir ez-Zor", "Dayr az Zawr"),
        ("Saraqeb", "Saraqib"),
        ("Idleb", "Idlib"),
        ("Zerbeh", "Az Zarbah"),
        ("Khan Al Assal", "Khan al `Asal", "Khan al-Asal"),
        ("Zahra", "Az Zahra'"),
        ("Neirab", "An Nayrab", "al-Nayrab"),
        ("Tal Madeeq", "Tall Madiq"),
        ("Deir Hafer", "Dayr Hafir", "Dayr Ḩāfir"),
        ("Maliha al-Charqiya", "Al Malihah ash Sharqiyah"),
        ("Bakhmout", "Bakhmut", "Бахмут"),
        ("Kharkiv", "Харків"),
        ("El-Facher", "El Fasher", "Al Fashir"),
        ("Khan Younès", "Khan Yunis"),
        ("Jabalia", "Jabaliya"),
        ("النيرب", "نيرب", "ٱلنَّيْرَب"),
    ],
)
def test_normalise_romanisations_meet(spellings):
    keys = {normalise(s) for s in spellings}
    assert len(keys) == 1, keys


@pytest.mark.parametrize("a,b", [("Alep", "Idlib"), ("Nubl", "Zahra"), ("Gaza", "Rafah"), ("Homs", "Hama")])
def test_normalise_distinct_places_stay_apart(a, b):
    assert normalise(a) != normalise(b)


@pytest.mark.parametrize("name", ["", "   ", "—", "東京"])
def test_normalise_empty_or_unindexed_script_gives_empty_key(name):
    assert normalise(name) == ""


@pytest.mark.parametrize(
    "name,context,lat,lon",
    [
        ("Saraqeb", SY, 35.864, 36.806),
        ("Zerbeh", SY, 36.068, 36.980),
        ("Khan Al Assal", SY, 36.171, 37.039),
        ("Nubl", SY, 36.379, 36.993),
        ("Deir Hafer", SY, 36.157, 37.708),
        ("Tal Madeeq", SY, 36.415, 37.290),
        ("Sfuhen", PlaceContext(countries=(("SY", 1.0),), admin_names=("Idleb",), type_hint="village"), 35.607, 36.463),
        ("Maaret al-Noomane", SY, 35.648, 36.677),
        ("Jisr el-Choughour", SY, 35.814, 36.321),
        ("Kafranbel", SY, 35.614, 36.564),
        ("Bakhmout", PlaceContext(countries=(("UA", 1.0),)), 48.597, 38.001),
        ("Pokrovsk", PlaceContext(countries=(("UA", 1.0),)), 48.282, 37.177),
        ("Tombouctou", PlaceContext(countries=(("ML", 1.0),)), 16.773, -3.007),
        ("Djibo", PlaceContext(countries=(("BF", 1.0),)), 14.099, -1.627),
        ("El-Facher", PlaceContext(countries=(("SD", 1.0),)), 13.628, 25.349),
        ("Khan Younès", PlaceContext(countries=(("PS", 1.0),)), 31.343, 34.307),
    ],
)
def test_gazetteer_resolve_places_across_theatres(gaz, name, context, lat, lon):
    place = gaz.resolve(name, context)
    assert place is not None
    assert place.geo_precision == 1
    assert haversine_km(place.latitude, place.longitude, lat, lon) < 3.0
    assert place.method in ("exact", "fuzzy") and place.score > 0 and place.mention == name


@pytest.mark.parametrize(
    "name,type_hint,lat,lon",
    [("Nayrab", "airport", 36.181, 37.224), ("Nayrab", "village", None, None)],
)
def test_gazetteer_resolve_type_hint_chooses_airport_or_refuses(gaz, name, type_hint, lat, lon):
    place = gaz.resolve(name, PlaceContext(countries=(("SY", 1.0),), type_hint=type_hint))
    if lat is None:
        # two villages called An Nayrab, 60 km apart, in different provinces: no guess
        assert place is None
    else:
        assert place is not None and haversine_km(place.latitude, place.longitude, lat, lon) < 2.0


def test_gazetteer_resolve_relative_point_picks_the_near_homonym(gaz):
    near_saraqib = PlaceContext(countries=(("SY", 1.0),), type_hint="village", expected=((35.864, 36.74, 8.0),))
    place = gaz.resolve("Neirab", near_saraqib)
    assert place is not None and haversine_km(place.latitude, place.longitude, 35.87, 36.72) < 3.0


@pytest.mark.parametrize(
    "name,admin,expected_admin,precision",
    [("Kfar Nonexistentia", "Idleb", "Idlib", 2), ("Qaryat al-Mawhuma", "Hama", "Hamah", 2)],
)
def test_gazetteer_fallback_to_named_province_when_unknown(gaz, name, admin, expected_admin, precision):
    context = PlaceContext(countries=(("SY", 1.0),), admin_names=(admin,), type_hint="village")
    place = gaz.resolve(name, context)
    assert place is not None
    assert place.method == "admin_fallback" and place.geo_precision == precision and place.admin1 == expected_admin


def test_gazetteer_known_city_abroad_is_not_fuzzily_a_focus_village(gaz):
    """A misspelling search runs only where nothing bears the name: Sydney read in an article about France is
    Sydney (or unresolved), never the French town whose key is closest (Saint-Denis); Saraqeb still finds
    Saraqib in Syria."""
    fr = PlaceContext(countries=(("FR", 1.0),), marked=True)
    found = gaz.search("Sydney", frozenset({"FR"}))
    assert found and all(c.method == "exact" and c.country_code != "FR" for c in found)
    assert all(s.candidate.country_code != "FR" for s in gaz.rank("Sydney", fr))
    assert gaz.resolve("Saraqeb", SY).geonameid == gaz.resolve("Saraqib", SY).geonameid is not None


def test_gazetteer_unknown_name_without_context_is_none(gaz):
    assert gaz.resolve("Kfar Nonexistentia", SY) is None


@pytest.mark.parametrize("name,code", [("Idleb", "Idlib"), ("Alep", "Aleppo"), ("Deraa", "Dar`a")])
def test_gazetteer_province_type_gives_admin1_precision_3(gaz, name, code):
    place = gaz.resolve(name, PlaceContext(countries=(("SY", 1.0),), type_hint="admin1"))
    assert place is not None and place.geo_precision == 3 and place.admin1 == code


@pytest.mark.parametrize("name,country,seat", [
    ("Diyala", "IQ", "Ba‘qūbah"),  # marked as the province's seat (PPLA), named otherwise
    ("Soueida", "SY", "As-Suwayda"),  # unmarked: the town named like the province
    ("Gao", "ML", "Gao"),
])
def test_gazetteer_province_seat_is_where_acled_puts_a_province(gaz, name, country, seat):
    province = gaz.resolve(name, PlaceContext(countries=((country, 1.0),), type_hint="admin1"))
    found = gaz.province_seat(province)
    assert province.geo_precision == 3 and found is not None and found.name == seat
    assert haversine_km(province.latitude, province.longitude, found.latitude, found.longitude) > 10


def test_gazetteer_province_without_a_known_seat_has_none(gaz):
    # Nangarhar's seat is Jalalabad, which the bundle neither marks nor names like the province
    province = gaz.resolve("Nangarhar", PlaceContext(countries=(("AF", 1.0),), type_hint="admin1"))
    assert province is not None and gaz.province_seat(province) is None


@pytest.mark.parametrize("name,country", [("Syrie", "Syria"), ("Turquie", "Turkey"), ("Russie", "Russia"), ("Iran", "Iran")])
def test_gazetteer_country_names_resolve_to_countries(gaz, name, country):
    place = gaz.resolve(name, SY)
    assert place is not None and place.country == country and place.geo_precision == 3


def test_supplement_rows_have_a_source_and_valid_points():
    rows = read_tsv_dicts("gazetteer", "supplement.tsv")
    assert len(rows) >= 20
    for row in rows:
        assert row["source"].strip()
        assert -90 <= float(row["latitude"]) <= 90 and -180 <= float(row["longitude"]) <= 180
    assert [r["name"] for r in rows] == sorted(r["name"] for r in rows)


def test_import_geonames_dump_adds_places_to_user_gazetteer(tmp_path):
    dump = tmp_path / "XX.txt"
    cols = ["99000001", "Qaryat Frontwatch", "Qaryat Frontwatch", "Karyet Frontwatch,Qariat Frontwatch", "35.9", "36.7",
            "P", "PPL", "SY", "", "07", "", "", "", "0", "", "300", "Asia/Damascus", "2024-01-01"]
    dump.write_text("\t".join(cols) + "\n", encoding="utf-8")
    db = tmp_path / "user.sqlite"
    result = import_geonames_dump(dump, db)
    assert result.places == 1
    gaz = Gazetteer(user_dbs=(db,))
    place = gaz.resolve("Karyet Frontwatch", SY)
    assert place is not None and place.geonameid == 99000001 and place.admin1 == "Idlib"


def test_import_ocha_pcodes_gives_places_pcodes(tmp_path):
    src = tmp_path / "ocha.csv"
    header = ("pcode,kind,name_en,name_ar,latitude,longitude,parent_pcode,admin1_pcode,admin1_name_en,admin2_pcode,"
              "admin2_name_en,admin3_pcode,admin3_name_en,is_governorate_capital,is_subdistrict_center")
    rows = ["C4054,community,Sfuhen,سفوهن,35.607329,36.464495,SY070203,SY07,Idleb,SY0702,Al Ma'ra,SY070203,Kafr Nobol,0,0",
            "SY07,governorate,Idleb,إدلب,35.9,36.6,,,,,,,,0,0"]
    src.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    db = tmp_path / "user.sqlite"
    result = import_ocha_pcodes(src, db)
    assert (result.places, result.skipped) == (1, 1)
    place = Gazetteer(user_dbs=(db,)).resolve("Sfuhen", PlaceContext(countries=(("SY", 1.0),), type_hint="village"))
    assert place is not None and place.pcode == "C4054"


def test_evaluate_geocoding_meets_floors():
    report = evaluate_geocoding(ROOT / "eval" / "geocoding" / "toponyms.tsv")
    assert report["cases"] >= 150
    assert report["within_10km"] >= 0.86  # measured 0.876; target >= 0.80
    assert report["confident_wrong"] < 0.03  # measured 0.025
    assert report["median_ms"] < 5.0


@pytest.mark.slow
def test_evaluate_geocoding_in_context_meets_floors():
    """Toponyms where they stand in real fr-dev articles, annotated blind: the floors of run_context_eval.py."""
    from frontwatch.eval.geocoding import evaluate_in_context
    from frontwatch.eval.gold import corpus_dir

    corpus = corpus_dir(ROOT / "eval" / "gold" / "real-dev.json") / "fr-dev"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus/fr-dev is not available")
    report = evaluate_in_context(ROOT / "eval" / "geocoding" / "fr-dev-in-context.tsv", corpus)
    assert report["cases"] >= 150
    assert report["within_10km"] >= 0.9  # measured 0.905; the places issue's target is 0.9
    assert report["wrong_country"] <= 0.015  # measured 0.014; target <= 0.02
    assert report["confident_wrong"] <= 0.02  # measured 0.017


def test_evaluate_in_context_reads_offsets_and_rejects_a_missing_article(tmp_path):
    from frontwatch.errors import DataFileError
    from frontwatch.eval.geocoding import evaluate_in_context

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "Des frappes ont visé Alep mercredi, selon l'OSDH."
    (corpus / "a.jsonl").write_text('{"id": "d1", "text": "%s", "published": "2024-11-28"}\n' % text, encoding="utf-8")
    header = "doc_id\tstart\tend\tphrase\trole\tkind\tgeonameid\tname\tcountry\tadmin1\tlatitude\tlongitude\tnote\n"
    start = text.index("Alep")
    row = f"d1\t{start}\t{start + 4}\tAlep\tscene\ttown\t170063\tAleppo\tSY\tAleppo\t36.20124\t37.16117\t\n"
    tsv = tmp_path / "cases.tsv"
    tsv.write_text(header + row, encoding="utf-8")
    report = evaluate_in_context(tsv, corpus)
    assert (report["cases"], report["within_10km"], report["wrong_country"]) == (1, 1.0, 0.0)
    tsv.write_text(header + row.replace("d1", "d2", 1), encoding="utf-8")
    with pytest.raises(DataFileError):
        evaluate_in_context(tsv, corpus)


def test_gazetteer_a_city_is_no_coin_toss_with_a_village_of_its_country_a_tenth_its_size():
    from frontwatch.resolve.gazetteer import Gazetteer, PlaceContext

    place = Gazetteer.default().resolve("Khorramabad", PlaceContext(countries=(("IR", 1.0),), lang="en"))
    assert place is not None and place.country == "Iran" and place.geo_precision == 1


def test_gazetteer_the_town_that_names_its_district_beats_a_homonymous_hamlet():
    from frontwatch.resolve.gazetteer import Gazetteer, PlaceContext

    place = Gazetteer.default().resolve("Balcad", PlaceContext(countries=(("SO", 1.0),), lang="en"))
    assert place is not None and place.admin2 == "Balcad" and place.geo_precision == 1


# GeoNames lists a city's airport codes and machine romanisations of its names in other scripts among its names: none
# is a name written in a text. "Sia" is no Xi'an (airport code SIA), "Aru" no Araçatuba (ARU), "Jabisah" no Gabès
# ("jia bei si"); a code the text writes in capitals still names its place ("FCT").
@pytest.mark.parametrize("name,not_country", [("Sia", "CN"), ("Aru", "BR"), ("Jabisah", "TN"), ("Kilo", "EG")])
def test_gazetteer_codes_and_romanisations_are_no_names(gaz, name, not_country):
    assert not_country not in {c.country_code for c in gaz.search(name, None, "en", fuzzy=False)}


def test_gazetteer_a_code_written_in_capitals_names_its_place(gaz):
    assert "Federal Capital Territory" in {c.name for c in gaz.search("FCT", None, "en", fuzzy=False)}
    assert "Aru" in {c.name for c in gaz.search("Aru", None, "en", fuzzy=False)}
