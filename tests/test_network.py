"""Networks of contacts (issue 23): the graph is the store's contacts, its GraphML and GEXF
files load in networkx with the same nodes, edges and attributes, and the drawing shows
each edge with its mode's colour, a thickness by count and an arrow when directed."""

import xml.etree.ElementTree as ET
from collections import Counter

import pytest

import contacts
from contacts.network import Edge, Network, Node
from contacts.plots import style


def _expected_edges(store, where: str = "") -> Counter:
    """The occurred contacts by pair and mode, straight from the tables: undirected ones by
    the pair in name order."""
    _, rows = store.sql("SELECT w.name, m.name, c.mode, c.directed FROM contacts c JOIN actors w ON w.id = c.who "
                        f"JOIN actors m ON m.id = c.whom WHERE c.status = 'occurred' {where}")
    found = Counter()
    for who, whom, mode, directed in rows:
        a, b = (who, whom) if directed else sorted((who, whom))
        found[(a, b, mode, directed)] += 1
    return found


def _edges(network) -> Counter:
    return Counter({(e.who, e.whom, e.mode, e.directed): e.contacts for e in network.edges})


def test_the_network_is_the_stores_contacts(seeds_store):
    network = seeds_store.network()
    assert _edges(network) == _expected_edges(seeds_store) and network.edges
    weights = Counter()
    for e in network.edges:
        weights[e.who] += e.contacts
        weights[e.whom] += e.contacts
    assert {n.name: n.contacts for n in network.nodes} == dict(weights)
    china = next(n for n in network.nodes if n.name == "China")
    assert (china.kind, china.country) == ("state", "CHN")


def test_a_query_chooses_the_contacts(seeds_store):
    network = seeds_store.network("summons * -> China")
    assert _edges(network) == _expected_edges(seeds_store, "AND c.mode = 'summons'")
    assert all(e.directed and e.whom == "China" for e in network.edges)
    assert network.query == "summons * -> China"


def test_the_verb_may_be_written_or_not(seeds_store):
    assert _edges(seeds_store.network("list visits with China")) == _edges(seeds_store.network("visits with China"))
    assert _edges(seeds_store.network("count visits with China by mode")) == \
        _edges(seeds_store.network("visits with China"))


def test_an_error_points_at_the_text_as_written(seeds_store):
    with pytest.raises(contacts.QueryError) as caught:
        seeds_store.network("visits * -> Chna")
    assert caught.value.code == "E411" and caught.value.caret() == "visits * -> Chna\n            ^"


@pytest.mark.parametrize("text", ["tallies Xi <-> Putin", "timeline with China", "sources with China"])
def test_only_contacts_make_a_network(seeds_store, text):
    with pytest.raises(contacts.QueryError, match="a network is drawn from contacts"):
        seeds_store.network(text)


def _odd_network() -> Network:
    names = ["A <&> \"B\"", "Ctrl\x1bName", "Zürich office"]
    return Network([Node(n, "person", "CHE", 2) for n in names],
                   [Edge(names[0], names[1], "call", True, 2), Edge(names[1], names[2], "meeting", False, 1),
                    Edge(names[1], names[2], "call", False, 1)], "calls", "odd.duckdb")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_the_files_are_well_formed_xml_whatever_the_names(fmt):
    root = ET.fromstring(_odd_network().text(fmt))
    ids = {e.get("id") for e in root.iter() if e.tag.endswith("}node")}
    assert ids == {"A <&> \"B\"", "CtrlName", "Zürich office"}       # control characters cannot be in XML


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_the_files_round_trip_through_networkx(seeds_store, tmp_path, fmt):
    nx = pytest.importorskip("networkx")
    network = seeds_store.network()
    path = network.write(tmp_path / f"contacts.{fmt}")
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert graph.is_directed() and graph.is_multigraph()
    assert set(graph.nodes) == {n.name for n in network.nodes}
    assert {n: (d["kind"], d["country"], int(d["contacts"])) for n, d in graph.nodes(data=True)} == \
        {n.name: (n.kind, n.country, n.contacts) for n in network.nodes}
    read = Counter({(a, b, d["mode"], d["directed"]): int(d["weight"]) for a, b, d in graph.edges(data=True)})
    assert read == _edges(network)


def test_the_odd_network_round_trips_too(tmp_path):
    nx = pytest.importorskip("networkx")
    network = _odd_network()
    graph = nx.read_graphml(network.write(tmp_path / "odd.graphml"))
    assert sorted((a, b, d["mode"]) for a, b, d in graph.edges(data=True)) == \
        sorted((e.who.replace("\x1b", ""), e.whom.replace("\x1b", ""), e.mode) for e in network.edges)


def test_to_networkx_is_the_same_graph(seeds_store):
    pytest.importorskip("networkx")
    network = seeds_store.network()
    graph = network.to_networkx()
    assert Counter({(a, b, d["mode"], d["directed"]): d["weight"] for a, b, d in graph.edges(data=True)}) == \
        _edges(network)


def test_a_file_type_that_is_no_graph_is_refused(seeds_store, tmp_path):
    with pytest.raises(contacts.ContactsError, match="GraphML"):
        seeds_store.network().write(tmp_path / "x.txt")


def test_the_drawing_shows_each_edge_by_mode_count_and_direction(seeds_store, tmp_path):
    pytest.importorskip("matplotlib")
    pytest.importorskip("networkx")
    network = seeds_store.network()
    figure = network.plot(tmp_path / "n.png")
    assert (tmp_path / "n.png").stat().st_size > 10_000
    ax = figure.axes[0]
    drawn = {}
    for patch in ax.patches:
        who, whom, mode, direction, n = patch.get_gid().split("|")
        drawn[(who, whom, mode, direction == "directed")] = patch
        from matplotlib.colors import to_hex
        assert to_hex(patch.get_edgecolor()).upper() == style.MODE_COLOURS[mode]
        arrow = type(patch.get_arrowstyle()).__name__
        assert (arrow != "Curve") == (direction == "directed")          # an arrow head only when directed
    assert Counter({k: int(p.get_gid().split("|")[-1]) for k, p in drawn.items()}) == _edges(network)
    assert figure.get_suptitle() == "network: contacts"


def test_thicker_edges_for_more_contacts(tmp_path):
    pytest.importorskip("matplotlib")
    pytest.importorskip("networkx")
    nodes = [Node(n, "state", n[:3].upper(), 1) for n in ("China", "Russia", "India")]
    network = Network(nodes, [Edge("China", "Russia", "call", False, 9), Edge("China", "India", "call", False, 1)],
                      "calls", "x")
    widths = {p.get_gid().split("|")[1]: p.get_linewidth() for p in network.plot().axes[0].patches}
    assert widths["Russia"] > 2 * widths["India"]


def test_a_large_network_keeps_the_actors_of_its_heaviest_edges():
    from contacts.plots.network import MAX_NODES, kept
    nodes = [Node(f"A{n:03}", "person", "X", 1) for n in range(200)]
    edges = [Edge(f"A{n:03}", f"A{n + 1:03}", "call", False, 200 - n) for n in range(0, 199, 2)]
    drawn, drawn_edges = kept(Network(nodes, edges))
    assert len(drawn) == MAX_NODES and len(drawn_edges) == MAX_NODES // 2
    assert {e.contacts for e in drawn_edges} == {200 - n for n in range(0, MAX_NODES, 2)}    # the heaviest


def test_without_networkx_the_errors_say_the_install_command(seeds_store, monkeypatch):
    import sys
    pytest.importorskip("matplotlib")
    network = seeds_store.network()
    monkeypatch.setitem(sys.modules, "networkx", None)
    with pytest.raises(contacts.PlotError) as caught:
        network.plot()
    assert caught.value.hint == "pip install 'contacts[plot]'" and "networkx" in str(caught.value)
    with pytest.raises(contacts.ContactsError, match="networkx is not installed"):
        network.to_networkx()
    assert "<graphml" in network.text("graphml")            # the files need no extra


def test_a_network_of_states_is_the_contacts_by_each_sides_state(seeds_store):
    network = seeds_store.network(states=True)
    by_state = seeds_store.query("count contacts by who_country, whom_country, mode")
    names = {"CHN": "China", "RUS": "Russia", "UKR": "Ukraine", "EST": "Estonia", "LVA": "Latvia",
             "LTU": "Lithuania", "EU": "EU"}
    total = Counter()
    for who, whom, mode, n in by_state.records:
        total[frozenset((names[who], names[whom])), mode] += n
    assert Counter({(frozenset((e.who, e.whom)), e.mode): e.contacts for e in network.edges}) == total
    assert ("China", "Russia", "visit", True) in _edges(network)                  # Xi's visit: from China
    kinds = {n.name: (n.kind, n.country) for n in network.nodes}
    assert kinds["China"] == ("state", "CHN") and kinds["EU"] == ("org", "EU")
    assert network.query == "contacts (states)"
