"""A network drawn: actors as nodes (size by their contacts, colour by kind), an edge per
pair and mode (colour by mode, thickness by the number of contacts, an arrow from the
initiator when the contacts are directed; the modes of one pair bend apart)."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

from contacts.errors import PlotError
from contacts.plots import INSTALL, chart_format, require, save, style

MAX_NODES = 60           # the actors of the heaviest edges; the rest are left out (said in the subtitle)
LABELLED = 20           # the busiest actors are named on the drawing (more would overlap)
GRAVITY = 2


def plot(network, path: str | Path | None = None):
    if path is not None:
        chart_format(path)
    require()
    try:
        import networkx  # noqa: F401
    except ImportError:
        raise PlotError("drawing a network needs networkx, which is not installed", hint=INSTALL) from None
    from contacts.plots import _quiet
    with _quiet():
        figure = draw(network)
    if path is not None:
        save(figure, path)
    return figure


def kept(network) -> tuple[list, list]:
    """The nodes drawn and the edges between them: the actors of the heaviest edges, heaviest
    first, until MAX_NODES (the busiest actors alone could be strangers to each other)."""
    names: dict[str, None] = {}
    for edge in sorted(network.edges, key=lambda e: (-e.contacts, e.who, e.whom, e.mode)):
        if len(names) + len({edge.who, edge.whom} - set(names)) > MAX_NODES:
            continue
        names.update(dict.fromkeys((edge.who, edge.whom)))
    nodes = sorted((n for n in network.nodes if n.name in names), key=lambda n: (-n.contacts, n.name))
    return nodes, [e for e in network.edges if e.who in names and e.whom in names]


def draw(network):
    import networkx as nx
    nodes, edges = kept(network)
    figure, ax = style.new_figure(10, 8)
    figure.suptitle(textwrap.fill(f"network: {network.query}", 90), fontsize=12, fontweight="bold", color=style.INK)
    notes = [f"store: {network.store}", style.plural(len(network.nodes), "actor"),
             style.plural(sum(e.contacts for e in network.edges), "contact")]
    if len(nodes) < len(network.nodes):
        notes.append(f"the {len(nodes)} actors of the heaviest edges drawn")
    ax.set_title(" · ".join(notes), fontsize=9, color=style.NOTE, loc="left")
    ax.set_axis_off()
    ax.margins(0.08)                                  # room for the names at the edges
    if not nodes:
        style.nothing_drawn(ax)
        return figure
    simple = nx.Graph()
    simple.add_nodes_from(n.name for n in nodes)
    for e in edges:
        weight = simple.get_edge_data(e.who, e.whom, {}).get("weight", 0)
        simple.add_edge(e.who, e.whom, weight=weight + e.contacts)
    positions = _layout(simple)
    sizes = {n.name: 30 + 600 * math.sqrt(n.contacts / max(nodes[0].contacts, 1)) for n in nodes}
    _edges(ax, simple, edges, positions, sizes)
    nx.draw_networkx_nodes(simple, positions, nodelist=[n.name for n in nodes], ax=ax,
                           node_size=[sizes[n.name] for n in nodes], edgecolors="#555555", linewidths=0.8,
                           node_color=[style.KIND_COLOURS.get(n.kind or "", "#999999") for n in nodes])
    nx.draw_networkx_labels(simple, positions, labels={n.name: style.shorten(n.name, 28) for n in nodes[:LABELLED]},
                            font_size=8, font_color=style.INK, ax=ax)
    _legend(ax, nodes, edges)
    return figure


def _layout(graph) -> dict:
    """Each connected group laid out on its own (a spring layout, the same each time), then the
    groups set side by side in rows, each given room by its size: laid out together, separate
    groups fly apart and squeeze the rest into a corner."""
    import networkx as nx
    groups = sorted((graph.subgraph(g) for g in nx.connected_components(graph)),
                    key=lambda g: (-g.number_of_nodes(), min(g)))
    radius = [math.sqrt(g.number_of_nodes()) for g in groups]
    width = max(2 * radius[0], math.sqrt(sum((2 * r) ** 2 for r in radius)) * 1.2)
    positions, x, y, row = {}, 0.0, 0.0, 0.0
    for group, r in zip(groups, radius):
        if x > 0 and x + 2 * r > width:           # a new row under the last
            x, y, row = 0.0, y - row, 0.0
        placed = nx.spring_layout(group, seed=7, weight="weight", k=1.5 / r) if len(group) > 1 else \
            {next(iter(group)): (0.0, 0.0)}
        for name, (px, py) in placed.items():
            positions[name] = (x + r + 0.85 * r * px, y - r + 0.85 * r * py)
        x, row = x + 2 * r, max(row, 2 * r)
    return positions


def _edges(ax, graph, edges, positions, sizes) -> None:
    """Each edge on its own: the modes of one pair bend by different amounts so none hides another."""
    import networkx as nx
    most = max(e.contacts for e in edges) if edges else 1
    modes_of: dict[frozenset, list[str]] = {}
    for e in edges:
        modes_of.setdefault(frozenset((e.who, e.whom)), []).append(f"{e.mode}{e.directed}{e.who}")
    for e in edges:
        lanes = modes_of[frozenset((e.who, e.whom))]
        bend = 0.0 if len(lanes) == 1 else 0.15 * (lanes.index(f"{e.mode}{e.directed}{e.who}") - (len(lanes) - 1) / 2)
        bend = bend if e.who <= e.whom else -bend        # a bend is to the left of travel: one side for both ways
        width = 0.8 + 5 * math.sqrt(e.contacts / most)
        patches = nx.draw_networkx_edges(graph, positions, edgelist=[(e.who, e.whom)], ax=ax, arrows=True,
                                         arrowstyle="-|>" if e.directed else "-", arrowsize=12,
                                         width=width, edge_color=style.mode_colour(e.mode), alpha=0.8,
                                         connectionstyle=f"arc3,rad={bend}", node_size=[sizes[e.who], sizes[e.whom]],
                                         nodelist=[e.who, e.whom])
        for patch in patches:
            patch.set_gid(f"{e.who}|{e.whom}|{e.mode}|{'directed' if e.directed else 'undirected'}|{e.contacts}")


def _legend(ax, nodes, edges) -> None:
    from matplotlib.lines import Line2D
    modes = sorted({e.mode for e in edges}, key=lambda m: (style.mode_order(m), m))
    kinds = sorted({n.kind or "unknown" for n in nodes})
    handles = [Line2D([], [], color=style.mode_colour(m), linewidth=3, label=m) for m in modes]
    handles += [Line2D([], [], marker="o", linestyle="", markersize=9, label=k,
                       markerfacecolor=style.KIND_COLOURS.get(k, "#999999"), markeredgecolor="#555555") for k in kinds]
    handles.append(Line2D([], [], color=style.INK, marker=">", markersize=6, label="arrow: from the initiator"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1), frameon=False, fontsize=9,
              title="mode · actor")
