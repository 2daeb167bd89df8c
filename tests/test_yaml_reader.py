"""The YAML reader: Go's scalar rules (each row of the docs' table), its limits, duplicate keys, positions."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from k8slab.cli import main
from k8slab.validation import documents, yaml_reader
from k8slab.validation.documents import Document, load_paths, parse_text, positions
from k8slab.validation.yaml_reader import MAX_DEPTH, MAX_DOCUMENT_CHARS, parse_path

LOADER: Any = yaml.CSafeLoader
REFUSED = object()

# (plain YAML value, what the API server reads (as JSON), what PyYAML's SafeLoader reads)
# Every row is a line of the table in docs/guides/validate.md.
SCALARS: list[tuple[str, Any, Any]] = [
    ("=", "=", REFUSED),
    ("1e3", 1000, "1e3"),
    ("1e-05", 1e-05, "1e-05"),
    ("1.5e3", 1500, "1.5e3"),
    ("-.5", -0.5, "-.5"),
    ("1.0", 1, 1.0),
    ("0o17", 15, "0o17"),
    ("08", 8, "08"),
    ("0X1F", 31, "0X1F"),
    ("1:20", "1:20", 80),
    ("12:30:00", "12:30:00", 45000),
    ("y", True, "y"),
    ("Y", True, "Y"),
    ("n", False, "n"),
    ("N", False, "N"),
    (".inf", REFUSED, float("inf")),
    ("-.Inf", REFUSED, float("-inf")),
    ("2001-12-14", "2001-12-14", datetime.date(2001, 12, 14)),
    (
        "2001-12-14T21:59:43Z",
        "2001-12-14T21:59:43Z",
        datetime.datetime(2001, 12, 14, 21, 59, 43, tzinfo=datetime.UTC),
    ),
    ("!!binary aGk=", "hi", b"hi"),
    ("!vault secret", "secret", REFUSED),
    ("123456789012345678901234", 1.2345678901234568e23, 123456789012345678901234),
    ('"it\\\'s"', "it's", REFUSED),
]
# Rows where both readers agree (kept here so that a change of either one is noticed).
SAME: list[tuple[str, Any]] = [
    ("yes", True),
    ("off", False),
    ("~", None),
    ("", None),
    ("no", False),
    ("On", True),
    ("TRUE", True),
    ("false", False),
    ("null", None),
    ("017", 15),
    ("0x1F", 31),
    ("0b101", 5),
    ("0x_1F", 31),
    ("1_000", 1000),
    ("+1", 1),
    ("0.5", 0.5),
    ("!!int '3'", 3),
    ("!!str 3", "3"),
    ("'1e3'", "1e3"),
]


def _value(text: str) -> Any:
    docs, error = parse_text("t.yaml", f"v: {text}\n")
    if error is not None:
        return REFUSED
    return docs[0].body["v"]


def _pyyaml(text: str) -> Any:
    try:
        return yaml.load(text, Loader=LOADER)
    except yaml.YAMLError:
        return REFUSED


@pytest.mark.parametrize(("text", "go", "pyyaml"), SCALARS, ids=[row[0] or "empty" for row in SCALARS])
def test_scalars_resolve_as_go_yaml_does(text: str, go: Any, pyyaml: Any) -> None:
    ours = _value(text)
    assert ours == go and type(ours) is type(go)
    theirs = _pyyaml(f"v: {text}\n")
    assert (theirs if theirs is REFUSED else theirs["v"]) == pyyaml  # the row really is a difference


@pytest.mark.parametrize(("text", "value"), SAME, ids=[row[0] or "empty" for row in SAME])
def test_scalars_where_both_readers_agree(text: str, value: Any) -> None:
    assert _value(text) == value and type(_value(text)) is type(value)
    assert _pyyaml(f"v: {text}\n")["v"] == value


def test_nan_is_refused_where_pyyaml_reads_a_float() -> None:
    assert _value(".nan") is REFUSED
    theirs = _pyyaml("v: .nan\n")["v"]
    assert isinstance(theirs, float) and theirs != theirs  # NaN: not comparable in the table test


def test_keys_become_json_strings_as_sigs_yaml_makes_them() -> None:
    (doc,), _ = parse_text("t.yaml", "{1: a, y: b, 1.5: c, 1e6: d, false: e}\n")
    assert doc.body == {"1": "a", "true": "b", "1.5": "c", "1e+06": "d", "false": "e"}
    assert _pyyaml("{1: a, y: b, 1.5: c, 1e6: d, false: e}\n") == {1: "a", "y": "b", 1.5: "c", "1e6": "d", False: "e"}
    for bad in ("{~: a}\n", "{[a]: b}\n", "{{a: 1}: b}\n"):
        _, error = parse_text("t.yaml", bad)
        assert error is not None and "mapping key" in error.message and error.line == 1


def test_merge_keys_follow_go_order() -> None:
    later_wins = "{a: 2, <<: {a: 1}}\n"
    assert parse_text("t.yaml", later_wins)[0][0].body == {"a": 1}  # go-yaml v2: later keys win
    assert _pyyaml(later_wins) == {"a": 2}  # PyYAML: explicit keys always win
    (doc,), _ = parse_text("t.yaml", "base: &b {a: 1, b: 2}\nv: {<<: [*b, {a: 9, c: 3}], d: 4}\n")
    assert doc.body["v"] == {"a": 1, "b": 2, "c": 3, "d": 4} and doc.duplicates == ()
    _, error = parse_text("t.yaml", "v: {<<: [a, b]}\n")
    assert error is not None and "map merge requires map" in error.message


def test_explicit_tags_that_do_not_fit_are_refused() -> None:
    _, error = parse_text("t.yaml", "v: !!int abc\n")
    assert error is not None and error.message.endswith("cannot decode a !!str value as a !!int")
    assert (error.line, error.column) == (1, 4)


def test_duplicate_keys_are_reported_with_their_position() -> None:
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {x: '1', x: '2'}\ndata: {}\ndata: {k: v}\n"
    (doc,), error = parse_text("t.yaml", text)
    assert error is None
    assert doc.body["data"] == {"k": "v"} and doc.body["metadata"]["labels"] == {"x": "2"}  # the last one wins
    assert [(d.path, d.message, d.line, d.column) for d in doc.duplicates] == [
        ("metadata.labels.x", 'duplicate field "x"', 5, 20),
        ("data", 'duplicate field "data"', 7, 1),
    ]


def test_duplicates_in_json_and_in_list_items(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('{"apiVersion": "v1", "kind": "ConfigMap",\n "metadata": {"name": "a", "name": "b"}}\n')
    (doc,), errors = load_paths([str(path)])
    assert errors == [] and [(d.path, d.line, d.column) for d in doc.duplicates] == [("metadata.name", 2, 28)]
    listed = "kind: List\napiVersion: v1\nitems:\n- {kind: ConfigMap, apiVersion: v1, metadata: {name: a}, data: {}}\n"
    listed += "- {kind: ConfigMap, apiVersion: v1, metadata: {name: b, name: c}}\n"
    first, second = parse_text("l.yaml", listed)[0]
    assert first.duplicates == () and [(d.path, d.line) for d in second.duplicates] == [("metadata.name", 5)]


def _bomb(levels: int) -> str:
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata:\n  a0: &a0 [x,x,x,x,x,x,x,x,x]\n"
    for i in range(1, levels):
        text += f"  a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]\n"
    return text


def test_an_alias_bomb_is_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(_bomb(10))  # 9**10 strings once expanded
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"k8slab: error: {path}:7:7: document 1: document contains excessive aliasing" + (
        " (the API server's YAML reader refuses it too)"
    )


def test_aliases_within_go_budget_are_read() -> None:
    text = "base: &b {a: '1', b: '2', c: '3', d: '4', e: '5', f: '6', g: '7', h: '8', i: '9'}\n"
    text += "".join(f"k{i}: *b\n" for i in range(100))  # 100 aliases of a 10-node map: 1,000 of ~1,200 decodes
    (doc,), error = parse_text("t.yaml", text)
    assert error is None and doc.body["k99"] == doc.body["base"]
    assert parse_text("t.yaml", _bomb(3))[1] is None  # 729 strings: small enough for Go


def test_an_anchor_that_contains_itself_is_refused() -> None:
    for text in ("metadata: &m {labels: *m}\n", "a: &l [1, [2, *l]]\n"):
        _, error = parse_text("t.yaml", text)
        assert error is not None and "contains an alias of itself" in error.message


def _nested(depth: int, json_style: bool = False) -> str:
    if json_style:
        return '{"kind": "ConfigMap", "v": ' + '{"a": ' * (depth - 1) + "1" + "}" * (depth - 1) + "}"
    return "kind: ConfigMap\nv: " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"


@pytest.mark.parametrize("json_style", [False, True])
def test_nesting_is_limited(json_style: bool, tmp_path: Path) -> None:
    path = tmp_path / ("n.json" if json_style else "n.yaml")
    path.write_text(_nested(MAX_DEPTH, json_style))
    assert load_paths([str(path)])[1] == []
    path.write_text(_nested(MAX_DEPTH + 1, json_style))
    (error,) = load_paths([str(path)])[1]
    assert f"nested deeper than {MAX_DEPTH} levels" in error.message
    path.write_text(_nested(100_000, json_style))  # beyond libyaml's own limit and Python's recursion
    (error,) = load_paths([str(path)])[1]
    assert "nest" in error.message


def test_nesting_through_aliases_is_limited() -> None:
    deep = "[" * 200 + "]" * 200
    ok = f"a: &a {deep}\n"
    assert parse_text("t.yaml", ok)[1] is None
    _, error = parse_text("t.yaml", f"a: &a {deep}\nb: {'[' * 100}*a{']' * 100}\n")
    assert error is not None and "through aliases" in error.message


def test_document_size_is_limited() -> None:
    line = "  k%d: " + "x" * 90 + "\n"
    big = "kind: ConfigMap\ndata:\n" + "".join(line % i for i in range(MAX_DOCUMENT_CHARS // 90))
    _, error = parse_text("big.yaml", "kind: ConfigMap\n---\n" + big)
    assert error is not None and error.line == 2 and "longer than 3 MiB" in error.message
    many = "".join(f"---\nkind: ConfigMap\ndata: {{k: {'x' * 1000}}}\n" for _ in range(MAX_DOCUMENT_CHARS // 1000 + 10))
    docs, error = parse_text("many.yaml", many)
    assert error is None and len(docs) > MAX_DOCUMENT_CHARS // 1000  # a long stream of small documents is fine


def test_sources_are_limited_before_they_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_SOURCE_CHARS", 100)
    monkeypatch.setattr(yaml_reader, "MAX_SOURCE_CHARS", 100)
    path = tmp_path / "a.yaml"
    path.write_text("kind: ConfigMap\n" + "#" * 200 + "\n")
    assert "larger than" in load_paths([str(path)])[1][0].message
    assert "larger than" in load_paths(["-"], io.StringIO(path.read_text()))[1][0].message
    assert "longer than" in str(parse_text("a.yaml", path.read_text())[1])


def test_random_bytes_on_stdin_are_refused_cleanly() -> None:
    data = bytes(range(256)) * 4
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="surrogateescape")
    assert load_paths(["-"], stdin)[1][0].message == "cannot read: not UTF-8 text"
    surrogates = io.StringIO(data.decode("utf-8", "surrogateescape"))
    assert load_paths(["-"], surrogates)[1][0].message == "cannot read: not UTF-8 text"


def test_a_bomb_is_refused_without_expanding_it() -> None:
    _, error = parse_text("bomb.yaml", _bomb(40))  # 9**40 nodes once expanded: only counting can refuse it
    assert error is not None and "excessive aliasing" in error.message


def test_paths_parse_as_format_path_writes_them() -> None:
    assert parse_path("spec.containers[0].env[12].name") == ["spec", "containers", 0, "env", 12, "name"]
    assert parse_path("metadata.labels['app.kubernetes.io/name']") == ["metadata", "labels", "app.kubernetes.io/name"]
    assert parse_path('data["it\'s"]') == ["data", "it's"]
    assert parse_path("") == []


def test_positions_point_at_the_field_or_its_nearest_parent() -> None:
    text = "---\n# a comment\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n"
    text += "    spec:\n      containers:\n      - name: a\n      - name: b\n        image: x\n"
    (doc,), _ = parse_text("d.yaml", text)
    paths = [
        "spec.template.spec.containers[1].image",
        "spec.selector",  # missing: its parent, spec
        "spec.template.spec.containers[5].name",  # no such item: the list
        "metadata",
        "",
    ]
    assert positions(doc, paths) == [(13, 9), (7, 1), (10, 7), (5, 1), (3, 1)]


def test_positions_in_json_and_list_items() -> None:
    obj = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"k": 1}}
    (doc,), _ = parse_text("c.json", json.dumps(obj, indent=2), as_json=True)
    assert positions(doc, ["data.k"]) == [(8, 5)]
    listed = "apiVersion: v1\nkind: List\nitems:\n- kind: ConfigMap\n  data: {}\n- kind: Secret\n  data:\n    k: 1\n"
    _, second = parse_text("l.yaml", listed)[0]
    assert isinstance(second, Document) and second.base == ("items", 1)
    assert positions(second, ["data.k", "kind"]) == [(8, 5), (6, 3)]


def test_the_slash_escape_is_read_as_libyaml_reads_it() -> None:
    # go-yaml v2 has no \/ (scannerc.go), libyaml reads it as "/": the one escape k8slab accepts
    # where the API server refuses, documented as such; the Python parser (after a \') agrees.
    assert _value('"a\\/b"') == "a/b"
    assert _value('"it\\\'s a\\/b"') == "it's a/b"


def test_a_refused_escape_late_in_a_source_is_read_from_the_start_again() -> None:
    text = 'a: 1\n---\nb: 2\n---\nc: "x\\\'y"\n'
    docs, error = parse_text("t.yaml", text)
    assert error is None and [d.body for d in docs] == [{"a": 1}, {"b": 2}, {"c": "x'y"}]
    docs, error = parse_text("t.yaml", 'a: 1\n---\nb: [\n---\nc: "x\\\'y"\n')
    assert error is not None and [d.body for d in docs] == [{"a": 1}]  # other errors: what came before is kept


def test_sources_with_go_only_escapes_keep_positions_and_the_other_escapes() -> None:
    text = (
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n"
        + r"""  a: "\'\x41\u00e9\t\"\\"
  b: x
"""
    )
    (doc,), error = parse_text("c.yaml", text)
    assert error is None
    assert doc.body["data"] == {"a": "'A\u00e9\t\"\\", "b": "x"}
    assert positions(doc, ["data.b"]) == [(6, 3)]
