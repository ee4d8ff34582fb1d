"""`contacts eval`: scoring as docs/annotation.md defines it, with the figures of shared/eval/score.py."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from contacts.cli import app
from contacts.evaluate import Scorer, dates_compatible, names_match, report
from conftest import ROOT, SEEDS, SHARED

G = {"article": "a.txt", "who": "Xi Jinping", "whom": "Volodymyr Zelensky", "mode": "call", "date": "2023-04-26"}


def line(**changes):
    return {**G, **changes}


# (gold lines, predicted lines, expected (tp, fp, fn) at strict / country / pair)
CASES = [
    ([G], [G], [(1, 0, 0)] * 3),
    ([G], [line(who="Volodymyr Zelenskyy", whom="Xi")], [(1, 0, 0)] * 3),                # crossed, spelling
    ([G], [line(date="2023-04")], [(1, 0, 0)] * 3),                                        # coarser date agrees
    ([G], [line(date="2023-05")], [(0, 1, 1), (0, 1, 1), (1, 0, 0)]),                      # dates disagree
    ([G], [line(mode="meeting")], [(0, 1, 1), (0, 1, 1), (1, 0, 0)]),
    ([G], [line(who="China", who_country="CHN")], [(0, 1, 1), (1, 0, 0), (1, 0, 0)]),      # country level only
    ([G], [G, G], [(1, 1, 0)] * 3),                                                         # a duplicate is an extra
    ([line(optional=True)], [], [(0, 0, 0)] * 3),                                           # optional: no miss
    ([line(optional=True)], [G], [(0, 0, 0)] * 3),                                          # nor a false positive
    ([G], [line(article="other.txt")], [(0, 0, 1)] * 3),                                    # other articles ignored
    ([{"article": "a.txt"}], [G], [(0, 1, 0)] * 3),                  # an article with no contact: all extras
    ([{"article": "a.txt"}], [], [(0, 0, 0)] * 3),
    ([line(who="China", whom="Lithuania", mode="summons", date=None)],
     [line(who="PRC", whom="Lithuania", mode="summons", date=None)], [(1, 0, 0)] * 3),     # a state by another name
]


@pytest.mark.parametrize("gold, predicted, expected", CASES)
def test_scoring(gold, predicted, expected):
    scores = Scorer().score([dict(g) for g in gold], [dict(p) for p in predicted])
    assert [(s.tp, s.fp, s.fn) for s in scores.values()] == expected


@pytest.mark.parametrize("a, b, same", [("Zelenskyy", "Volodymyr Zelensky", True), ("Xi", "Xi Jinping", True),
                                        ("Li Qiang", "Li Keqiang", False), ("Erdoğan", "Recep Tayyip Erdogan", True)])
def test_names_match(a, b, same):
    assert names_match(a, b) is same


def test_dates_compatible():
    assert dates_compatible("2023-04", "2023-04-26") and dates_compatible(None, "2023")
    assert not dates_compatible("2023-03", "2023-04-26")


def test_eval_command_on_the_seeds():
    """The repository's own gold for the seeds (gold/seeds.jsonl, a copy of shared/gold/seeds.jsonl)."""
    result = CliRunner().invoke(app, ["eval", str(ROOT / "gold" / "seeds.jsonl"), str(SEEDS), "--json"])
    figures = json.loads(result.stdout)
    assert figures["strict"]["f1"] == 1.0 and figures["country"]["tp"] == 11


FIXTURE = ROOT / "tests" / "data" / "eval"


def _jsonl(path):
    return [json.loads(text) for text in path.read_text().splitlines() if text.strip()]


def test_the_same_figures_as_the_shared_scorer_on_a_fixture():
    """tests/data/eval: gold, predictions and a people map written for the cases that differ
    between scorers; expected.json is what shared/eval/score.py printed for them
    (score.py gold.jsonl predicted.jsonl --people people.json --json)."""
    people = json.loads((FIXTURE / "people.json").read_text())
    scores = Scorer(people=people).score(_jsonl(FIXTURE / "gold.jsonl"), _jsonl(FIXTURE / "predicted.jsonl"))
    assert {lv: {"tp": s.tp, "fp": s.fp, "fn": s.fn} for lv, s in scores.items()} == \
        json.loads((FIXTURE / "expected.json").read_text())
    gold = _jsonl(FIXTURE / "gold.jsonl")
    assert report(scores, 4, gold, 13, False).splitlines()[0] == \
        "4 articles, 8 gold contacts (+2 optional), 13 predicted lines"


def test_eval_takes_people_maps_and_refuses_a_bad_gold_line(tmp_path):
    (tmp_path / "gold.jsonl").write_text('{"article": "a.txt"}\n["not", "a", "line"]\n')
    result = CliRunner().invoke(app, ["eval", str(tmp_path / "gold.jsonl"), str(SEEDS)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f'error: {tmp_path / "gold.jsonl"}:2: a gold line needs at least an "article"')
    result = CliRunner().invoke(app, ["eval", str(ROOT / "gold" / "seeds.jsonl"), str(SEEDS), "--json",
                                      "--people", str(FIXTURE / "people.json")])
    assert result.exit_code == 0 and set(json.loads(result.stdout)) == {"strict", "country", "pair"}
    result = CliRunner().invoke(app, ["eval", str(ROOT / "gold" / "seeds.jsonl"), str(SEEDS),
                                      "--people", str(FIXTURE / "gold.jsonl")])
    assert result.exit_code == 1 and result.stderr.startswith(f"error: {FIXTURE / 'gold.jsonl'}:2: not JSON")


@pytest.mark.skipif(not (SHARED / "dev" / "gold.jsonl").exists(), reason="no shared development set here")
def test_the_same_figures_as_the_shared_scorer_on_the_development_set(tmp_path):
    dev = SHARED / "dev"
    extracted = CliRunner().invoke(app, ["extract", *map(str, sorted((dev / "articles").glob("*.txt")))])
    (tmp_path / "dev.jsonl").write_text(extracted.stdout)
    shared = json.loads(subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(dev / "gold.jsonl"),
                                        str(tmp_path / "dev.jsonl"), "--people", str(dev / "people.json"), "--json"],
                                       capture_output=True, text=True, check=True).stdout)
    people = json.loads((dev / "people.json").read_text())
    ours = Scorer(people=people).score(_jsonl(dev / "gold.jsonl"), _jsonl(tmp_path / "dev.jsonl"))
    assert {lv: (s.tp, s.fp, s.fn) for lv, s in ours.items()} == \
        {lv: (f["tp"], f["fp"], f["fn"]) for lv, f in shared.items()}


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="no shared scorer here")
def test_agrees_with_the_shared_scorer(tmp_path):
    gold = [G, line(whom="Vladimir Putin", mode="meeting", date="2022-09"), line(optional=True, mode="message")]
    predicted = [G, line(date="2023-05"), line(who="Xi", whom="Putin", mode="meeting", date="2022"),
                 line(mode="message", date=None), line(who="China", who_country="CHN", whom="Ukraine",
                                                       whom_country="UKR", mode="call")]
    (tmp_path / "g.jsonl").write_text("\n".join(json.dumps(g) for g in gold))
    (tmp_path / "p.jsonl").write_text("\n".join(json.dumps(p) for p in predicted))
    shared = json.loads(subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(tmp_path / "g.jsonl"),
                                        str(tmp_path / "p.jsonl"), "--json"], capture_output=True, text=True,
                                       check=True).stdout)
    ours = Scorer().score([dict(g) for g in gold], [dict(p) for p in predicted])
    assert {lv: (s.tp, s.fp, s.fn) for lv, s in ours.items()} == \
        {lv: (f["tp"], f["fp"], f["fn"]) for lv, f in shared.items()}
