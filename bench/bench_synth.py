"""Synthesis benchmark: k8slab (build + validate + cdk8s synth) against cdk8s-plus (build + synth).

Each measurement runs in its own Python process (a fresh jsii/Node), in this one run:
  - k8slab: N Apps (Deployment + Service each; NetworkPolicy off so the object count is equal),
    validated against the strict schema and the cross-checks, written through cdk8s;
  - cdk8s-plus-33: N Deployments, each exposed by a Service, written through cdk8s.
Prints seconds, the k8slab/cdk8s-plus ratio at N, and k8slab's scaling ratio 10N/N.

    .venv/bin/python bench/bench_synth.py            # N = 500 (and 5000 for the scaling ratio)
    .venv/bin/python bench/bench_synth.py -n 100 --no-scaling
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

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
        run = subprocess.run([sys.executable, "-c", code, str(n)], capture_output=True, text=True, check=True)
        times.append(json.loads(run.stdout.strip().splitlines()[-1])["seconds"])
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=500, help="number of apps (default 500)")
    parser.add_argument("--repeat", type=int, default=3, help="processes per measurement; the median is kept")
    parser.add_argument("--no-scaling", action="store_true", help="skip the 10x run")
    args = parser.parse_args()

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
