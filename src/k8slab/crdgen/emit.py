"""One Python module per API group: a frozen ``CustomResource`` class per kind and served version.

The storage version keeps the kind's name (``HTTPRoute``); every other served version gets
its version as a suffix (``HTTPRouteV1beta1``). The module embeds each CRD (its served
versions' schemas, descriptions left out: they are the docstrings) so that instances are
checked against it at construction and a ``Stack`` knows it without ``crds=``.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..errors import UsageError
from ..provenance import Provenance, yaml_line
from .names import field_name, module_name, version_suffix
from .read import CrdSource, checksum
from .schema import ClassSpec, FieldSpec, KindWalker, Registry
from .text import docstring, explode, overlong, py_str

__all__ = ["generate"]

_KIND_RESERVED = frozenset(
    {"name", "namespace", "labels", "annotations", "api_version", "kind", "namespaced", "crd", "manifest", "render"}
    | {"dependencies", "from_manifest"}
)
_IMPORTS = {
    "Mapping": "collections.abc",
    "Sequence": "collections.abc",
    "TYPE_CHECKING": "typing",
    "Annotated": "typing",
    "Any": "typing",
    "ClassVar": "typing",
    "Literal": "typing",
    "Field": "k8slab.builders.custom",
    "JsonValue": "k8slab.builders.custom",
    "CustomResource": "k8slab.builders.custom",
    "Model": "k8slab.builders.custom",
    "Nested": "k8slab.builders.custom",
    "crd_data": "k8slab.builders.custom",
    "fmt": "k8slab.builders.custom",
    "renamed": "k8slab.builders.custom",
}
_CHUNK = 100


def _strip(node: Any) -> Any:
    """A schema without its descriptions (field names called ``description`` stay)."""
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "description":
            continue
        if key in ("properties", "patternProperties", "definitions") and isinstance(value, dict):
            out[key] = {k: _strip(v) for k, v in value.items()}
        elif key in ("allOf", "anyOf", "oneOf") and isinstance(value, list):
            out[key] = [_strip(v) for v in value]
        elif key in ("items", "additionalProperties", "not"):
            out[key] = _strip(value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _served(crd: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Served versions with a schema, the storage version first, the others in the CRD's order."""
    versions = [v for v in crd["spec"]["versions"] if v.get("served", True) and v.get("schema")]
    return sorted(versions, key=lambda v: not v.get("storage", False))


def _embedded(crd: Mapping[str, Any]) -> dict[str, Any]:
    spec = crd["spec"]
    versions: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for v in _served(crd):
        schema = _strip(v["schema"].get("openAPIV3Schema") or {})
        key = json.dumps(schema, sort_keys=True)
        entry = {"$same": seen[key]} if key in seen else schema
        seen.setdefault(key, v["name"])
        versions.append(
            {"name": v["name"], "served": True, "storage": bool(v.get("storage")), "schema": {"openAPIV3Schema": entry}}
        )
    names = {k: spec["names"][k] for k in ("kind", "listKind", "plural", "singular") if k in spec["names"]}
    return {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": crd["metadata"]["name"]},
        "spec": {
            "group": spec["group"],
            "names": names,
            "scope": spec.get("scope", "Namespaced"),
            "versions": versions,
        },
    }


def _crd_constant(var: str, crd: Mapping[str, Any]) -> list[str]:
    text = json.dumps(_embedded(crd), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    chunks = [text[i : i + _CHUNK] for i in range(0, len(text), _CHUNK)]
    return [f"{var} = crd_data(", *(f"    {py_str(c)}" for c in chunks), ")"]


def _noqa(lines: list[str]) -> list[str]:
    return [f"{line}  # noqa: E501" if overlong(line) else line for line in lines]


def _field_lines(f: FieldSpec, indent: str = "    ") -> list[str]:
    default = "" if f.default is None else f" = {f.default}"
    lines = [f"{indent}{f.py}: {f.plain}{default}"]
    if overlong(lines[0]) and f.default is not None:  # split as ruff format does
        if len(f"{indent}{f.py}: {f.plain} = (") <= 120:
            lines = [f"{indent}{f.py}: {f.plain} = (", f"{indent}    {f.default}", f"{indent})"]
        else:
            lines = [f"{indent}{f.py}: (", f"{indent}    {f.plain}", f"{indent}){default}"]
    lines = _noqa(lines)
    if f.doc:
        lines += docstring(f.doc, len(indent))
    return lines


def _aliases(fields: Sequence[FieldSpec], registry: Registry, *, open: bool = False) -> list[str]:
    renames = {f.py: f.key for f in fields if f.py != f.key}
    if not renames and not open:
        return []
    registry.used.add("renamed")
    flag = ", open=True" if open else ""
    items = ", ".join(f"{py_str(k)}: {py_str(v)}" for k, v in renames.items())
    line = f"    model_config = renamed({{{items}}}{flag})"
    if len(line) <= 120:
        return [line]
    entries = [f"            {py_str(k)}: {py_str(v)}," for k, v in renames.items()]
    return [
        "    model_config = renamed(",
        "        {",
        *entries,
        "        },",
        *(["        open=True,"] if open else []),
        "    )",
    ]


def _params(fields: Sequence[FieldSpec], indent: str) -> list[str]:
    """Keyword parameters for ``fields``: required ones first, the others default to None (not given)."""
    out: list[str] = []
    for f in [*(f for f in fields if f.default is None), *(f for f in fields if f.default is not None)]:
        annotation = f.annotation
        default = ""
        if f.default is not None:
            default = " = None"
            if not annotation.endswith("| None"):
                annotation += " | None"
        out += _param(indent, f.py, annotation, default)
    return out


def _param(indent: str, name: str, annotation: str, default: str) -> list[str]:
    """One parameter line, split as ruff format splits it when too long (at ``| None``, then at brackets)."""
    line = f"{indent}{name}: {annotation}{default},"
    if not overlong(line):
        return [line]
    head, optional = annotation, annotation.endswith(" | None")
    if optional:
        head = annotation.removesuffix(" | None")
        if not overlong(f"{indent}{name}: {head}"):
            return [f"{indent}{name}: {head}", f"{indent}| None{default},"]
    opening = head.find("[")
    if opening < 0 or not head.endswith("]"):
        return _noqa([line])
    lines = [f"{indent}{name}: {head[: opening + 1]}", f"{indent}    {head[opening + 1 : -1]}"]
    lines.append(f"{indent}]" if optional else f"{indent}]{default},")
    if optional:
        lines.append(f"{indent}| None{default},")
    return _noqa(lines)


def _class_lines(spec: ClassSpec, registry: Registry) -> list[str]:
    registry.used.add("Model")
    lines = [f"class {spec.name}(Model):", *docstring(spec.doc, 4)]
    body = _aliases(spec.fields, registry, open=spec.open)
    for f in spec.fields:
        body += _field_lines(f)
    if spec.fields:  # for type checkers only: a dict is accepted wherever a nested class is
        registry.used.add("TYPE_CHECKING")
        body += ["", "    if TYPE_CHECKING:", "", "        def __init__(", "            self,", "            *,"]
        body += _params(spec.fields, " " * 12)
        body += ["        ) -> None: ..."]
    return lines + (["", *body] if body else [])


def _kind_lines(
    source: CrdSource,
    version: Mapping[str, Any],
    class_name: str,
    var: str,
    fields: list[FieldSpec],
    registry: Registry,
) -> list[str]:
    spec = source.crd["spec"]
    api_version = f"{spec['group']}/{version['name']}"
    namespaced = spec.get("scope", "Namespaced") == "Namespaced"
    root = version["schema"].get("openAPIV3Schema") or {}
    about = (
        f"``{api_version}`` {source.kind} ({'namespaced' if namespaced else 'cluster-scoped'}), "
        f"from the CRD ``{source.name}``."
    )
    doc = f"{root.get('description') or source.kind}\n\n{about}"
    registry.used.update({"CustomResource", "ClassVar", "Mapping", "Any"})
    lines = [f"class {class_name}(CustomResource):", *docstring(doc, 4), ""]
    lines += [
        f"    api_version: ClassVar[str] = {py_str(api_version)}",
        f"    kind: ClassVar[str] = {py_str(source.kind)}",
        f"    namespaced: ClassVar[bool] = {namespaced}",
        f"    crd: ClassVar[Mapping[str, Any]] = {var}",
        "",
    ]
    lines += _aliases(fields, registry)
    for f in fields:
        lines += _field_lines(f)
    params = ["        self,", "        name: str,", "        *,"]
    params += _params(fields, " " * 8)
    params += [
        "        namespace: str | None = None,",
        "        labels: Mapping[str, str] | None = None,",
        "        annotations: Mapping[str, str] | None = None,",
    ]
    args = ["name", "namespace", "labels", "annotations", *(f.py for f in fields)]
    lines += [
        "",
        "    def __init__(",
        *params,
        "    ) -> None:",
        "        super().__init__(",
        *(f"            {a}={a}," for a in args),
        "        )",
    ]
    return lines


def _top(version: Mapping[str, Any]) -> dict[str, Any]:
    """A version's top-level fields, without those every object has and ``status``."""
    properties = (version["schema"].get("openAPIV3Schema") or {}).get("properties") or {}
    return {k: v for k, v in properties.items() if k not in ("apiVersion", "kind", "metadata", "status")}


def _module(group: str, sources: Sequence[CrdSource], kinds: set[str] | None) -> str:
    first = Registry()
    _generate(group, sources, kinds, first)
    return _generate(group, sources, kinds, Registry(names=first.alias_names()))


def _generate(group: str, sources: Sequence[CrdSource], kinds: set[str] | None, registry: Registry) -> str:
    registry.taken.update(_IMPORTS)
    body: list[list[str]] = []
    names: list[str] = []
    header: list[str] = []
    plans = []
    for source in sources:
        versions = _served(source.crd)
        if kinds is not None and source.kind not in kinds:
            continue
        header.append(
            f"- ``{source.name}`` ({source.kind}): "
            + ", ".join(f"{v['name']}{' (storage)' if v.get('storage') else ''}" for v in versions)
        )
        header.append(f"  sha256 {checksum(source.crd)}")
        for v in versions:
            class_name = source.kind + ("" if v.get("storage") else version_suffix(v["name"]))
            plans.append((source, v, registry.claim([class_name])))
    constants: dict[str, str] = {}
    walkers: dict[str, KindWalker] = {}
    for source, version, class_name in plans:
        var = constants.setdefault(source.name, "_CRD_" + field_name(source.crd["spec"]["names"]["plural"]).upper())
        walker = walkers.get(source.name)
        if walker is None:
            walker = walkers[source.name] = KindWalker(registry, source.kind)
            walker.prepare([(name, _top(v)) for s, v, name in plans if s is source])
        root = version["schema"].get("openAPIV3Schema") or {}
        properties = _top(version)
        required = set(root.get("required") or ())
        fields: list[FieldSpec] = []
        taken = set(_KIND_RESERVED)
        for key in sorted(properties):
            py = field_name(key, taken)
            taken.add(py)
            start = len(registry.classes)
            f = walker.field(key, py, properties[key], key in required, class_name, [key])
            for cls in registry.classes[start:]:
                body.append(_class_lines(cls, registry))
                names.append(cls.name)
            fields.append(f)
        body.append(_kind_lines(source, version, class_name, var, fields, registry))
        names.append(class_name)
    used_sources = {s.name: s for s, _, _ in plans}
    constant_lines: list[str] = []
    for name, var in constants.items():
        registry.used.add("crd_data")
        constant_lines += _crd_constant(var, used_sources[name].crd)
    return _text(group, header, constant_lines, body, names, registry)


def _imports(used: set[str]) -> list[str]:
    modules: dict[str, list[str]] = {}
    for name in used:
        modules.setdefault(_IMPORTS[name], []).append(name)
    stdlib = [m for m in ("collections.abc", "typing") if m in modules]
    third = sorted(m for m in modules if m not in stdlib)
    lines = ["from __future__ import annotations", ""]
    for group in (stdlib, third):
        for m in group:
            names = sorted(modules[m], key=lambda n: (0 if n.isupper() else 1 if n[:1].isupper() else 2, n))
            lines.append(f"from {m} import {', '.join(names)}")
        if group:
            lines.append("")
    return lines


def _text(
    group: str, header: list[str], constants: list[str], body: list[list[str]], names: list[str], registry: Registry
) -> str:
    mark = yaml_line(Provenance(source="k8slab import"))
    doc = [
        f'"""Typed classes for the custom resources of the API group ``{group}``, made by ``k8slab import``.',
        "",
        "Each kind's storage version keeps its name; other served versions carry their version",
        "(``KindV1beta1``). From these CustomResourceDefinitions (sha256 of their canonical JSON):",
        "",
        *header,
        '"""',
        "",
    ]
    out = [mark.rstrip("\n"), *doc, *_imports(registry.used)]
    out += ["__all__ = [", *(f"    {py_str(n)}," for n in sorted(names)), "]", ""]
    out += constants
    if registry.aliases:
        out.append("")
    for source, alias in registry.aliases.items():
        out += _noqa(explode(f"{alias} = ", source, 0))
    for block in body:
        out += ["", "", *block]
    return "\n".join(out) + "\n"


def generate(sources: Iterable[CrdSource], kinds: Iterable[str] = ()) -> dict[str, str]:
    """The module text of each API group (``gateway_networking_k8s_io`` -> source); deterministic.

    ``kinds`` limits the classes (and the CRDs the header lists) to those kinds; empty means all.
    """
    wanted = set(kinds) or None
    by_group: dict[str, list[CrdSource]] = {}
    for source in sorted(sources, key=lambda s: s.name):
        by_group.setdefault(source.group, []).append(source)
    if wanted is not None:
        by_group = {g: s for g, s in by_group.items() if any(x.kind in wanted for x in s)}
    modules: dict[str, str] = {}
    groups: dict[str, str] = {}
    for group, items in sorted(by_group.items()):
        name = module_name(group)
        if name in groups:
            raise UsageError(f"the API groups {groups[name]} and {group} would both be written to {name}.py")
        groups[name] = group
        modules[name] = _module(group, items, wanted)
    return modules
