"""Sanity check of English extraction on ACLED notes (test data, kept outside the repo).

Usage: python tools/acled_type_share.py ../shared/corpus/acled_2020_global_sample.csv [N]
Prints the share of the first N notes whose first extracted event has ACLED's event_type
(and sub_event_type), and how many notes gave no event.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from datetime import datetime

from pantau.pipeline import Pipeline, Settings
from pantau.records import Article


def main(path: str, n: int = 300) -> None:
    pipe = Pipeline(Settings(force_language="en"))
    rows = list(csv.DictReader(open(path, encoding="utf-8")))[:n]
    typed = sub = none = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for row in rows:
        pub = datetime.strptime(row["event_date"], "%d-%b-%y").date()
        events = pipe(Article(doc_id=row["event_id_cnty"], text=row["notes"], pub_date=pub, language="en")).events
        if not events:
            none += 1
            confusion[(row["event_type"], "-")] += 1
            continue
        top = events[0]
        typed += top.event_type == row["event_type"]
        sub += top.sub_event_type == row["sub_event_type"]
        if top.event_type != row["event_type"]:
            confusion[(row["event_type"], top.event_type)] += 1
    print(f"notes {len(rows)}  type {typed / len(rows):.3f}  sub-type {sub / len(rows):.3f}  no event {none}")
    for (gold, got), k in confusion.most_common(12):
        print(f"  {gold:32} -> {got:32} {k}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 300)
