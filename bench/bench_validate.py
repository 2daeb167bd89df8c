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

``--mode cli`` times the two commands as a user runs them (issue 11, goal 1): whole processes
of ``k8slab validate`` and ``kubernetes-validate --strict``, each on one file of 500 and one of
3,000 Deployments, alternated, ``--repeat`` rounds, medians. The marginal cost per document,
(t(3000) - t(500)) / 2500, cancels the start-up; the script prints it for both and the ratio.

``--mode crds`` times one process over a CRD-heavy set built offline (issue 11, goal 2): the
CRDs and examples of ``shared/crds``, the repository's real-world fixtures (rendered charts in
the style of the community charts), and ``helm template`` of ``helm create`` (ingress and
autoscaling on) and of the warehouse chart with ``--include-crds``. It prints ms per document.

    .venv/bin/python bench/bench_validate.py [-n 1000] [--big 10000] [--kube-version 1.33]
    .venv/bin/python bench/bench_validate.py --mode cli [--repeat 3]
    .venv/bin/python bench/bench_validate.py --mode crds [--repeat 5]
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
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


class _NoAliases(yaml.SafeDumper):
    """Writes every value out, as Helm and kubectl do (no ``&id001`` anchors)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def deployments(n: int) -> str:
    """A YAML stream of ``n`` valid Deployments, named apart."""
    template = bench_schema.valid_documents()[0]
    docs = []
    for i in range(n):
        doc = copy.deepcopy(template)
        doc["metadata"]["name"] = f"web-{i}"
        docs.append(doc)
    return yaml.dump_all(docs, Dumper=_NoAliases, sort_keys=False)


def _kubernetes_validate() -> str:
    """The kubernetes-validate script of this Python's environment."""
    beside = Path(sys.executable).parent / "kubernetes-validate"
    found = str(beside) if beside.exists() else shutil.which("kubernetes-validate")
    if found is None:
        raise SystemExit("kubernetes-validate is not installed (pip install -e '.[dev]')")
    return found


def _wall(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds one whole process takes, wall clock and CPU (its own and its children's); it must exit 0."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}\n{(done.stdout + done.stderr)[-2000:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu


def cli_mode(args: argparse.Namespace) -> None:
    """Goal 1: marginal cost per document of the two commands, whole processes, one run."""
    from _procs import environment, load

    small, large = args.small, args.large
    env = environment(None)
    kv_version = f"{args.kube_version}.0"
    with tempfile.TemporaryDirectory() as tmp:
        files = {n: Path(tmp) / f"deployments-{n}.yaml" for n in (small, large)}
        for n, path in files.items():
            path.write_text(deployments(n))
        tools = {
            "k8slab validate": lambda f: [
                sys.executable,
                "-m",
                "k8slab.cli",
                "validate",
                "--kube-version",
                args.kube_version,
                str(f),
            ],
            "kubernetes-validate --strict": lambda f: [_kubernetes_validate(), "--strict", "-k", kv_version, str(f)],
        }
        for make in tools.values():  # warm-up: bytecode caches, the file cache
            _wall(make(files[small]), env)
        times: dict[tuple[str, int], list[float]] = {}
        cpus: dict[tuple[str, int], list[float]] = {}
        for _ in range(args.repeat):
            for tool, make in tools.items():
                for n, path in files.items():
                    wall, cpu = _wall(make(path), env)
                    times.setdefault((tool, n), []).append(wall)
                    cpus.setdefault((tool, n), []).append(cpu)
    print(f"Whole processes, median of {args.repeat} rounds (min-max); {load()} before the last round")
    marginal, marginal_cpu = {}, {}
    for tool in tools:
        t_small, t_large = (statistics.median(times[tool, n]) for n in (small, large))
        c_small, c_large = (statistics.median(cpus[tool, n]) for n in (small, large))
        marginal[tool] = (t_large - t_small) / (large - small)
        marginal_cpu[tool] = (c_large - c_small) / (large - small)
        spread = {n: f"{min(times[tool, n]):.2f}-{max(times[tool, n]):.2f}" for n in (small, large)}
        print(
            f"  {tool:30} {small}: {t_small:6.2f} s ({spread[small]})  {large}: {t_large:6.2f} s ({spread[large]})"
            f"  marginal {marginal[tool] * 1e3:7.3f} ms/doc (CPU {marginal_cpu[tool] * 1e3:.3f})"
        )
    ours, theirs = marginal["k8slab validate"], marginal["kubernetes-validate --strict"]
    verdict = "met" if theirs / ours >= 100 else "not met"
    print(f"  marginal cost ratio kubernetes-validate / k8slab: {theirs / ours:.0f}x (goal: at least 100x, {verdict})")
    cpu_ratio = marginal_cpu["kubernetes-validate --strict"] / marginal_cpu["k8slab validate"]
    print(f"  the same in CPU time (both processes of k8slab counted): {cpu_ratio:.0f}x")


def crd_set(root: Path) -> list[Path]:
    """A CRD-heavy real-world set, built offline in ``root``: shared CRDs and examples, rendered charts."""
    repo = Path(__file__).resolve().parents[1]
    shared = next((p / "shared" / "crds" for p in repo.parents if (p / "shared" / "crds").is_dir()), None)
    paths = [] if shared is None else [shared]
    paths += sorted(
        p
        for p in (repo / "tests" / "fixtures" / "validate" / "valid").glob("*.yaml")
        if p.name.startswith(("helm", "community-"))
    )
    helm = repo / ".tools" / "bin" / "helm"
    if helm.exists():
        run = {"cwd": root, "check": True, "capture_output": True, "text": True, "timeout": 120}
        subprocess.run([str(helm), "create", "demo"], **run)  # type: ignore[call-overload]
        charts = [
            ("demo", root / "demo", ["--set", "ingress.enabled=true", "--set", "autoscaling.enabled=true"]),
            ("warehouse", repo / "tests" / "fixtures" / "charts" / "warehouse", ["--include-crds"]),
        ]
        for name, chart, extra in charts:
            out = subprocess.run([str(helm), "template", name, str(chart), *extra], **run).stdout  # type: ignore[call-overload]
            (root / f"rendered-{name}.yaml").write_text(out)
            paths.append(root / f"rendered-{name}.yaml")
    return paths


def crds_mode(args: argparse.Namespace) -> None:
    """Goal 2: ms per document of ``k8slab validate`` over the CRD-heavy set, in one process."""
    from _procs import load

    from k8slab.cli import main as cli_main
    from k8slab.validation.documents import load_paths

    with tempfile.TemporaryDirectory() as tmp:
        paths = [str(p) for p in crd_set(Path(tmp))]
        documents, errors = load_paths(paths)
        assert not errors, errors
        count = sum(d.body is not None for d in documents)
        crds = sum(isinstance(d.body, dict) and d.body.get("kind") == "CustomResourceDefinition" for d in documents)
        command = ["validate", "--kube-version", args.kube_version, *paths]
        out = io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = cli_main(command)  # the first run: definitions loaded, every kind's validator compiled
        first = time.perf_counter() - start
        again = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                cli_main(command)
            again.append(time.perf_counter() - start)
        size = sum(os.path.getsize(f) for f in _files(paths))
    print(f"CRD-heavy set: {count} documents ({crds} CRDs, {size / 1e6:.1f} MB) in {len(paths)} paths; {load()}")
    print(f"  k8slab validate exit {code}: {out.getvalue().splitlines()[-1] if out.getvalue() else ''}")
    print(f"  one process, first run (imports done):  {first / count * 1e3:6.3f} ms/doc ({first:.2f} s)")
    warm = statistics.median(again)
    print(f"  same process, later runs (median of {args.repeat}): {warm / count * 1e3:6.3f} ms/doc ({warm:.2f} s)")
    verdict = "met" if first / count <= 0.5e-3 else "not met"
    print(f"  goal: at most 0.5 ms/doc in one process: {verdict}")


def _files(paths: list[str]) -> list[str]:
    out = []
    for p in paths:
        if os.path.isdir(p):
            out += [os.path.join(r, n) for r, _, ns in os.walk(p) for n in ns if n.endswith((".yaml", ".yml", ".json"))]
        else:
            out.append(p)
    return out


def main() -> None:
    """Run the benchmark and print the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--mode", choices=("inside", "cli", "crds"), default="inside", help="what to time (default inside)"
    )
    parser.add_argument("-n", type=int, default=1000, help="documents compared with kubernetes-validate (default 1000)")
    parser.add_argument("--big", type=int, default=10000, help="documents in the large k8slab-only run (default 10000)")
    parser.add_argument(
        "--small", type=int, default=500, help="--mode cli: Deployments in the small file (default 500)"
    )
    parser.add_argument(
        "--large", type=int, default=3000, help="--mode cli: Deployments in the large file (default 3000)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="--mode cli and crds: rounds, medians kept (default 3)")
    parser.add_argument("--kube-version", default="1.33")
    args = parser.parse_args()
    if args.mode == "cli":
        cli_mode(args)
        return
    if args.mode == "crds":
        crds_mode(args)
        return
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
