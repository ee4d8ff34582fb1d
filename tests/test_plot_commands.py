"""Charts from the command line and the REPL (issue 23): `--plot FILE` on query and run,
`contacts network`, `.plot FILE`; bad files and a missing extra are one-line errors."""

import io
import sys
import xml.etree.ElementTree as ET

import pytest
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

import contacts
from contacts.cli import app
from contacts.repl import Repl
from conftest import SEEDS

runner = CliRunner()
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("plots") / "seeds.duckdb"
    with contacts.open(path) as store:
        store.ingest([SEEDS])
    return str(path)


def _run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def no_matplotlib(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)


def test_query_plot_prints_the_result_and_writes_the_chart(db, tmp_path):
    pytest.importorskip("matplotlib")
    done = _run("query", "count contacts by mode", "--db", db, "--format", "csv", "--plot", tmp_path / "m.png")
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines()[0] == "mode,count"                  # stdout stays the data
    assert done.stderr.strip() == f"chart written to {tmp_path / 'm.png'}"
    assert (tmp_path / "m.png").read_bytes().startswith(PNG)


def test_the_chart_title_names_the_store(db, tmp_path):
    pytest.importorskip("matplotlib")
    _run("query", "timeline with China since 2022 by quarter", "--db", db, "--plot", tmp_path / "t.svg")
    text = (tmp_path / "t.svg").read_text()
    assert "seeds.duckdb" in text and "contacts per quarter" in text


@pytest.mark.parametrize("args, message", [
    (["query", "count calls Xi -> Putin", "--plot", "c.png"], "error: a count without 'by' is one number"),
    (["query", "count contacts by mode", "--plot", "c.jpg"], "error: c.jpg: a chart is written as PNG, SVG or PDF"),
    (["query", "count contacts by mode", "--plot", "/no/such/folder/c.png"],
     "error: cannot write /no/such/folder/c.png"),
    (["network", "--format", "dot"], "error: unknown format 'dot'"),
    (["network", "--output", "g.txt"], "error: g.txt: a graph is written as GraphML (.graphml) or GEXF (.gexf)"),
    (["network", "tallies Xi <-> Putin"], "error: a network is drawn from contacts, not from a 'tallies' query"),
])
def test_bad_requests_are_one_line_errors(db, args, message):
    pytest.importorskip("matplotlib")
    done = _run(*args, "--db", db)
    assert done.exit_code == 1 and done.stderr.startswith(message) and "Traceback" not in done.output
    assert len(done.stderr.strip().splitlines()) == 1


def test_without_the_extra_the_error_is_the_install_command(db, no_matplotlib, tmp_path):
    done = _run("query", "count contacts by mode", "--db", db, "--plot", tmp_path / "m.png")
    assert done.exit_code == 1 and done.stdout == ""                     # checked before the query runs
    assert done.stderr.strip() == ("error: charts need matplotlib, which is not installed "
                                   "(pip install 'contacts[plot]')")


def test_run_plot_writes_a_chart_per_query_and_says_which_have_none(db, tmp_path):
    pytest.importorskip("matplotlib")
    file = tmp_path / "two.cq"
    file.write_text("# Calls\ncount calls Xi -> Zelensky;\n\n# Partners\ncount contacts by whom;\n"
                    "\n# Over time\ntimeline with China by year;\n")
    done = _run("run", file, "--db", db, "--plot", tmp_path / "c.pdf")
    assert done.exit_code == 0, done.output
    assert done.stderr.splitlines() == [
        "no chart for query 1 (Calls): a count without 'by' is one number (1): there is nothing to draw "
        "(add 'by month' for a timeline or 'by whom' for bars)",
        f"chart written to {tmp_path / 'c-2.pdf'}", f"chart written to {tmp_path / 'c-3.pdf'}"]
    assert (tmp_path / "c-3.pdf").read_bytes().startswith(b"%PDF-") and not (tmp_path / "c-1.pdf").exists()


def test_network_prints_its_edges(db):
    done = _run("network", "summons * -> China", "--db", db, "--format", "csv")
    assert done.exit_code == 0
    lines = done.stdout.splitlines()
    assert lines[0] == "who,whom,mode,directed,contacts" and len(lines) == 4
    assert {line.split(",")[0] for line in lines[1:]} == {"Estonia", "Latvia", "Lithuania"}


@pytest.mark.parametrize("fmt, root", [("graphml", "graphml"), ("gexf", "gexf")])
def test_network_writes_graphml_and_gexf(db, tmp_path, fmt, root):
    printed = _run("network", "--db", db, "--format", fmt)
    assert printed.exit_code == 0 and ET.fromstring(printed.stdout).tag.endswith(root)
    written = _run("network", "--db", db, "--output", tmp_path / f"g.{fmt}")
    assert written.exit_code == 0 and (tmp_path / f"g.{fmt}").read_text() == printed.stdout
    assert written.stderr.strip() == f"8 actors and 8 edges written to {tmp_path / f'g.{fmt}'}"


def test_network_plot(db, tmp_path):
    pytest.importorskip("matplotlib")
    pytest.importorskip("networkx")
    done = _run("network", "with China", "--db", db, "--plot", tmp_path / "n.png", "--output", tmp_path / "n.gexf")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "n.png").read_bytes().startswith(PNG) and (tmp_path / "n.gexf").exists()


def _repl(store):
    out = io.StringIO()
    pipe = create_pipe_input().__enter__()
    return Repl(store, out=out, session_options={"input": pipe, "output": DummyOutput(),
                                                 "history": InMemoryHistory()}), out


def test_repl_plot_draws_the_last_result(seeds_store, tmp_path):
    pytest.importorskip("matplotlib")
    repl, out = _repl(seeds_store)
    repl.handle(f".plot {tmp_path / 'a.png'}")
    repl.handle("count contacts by whom")
    repl.handle(f".plot {tmp_path / 'b.png'}")
    repl.handle("count calls Xi -> Putin")
    repl.handle(f".plot {tmp_path / 'c.png'}")
    repl.handle(".plot")
    lines = out.getvalue().splitlines()
    assert "error: no result to draw yet: run a query, then .plot FILE" in lines
    assert f"chart written to {tmp_path / 'b.png'}" in lines
    assert any(line.startswith("error: a count without 'by' is one number") for line in lines)
    assert lines[-1] == "error: .plot needs a file name: .plot chart.png (or .svg, .pdf)"
    assert (tmp_path / "b.png").read_bytes().startswith(PNG) and not (tmp_path / "c.png").exists()


def test_repl_plot_without_the_extra_says_the_command(seeds_store, tmp_path, no_matplotlib):
    repl, out = _repl(seeds_store)
    assert repl.handle("count contacts by whom") and repl.handle(f".plot {tmp_path / 'b.png'}")
    assert out.getvalue().splitlines()[-1] == ("error: charts need matplotlib, which is not installed "
                                               "(pip install 'contacts[plot]')")
