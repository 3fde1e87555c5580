"""The reconciliation rule on the seeds' conflicting figures and on hand-built edge cases."""

from __future__ import annotations

import pytest
from fuse_factories import claim

from frontwatch.fuse.reconcile import disagreements, reconcile

SOHR = "Syrian Observatory for Human Rights"
RU_MOD = "Ministry of Defence of Russia"
TR_MOD = "Ministry of National Defence of Turkey"


def test_reconcile_breakdown_parts_never_added_to_their_total():
    # "311 morts, incluant 183 combattants du HTS, 100 soldats et 28 civils" (seed 001)
    claims = [
        claim(311, claimant=SOHR, relation="neutral_monitor", start=10),
        claim(183, claimant=SOHR, relation="neutral_monitor", subject="Hayat Tahrir al-Sham", part=True, start=10),
        claim(100, claimant=SOHR, relation="neutral_monitor", subject="soldiers", part=True, start=10),
        claim(28, claimant=SOHR, relation="neutral_monitor", subject="civilians", part=True, start=10),
    ]
    result = reconcile(claims)
    assert (result.fatalities, result.low, result.best, result.high) == (311, 311, 311, 311)


def test_reconcile_parts_without_their_total_are_summed():
    claims = [claim(44, subject="HTS", part=True, start=5), claim(16, subject="allies", part=True, start=5)]
    assert reconcile(claims).low == 60


def test_reconcile_partisan_enemy_count_only_in_high():
    # Russian MoD: "au moins 200 militants ont été éliminés" next to the Observatory's 311
    claims = [
        claim(311, claimant=SOHR, relation="neutral_monitor", subject="people"),
        claim(600, claimant=RU_MOD, relation="enemy", subject="militants", qualifier="at_least", start=40),
    ]
    result = reconcile(claims)
    assert (result.fatalities, result.low, result.best, result.high) == (311, 311, 311, 600)


def test_reconcile_only_partisan_figures_leave_low_and_best_unset():
    claims = [claim(200, claimant=RU_MOD, relation="enemy", subject="militants", qualifier="at_least")]
    result = reconcile(claims)
    assert (result.fatalities, result.low, result.best, result.high) == (0, None, None, 200)


def test_reconcile_turkish_mod_own_losses_credible_enemy_losses_partisan():
    # "deux soldats turcs avaient été tués" (own side) / "plus de 50 éléments du régime" (enemy), seed 004
    claims = [
        claim(2, claimant=TR_MOD, relation="own_side", subject="Military Forces of Turkey (2016-)"),
        claim(50, claimant=TR_MOD, relation="enemy", subject="Military Forces of Syria (2000-2024)", qualifier="more_than", start=9),
    ]
    result = reconcile(claims)
    assert (result.fatalities, result.low, result.best, result.high) == (2, 2, 2, 50)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([(12, "outlet"), (20, "outlet")], (12, 12, 12, 20)),  # alternative counts of the same dead: never added
        ([(12, "outlet"), (20, "neutral_monitor"), (30, "outlet")], (12, 12, 20, 30)),  # the monitor's is best
        ([(10, "outlet"), (10, "outlet")], (10, 10, 10, 10)),  # two outlets repeating one figure
    ],
)
def test_reconcile_alternative_counts_same_subject(values, expected):
    claims = [claim(v, relation=rel, subject="civilians", start=i) for i, (v, rel) in enumerate(values)]
    result = reconcile(claims)
    assert (result.fatalities, result.low, result.best, result.high) == expected


def test_reconcile_distinct_groups_not_added_without_text_saying_so():
    # "près de 100 combattants et soldats" (SOHR) / "44 membres du HTS et 16 alliés" / "37 membres des forces"
    claims = [
        claim(100, claimant=SOHR, relation="neutral_monitor", subject="fighters", qualifier="about"),
        claim(44, subject="Hayat Tahrir al-Sham", start=1),
        claim(16, subject="allies", start=1),
        claim(37, subject="Military Forces of Syria (2000-2024)", start=2),
        claim(4, subject="officers", part=True, start=2),
    ]
    result = reconcile(claims)
    assert (result.fatalities, result.low, result.best, result.high) == (100, 100, 100, 100)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"hedged": True}, (0, None, None, 12)),  # "auraient été tués": high only
        ({"qualifier": "up_to"}, (0, None, None, 12)),  # "jusqu'à 12 morts" is a ceiling
        ({"qualifier": "at_least"}, (12, 12, 12, 12)),  # "des dizaines" coded 10/12 upstream: a floor
    ],
)
def test_reconcile_hedged_and_ceiling_figures(kwargs, expected):
    result = reconcile([claim(12, subject="civilians", **kwargs)])
    assert (result.fatalities, result.low, result.best, result.high) == expected


def test_reconcile_no_killed_claims_gives_zero_and_none():
    result = reconcile([claim(20, kind="wounded")])
    assert (result.fatalities, result.low, result.best, result.high) == (0, None, None, None)


def test_disagreements_side_by_side_summary():
    claims = [
        claim(600, claimant=RU_MOD, relation="enemy", start=3, doc_id="rt"),
        claim(311, claimant=SOHR, relation="neutral_monitor", doc_id="afp"),
        claim(183, claimant=SOHR, relation="neutral_monitor", part=True, doc_id="afp"),
        claim(20, kind="wounded", doc_id="afp"),
    ]
    groups = {g.kind: g for g in disagreements(claims)}
    assert groups["killed"].summary == f"311 ({SOHR}) vs 600 ({RU_MOD})"
    assert (groups["killed"].low, groups["killed"].high, groups["killed"].spread) == (311, 600, 289)
    assert groups["wounded"].to_dict()["figures"][0]["by"] == "afp"
