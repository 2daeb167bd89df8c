"""Pod and container security settings: secure by default, relaxable one at a time.

The defaults satisfy the Pod Security Standards "restricted" profile and checkov.
Every relaxation is explicit, and each one that a scanner flags is reported with
checkov's skip annotation carrying the ``reason`` the user gave.
See https://kubernetes.io/docs/concepts/security/pod-security-standards/
"""

from __future__ import annotations

from dataclasses import KW_ONLY
from typing import Any, Literal

from pydantic import Field

from .._model import builder, spec_error
from ..types import FrozenList

__all__ = ["CONTAINER_SECURITY", "POD_SECURITY", "Security"]

# In a chart, parameters holding a security context are checked against the official schema.
CONTAINER_SECURITY: dict[str, Any] = {"x-k8s-definition": "io.k8s.api.core.v1.SecurityContext"}
POD_SECURITY: dict[str, Any] = {"x-k8s-definition": "io.k8s.api.core.v1.PodSecurityContext"}

_PSS = "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
# Capabilities the "baseline" profile allows a container to add.
_BASELINE_CAPABILITIES = {
    "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
    "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
}  # fmt: skip


@builder
class Security:
    """Security settings of a workload's pods. Every default is the safe choice."""

    _: KW_ONLY
    run_as_non_root: bool = Field(
        default=True,
        description=f"Refuse to start containers whose user is root. Default: True. See {_PSS}",
    )
    run_as_user: int = Field(
        default=65532,
        ge=0,
        le=2147483647,
        description="UID the containers run as; 10000 or more keeps clear of host users. Default: 65532. "
        "See https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
    )
    run_as_group: int = Field(
        default=65532, ge=0, le=2147483647, description="GID the containers run as. Default: 65532."
    )
    fs_group: int = Field(
        default=65532, ge=0, le=2147483647, description="Group that owns mounted volumes. Default: 65532."
    )
    read_only_root_filesystem: bool = Field(
        default=True,
        description="Mount the container's root filesystem read-only; an emptyDir is mounted at /tmp. Default: True.",
    )
    allow_privilege_escalation: bool = Field(
        default=False,
        description=f"Allow a process to gain more privileges than its parent. Default: False. See {_PSS}",
    )
    drop_capabilities: FrozenList[str] = Field(
        default=("ALL",), description="Linux capabilities dropped from every container. Default: ('ALL',)."
    )
    add_capabilities: FrozenList[str] = Field(
        default=(), description="Linux capabilities added back (restricted allows only NET_BIND_SERVICE). Default: ()."
    )
    seccomp_profile: Literal["RuntimeDefault", "Unconfined"] = Field(
        default="RuntimeDefault",
        description="The seccomp profile of the pod. Default: 'RuntimeDefault'. "
        "See https://kubernetes.io/docs/tutorials/security/seccomp/",
    )
    automount_service_account_token: bool = Field(
        default=False,
        description="Mount the service-account token into the pods. Default: False. "
        "See https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/",
    )
    network_policy: bool = Field(
        default=True,
        description="Emit a NetworkPolicy that admits ingress only on the app's ports. Default: True. "
        "See https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    )
    allow_latest_image: bool = Field(
        default=False, description="Accept an untagged image or the ':latest' tag. Default: False."
    )
    reason: str = Field(
        default="relaxed explicitly in k8slab Security()",
        min_length=1,
        description="Why the relaxations are needed; written into checkov's skip annotations. "
        "Default: 'relaxed explicitly in k8slab Security()'.",
    )

    def __post_init__(self) -> None:
        if self.run_as_non_root and self.run_as_user == 0:
            raise spec_error(
                "Security",
                "run_as_user",
                "run_as_user 0 contradicts run_as_non_root=True: the kubelet would refuse to start the pod",
            )

    def relaxed_checks(self) -> dict[str, str]:
        """checkov check IDs that this configuration knowingly fails, mapped to the reason."""
        checks = {
            "CKV_K8S_20": self.allow_privilege_escalation,
            "CKV_K8S_22": not self.read_only_root_filesystem,
            "CKV_K8S_23": not self.run_as_non_root,
            "CKV_K8S_40": self.run_as_user < 10000,
            "CKV_K8S_31": self.seccomp_profile != "RuntimeDefault",
            "CKV_K8S_38": self.automount_service_account_token,
            "CKV_K8S_25": bool(self.add_capabilities),
            "CKV_K8S_28": not {"ALL", "NET_RAW"} & set(self.drop_capabilities),
            "CKV_K8S_37": "ALL" not in self.drop_capabilities,
            "CKV2_K8S_6": not self.network_policy,
        }
        return {check: self.reason for check, relaxed in checks.items() if relaxed}

    def pss_level(self) -> Literal["restricted", "baseline", "privileged"]:
        """The strictest Pod Security Standards level these settings meet (see the PSS documentation)."""
        if set(self.add_capabilities) - _BASELINE_CAPABILITIES or self.seccomp_profile == "Unconfined":
            return "privileged"
        restricted = (
            self.run_as_non_root
            and self.run_as_user != 0
            and not self.allow_privilege_escalation
            and "ALL" in self.drop_capabilities
            and set(self.add_capabilities) <= {"NET_BIND_SERVICE"}
        )
        return "restricted" if restricted else "baseline"

    def pod_context(self) -> dict[str, Any]:
        """The pod-level ``securityContext``."""
        return {
            "fsGroup": self.fs_group,
            "runAsGroup": self.run_as_group,
            "runAsNonRoot": self.run_as_non_root,
            "runAsUser": self.run_as_user,
            "seccompProfile": {"type": self.seccomp_profile},
        }

    def container_context(self) -> dict[str, Any]:
        """The container-level ``securityContext`` (init containers included)."""
        caps: dict[str, Any] = {}
        if self.add_capabilities:
            caps["add"] = list(self.add_capabilities)
        if self.drop_capabilities:
            caps["drop"] = list(self.drop_capabilities)
        context: dict[str, Any] = {
            "allowPrivilegeEscalation": self.allow_privilege_escalation,
            "privileged": False,
            "readOnlyRootFilesystem": self.read_only_root_filesystem,
            "runAsGroup": self.run_as_group,
            "runAsNonRoot": self.run_as_non_root,
            "runAsUser": self.run_as_user,
            "seccompProfile": {"type": self.seccomp_profile},
        }
        if caps:
            context["capabilities"] = caps
        return dict(sorted(context.items()))
