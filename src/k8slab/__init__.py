"""k8slab: a typed manifest DSL for Kubernetes.

Short, typed Python in; validated, secure-by-default and reproducible YAML out,
synthesized through cdk8s.

    import k8slab as kl

    app = kl.App("web", image="nginx:1.27", port=8080)
    kl.Stack("lab", app, namespace="lab").synth("dist/")
"""

from .builders.app import App, Rolling
from .builders.config import Config
from .builders.init_fetch import InitFetch
from .builders.limits import LimitItem, LimitRange, Limits
from .builders.mounts import Env, Mount
from .builders.probes import Probe
from .builders.scheduling import NodeAffinity, PodAffinity, Toleration
from .builders.secret import Secret
from .builders.security import Security
from .builders.stateful import Claim, Stateful
from .builders.workload import Port
from .errors import K8slabError, Problem, SpecError, SynthError, UsageError, ValidationFailed
from .stack import Stack
from .validation.engine import Report, check

__version__ = "0.1.0"

__all__ = [
    "App",
    "Claim",
    "Config",
    "Env",
    "InitFetch",
    "K8slabError",
    "LimitItem",
    "LimitRange",
    "Limits",
    "Mount",
    "NodeAffinity",
    "PodAffinity",
    "Port",
    "Probe",
    "Problem",
    "Report",
    "Rolling",
    "Secret",
    "Security",
    "SpecError",
    "Stack",
    "Stateful",
    "SynthError",
    "Toleration",
    "UsageError",
    "ValidationFailed",
    "__version__",
    "check",
]
