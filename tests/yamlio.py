"""Read YAML the way Kubernetes does (Go's YAML parser), for the tests.

PyYAML implements YAML 1.1's `value` tag, so a plain `=` (which cdk8s and Helm write
unquoted, and Kubernetes reads as the string "=") fails to load. Everything else is the
safe loader.
"""

from __future__ import annotations

from typing import Any

import yaml


class GoYamlLoader(yaml.SafeLoader):
    """SafeLoader that reads a plain `=` as a string."""


GoYamlLoader.add_constructor("tag:yaml.org,2002:value", lambda loader, node: loader.construct_scalar(node))  # type: ignore[arg-type]


def load_all(text: str) -> list[Any]:
    """Every non-empty document of ``text``."""
    return [d for d in yaml.load_all(text, Loader=GoYamlLoader) if d]
