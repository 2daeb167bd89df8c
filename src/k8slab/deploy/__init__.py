"""Deploy stacks: server-side apply, prune by ApplySet, wait by watching, diff and status.

    import k8slab as kl
    from k8slab.deploy import apply, diff, delete, status

    apply(stack, context="minikube", prune=True)      # progress on stderr; returns an ApplyResult
    print(diff(stack, context="minikube"))            # unified diffs, Secret values masked
    print(status(stack, context="minikube"))          # what is deployed and how healthy
    delete(stack, context="minikube")                 # reverse order, waits until gone

Modules: ``client`` (HTTP, retries), ``kubeconfig``, ``discovery``, ``applyset`` (the
inventory: KEP-3659's parent and labels), ``inventory`` (finding members), ``applier``
(apply, delete), ``prune``, ``wait`` and ``health``,
``diff``, ``status``, ``helm`` (the helm binary), ``sources`` (Python files, YAML, charts).
"""

from .applier import apply, delete
from .applyset import PART_OF, ApplySet, applyset_id
from .client import FIELD_MANAGER, Cluster, Retries, connect
from .diff import diff
from .health import Health
from .helm import HelmRelease, helm_template, helm_upgrade, release_args
from .result import ApplyResult, Change, DiffResult, ObjectDiff, StatusReport
from .sources import Manifests, load_path
from .status import status

__all__ = [
    "FIELD_MANAGER",
    "PART_OF",
    "ApplyResult",
    "ApplySet",
    "Change",
    "Cluster",
    "DiffResult",
    "Health",
    "HelmRelease",
    "Manifests",
    "ObjectDiff",
    "Retries",
    "StatusReport",
    "apply",
    "applyset_id",
    "connect",
    "delete",
    "diff",
    "helm_template",
    "helm_upgrade",
    "load_path",
    "release_args",
    "status",
]
