"""Benchmark k8slab's SchemaValidator against kubernetes_validate on the same documents.

Validates N documents (a cycle of valid and schema-invalid Deployments, Services, ConfigMaps,
Secrets, StatefulSets and NetworkPolicies) with both, then prints the time per document of
each, the speed ratio and how often the two agree on the verdict (valid / invalid).

    .venv/bin/python bench/bench_schema.py [-n 2000] [--kube-version 1.33]
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:
    import k8slab  # noqa: F401
except ImportError:  # running from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import kubernetes_validate

from k8slab.validation.schema import SchemaValidator

Doc = dict[str, Any]


def _pod_spec(name: str) -> Doc:
    return {
        "securityContext": {"runAsNonRoot": True, "runAsUser": 1000, "seccompProfile": {"type": "RuntimeDefault"}},
        "containers": [
            {
                "name": name,
                "image": f"example/{name}:1.0",
                "ports": [{"containerPort": 8080, "name": "http", "protocol": "TCP"}],
                "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"cpu": 1, "memory": "256Mi"}},
                "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http"}, "periodSeconds": 10},
                "readinessProbe": {"httpGet": {"path": "/ready", "port": 8080}},
                "env": [{"name": "MODE", "value": "prod"}],
                "securityContext": {"allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]}},
            }
        ],
    }


def valid_documents() -> list[Doc]:
    """One valid document of each benchmarked kind."""
    labels = {"app": "web"}
    template = {"metadata": {"labels": labels}, "spec": _pod_spec("web")}
    return [
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "web", "labels": labels},
            "spec": {"replicas": 2, "selector": {"matchLabels": labels}, "template": template},
        },
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "web"},
            "spec": {"selector": labels, "ports": [{"name": "http", "port": 80, "targetPort": "http"}]},
        },
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg"}, "data": {"app.conf": "x=1"}},
        {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "type": "Opaque", "data": {"k": "dg=="}},
        {
            "apiVersion": "apps/v1",
            "kind": "StatefulSet",
            "metadata": {"name": "db"},
            "spec": {"serviceName": "db", "selector": {"matchLabels": labels}, "template": template},
        },
        {
            "apiVersion": "networking.k8s.io/v1",
            "kind": "NetworkPolicy",
            "metadata": {"name": "web"},
            "spec": {"podSelector": {"matchLabels": labels}, "ingress": [{"ports": [{"port": 8080}]}]},
        },
    ]


def _break(doc: Doc, how: int) -> Doc:
    """A schema-invalid copy of ``doc``: unknown field, wrong type or missing required field."""
    bad = copy.deepcopy(doc)
    kind = bad["kind"]
    if how == 0:
        bad.get("spec", bad)["bogusField"] = 1
    elif how == 1:
        bad["metadata"]["labels"] = {"tier": 3}
    elif kind in ("Deployment", "StatefulSet"):
        del bad["spec"]["template"]["spec"]["containers"][0]["name"]
    elif kind == "Service":
        del bad["spec"]["ports"][0]["port"]
    elif kind == "NetworkPolicy":
        bad["spec"]["ingress"][0]["ports"][0]["port"] = [8080]
    else:
        bad["data"] = {"k": 1}
    return bad


def documents(n: int) -> list[Doc]:
    """``n`` documents cycling through valid ones and three broken variants of each."""
    pool = [*valid_documents()]
    for how in range(3):
        pool += [_break(doc, how) for doc in valid_documents()]
    return [pool[i % len(pool)] for i in range(n)]


def timed(check: Callable[[Doc], bool], docs: list[Doc]) -> tuple[float, list[bool]]:
    """Seconds per document of ``check`` over ``docs``, and its verdicts."""
    start = time.perf_counter()
    verdicts = [check(doc) for doc in docs]
    return (time.perf_counter() - start) / len(docs), verdicts


def kv_valid(doc: Doc, kube_version: str) -> bool:
    """kubernetes-validate's strict verdict on ``doc``."""
    try:
        kubernetes_validate.validate(doc, f"{kube_version}.0", strict=True)
    except kubernetes_validate.ValidationError:
        return False
    return True


def main() -> None:
    """Run the benchmark and print the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2000, help="number of documents (default 2000)")
    parser.add_argument("--kube-version", default="1.33")
    args = parser.parse_args()
    docs = documents(args.n)

    ours = SchemaValidator(args.kube_version)
    start = time.perf_counter()
    ours.problems(docs[0])
    first = time.perf_counter() - start
    for doc in docs[:24]:  # warm-up: compile every kind once
        ours.problems(doc)

    def k8slab_valid(doc: Doc) -> bool:
        return ours.problems(doc) == []

    our_time, our_verdicts = timed(k8slab_valid, docs)
    kv_time, kv_verdicts = timed(lambda doc: kv_valid(doc, args.kube_version), docs)

    valid_docs = [doc for doc, ok in zip(docs, our_verdicts, strict=True) if ok]
    invalid_docs = [doc for doc, ok in zip(docs, our_verdicts, strict=True) if not ok]
    our_valid_time = timed(k8slab_valid, valid_docs)[0] if valid_docs else 0.0
    our_invalid_time = timed(k8slab_valid, invalid_docs)[0] if invalid_docs else 0.0

    agree = sum(a == b for a, b in zip(our_verdicts, kv_verdicts, strict=True))
    invalid = our_verdicts.count(False)
    print(f"documents:            {len(docs)} ({len(docs) - invalid} valid, {invalid} invalid per k8slab)")
    print(f"k8slab first call:    {first * 1e3:.1f} ms (loads definitions, compiles Deployment)")
    print(f"k8slab:               {our_time * 1e6:.1f} us/doc")
    print(f"  valid docs only:    {our_valid_time * 1e6:.1f} us/doc")
    print(f"  invalid docs only:  {our_invalid_time * 1e6:.1f} us/doc (collects every problem)")
    print(f"kubernetes_validate:  {kv_time * 1e6:.1f} us/doc")
    print(f"speed ratio:          {kv_time / our_time:.0f}x")
    print(f"verdict agreement:    {agree}/{len(docs)} ({agree / len(docs):.1%})")
    for doc, a, b in zip(docs, our_verdicts, kv_verdicts, strict=True):
        if a != b:
            print(f"  disagree on {doc['kind']}: k8slab valid={a}, kubernetes_validate valid={b}")


if __name__ == "__main__":
    main()
