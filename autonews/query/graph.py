"""The link graph, for Gephi, networkx or Graphviz.

Nodes are keyed by URL, so stored articles and URLs we never fetched (links
that did not resolve) sit in one namespace; an edge is one ``links`` row with
its kind and position in the block.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from sqlalchemy import Connection, Engine, text

from autonews.query.articles import KINDS, get_article
from autonews.query.db import QueryError

_EDGE_SQL = (
    "SELECT f.url AS source, l.to_url AS target, l.kind, l.position, l.from_id, l.to_id "
    "FROM links l JOIN articles f ON f.id = l.from_id"
)
_NODE_SQL = "SELECT id, url, title, channel, published_at FROM articles"


@dataclass
class Graph:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)  # url -> attributes
    edges: list[dict[str, Any]] = field(default_factory=list)

    def add_article(self, row: dict[str, Any]) -> None:
        attrs = {"type": "article", "article_id": row["id"], "title": row["title"] or ""}
        attrs |= {"channel": row["channel"] or "", "published_at": row["published_at"] or ""}
        self.nodes[row["url"]] = attrs


def build_graph(
    engine: Engine,
    *,
    since: str | None = None,
    kind: str = "related",
    around: str | None = None,
    depth: int = 1,
    site: str | None = None,
) -> Graph:
    """The whole graph (articles published since ``since``), or the neighbourhood of one article.

    ``around`` (id or URL) follows links both ways, ``depth`` steps out.  ``site``: only
    the links on that site's articles (the whole graph only).
    """
    if site is not None and around is not None:
        raise QueryError("--site and --around do not combine: a neighbourhood crosses sites")
    if kind not in KINDS:
        raise QueryError(f"kind must be one of {', '.join(KINDS)}")
    kind_sql = "" if kind == "any" else " AND l.kind = :kind"
    graph = Graph()
    with engine.connect() as conn:
        if around is not None:
            start = get_article(engine, around)["id"]
            edges = _neighbourhood(conn, start, depth, kind_sql, kind)
        else:
            conds = [c for c, on in (("published_at >= :since", since), ("site = :site", site)) if on]
            where = f"WHERE {' AND '.join(conds)}" if conds else ""
            params = {"since": since, "kind": kind, "site": site}
            for row in conn.execute(text(f"{_NODE_SQL} {where}"), params).mappings():
                graph.add_article(dict(row))
            cond = " AND ".join(f"f.{c}" for c in conds) or "1 = 1"
            edges = _rows(conn, f"{_EDGE_SQL} WHERE {cond}{kind_sql}", params)
        edges.sort(key=lambda e: (e["source"], e["kind"], e["position"]))
        graph.edges = [{k: e[k] for k in ("source", "target", "kind", "position")} for e in edges]
        _add_endpoints(conn, graph, edges)
    return graph


def _rows(conn: Connection, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(text(sql), params).mappings()]


def _neighbourhood(conn: Connection, start: int, depth: int, kind_sql: str, kind: str) -> list[dict]:
    """Breadth-first over resolved links in both directions; unresolved URLs are leaves."""
    seen, frontier, edges = {start}, {start}, {}
    for _ in range(max(depth, 0)):
        ids = ",".join(str(i) for i in frontier)
        found = _rows(
            conn,
            f"{_EDGE_SQL} WHERE (l.from_id IN ({ids}) OR l.to_id IN ({ids})){kind_sql}",
            {"kind": kind},
        )
        step = set()
        for e in found:
            edges[(e["source"], e["target"], e["kind"])] = e
            step.update(i for i in (e["from_id"], e["to_id"]) if i is not None)
        frontier = step - seen
        seen |= frontier
        if not frontier:
            break
    return list(edges.values())


def _add_endpoints(conn: Connection, graph: Graph, edges: list[dict[str, Any]]) -> None:
    """Every edge end becomes a node: an article (read in chunks) or an unresolved URL."""
    missing = sorted({u for e in edges for u in (e["source"], e["target"])} - graph.nodes.keys())
    for i in range(0, len(missing), 500):
        chunk = missing[i : i + 500]
        marks = ",".join(f":u{j}" for j in range(len(chunk)))
        params = {f"u{j}": u for j, u in enumerate(chunk)}
        for row in conn.execute(text(f"{_NODE_SQL} WHERE url IN ({marks})"), params).mappings():
            graph.add_article(dict(row))
    for url in missing:
        graph.nodes.setdefault(url, {"type": "unresolved", "title": "", "channel": "", "published_at": ""})


def to_json(graph: Graph) -> str:
    """networkx node-link data: ``nx.node_link_graph(json.load(f), edges="links")``."""
    data = {
        "directed": True,
        "multigraph": True,  # one page may link another from both blocks
        "graph": {"name": "autonews links"},
        "nodes": [{"id": url} | attrs for url, attrs in graph.nodes.items()],
        "links": [dict(e, key=e["kind"]) for e in graph.edges],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def to_graphml(graph: Graph) -> str:
    keys = [("type", "node", "string"), ("article_id", "node", "int"), ("title", "node", "string")]
    keys += [("channel", "node", "string"), ("published_at", "node", "string")]
    keys += [("kind", "edge", "string"), ("position", "edge", "int")]
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    out.append('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">')
    out += [f'  <key id="{k}" for="{f}" attr.name="{k}" attr.type="{t}"/>' for k, f, t in keys]
    out.append('  <graph id="autonews" edgedefault="directed">')
    for url, attrs in graph.nodes.items():
        data = "".join(f'<data key="{k}">{escape(str(v))}</data>' for k, v in attrs.items() if v != "")
        out.append(f"    <node id={quoteattr(url)}>{data}</node>")
    for e in graph.edges:
        data = f'<data key="kind">{escape(e["kind"])}</data><data key="position">{e["position"]}</data>'
        out.append(f"    <edge source={quoteattr(e['source'])} target={quoteattr(e['target'])}>{data}</edge>")
    out += ["  </graph>", "</graphml>"]
    return "\n".join(out) + "\n"


def _dot_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def to_dot(graph: Graph) -> str:
    out = ["digraph autonews {", '  node [shape=box, fontname="Noto Sans CJK SC"];']
    for url, attrs in graph.nodes.items():
        style = "" if attrs["type"] == "article" else ", style=dashed"
        out.append(f"  {_dot_str(url)} [label={_dot_str(attrs['title'] or url)}{style}];")
    for e in graph.edges:
        style = "" if e["kind"] == "related" else ", color=gray"
        out.append(f"  {_dot_str(e['source'])} -> {_dot_str(e['target'])} [label={e['position']}{style}];")
    out.append("}")
    return "\n".join(out) + "\n"


SERIALIZERS = {"json": to_json, "graphml": to_graphml, "dot": to_dot}
