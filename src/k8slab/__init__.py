"""k8slab: a typed manifest DSL for Kubernetes.

Short, typed Python in; validated, secure-by-default and reproducible YAML out,
synthesized through cdk8s.

    import k8slab as kl

    app = kl.App("web", image="nginx:1.27", port=8080)
    kl.Stack("lab", app, namespace="lab").synth("dist/")

Names are loaded on first use (PEP 562 ``__getattr__``), so that ``import k8slab`` and each
command pay only for what they run: ``k8slab validate`` never loads the builders, deploy or
cdk8s.
"""

import importlib as _importlib
import typing as _typing

from .render.node import ensure_node as _ensure_node

_ensure_node()  # jsii (cdk8s) must start on a supported Node; this only sets JSII_NODE

if _typing.TYPE_CHECKING:
    from .builders.alertmanager import Alertmanager, Receiver, Route, SecretKey, Slack, Storage, Webhook
    from .builders.app import App, Rolling
    from .builders.config import Config
    from .builders.daemonset import DaemonSet
    from .builders.dashboard import HttpMetrics
    from .builders.ingress import Ingress, IngressRule
    from .builders.init_fetch import InitFetch
    from .builders.job import CronJob, Job
    from .builders.limits import LimitItem, LimitRange, Limits
    from .builders.monitoring import Monitoring
    from .builders.monitoring_stack import KubePrometheusStack, PrometheusServer
    from .builders.mounts import Env, Mount
    from .builders.probes import Probe
    from .builders.rbac import ClusterRole, ClusterRoleBinding, Role, RoleBinding, Rule, ServiceAccount
    from .builders.rules import AlertRule, RecordRule
    from .builders.scaling import Autoscale, DisruptionBudget, Scaling
    from .builders.scheduling import NodeAffinity, PodAffinity, Toleration
    from .builders.secret import Secret
    from .builders.security import Security
    from .builders.sidecar import Sidecar
    from .builders.stateful import Claim, Stateful
    from .builders.workload import Port
    from .deploy.applier import apply, delete
    from .deploy.diff import diff
    from .deploy.status import status
    from .errors import ApplyError, K8slabError, Problem, SpecError, SynthError, UsageError, ValidationFailed
    from .stack import Stack
    from .validation.engine import Report, check

__version__ = "0.1.0"

_WHERE = {
    "Alertmanager": ".builders.alertmanager",
    "Receiver": ".builders.alertmanager",
    "Route": ".builders.alertmanager",
    "SecretKey": ".builders.alertmanager",
    "Slack": ".builders.alertmanager",
    "Storage": ".builders.alertmanager",
    "Webhook": ".builders.alertmanager",
    "App": ".builders.app",
    "Rolling": ".builders.app",
    "Config": ".builders.config",
    "HttpMetrics": ".builders.dashboard",
    "InitFetch": ".builders.init_fetch",
    "LimitItem": ".builders.limits",
    "LimitRange": ".builders.limits",
    "Limits": ".builders.limits",
    "Monitoring": ".builders.monitoring",
    "KubePrometheusStack": ".builders.monitoring_stack",
    "PrometheusServer": ".builders.monitoring_stack",
    "Env": ".builders.mounts",
    "Mount": ".builders.mounts",
    "Probe": ".builders.probes",
    "AlertRule": ".builders.rules",
    "RecordRule": ".builders.rules",
    "NodeAffinity": ".builders.scheduling",
    "PodAffinity": ".builders.scheduling",
    "Toleration": ".builders.scheduling",
    "Secret": ".builders.secret",
    "Security": ".builders.security",
    "Claim": ".builders.stateful",
    "Stateful": ".builders.stateful",
    "Port": ".builders.workload",
    "apply": ".deploy",
    "delete": ".deploy",
    "diff": ".deploy",
    "status": ".deploy",
    "ApplyError": ".errors",
    "K8slabError": ".errors",
    "Problem": ".errors",
    "SpecError": ".errors",
    "SynthError": ".errors",
    "UsageError": ".errors",
    "ValidationFailed": ".errors",
    "Stack": ".stack",
    "Report": ".validation.engine",
    "check": ".validation.engine",
    "DaemonSet": ".builders.daemonset",
    "Ingress": ".builders.ingress",
    "IngressRule": ".builders.ingress",
    "CronJob": ".builders.job",
    "Job": ".builders.job",
    "ClusterRole": ".builders.rbac",
    "ClusterRoleBinding": ".builders.rbac",
    "Role": ".builders.rbac",
    "RoleBinding": ".builders.rbac",
    "Rule": ".builders.rbac",
    "ServiceAccount": ".builders.rbac",
    "Autoscale": ".builders.scaling",
    "DisruptionBudget": ".builders.scaling",
    "Scaling": ".builders.scaling",
    "Sidecar": ".builders.sidecar",
}
"""Each public name and the module that defines it."""


def __getattr__(name: str) -> _typing.Any:
    """Import the module defining ``name`` on first use, and keep the name here."""
    if name == "errors":  # the submodule, which ``import k8slab`` loaded before it was made lazy
        return _importlib.import_module(".errors", __name__)
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})


__all__ = [
    "AlertRule",
    "Alertmanager",
    "App",
    "ApplyError",
    "Autoscale",
    "Claim",
    "ClusterRole",
    "ClusterRoleBinding",
    "Config",
    "CronJob",
    "DaemonSet",
    "DisruptionBudget",
    "Env",
    "HttpMetrics",
    "Ingress",
    "IngressRule",
    "InitFetch",
    "Job",
    "K8slabError",
    "KubePrometheusStack",
    "LimitItem",
    "LimitRange",
    "Limits",
    "Monitoring",
    "Mount",
    "NodeAffinity",
    "PodAffinity",
    "Port",
    "Probe",
    "Problem",
    "PrometheusServer",
    "Receiver",
    "RecordRule",
    "Report",
    "Role",
    "RoleBinding",
    "Rolling",
    "Route",
    "Rule",
    "Scaling",
    "Secret",
    "SecretKey",
    "Security",
    "ServiceAccount",
    "Sidecar",
    "Slack",
    "SpecError",
    "Stack",
    "Stateful",
    "Storage",
    "SynthError",
    "Toleration",
    "UsageError",
    "ValidationFailed",
    "Webhook",
    "__version__",
    "apply",
    "check",
    "delete",
    "diff",
    "status",
]
