"""Evaluation: gold annotations of articles, the harness that scores extracted events against them, and the
measure against ACLED's own coding of its English notes."""

from frontwatch.eval.acled import (
    AcledDocument,
    AcledReport,
    AcledRow,
    acled_report_json,
    format_acled_report,
    read_acled,
    run_acled,
    score_acled,
)
from frontwatch.eval.gold import Gold, GoldClaim, GoldDocument, GoldEvent, GoldLocation, GoldUnit, MustNot, load_gold
from frontwatch.eval.harness import Ratio, Report, format_report, report_json, run, score

__all__ = [
    "AcledDocument",
    "AcledReport",
    "AcledRow",
    "Gold",
    "GoldClaim",
    "GoldDocument",
    "GoldEvent",
    "GoldLocation",
    "GoldUnit",
    "MustNot",
    "Ratio",
    "Report",
    "acled_report_json",
    "format_acled_report",
    "format_report",
    "load_gold",
    "read_acled",
    "report_json",
    "run",
    "run_acled",
    "score",
    "score_acled",
]
