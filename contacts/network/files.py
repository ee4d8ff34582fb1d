"""A network as GraphML or GEXF 1.2, the files Gephi, networkx, igraph and Cytoscape read.

Both are written as directed multigraphs: an edge per pair and mode, from the initiator
where the contacts are directed; an undirected contact keeps one edge with the
attribute directed=false (a mixed graph does not load in networkx). `weight` is the
number of contacts.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from contacts.plots.style import KIND_COLOURS, mode_colour

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")     # characters XML 1.0 cannot hold


def text_of(network, fmt: str) -> str:
    root = graphml(network) if fmt == "graphml" else gexf(network)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _clean(value) -> str:
    return _NOT_XML.sub("", "" if value is None else str(value))


# ---- GraphML (graphml.graphdrawing.org) ------------------------------------------
_GRAPHML = "http://graphml.graphdrawing.org/xmlns"
_NODE_KEYS = [("label", "string"), ("kind", "string"), ("country", "string"), ("contacts", "int")]
_EDGE_KEYS = [("mode", "string"), ("directed", "boolean"), ("weight", "int")]


def graphml(network) -> ET.Element:
    root = ET.Element("graphml", xmlns=_GRAPHML)
    for n, (name, kind) in enumerate(_NODE_KEYS):
        ET.SubElement(root, "key", {"id": f"n{n}", "for": "node", "attr.name": name, "attr.type": kind})
    for n, (name, kind) in enumerate(_EDGE_KEYS):
        ET.SubElement(root, "key", {"id": f"e{n}", "for": "edge", "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id="contacts", edgedefault="directed")
    ET.SubElement(graph, "desc").text = _clean(f"{network.query} ({network.store})")
    for node in network.nodes:
        element = ET.SubElement(graph, "node", id=_clean(node.name))
        for n, value in enumerate((node.name, node.kind, node.country, node.contacts)):
            if value is not None:
                ET.SubElement(element, "data", key=f"n{n}").text = _clean(value)
    for number, edge in enumerate(network.edges):
        element = ET.SubElement(graph, "edge", id=f"e{number}", source=_clean(edge.who), target=_clean(edge.whom))
        for n, value in enumerate((edge.mode, "true" if edge.directed else "false", edge.contacts)):
            ET.SubElement(element, "data", key=f"e{n}").text = _clean(value)
    return root


# ---- GEXF 1.2 (gexf.net) ----------------------------------------------------------
_GEXF = "http://www.gexf.net/1.2draft"
_VIZ = "http://www.gexf.net/1.2draft/viz"


def gexf(network) -> ET.Element:
    root = ET.Element("gexf", {"xmlns": _GEXF, "xmlns:viz": _VIZ, "version": "1.2"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "contacts"
    ET.SubElement(meta, "description").text = _clean(f"{network.query} ({network.store})")
    graph = ET.SubElement(root, "graph", defaultedgetype="directed", mode="static")
    _attributes(graph, "node", [("kind", "string"), ("country", "string"), ("contacts", "integer")])
    _attributes(graph, "edge", [("mode", "string"), ("directed", "boolean")])
    nodes = ET.SubElement(graph, "nodes")
    for node in network.nodes:
        element = ET.SubElement(nodes, "node", id=_clean(node.name), label=_clean(node.name))
        _values(element, [node.kind, node.country, node.contacts])
        ET.SubElement(element, "viz:color", _rgb(KIND_COLOURS.get(node.kind or "", "#999999")))
        ET.SubElement(element, "viz:size", value=str(max(node.contacts, 1)))
    edges = ET.SubElement(graph, "edges")
    for number, edge in enumerate(network.edges):
        element = ET.SubElement(edges, "edge", id=str(number), source=_clean(edge.who), target=_clean(edge.whom),
                                weight=str(edge.contacts), label=edge.mode)
        _values(element, [edge.mode, "true" if edge.directed else "false"])
        ET.SubElement(element, "viz:color", _rgb(mode_colour(edge.mode)))
    return root


def _attributes(graph: ET.Element, kind: str, names: list[tuple[str, str]]) -> None:
    element = ET.SubElement(graph, "attributes", {"class": kind})
    for n, (title, type_) in enumerate(names):
        ET.SubElement(element, "attribute", id=str(n), title=title, type=type_)


def _values(element: ET.Element, values: list) -> None:
    holder = ET.SubElement(element, "attvalues")
    for n, value in enumerate(values):
        if value is not None:
            ET.SubElement(holder, "attvalue", {"for": str(n), "value": _clean(value)})


def _rgb(colour: str) -> dict[str, str]:
    return {"r": str(int(colour[1:3], 16)), "g": str(int(colour[3:5], 16)), "b": str(int(colour[5:7], 16))}
