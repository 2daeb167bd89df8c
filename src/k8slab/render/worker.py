"""A second process for large syntheses: cdk8s (Node) is single-threaded, so two of them use two cores.

``python -m k8slab.render.worker`` reads ``{stack name: objects}`` (a pickle, from the parent
k8slab process) on stdin, writes them through cdk8s exactly as :func:`k8slab.render.synth.synth_yaml`
does, and answers ``{stack name: YAML bytes}`` (a pickle) on stdout. Only the parent that started
it talks to it, through pipes; it writes nothing but its private staging directory, which it removes.
A failure is one line on stderr and exit status 1; the parent then writes those objects itself.
"""

from __future__ import annotations

import pickle
import sys

from ..errors import K8slabError


def main() -> int:
    """Synthesize the charts read on stdin; write their YAML on stdout."""
    from .synth import cdk8s_yaml

    charts = pickle.load(sys.stdin.buffer)  # from the k8slab process that started this one
    try:
        out = cdk8s_yaml(charts)
    except K8slabError as err:
        print(err, file=sys.stderr)
        return 1
    sys.stdout.buffer.write(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
