"""k8slab: a typed manifest DSL for Kubernetes.

Short, typed Python in; validated, secure-by-default and reproducible YAML out,
synthesized through cdk8s.

    import k8slab as kl

    app = kl.App("web", image="nginx:1.27", port=8080)
    kl.Stack("lab", app, namespace="lab").synth("dist/")
"""

from .render.node import ensure_node as _ensure_node

_ensure_node()  # jsii (cdk8s) must start on a supported Node; this only sets JSII_NODE

from .builders.alertmanager import Alertmanager, Receiver, Route, SecretKey, Slack, Storage, Webhook  # noqa: E402
from .builders.app import App, Rolling  # noqa: E402
from .builders.config import Config  # noqa: E402
from .builders.daemonset import DaemonSet  # noqa: E402
from .builders.dashboard import HttpMetrics  # noqa: E402
from .builders.ingress import Ingress, IngressRule  # noqa: E402
from .builders.init_fetch import InitFetch  # noqa: E402
from .builders.job import CronJob, Job  # noqa: E402
from .builders.limits import LimitItem, LimitRange, Limits  # noqa: E402
from .builders.monitoring import Monitoring  # noqa: E402
from .builders.monitoring_stack import KubePrometheusStack, PrometheusServer  # noqa: E402
from .builders.mounts import Env, Mount  # noqa: E402
from .builders.probes import Probe  # noqa: E402
from .builders.rbac import ClusterRole, ClusterRoleBinding, Role, RoleBinding, Rule, ServiceAccount  # noqa: E402
from .builders.rules import AlertRule, RecordRule  # noqa: E402
from .builders.scaling import Autoscale, DisruptionBudget, Scaling  # noqa: E402
from .builders.scheduling import NodeAffinity, PodAffinity, Toleration  # noqa: E402
from .builders.secret import Secret  # noqa: E402
from .builders.security import Security  # noqa: E402
from .builders.sidecar import Sidecar  # noqa: E402
from .builders.stateful import Claim, Stateful  # noqa: E402
from .builders.workload import Port  # noqa: E402
from .deploy import apply, delete, diff, status  # noqa: E402
from .errors import ApplyError, K8slabError, Problem, SpecError, SynthError, UsageError, ValidationFailed  # noqa: E402
from .stack import Stack  # noqa: E402
from .validation.engine import Report, check  # noqa: E402

__version__ = "0.1.0"

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
