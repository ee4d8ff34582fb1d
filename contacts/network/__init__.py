"""Who is in contact with whom: the contacts a query matches as a graph of actors.

    >>> network = store.network("visits * -> China since 2022")        # doctest: +SKIP
    >>> network.write("china.graphml")          # or .gexf, for Gephi or networkx   # doctest: +SKIP
    >>> network.plot("china.png")                # pip install 'contacts[plot]'     # doctest: +SKIP

Nodes are actors (name, kind, country); an edge is one mode of contact between two
of them, weighted by the number of contacts: directed from the initiator where the
contacts are (visits, envoys, summonses, most messages, calls the text says who
made), undirected otherwise. The query is one of contacts, with or without its verb
(`list visits * -> China`, `visits * -> China`, or none: every contact that occurred).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contacts.errors import ContactsError, QueryError, QueryValueError
from contacts.query import expressions as X

GRAPH_FORMATS = ("graphml", "gexf")
EDGE_COLUMNS = ["who", "whom", "mode", "directed", "contacts"]
_VERBS = ("list", "count")


@dataclass(frozen=True)
class Node:
    name: str
    kind: str | None = None          # person, state or org
    country: str | None = None
    contacts: int = 0                # on all its edges


@dataclass(frozen=True)
class Edge:
    who: str                         # the initiator of a directed edge; of an undirected one, the first by name
    whom: str
    mode: str
    directed: bool
    contacts: int


@dataclass
class Network:
    nodes: list[Node]
    edges: list[Edge]
    query: str = ""                  # the query's text, as the title of a drawing or a file
    store: str = ""                  # the store's file name
    _by_name: dict[str, Node] = field(default_factory=dict, repr=False)

    def rows(self) -> tuple[list[str], list[tuple]]:
        """The edges as a table (the busiest first), for text output."""
        edges = sorted(self.edges, key=lambda e: (-e.contacts, e.who, e.whom, e.mode))
        return list(EDGE_COLUMNS), [(e.who, e.whom, e.mode, e.directed, e.contacts) for e in edges]

    def write(self, path: str | Path, fmt: str | None = None) -> Path:
        """Write the graph as GraphML or GEXF (`fmt`, else the file's extension)."""
        from contacts.network.files import text_of
        fmt = fmt or graph_format(path)
        try:
            Path(path).write_text(text_of(self, fmt), encoding="utf-8")
        except OSError as exc:
            raise ContactsError(f"cannot write {path}: {exc.strerror or exc}",
                                hint="give a file in a folder that exists and that you may write to") from None
        return Path(path)

    def text(self, fmt: str) -> str:
        from contacts.network.files import text_of
        return text_of(self, fmt)

    def to_networkx(self):
        """A networkx MultiDiGraph (an undirected contact is one edge marked directed=False)."""
        try:
            import networkx as nx
        except ImportError:
            raise ContactsError("networkx is not installed", hint="pip install 'contacts[plot]'") from None
        graph = nx.MultiDiGraph(query=self.query)
        for node in self.nodes:
            graph.add_node(node.name, kind=node.kind or "", country=node.country or "", contacts=node.contacts)
        for edge in self.edges:
            graph.add_edge(edge.who, edge.whom, key=edge.mode, mode=edge.mode, directed=edge.directed,
                           weight=edge.contacts)
        return graph

    def plot(self, path: str | Path | None = None):
        """The network drawn (a matplotlib Figure), written to `path` (.png, .svg, .pdf) when given."""
        from contacts.plots.network import plot
        return plot(self, path)


def graph_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in GRAPH_FORMATS:
        raise ContactsError(f"{path}: a graph is written as GraphML (.graphml) or GEXF (.gexf)",
                            hint="end the file name in .graphml or .gexf, or give --format graphml|gexf")
    return suffix


def build(store, text: str = "", *, now=None, states: bool = False, **params: Any) -> Network:
    """The network of the contacts a query matches (every contact that occurred, for '');
    `states`: one node per state (each side's state at the contact's date) instead of per actor."""
    from contacts.query import compile as compile_query
    written, query = contacts_query(text)
    keys = ("who_country", "whom_country", "mode") if states else ("who", "whom", "mode")
    edges_query = dataclasses.replace(query, verb="count", by=keys, order=None, limit=None)
    one_way = X.Compare("directed", "=", X.Literal("yes"))
    directed_query = dataclasses.replace(
        edges_query, where=X.And((edges_query.where, one_way)) if edges_query.where else one_way)
    counts = []
    for q in (edges_query, directed_query):
        compiled = _compiled(compile_query, q, store, now, params, written, text)
        counts.append({(w, m, mode): n for w, m, mode, n in store.run(compiled).records})
    if states:
        counts = _state_names(store, counts)
    edges = _edges(*counts)
    from contacts.plots.style import store_label
    nodes = _nodes(store, edges, states)
    return Network(nodes, edges, _title(query) + (" (states)" if states else ""), store_label(store))


def _state_names(store, counts: list[dict]) -> list[dict]:
    """Count keys of state codes as the states' names (a code the knowledge base names no state
    for, such as EU, stays a code; contacts of a side with no known state are left out)."""
    codes = sorted({code for found in counts for key in found for code in key[:2] if code})
    _, rows = store.sql("SELECT country, min(name) FROM actors WHERE kind = 'state' AND list_contains(?, country) "
                        "GROUP BY country", [codes])
    names = {code: name for code, name in rows}
    renamed = []
    for found in counts:
        named: dict = defaultdict(int)
        for (a, b, mode), n in found.items():
            if a and b:
                named[(names.get(a, a), names.get(b, b), mode)] += n
        renamed.append(dict(named))
    return renamed


def _title(query: X.Query) -> str:
    from contacts.query.printer import to_text
    return to_text(dataclasses.replace(query, verb="list", order=None, limit=None)).removeprefix("list").strip() \
        or "contacts"


def _compiled(compile_query, q, store, now, params, written: str, text: str):
    try:
        return compile_query(q, actors=store.query_actors(), now=now, params=params, text=written)
    except QueryError as exc:
        _shift(exc, written, text)
        raise


def contacts_query(text: str) -> tuple[str, X.Query]:
    """The query as written (a verb put in front when it has none) and its AST."""
    from contacts.query.parser import parse
    words = text.split()
    written = text if words and words[0].lower() in X.VERBS else f"list {text}".strip()
    try:
        query = parse(written)
    except QueryError as exc:
        _shift(exc, written, text)
        raise
    if query.verb not in _VERBS:
        raise QueryValueError(f"a network is drawn from contacts, not from a '{query.verb}' query",
                              hint="give a query of contacts, e.g. 'visits * -> China since 2022'")
    return written, query


def _shift(exc: QueryError, written: str, text: str) -> None:
    """Point an error at the text the user wrote, not at the verb put in front of it."""
    if written != text and exc.line == 1 and exc.column is not None:
        exc.text, exc.column = text, max(1, exc.column - (len(written) - len(text)))


def _edges(every: dict, one_way: dict) -> list[Edge]:
    edges = [Edge(w, m, mode, True, n) for (w, m, mode), n in one_way.items() if n]
    both_ways: dict[tuple[str, str, str], int] = defaultdict(int)
    for (w, m, mode), n in every.items():
        rest = n - one_way.get((w, m, mode), 0)
        if rest:
            a, b = sorted((w, m))
            both_ways[(a, b, mode)] += rest
    edges += [Edge(a, b, mode, False, n) for (a, b, mode), n in both_ways.items()]
    return sorted(edges, key=lambda e: (e.who, e.whom, e.mode, e.directed))


def _nodes(store, edges: list[Edge], states: bool = False) -> list[Node]:
    weight: dict[str, int] = defaultdict(int)
    for e in edges:
        weight[e.who] += e.contacts
        weight[e.whom] += e.contacts
    names = sorted(weight)
    known = {}
    if names and states:
        _, rows = store.sql("SELECT name, min(country) FROM actors WHERE kind = 'state' AND list_contains(?, name) "
                            "GROUP BY name", [names])
        known = {name: ("state", country) for name, country in rows}
        known.update({name: ("org", name) for name in names if name not in known})      # EU, UN …: a code
    elif names:
        _, rows = store.sql("SELECT name, min(kind), min(country) "
                            "FROM actors WHERE list_contains(?, name) GROUP BY name", [names])
        known = {name: (kind, country) for name, kind, country in rows}
    return [Node(name, *known.get(name, (None, None)), weight[name]) for name in names]
