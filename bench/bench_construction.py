"""Construction implies validity, over many generated inputs: counts of tries, constructed and violations.

Runs the property of ``tests/test_construction_properties.py`` (the strategies of
``tests/fuzzing.py``, derived from each builder's pydantic fields) with many more examples,
and counts instead of stopping at the first violation. The goal is 0 violations.

    .venv/bin/python bench/bench_construction.py -n 2000 [--official]

``--official`` also checks every valid input's objects with kubernetes-validate (slow);
``--every-version`` checks each input at every supported Kubernetes version instead of one drawn.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import kubernetes_validate
from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from k8slab.validation.schema import supported_versions
from tests.fuzzing import BUILDERS, Outcome, arguments, attempt, kube_versions


def _official_problem(objects: tuple[dict[str, Any], ...], kube_version: str) -> str | None:
    """kubernetes-validate's first complaint about valid objects, if any (custom kinds are skipped)."""
    for obj in objects:
        try:
            kubernetes_validate.validate(obj, f"{kube_version}.0", strict=True)
        except kubernetes_validate.SchemaNotFoundError:
            continue
        except kubernetes_validate.ValidationError as err:
            return f"kubernetes-validate refuses {obj.get('kind')}: {str(err).splitlines()[0][:200]}"
    return None


def _property(
    cls: type,
    n: int,
    official: bool,
    every_version: bool,
    counts: Counter[tuple[str, str]],
    violations: dict[str, list[str]],
) -> Callable[[], None]:
    """The property for one builder, counting verdicts instead of failing."""

    versions = supported_versions()

    @settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(arguments(cls), kube_versions())
    def run(kwargs: dict[str, Any], kube_version: str) -> None:
        outcome = attempt(cls, kwargs, versions if every_version else kube_version)
        if outcome.verdict == "constructed" and official:
            problem = _official_problem(outcome.objects, kube_version)
            if problem is not None:
                outcome = Outcome("violation", problem)
        counts[(cls.__name__, outcome.verdict)] += 1
        if outcome.verdict == "violation":
            violations[cls.__name__].append(outcome.detail.splitlines()[0][:300])

    return run


def main() -> None:
    """Run the property for each builder and print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="examples per builder (default 1000)")
    parser.add_argument("--only", nargs="*", default=(), help="builder names to run (default: all)")
    parser.add_argument("--official", action="store_true", help="also check every valid input with kubernetes-validate")
    parser.add_argument(
        "--every-version", action="store_true", help="check each input at every supported version, not one drawn"
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    counts: Counter[tuple[str, str]] = Counter()
    violations: dict[str, list[str]] = defaultdict(list)
    start = time.perf_counter()
    for cls in BUILDERS:
        if args.only and cls.__name__ not in args.only:
            continue

        _property(cls, args.n, args.official, args.every_version, counts, violations)()
        row = {v: counts[(cls.__name__, v)] for v in ("refused", "constructed", "violation")}
        print(f"{cls.__name__:20} tries {sum(row.values()):6}  constructed {row['constructed']:6}  "
              f"violations {row['violation']}", flush=True)  # fmt: skip
    tries = sum(counts.values())
    constructed = sum(c for (_, v), c in counts.items() if v == "constructed")
    bad = sum(c for (_, v), c in counts.items() if v == "violation")
    print(f"total: tries {tries}, constructed {constructed}, violations {bad} ({time.perf_counter() - start:.0f} s)")
    for name, details in violations.items():
        print(f"-- {name}: {len(details)} violations, e.g.")
        for detail in list(dict.fromkeys(details))[:5]:
            print(f"   {detail}")


if __name__ == "__main__":
    main()
