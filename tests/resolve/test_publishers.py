"""Publisher registry: recognising outlets by URL, by name and by masthead, with a span to cite."""

from __future__ import annotations

import pytest

from frontwatch.resolve.publishers import PublisherRegistry


@pytest.fixture(scope="module")
def registry() -> PublisherRegistry:
    return PublisherRegistry.load()


@pytest.mark.parametrize(
    "url, publisher_id",
    [
        ("https://www.lemonde.fr/international/article/2024/11/30/syrie-alep_6421.html", "lemonde"),
        ("https://francais.rt.com/international/115000-avions-russes-soutiennent", "rt"),
        ("https://www.rt.com/news/608000-russian-jets-syria/", "rt"),
        ("https://www.aa.com.tr/fr/monde/idlib-deux-soldats-turcs/1738000", "anadolu"),
        ("http://www.rfi.fr/fr/afrique/20250101-mali-fama", "rfi"),
        ("https://x.com/clement_molin/status/1862000000000000000", "clement_molin"),
        ("https://twitter.com/Clement_Molin", "clement_molin"),
        ("https://t.me/rybar/65000", "rybar"),
        ("kyivindependent.com/russian-strike-kharkiv", "kyivindependent"),
        ("https://www.syriahr.com/en/346000/", "sohr"),
    ],
)
def test_publishers_lookup_by_url(registry, url, publisher_id):
    assert registry.lookup(url=url).id == publisher_id


@pytest.mark.parametrize(
    "url",
    ["https://example.org/news", "https://x.com/someone_else/status/1", "https://t.me/other", "not a url", "https://notlemonde.fr/x"],
)
def test_publishers_lookup_unknown_url_is_none(registry, url):
    assert registry.lookup(url=url) is None


@pytest.mark.parametrize(
    "name, publisher_id",
    [
        ("AFP", "afp"),
        ("afp", "afp"),
        ("Agence France-Presse", "afp"),
        ("Le Monde", "lemonde"),
        ("le monde", "lemonde"),
        ("Libération", "liberation"),
        ("Liberation", "liberation"),
        ("RT France", "rt"),
        ("RT World News", "rt"),
        ("France 24", "france24"),
        ("Red'Action", "redaction"),
        ("Red’Action", "redaction"),
        ("Ukrainska Pravda", "ukrainskapravda"),
        ("Anadolu Agency (AA)", "anadolu"),
        ("lemonde", "lemonde"),
    ],
)
def test_publishers_lookup_by_name(registry, name, publisher_id):
    assert registry.lookup(name=name).id == publisher_id


@pytest.mark.parametrize("name", ["Le Courrier de Nulle Part", "", "   ", "la presse locale et Le Monde et RFI"])
def test_publishers_lookup_unknown_or_ambiguous_name_is_none(registry, name):
    assert registry.lookup(name=name) is None


def test_publishers_lookup_prefers_url_over_name(registry):
    match = registry.match(name="AFP", url="https://www.lefigaro.fr/international/syrie")
    assert (match.publisher.id, match.method) == ("lefigaro", "url")
    match = registry.match(name="AFP", url="https://example.org/")
    assert (match.publisher.id, match.method) == ("afp", "name")


@pytest.mark.parametrize(
    "text, publisher_id, method, cited",
    [
        ("X\n\nLes avions russes soutiennent la contre-offensive syrienne – militaire — RT World News\n\nDes avions", "rt", "masthead", "RT World News"),
        ("KIEV, 3 mars 2025 (AFP) - Des frappes russes ont tué quatre civils à Kharkiv.", "afp", "dateline", "AFP"),
        ("BAMAKO (Reuters) — L'armée malienne a affirmé avoir neutralisé des terroristes.", "reuters", "dateline", "Reuters"),
        ("RFI\nSoudan : les FSR prennent El-Facher\nLes paramilitaires ont affirmé...", "rfi", "masthead", "RFI"),
        ("Gaza : 45 morts dans des frappes | Le Monde\nAu moins 45 Palestiniens ont été tués.", "lemonde", "masthead", "Le Monde"),
    ],
)
def test_publishers_find_masthead_in_text(registry, text, publisher_id, method, cited):
    match = registry.match(text=text)
    assert (match.publisher.id, match.method, match.text) == (publisher_id, method, cited)
    assert text[match.start : match.end] == cited


@pytest.mark.parametrize(
    "text",
    [
        "Des frappes ont tué dix civils, selon l'AFP.\nL'armée a démenti.",
        "HTS avait déclaré à Al Jazeera que ses combattants étaient entrés dans Alep.",
        "Le Monde entier a les yeux tournés vers Alep, où les combats font rage.",
        "\n".join(["Les combats se poursuivent dans la province d'Idlib, selon des sources locales."] * 20)
        + "\nLes frappes ont fait au moins 16 morts dans des zones contrôlées par les rebelles, a rapporté Reuters.",
    ],
)
def test_publishers_find_masthead_ignores_mentions_in_sentences(registry, text):
    assert registry.match(text=text) is None


def test_publishers_find_masthead_on_seeds(registry, seed_paths):
    found = {}
    for path in seed_paths:
        text = path.read_text(encoding="utf-8")
        match = registry.match(text=text)
        if match:
            assert text[match.start : match.end] == match.text
            found[path.stem[:3]] = (match.publisher.id, match.method)
    assert found == {
        "002": ("rt", "masthead"),
        "003": ("clement_molin", "footer"),
        "004": ("redaction", "footer"),
    }


def test_publishers_carry_kind_and_country(registry):
    rt, afp, sohr = registry.get("rt"), registry.get("afp"), registry.get("sohr")
    assert (rt.kind, rt.country) == ("state_media", "RU")
    assert (afp.kind, afp.country) == ("wire", "FR")
    assert sohr.kind == "monitor"
    assert registry.get("nope") is None
    assert PublisherRegistry.load() is registry
