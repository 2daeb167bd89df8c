"""Stack: the composer that turns builders into one validated set of Kubernetes objects.

    stack = Stack("lab", app, Limits.range(...), namespace="lab")
    stack.objects()      # validated plain dicts, in apply order
    stack.to_yaml()      # the YAML cdk8s writes, as a string
    stack.synth("dist")  # dist/lab.k8s.yaml, all or nothing

Builders an App references (its Secrets and Configs) are included automatically, once.
Plain manifests (dicts) may stand next to the builders (``k8slab.builders.raw``).
Every object gets the namespace and the ``app.kubernetes.io`` labels.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic_core import PydanticCustomError

from ._model import caller_origin, origin_of
from .attribution import attribute, owners
from .builders.base import Manifest, Renderable, RenderContext, metadata
from .builders.config import Config
from .builders.pod import PodSpec
from .builders.raw import Raw
from .builders.secret import Secret
from .errors import Problem, SpecError, ValidationFailed
from .ordering import sort_objects
from .syntax import check_dns_label
from .validation.versions import DEFAULT_KUBE_VERSION, minor_version

if TYPE_CHECKING:
    import constructs

    from .render.synth import K8slabChart
    from .validation.engine import Report

__all__ = ["Stack"]

_RESERVED_NAMESPACES = ("default", "kube-system", "kube-public", "kube-node-lease")


def _custom_crds(builders: Sequence[Renderable]) -> list[Mapping[str, Any]]:
    """The CRDs of the custom resources among ``builders``.

    No custom resource exists unless its module is loaded, so a stack without one never imports it
    (with pydantic's BaseModel machinery, it is the slowest builder module to import).
    """
    custom = sys.modules.get("k8slab.builders.custom")
    return custom.custom_crds(builders) if custom is not None else []


def _check_name(owner: str, field: str, value: Any) -> str:
    try:
        if not isinstance(value, str):
            raise ValueError("must be a string")
        return check_dns_label(value)
    except ValueError as err:
        message = err.message() if isinstance(err, PydanticCustomError) else str(err)
        raise SpecError([Problem(owner, field, message)]) from None


def _raw(stack: str, index: int, manifest: Mapping[str, Any], cluster_kinds: set[str]) -> Raw:
    """A dict given to a Stack, as a Raw builder; its problems name ``builders[index]``."""
    try:
        return Raw(manifest, cluster_scoped=cluster_kinds)
    except SpecError as err:
        where = f"builders[{index}]"
        raise SpecError(
            [
                Problem(
                    p.obj if p.obj != "Raw" else f"Stack/{stack}", f"{where}.{p.path}" if p.path else where, p.message
                )
                for p in err.problems
            ]
        ) from None


class Stack:
    """A named set of builders placed in one namespace.

    Args:
        name: the stack's name, used as ``app.kubernetes.io/instance`` and as the chart's file name.
        *builders: App, Stateful, Secret, Config, LimitRange (``Limits.range``) ... in any order, and
            plain manifests (dicts): those get the stack's namespace and labels and are validated
            at construction (see docs/guides/raw-objects.md).
        namespace: the namespace of every object; 'default' and the kube-* namespaces are refused.
        kube_version: the Kubernetes minor version whose schema the objects must pass (default 1.33).
        create_namespace: also emit the Namespace, labelled with the Pod Security level its pods meet.
        crds: CustomResourceDefinitions whose schemas validate custom objects (those of imported
            custom resources, ``k8slab import``, are added by themselves).
    """

    def __init__(
        self,
        name: str,
        *builders: Renderable | Mapping[str, Any],
        namespace: str,
        kube_version: str = DEFAULT_KUBE_VERSION,
        create_namespace: bool = True,
        crds: Sequence[Mapping[str, Any]] = (),
    ) -> None:
        self._origin = caller_origin()
        cluster_kinds = {
            str(c.get("spec", {}).get("names", {}).get("kind"))
            for c in crds
            if isinstance(c, Mapping) and c.get("spec", {}).get("scope") == "Cluster"
        }
        roots: list[Renderable] = []
        try:
            self.name = _check_name("Stack", "name", name)
            self.namespace = _check_name(f"Stack/{name}", "namespace", namespace)
            if namespace in _RESERVED_NAMESPACES:
                raise SpecError([Problem(f"Stack/{name}", "namespace", "must be an explicit, non-default namespace")])
            for i, b in enumerate(builders):
                if isinstance(b, Mapping):
                    roots.append(_raw(name, i, b, cluster_kinds))
                elif callable(getattr(b, "render", None)) and callable(getattr(b, "dependencies", None)):
                    roots.append(b)
                else:
                    message = f"is a {type(b).__name__}, not a builder"
                    raise SpecError([Problem(f"Stack/{name}", f"builders[{i}]", message)])
        except SpecError as err:
            raise SpecError([p.at(self._origin) for p in err.problems]) from None
        self.kube_version = kube_version
        self.create_namespace = create_namespace
        self._builders = self._collect(roots)
        self.crds = (*crds, *_custom_crds(self._builders))  # the CRDs of its custom resources, without crds=
        self._check_version()
        self._owners: dict[str, Renderable] = {}
        self._check_raw([b for b in roots if isinstance(b, Raw)])

    def _check_raw(self, raws: Sequence[Raw]) -> None:
        """Raw objects are validated at construction, like builders: schema and API-server rules."""
        rendered = [obj for r in raws for obj in r.render(self.context)]
        if rendered:
            from .validation.engine import check

            report = check(rendered, kube_version=self.kube_version, crds=self.crds, cross_checks=False)
            if report.problems:
                raise SpecError([p.at(self._origin) for p in report.problems])

    def _check_version(self) -> None:
        """Builders valid at some Kubernetes versions only are refused here, where the version is known."""
        minor = minor_version(self.kube_version)
        problems = []
        for b in self._builders:
            check = getattr(b, "_version_problems", None)
            if callable(check):
                problems += [p.at(origin_of(b)) for p in check(minor)]
        if problems:
            raise SpecError(problems)

    def __repr__(self) -> str:
        return f"Stack({self.name!r}, {len(self._builders)} builders, namespace={self.namespace!r})"

    @staticmethod
    def _collect(roots: Sequence[Renderable]) -> tuple[Renderable, ...]:
        seen: list[Renderable] = []
        by_key: dict[tuple[type, str], list[Renderable]] = {}

        def visit(b: Renderable) -> None:
            for dep in b.dependencies():
                visit(dep)
            same = by_key.setdefault((type(b), b.name), [])
            if not any(b is s or b == s for s in same):  # equal builders are one; different ones both stay
                same.append(b)
                seen.append(b)

        for root in roots:
            visit(root)
        return tuple(seen)

    @property
    def builders(self) -> tuple[Renderable, ...]:
        """Every builder in the stack, referenced ones included, each once."""
        return self._builders

    @property
    def context(self) -> RenderContext:
        """The render context: namespace, instance name and Kubernetes version."""
        return RenderContext(namespace=self.namespace, instance=self.name, kube_version=self.kube_version)

    def external(self) -> set[tuple[str, str]]:
        """(kind, name) of the objects the stack refers to but does not own (``.ref()``)."""
        kinds = {Secret: "Secret", Config: "ConfigMap"}
        return {(kinds[type(b)], b.name) for b in self._builders if isinstance(b, (Secret, Config)) and b.existing}

    def _namespace_object(self) -> Manifest:
        workloads = [b for b in self._builders if isinstance(b, PodSpec)]
        levels = {w.security.pss_level() for w in workloads}
        level = next(lvl for lvl in ("privileged", "baseline", "restricted") if lvl in levels or lvl == "restricted")
        meta = metadata(self.namespace, self.context, namespaced=False, owned=False)
        meta["labels"].update(
            {
                "pod-security.kubernetes.io/audit": "restricted",
                "pod-security.kubernetes.io/enforce": level,
                "pod-security.kubernetes.io/warn": "restricted",
            }
        )
        meta["labels"] = dict(sorted(meta["labels"].items()))
        return {"apiVersion": "v1", "kind": "Namespace", "metadata": meta}

    def render(self, ctx: RenderContext | None = None) -> list[Manifest]:
        """The objects, in apply order, not yet validated.

        With a chart context (``k8slab.render.chart``) the same builders render the chart's
        templates; the Namespace is then left to Helm (``--create-namespace``).
        """
        plain = ctx is None
        ctx = ctx or self.context
        objects = [self._namespace_object()] if self.create_namespace and plain else []
        rendered: dict[int, list[Manifest]] = {}
        for i, b in enumerate(self._builders):
            rendered[i] = b.render(ctx.scoped(type(b).__name__, b.name))
            objects += rendered[i]
        if plain:  # problems found later point at the builder (and the user's line) that made each object
            self._owners = owners(self._builders, rendered)
        return sort_objects(objects)

    def check_options(self) -> dict[str, Any]:
        """What validates this stack's objects besides them: ``check``'s keyword arguments."""
        return {"kube_version": self.kube_version, "external": self.external(), "crds": self.crds}

    def check(self, objects: Sequence[Manifest] | None = None) -> Report:
        """Validate the stack's objects (or the given ones): schema, rules and cross-checks."""
        from .validation.engine import check  # here: building and rendering need no validator

        return check(self.render() if objects is None else objects, **self.check_options())

    def objects(self) -> list[Manifest]:
        """The validated objects; raises ValidationFailed listing every problem."""
        objects = self.render()
        self.check_objects(objects)
        return objects

    def check_objects(self, objects: Sequence[Manifest]) -> None:
        """Raise ValidationFailed unless ``objects`` (this stack's rendering) pass every check."""
        self.raise_problems(self.check(objects).problems, objects)

    def raise_problems(self, problems: Sequence[Problem], objects: Sequence[Manifest]) -> None:
        """Raise ValidationFailed for ``problems`` (found in ``objects``, this stack's rendering), if any."""
        if problems:
            raise ValidationFailed(attribute(problems, objects, self._owners, self._origin))

    def chart(self, scope: constructs.Construct, id: str | None = None) -> K8slabChart:
        """A cdk8s Chart with this stack's objects, for use inside a cdk8s app.

        Other cdk8s constructs may be added to it; those without a namespace get the stack's,
        and validation covers all of them.
        """
        from .render.synth import K8slabChart, chart_objects

        objects = chart_objects(self.render())
        return K8slabChart(scope, id or self.name, objects, self.check_objects, namespace=self.namespace)

    def synth(self, outdir: str | Path = "dist") -> list[Path]:
        """Validate, then write ``OUTDIR/NAME.k8s.yaml`` through cdk8s; on failure nothing is written.

        Only that file is written (it must be absent or k8slab's own); see docs/guides/outputs.md.
        """
        from .provenance import Provenance
        from .render.synth import synth_objects

        objects = self.render()
        mark = Provenance(self.name, self.namespace)
        return synth_objects(self.name, objects, outdir, check=lambda: self.check_objects(objects), mark=mark)

    def helm(
        self,
        outdir: str | Path,
        *,
        version: str = "0.1.0",
        app_version: str | None = None,
        include_secret_values: bool = False,
    ) -> list[Path]:
        """Write a Helm chart of this stack into ``outdir`` (values.yaml, values.schema.json, templates).

        ``helm template NAME OUTDIR -n NAMESPACE`` renders the same objects as ``objects()``
        (minus the Namespace, which ``helm install --create-namespace`` makes), given the Secret
        values: they are required values, written into values.yaml only with ``include_secret_values``.
        """
        from .render.chart import write_chart

        return write_chart(
            self, outdir, version=version, app_version=app_version, include_secret_values=include_secret_values
        )

    def to_yaml(self) -> str:
        """The YAML that ``synth`` writes, as a string (without the file's first line, k8slab's mark)."""
        from .render.synth import synth_yaml

        objects = self.render()
        text = synth_yaml({self.name: objects}, check=lambda: self.check_objects(objects))[self.name].decode("utf-8")
        return text.split("\n", 1)[1]
