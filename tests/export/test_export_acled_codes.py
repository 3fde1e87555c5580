"""ACLED's derived columns: disorder type, interaction, civilian targeting, ISO numeric codes."""

from __future__ import annotations

import dataclasses

import pytest
from export_factories import aleppo

from frontwatch.export.acled import civilian_targeting, disorder_type, interaction, iso_numeric


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "expected"),
    [
        ("Battles", "Armed clash", "Political violence"),
        ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
        ("Violence against civilians", "Abduction/forced disappearance", "Political violence"),
        ("Protests", "Peaceful protest", "Demonstrations"),
        ("Protests", "Protest with intervention", "Political violence; Demonstrations"),
        ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
        ("Riots", "Violent demonstration", "Demonstrations"),
        ("Riots", "Mob violence", "Political violence"),
        ("Strategic developments", "Headquarters or base established", "Strategic developments"),
        ("Unknown type", "Unknown", ""),
    ],
)
def test_disorder_type_follows_acled(event_type, sub_event_type, expected):
    assert disorder_type(event_type, sub_event_type) == expected


@pytest.mark.parametrize(
    ("inter1", "inter2", "expected"),
    [(1, 2, 12), (2, 1, 12), (1, 7, 17), (8, 1, 18), (3, 3, 33), (6, None, 60), (None, None, None)],
)
def test_interaction_pairs_lower_code_first(inter1, inter2, expected):
    assert interaction(inter1, inter2) == expected


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("Ukraine", 804),
        ("Mali", 466),
        ("Sudan", 729),
        ("Syria", 760),
        ("Burkina Faso", 854),
        ("Palestinian Territory", 275),
        ("Palestine", 275),
        ("democratic republic of congo", 180),
        ("UKR", 804),
        ("ml", 466),
        ("Atlantis", None),
        (None, None),
    ],
)
def test_iso_numeric_from_geonames(country, expected):
    assert iso_numeric(country) == expected


@pytest.mark.parametrize(
    ("event_type", "inter2", "expected"),
    [
        ("Violence against civilians", 7, "Civilian targeting"),
        ("Explosions/Remote violence", 7, "Civilian targeting"),
        ("Explosions/Remote violence", 1, ""),
        ("Battles", 1, ""),
    ],
)
def test_civilian_targeting(event_type, inter2, expected):
    _, event = aleppo()
    assert civilian_targeting(dataclasses.replace(event, event_type=event_type, inter2=inter2)) == expected
