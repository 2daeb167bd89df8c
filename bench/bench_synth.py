"""Synthesis benchmark: k8slab (build + validate + cdk8s synth) against cdk8s-plus (build + synth).

Both sides write N Apps: k8slab N ``App``s (Deployment + Service each; NetworkPolicy off so that
the object count is equal, no Namespace), validated against the strict schema and the cross-checks
and written through cdk8s; cdk8s-plus-33 N Deployments, each exposed by a Service.

``--mode whole`` (the default, the headline figure) times what the user waits for: whole
processes, ``k8slab synth prog.py`` against ``python plus.py`` (a cdk8s-plus app doing
``app.synth()``), alternated one round at a time, each round's ratio kept; it prints the median
ratio and the spread (min-max), against issue 14's goal (at most 0.50). Then, unless
``--no-scaling``, ``k8slab synth`` of 10 N Apps: seconds, the peak RSS of the Python process and
of its children (Node, worker processes), and the scaling ratio 10N / N (goals: 5,000 Apps in at
most 3 s and 250 MB, ratio at most 10). ``--baseline REF`` adds the k8slab of that git ref.

``--mode inside`` is the older measure: the work after the imports, timed inside each process.

    .venv/bin/python bench/bench_synth.py                       # N = 500, then 5,000
    .venv/bin/python bench/bench_synth.py --repeat 7 --baseline main
    .venv/bin/python bench/bench_synth.py --mode inside -n 100 --no-scaling
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _procs import Run, baseline_tree, environment, load, median, run, spread

K8SLAB = """
import json, sys, tempfile, time
import k8slab as kl
n = int(sys.argv[1])
start = time.perf_counter()
sec = kl.Security(network_policy=False, reason="benchmark: equal object count")
apps = [kl.App(f"app-{i}", image="nginx:1.27", port=8080, security=sec) for i in range(n)]
stack = kl.Stack("bench", *apps, namespace="bench", create_namespace=False)
with tempfile.TemporaryDirectory() as out:
    files = stack.synth(out)
    size = files[0].stat().st_size
print(json.dumps({"seconds": time.perf_counter() - start, "bytes": size}))
"""

CDK8S_PLUS = """
import json, sys, tempfile, time, os
from k8slab.render.node import ensure_node
ensure_node()
import cdk8s, cdk8s_plus_33 as kplus
n = int(sys.argv[1])
start = time.perf_counter()
with tempfile.TemporaryDirectory() as out:
    app = cdk8s.App(outdir=out)
    chart = cdk8s.Chart(app, "bench", namespace="bench")
    for i in range(n):
        d = kplus.Deployment(chart, f"app-{i}", containers=[kplus.ContainerProps(image="nginx:1.27", port_number=8080)])
        d.expose_via_service(ports=[kplus.ServicePort(port=8080)])
    app.synth()
    size = os.path.getsize(os.path.join(out, "bench.k8s.yaml"))
print(json.dumps({"seconds": time.perf_counter() - start, "bytes": size}))
"""


def measure(code: str, n: int, repeat: int) -> float:
    """Median wall time over ``repeat`` fresh processes (import time excluded)."""
    times = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", code, str(n)], capture_output=True, text=True, check=True)
        times.append(json.loads(done.stdout.strip().splitlines()[-1])["seconds"])
    return statistics.median(times)


PROGRAM = """
import os
import k8slab as kl

n = int(os.environ["BENCH_APPS"])
sec = kl.Security(network_policy=False, reason="benchmark: equal object count")
apps = [kl.App(f"app-{i}", image="nginx:1.27", port=8080, security=sec) for i in range(n)]
stack = kl.Stack("bench", *apps, namespace="bench", create_namespace=False)
"""

PLUS_PROGRAM = """
import os, sys
from k8slab.render.node import ensure_node

ensure_node()  # the same Node 24 as k8slab's
import cdk8s, cdk8s_plus_33 as kplus

n = int(os.environ["BENCH_APPS"])
app = cdk8s.App(outdir=sys.argv[1])
chart = cdk8s.Chart(app, "bench", namespace="bench")
for i in range(n):
    d = kplus.Deployment(chart, f"app-{i}", containers=[kplus.ContainerProps(image="nginx:1.27", port_number=8080)])
    d.expose_via_service(ports=[kplus.ServicePort(port=8080)])
app.synth()
"""


def _count(path: Path) -> int:
    return sum(1 for line in path.read_text().splitlines() if line.startswith("kind: "))


def whole(args: argparse.Namespace) -> None:
    """Whole processes, alternated: the ratio k8slab / cdk8s-plus per round, its median and spread."""
    sides = {"k8slab": environment(None)}
    if args.baseline:
        sides[f"k8slab ({args.baseline})"] = environment(baseline_tree(args.baseline))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "prog.py").write_text(PROGRAM)
        (work / "plus.py").write_text(PLUS_PROGRAM)

        def ours(env: dict[str, str], n: int, out: str, rss: bool = False) -> Run:
            env = {**env, "BENCH_APPS": str(n)}
            argv = ["k8slab.cli", "synth", str(work / "prog.py"), "-o", str(work / out)]
            return run(argv, env, work, module=True, rss=rss)

        def plus(n: int) -> Run:
            return run([str(work / "plus.py"), str(work / "plus")], {**environment(None), "BENCH_APPS": str(n)}, work)

        for name, env in sides.items():  # warm-up: bytecode caches, jsii's package cache
            ours(env, 10, name)
        plus(10)
        times: dict[str, list[float]] = {}
        for _ in range(args.repeat):
            times.setdefault("cdk8s-plus", []).append(plus(args.n).seconds)
            for name, env in sides.items():
                times.setdefault(name, []).append(ours(env, args.n, name).seconds)
        counts = {_count(work / "k8slab" / "bench.k8s.yaml"), _count(work / "plus" / "bench.k8s.yaml")}
        print(f"{args.n} Apps, whole processes, {args.repeat} rounds alternated; {load()}")
        print(f"  objects written by each side: {sorted(counts)}")
        for name, values in times.items():
            print(f"  {name + ':':24} median {median(values):.2f} s ({spread(values)})")
        for name in sides:
            ratios = [o / p for o, p in zip(times[name], times["cdk8s-plus"], strict=True)]
            print(f"  ratio {name} / cdk8s-plus: median {median(ratios):.2f} ({spread(ratios)})  (goal: <= 0.50)")
        if args.no_scaling:
            return
        big = 10 * args.n
        print(f"{big} Apps, one process each:")
        for name, env in sides.items():
            r = ours(env, big, name, rss=True)
            seconds = r.seconds
            print(
                f"  {name + ':':24} {seconds:.2f} s (goal: <= 3 s); peak RSS: Python {r.rss_mb or 0:.0f} MB"
                f" (goal: <= 250 MB), its children (Node, workers) {r.children_mb or 0:.0f} MB"
            )
            print(f"  {'':24} scaling {big}/{args.n}: {seconds / median(times[name]):.2f} (goal: <= 10)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=500, help="number of apps (default 500)")
    parser.add_argument("--repeat", type=int, default=5, help="rounds (processes per side); the median is kept")
    parser.add_argument("--no-scaling", action="store_true", help="skip the 10x run")
    parser.add_argument("--mode", choices=("whole", "inside"), default="whole", help="whole processes (default)")
    parser.add_argument("--baseline", metavar="REF", help="whole mode: also time k8slab from this git ref's tree")
    args = parser.parse_args()
    if args.mode == "whole":
        whole(args)
        return

    ours = measure(K8SLAB, args.n, args.repeat)
    plus = measure(CDK8S_PLUS, args.n, args.repeat)
    print(f"{args.n} apps ({2 * args.n} objects):")
    print(f"  k8slab (build + validate + synth): {ours:.2f} s")
    print(f"  cdk8s-plus (build + synth):        {plus:.2f} s")
    print(f"  ratio k8slab / cdk8s-plus:         {ours / plus:.2f}  (target: <= 1.00)")
    if not args.no_scaling:
        big = measure(K8SLAB, 10 * args.n, 1)
        print(f"{10 * args.n} apps: k8slab {big:.2f} s")
        print(f"  scaling ratio {10 * args.n}/{args.n}:          {big / ours:.2f}  (target: <= 11)")


if __name__ == "__main__":
    main()
