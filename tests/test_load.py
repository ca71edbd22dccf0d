"""``localaction-kg load``: every accepted syntax, gzipped or not, into named graphs; clear refusals."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

G = "https://w3id.org/localaction-kg/graph/curated"


def _load(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "localaction_kg.cli", "load", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_load_all_syntaxes_gzipped_or_not(tmp_path: Path) -> None:
    (tmp_path / "a.nt").write_text('<urn:a> <urn:p> "nt" .\n')
    with gzip.open(tmp_path / "b.ttl.gz", "wt") as f:
        f.write('@prefix x: <urn:> . x:b x:p "ttl" .\n')
    (tmp_path / "c.nq").write_text('<urn:c> <urn:p> "nq" <urn:graph:c> .\n')
    with gzip.open(tmp_path / "d.trig.gz", "wt") as f:
        f.write('<urn:graph:d> { <urn:d> <urn:p> "trig" }\n')
    store = tmp_path / "store"
    files = [str(tmp_path / n) for n in ("a.nt", "b.ttl.gz", "c.nq", "d.trig.gz")]
    out = _load(*files, "--store", str(store), "--graph", G, "--quiet")
    assert out.returncode == 0, out.stderr
    s = ox.Store.read_only(str(store))
    quads = s.quads_for_pattern(None, ox.NamedNode("urn:p"), None)
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    assert graphs == {G, "urn:graph:c", "urn:graph:d"}
    assert {q.object.value for q in s.quads_for_pattern(None, None, None, ox.NamedNode(G))} == {"nt", "ttl"}
    # the DefaultGraph holds the merge of the layout's default graphs: the curated graph, not urn:graph:c
    default = {q.object.value for q in s.quads_for_pattern(None, ox.NamedNode("urn:p"), None, ox.DefaultGraph())}
    assert default == {"nt", "ttl"}
    assert "materialised the default graph (2 triples)" in out.stdout


def test_quads_without_a_graph_name_are_refused(tmp_path: Path) -> None:
    (tmp_path / "mixed.nq").write_text('<urn:c> <urn:p> "named" <urn:graph:c> .\n<urn:c> <urn:p> "none" .\n')
    store = tmp_path / "store"
    out = _load(str(tmp_path / "mixed.nq"), "--store", str(store), "--quiet")
    assert out.returncode == 1
    assert "1 quads have no graph name and were not loaded" in out.stderr and "--graph IRI" in out.stderr
    s = ox.Store.read_only(str(store))
    assert {q.object.value for q in s.quads_for_pattern(None, ox.NamedNode("urn:p"), None)} == {"named"}
    del s
    # with --graph the same file loads whole: the unnamed quad goes into that graph
    assert _load(str(tmp_path / "mixed.nq"), "--store", str(store), "--graph", G, "--quiet").returncode == 0
    s = ox.Store.read_only(str(store))
    assert {q.object.value for q in s.quads_for_pattern(None, None, None, ox.NamedNode(G))} == {"none"}


def test_load_refuses_clearly(tmp_path: Path) -> None:
    (tmp_path / "a.nt").write_text('<urn:a> <urn:p> "nt" .\n')
    (tmp_path / "bad.ttl").write_text("<urn:a> <urn:p> .\n")
    (tmp_path / "x.json").write_text("{}")
    store = str(tmp_path / "store")
    no_graph = _load(str(tmp_path / "a.nt"), "--store", store)
    assert no_graph.returncode == 2 and "give the target graph with --graph IRI" in no_graph.stderr
    unknown = _load(str(tmp_path / "x.json"), "--store", store, "--graph", G)
    assert unknown.returncode == 2 and "unknown RDF file extension '.json'" in unknown.stderr
    missing = _load(str(tmp_path / "nope.nq"), "--store", store)
    assert missing.returncode == 2 and "nope.nq: no such file" in missing.stderr
    bad = _load(str(tmp_path / "bad.ttl"), "--store", store, "--graph", G)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and "line 1" in bad.stderr
    # the same file, fixed, loads (the refusal was about the file)
    (tmp_path / "bad.ttl").write_text('<urn:a> <urn:p> "ok" .\n')
    assert _load(str(tmp_path / "bad.ttl"), "--store", store, "--graph", G, "--quiet").returncode == 0
