"""A research script from ingest to a chart: China's diplomacy around the war in Ukraine.

    python examples/research_script.py [OUT_DIR]

Ingests the seed articles into an in-memory store, asks five questions,
writes the contacts as CSV and a timeline as a PNG chart (needs matplotlib:
pip install 'contacts[plot]').
"""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path

import contacts

HERE = Path(__file__).resolve().parent
TODAY = date(2023, 4, 26)      # the seeds' publication date, so the answers do not move with the clock


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with contacts.open() as store:                       # contacts.open("my.duckdb") keeps it on disk
        print(store.ingest([HERE.parent / "seeds"]).summary())

        calls = store.query("count calls Xi <-> Zelensky since $since", since="2022-02-24", now=TODAY)
        print(f"Xi–Zelensky calls since the invasion: {calls.scalar}")

        first = store.query("first contact Xi <-> Zelensky", now=TODAY).rows[0]
        print(f"Their first recorded contact: a {first.mode} on {first.date}")

        summoners = store.query("count summons * -> China by who", now=TODAY)
        print("States that summoned Chinese diplomats:", ", ".join(r["who"] for r in summoners.to_dicts()))

        tally = store.query("tallies Xi <-> Putin", now=TODAY).rows[0]
        print(f"Reported: Xi and Putin have spoken {tally.count} times ({tally.source})")

        everything = store.query("list contacts with China status any", now=TODAY)
        with (out_dir / "china_contacts.csv").open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(everything.columns)
            writer.writerows(everything.records)
        print(f"{len(everything)} contacts written to {out_dir / 'china_contacts.csv'}")

        timeline = store.query("timeline with China since 2022 by quarter", now=TODAY)
        chart(timeline, out_dir / "china_timeline.png")


def chart(timeline: contacts.Result, path: Path) -> None:
    try:
        timeline.plot(path)          # the chart the query's shape calls for: here a timeline by quarter
    except contacts.PlotError as exc:            # matplotlib missing: the message says how to install it
        print(f"no chart: {exc}")
        return
    print(f"chart written to {path}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out"))
