"""Structural-schema semantics and CEL rule evaluation on a CRD written for the purpose.

Null pruning, defaults (KEP-575), nullable, int-or-string, preserve-unknown-fields, embedded
resources, list-type set/map uniqueness, unknown fields; then the CEL rules: per element and
per map value, messageExpression, fieldPath, reason, transition rules, compile errors, the
blocking type error, the cost budget and escaped property names.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from k8slab.errors import Problem
from k8slab.validation.cel import CelValidator
from k8slab.validation.custom import NOT_CHECKED, validate_custom
from k8slab.validation.structural import defaulted

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "spec": {
            "type": "object",
            "required": ["mode", "replicas"],
            "x-kubernetes-validations": [
                {"rule": "self.replicas <= 10", "message": "at most 10 replicas"},
                {
                    "rule": "self.mode != 'Off' || self.replicas == 0",
                    "messageExpression": "'mode Off needs 0 replicas, not ' + string(self.replicas)",
                },
                {"rule": "!has(self.port) || self.port > 0", "fieldPath": ".port", "reason": "FieldValueForbidden"},
                {"rule": "self.mode == oldSelf.mode", "message": "mode is immutable"},
                {
                    "rule": "!has(self.__namespace__) || self.__namespace__ != 'kube-system'",
                    "message": "no kube-system",
                },
            ],
            "properties": {
                "mode": {"type": "string", "default": "On", "enum": ["On", "Off"]},
                "replicas": {"type": "integer", "default": 1},
                "port": {"type": "integer"},
                "namespace": {"type": "string"},
                "ratio": {"type": "number", "x-kubernetes-validations": [{"rule": "self <= 1.0"}]},
                "affinity": {"type": "object", "properties": {"zone": {"type": "string"}}},
                "note": {"type": "string", "nullable": True},
                "target": {"x-kubernetes-int-or-string": True},
                "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": True},
                "template": {
                    "type": "object",
                    "x-kubernetes-embedded-resource": True,
                    "x-kubernetes-preserve-unknown-fields": True,
                },
                "tags": {"type": "array", "x-kubernetes-list-type": "set", "items": {"type": "string"}},
                "ports": {
                    "type": "array",
                    "x-kubernetes-list-type": "map",
                    "x-kubernetes-list-map-keys": ["name", "protocol"],
                    "items": {
                        "type": "object",
                        "required": ["name"],
                        "x-kubernetes-validations": [{"rule": "self.number < 65536", "message": "port number too big"}],
                        "properties": {
                            "name": {"type": "string"},
                            "protocol": {"type": "string", "default": "TCP"},
                            "number": {"type": "integer", "default": 80},
                        },
                    },
                },
                "limits": {
                    "type": "object",
                    "additionalProperties": {
                        "type": "object",
                        "x-kubernetes-validations": [{"rule": "self.max >= self.min", "message": "max below min"}],
                        "properties": {"min": {"type": "integer", "default": 0}, "max": {"type": "integer"}},
                    },
                },
                "items": {"type": "array", "items": {"type": "string"}},
            },
        }
    },
}
CRD: dict[str, Any] = {
    "apiVersion": "apiextensions.k8s.io/v1",
    "kind": "CustomResourceDefinition",
    "metadata": {"name": "widgets.lab.example"},
    "spec": {
        "group": "lab.example",
        "names": {"kind": "Widget", "plural": "widgets"},
        "scope": "Namespaced",
        "versions": [{"name": "v1", "served": True, "storage": True, "schema": {"openAPIV3Schema": SCHEMA}}],
    },
}


def widget(**spec: Any) -> dict[str, Any]:
    return {"apiVersion": "lab.example/v1", "kind": "Widget", "metadata": {"name": "w"}, "spec": spec}


def problems(**spec: Any) -> list[str]:
    return [f"{p.path}: {p.message}" for p in validate_custom(widget(**spec), CRD)]


def test_valid_widget_with_defaults() -> None:
    assert problems() == []  # mode and replicas are required, and defaulted


def test_defaults_fill_missing_fields_arrays_and_map_values() -> None:
    out = defaulted(widget(ports=[{"name": "http"}], limits={"cpu": {"max": 2}}), SCHEMA)
    assert out["spec"]["mode"] == "On" and out["spec"]["replicas"] == 1
    assert out["spec"]["ports"] == [{"name": "http", "protocol": "TCP", "number": 80}]
    assert out["spec"]["limits"] == {"cpu": {"max": 2, "min": 0}}


def test_null_replaced_by_default_and_null_pruned_without_default() -> None:
    out = defaulted(widget(mode=None, affinity=None, note=None, port=None), SCHEMA)
    assert out["spec"]["mode"] == "On"
    assert "affinity" not in out["spec"] and "port" not in out["spec"]
    assert out["spec"]["note"] is None  # nullable: kept
    assert problems(mode=None, affinity=None, note=None) == []


def test_null_array_item_is_not_pruned() -> None:
    assert problems(items=["a", None]) == [f": {NOT_CHECKED}", "spec.items[1]: must be of type string"]


def test_user_object_is_never_changed() -> None:
    obj = widget(ports=[{"name": "http"}], affinity=None)
    before = copy.deepcopy(obj)
    validate_custom(obj, CRD)
    assert obj == before


def test_unknown_fields_and_preserve_unknown() -> None:
    assert problems(colour="red") == ['spec.colour: unknown field "colour"']
    assert problems(extra={"anything": {"goes": [1]}}) == []


def test_int_or_string() -> None:
    assert problems(target=8080) == problems(target="http") == []
    assert problems(target=True) == [f": {NOT_CHECKED}", "spec.target: must be of type integer or string"]


def test_embedded_resource() -> None:
    good = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"x": 1}}
    assert problems(template=good) == []
    assert problems(template={"metadata": {"name": "a/b"}}) == [
        f": {NOT_CHECKED}",  # Required blocks the rules
        "spec.template.apiVersion: Required value",
        "spec.template.kind: Required value",
        "spec.template.metadata.name: Invalid value: may not contain '/'",
    ]
    assert problems(template={"apiVersion": "a/b/c", "kind": "Not A Kind"}) == [
        "spec.template.apiVersion: Invalid value: unexpected GroupVersion string",
        "spec.template.kind: Invalid value: may have mixed case, but should otherwise match a DNS-1035 label",
    ]


def test_list_type_set_and_map() -> None:
    assert problems(tags=["a", "b", "a", "a"]) == ["spec.tags[2]: Duplicate value: repeats an earlier item"]
    # the map key is (name, protocol); protocol defaults to TCP, so these two collide
    ports = [{"name": "http"}, {"name": "http", "protocol": "UDP"}, {"name": "http", "protocol": "TCP"}]
    assert problems(ports=ports) == [
        "spec.ports[2]: Duplicate value: repeats the same name, protocol as an earlier item"
    ]


def test_rules_at_object_level_with_messages() -> None:
    assert problems(replicas=11) == ['spec: Invalid value: "object": at most 10 replicas']
    assert problems(mode="Off", replicas=3) == ['spec: Invalid value: "object": mode Off needs 0 replicas, not 3']


def test_field_path_and_reason() -> None:
    assert problems(port=-1) == ["spec.port: Forbidden: failed rule: !has(self.port) || self.port > 0"]


def test_rules_per_array_element_and_map_value() -> None:
    assert problems(ports=[{"name": "a", "number": 70000}]) == [
        'spec.ports[0]: Invalid value: "object": port number too big'
    ]
    assert problems(limits={"cpu": {"min": 3, "max": 2}, "mem": {"max": 1}}) == [
        'spec.limits.cpu: Invalid value: "object": max below min'
    ]


def test_number_fields_are_doubles() -> None:
    assert problems(ratio=1) == []
    assert problems(ratio=2) == ['spec.ratio: Invalid value: "number": failed rule: self <= 1.0']


def test_reserved_word_property_is_escaped() -> None:
    assert problems(namespace="kube-system") == ['spec: Invalid value: "object": no kube-system']


def test_transition_rules_are_skipped_on_create() -> None:
    validator = CelValidator(SCHEMA)
    transition = [r for r in validator.rules if r.uses_old_self]
    assert [r.message for r in transition] == ["mode is immutable"]
    assert problems(mode="Off", replicas=0) == []


def test_optional_old_self_rules_run_with_no_old_object() -> None:
    schema = {
        "type": "object",
        "x-kubernetes-validations": [
            {"rule": "!oldSelf.hasValue() && self.a == 'x'", "optionalOldSelf": True, "message": "a must be x"}
        ],
        "properties": {"a": {"type": "string"}},
    }
    assert CelValidator(schema).problems({"a": "y"}) == [([], 'Invalid value: "object": a must be x')]


def test_type_error_blocks_the_rules() -> None:
    assert problems(replicas="many") == [f": {NOT_CHECKED}", "spec.replicas: must be of type integer"]


def test_compile_and_evaluation_errors() -> None:
    schema = {
        "type": "object",
        "x-kubernetes-validations": [
            {"rule": "self.a ==", "message": "broken"},
            {"rule": "self.b > 0", "message": "b"},
            {"rule": "  ", "message": "an empty rule is no rule"},
        ],
        "properties": {"a": {"type": "string"}, "b": {"type": "integer"}},
    }
    (compile_error, missing_key) = CelValidator(schema).problems({"a": "x"})
    assert compile_error[1].startswith('Invalid value: "object": rule compile error: ')
    assert missing_key[1] == 'Invalid value: "object": no such key: b evaluating rule: b'


def test_expensive_rule_is_reported_not_run() -> None:
    schema = {
        "type": "object",
        "properties": {
            "xs": {
                "type": "array",
                "items": {"type": "integer"},
                "x-kubernetes-validations": [
                    {"rule": "self.all(a, self.all(b, self.all(c, a + b + c >= 0)))", "message": "cubic"},
                    {"rule": "self.size() > 0", "message": "never reached"},
                ],
            }
        },
    }
    (problem,) = CelValidator(schema).problems({"xs": list(range(200))})
    assert problem[0] == ["xs"]
    assert "call cost exceeds limit for rule: cubic" in problem[1]
    assert CelValidator(schema).problems({"xs": [1, 2, 3]}) == []


def test_object_budget_is_shared_by_all_rules() -> None:
    rule = {"rule": "self.all(a, self.exists(b, a == b))", "message": "quadratic"}
    schema = {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "integer"}}}
    schema["additionalProperties"]["x-kubernetes-validations"] = [rule]
    found = CelValidator(schema).problems({f"k{i}": list(range(200)) for i in range(40)})
    assert found[-1][1].endswith(
        "validation failed due to running out of cost budget, no further validation rules will be run"
    )
    assert len(found) == 1


def test_crd_without_rules_never_blocks() -> None:
    crd = copy.deepcopy(CRD)
    del crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["spec"]["x-kubernetes-validations"]
    crd["metadata"]["name"] = "plain"
    assert validate_custom(widget(replicas="x"), crd) != []
    assert Problem("Widget/w", "", NOT_CHECKED) in validate_custom(widget(replicas="x"), CRD)


def _nested(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["mode", "port", "a"]), inner, max_size=3)


JSON = st.recursive(st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=3), _nested, max_leaves=10)


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(st.sampled_from(["mode", "replicas", "port", "ports", "limits", "tags", "affinity"]), JSON))
def test_defaulting_is_idempotent_and_validation_total(spec: dict[str, Any]) -> None:
    obj = widget(**spec)
    before = copy.deepcopy(obj)
    once = defaulted(obj, SCHEMA)
    assert defaulted(once, SCHEMA) == once
    assert obj == before
    found = validate_custom(obj, CRD)  # never raises, whatever the data
    assert all(isinstance(p, Problem) for p in found)


def test_required_error_blocks_the_rules() -> None:
    found = problems(replicas=11, ports=[{"number": 1}])
    assert found == [f": {NOT_CHECKED}", "spec.ports[0].name: required field is missing"]


def test_status_is_ignored_on_create_with_the_status_subresource() -> None:
    schema = copy.deepcopy(SCHEMA)
    schema["properties"]["status"] = {"type": "object", "properties": {"ready": {"type": "boolean"}}}
    crd = copy.deepcopy(CRD)
    crd["metadata"]["name"] = "statusful"
    version = crd["spec"]["versions"][0]
    version["schema"]["openAPIV3Schema"] = schema
    obj = {**widget(), "status": {"ready": "yes"}}
    assert [p.path for p in validate_custom(obj, crd)] == ["", "status.ready"]
    version["subresources"] = {"status": {}}
    assert validate_custom(obj, crd) == []  # PrepareForCreate drops status


def test_message_shape_follows_the_kubernetes_version() -> None:
    obj = widget(replicas=11, ratio=2)
    assert [p.message for p in validate_custom(obj, CRD, kube_version="1.34")] == [
        'Invalid value: "object": at most 10 replicas',
        'Invalid value: "number": failed rule: self <= 1.0',
    ]
    # from 1.35 the server omits the type of objects and arrays (omitValue in field.Invalid)
    assert [p.message for p in validate_custom(obj, CRD, kube_version="1.35")] == [
        "Invalid value: at most 10 replicas",
        'Invalid value: "number": failed rule: self <= 1.0',
    ]


def test_formatted_strings_are_typed_for_rules() -> None:
    schema = {
        "type": "object",
        "x-kubernetes-validations": [
            {"rule": "self.start < self.end", "message": "start must be before end"},
            {"rule": "self.timeout <= duration('1h')", "message": "timeout at most 1h"},
            {"rule": "self.data.size() == 2", "message": "two bytes"},
        ],
        "properties": {
            "start": {"type": "string", "format": "date-time"},
            "end": {"type": "string", "format": "date-time"},
            "timeout": {"type": "string", "format": "duration"},
            "data": {"type": "string", "format": "byte"},
        },
    }
    good = {"start": "2024-01-01T00:00:00Z", "end": "2024-01-01T00:00:01.5+00:00", "timeout": "59m30s", "data": "aGk="}
    assert CelValidator(schema).problems(good) == []
    bad = {**good, "end": "2023-12-31T23:00:00+02:00", "timeout": "1h0m1s", "data": "aGk/"}
    assert [m for _, m in CelValidator(schema).problems(bad)] == [
        'Invalid value: "object": start must be before end',
        'Invalid value: "object": timeout at most 1h',
        'Invalid value: "object": two bytes',
    ]
