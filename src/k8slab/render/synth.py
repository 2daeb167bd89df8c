"""Synthesis through cdk8s: a Chart that carries k8slab's objects beside any cdk8s construct.

Every jsii call is a round trip to Node, so k8slab objects cross the boundary once per
chart: ``K8slabChart.to_json`` (which cdk8s calls at synth time) returns the chart's own
cdk8s objects followed by k8slab's. A validation hook covers the whole chart, so
``cdk8s synth`` in a pipeline refuses invalid output just as ``Stack.synth`` does.

Output is all or nothing, and only k8slab's own files are written (``k8slab.render.output``):
cdk8s writes into a private temporary directory, and the bytes go to the owned writer.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..errors import SynthError
from ..ordering import sort_objects
from ..provenance import Provenance, yaml_line
from .node import ensure_node
from .output import check_output_dir, write_files
from .remote import PART, Worker
from .remote import parts as _parts

ensure_node()  # before the first jsii import, so Node 24 is used
import cdk8s  # noqa: E402
import constructs  # noqa: E402

__all__ = [
    "K8slabChart",
    "cdk8s_yaml",
    "chart_objects",
    "default_mark",
    "synth_app",
    "synth_charts",
    "synth_objects",
    "synth_yaml",
]

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


def _stage_and_check(write: Callable[[Callable[[], None]], None], check: Callable[[], None] | None) -> None:
    """Run ``write(sent)``; with ``check``, in another thread, and ``check`` in this one once Node has the objects.

    ``write`` calls ``sent()`` when its objects have crossed into Node: from then on Node works
    (reading them, writing YAML) while ``check`` runs here, instead of both threads taking turns
    at Python's lock while the objects are marshalled.
    """
    if check is None:
        write(lambda: None)
        return
    crossed = threading.Event()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="k8slab-synth") as pool:
        written = pool.submit(write, crossed.set)
        try:
            while not crossed.wait(0.01) and not written.done():
                pass
            check()
        finally:
            written.exception()  # wait for the writer either way
        written.result()


def _signal(sent: Callable[[], None]) -> Callable[[], Objects]:
    """A provider of no objects that calls ``sent`` when cdk8s asks for them."""

    def objects() -> Objects:
        sent()
        return []

    return objects


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


def cdk8s_yaml(
    charts: Mapping[str, Sequence[dict[str, Any]]], sent: Callable[[], None] | None = None
) -> dict[str, bytes]:
    """What cdk8s writes for each stack's objects (without k8slab's mark line), in this process.

    ``sent`` is called once Node has read every object: an empty chart after the last one
    asks for its objects then (cdk8s reads the charts in order; an empty one writes nothing).

    Each stack is one cdk8s App whose objects are spread over charts of at most ``CHUNK``
    objects, written as a single file (``YamlOutputType.FILE_PER_APP``) in their order. cdk8s
    writes into a private directory (mode 0700, in the system's temporary directory, removed
    before this returns), never beside the user's files, so a kill leaves no Secret data there.
    """
    staging = Path(tempfile.mkdtemp(prefix="k8slab-synth-"))
    try:
        for i, (name, objects) in enumerate(charts.items()):
            app = cdk8s.App(outdir=str(staging / str(i)), yaml_output_type=cdk8s.YamlOutputType.FILE_PER_APP)
            for n, start in enumerate(range(0, max(len(objects), 1), CHUNK)):
                chunk = objects[start : start + CHUNK]
                K8slabChart(app, name if n == 0 else f"{name}-{n}", chart_objects(chunk), lambda _objects: None)
            if sent is not None and i == len(charts) - 1:
                K8slabChart(app, "~sent", _signal(sent), lambda _objects: None)
            synth_app(app)
        return {name: (staging / str(i) / "app.k8s.yaml").read_bytes() for i, name in enumerate(charts)}
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _in_worker(charts: Mapping[str, Sequence[dict[str, Any]]]) -> dict[str, bytes] | None:
    """``cdk8s_yaml(charts)`` computed by a worker process; None if it failed (the caller then does it)."""
    answer = Worker().write(charts)
    return answer[0] if answer is not None else None


def _parallel_yaml(
    charts: Mapping[str, Sequence[dict[str, Any]]], workers: int, sent: Callable[[], None]
) -> dict[str, bytes]:
    """``cdk8s_yaml(charts)``: the first part here, the others in up to ``workers`` worker processes at once.

    cdk8s writes a file's documents one after another, each followed by ``---`` but the last,
    so a stack's pieces joined by ``---`` are byte for byte the file of the whole. A part whose
    worker failed is written here, so an error is reported as it would be without workers.
    """
    first, *rest = _parts(charts, PART)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="k8slab-worker") as pool:
        theirs = [pool.submit(_in_worker, part) for part in rest]
        pieces = [cdk8s_yaml(first, sent)]
        for part, future in zip(rest, theirs, strict=True):
            done = future.result()
            pieces.append(done if done is not None else cdk8s_yaml(part))
    return {name: b"---\n".join(p[name] for p in pieces if p.get(name)) for name in charts}


def synth_yaml(
    charts: Mapping[str, Sequence[dict[str, Any]]],
    *,
    check: Callable[[], None] | None = None,
    marks: Mapping[str, Provenance] | None = None,
) -> dict[str, bytes]:
    """Each stack's ``NAME.k8s.yaml`` as bytes: its mark line, then what cdk8s wrote (:func:`cdk8s_yaml`).

    Beyond ``PART`` objects in all, worker processes write the parts after the first (as many
    at once as there are cores). ``check`` runs meanwhile, in this thread.
    """
    parallel = sum(len(o) for o in charts.values()) > PART
    written: dict[str, bytes] = {}

    def write(sent: Callable[[], None]) -> None:
        written.update(_parallel_yaml(charts, os.cpu_count() or 1, sent) if parallel else cdk8s_yaml(charts, sent))

    _stage_and_check(write, check)
    out = {}
    for name, objects in charts.items():
        mark = (marks or {}).get(name) or default_mark(name, objects)
        out[name] = yaml_line(mark).encode() + written[name]
    return out


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
