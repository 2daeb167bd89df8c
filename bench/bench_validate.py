"""Benchmark k8slab's full validation (schema + API-server rules) against kubernetes-validate.

Reuses bench_schema's documents (valid ones and schema-broken variants of six kinds) and adds
variants that only the API server's rules reject (port 70000, CPU "500 m", a selector that does
not match its template, Secret data that is not base64 ...). On the same documents, in one run:

- time per document of k8slab's full validation and of kubernetes-validate (strict, same version),
  and the speed ratio;
- agreement of the two on schema verdicts (k8slab's schema check against kubernetes-validate),
  and how many documents only the rules reject;
- the time k8slab takes for 10,000 documents: validation alone, and `k8slab validate`'s whole
  path (parse the YAML stream, number the documents, validate).

    .venv/bin/python bench/bench_validate.py [-n 1000] [--big 10000] [--kube-version 1.33]
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
try:
    import k8slab  # noqa: F401
except ImportError:  # running from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import bench_schema
import yaml

from k8slab.validation.documents import parse_text
from k8slab.validation.engine import check_object
from k8slab.validation.schema import validator_for

Doc = dict[str, Any]


def _rule_breakers() -> list[Callable[[Doc], None]]:
    """Changes that keep a document schema-valid but make the API server reject it."""

    def container(doc: Doc) -> Doc:
        return doc["spec"]["template"]["spec"]["containers"][0]  # type: ignore[no-any-return]

    return [
        lambda d: container(d)["ports"][0].update(containerPort=70000),
        lambda d: container(d)["resources"]["requests"].update(cpu="500 m"),
        lambda d: d["spec"]["selector"].update(matchLabels={"app": "other"}),  # a new dict: the template keeps its own
        lambda d: d["metadata"].update(name="Web_App"),
        lambda d: container(d).update(env=[{"name": "A", "value": "x", "valueFrom": {"fieldRef": {"fieldPath": "x"}}}]),
    ]


def rule_invalid_documents() -> list[Doc]:
    """Schema-valid documents that only the API server's rules reject."""
    valid = {d["kind"]: d for d in bench_schema.valid_documents()}
    docs = []
    for kind in ("Deployment", "StatefulSet"):
        for breaker in _rule_breakers():
            doc = copy.deepcopy(valid[kind])
            breaker(doc)
            docs.append(doc)
    secret = copy.deepcopy(valid["Secret"])
    secret["data"]["k"] = "not base64!"
    config = copy.deepcopy(valid["ConfigMap"])
    config["data"] = {"conf/app.yaml": "x"}
    service = copy.deepcopy(valid["Service"])
    service["spec"]["ports"].append({"port": 443})
    return [*docs, secret, config, service]


def documents(n: int) -> list[Doc]:
    """``n`` documents: bench_schema's cycle (valid and schema-broken) interleaved with rule-broken ones."""
    pool = bench_schema.documents(24) + rule_invalid_documents()
    return [pool[i % len(pool)] for i in range(n)]


def main() -> None:
    """Run the benchmark and print the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="documents compared with kubernetes-validate (default 1000)")
    parser.add_argument("--big", type=int, default=10000, help="documents in the large k8slab-only run (default 10000)")
    parser.add_argument("--kube-version", default="1.33")
    args = parser.parse_args()
    version = args.kube_version
    docs = documents(args.n)
    schema = validator_for(version)
    for doc in docs[:60]:  # warm-up: compile every kind once, load rule caches
        check_object(doc, kube_version=version)
        schema.problems(doc)

    def full_valid(doc: Doc) -> bool:
        return check_object(doc, kube_version=version) == []

    def schema_valid(doc: Doc) -> bool:
        return schema.problems(doc) == []

    full_time, full = bench_schema.timed(full_valid, docs)
    schema_time, ours = bench_schema.timed(schema_valid, docs)
    kv_time, theirs = bench_schema.timed(lambda doc: bench_schema.kv_valid(doc, version), docs)
    agree = sum(a == b for a, b in zip(ours, theirs, strict=True))
    rules_only = sum(s and not f for s, f in zip(ours, full, strict=True))

    big = documents(args.big)
    start = time.perf_counter()
    for doc in big:
        check_object(doc, kube_version=version)
    big_time = time.perf_counter() - start
    stream = yaml.safe_dump_all(big, sort_keys=False)
    start = time.perf_counter()
    parsed, error = parse_text("bench.yaml", stream)
    for d in parsed:
        check_object(d.body, kube_version=version)
    cli_time = time.perf_counter() - start
    assert error is None and len(parsed) == len(big)

    print(f"documents:                  {len(docs)} ({full.count(True)} valid per k8slab, {theirs.count(True)} per kv)")
    print(f"k8slab full validation:     {full_time * 1e6:8.1f} us/doc (schema + API-server rules)")
    print(f"  schema only:              {schema_time * 1e6:8.1f} us/doc")
    print(f"kubernetes-validate strict: {kv_time * 1e6:8.1f} us/doc")
    print(f"speed ratio (full vs kv):   {kv_time / full_time:8.0f}x")
    print(f"schema verdict agreement:   {agree}/{len(docs)} ({agree / len(docs):.1%})")
    print(f"rejected by the rules only: {rules_only}/{len(docs)} (kubernetes-validate passes all of them)")
    print(f"{args.big} documents, validation:        {big_time:6.2f} s")
    print(f"{args.big} documents, YAML + validation: {cli_time:6.2f} s ({len(stream) / 1e6:.1f} MB of YAML)")
    for doc, a, b in zip(docs, ours, theirs, strict=True):
        if a != b:
            print(f"  disagree on {doc['kind']}: k8slab schema valid={a}, kubernetes-validate valid={b}")


if __name__ == "__main__":
    main()
