"""mkdocs hook: the examples' code, YAML, Helm values and graph, generated at build time.

Two markers, each alone on a line of a page:

``<!-- k8slab: tabs examples/goal1_deploy.py -->``
    tabs ``Python`` (the file), ``YAML`` (``examples/expected/NAME.k8s.yaml`` of each stack,
    which tests/test_examples.py keeps equal to what ``k8slab synth`` writes) and ``Helm
    values`` (the ``values.yaml`` that ``k8slab chart`` writes, made now from the program);
    a program that defines a kube-prometheus-stack release gets its values file too.
``<!-- k8slab: graph examples/lab.py -->``
    the program's (or manifest's) ``k8slab graph`` as an SVG image, written into the site at
    ``assets/graphs/NAME.svg`` (never into git).

Both read the real files on every build, so the pages cannot drift from the examples.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

MARKER = re.compile(r"^<!-- k8slab: (?P<what>tabs|graph) (?P<path>\S+) -->$", re.MULTILINE)
GRAPHS = "assets/graphs"
_ROOT: list[Path] = []


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def graph_name(path: str) -> str:
    """The site file of a program's graph: ``assets/graphs/<file stem>.svg``."""
    return f"{GRAPHS}/{Path(path).stem}.svg"


def _block(lang: str, title: str, text: str) -> str:
    body = "\n".join(f"    {line}" if line else "" for line in text.rstrip("\n").split("\n"))
    return f'    ```{lang} title="{title}"\n{body}\n    ```'


def _tab(name: str, lang: str, title: str, text: str) -> str:
    return f'=== "{name}"\n\n{_block(lang, title, text)}\n'


def tabs(root: Path, path: str) -> str:
    """The Markdown of the Python, YAML and Helm values tabs of the example at ``path``."""
    from k8slab.loader import load_program

    program = root / path
    stacks, releases = load_program(program)
    out = [_tab("Python", "python", path, program.read_text(encoding="utf-8"))]
    yaml_text = "".join(
        (root / "examples" / "expected" / f"{s.name}.k8s.yaml").read_text(encoding="utf-8") for s in stacks
    )
    names = ", ".join(f"dist/{s.name}.k8s.yaml" for s in stacks)
    out.append(_tab("YAML", "yaml", f"k8slab synth {path}: {names}", yaml_text))
    for stack in stacks:
        with tempfile.TemporaryDirectory() as tmp:
            stack.helm(Path(tmp) / stack.name)
            values = (Path(tmp) / stack.name / "values.yaml").read_text(encoding="utf-8")
        title = f"k8slab chart {path}: charts/{stack.name}/values.yaml"
        out.append(_tab("Helm values", "yaml", title, values))
    for release in releases:
        title = f"{release.release} release: values.yaml (write_values)"
        out.append(_tab(f"{release.release} release values", "yaml", title, release.to_yaml()))
    return "\n".join(out)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """mkdocs event: remember the project root (examples/ lives there)."""
    _ROOT[:] = [_root(config)]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """mkdocs event: draw the graph of every program a page asks for, into the site's files."""
    from k8slab.commands.graph import render

    root = _root(config)
    wanted = sorted(
        {
            m["path"]
            for page in Path(config.docs_dir).rglob("*.md")
            for m in MARKER.finditer(page.read_text(encoding="utf-8"))
            if m["what"] == "graph"
        }
    )
    for path in wanted:
        svg = render(str(root / path), "svg", source=path)
        files.append(File.generated(config, graph_name(path), content=svg))
    return files


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """mkdocs event: replace the markers by the tabs and the graph images."""
    root = _ROOT[0]
    depth = page.file.src_uri.count("/")

    def replace(match: re.Match[str]) -> str:
        path = match["path"]
        if match["what"] == "tabs":
            return tabs(root, path)
        src = "../" * depth + graph_name(path)
        alt = f"k8slab graph {path}"
        image = f"[![{alt}]({src})]({src})"
        return f'<figure class="k8slab-graph" markdown>\n{image}\n<figcaption>{alt}</figcaption>\n</figure>'

    return MARKER.sub(replace, markdown)
