"""Benchmark the CEL rules of the Gateway API CRDs over the Gateway API examples.

Prints how many ``x-kubernetes-validations`` rules of the served versions compile, then the
time per custom resource of the whole check (defaults, schema, list types, CEL rules) and of
its CEL part alone, over every Gateway API object in ``../shared/crds/gateway-api/examples``.
With ``--compare`` (needs ``pip install cel-python``) the same rules are also compiled and
evaluated with cel-python, the pure-Python alternative, and the speed ratio is printed.

    .venv/bin/python bench/bench_cel.py [--rounds 20] [--compare] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

try:
    import k8slab  # noqa: F401
except ImportError:  # running from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import yaml

from k8slab.validation.cel import CelValidator
from k8slab.validation.crds import load_crd_file
from k8slab.validation.schema import SchemaValidator
from k8slab.validation.structural import defaulted

Key = tuple[str, str]


def _schemas(folder: Path) -> dict[Key, Mapping[str, Any]]:
    found: dict[Key, Mapping[str, Any]] = {}
    for crd in load_crd_file(folder):
        spec = crd["spec"]
        for version in spec["versions"]:
            if version.get("served", True):
                key = (f"{spec['group']}/{version['name']}", spec["names"]["kind"])
                found[key] = version["schema"]["openAPIV3Schema"]
    return found


def _shared() -> Path:
    """``../shared`` beside the repository; in a git worktree, beside the main checkout."""
    repo = Path(__file__).resolve().parents[1]
    if (repo.parent / "shared").is_dir():
        return repo.parent / "shared"
    common = subprocess.run(["git", "rev-parse", "--git-common-dir"], cwd=repo, capture_output=True, text=True)
    return (repo / common.stdout.strip()).resolve().parent.parent / "shared"


def _timed(function: Callable[[], object], rounds: int) -> float:
    """Seconds per call, the best of three batches of ``rounds`` calls."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(rounds):
            function()
        best = min(best, (time.perf_counter() - start) / rounds)
    return best


def _compare(validators: dict[Key, CelValidator], objects: list[tuple[Key, dict[str, Any]]], rounds: int) -> None:
    """Compile and run the same rules with cel-python; print what compiles and the speed ratio."""
    try:
        import celpy
    except ImportError:
        print("cel-python is not installed: pip install cel-python to compare")
        return
    from k8slab.validation.cel.validator import Context, _Run, compile_program
    from k8slab.validation.cel.values import to_cel_root

    env = celpy.Environment()
    rules = {r.source for v in validators.values() for r in v.rules}
    compiled = {}
    for source in rules:
        try:
            compiled[source] = env.program(env.compile(source))
        except Exception:
            continue
    print(f"cel-python: {len(compiled)}/{len(rules)} distinct rules compile")
    cases: list[tuple[Any, Any]] = []

    class Recorder(_Run):
        def rules(self, node: Any, value: Any, path: Any) -> None:
            cases.extend((r, value) for r in node.rules if r.source in compiled and not r.uses_old_self)

    for key, raw in objects:
        schema = validators[key]._schema
        root, obj = validators[key]._root, defaulted(raw, schema)
        if root is not None:
            Recorder().walk(root, obj, to_cel_root(obj, schema), [])
    theirs, ours, failing = [], [], 0
    for rule, value in cases:
        program, activation = compiled[rule.source], {"self": celpy.json_to_cel(value)}
        try:
            program.evaluate(activation)
        except Exception:
            failing += 1
            continue
        theirs.append((program, activation))
        ours.append((compile_program(rule.source), value, rule.functions))
    print(f"cel-python: {failing}/{len(cases)} evaluations fail (functions it lacks, such as isIP); timed on the rest")
    # As the validator does: a context per value, with only the library functions the rule calls.
    rust = _timed(lambda: [p.execute(Context(variables={"self": v}, functions=f)) for p, v, f in ours], rounds)
    python = _timed(lambda: [p.evaluate(a) for p, a in theirs], max(rounds // 10, 1))
    n = max(len(ours), 1)
    print(f"rule evaluations over the examples: {len(cases)}")
    print(f"common-expression-language: {rust / n * 1e6:8.1f} µs per evaluation")
    print(f"cel-python:                 {python / n * 1e6:8.1f} µs per evaluation")
    print(f"ratio: common-expression-language is {python / rust:.0f}x faster")


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20, help="passes over the examples per batch (default 20)")
    parser.add_argument("--compare", action="store_true", help="also time cel-python on the same rules")
    parser.add_argument("--shared", type=Path, default=_shared(), help="the shared/ folder (default: ../shared)")
    args = parser.parse_args()
    gateway = args.shared / "crds" / "gateway-api"
    schemas = _schemas(gateway)
    started = time.perf_counter()
    validators = {key: CelValidator(schema) for key, schema in schemas.items()}
    compile_time = time.perf_counter() - started
    rules = [r for v in validators.values() for r in v.rules]
    compiled = [r for r in rules if r.error is None]
    print(f"rules compiled: {len(compiled)}/{len(rules)} in {compile_time * 1000:.1f} ms ({len(schemas)} CRD versions)")
    print(f"transition rules (skipped on create): {sum(r.uses_old_self for r in rules)}")

    objects: list[tuple[Key, dict[str, Any]]] = []
    for path in sorted((gateway / "examples").rglob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if isinstance(doc, dict) and (doc.get("apiVersion"), doc.get("kind")) in validators:
                objects.append(((doc["apiVersion"], doc["kind"]), doc))
    validator = SchemaValidator()
    for crd in load_crd_file(gateway):
        validator.add_crd(crd)
    assert all(validator.problems(obj) == [] for _, obj in objects), "an example was refused"
    prepared = [(validators[key], defaulted(obj, schemas[key])) for key, obj in objects]

    whole = _timed(lambda: [validator.problems(obj) for _, obj in objects], args.rounds)
    cel = _timed(lambda: [v.problems(obj) for v, obj in prepared], args.rounds)
    n = len(objects)
    print(f"custom resources: {n}")
    print(f"whole check (defaults, schema, list types, CEL): {whole / n * 1000:.3f} ms per custom resource")
    print(f"CEL rules alone:                                 {cel / n * 1000:.3f} ms per custom resource")
    print(f"CEL share of the whole check: {cel / whole:.0%}")
    if args.compare:
        _compare(validators, objects, args.rounds)


if __name__ == "__main__":
    main()
