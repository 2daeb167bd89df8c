"""CustomResource: the runtime base of the classes ``k8slab import`` generates from CRDs.

A generated module (``imports/gateway_networking_k8s_io.py``) holds one frozen
``CustomResource`` subclass per kind and version, and one :class:`Model` subclass per nested
object of its schema. The generated code only declares fields; everything else lives here:

- construction errors become one ``SpecError`` listing every field path (camelCase, as the
  API server writes them), and the rendered object is checked against the CRD's own schema
  (:func:`crd_problems`), so an instance that exists is valid;
- ``render`` places the object in the stack's namespace with its labels, through the one
  render path that synth, chart and apply share;
- generated modules import only this module (``Field`` and ``JsonValue`` are pydantic's, re-exported),
  so their imports sort the same wherever k8slab is installed;
- ``from_manifest`` reads a YAML-shaped dict and ``manifest`` writes it back unchanged
  (no defaults are inserted: the API server fills them in).
"""

from __future__ import annotations

import base64
import ipaddress
import json
import re
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeAlias, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, JsonValue, ValidationError

from .._model import _is_tag
from ..errors import Problem, SpecError, format_path
from ..types import DNSSubdomain, Labels
from ..validation.schema import DEFAULT_KUBE_VERSION, SchemaValidator
from .base import Manifest, Renderable, RenderContext, metadata

__all__ = [
    "CustomResource",
    "Field",
    "JsonValue",
    "Model",
    "Nested",
    "crd_data",
    "crd_problems",
    "custom_crds",
    "fmt",
    "renamed",
]

_T = TypeVar("_T")

if TYPE_CHECKING:
    Nested: TypeAlias = _T | Mapping[str, Any]
    """A nested class, or the YAML-shaped dict it is built from (always the class at runtime)."""
else:

    class Nested:
        """``Nested[X]`` is ``X`` at runtime; type checkers also accept a dict in its place."""

        def __class_getitem__(cls, item: Any) -> Any:
            return item


def renamed(fields: Mapping[str, str], *, open: bool = False) -> ConfigDict:
    """A model config whose fields are spelled ``fields[name]`` in YAML (``from_`` -> ``from``).

    ``open`` keeps unknown fields (``x-kubernetes-preserve-unknown-fields``) instead of refusing them.
    """
    table = dict(fields)
    config = ConfigDict(alias_generator=lambda name: table.get(name, name))
    if open:
        config["extra"] = "allow"
    return config


_MODEL_NAMES: set[str] = set()
"""Names of the generated classes: pydantic puts them in error locations, k8slab's paths leave them out."""


def _problems(err: ValidationError, owner: str, prefix: Sequence[str | int] = ()) -> list[Problem]:
    """One problem per failing path; union members failing at one path are joined."""
    found: dict[str, Problem] = {}
    for item in err.errors(include_input=False, include_url=False):
        loc = [*prefix, *(p for p in item["loc"] if not _is_tag(p) and p != "[key]" and p not in _MODEL_NAMES)]
        path = format_path(loc)
        cause = (item.get("ctx") or {}).get("error")
        if isinstance(cause, SpecError):  # a nested class's own __init__ failed: its paths, under this one
            for problem in cause.problems:  # several problems may share one path (two CEL rules of one node)
                joint = "." if path and problem.path and not problem.path.startswith("[") else ""
                full = path + joint + problem.path
                found.setdefault(f"{full}\0{problem.message}", Problem(owner, full, problem.message))
            continue
        message = item["msg"].removeprefix("Value error, ")
        earlier = found.get(path)
        if earlier is not None and message not in earlier.message:
            message = f"{earlier.message}, or {message[:1].lower()}{message[1:]}"
        found[path] = Problem(owner, path, message)
    return list(found.values())


class Model(BaseModel):
    """A nested object of a custom resource: frozen, strict, unknown fields refused.

    Fields take their Python (snake_case) or their YAML (camelCase) name; a dict is accepted
    wherever a nested class is expected.
    """

    model_config = ConfigDict(
        frozen=True, extra="forbid", strict=True, populate_by_name=True, use_attribute_docstrings=True
    )

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        _MODEL_NAMES.add(cls.__name__)

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as err:
            problems = _problems(err, type(self).__name__)
        else:
            return
        raise SpecError(problems)  # outside the except block: pydantic's error quotes the input

    def to_dict(self) -> dict[str, Any]:
        """The object as YAML-shaped data: camelCase keys, only the fields that were given."""
        data: dict[str, Any] = self.model_dump(mode="json", by_alias=True, exclude_unset=True)
        return data


_VALIDATORS: dict[str, tuple[SchemaValidator, set[int]]] = {}
"""Construction checks use validators of their own: building an object does not teach ``kl.check`` new kinds."""


def _default_crd_check(obj: Manifest, crd: Mapping[str, Any], kube_version: str) -> list[Problem]:
    schema, seen = _VALIDATORS.get(kube_version) or _VALIDATORS.setdefault(
        kube_version, (SchemaValidator(kube_version), set())
    )
    if id(crd) not in seen:  # add_crd compares whole schemas: register each embedded CRD once
        schema.add_crd(crd)
        seen.add(id(crd))
    return schema.problems(obj) or []


def crd_problems(obj: Manifest, crd: Mapping[str, Any], kube_version: str = DEFAULT_KUBE_VERSION) -> list[Problem]:
    """The problems of a custom object against its CRD: the one place custom resources are checked.

    The same checks as ``k8slab validate``, in the API server's order (``SchemaValidator``
    applies the CRD's structural defaults, the strict schema, list types, then the CEL rules),
    on a validator of its own per Kubernetes version.
    """
    return _default_crd_check(obj, crd, kube_version)


def crd_data(*chunks: str) -> dict[str, Any]:
    """The CRD a generated module embeds, from its compact JSON (split in chunks to keep lines short).

    A version whose schema equals an earlier one carries ``{"$same": "v1"}`` instead of a copy.
    """
    crd: dict[str, Any] = json.loads("".join(chunks))
    schemas: dict[str, Any] = {}
    for version in crd["spec"]["versions"]:
        schema = version["schema"]["openAPIV3Schema"]
        if isinstance(schema, dict) and set(schema) == {"$same"}:
            version["schema"]["openAPIV3Schema"] = schemas[schema["$same"]]
        schemas[version["name"]] = version["schema"]["openAPIV3Schema"]
    return crd


class CustomResource(BaseModel):
    """A custom resource as a builder: it goes into a ``Stack`` beside App and the rest.

    Subclasses are generated by ``k8slab import``; each sets the class variables below and
    declares the object's top-level fields (``spec`` and whatever else its CRD defines,
    ``status`` excepted).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, populate_by_name=True)

    api_version: ClassVar[str] = ""
    """The object's apiVersion (``group/version``)."""
    kind: ClassVar[str] = ""
    """The object's kind."""
    namespaced: ClassVar[bool] = True
    """False for a cluster-scoped kind (no namespace)."""
    crd: ClassVar[Mapping[str, Any]] = {}
    """The CustomResourceDefinition (its schemas, without descriptions) the object is checked against."""

    name: DNSSubdomain = Field(description="The object's name (metadata.name).")
    namespace: DNSSubdomain | None = Field(
        default=None, description="metadata.namespace; in a Stack the stack's namespace. Default: None."
    )
    labels: Labels = Field(default_factory=dict, description="Extra labels (beside the standard ones). Default: {}.")
    annotations: Mapping[str, str] = Field(default_factory=dict, description="Annotations. Default: {}.")

    def __init__(self, /, **data: Any) -> None:
        name = data.get("name")
        owner = f"{self.kind}/{name}" if isinstance(name, str) else self.kind
        try:
            super().__init__(**{k: v for k, v in data.items() if v is not None})
        except ValidationError as err:
            problems = _problems(err, owner)
        else:
            self._check()
            return
        raise SpecError(problems)

    def _check(self) -> None:
        """Raise SpecError unless the object passes its CRD's schema."""
        if self.namespaced is False and self.namespace is not None:
            raise SpecError([Problem(f"{self.kind}/{self.name}", "metadata.namespace", "the kind is cluster-scoped")])
        problems = crd_problems(self.manifest(), self.crd)
        if problems:
            raise SpecError(problems)

    def _body(self) -> dict[str, Any]:
        base = set(CustomResource.model_fields)
        data: dict[str, Any] = self.model_dump(mode="json", by_alias=True, exclude_unset=True, exclude=base)
        return data

    def manifest(self) -> Manifest:
        """The object as written in YAML, outside any stack: what ``from_manifest`` reads back."""
        meta: dict[str, Any] = {"name": self.name}
        if self.namespace is not None:
            meta["namespace"] = self.namespace
        if self.labels:
            meta["labels"] = dict(self.labels)
        if self.annotations:
            meta["annotations"] = dict(self.annotations)
        return {"apiVersion": self.api_version, "kind": self.kind, "metadata": meta, **self._body()}

    @classmethod
    def from_manifest(cls, obj: Mapping[str, Any]) -> Self:
        """Build an instance from a YAML-shaped dict; its apiVersion and kind must match the class.

        metadata may carry name, namespace, labels and annotations; every other top-level
        field is the class's own (``status`` is dropped: the cluster writes it). When the CRD
        refuses the object, its problems are the ones raised, exactly as ``k8slab validate``
        reports them (CEL rules included), even where a typed field fails first.
        """
        where = cls.kind or cls.__name__
        if not isinstance(obj, Mapping):
            raise SpecError([Problem(where, "", "must be a mapping (a Kubernetes object)")])
        for field, expected in (("apiVersion", cls.api_version), ("kind", cls.kind)):
            if obj.get(field) != expected:
                raise SpecError([Problem(where, field, f"must be {json.dumps(expected)} for {cls.__name__}")])
        meta = obj.get("metadata")
        if not isinstance(meta, Mapping):
            raise SpecError([Problem(where, "metadata", "must be a mapping with a name")])
        unknown = sorted(set(meta) - {"name", "namespace", "labels", "annotations"})
        if unknown:
            raise SpecError([Problem(where, f"metadata.{unknown[0]}", "is not supported by a builder")])
        body = {k: v for k, v in obj.items() if k not in ("apiVersion", "kind", "metadata", "status")}
        name = meta.get("name")
        owner = f"{cls.kind}/{name}" if isinstance(name, str) else cls.kind
        try:
            made = cls.model_validate({**body, **meta})
        except ValidationError as err:
            # The CRD's own verdict, in the API server's words, when it refuses the object too:
            # a typed field failing first must not hide a CEL rule that ``k8slab validate`` reports.
            served = crd_problems({k: v for k, v in obj.items() if k != "status"}, cls.crd)
            if served:
                raise SpecError(served) from None
            moved = {"name", "namespace", "labels", "annotations"}
            problems = [
                Problem(
                    p.obj, f"metadata.{p.path}" if p.path.split(".")[0].split("[")[0] in moved else p.path, p.message
                )
                for p in _problems(err, owner)
            ]
        else:
            made._check()
            return made
        raise SpecError(problems)

    def render(self, ctx: RenderContext) -> list[Manifest]:
        """The object, in the stack's namespace (when namespaced), with the stack's labels."""
        if self.namespace is not None and ctx.parameters is None and self.namespace != ctx.namespace:
            where = f"{self.kind}/{self.name}"
            raise SpecError([Problem(where, "metadata.namespace", f"differs from the stack's ({ctx.namespace})")])
        meta = metadata(self.name, ctx, labels=self.labels, annotations=self.annotations, namespaced=self.namespaced)
        return [{"apiVersion": self.api_version, "kind": self.kind, "metadata": meta, **self._body()}]

    def dependencies(self) -> Sequence[Renderable]:
        """A custom resource references no builder."""
        return ()


def custom_crds(builders: Iterable[Renderable]) -> list[Mapping[str, Any]]:
    """The CRDs of the custom resources among ``builders``, each once (for ``Stack``'s checks)."""
    found: dict[int, Mapping[str, Any]] = {}
    for b in builders:
        if isinstance(b, CustomResource) and b.crd:
            found.setdefault(id(b.crd), b.crd)
    return list(found.values())


_DATE_TIME = re.compile(r"\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)")
_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def _ip(value: str, kind: type) -> bool:
    try:
        return isinstance(ipaddress.ip_address(value), kind)
    except ValueError:
        return False


def _cidr(value: str) -> bool:
    try:
        ipaddress.ip_network(value, strict=False)
    except ValueError:
        return False
    return "/" in value


def _base64(value: str) -> bool:
    try:
        base64.b64decode(value, validate=True)
    except ValueError:
        return False
    return True


def _uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


# The string formats kube-openapi's validator checks (k8s.io/kube-openapi/pkg/validation/strfmt), where Python
# has the means; other formats are accepted as plain strings, as the API server does for unknown ones.
FORMATS: dict[str, Callable[[str], bool]] = {
    "byte": _base64,
    "cidr": _cidr,
    "date": lambda v: _DATE.fullmatch(v) is not None,
    "date-time": lambda v: _DATE_TIME.fullmatch(v) is not None,
    "ipv4": lambda v: _ip(v, ipaddress.IPv4Address),
    "ipv6": lambda v: _ip(v, ipaddress.IPv6Address),
    "uuid": _uuid,
}
"""Format name -> check, for ``fmt``."""


def fmt(name: str) -> AfterValidator:
    """A validator for the string format ``name`` (``ipv4``, ``date-time``, ...); unknown formats pass."""
    check = FORMATS.get(name)

    def validate(value: str) -> str:
        if check is not None and not check(value):
            raise ValueError(f"must be a valid {name}")
        return value

    return AfterValidator(validate)
