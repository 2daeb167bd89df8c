"""Synthesis through cdk8s: a Chart that carries k8slab's objects beside any cdk8s construct.

Every jsii call is a round trip to Node, so k8slab objects cross the boundary once per
chart: ``K8slabChart.to_json`` (which cdk8s calls at synth time) returns the chart's own
cdk8s objects followed by k8slab's. A validation hook covers the whole chart, so
``cdk8s synth`` in a pipeline refuses invalid output just as ``Stack.synth`` does.

Output is all or nothing: files are written to a temporary directory beside the target
and moved into place only when synthesis succeeded.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..errors import SynthError
from ..ordering import sort_objects
from .node import ensure_node

ensure_node()  # before the first jsii import, so Node 24 is used
import cdk8s  # noqa: E402
import constructs  # noqa: E402

__all__ = ["K8slabChart", "chart_objects", "synth_app", "synth_charts", "synth_objects", "write_atomically"]

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


def write_atomically(
    outdir: str | Path, write: Callable[[Path], None], *, check: Callable[[], None] | None = None
) -> list[Path]:
    """Call ``write(tmpdir)``, then replace ``outdir`` with it; on failure ``outdir`` is untouched.

    ``check`` (validation) runs in this thread while ``write`` runs in another: Node does its
    share of synthesis meanwhile. If either fails, the staging directory is removed and the
    error raised; ``outdir`` is replaced only when both succeeded.
    """
    target = Path(outdir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        if check is None:
            write(staging)
        else:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="k8slab-synth") as pool:
                written = pool.submit(write, staging)
                try:
                    check()
                finally:
                    written.exception()  # wait for the writer either way
                written.result()
        files = sorted(p.relative_to(staging) for p in staging.rglob("*") if p.is_file())
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
            target.rename(old / "x")
        staging.rename(target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
        raise
    return [target / f for f in files]


def chart_objects(objects: Sequence[dict[str, Any]]) -> Callable[[], Objects]:
    """A provider returning ``objects`` (already rendered)."""
    return lambda: list(objects)


def synth_objects(
    name: str, objects: Sequence[dict[str, Any]], outdir: str | Path, *, check: Callable[[], None] | None = None
) -> list[Path]:
    """Write ``objects`` as ``OUTDIR/NAME.k8s.yaml`` through a cdk8s App; nothing if ``check`` raises."""
    return synth_charts({name: objects}, outdir, check=check)


CHUNK = 1000
"""Objects per cdk8s Chart: bounds the size of each jsii message (one per chart) for large stacks."""


def synth_charts(
    charts: Mapping[str, Sequence[dict[str, Any]]], outdir: str | Path, *, check: Callable[[], None] | None = None
) -> list[Path]:
    """Write one ``NAME.k8s.yaml`` per stack through cdk8s; all files or none.

    Each stack is one cdk8s App whose objects are spread over charts of at most ``CHUNK``
    objects, written as a single file (``YamlOutputType.FILE_PER_APP``) in their order.
    """

    def write(staging: Path) -> None:
        for name, objects in charts.items():
            workdir = staging / f".{name}"
            app = cdk8s.App(outdir=str(workdir), yaml_output_type=cdk8s.YamlOutputType.FILE_PER_APP)
            for n, start in enumerate(range(0, max(len(objects), 1), CHUNK)):
                chunk = objects[start : start + CHUNK]
                K8slabChart(app, name if n == 0 else f"{name}-{n}", chart_objects(chunk), lambda _objects: None)
            synth_app(app)
            (workdir / "app.k8s.yaml").rename(staging / f"{name}.k8s.yaml")
            workdir.rmdir()

    return write_atomically(outdir, write, check=check)
