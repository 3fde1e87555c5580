"""Evaluation: gold annotations of articles and the harness that scores extracted events against them."""

from frontwatch.eval.gold import Gold, GoldClaim, GoldDocument, GoldEvent, GoldLocation, GoldUnit, MustNot, load_gold
from frontwatch.eval.harness import Ratio, Report, format_report, report_json, run, score

__all__ = [
    "Gold",
    "GoldClaim",
    "GoldDocument",
    "GoldEvent",
    "GoldLocation",
    "GoldUnit",
    "MustNot",
    "Ratio",
    "Report",
    "format_report",
    "load_gold",
    "report_json",
    "run",
    "score",
]
