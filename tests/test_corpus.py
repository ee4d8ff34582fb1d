"""tests/data/corpus: 18 real news articles (2016-2025), retold in our own words, with gold
contacts annotated blind to the extractor's rules (see tests/data/corpus/README.md).

The extractor runs over the corpus and `contacts.evaluate` scores it with the corpus's
own people map, the figures shared/eval/score.py prints for it. The floor guards
against a change that loses ground on news no rule was written for.

Figures on 2026-12-07 (57 gold contacts, 36 optional lines, 2 articles with no contact,
41 predicted lines):
    strict  P 0.605  R 0.404  F1 0.484
    country P 0.722  R 0.456  F1 0.559
    pair    P 0.778  R 0.491  F1 0.602
Floor: today's country F1 minus 0.05, rounded down. Raise it as the extractor improves.
"""

import json

from typer.testing import CliRunner

from contacts.cli import app
from contacts.evaluate import Scorer
from conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "corpus"
COUNTRY_F1_FLOOR = 0.50


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_country_f1_on_the_corpus_holds_its_floor():
    articles = sorted((CORPUS / "articles").glob("*.txt"))
    gold = _jsonl((CORPUS / "gold.jsonl").read_text("utf-8"))
    assert len(articles) == len({g["article"] for g in gold}) == 18
    result = CliRunner().invoke(app, ["extract", *map(str, articles), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    people = json.loads((CORPUS / "people.json").read_text("utf-8"))
    scores = Scorer(people=people).score(gold, _jsonl(result.stdout))
    figures = {level: round(score.f1, 3) for level, score in scores.items()}
    assert scores["country"].f1 >= COUNTRY_F1_FLOOR, figures
