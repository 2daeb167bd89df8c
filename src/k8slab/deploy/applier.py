"""``apply`` and ``delete``: server-side apply in dependency order, prune the ApplySet, wait by watching.

Before any object is sent, the set's parent Secret is applied recording every group-kind and
namespace the set held or is about to hold (kubectl's ``ApplySet.BeforeApply``), so an
interrupted run never leaks objects from the set; a successful prune narrows it again.
Each object is sent as ``PATCH`` with ``application/apply-patch+yaml`` and field manager
``k8slab`` (``force`` only when asked), in the order of ``k8slab.ordering.sort_objects``;
delete goes in the reverse order. An object is reported ``unchanged`` when its
resourceVersion did not move (in a dry run: when the server's dry-run answer equals the live
object), so a second apply of the same stack says ``no changes``.
"""

from __future__ import annotations

import itertools
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from ..ordering import sort_objects
from . import applyset as aset
from .client import APPLY_PATCH, Cluster
from .diff import normalize
from .health import WAITED_KINDS
from .helm import HelmRelease, helm_upgrade
from .inventory import Live, identity, list_legacy
from .progress import Progress
from .prune import delete_live, in_delete_order, namespace_kept, prune
from .result import ApplyResult, Change
from .session import Planned, Session, open_session
from .wait import Target, wait_for

__all__ = ["apply", "delete"]

_CRD_WAIT = 60.0  # seconds a new CustomResourceDefinition gets to be served


def _apply_one(session: Session, item: Planned, *, dry_run: bool, force: bool) -> Change:
    before = session.cluster.get(item.path, obj=item.ref)
    after = session.cluster.server_apply(item.path, item.obj, ref=item.ref, force=force, dry_run=dry_run)
    if before is None:
        return Change(item.ref, "created", item.note)
    if dry_run:
        same = normalize(before) == normalize(after)
    else:
        same = before["metadata"].get("resourceVersion") == (after or {}).get("metadata", {}).get("resourceVersion")
    return Change(item.ref, "unchanged" if same else "configured", item.note)


def _waits(item: Planned) -> bool:
    kind = item.obj.get("kind")
    if kind == "Service":
        return (item.obj.get("spec") or {}).get("type") == "LoadBalancer"
    return kind in WAITED_KINDS


def _target(item: Planned) -> Target:
    assert item.resource is not None
    meta = item.obj["metadata"]
    return Target(item.resource, meta.get("namespace"), meta["name"], item.ref)


_VALUE_FLAGS = frozenset(
    {
        "-n",
        "--namespace",
        "--version",
        "--repo",
        "-f",
        "--values",
        "--set",
        "--set-string",
        "--timeout",
        "--kube-context",
        "--kubeconfig",
        "--description",
        "--post-renderer",
    }
)


def _release_identity(args: list[str]) -> tuple[str, str | None]:
    """(release name, namespace) from ``upgrade --install NAME CHART ... --namespace NS``."""
    namespace, words, skip = None, [], False
    for flag, value in itertools.pairwise([*args, ""]):
        if skip:
            skip = False
        elif flag in _VALUE_FLAGS:
            skip = True
            if flag in ("-n", "--namespace"):
                namespace = value
        elif flag.startswith("--namespace="):
            namespace = flag.split("=", 1)[1]
        elif not flag.startswith("-"):
            words.append(flag)
    return (words[1] if len(words) > 1 else "release"), namespace


def _apply_release(release: HelmRelease, *, dry_run: bool, wait: bool, out: TextIO, **where: Any) -> ApplyResult:
    """Apply the release's own objects (e.g. its Secrets) first, then ``helm upgrade --install``.

    A release that can write its values file (``write_values(path)``) writes it to a temporary
    directory, and ``helm_args(path)`` names that file.
    """
    changes: list[Change] = []
    with tempfile.TemporaryDirectory(prefix="k8slab-helm-") as tmp:
        writer = getattr(release, "write_values", None)
        if callable(writer):
            args = list(release.helm_args(writer(Path(tmp) / "values.yaml")))  # type: ignore[call-arg]
        else:
            args = list(release.helm_args())
        name, namespace = _release_identity(args)
        own = getattr(release, "objects", None)
        objects = list(own()) if callable(own) else []
        if objects:
            first = apply(objects, name=name, namespace=namespace, wait=False, dry_run=dry_run, output=out, **where)
            changes += first.changes
        cluster: Cluster | None = where.get("cluster")
        context = where.get("context") or (cluster.connection.context if cluster else None)
        kubeconfig = where.get("kubeconfig") or (cluster.connection.kubeconfig if cluster else None)
        timeout = float(where.get("timeout", 300.0))
        helm_upgrade(
            args, kubeconfig=kubeconfig, context=context, timeout=timeout, output=out, wait=wait, dry_run=dry_run
        )
    changes.append(Change(f"HelmRelease {namespace}/{name}" if namespace else f"HelmRelease {name}", "upgraded"))
    result = ApplyResult(name, tuple(changes), dry_run=dry_run)
    Progress(out).line(result.summary())
    return result


def apply(
    target: Any,
    *,
    name: str | None = None,
    context: str | None = None,
    kubeconfig: str | Path | None = None,
    namespace: str | None = None,
    prune: bool = False,
    wait: bool = True,
    timeout: float = 300.0,
    dry_run: bool = False,
    force_conflicts: bool = False,
    output: TextIO | None = None,
    cluster: Cluster | None = None,
) -> ApplyResult:
    """Server-side apply ``target`` (a Stack, Manifests, a list of objects, or a helm release) to a cluster.

    Args:
        target: what to apply; a list of dicts needs ``name``. A helm release (an object with
            ``helm_args()``, e.g. KubePrometheusStack) has its ``objects()`` applied, its values
            file written, then is installed or upgraded by ``helm upgrade --install --wait``.
        name: the stack's name; with the namespace it names the ApplySet (parent Secret
            ``applyset-NAME``) that records the stack; default: the Stack's.
        context: the kubeconfig context; default: the current one.
        kubeconfig: the kubeconfig file; default: $KUBECONFIG, then ~/.kube/config.
        namespace: for namespaced objects that name none; default: the Stack's or the context's.
        prune: also delete the members of the stack's ApplySet it no longer holds (after the wait).
        wait: wait until Deployments, StatefulSets, DaemonSets and PVCs are ready.
        timeout: seconds to wait; WaitTimeout names every object still not ready and why.
        dry_run: server-side dry run (``dryRun=All``): everything is checked, nothing persisted.
        force_conflicts: take over fields another field manager owns instead of failing (409).
        output: where progress goes; default: standard error.
        cluster: an open Cluster (from ``connect``) instead of ``context``/``kubeconfig``.
    """
    out = sys.stderr if output is None else output
    if isinstance(target, HelmRelease):
        where = {"context": context, "kubeconfig": kubeconfig, "cluster": cluster, "timeout": timeout}
        return _apply_release(target, dry_run=dry_run, wait=wait, out=out, **where)
    session = open_session(
        target, name=name, namespace=namespace, context=context, kubeconfig=kubeconfig, cluster=cluster
    )
    progress = Progress(out)
    if prune:
        session.require_set("--prune")
    raws = sort_objects(list(session.bundle.objects))
    changes: list[Change] = []
    planned: list[Planned] = []
    recorded = False
    for raw in raws:
        if not recorded and not _parent_namespace(session, raw):
            changes += _record(session, raws, dry_run=dry_run, progress=progress)
            recorded = True
        item = session.plan(raw, wait_for_crd=0.0 if dry_run else _CRD_WAIT)
        planned.append(item)
        ns = item.obj["metadata"].get("namespace") if item.resource is None or item.resource.namespaced else None
        if item.resource is None:
            change = Change(item.ref, "created", "its CustomResourceDefinition is not installed yet; not sent")
        elif ns and dry_run and not session.namespace_exists(ns):
            change = Change(item.ref, "created", f"namespace {ns} does not exist yet; not sent")
        else:
            if ns and not dry_run and (created := session.ensure_namespace(ns)):
                changes.append(created)
                progress.line(str(created))
            change = _apply_one(session, item, dry_run=dry_run, force=force_conflicts)
            if item.obj.get("kind") == "CustomResourceDefinition":
                for version in (item.obj.get("spec") or {}).get("versions") or []:
                    session.discovery.forget(f"{item.obj['spec'].get('group')}/{version.get('name')}")
        if change.action == "created" and item.obj.get("kind") == "Namespace":
            session.note_namespace(item.obj["metadata"]["name"], exists=not dry_run, ours=True)
        changes.append(change)
        progress.line(change.line(dry_run))
    if not recorded:
        changes += _record(session, raws, dry_run=dry_run, progress=progress)
    health = {}
    targets = [_target(p) for p in planned if p.resource is not None and _waits(p)]
    if wait and not dry_run and targets:
        progress.line(f"waiting up to {timeout:g}s for {len(targets)} objects to be ready")
        health = wait_for(session.cluster, targets, label=session.selector, timeout=timeout, progress=progress)
    if prune:
        pruned, staying = _prune(session, planned, dry_run=dry_run, progress=progress)
        changes += pruned
        if not dry_run:  # kubectl's Prune: narrow the parent to what the set holds now
            kinds = {aset.group_kind(str(p.obj["apiVersion"]), str(p.obj["kind"])) for p in planned} | staying
            session.write_parent(kinds, _namespaces(session, raws, recorded=False), dry_run=False)
    result = ApplyResult(session.name, tuple(changes), dry_run, tuple(health.items()))
    progress.line(result.summary())
    return result


def _parent_namespace(session: Session, raw: Mapping[str, Any]) -> bool:
    """Whether ``raw`` is the Namespace the parent lives in, which must exist before the parent."""
    a = session.applyset
    return a is not None and raw.get("kind") == "Namespace" and raw["metadata"].get("name") == a.namespace


def _namespaces(session: Session, raws: list[dict[str, Any]], *, recorded: bool) -> set[str]:
    """The namespaces of ``raws`` (namespaced or not yet served), plus those the parent records when ``recorded``."""
    found = set(session.parent.namespaces) if recorded else set()
    for raw in raws:
        resource = session.discovery.find(str(raw["apiVersion"]), str(raw["kind"]))
        if resource is None or resource.namespaced:
            found.add(str(raw["metadata"].get("namespace") or session.namespace))
    return found


def _record(session: Session, raws: list[dict[str, Any]], *, dry_run: bool, progress: Progress) -> list[Change]:
    """Apply the parent as the superset of what it records, what is applied now and old-label leftovers; adopt those.

    Returns the creation of the parent's namespace, when it was missing (the parent's own
    creation is shown, but not counted among the stack's changes).
    """
    if session.applyset is None:
        progress.line(f"{session.name}: applied without an ApplySet (no name): pass --name to be able to prune it")
        return []
    namespaces = _namespaces(session, raws, recorded=True) | {session.applyset.namespace}
    pairs = sorted({(str(r["apiVersion"]).rpartition("/")[0], str(r["kind"])) for r in raws})
    legacy = (
        list_legacy(session.cluster, session.discovery, session.applyset.name, pairs, namespaces)
        if session.legacy
        else []
    )
    kinds = {aset.group_kind(str(r["apiVersion"]), str(r["kind"])) for r in raws} | set(session.parent.group_kinds)
    kinds |= {aset.group_kind(live.resource.api_version, live.resource.kind) for live in legacy}
    namespaces |= {str(live.obj["metadata"].get("namespace")) for live in legacy if live.resource.namespaced}
    made = session.write_parent(kinds, namespaces, dry_run=dry_run)
    for change in made:
        progress.line(change.line(dry_run))
    for live in legacy:
        _adopt(session, live, dry_run=dry_run)
    return [c for c in made if c.obj != session.applyset.parent_ref]


def _adopt(session: Session, live: Live, *, dry_run: bool) -> None:
    """Label an object of the old ``k8slab.io/stack`` inventory ``part-of`` the set (its own field manager)."""
    assert session.applyset is not None
    meta = live.obj["metadata"]
    if (meta.get("labels") or {}).get(aset.PART_OF) == session.applyset.id:
        return
    target: dict[str, Any] = {"name": meta["name"], "labels": {aset.PART_OF: session.applyset.id}}
    if live.resource.namespaced:
        target["namespace"] = meta.get("namespace")
    body = {"apiVersion": live.resource.api_version, "kind": live.resource.kind, "metadata": target}
    query = {"fieldManager": aset.FIELD_MANAGER, **({"dryRun": "All"} if dry_run else {})}
    path = live.resource.path(meta.get("namespace"), meta["name"])
    session.cluster.request("PATCH", path, query=query, body=body, content_type=APPLY_PATCH, obj=live.ref)


_prune = prune  # the parameter named ``prune`` shadows the function inside ``apply``


def delete(
    target: Any,
    *,
    name: str | None = None,
    context: str | None = None,
    kubeconfig: str | Path | None = None,
    namespace: str | None = None,
    wait: bool = True,
    timeout: float = 300.0,
    dry_run: bool = False,
    output: TextIO | None = None,
    cluster: Cluster | None = None,
) -> ApplyResult:
    """Delete a stack's objects in reverse apply order: those it holds and any others labelled for it.

    An object of the same name without this stack's label is left alone (``skipped``). With
    ``wait``, returns once every deleted object is gone (watched, within ``timeout``).
    Arguments as for ``apply``.
    """
    session = open_session(
        target, name=name, namespace=namespace, context=context, kubeconfig=kubeconfig, cluster=cluster
    )
    applyset = session.require_set("delete")
    progress = Progress(sys.stderr if output is None else output)
    planned = [item for item in (session.plan(raw) for raw in session.bundle.objects) if item.resource is not None]
    entries: dict[tuple[str, str, str, str], Live] = {}
    for item in planned:
        assert item.resource is not None
        entries[identity(item.obj)] = Live(item.resource, item.obj)
    for live in session.members(planned):
        entries.setdefault(identity(live.obj), live)
    ordered = in_delete_order(entries.values())
    namespaces = [live for live in ordered if live.obj.get("kind") == "Namespace"]
    changes: list[Change] = []
    deleted: list[Live] = []

    def step(live: Live, kept: str | None = None) -> None:
        meta = live.obj["metadata"]
        current = session.cluster.get(live.resource.path(meta.get("namespace"), meta["name"]), obj=live.ref)
        if current is None:
            change = Change(live.ref, "absent")
        elif not session.is_member(current):
            change = Change(live.ref, "skipped", f"not in this set: it lacks the label {applyset.selector}")
        elif kept is not None or (live in namespaces and (kept := namespace_kept(session, meta["name"]))):
            change = Change(live.ref, "skipped", kept)
        else:
            delete_live(session, live, dry_run=dry_run)
            change = Change(live.ref, "deleted")
            deleted.append(live)
        changes.append(change)
        progress.line(change.line(dry_run))

    for live in ordered:
        if live not in namespaces:
            step(live)
    query = {"dryRun": "All"} if dry_run else {}
    if session.cluster.request("DELETE", applyset.parent_path, query=query, obj=applyset.parent_ref, missing_ok=True):
        progress.line(Change(applyset.parent_ref, "deleted", "the ApplySet parent").line(dry_run))
    for live in namespaces:
        step(live)
    if wait and not dry_run and deleted:
        targets = [
            Target(d.resource, d.obj["metadata"].get("namespace"), d.obj["metadata"]["name"], d.ref) for d in deleted
        ]
        progress.line(f"waiting up to {timeout:g}s for {len(targets)} objects to be gone")
        wait_for(session.cluster, targets, label=session.selector, timeout=timeout, progress=progress, gone=True)
    result = ApplyResult(session.name, tuple(changes), dry_run)
    progress.line(result.summary())
    return result
