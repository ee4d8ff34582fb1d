"""`contacts eval`: scoring as the annotation guide defines it (cross-checked with shared/eval/score.py)."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from contacts.cli import app
from contacts.evaluate import Scorer, dates_compatible, names_match
from conftest import SEEDS, SHARED

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
    result = CliRunner().invoke(app, ["eval", str(SHARED / "gold" / "seeds.jsonl"), str(SEEDS), "--json"])
    if not (SHARED / "gold" / "seeds.jsonl").exists():
        pytest.skip("no shared gold here")
    figures = json.loads(result.stdout)
    assert figures["strict"]["f1"] == 1.0 and figures["country"]["tp"] == 11


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
