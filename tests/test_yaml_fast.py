"""The fast YAML path (rapidyaml) gives exactly what the exact path (libyaml, Go's rules) gives, or steps aside.

Every comparison runs both paths on the same text: the fast one with its size threshold at 0,
the exact one with the fast path off. The fast path may decline (None); when it answers, the
values (types included), key order, document count and lines must be the exact path's, and the
exact path must have read the text without an error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from k8slab.validation import forked, yaml_fast, yaml_reader
from tests.conftest import SHARED_CRDS
from tests.test_yaml_reader import SAME, SCALARS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _only_this_tests_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Threads an earlier test left behind are not this test's: only threads it starts count.

    An in-process synthesis elsewhere in the suite leaves jsii's stderr sink running for the
    rest of the session, and with it every read would take the exact path, so that the tests
    below would compare the exact path with itself.
    """
    import threading

    before = set(threading.enumerate())

    def started_here() -> bool:
        return any(thread not in before for thread in threading.enumerate())

    monkeypatch.setattr(forked, "other_threads", started_here)


def strict(value: Any) -> Any:
    """``value`` with every type and order made visible (``1``, ``1.0`` and ``True`` differ)."""
    if isinstance(value, dict):
        return ("map", tuple((k, strict(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("list", tuple(strict(v) for v in value))
    return (type(value).__name__, value)


def exact(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Any] | None, str | None]:
    """What the exact path reads: (documents, None) or (None, the error)."""
    with monkeypatch.context() as patch:
        patch.setattr(yaml_fast, "FAST_MIN_CHARS", 1 << 62)
        patch.setattr(yaml_fast, "WARM_MIN_CHARS", 1 << 62)
        try:
            docs = [(strict(p.body), p.first_line, p.last_line, p.duplicates) for p in yaml_reader.read_stream(text)]
        except Exception as err:  # any refusal counts as one
            return None, repr(err)
    return docs, None


def fast(text: str, monkeypatch: pytest.MonkeyPatch) -> list[Any] | None:
    with monkeypatch.context() as patch:
        patch.setattr(yaml_fast, "FAST_MIN_CHARS", 0)
        patch.setattr(yaml_fast, "WARM_MIN_CHARS", 0)
        found = yaml_fast.read_fast(text)
    return None if found is None else [(strict(body), first, last, ()) for body, first, last in found]


def same_or_declined(text: str, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Assert the fast path agrees with the exact one; whether it answered."""
    quick = fast(text, monkeypatch)
    if quick is None:
        return False
    docs, error = exact(text, monkeypatch)
    assert error is None, f"the fast path read what the exact path refuses ({error}):\n{text}"
    assert quick == docs, text
    return True


def _yaml_files() -> Iterator[Path]:
    for root in (ROOT / "tests" / "fixtures", ROOT / "examples", SHARED_CRDS):
        yield from sorted(p for p in root.rglob("*.y*ml") if "templates" not in p.parts)


FILES = list(_yaml_files())


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_every_fixture_reads_the_same_on_both_paths(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    same_or_declined(path.read_text(encoding="utf-8"), monkeypatch)


def test_the_fast_path_answers_for_most_real_files(monkeypatch: pytest.MonkeyPatch) -> None:
    answered = [p for p in FILES if same_or_declined(p.read_text(encoding="utf-8"), monkeypatch)]
    assert len(answered) >= 0.9 * len(FILES)
    crds = [p for p in answered if p.is_relative_to(SHARED_CRDS) and "CustomResourceDefinition" in p.read_text()]
    assert crds, "CRDs, CEL rules (&&, ! and ? in their strings) included, take the fast path"


def test_short_sources_take_the_fast_path_only_once_rapidyaml_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "".join(f"---\nkind: ConfigMap\nmetadata:\n  name: c{i}\n" for i in range(200))
    assert yaml_fast.WARM_MIN_CHARS <= len(text) < yaml_fast.FAST_MIN_CHARS
    monkeypatch.setattr(yaml_fast, "_module", yaml_fast._MISSING)
    assert yaml_fast.read_fast(text) is None  # a small run never imports rapidyaml
    yaml_fast.read_fast(text * 20)
    assert yaml_fast.read_fast(text) is not None


def test_long_sources_take_the_fast_path_through_read_stream() -> None:
    doc = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i}\ndata:\n  a: 'yes'\n  b: \"8080\"\n  c: x\n"
    text = "".join(f"---\n# Source: c{i}\n" + doc.format(i=i) for i in range(3000))
    assert len(text) >= yaml_fast.FAST_MIN_CHARS
    found = yaml_fast.read_fast(text)
    assert found is not None and len(found) == 3000
    parsed = list(yaml_reader.read_stream(text))
    assert [(p.body, p.first_line, p.last_line) for p in parsed] == [tuple(d) for d in found]
    assert parsed[1].first_line == 13 and parsed[1].body["data"] == {"a": "yes", "b": "8080", "c": "x"}


TRICKY = [
    *(f"v: {plain}\n" for plain, _, _ in SCALARS),
    *(f"v: {plain}\n" for plain, _ in SAME),
    *(f"{plain}: v\n" for plain, _, _ in SCALARS if plain and not plain.startswith("!")),
    *(f"{plain}: v\n" for plain, _ in SAME if plain),
    "v: @x\n",
    "v: `x\n",
    "v: %x\n",
    "v: *x\n",
    "a: &x 1\nb: *x\n",
    "a: &x 1\nb: &x 2\n",
    "&k a: 1\n",
    "a: !!str 1\n",
    "a: !!binary aGk=\n",
    "a: !!int abc\n",
    "a: 1\na: 2\n",
    "a: {b: 1, b: 2}\n",
    "<<: {a: 1}\nb: 2\n",
    "? a\n: 1\n",
    "? a\n",
    "? [a]\n: 1\n",
    "a:\tb\n",
    "a: 1\r\nb: 2\r\n",
    "\ufeffa: 1\n",
    "%YAML 1.1\n---\na: 1\n",
    "a: 1\n...\n---\nb: 2\n",
    "--- a: 1\n",
    "--- |\n  x\n",
    "---\n---\n",
    "a: 1\n---\n",
    "---\n# c\n\n",
    "# only a comment\n",
    "",
    "a: b: c\n",
    "a: [1\n",
    "a: 'x\n",
    "- a\nb: 1\n",
    "a: 1\n a: 2\n",
    "a: 9223372036854775807\nb: 9223372036854775808\nc: 18446744073709551616\nd: -9223372036854775809\n",
    "a: 1e400\nb: +1\nc: 1.e3\nd: .5\ne: 5.\nf: -0\ng: -0.0\nh: 0e0\n",
    "a: inf\nb: .NaN\nc: nan\nd: Infinity\n",
    'a: \'he said "hi" \\ back\'\nb: "q\\"x\\\\ \\/ \\t \\u00e9 \\x41 \\N \\_"\nc: "\\0"\nd: "\\e"\n',
    'a: "x\\": y"\n"b\\\\": 1\n',
    "a: |\n  line\n  ---\n\n\nb: >-\n  folded\n  text\n",
    "a: plain\n  multi line\nb: 'single\n  multi'\n",
    "a: [1, yes, '2', {z: ~}, [], {}]\n",
    "- - - a\n    - b\n  - c\n- d\n",
    "a:\n- 1\n-  2\n",
    "a: - b\n",
    "a: x #c\n  y\n",
    "key with spaces: 1\n'quoted key': 2\n\"dq\": 3\n",
    "a: \"\"\nb: ''\nc:\nd: ~\ne: null\nf: Null\n",
    "a: !local x\n",
    "a:\n  &x\n  b: 1\n",
    "rule: self.a\n  && !has(self.b) ? 1 : 0\n",
    "yes: 1\ntrue: 2\n",
    "1: a\n1.0: b\n",
    "[" * 300 + "]" * 300 + "\n",
    "a: 1\n" + "\n".join("  " * i + f"k{i}:" for i in range(1, 300)) + " 1\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_texts_read_the_same_or_take_the_exact_path(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    same_or_declined(text, monkeypatch)


_WORDS = ["yes", "no", "on", "off", "y", "n", "true", "True", "null", "~", "=", "@", "*a", "<<", "-", "?", ":", "#"]
_NUMBERS = ["1", "-1", "+1", "0", "017", "08", "0x1F", "0o17", "1_000", "1e3", "1.5", ".5", "1.", "1e400", "-0"]
_TEXT = st.sampled_from([*_WORDS, *_NUMBERS, "a b", "x: y", "a #b", "100m", "web", "", " ", "é", "\\", "'", '"'])


def _scalar(text: str, style: int, indent: int) -> str:
    if style == 0:
        return text
    if style == 1:
        return "'" + text.replace("'", "''") + "'"
    if style == 2:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    pad = " " * (indent + 2)
    return "|\n" + pad + text + "\n"


@st.composite
def _node(draw: st.DrawFn, indent: int, depth: int) -> str:
    """A value at ``indent``: a scalar of some style, or a block/flow mapping or list."""
    kind = draw(st.integers(0, 4 if depth < 3 else 0))
    pad = " " * indent
    if kind == 0:
        return " " + _scalar(draw(_TEXT), draw(st.integers(0, 3)), indent).rstrip("\n") + "\n"
    if kind == 1:  # a block mapping
        keys = draw(st.lists(st.tuples(_TEXT, st.integers(0, 2)), min_size=1, max_size=3))
        body = "".join(f"{pad}  {_scalar(k, s, 0)}:{draw(_node(indent + 2, depth + 1))}" for k, s in keys)
        return "\n" + body
    if kind == 2:  # a block list
        items = draw(st.lists(_node(indent + 2, depth + 1), min_size=1, max_size=3))
        return "\n" + "".join(f"{pad}  -{item}" for item in items)
    if kind == 3:  # a flow list of scalars
        items = draw(st.lists(st.tuples(_TEXT, st.integers(0, 2)), max_size=3))
        return " [" + ", ".join(_scalar(t, s, 0) for t, s in items) + "]\n"
    keys = draw(st.lists(st.tuples(_TEXT, st.integers(0, 2), _TEXT, st.integers(0, 2)), max_size=3))
    return " {" + ", ".join(f"{_scalar(k, a, 0)}: {_scalar(v, b, 0)}" for k, a, v, b in keys) + "}\n"


@st.composite
def _stream(draw: st.DrawFn) -> str:
    out = []
    for i in range(draw(st.integers(1, 4))):
        if i or draw(st.booleans()):
            out.append("---\n")
        out.append(draw(st.sampled_from(["", "# Source: x\n", "\n", "# a\n\n"])))
        if draw(st.integers(0, 5)):  # else an empty document
            keys = draw(
                st.lists(st.sampled_from(["apiVersion", "kind", "metadata", "spec", "on", "1", "a"]), min_size=1)
            )
            out += [f"{k}:{draw(_node(0, 1))}" for k in keys]
        out.append(draw(st.sampled_from(["", "\n", "# trailing\n"])))
    return "".join(out)


@settings(max_examples=400, deadline=None)
@given(_stream())
def test_any_generated_stream_reads_the_same_or_takes_the_exact_path(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        same_or_declined(text, monkeypatch)


def _split(monkeypatch: pytest.MonkeyPatch, text: str) -> tuple[Any, Any]:
    """read_fast of ``text`` in one process, then in two (the second half read by a forked copy)."""
    with monkeypatch.context() as patch:
        patch.setattr(yaml_fast, "PARALLEL_CHARS", 1 << 62)
        whole = yaml_fast.read_fast(text)
    with monkeypatch.context() as patch:
        patch.setattr(yaml_fast, "PARALLEL_CHARS", 0)
        patch.setattr(forked, "can_fork", lambda: hasattr(os, "fork"))
        halves = yaml_fast.read_fast(text)
    return whole, halves


def test_two_halves_read_as_the_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i}\ndata:\n  a: 'yes'\n  b: on\n\n# end\n"
    text = "# head\n" + "".join(f"---\n# Source: c{i}\n" + doc.format(i=i) for i in range(3000)) + "---\n"
    whole, halves = _split(monkeypatch, text)
    assert whole is not None and halves == whole and len(whole) == 3001
    for late in ("a:\tb\n", "a: 1\na: 2\n", "a: &x 1\n"):  # the half read by the copy takes the exact path
        assert _split(monkeypatch, text + late) == (None, None)
        assert _split(monkeypatch, late + text) == (None, None)


def test_other_threads_keep_the_exact_path(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    text = "".join(f"---\nkind: ConfigMap\nmetadata:\n  name: c{i}\n" for i in range(3000))
    assert yaml_fast.read_fast(text) is not None
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:  # standard error is never silenced while another thread may write to it
        assert yaml_fast.read_fast(text) is None
    finally:
        release.set()
        thread.join()
