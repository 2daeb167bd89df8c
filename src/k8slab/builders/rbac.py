"""ServiceAccount and RBAC: least-privilege identities for workloads.

``ServiceAccount("reporter", rules=[Rule(resources=["configmaps"], verbs=["get", "list"])])``
renders the ServiceAccount, a Role with those rules and the RoleBinding between them; a
workload given ``service_account=`` runs as it, and only then mounts its token.

Wildcards (``*`` in verbs, resources or API groups), reading every Secret, and the verbs that
grant more than they name (escalate, bind, impersonate) are refused unless a rule gives a
``reason``; the reason becomes the checkov skip annotation of the Role.

See https://kubernetes.io/docs/reference/access-authn-authz/rbac/
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import KW_ONLY
from typing import Any, Literal

from pydantic import Field

from .._model import Checks, builder
from ..types import Annotations, DNSSubdomain, FrozenList, Labels
from .base import Manifest, Renderable, RenderContext, checkov_skips, metadata

__all__ = ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Rule", "ServiceAccount", "Verb"]

_RBAC = "https://kubernetes.io/docs/reference/access-authn-authz/rbac/"
Verb = Literal[
    "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection",
    "escalate", "bind", "impersonate", "*",
]  # fmt: skip
_POWERFUL = ("escalate", "bind", "impersonate")
_READ = ("get", "list", "watch", "*")
_RESOURCE = re.compile(r"[a-z0-9][a-z0-9.-]*(/[a-z0-9.-]+)?|\*")
_GROUP = re.compile(r"|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*|\*")


@builder
class Rule:
    """One RBAC rule (PolicyRule): ``verbs`` on ``resources`` of ``api_groups``, optionally only named ones.

    See https://kubernetes.io/docs/reference/access-authn-authz/rbac/#role-and-clusterrole
    """

    _: KW_ONLY
    resources: FrozenList[str] = Field(
        description=f"Resources, plural and lower case ('pods', 'pods/log'). See {_RBAC}"
    )
    verbs: FrozenList[Verb] = Field(description="Verbs allowed: get, list, watch, create, update, patch, delete, ...")
    api_groups: FrozenList[str] = Field(
        default=("",), description="API groups ('' is the core group, 'apps', 'batch'...). Default: ('',)."
    )
    resource_names: FrozenList[DNSSubdomain] = Field(
        default=(), description="Only these objects. Default: () (every object of the resources)."
    )
    reason: str | None = Field(
        default=None,
        description="Why a broad rule (a wildcard, reading all Secrets, escalate/bind/impersonate) is needed; "
        "required for those. Default: None.",
    )

    def __post_init__(self) -> None:
        checks = Checks("Rule")
        if not self.resources:
            checks.add("resources", "must name at least one resource")
        if not self.verbs:
            checks.add("verbs", "must allow at least one verb")
        if not self.api_groups:
            checks.add("api_groups", "must name at least one API group ('' for the core group)")
        for i, resource in enumerate(self.resources):
            if not _RESOURCE.fullmatch(resource):
                checks.add(f"resources[{i}]", "must be a plural, lower-case resource such as 'pods' or 'pods/log'")
        for i, group in enumerate(self.api_groups):
            if not _GROUP.fullmatch(group):
                checks.add(f"api_groups[{i}]", "must be an API group such as '', 'apps' or 'batch'")
        if self.reason is not None and not self.reason.strip():
            checks.add("reason", "must say why (non-empty)")
        if self.broad() and self.reason is None:
            checks.add("reason", f"is required: the rule {self.broad()}")
        checks.done()

    def broad(self) -> str:
        """What makes the rule broader than least privilege ('' when nothing does)."""
        if "*" in (*self.verbs, *self.resources, *self.api_groups):
            return "uses a wildcard"
        if any(v in _POWERFUL for v in self.verbs):
            return "allows " + ", ".join(v for v in self.verbs if v in _POWERFUL)
        if "secrets" in self.resources and not self.resource_names and any(v in _READ for v in self.verbs):
            return "reads every Secret (name them in resource_names)"
        return ""

    def render(self) -> dict[str, Any]:
        """The PolicyRule."""
        out: dict[str, Any] = {
            "apiGroups": list(self.api_groups),
            "resources": list(self.resources),
            "verbs": list(self.verbs),
        }
        if self.resource_names:
            out["resourceNames"] = list(self.resource_names)
        return out


def _skips(rules: Sequence[Rule]) -> dict[str, str]:
    """checkov's RBAC checks that the rules' reasons relax."""
    skips = {}
    for rule in rules:
        if "*" in (*rule.verbs, *rule.resources, *rule.api_groups):
            skips["CKV_K8S_49"] = str(rule.reason)
        if any(v in ("escalate", "bind") for v in rule.verbs):
            skips["CKV_K8S_158"] = str(rule.reason)
            skips["CKV_K8S_157"] = str(rule.reason)
        if "impersonate" in rule.verbs:
            skips["CKV_K8S_156"] = str(rule.reason)
    return skips


def _reads_all_secrets(rules: Sequence[Rule]) -> str | None:
    """The reason of a rule that reads every Secret (checkov's CKV2_K8S_5 judges the binding), if any."""
    for rule in rules:
        secrets = "secrets" in rule.resources or "*" in rule.resources
        if (
            secrets
            and not rule.resource_names
            and any(v in _READ for v in rule.verbs)
            and {"", "*"} & set(rule.api_groups)
        ):
            return str(rule.reason)
    return None


@builder
class Role:
    """A Role: rules within the stack's namespace. See https://kubernetes.io/docs/reference/access-authn-authz/rbac/"""

    name: DNSSubdomain = Field(description=f"The Role's name. See {_RBAC}#role-and-clusterrole")
    _: KW_ONLY
    rules: FrozenList[Rule] = Field(description="The rules, at least one.")
    labels: Labels = Field(default_factory=dict, description="Extra labels. Default: {}.")
    annotations: Annotations = Field(default_factory=dict, description="Extra annotations. Default: {}.")

    def __post_init__(self) -> None:
        checks = Checks(f"{type(self).__name__}/{self.name}")
        if not self.rules:
            checks.add("rules", "must have at least one rule")
        checks.name_label(self.name)
        checks.done()

    @property
    def kind(self) -> str:
        """'Role' or 'ClusterRole'."""
        return type(self).__name__

    def dependencies(self) -> Sequence[Renderable]:
        """None."""
        return ()

    def render(self, ctx: RenderContext) -> list[Manifest]:
        """The Role (or ClusterRole)."""
        annotations = {**self.annotations, **checkov_skips(_skips(self.rules))}
        meta = metadata(self.name, ctx, labels=self.labels, annotations=annotations, namespaced=self.kind == "Role")
        obj: Manifest = {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": self.kind,
            "metadata": meta,
            "rules": [r.render() for r in self.rules],
        }
        return [obj]


@builder
class ClusterRole(Role):
    """A ClusterRole: rules on cluster-scoped resources, or on every namespace when bound cluster-wide.

    Bound with a RoleBinding (``ServiceAccount(roles=[...])``) it grants its rules in one namespace only.
    """


@builder
class ServiceAccount:
    """A ServiceAccount for workloads, with its permissions: ``rules`` (a Role of its own) and ``roles`` (bound).

    Its token is mounted into a workload's pods only when it has permissions; the object itself
    sets ``automountServiceAccountToken: false``. See https://kubernetes.io/docs/concepts/security/service-accounts/
    """

    name: DNSSubdomain = Field(description=f"The ServiceAccount's name. See {_RBAC}#service-account-permissions")
    _: KW_ONLY
    rules: FrozenList[Rule] = Field(
        default=(), description="Rules of a Role of the same name, bound to it. Default: () (no permissions)."
    )
    roles: FrozenList[Role | ClusterRole] = Field(
        default=(), description="Roles and ClusterRoles bound to it in the stack's namespace. Default: ()."
    )
    labels: Labels = Field(default_factory=dict, description="Extra labels. Default: {}.")
    annotations: Annotations = Field(
        default_factory=dict, description="Annotations (e.g. a cloud IAM role binding). Default: {}."
    )

    def __post_init__(self) -> None:
        checks = Checks(f"ServiceAccount/{self.name}")
        checks.name_label(self.name)
        names = [(r.kind, r.name) for r in self.roles]
        if len(set(names)) != len(names):
            checks.add("roles", "must not bind one role twice")
        if self.rules and ("Role", self.name) in names:
            checks.add("roles", f"a Role named {self.name!r} is made from rules already")
        checks.done()

    def has_permissions(self) -> bool:
        """Whether it is granted anything: only then do its pods mount the token."""
        return bool(self.rules or self.roles)

    def own_role(self) -> Role | None:
        """The Role made from ``rules``."""
        return Role(self.name, rules=self.rules, labels=self.labels) if self.rules else None

    def dependencies(self) -> Sequence[Renderable]:
        """The bound roles, its own included."""
        own = self.own_role()
        return [*self.roles, *([own] if own is not None else [])]

    def render(self, ctx: RenderContext) -> list[Manifest]:
        """The ServiceAccount and one RoleBinding per role."""
        account: Manifest = {
            "apiVersion": "v1",
            "automountServiceAccountToken": False,
            "kind": "ServiceAccount",
            "metadata": metadata(self.name, ctx, labels=self.labels, annotations=self.annotations),
        }
        out = [account]
        own = self.own_role()
        for role in [*([own] if own is not None else []), *self.roles]:
            name = self.name if role is own else f"{self.name}-{role.name}"
            out.append(_binding("RoleBinding", name, role, [self], ctx, self.labels, app=self.name))
        return out


def _binding(
    kind: str,
    name: str,
    role: Role,
    subjects: Sequence[ServiceAccount],
    ctx: RenderContext,
    labels: Labels,
    *,
    app: str | None = None,
) -> Manifest:
    reason = _reads_all_secrets(role.rules)
    skips = checkov_skips({"CKV2_K8S_5": reason}) if reason is not None else {}
    return {
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": kind,
        "metadata": metadata(name, ctx, app=app, labels=labels, annotations=skips, namespaced=kind == "RoleBinding"),
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": role.kind, "name": ctx.name(role.name)},
        "subjects": [
            {"kind": "ServiceAccount", "name": ctx.name(s.name), "namespace": ctx.namespace} for s in subjects
        ],
    }


@builder
class RoleBinding:
    """Binds a Role or ClusterRole to ServiceAccounts in the stack's namespace.

    See https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding
    """

    name: DNSSubdomain = Field(description=f"The binding's name. See {_RBAC}#rolebinding-and-clusterrolebinding")
    _: KW_ONLY
    role: Role | ClusterRole = Field(description="The role granted.")
    subjects: FrozenList[ServiceAccount] = Field(description="The ServiceAccounts it is granted to, at least one.")
    labels: Labels = Field(default_factory=dict, description="Extra labels. Default: {}.")

    def __post_init__(self) -> None:
        checks = Checks(f"{type(self).__name__}/{self.name}")
        if not self.subjects:
            checks.add("subjects", "must name at least one ServiceAccount")
        checks.name_label(self.name)
        checks.done()

    def dependencies(self) -> Sequence[Renderable]:
        """The role and the ServiceAccounts."""
        return [self.role, *self.subjects]

    def render(self, ctx: RenderContext) -> list[Manifest]:
        """The binding."""
        return [_binding(type(self).__name__, self.name, self.role, self.subjects, ctx, self.labels)]


@builder
class ClusterRoleBinding(RoleBinding):
    """Binds a ClusterRole to ServiceAccounts in every namespace.

    Prefer a RoleBinding (one namespace) unless cluster-wide access is the point.
    """

    _: KW_ONLY
    role: ClusterRole = Field(description="The ClusterRole granted, cluster-wide.")
