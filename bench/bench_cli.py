"""Edit-loop benchmark: how long a user waits for ``k8slab --help``, ``validate`` and ``synth``.

Whole processes, timed from the outside, median of ``--repeat`` rounds with the spread
(min-max), against issue 14's goals:

- ``k8slab --help``: at most 0.10 s;
- ``k8slab validate examples/expected/lab.k8s.yaml`` (14 objects): at most 0.12 s;
- ``k8slab synth examples/lab.py`` (14 objects, through cdk8s): at most 0.35 s.

With ``--baseline REF`` (e.g. ``main``) the same commands run from that git ref's tree too,
alternating with this tree's one round at a time, and both columns are printed.

    .venv/bin/python bench/bench_cli.py [--repeat 7] [--baseline main]
"""

from __future__ import annotations

import argparse
import tempfile

from _procs import ROOT, baseline_tree, environment, load, median, run, spread

CASES = [
    ("k8slab --help", ["k8slab.cli", "--help"], 0.10),
    ("k8slab validate lab.k8s.yaml", ["k8slab.cli", "validate", "examples/expected/lab.k8s.yaml"], 0.12),
    ("k8slab synth examples/lab.py", ["k8slab.cli", "synth", "examples/lab.py", "-o", "{out}"], 0.35),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7, help="rounds; the median is kept (default 7)")
    parser.add_argument("--baseline", metavar="REF", help="also time the tree of this git ref, alternating")
    args = parser.parse_args()

    sides = {"this tree": environment(None)}
    if args.baseline:
        sides = {args.baseline: environment(baseline_tree(args.baseline)), **sides}
    times: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as out:
        for label, argv, _ in CASES:
            argv = [a.format(out=f"{out}/{label.split()[1]}") for a in argv]
            for env in sides.values():
                run(argv, env, ROOT, module=True)  # warm-up: bytecode cache, jsii's package cache
            for _ in range(args.repeat):
                for side, env in sides.items():
                    times.setdefault((label, side), []).append(run(argv, env, ROOT, module=True).seconds)

    print(f"Edit loop, whole processes: median of {args.repeat} (min-max); {load()}")
    head = f"  {'':30} {'goal':>7}" + "".join(f"  {side:>20}" for side in sides)
    print(head)
    for label, _, goal in CASES:
        cells = "".join(f"  {median(times[label, s]):>6.3f} s ({spread(times[label, s], 2):>9})" for s in sides)
        ours = median(times[label, "this tree"])
        verdict = "met" if ours <= goal else "not met"
        print(f"  {label:30} {goal:>5.2f} s{cells}  {verdict}")


if __name__ == "__main__":
    main()
