"""Synthesis through cdk8s: a Chart that carries k8slab's objects beside any cdk8s construct.

Every jsii call is a round trip to Node, so k8slab objects cross the boundary once per
chart: ``K8slabChart.to_json`` (which cdk8s calls at synth time) returns the chart's own
cdk8s objects followed by k8slab's. A validation hook covers the whole chart, so
``cdk8s synth`` in a pipeline refuses invalid output just as ``Stack.synth`` does.

Output is all or nothing, and only k8slab's own files are written (``k8slab.render.output``):
cdk8s writes into a private temporary directory, and the bytes go to the owned writer.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..errors import SynthError
from ..ordering import sort_objects
from ..provenance import Provenance, yaml_line
from .node import ensure_node
from .output import check_output_dir, write_files

ensure_node()  # before the first jsii import, so Node 24 is used
import cdk8s  # noqa: E402
import constructs  # noqa: E402

__all__ = ["K8slabChart", "chart_objects", "default_mark", "synth_app", "synth_charts", "synth_objects", "synth_yaml"]

Objects = list[dict[str, Any]]


class K8slabChart(cdk8s.Chart):
    """A cdk8s Chart holding k8slab objects; other cdk8s constructs may sit beside them."""

    def __init__(
        self,
        scope: constructs.Construct,
        id: str,
        objects: Callable[[], Objects],
        validate: Callable[[Objects], None],
        namespace: str | None = None,
    ) -> None:
        super().__init__(scope, id, disable_resource_name_hashes=True, namespace=namespace)
        self._objects = objects
        self._validate = validate

    def cdk8s_objects(self) -> Objects:
        """Objects of the cdk8s constructs in this chart (cdk8s-plus, imports, ...)."""
        return list(super().to_json())

    def to_json(self) -> list[Any]:
        """All objects of the chart in apply order, validated together (cdk8s constructs and k8slab's).

        cdk8s calls this once per synth, so validation covers ``cdk8s synth`` in pipelines too.
        """
        objects: list[Any] = sort_objects([*self.cdk8s_objects(), *self._objects()])
        self._validate(objects)
        return objects


def synth_app(app: Any) -> None:
    """Run ``app.synth()``, turning jsii errors into one SynthError line."""
    try:
        app.synth()
    except Exception as err:  # jsii wraps Node errors in JSIIError or RuntimeError
        message = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise SynthError(f"cdk8s synth failed: {message}") from None


def _stage_and_check(write: Callable[[], None], check: Callable[[], None] | None) -> None:
    """Run ``write``; with ``check``, in another thread while ``check`` runs in this one (Node works meanwhile)."""
    if check is None:
        write()
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="k8slab-synth") as pool:
        written = pool.submit(write)
        try:
            check()
        finally:
            written.exception()  # wait for the writer either way
        written.result()


def chart_objects(objects: Sequence[dict[str, Any]]) -> Callable[[], Objects]:
    """A provider returning ``objects`` (already rendered)."""
    return lambda: list(objects)


def default_mark(name: str, objects: Sequence[dict[str, Any]], source: str | None = None) -> Provenance:
    """The mark of ``NAME.k8s.yaml``: the stack, its namespace (from its objects) and the program."""
    namespace = next(
        (o["metadata"]["name"] for o in objects if o.get("kind") == "Namespace" and o.get("apiVersion") == "v1"),
        next((o["metadata"].get("namespace") for o in objects if o.get("metadata", {}).get("namespace")), None),
    )
    return Provenance(stack=name, namespace=namespace, source=source)


CHUNK = 1000
"""Objects per cdk8s Chart: bounds the size of each jsii message (one per chart) for large stacks."""


def synth_yaml(
    charts: Mapping[str, Sequence[dict[str, Any]]],
    *,
    check: Callable[[], None] | None = None,
    marks: Mapping[str, Provenance] | None = None,
) -> dict[str, bytes]:
    """Each stack's ``NAME.k8s.yaml`` as bytes: its mark line, then what cdk8s wrote.

    Each stack is one cdk8s App whose objects are spread over charts of at most ``CHUNK``
    objects, written as a single file (``YamlOutputType.FILE_PER_APP``) in their order. cdk8s
    writes into a private directory (mode 0700, in the system's temporary directory, removed
    before this returns), never beside the user's files, so a kill leaves no Secret data there.
    """
    staging = Path(tempfile.mkdtemp(prefix="k8slab-synth-"))
    try:

        def write() -> None:
            for i, (name, objects) in enumerate(charts.items()):
                app = cdk8s.App(outdir=str(staging / str(i)), yaml_output_type=cdk8s.YamlOutputType.FILE_PER_APP)
                for n, start in enumerate(range(0, max(len(objects), 1), CHUNK)):
                    chunk = objects[start : start + CHUNK]
                    K8slabChart(app, name if n == 0 else f"{name}-{n}", chart_objects(chunk), lambda _objects: None)
                synth_app(app)

        _stage_and_check(write, check)
        out = {}
        for i, (name, objects) in enumerate(charts.items()):
            mark = (marks or {}).get(name) or default_mark(name, objects)
            out[name] = yaml_line(mark).encode() + (staging / str(i) / "app.k8s.yaml").read_bytes()
        return out
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def synth_objects(
    name: str,
    objects: Sequence[dict[str, Any]],
    outdir: str | Path,
    *,
    check: Callable[[], None] | None = None,
    mark: Provenance | None = None,
) -> list[Path]:
    """Write ``objects`` as ``OUTDIR/NAME.k8s.yaml`` through a cdk8s App; nothing if ``check`` raises."""
    return synth_charts({name: objects}, outdir, check=check, marks={name: mark} if mark else None)


def synth_charts(
    charts: Mapping[str, Sequence[dict[str, Any]]],
    outdir: str | Path,
    *,
    check: Callable[[], None] | None = None,
    marks: Mapping[str, Provenance] | None = None,
    extra: Mapping[str, bytes] | None = None,
    remove: Sequence[Path] = (),
) -> list[Path]:
    """Write one ``NAME.k8s.yaml`` per stack (and the ``extra`` files, name -> bytes) into ``outdir``.

    All files or none, through ``k8slab.render.output``: files of others are never touched,
    ``remove`` names stale marked files to delete in the same run. Returns the written paths.
    """
    root = check_output_dir(outdir)
    rendered = synth_yaml(charts, check=check, marks=marks)
    files = {root / f"{name}.k8s.yaml": data for name, data in rendered.items()}
    files |= {root / name: data for name, data in (extra or {}).items()}
    return write_files(files, remove=remove)
