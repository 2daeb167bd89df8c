"""The API server's decoding and defaulting of built-in objects, applied to a copy before validation.

The API server never validates what it was sent: it decodes the JSON into Go structs (a
``null`` becomes the field's zero value, that is unset) and runs the ``SetDefaults_*``
functions of ``pkg/apis/<group>/<version>/defaults.go`` (and the ``+default`` markers of
``k8s.io/api``) first. An empty string in a plain Go ``string`` field is the zero value too, so
``podManagementPolicy: ""`` is defaulted to ``OrderedReady`` and accepted. A pointer field is
different: ``internalTrafficPolicy: ""`` or a NetworkPolicy port's ``protocol: ""`` is set, is
not defaulted, and stays refused; so does an empty list where the defaulting tests for nil.

:func:`defaulted` returns a defaulted copy of a built-in object; only the defaults that can
change the verdict are applied (see the table in docs/guides/validate.md). Custom resources
get their CRD's structural defaulting instead (:mod:`k8slab.validation.structural`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .walk import POD_SPEC_PATHS

__all__ = ["defaulted", "drop_nulls", "zero_null_items"]

Node = dict[str, Any]

_STRING_MAPS = frozenset({"labels", "annotations", "matchLabels", "nodeSelector", "data", "stringData", "binaryData"})
"""Go ``map[string]string`` fields: a null value decodes to the empty string, the key stays."""
_RESOURCE_MAPS = frozenset({"limits", "requests", "hard"})
"""``ResourceList`` fields: a null quantity decodes to zero (Quantity.UnmarshalJSON), the key stays."""


def drop_nulls(value: Any, key: str = "", null_items: list[list[Any]] | None = None) -> Any:
    """A copy of ``value`` (dicts and lists rebuilt) with null fields removed, as Go's JSON decoding does.

    A null struct field decodes as unset (encoding/json leaves a nil pointer, slice or map, or
    the zero value); a null in a string map or a resource list keeps its key with the zero
    value. Null list items are kept here: what they decode to depends on the item type, which
    only the schema knows (see :func:`zero_null_items`). The copied lists that hold one are
    appended to ``null_items`` when it is given.
    """
    kind = type(value)
    if kind is not dict and kind is not list and isinstance(value, Mapping):
        value, kind = dict(value), dict
    if kind is dict:
        if key in _STRING_MAPS or key in _RESOURCE_MAPS:
            zero = "" if key in _STRING_MAPS else "0"
            return {k: zero if v is None else _copy(v, k, null_items) for k, v in value.items()}
        return {
            k: v if type(v) not in _CONTAINERS else drop_nulls(v, k, null_items)
            for k, v in value.items()
            if v is not None
        }
    if kind is list:
        items = [v if type(v) not in _CONTAINERS else drop_nulls(v, "", null_items) for v in value]
        if null_items is not None and None in items:
            null_items.append(items)
        return items
    return value


_CONTAINERS = (dict, list)


def _copy(value: Any, key: str, null_items: list[list[Any]] | None) -> Any:
    return drop_nulls(value, key, null_items) if isinstance(value, dict | list | Mapping) else value


Schema = Mapping[str, Any]


def _resolved(schema: Schema, definitions: Mapping[str, Schema]) -> Schema:
    """``schema`` with its ``$ref`` (``#/$defs/<name>``) followed."""
    for _ in range(8):
        ref = schema.get("$ref")
        target = definitions.get(ref.rsplit("/", 1)[-1]) if isinstance(ref, str) else None
        if not isinstance(target, Mapping):
            break
        schema = target
    return schema


def _zero_item(schema: Schema, definitions: Mapping[str, Schema]) -> Any:
    """The Go zero value of a list item of this schema, as JSON; None when the type is not known.

    A struct is ``{}`` (its fields then validated, a missing name reported), a string ``""``, a
    number ``0``, a bool ``false``. IntOrString and Quantity (a ``oneOf`` of string and number)
    decode null to ``0`` through their UnmarshalJSON (intstr.go, quantity.go).
    """
    schema = _resolved(schema, definitions)
    branches = schema.get("oneOf") or schema.get("anyOf")
    declared: Any = [b.get("type") for b in branches if isinstance(b, Mapping)] if isinstance(branches, list) else []
    declared.append(schema.get("type"))
    types = {t for d in declared for t in (d if isinstance(d, list) else [d]) if isinstance(t, str)}
    for kind, zero in (("object", {}), ("integer", 0), ("number", 0), ("string", ""), ("boolean", False)):
        if kind in types:
            return zero
    return None


def zero_null_items(value: Any, schema: Schema, definitions: Mapping[str, Schema]) -> None:
    """Replace, in place, each null list item of a built-in object by the zero value of its type.

    encoding/json (and sigs.k8s.io/json, which the API server decodes with) decodes a ``null``
    array element into a fresh zero element: literalStore ignores null for a struct, string,
    number or bool. So ``containers: [null]`` is one container without a name or an image, and
    ``args: [null]`` the argument ``""``. ``schema`` is the kind's definition, ``definitions``
    the ``$defs`` its refs point into.
    """
    schema = _resolved(schema, definitions)
    if isinstance(value, dict):
        properties = schema.get("properties")
        extra = schema.get("additionalProperties")
        for key, item in value.items():
            if isinstance(item, dict | list):
                child = properties.get(key) if isinstance(properties, Mapping) else None
                child = child if isinstance(child, Mapping) else extra
                if isinstance(child, Mapping):
                    zero_null_items(item, child, definitions)
    elif isinstance(value, list):
        items = schema.get("items")
        if not isinstance(items, Mapping):
            return
        for index, item in enumerate(value):
            if item is None:
                zero = _zero_item(items, definitions)
                if zero is not None:
                    value[index] = zero
            elif isinstance(item, dict | list):
                zero_null_items(item, items, definitions)


def _node(parent: Node, key: str) -> Node | None:
    """``parent[key]`` when it is a mapping (a wrong type is the schema's to report)."""
    value = parent.get(key)
    return value if isinstance(value, dict) else None


def _items(parent: Node | None, key: str) -> list[Node]:
    """The mapping items of the list ``parent[key]``."""
    value = parent.get(key) if parent is not None else None
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _empty(node: Node, key: str) -> bool:
    """Whether a Go ``string`` field is at its zero value: missing or ``""``."""
    return bool(node.get(key, "") == "")


def _zero(node: Node, key: str) -> bool:
    """Whether a Go ``int32`` field is at its zero value: missing or ``0``."""
    value = node.get(key, 0)
    return value == 0 and not isinstance(value, bool)


def _default(node: Node, key: str, value: Any) -> None:
    """Set a Go ``string`` field to ``value`` when it is missing or empty."""
    if _empty(node, key):
        node[key] = value


def _image_tag(image: str) -> str:
    """The tag parsers.ParseImageName finds: ``latest`` when there is neither tag nor digest."""
    if "@" in image:
        return ""
    last = image.rsplit("/", 1)[-1]
    return last.rsplit(":", 1)[1] if ":" in last else "latest"


def _http_get(handler: Node | None) -> None:
    """SetDefaults_HTTPGetAction: path ``/``, scheme HTTP."""
    action = _node(handler, "httpGet") if handler is not None else None
    if action is not None:
        _default(action, "path", "/")
        _default(action, "scheme", "HTTP")


def _probe(probe: Node | None) -> None:
    """SetDefaults_Probe: timeout 1, period 10, success 1, failure 3 (each when 0); its HTTP handler."""
    if probe is None:
        return
    for key, value in (("timeoutSeconds", 1), ("periodSeconds", 10), ("successThreshold", 1), ("failureThreshold", 3)):
        if _zero(probe, key):
            probe[key] = value
    _http_get(probe)


def _container(container: Node) -> None:
    """SetDefaults_Container (pull policy, termination message), ports, probes, handlers, field refs."""
    if _empty(container, "imagePullPolicy") and isinstance(container.get("image", ""), str):
        latest = _image_tag(container.get("image", "")) == "latest"
        container["imagePullPolicy"] = "Always" if latest else "IfNotPresent"
    _default(container, "terminationMessagePath", "/dev/termination-log")
    _default(container, "terminationMessagePolicy", "File")
    for port in _items(container, "ports"):
        _default(port, "protocol", "TCP")  # ContainerPort.Protocol: +default="TCP"
    for key in ("livenessProbe", "readinessProbe", "startupProbe"):
        _probe(_node(container, key))
    lifecycle = _node(container, "lifecycle")
    for key in ("postStart", "preStop"):
        _http_get(_node(lifecycle, key) if lifecycle is not None else None)
    for env in _items(container, "env"):
        source = _node(env, "valueFrom")
        _field_ref(_node(source, "fieldRef") if source is not None else None)


def _field_ref(selector: Node | None) -> None:
    """SetDefaults_ObjectFieldSelector: apiVersion v1."""
    if selector is not None:
        _default(selector, "apiVersion", "v1")


def _volume(volume: Node) -> None:
    """SetDefaults_Volume: a volume without a source is an emptyDir; downward-API field refs get v1."""
    if all(key == "name" for key in volume):
        volume["emptyDir"] = {}
    for key in ("downwardAPI",):
        for item in _items(_node(volume, key), "items"):
            _field_ref(_node(item, "fieldRef"))
    for source in _items(_node(volume, "projected"), "sources"):
        for item in _items(_node(source, "downwardAPI"), "items"):
            _field_ref(_node(item, "fieldRef"))


def _pod_spec(spec: Node) -> None:
    """SetDefaults_PodSpec (dnsPolicy ClusterFirst, restartPolicy Always) and its containers and volumes."""
    _default(spec, "dnsPolicy", "ClusterFirst")
    _default(spec, "restartPolicy", "Always")
    for key in ("containers", "initContainers", "ephemeralContainers"):
        for container in _items(spec, key):
            _container(container)
    for volume in _items(spec, "volumes"):
        _volume(volume)


def _service(obj: Node) -> None:
    """SetDefaults_Service: session affinity, type, port protocol and target port, traffic policies."""
    spec = _node(obj, "spec")
    if spec is None:
        return
    _default(spec, "sessionAffinity", "None")
    if spec["sessionAffinity"] == "None":
        spec.pop("sessionAffinityConfig", None)
    elif spec["sessionAffinity"] == "ClientIP":
        client = _node(_node(spec, "sessionAffinityConfig") or {}, "clientIP")
        if client is None or "timeoutSeconds" not in client:
            spec["sessionAffinityConfig"] = {"clientIP": {"timeoutSeconds": 10800}}
    _default(spec, "type", "ClusterIP")
    for port in _items(spec, "ports"):
        _default(port, "protocol", "TCP")
        target = port.get("targetPort", 0)
        if target in (0, "") and not isinstance(target, bool) and "port" in port:
            port["targetPort"] = port["port"]
    kind = spec["type"]
    if (kind in ("NodePort", "LoadBalancer") or spec.get("externalIPs")) and _empty(spec, "externalTrafficPolicy"):
        spec["externalTrafficPolicy"] = "Cluster"  # service.ExternallyAccessible
    if kind in ("NodePort", "LoadBalancer", "ClusterIP"):
        spec.setdefault("internalTrafficPolicy", "Cluster")  # a pointer: "" stays and is refused


def _rolling_update(spec: Node, field: str, max_unavailable: str | int, max_surge: str | int) -> None:
    """``spec[field]`` defaulted to a RollingUpdate strategy with these bounds (Deployments, DaemonSets)."""
    strategy = spec.setdefault(field, {})
    if not isinstance(strategy, dict):
        return
    _default(strategy, "type", "RollingUpdate")
    if strategy["type"] == "RollingUpdate":
        rolling = strategy.setdefault("rollingUpdate", {})
        if isinstance(rolling, dict):
            rolling.setdefault("maxUnavailable", max_unavailable)
            rolling.setdefault("maxSurge", max_surge)


def _deployment(spec: Node) -> None:
    """SetDefaults_Deployment (apps/v1): RollingUpdate with maxUnavailable and maxSurge 25%."""
    _rolling_update(spec, "strategy", "25%", "25%")


def _daemon_set(spec: Node) -> None:
    """SetDefaults_DaemonSet (apps/v1): RollingUpdate with maxUnavailable 1 and maxSurge 0."""
    _rolling_update(spec, "updateStrategy", 1, 0)


def _stateful_set(spec: Node) -> None:
    """SetDefaults_StatefulSet (apps/v1): OrderedReady, RollingUpdate with partition 0, Retain claims."""
    _default(spec, "podManagementPolicy", "OrderedReady")
    strategy = spec.setdefault("updateStrategy", {})
    if isinstance(strategy, dict):
        if _empty(strategy, "type"):
            strategy["type"] = "RollingUpdate"
            strategy.setdefault("rollingUpdate", {})
        rolling = _node(strategy, "rollingUpdate")
        if strategy["type"] == "RollingUpdate" and rolling is not None:
            rolling.setdefault("partition", 0)
    retention = _node(spec, "persistentVolumeClaimRetentionPolicy")
    if retention is not None:
        _default(retention, "whenDeleted", "Retain")
        _default(retention, "whenScaled", "Retain")


def _cron_job(spec: Node) -> None:
    """SetDefaults_CronJob (batch/v1): concurrencyPolicy Allow."""
    _default(spec, "concurrencyPolicy", "Allow")
    _pod_failure_rules(_node(_node(spec, "jobTemplate") or {}, "spec"))


def _pod_failure_rules(spec: Node | None) -> None:
    """A pod failure rule without ``onPodConditions`` decodes to a nil list, which validation accepts next to
    ``onExitCodes``; the schemas before 1.29 mark the field required, so the copy gets the empty list."""
    for rule in _items(_node(spec, "podFailurePolicy") if spec is not None else None, "rules"):
        rule.setdefault("onPodConditions", [])


def _network_policy(spec: Node) -> None:
    """SetDefaults_NetworkPolicyPort (protocol TCP when unset; a pointer, so "" stays) and SetDefaults_NetworkPolicy."""
    for direction in ("ingress", "egress"):
        for rule in _items(spec, direction):
            for port in _items(rule, "ports"):
                port.setdefault("protocol", "TCP")
    if not spec.get("policyTypes"):
        spec["policyTypes"] = ["Ingress", "Egress"] if spec.get("egress") else ["Ingress"]


_SCALE_UP = {
    "stabilizationWindowSeconds": 0,
    "selectPolicy": "Max",
    "policies": [
        {"type": "Pods", "value": 4, "periodSeconds": 15},
        {"type": "Percent", "value": 100, "periodSeconds": 15},
    ],
}
_SCALE_DOWN = {"selectPolicy": "Max", "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}]}


def _hpa(spec: Node) -> None:
    """SetDefaults_HorizontalPodAutoscaler (autoscaling/v2): minReplicas 1, CPU 80%, full scaling rules."""
    spec.setdefault("minReplicas", 1)
    if not spec.get("metrics"):
        target = {"type": "Utilization", "averageUtilization": 80}
        spec["metrics"] = [{"type": "Resource", "resource": {"name": "cpu", "target": target}}]
    behavior = _node(spec, "behavior")
    if behavior is not None:  # GenerateHPAScaleUpRules / GenerateHPAScaleDownRules: copy what is set over the defaults
        for key, rules in (("scaleUp", _SCALE_UP), ("scaleDown", _SCALE_DOWN)):
            given = behavior.get(key)
            if given is None or isinstance(given, dict):
                fresh = {k: list(v) if isinstance(v, list) else v for k, v in rules.items()}
                behavior[key] = {**fresh, **(given or {})}


def _job(spec: Node) -> None:
    """SetDefaults_Job (batch/v1): both counts 1 when neither is set; onPodConditions status True.

    Only a Job is defaulted so: the job template of a CronJob is a JobSpec, not a Job.
    """
    if spec.get("completions") is None and spec.get("parallelism") is None:
        spec["completions"] = spec["parallelism"] = 1
    for rule in _items(_node(spec, "podFailurePolicy"), "rules"):
        for pattern in _items(rule, "onPodConditions"):
            _default(pattern, "status", "True")
    _pod_failure_rules(spec)


def _zero_values(obj: Node) -> None:
    """Go zero values of fields the bundled schemas of some versions mark required but the server never does.

    StatefulSet ``serviceName`` (required in the schemas before 1.33), NetworkPolicy ``podSelector``
    (before 1.34), PriorityClass ``value`` (before 1.36) and ControllerRevision ``revision`` are
    plain (non-pointer) Go fields: a missing one decodes to ``""``, ``{}`` or ``0``, which the
    server's validation accepts.
    """
    kind, spec = obj.get("kind"), _node(obj, "spec")
    if kind == "StatefulSet" and spec is not None:
        spec.setdefault("serviceName", "")
    elif kind == "NetworkPolicy" and spec is not None:
        spec.setdefault("podSelector", {})
    elif kind == "PriorityClass":
        obj.setdefault("value", 0)
    elif kind == "ControllerRevision":
        obj.setdefault("revision", 0)


def _rbac(obj: Node) -> None:
    """SetDefaults_RoleBinding / ClusterRoleBinding / Subject (rbac/v1): the RBAC API group where it is empty."""
    role = _node(obj, "roleRef")
    if role is not None:
        _default(role, "apiGroup", "rbac.authorization.k8s.io")
    for subject in _items(obj, "subjects"):
        if subject.get("kind") in ("User", "Group"):
            _default(subject, "apiGroup", "rbac.authorization.k8s.io")


def _replication_controller(spec: Node) -> None:
    """SetDefaults_ReplicationController: the selector defaults to the template's labels."""
    labels = (_node(_node(spec, "template") or {}, "metadata") or {}).get("labels")
    if isinstance(labels, dict) and labels and not spec.get("selector"):
        spec["selector"] = dict(labels)


_SPEC_DEFAULTS: dict[tuple[str, str], Callable[[Node], None]] = {
    ("apps/v1", "Deployment"): _deployment,
    ("apps/v1", "DaemonSet"): _daemon_set,
    ("apps/v1", "StatefulSet"): _stateful_set,
    ("batch/v1", "CronJob"): _cron_job,
    ("batch/v1", "Job"): _job,
    ("networking.k8s.io/v1", "NetworkPolicy"): _network_policy,
    ("autoscaling/v2", "HorizontalPodAutoscaler"): _hpa,
    ("autoscaling/v1", "HorizontalPodAutoscaler"): lambda spec: spec.setdefault("minReplicas", 1),
    ("v1", "ReplicationController"): _replication_controller,
}


_ZERO_VALUE_VERSIONS = frozenset({"apps/v1", "networking.k8s.io/v1", "scheduling.k8s.io/v1"})


def _pod_spec_path(kind: str) -> tuple[str, ...] | None:
    if kind in ("ReplicationController", "PodTemplate"):
        return ("spec", "template", "spec") if kind == "ReplicationController" else ("template", "spec")
    return POD_SPEC_PATHS.get(kind)


def defaulted(obj: Mapping[str, Any], decode_items: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """A copy of a built-in object as the API server validates it: nulls dropped, defaults applied.

    ``decode_items`` (given the copy, only when it holds a null list item) decodes those items
    first, so that a null container gets the container defaults; see :func:`zero_null_items`.
    """
    found: list[list[Any]] | None = [] if decode_items is not None else None
    result: dict[str, Any] = drop_nulls(obj, "", found)
    if found and decode_items is not None:
        decode_items(result)
    api_version, kind = result.get("apiVersion"), result.get("kind")
    if not isinstance(api_version, str) or not isinstance(kind, str):
        return result
    path = _pod_spec_path(kind)
    if path is not None:
        node: Any = result
        for part in path:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):
            _pod_spec(node)
    if kind == "Service" and api_version == "v1":
        _service(result)
    elif kind == "Endpoints" and api_version == "v1":
        for subset in _items(result, "subsets"):
            for port in _items(subset, "ports"):
                _default(port, "protocol", "TCP")  # SetDefaults_Endpoints
    elif kind == "Secret" and api_version == "v1":
        _default(result, "type", "Opaque")  # SetDefaults_Secret
    elif kind == "PersistentVolume" and api_version == "v1":
        spec = _node(result, "spec")
        if spec is not None:
            _default(spec, "persistentVolumeReclaimPolicy", "Retain")  # SetDefaults_PersistentVolume
    if kind in ("RoleBinding", "ClusterRoleBinding") and api_version == "rbac.authorization.k8s.io/v1":
        _rbac(result)
    if api_version in _ZERO_VALUE_VERSIONS:
        _zero_values(result)
    function = _SPEC_DEFAULTS.get((api_version, kind))
    spec = _node(result, "spec")
    if function is not None and spec is not None:
        function(spec)
    return result
