"""The documentation stays true to the code.

- docs/reference/api.md is exactly what scripts/gen_api_docs.py generates from the code now;
- `mkdocs build --strict` succeeds, and every page under docs/ is in the navigation;
- the code samples of the pages listed in ``CHECKED`` run, and the output they show is real.

Samples are checked through HTML comments placed on the line just before a fenced block
(Markdown does not render them):

``<!-- doc: skip -->``
    the Python block is not run (it needs a cluster, or is a fragment).
``<!-- doc: file=examples/goal1_deploy.py -->``
    the Python block is that file (whole, or without its docstring); the file is run.
``<!-- doc: program=examples/cdk8s-app/main.py -->``
    the Python block is that file, run as a program (``python main.py``) in its directory of
    the working copy, as a CLI such as ``cdk8s synth`` runs it; what it prints is the output.
``<!-- doc: raises=SpecError -->``
    running the Python block raises that error; its last traceback line becomes the output.
``<!-- doc: output -->``
    the block is exactly what the Python block before it printed (or its error line).
``<!-- doc: yaml=EXPR -->``
    every YAML (or JSON) document in the block is contained in the objects EXPR gives: a
    Stack (its ``objects()``), a Path or a string of YAML, or a list of dicts. Shown mappings
    may leave keys out and shown lists may leave items out (an excerpt), but what is shown
    must be there, with the same values.
``<!-- doc: exact=EXPR -->``
    the block is exactly the text EXPR gives (a string, or a Path to read).
``<!-- k8slab: tabs examples/goal1_deploy.py -->``
    not a directive but the docs hook's marker (scripts/docs_hooks/examples.py): the built page
    shows that file with its YAML and Helm values in tabs. Here it counts as a
    ``doc: file=`` block of the file: the file runs, and what it defines is there for later blocks.

Every other Python block of a checked page runs too, in order, in one namespace per page,
in a temporary working directory that holds a copy of ``examples/``. EXPR is evaluated in
that namespace, with ``Path``, ``ROOT`` and ``EXAMPLES`` added. Console blocks (shell
commands and their output) are not run here; the commands they show are covered by the
CLI, chart and cdk8s tests.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

import k8slab as kl

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
EXAMPLES = ROOT / "examples"
CHECKED = [
    "index.md",
    "getting-started.md",
    "guides/lab.md",
    "guides/builders.md",
    "guides/security.md",
    "guides/helm.md",
    "guides/cdk8s.md",
    "reference/errors.md",
    "performance.md",
]

_FENCE = re.compile(r"^```(?P<lang>[\w+-]*)(?:\s+[^`]*)?\s*$")
_TABS = re.compile(r"^<!-- k8slab: tabs (?P<path>\S+) -->$")
_DIRECTIVE = re.compile(r"^<!-- doc: (?P<key>[a-z]+)(?:=(?P<value>.*?))? -->$")


def _load_generator() -> Any:
    spec = importlib.util.spec_from_file_location("gen_api_docs", ROOT / "scripts" / "gen_api_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_api_reference_is_generated_from_the_code() -> None:
    generated = _load_generator().render()
    committed = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
    assert committed == generated, "docs/reference/api.md is stale: run .venv/bin/python scripts/gen_api_docs.py"


def test_mkdocs_builds_strictly(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert (tmp_path / "site" / "reference" / "api" / "index.html").is_file()


def _nav_pages(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node] if node.endswith(".md") else []
    if isinstance(node, list):
        return [p for item in node for p in _nav_pages(item)]
    if isinstance(node, dict):
        return [p for value in node.values() for p in _nav_pages(value)]
    return []


class _MkdocsLoader(yaml.SafeLoader):
    """mkdocs.yml's YAML: its ``!ENV`` tags read as plain values."""


_MkdocsLoader.add_constructor("!ENV", lambda loader, node: None)


def test_every_page_is_in_the_navigation() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_MkdocsLoader)
    pages = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
    assert sorted(_nav_pages(config["nav"])) == pages


def _hook(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(f"docs_hook_{name}", ROOT / "scripts" / "docs_hooks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_example_tabs_come_from_the_examples() -> None:
    text = _hook("examples").tabs(ROOT, "examples/goal8_monitoring.py")
    labels = re.findall(r'^=== "(.+)"$', text, re.MULTILINE)
    assert labels == ["Python", "YAML", "Helm values", "monitoring release values"]
    program = (EXAMPLES / "goal8_monitoring.py").read_text(encoding="utf-8")
    expected = (EXAMPLES / "expected" / "goal8.k8s.yaml").read_text(encoding="utf-8")
    body = "\n".join(line[4:] for line in text.splitlines())
    assert program.strip() in body and expected.strip() in body
    assert "podMonitorSelectorNilUsesHelmValues: true" in body  # the release's values file


def test_output_blocks_are_labelled() -> None:
    page = "<!-- doc: output -->\n```text\nhi\n```\n<!-- doc: yaml=stack -->\n```yaml\na: 1\n```\n```python\nx\n```"
    labelled = _hook("labels").label_blocks(page).splitlines()
    assert labelled[1] == '```text title="Output"'
    assert labelled[5] == '```yaml title="Output (excerpt)"'
    assert labelled[8] == "```python"


def test_errors_page_names_every_error_class() -> None:
    from k8slab import errors

    text = (DOCS / "reference" / "errors.md").read_text(encoding="utf-8")
    for name in errors.__all__:
        obj = getattr(errors, name)
        if isinstance(obj, type) and issubclass(obj, BaseException):
            assert f"`{name}`" in text or f" {name} " in text, f"docs/reference/errors.md does not mention {name}"


# ---------------------------------------------------------------- code samples


@dataclass
class Block:
    """A fenced block of a page and the directive just before it."""

    line: int
    lang: str
    text: str
    key: str = ""
    value: str = ""

    def where(self, page: str) -> str:
        return f"docs/{page}:{self.line}"


def blocks(page: str) -> list[Block]:
    """The fenced blocks of a page (fences at the start of a line), with their directives."""
    lines = (DOCS / page).read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        tabs = _TABS.match(lines[i])
        if tabs is not None:
            text = (ROOT / tabs["path"]).read_text(encoding="utf-8")
            found.append(Block(i + 1, "python", text, "file", tabs["path"]))
        fence = _FENCE.match(lines[i])
        if fence is None:
            i += 1
            continue
        start = i
        i += 1
        body = []
        while i < len(lines) and lines[i].rstrip() != "```":
            body.append(lines[i])
            i += 1
        directive = _DIRECTIVE.match(lines[start - 1]) if start > 0 else None
        block = Block(start + 1, fence["lang"], "\n".join(body))
        if directive is not None:
            block.key, block.value = directive["key"], directive["value"] or ""
        found.append(block)
        i += 1
    return found


def _strip_docstring(source: str) -> str:
    match = re.match(r'^\s*"""(?:.|\n)*?"""\n+', source)
    return (source[match.end() :] if match else source).strip()


def _file_text(path: Path) -> str:
    """A file of the working copy (relative to the current directory), stripped."""
    return path.read_text(encoding="utf-8").strip()


def _json_ready(value: Any) -> list[Any]:
    """Plain JSON data (tuples become lists), as a list."""
    data = json.loads(json.dumps(value))
    return data if isinstance(data, list) else [data]


def _objects(value: Any) -> list[Any]:
    """The documents ``value`` stands for."""
    if isinstance(value, kl.Stack):
        return _json_ready(value.objects())
    if isinstance(value, Path):
        value = value.read_text(encoding="utf-8")
    if isinstance(value, str):
        return [d for d in yaml.safe_load_all(value) if d is not None]
    if isinstance(value, dict):
        return _json_ready(value)
    return _json_ready(list(value))


def contains(real: Any, shown: Any) -> bool:
    """Whether ``shown`` is an excerpt of ``real``: keys and list items may be left out, nothing changed."""
    if isinstance(shown, dict):
        return isinstance(real, dict) and all(k in real and contains(real[k], v) for k, v in shown.items())
    if isinstance(shown, list):
        if not isinstance(real, list):
            return False
        i = 0
        for item in shown:
            while i < len(real) and not contains(real[i], item):
                i += 1
            if i == len(real):
                return False
            i += 1
        return True
    return type(real) is type(shown) and real == shown


def _check_excerpt(page: str, block: Block, value: Any) -> None:
    real = _objects(value)
    shown = [d for d in yaml.safe_load_all(block.text) if d is not None]
    assert shown, f"{block.where(page)}: the block shows nothing"
    for doc in shown:
        same = [r for r in real if isinstance(doc, dict) and _key(r) == _key(doc) and _key(doc)[0]]
        candidates = same or real
        assert any(contains(r, doc) for r in candidates), (
            f"{block.where(page)}: this document is not in the real output:\n{yaml.safe_dump(doc, sort_keys=False)}"
        )


def _key(doc: Any) -> tuple[str, str]:
    if not isinstance(doc, dict):
        return ("", "")
    meta = doc.get("metadata")
    return (str(doc.get("kind", "")), str(meta.get("name", "")) if isinstance(meta, dict) else "")


def _error_line(err: BaseException) -> str:
    """What Python prints as the last line(s) of the traceback."""
    return "".join(traceback.format_exception_only(type(err), err)).rstrip("\n")


def run_page(page: str) -> None:
    """Run every sample of ``page`` and check what it shows."""
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    helpers = {"Path": Path, "ROOT": ROOT, "EXAMPLES": EXAMPLES}
    output: str | None = None
    for block in blocks(page):
        where = block.where(page)
        if block.lang == "python" and block.key == "program":
            path = Path(block.value)
            assert block.text.strip() in (_file_text(path), _strip_docstring(_file_text(path))), (
                f"{where}: the block is not {block.value} any more; copy the file again"
            )
            run = subprocess.run(
                [sys.executable, path.name], cwd=path.parent, capture_output=True, text=True, timeout=300
            )
            assert run.returncode == 0, f"{where}: {block.value} failed:\n{run.stderr}"
            output = run.stdout
        elif block.lang == "python" and block.key != "skip":
            source = block.text
            if block.key == "file":
                path = ROOT / block.value
                whole = path.read_text(encoding="utf-8")
                assert block.text.strip() in (whole.strip(), _strip_docstring(whole).strip()), (
                    f"{where}: the block is not {block.value} any more; copy the file again"
                )
                source = whole
                namespace["__file__"] = str(path)
            stdout = io.StringIO()
            try:
                with contextlib.redirect_stdout(stdout):
                    exec(compile(source, where, "exec"), namespace)
            except Exception as err:
                if block.key != "raises":
                    raise AssertionError(f"{where}: the sample failed: {type(err).__name__}: {err}") from err
                assert type(err).__name__ == block.value, f"{where}: raised {type(err).__name__}, not {block.value}"
                output = _error_line(err)
            else:
                assert block.key != "raises", f"{where}: the sample should raise {block.value} but did not"
                output = stdout.getvalue()
        elif block.key == "output":
            assert output is not None, f"{where}: no Python block ran before this output"
            assert block.text.strip() == output.strip(), f"{where}: the sample prints:\n{output}"
        elif block.key in ("yaml", "exact"):
            value = eval(block.value, {**helpers, **namespace})  # our own docs, nobody else's input
            if block.key == "yaml":
                _check_excerpt(page, block, value)
            else:
                text = value.read_text(encoding="utf-8") if isinstance(value, Path) else str(value)
                assert block.text == text.rstrip("\n"), f"{where}: the block differs from {block.value}"


@pytest.mark.parametrize("page", CHECKED)
def test_samples_run_and_show_real_output(page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not (DOCS / page).is_file():
        pytest.fail(f"docs/{page} is missing")
    shutil.copytree(EXAMPLES, tmp_path / "examples", ignore=shutil.ignore_patterns("dist", "node_modules"))
    monkeypatch.chdir(tmp_path)
    saved = dict(os.environ)
    try:
        run_page(page)
    finally:
        os.environ.clear()
        os.environ.update(saved)


def test_excerpts_are_checked_strictly() -> None:
    real = {"a": 1, "b": [{"x": 1, "y": 2}, {"x": 3}], "c": "1"}
    assert contains(real, {"b": [{"x": 3}]})
    assert contains(real, {"a": 1, "b": [{"y": 2}, {"x": 3}]})
    assert not contains(real, {"b": [{"x": 3}, {"x": 1}]})  # order matters
    assert not contains(real, {"c": 1})  # a string is not a number
    assert not contains(real, {"d": None})
