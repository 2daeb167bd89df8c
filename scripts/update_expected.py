"""Regenerate examples/expected/*.k8s.yaml from the example programs.

Run after an intended change of output, then review the diff:
    .venv/bin/python scripts/update_expected.py && git diff examples/expected
"""

from __future__ import annotations

import os
from pathlib import Path

from k8slab.loader import load_stacks
from k8slab.render.synth import synth_charts

ROOT = Path(__file__).resolve().parent.parent

for var in ("DB_USERNAME", "DB_PASSWORD"):
    os.environ.pop(var, None)

charts = {}
for program in sorted((ROOT / "examples").glob("*.py")):
    for stack in load_stacks(program):
        charts[stack.name] = stack.objects()
for path in synth_charts(charts, ROOT / "examples" / "expected"):
    print(f"wrote {path.relative_to(ROOT)}")
