"""Fuzzing ``k8slab validate``: no input gives a traceback, every run exits 0, 1 or 2 with one-line output.

Valid manifests are mutated (values of any type in any place, deep nesting, deleted fields),
then their YAML text (anchors, aliases, merge keys, duplicated lines, random characters), then
raw bytes are read from stdin. The command runs in-process through ``main(argv)``, with
``--cross-checks`` so the set-level checks meet the same inputs. The example counts are bounded
for CI; ``K8SLAB_FUZZ_EXAMPLES`` raises them for a longer run.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from k8slab.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "validate" / "valid"
SEEDS: list[Any] = [
    doc
    for name in ("workloads.yaml", "services.yaml", "config.yaml", "policy.yaml", "monitoring.yaml")
    for doc in yaml.safe_load_all((FIXTURES / name).read_text())
    if isinstance(doc, dict)
]
EXAMPLES = int(os.environ.get("K8SLAB_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=10_000,  # ms per run; schemas are compiled once, in the warm-up below
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)

PROBLEM = re.compile(r"^.+:\d+:\d+: document \d+: .+$")
VALID = re.compile(r"^\d+ documents valid(, \d+ not checked)?$")
NOTE = re.compile(r"^.+:\d+:1: document \d+: .+: not checked: .+$")
ERROR = re.compile(r"^k8slab: error: .+$")
RUNS = {"runs": 0, "documents": 0}

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["", "=", "1e3", "0o17", "1:20", "y", "~", "2001-12-14", "<<", "*", "&", "!!binary", "\t"])
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
SNIPPETS = [
    "&a ",
    "*a",
    "<<: *a\n",
    "&a [*a, *a]",
    "{<<: [*a]}",
    "!!int ",
    "!!binary ",
    "!custom ",
    "---\n",
    "...\n",
    "? [a]\n: b\n",
    "~: x\n",
    "%YAML 1.1\n",
    "\x00",
    "\ufeff",
    "\t",
    "'",
    '"',
    "[",
    "{",
    ": ",
    "- ",
    "#",
    "|\n",
]


@pytest.fixture(scope="module", autouse=True)
def _warm() -> Iterator[None]:
    """Compile the seeds' schemas once, so no example pays for it; print the counts at the end (``-s``)."""
    _check(*_run(yaml.safe_dump_all(SEEDS).encode()))
    yield
    print(f"\nfuzz: {RUNS['runs']} runs of k8slab validate, about {RUNS['documents']} documents, 0 crashes")


def _run(stdin: bytes, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8", errors="surrogateescape")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["validate", "--cross-checks", *args, "-"])
    finally:
        sys.stdin = saved
    RUNS["runs"] += 1
    RUNS["documents"] += stdin.count(b"\n---") + 1
    return code, out.getvalue(), err.getvalue()


def _check(code: int, out: str, err: str) -> None:
    assert code in (0, 1, 2)
    for line in out.splitlines():
        assert PROBLEM.match(line) or VALID.match(line) or line.startswith(("{", "}", " ", "]")), line
    for line in err.splitlines():
        assert ERROR.match(line) or NOTE.match(line), line
    assert "Traceback" not in out + err


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into ``value``, the root included."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, (*prefix, i))
    return found


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """A seed with a few values replaced, nested deeply or deleted."""
    doc = json.loads(json.dumps(draw(st.sampled_from(SEEDS))))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(doc)))
        if not path:
            continue
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "nest", "delete"]))
        if action == "replace":
            parent[path[-1]] = draw(values)
        elif action == "nest":
            depth = draw(st.sampled_from([2, 50, 255, 300, 600]))
            nested: Any = parent[path[-1]]
            for _ in range(depth):
                nested = [nested] if draw(st.booleans()) else {"k": nested}
            parent[path[-1]] = nested
        else:
            del parent[path[-1]]
    return doc


def _dump(doc: Any) -> str:
    try:
        return yaml.safe_dump(doc, sort_keys=False)
    except (yaml.YAMLError, RecursionError):  # deeper than PyYAML's writer goes
        return json.dumps(doc)


@FUZZ
@given(st.lists(mutated(), min_size=1, max_size=3), st.booleans())
def test_mutated_values_never_crash(docs: list[Any], as_json: bool) -> None:
    if as_json:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "doc.json"
            try:
                path.write_text(json.dumps(docs[0]))
            except RecursionError:
                return
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(["validate", "--cross-checks", str(path)])
            RUNS["runs"] += 1
            RUNS["documents"] += 1
            _check(code, out.getvalue(), err.getvalue())
        return
    _check(*_run("---\n".join(_dump(d) for d in docs).encode("utf-8", "surrogatepass")))


@FUZZ
@given(
    st.sampled_from(SEEDS),
    st.lists(st.tuples(st.floats(0, 1), st.sampled_from(SNIPPETS) | st.text(max_size=4)), min_size=1, max_size=4),
    st.booleans(),
)
def test_mutated_text_never_crashes(seed: Any, edits: list[tuple[float, str]], twice: bool) -> None:
    text = yaml.safe_dump(seed, sort_keys=False)
    if twice:  # a repeated line makes duplicate keys
        lines = text.splitlines(keepends=True)
        text = "".join(lines[: len(lines) // 2] * 2 + lines[len(lines) // 2 :])
    for where, snippet in edits:
        at = int(where * len(text))
        text = text[:at] + snippet + text[at:]
    data = text.encode("utf-8", "surrogatepass")
    _check(*_run(data))
    code, out, err = _run(data, "--output", "json")
    _check(code, "", err)
    report = json.loads(out)
    assert report["valid"] is (code == 0)
    assert all(isinstance(p["line"], int) and isinstance(p["column"], int) for p in report["problems"])


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_never_crash(data: bytes) -> None:
    _check(*_run(data))
    _check(*_run(b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  k: " + data))
