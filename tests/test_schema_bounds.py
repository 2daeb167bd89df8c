"""The integer bounds of the definitions are added to a copy: the parsed document stays as read."""

from __future__ import annotations

import copy
import json

from k8slab.validation import schema


def test_bounded_copy_equals_bounding_in_place_and_leaves_the_document() -> None:
    document = schema.definitions_document(schema.schema_dir(schema.DEFAULT_KUBE_VERSION))
    before = json.dumps(document, sort_keys=True)
    bounded = schema.bounded_integers(document)
    assert json.dumps(document, sort_keys=True) == before
    assert bounded == schema.bound_integers(copy.deepcopy(document))
    replicas = bounded["$defs"]["io.k8s.api.apps.v1.DeploymentSpec"]["properties"]["replicas"]
    assert (replicas["minimum"], replicas["maximum"]) == (-(2**31), 2**31 - 1)


def test_tighter_bounds_stay() -> None:
    node = {"a": [{"type": "integer", "format": "int32", "minimum": 0}], "b": {"type": "string"}}
    bounded = schema.bounded_integers(node)
    assert bounded["a"][0] == {"type": "integer", "format": "int32", "minimum": 0, "maximum": 2**31 - 1}
    assert bounded["b"] is node["b"]
    assert "maximum" not in node["a"][0]
