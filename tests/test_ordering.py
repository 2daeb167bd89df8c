"""Apply order: what others depend on first; delete order is the reverse."""

from __future__ import annotations

from k8slab.ordering import sort_objects


def _objs(*kinds: str) -> list[dict[str, str]]:
    return [{"kind": k} for k in kinds]


def test_apply_order_puts_dependencies_first() -> None:
    given = _objs("Deployment", "RoleBinding", "Secret", "Namespace", "ServiceMonitor", "Role", "Service")
    assert [o["kind"] for o in sort_objects(given)] == [
        "Namespace", "Role", "RoleBinding", "Secret", "Service", "Deployment", "ServiceMonitor",
    ]  # fmt: skip


def test_unknown_kinds_go_last_and_delete_order_is_reversed() -> None:
    given = _objs("Widget", "ConfigMap", "Namespace")
    assert [o["kind"] for o in sort_objects(given)] == ["Namespace", "ConfigMap", "Widget"]
    assert [o["kind"] for o in sort_objects(given, reverse=True)] == ["Widget", "ConfigMap", "Namespace"]
