"""Evaluation against gold files: load them, match predictions, report scores."""

from __future__ import annotations

from pantau.eval.gold import GoldDoc, GoldEvent, load_gold, load_gold_file
from pantau.eval.score import Counts, FieldScore, Report, gazetteer_admin1_match, match, score

__all__ = ["Counts", "FieldScore", "GoldDoc", "GoldEvent", "Report", "load_gold", "load_gold_file", "match", "score",
           "gazetteer_admin1_match"]
