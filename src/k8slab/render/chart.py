"""Helm charts from the same render path as the plain YAML.

``write_chart(stack, outdir)`` renders the stack's builders with ``ChartParameters`` in the
context, dumps each object, and replaces every placeholder with its Helm expression:

- numbers and booleans: ``{{ .Values.x }}``; strings: ``{{ .Values.x | quote }}``;
- maps and lists: ``{{- toYaml .Values.x | nindent N }}``;
- optional fields: ``{{- with .Values.x }}...{{- end }}``;
- names, references and labels: the chart's named templates in ``_helpers.tpl``;
- objects a value switches on or off: an ``if`` around the whole template.

No template is written by hand per kind, so the chart cannot drift from the plain YAML:
``helm template STACK CHART -n NAMESPACE`` renders the same objects (tested).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..builders.base import Manifest, RenderContext
from ..builders.pod import PodSpec, image_tag
from ..builders.workload import Workload
from ..errors import SynthError
from ..provenance import Provenance, json_comment, template_line, yaml_line
from .chart_params import WHEN_KEY, ChartParameters, Token
from .chart_templates import chart_yaml, helpers_tpl, notes_txt
from .output import TMP_PREFIX, check_output_dir, marked_files, write_files

if TYPE_CHECKING:
    from ..stack import Stack

__all__ = ["chart_files", "chart_targets", "render_templates", "required_values", "secret_values", "write_chart"]

_LINE = re.compile(r"^(?P<ind> *)(?P<dash>- )?(?:(?P<key>[^\s][^:]*): )?(?P<tok>__K8SLAB_\d+__)$")
_ANY = re.compile(r"__K8SLAB_\d+__")
TEST_IMAGE = "busybox:1.37.0"


class _Dumper(yaml.SafeDumper):
    """Multi-line strings as literal blocks, so scripts and config files stay readable."""


# Words that some YAML version (Helm reads 1.1 and 1.2 forms) takes for a boolean or null.
_NOT_STRINGS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
# Anything that starts like a number (1e3, 0o17, 1_000, .5, +1, 12:30) or like null (~) is quoted too.
_NUMBER_LIKE = re.compile(r"[-+.~0-9]")


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style: str | None = None
    if "\n" in value and not value.endswith((" ", "\n\n")) and " \n" not in value:
        style = "|"
    elif value.lower() in _NOT_STRINGS or _NUMBER_LIKE.match(value):
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _dump(obj: Any, *, sort_keys: bool = False) -> str:
    return yaml.dump(obj, Dumper=_Dumper, sort_keys=sort_keys, width=1 << 30, default_flow_style=False)


def _replace_line(line: str, tokens: Mapping[str, Token]) -> str:
    match = _LINE.match(line)
    if match is None:
        if _ANY.search(line):
            raise SynthError(f"chart writer: a parameter is embedded in a larger value: {line.strip()[:60]}")
        return line.replace("{{", '{{ "{{" }}')  # literal text that looks like a template stays literal
    token = tokens[match["tok"]]
    ind, dash, key = match["ind"], match["dash"] or "", match["key"]
    head = f"{ind}{dash}{key}:" if key else ""
    inner = len(ind) + len(dash) + 2  # indentation of the value's own keys
    if token.kind in ("scalar", "string", "name", "reference"):
        pipe = "" if token.kind == "scalar" else " | quote"
        value = f"{{{{ {token.expr}{pipe} }}}}"
        return f"{head} {value}" if key else f"{ind}{dash}{value}"
    if token.kind == "snippet" and not key:
        return f"{{{{- {token.expr} | nindent {len(ind)} }}}}"
    if token.kind == "env" and not key:
        return f'{{{{- include "{_chart_of(token)}.env" {token.expr} | nindent {len(ind)} }}}}'
    if key is None or (dash and token.kind == "optional"):
        raise SynthError(f"chart writer: cannot place a {token.kind} parameter at: {line.strip()[:60]}")
    if token.kind == "block":
        return f"{head}\n{{{{- toYaml {token.expr} | nindent {inner} }}}}"
    if token.kind == "secret":
        entries = (f"{' ' * inner}{json.dumps(k)}: {{{{ {expr} }}}}" for k, expr in sorted(token.extra.items()))
        return "\n".join([head, *entries])
    if token.kind == "optional":
        return f"{{{{- with {token.expr} }}}}\n{ind}{key}: {{{{ . | quote }}}}\n{{{{- end }}}}"
    if token.kind == "labels":
        extra = "".join(
            "\n" + _replace_line(f"{' ' * inner}{k}: {v if _ANY.fullmatch(v) else json.dumps(v)}", tokens)
            for k, v in sorted(token.extra.items())
        )
        return f"{head}\n{{{{- include {token.expr.removeprefix('include ')} | nindent {inner} }}}}{extra}"
    raise SynthError(f"chart writer: unknown parameter kind {token.kind}")


def _chart_of(token: Token) -> str:
    return str(token.extra.get("chart", ""))


def _template(obj: Manifest, tokens: Mapping[str, Token]) -> str:
    conditions = obj.pop(WHEN_KEY, [])
    body = "\n".join(_replace_line(line, tokens) for line in _dump(obj).splitlines())
    for condition in reversed(conditions):
        body = f"{{{{- if {condition} }}}}\n{body}\n{{{{- end }}}}"
    return body + "\n"


def _snippets(params: ChartParameters) -> str:
    """The named templates of repeated sections (e.g. a Secret's env entries)."""
    out = []
    for name, entries in params.snippets.items():
        body = "\n".join(_replace_line(line, params.tokens) for line in _dump(entries).splitlines())
        out.append(
            f"\n{{{{/* A repeated section, included where it is used. */}}}}\n"
            f'{{{{- define "{name}" -}}}}\n{body}\n{{{{- end -}}}}\n'
        )
    return "".join(out)


def render_templates(stack: Stack, *, include_secret_values: bool = False) -> tuple[dict[str, str], ChartParameters]:
    """Template file name -> text for every object of the stack, and the recorded parameters."""
    workloads = [b for b in stack.builders if isinstance(b, PodSpec)]
    params = ChartParameters(
        stack.name,
        single_workload=len(workloads) == 1,
        kube_version=stack.kube_version,
        include_secret_values=include_secret_values,
    )
    namespace = params.release_namespace()
    ctx = RenderContext(namespace=namespace, instance=stack.name, kube_version=stack.kube_version, parameters=params)
    files: dict[str, str] = {}
    for obj in stack.render(ctx):
        name = params.plain_name(obj["metadata"]["name"])
        filename = f"{obj['kind'].lower()}-{name}.yaml"
        files[filename] = _template(obj, params.tokens)
    for w in workloads:
        test = _connection_test(w, params, ctx) if isinstance(w, Workload) else None
        if test is not None:
            files[f"tests/test-{w.name}.yaml"] = _template(test, params.tokens)
    return files, params


def _port(w: Workload, params: ChartParameters, *, quoted: bool) -> str:
    """The first Service port: a parameter when the workload has a single port, else the number."""
    first = w.all_ports()[0]
    if len(w.all_ports()) > 1:
        return str(first.service_port or first.port)
    scoped = params.scoped(type(w).__name__, w.name)
    return scoped.text("service.port") if quoted else f"{{{{ {scoped.expression('service.port')} }}}}"


def _connection_test(w: Workload, params: ChartParameters, ctx: RenderContext) -> Manifest | None:
    """A ``helm test`` pod that opens a TCP connection to the workload's Service."""
    if not w.all_ports() or w.service in (None, "Headless"):
        return None
    service_port = _port(w, params, quoted=True)
    security = w.security
    skips = {
        "checkov.io/skip1": "CKV_K8S_8=a one-shot test pod has no long-running process to probe",
        "checkov.io/skip2": "CKV_K8S_9=a one-shot test pod has no long-running process to probe",
        "checkov.io/skip3": f"CKV_K8S_43=test image pinned by tag: {TEST_IMAGE}",
        "checkov.io/skip4": "CKV2_K8S_6=a helm test pod only connects out; it accepts no traffic",
    }
    test: Manifest = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": params.name(f"{w.name}-test"),
            "namespace": ctx.namespace,
            "labels": params.labels(f"{w.name}-test", {}),
            "annotations": {
                "helm.sh/hook": "test",
                "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded",
                **skips,
            },
        },
        "spec": {
            "automountServiceAccountToken": False,
            "containers": [
                {
                    "command": ["sh", "-c", 'nc -w 5 "$SERVICE_HOST" "$SERVICE_PORT" </dev/null'],
                    "env": [
                        {"name": "SERVICE_HOST", "value": params.name(w.name)},
                        {"name": "SERVICE_PORT", "value": service_port},
                    ],
                    "image": TEST_IMAGE,
                    "imagePullPolicy": "Always",
                    "name": "connect",
                    "resources": {
                        "limits": {"cpu": "100m", "memory": "32Mi"},
                        "requests": {"cpu": "100m", "memory": "32Mi"},
                    },
                    "securityContext": security.container_context(),
                }
            ],
            "restartPolicy": "Never",
            "securityContext": security.pod_context(),
        },
    }
    return params.scoped(type(w).__name__, w.name).when(test, "service.enabled")


def chart_files(
    stack: Stack,
    *,
    version: str = "0.1.0",
    app_version: str | None = None,
    include_secret_values: bool = False,
    source: str | None = None,
) -> tuple[dict[str, bytes], ChartParameters]:
    """Every file of the chart (path relative to the chart directory -> bytes, each marked), and its parameters."""
    files, params = render_templates(stack, include_secret_values=include_secret_values)
    mark = Provenance(stack.name, stack.namespace, source)
    pods = [b for b in stack.builders if isinstance(b, PodSpec)]
    workloads = [b for b in stack.builders if isinstance(b, Workload)]
    tag = next((t for w in pods if (t := image_tag(w.image))), version)
    description = f"{stack.name}: generated by k8slab from typed Python"
    services = [
        (w.name, _port(w, params, quoted=False))
        for w in workloads
        if w.all_ports() and w.service not in (None, "Headless")
    ]
    chart = chart_yaml(stack.name, version, app_version or tag, description, stack.namespace)
    header = f"# Default values for the {stack.name} chart (generated by k8slab; see values.schema.json).\n"
    if params.secret_values and not include_secret_values:
        header += "# Secret values are required values (never defaults): --set-string KEY=VALUE, or existingSecret.\n"
    schema = {"$comment": json_comment(mark), "$schema": "http://json-schema.org/draft-07/schema#", **params.schema}
    text = {
        "Chart.yaml": yaml_line(mark) + _dump(chart),
        "values.yaml": yaml_line(mark) + header + _dump(params.values, sort_keys=True),
        "values.schema.json": json.dumps(schema, indent=2, sort_keys=True) + "\n",
        ".helmignore": yaml_line(mark) + HELMIGNORE,
        "templates/_helpers.tpl": template_line(mark) + helpers_tpl(stack.name) + _snippets(params),
        "templates/NOTES.txt": template_line(mark) + notes_txt(stack.name, services),
        **{f"templates/{name}": template_line(mark) + body for name, body in files.items()},
    }
    return {name: body.encode("utf-8") for name, body in text.items()}, params


HELMIGNORE = f".git/\n*.swp\n*.bak\n*.tmp\n{TMP_PREFIX}*\n"
"""The chart's .helmignore; it also hides the temporary files of an interrupted k8slab run."""


def write_chart(
    stack: Stack,
    outdir: str | Path,
    *,
    version: str = "0.1.0",
    app_version: str | None = None,
    validated: bool = False,
    include_secret_values: bool = False,
    source: str | None = None,
    remove: Sequence[Path] = (),
) -> list[Path]:
    """Write a Helm chart (apiVersion v2) for ``stack`` into ``outdir``; all files or none.

    The stack is validated first, unless the caller just did (``validated=True``). values.yaml
    holds every parameter with its default, except Secret values: those are required values,
    written into values.yaml only with ``include_secret_values``. values.schema.json refuses
    wrong types and unknown keys. Only the chart's own files are written: files the user
    added (a README, ``ci/`` values...) stay, and templates k8slab wrote before but no longer
    makes are removed (with the other marked files in ``remove``).
    """
    root = check_output_dir(outdir)
    if not validated:
        stack.objects()  # the plain objects must be valid before a chart is made of them
    targets, stale = chart_targets(
        stack,
        root,
        version=version,
        app_version=app_version,
        include_secret_values=include_secret_values,
        source=source,
    )
    return sorted(write_files(targets, remove=[*stale, *remove]))


def chart_targets(
    stack: Stack, root: Path, *, include_secret_values: bool = False, **options: Any
) -> tuple[dict[Path, bytes], list[Path]]:
    """The chart's files under ``root`` (path -> bytes), and its stale templates: marked, no longer made."""
    files, _params = chart_files(stack, include_secret_values=include_secret_values, **options)
    targets = {root / name: data for name, data in files.items()}
    stale = [p for p in marked_files(root / "templates", recursive=True) if p not in targets]
    return targets, stale


def secret_values(stack: Stack) -> dict[str, Any]:
    """The values that the chart of ``stack`` requires (its Secret data), as a values tree for ``helm -f``.

    Handle the result as the Secret it is: write it only to a private file, never log it.
    """
    _files, params = render_templates(stack, include_secret_values=True)
    tree: dict[str, Any] = {}
    for path, value in params.secret_values.items():
        node = tree
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
    return tree


def required_values(stack: Stack) -> list[str]:
    """The values keys (dotted, as ``--set-string`` takes them) of the chart's non-empty Secret values."""
    _files, params = render_templates(stack)
    return [
        ".".join([*path[:-1], path[-1].replace(".", "\\.")]) for path, value in params.secret_values.items() if value
    ]
