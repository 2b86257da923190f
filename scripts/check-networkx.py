#!/usr/bin/env python3
"""Checks that networkx reads back every export format of every fixture Chainsight loads.

For each fixture under tests/fixtures (the fuzz corpus aside) that `chainsight check --json`
loads, every export networkx reads is written with `chainsight export` and read with networkx:
networkx node-link JSON with `node_link_graph`, GEXF with `read_gexf`, GraphML with
`read_graphml`. networkx must find as many nodes and edges as `check --json` reports, and the
same node labels as Chainsight's own export holds.

A graph with both directed and undirected relations (a mixed graph) cannot be held by networkx,
which has one direction per graph; GEXF and GraphML mark each undirected edge, which networkx
refuses with "... found in directed graph". That refusal is expected and listed, not a failure.

Usage: scripts/check-networkx.py [path/to/chainsight]   (default: target/debug/chainsight)
Exit code 0 when every check passes.
"""

import json
import pathlib
import subprocess
import sys
import tempfile

import networkx as nx

ROOT = pathlib.Path(__file__).resolve().parent.parent
BINARY = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target" / "debug" / "chainsight"


def chainsight(*args):
    return subprocess.run([str(BINARY), *args], capture_output=True, text=True, timeout=120)


def read_networkx_json(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    # Chainsight writes "links", as networkx wrote up to 3.5; networkx 3.6 defaults to "edges".
    edges = "links" if "links" in data else "edges"
    return nx.node_link_graph(data, edges=edges)


READERS = {
    "networkx": (".json", read_networkx_json),
    "gexf": (".gexf", nx.read_gexf),
    "graphml": (".graphml", nx.read_graphml),
}


def node_labels(graph):
    return sorted(str(attributes.get("label", node)) for node, attributes in graph.nodes(data=True))


def main():
    fixtures = sorted(
        path
        for path in (ROOT / "tests" / "fixtures").rglob("*")
        if path.is_file() and "fuzz" not in path.relative_to(ROOT).parts
    )
    failures, checked, mixed_refusals = [], 0, []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for fixture in fixtures:
            name = fixture.relative_to(ROOT)
            check = chainsight("check", "--json", str(fixture))
            report = json.loads(check.stdout)
            if not report["loaded"]:
                continue
            native = tmp / "native.json"
            result = chainsight("export", str(fixture), "--format", "chainsight", "-o", str(native))
            if result.returncode != 0:
                failures.append(f"{name}: export --format chainsight failed: {result.stdout}")
                continue
            dataset = json.loads(native.read_text(encoding="utf-8"))
            labels = sorted(entity.get("name", entity["id"]) for entity in dataset["entities"])
            directions = {relation.get("directed", True) for relation in dataset["relations"]}
            is_mixed = len(directions) == 2
            for format_name, (extension, reader) in READERS.items():
                out = tmp / f"export{extension}"
                result = chainsight("export", str(fixture), "--format", format_name, "-o", str(out))
                if result.returncode != 0:
                    failures.append(f"{name} {format_name}: export failed: {result.stdout}")
                    continue
                try:
                    graph = reader(out)
                except nx.NetworkXError as error:
                    if is_mixed and format_name != "networkx" and "found in" in str(error):
                        mixed_refusals.append(f"{name} {format_name}: {error}")
                        continue
                    failures.append(f"{name} {format_name}: networkx cannot read it: {error}")
                    continue
                except Exception as error:  # noqa: BLE001 - any failure to read is a finding
                    failures.append(f"{name} {format_name}: networkx cannot read it: {error!r}")
                    continue
                checked += 1
                problems = []
                if graph.number_of_nodes() != report["entities"]:
                    problems.append(f"{graph.number_of_nodes()} nodes, check says {report['entities']}")
                if graph.number_of_edges() != report["relations"]:
                    problems.append(f"{graph.number_of_edges()} edges, check says {report['relations']}")
                if node_labels(graph) != labels:
                    problems.append("node labels differ from Chainsight's")
                if not is_mixed and graph.is_directed() != (directions != {False}):
                    problems.append(f"networkx reads it as directed={graph.is_directed()}")
                if problems:
                    failures.append(f"{name} {format_name}: " + "; ".join(problems))
    for refusal in mixed_refusals:
        print(f"expected (mixed graph): {refusal}")
    for failure in failures:
        print(f"FAILED: {failure}")
    print(f"networkx read {checked} exports of {len(fixtures)} fixtures; {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
