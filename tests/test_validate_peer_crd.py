# ruff: noqa: E501  (each case's schema is one YAML line, as in the Go table it comes from)
"""Cases of apiextensions-apiserver's own tests, as CustomResourceDefinition manifests, with the server's verdict.

Each case names its Go test: ``pkg/apis/apiextensions/validation/validation_test.go``
(``TestValidateCustomResourceDefinition``, ``TestValidateCustomResourceDefinitionValidation``,
``TestSelectableFields``, ``Test_validateDeprecationWarning``), and for custom resources
``pkg/apiserver/schema/defaulting``, ``pruning``, ``listtype`` and ``objectmeta`` tests. The Go tests
build internal objects; here each case is the v1 manifest a user would send (the server's v1
defaults fill in ``singular``, ``listKind`` and the conversion strategy). Where every version has
the same schema, the server reports it under ``spec.validation.openAPIV3Schema``, so do the cases.

An accepted case must produce no problem at all; a rejected one must name the field the server
names (other problems may follow). Paths are in k8slab's notation (``properties.foo``, where the
server prints ``properties[foo]``).
"""

from __future__ import annotations

import contextlib
import copy
import textwrap
from typing import Any, NamedTuple

import pytest
import yaml

from k8slab.validation.custom import validate_custom
from k8slab.validation.engine import check
from tests.peer import ACCEPTED, assert_server_verdict, merge, overlaid

V = "1.33"
SCHEMA = "spec.validation.openAPIV3Schema"

BASE: dict[str, Any] = {
    "apiVersion": "apiextensions.k8s.io/v1",
    "kind": "CustomResourceDefinition",
    "metadata": {"name": "plural.group.com"},
    "spec": {
        "group": "group.com",
        "scope": "Cluster",
        "names": {"plural": "plural", "singular": "singular", "kind": "Plural", "listKind": "PluralList"},
        "versions": [
            {"name": "version", "served": True, "storage": True, "schema": {"openAPIV3Schema": {"type": "object"}}}
        ],
    },
}


class Case(NamedTuple):
    go_test: str
    """``TestFunction/case name`` in the Go test file."""
    kube_version: str
    expected: str
    """ACCEPTED, or the field path the server reports."""
    overlay: str
    """YAML merged into BASE: mappings merge, other values replace, ``~`` removes the field."""


def manifest(case: Case) -> dict[str, Any]:
    """The case's CRD: its overlay merged into BASE."""
    return overlaid(BASE, case.overlay)


def schema(text: str, *, status: bool = False, extra: str = "") -> str:
    """An overlay giving the one version this openAPIV3Schema (and the status subresource)."""
    version: dict[str, Any] = {
        "name": "version",
        "served": True,
        "storage": True,
        "schema": {"openAPIV3Schema": yaml.safe_load(textwrap.dedent(text))},
    }
    if status:
        version["subresources"] = {"status": {}}
    version.update(yaml.safe_load(textwrap.dedent(extra)) or {})
    return yaml.safe_dump({"spec": {"versions": [version]}})


def two_versions(first: str = "", second: str = "", spec: str = "") -> str:
    """An overlay with versions ``version`` (storage) and ``version2``, each with its own extra fields."""
    versions = [
        {"name": "version", "served": True, "storage": True, "schema": {"openAPIV3Schema": {"type": "object"}}},
        {"name": "version2", "served": True, "storage": False, "schema": {"openAPIV3Schema": {"type": "object"}}},
    ]
    versions[0].update(yaml.safe_load(textwrap.dedent(first)) or {})
    versions[1].update(yaml.safe_load(textwrap.dedent(second)) or {})
    out: dict[str, Any] = {"spec": {"versions": versions}}
    out["spec"].update(yaml.safe_load(textwrap.dedent(spec)) or {})
    return yaml.safe_dump(out)


_T = "TestValidateCustomResourceDefinition/"
_WEBHOOK = "conversion: {strategy: Webhook, webhook: {conversionReviewVersions: [v1], clientConfig: {service: {name: n, namespace: ns, port: %s}}}}"

SPEC = [
    Case(_T + "the base", V, ACCEPTED, ""),
    Case(
        _T + "invalid types disallowed",
        V,
        f"{SCHEMA}.properties.foo.type",
        schema("{type: object, properties: {foo: {type: bogus}}}"),
    ),
    Case(
        _T + "webhookconfig: invalid port 0",
        V,
        "spec.conversion.webhookClientConfig.service.port",
        two_versions(spec=_WEBHOOK % 0),
    ),
    Case(
        _T + "webhookconfig: invalid port 65536",
        V,
        "spec.conversion.webhookClientConfig.service.port",
        two_versions(spec=_WEBHOOK % 65536),
    ),
    Case(
        _T + "webhookconfig: invalid CABundle should be allowed on Create",
        V,
        ACCEPTED,
        two_versions(
            spec="conversion: {strategy: Webhook, webhook: {conversionReviewVersions: [v1], clientConfig: {caBundle: Cg==, service: {name: n, namespace: ns, port: 443}}}}"
        ),
    ),
    Case(
        _T + "webhookconfig: both service and URL provided",
        V,
        "spec.conversion.webhookClientConfig",
        two_versions(
            spec="conversion: {strategy: Webhook, webhook: {conversionReviewVersions: [v1], clientConfig: {url: 'https://example.com/webhook', service: {name: n, namespace: ns}}}}"
        ),
    ),
    Case(
        _T + "webhookconfig: blank URL",
        V,
        "spec.conversion.webhookClientConfig.url",
        two_versions(
            spec="conversion: {strategy: Webhook, webhook: {conversionReviewVersions: [v1], clientConfig: {url: ''}}}"
        ),
    ),
    Case(
        _T + "webhookconfig_should_not_be_set",
        V,
        "spec.conversion.webhookClientConfig",
        two_versions(
            spec="conversion: {strategy: None, webhook: {clientConfig: {url: 'https://example.com/webhook'}}}"
        ),
    ),
    Case(
        _T + "ConversionReviewVersions_should_not_be_set",
        V,
        "spec.conversion.conversionReviewVersions",
        two_versions(spec="conversion: {strategy: None, webhook: {conversionReviewVersions: [v1beta1]}}"),
    ),
    Case(
        _T + "webhookconfig: invalid ConversionReviewVersion",
        V,
        "spec.conversion.conversionReviewVersions",
        two_versions(
            spec="conversion: {strategy: Webhook, webhook: {conversionReviewVersions: [invalid-version], clientConfig: {url: 'https://example.com/webhook'}}}"
        ),
    ),
    Case(
        _T + "webhookconfig: invalid ConversionReviewVersion version string",
        V,
        "spec.conversion.conversionReviewVersions[0]",
        two_versions(
            spec="conversion: {strategy: Webhook, webhook: {conversionReviewVersions: [0v], clientConfig: {url: 'https://example.com/webhook'}}}"
        ),
    ),
    Case(
        _T + "webhookconfig: at least one valid ConversionReviewVersion",
        V,
        ACCEPTED,
        two_versions(
            spec="conversion: {strategy: Webhook, webhook: {conversionReviewVersions: [invalid-version, v1beta1], clientConfig: {url: 'https://example.com/webhook'}}}"
        ),
    ),
    Case(
        _T + "webhookconfig: duplicate ConversionReviewVersion",
        V,
        "spec.conversion.conversionReviewVersions[1]",
        two_versions(
            spec="conversion: {strategy: Webhook, webhook: {conversionReviewVersions: [v1beta1, v1beta1], clientConfig: {url: 'https://example.com/webhook'}}}"
        ),
    ),
    Case(
        _T + "missing_webhookconfig",
        V,
        "spec.conversion.webhookClientConfig",
        two_versions(spec="conversion: {strategy: Webhook, webhook: {conversionReviewVersions: [v1]}}"),
    ),
    Case(
        _T + "invalid_conversion_strategy",
        V,
        "spec.conversion.strategy",
        two_versions(spec="conversion: {strategy: non_existing_conversion}"),
    ),
    Case(
        _T + "webhook conversion without preserveUnknownFields=false",
        V,
        "spec.conversion.strategy",
        two_versions(
            spec="{preserveUnknownFields: true, conversion: {strategy: Webhook, webhook: {conversionReviewVersions: [v1], clientConfig: {url: 'https://example.com/webhook'}}}}"
        ),
    ),
    Case(
        _T + "webhook conversion with preserveUnknownFields=false, conversionReviewVersions=[v1]",
        V,
        ACCEPTED,
        two_versions(
            spec="{preserveUnknownFields: false, conversion: {strategy: Webhook, webhook: {conversionReviewVersions: [v1], clientConfig: {url: 'https://example.com/webhook'}}}}"
        ),
    ),
    Case(_T + "no_storage_version", V, "spec.versions", two_versions(first="storage: false")),
    Case(_T + "multiple_storage_version", V, "spec.versions", two_versions(second="storage: true")),
    Case(_T + "mismatched name", V, "metadata.name", "metadata: {name: plural.not.group.com}"),
    Case(
        _T + "missing values", V, "spec.group", "spec: {group: ~, scope: ~, names: {singular: ~, kind: ~, listKind: ~}}"
    ),
    Case(_T + "missing values (scope)", V, "spec.scope", "spec: {scope: ~}"),
    Case(
        _T + "missing values (kind and listKind)",
        V,
        "spec.names.kind",
        "spec: {names: {singular: ~, kind: ~, listKind: ~}}",
    ),
    Case(_T + "missing values (plural)", V, "spec.names.plural", "spec: {names: {plural: ~}}"),
    Case(
        _T + "bad names 01 (group without a dot)",
        V,
        "spec.group",
        "{metadata: {name: plural.group}, spec: {group: group}}",
    ),
    Case(_T + "bad names 01 (scope)", V, "spec.scope", "spec: {scope: foo}"),
    Case(
        _T + "bad names 01 (plural)",
        V,
        "spec.names.plural",
        "{metadata: {name: pl()*ural.group.com}, spec: {names: {plural: pl()*ural}}}",
    ),
    Case(_T + "bad names 01 (singular)", V, "spec.names.singular", "spec: {names: {singular: value()*a}}"),
    Case(_T + "bad names 01 (kind)", V, "spec.names.kind", "spec: {names: {kind: value()*a}}"),
    Case(
        _T + "bad names 01 (version)",
        V,
        "spec.versions[0].name",
        "spec: {versions: [{name: 'v()*', served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]}",
    ),
    Case(_T + "bad names 02 (group)", V, "spec.group", "spec: {group: group.c(*&om}"),
    Case(
        _T + "bad names 02 (kind == listKind)",
        V,
        "spec.names.listKind",
        "spec: {names: {kind: matching, listKind: matching}}",
    ),
    Case(
        _T + "short names and categories are DNS-1035 labels",
        V,
        "spec.names.shortNames[1]",
        "spec: {names: {shortNames: [ok, Not_OK], categories: [all]}}",
    ),
    Case(_T + "categories are DNS-1035 labels", V, "spec.names.categories[0]", "spec: {names: {categories: [a.b]}}"),
    Case(_T + "singular and listKind default from the kind", V, ACCEPTED, "spec: {names: {singular: ~, listKind: ~}}"),
    Case(
        "strategy.PrepareForCreate/status is reset on create, never validated",
        V,
        ACCEPTED,
        "status: {acceptedNames: {}, storedVersions: [], conditions: [{type: Established}]}",
    ),
    Case(
        _T + "additionalProperties and properties forbidden",
        V,
        f"{SCHEMA}.properties.foo.additionalProperties",
        schema(
            "{type: object, properties: {foo: {type: object, properties: {bar: {type: object}}, additionalProperties: {type: object}}}}"
        ),
    ),
    Case(
        _T + "additionalProperties without properties allowed (map[string]string)",
        V,
        ACCEPTED,
        schema("{type: object, properties: {foo: {type: object, additionalProperties: {type: string}}}}"),
    ),
    Case(
        _T + "additionalProperties: true with properties allowed",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {foo: {type: object, properties: {a: {type: string}}, additionalProperties: true}}}"
        ),
    ),
    Case(
        _T + "x-kubernetes-preserve-unknown-field: false",
        V,
        f"{SCHEMA}.properties.foo.x-kubernetes-preserve-unknown-fields",
        schema("{type: object, properties: {foo: {type: object, x-kubernetes-preserve-unknown-fields: false}}}"),
    ),
    Case(_T + "preserveUnknownFields: true", V, "spec.preserveUnknownFields", "spec: {preserveUnknownFields: true}"),
    Case(_T + "preserveUnknownFields: false", V, ACCEPTED, "spec: {preserveUnknownFields: false}"),
    Case(
        _T + "schema is required",
        V,
        "spec.versions[0].schema.openAPIV3Schema",
        "spec: {versions: [{name: version, served: true, storage: true}]}",
    ),
    Case(
        _T + "schema is required in every version",
        V,
        "spec.versions[1].schema.openAPIV3Schema",
        two_versions(second="schema: ~"),
    ),
    Case(
        _T + "labelSelectorPath outside of .spec and .status",
        V,
        "spec.subresources.scale.labelSelectorPath",
        schema(
            "{type: object}",
            extra="subresources: {scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas, labelSelectorPath: .labelSelector}}",
        ),
    ),
    Case(
        _T + "scale paths under .spec and .status",
        V,
        ACCEPTED,
        schema(
            "{type: object}",
            extra="subresources: {status: {}, scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas, labelSelectorPath: .status.selector}}",
        ),
    ),
    Case(
        _T + "specReplicasPath outside .spec",
        V,
        "spec.subresources.scale.specReplicasPath",
        schema(
            "{type: object}",
            extra="subresources: {scale: {specReplicasPath: .status.replicas, statusReplicasPath: .status.replicas}}",
        ),
    ),
    Case(
        _T + "statusReplicasPath required",
        V,
        "spec.subresources.scale.statusReplicasPath",
        schema("{type: object}", extra="subresources: {scale: {specReplicasPath: .spec.replicas}}"),
    ),
    Case(
        _T + "per-version subresources are reported per version",
        V,
        "spec.versions[1].subresources.scale.specReplicasPath",
        two_versions(
            second="subresources: {scale: {specReplicasPath: replicas, statusReplicasPath: .status.replicas}}"
        ),
    ),
    Case(
        _T + "defaults with enabled feature gate",
        V,
        ACCEPTED,
        schema("{type: object, properties: {a: {type: number, default: 42.0}}}"),
    ),
    Case(
        _T + "x-kubernetes-embedded-resource with pruning and empty properties",
        V,
        f"{SCHEMA}.properties.nil.properties",
        schema("{type: object, properties: {nil: {type: object, x-kubernetes-embedded-resource: true}}}"),
    ),
    Case(
        _T + "x-kubernetes-embedded-resource with preserve-unknown-fields",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {e: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}}}"
        ),
    ),
    Case(
        _T + "x-kubernetes-embedded-resource inside resource meta",
        V,
        f"{SCHEMA}.properties.embedded.properties.metadata.x-kubernetes-embedded-resource",
        schema(
            """
            type: object
            properties:
              embedded:
                type: object
                x-kubernetes-embedded-resource: true
                x-kubernetes-preserve-unknown-fields: true
                properties:
                  metadata: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}
            """
        ),
    ),
    Case(
        _T + "x-kubernetes-validations access metadata name",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {metadata: {type: object}}, x-kubernetes-validations: [{rule: 'size(self.metadata.name) > 3'}]}"
        ),
    ),
    Case(
        _T + "defaults with enabled feature gate, unstructural schema",
        V,
        f"{SCHEMA}.properties.b.type",
        schema("{type: object, properties: {a: {default: 42.0}, b: {}}}"),
    ),
    Case(
        _T + "defaults in value validation with enabled feature gate, structural schema",
        V,
        f"{SCHEMA}.properties.a.anyOf[0].default",
        schema("{type: object, properties: {a: {type: number, anyOf: [{default: 42.0}]}}}"),
    ),
    Case(
        _T + "invalid defaults with enabled feature gate, structural schema (wrong type)",
        V,
        f"{SCHEMA}.properties.a.default",
        schema("{type: object, properties: {a: {type: number, default: foo}}}"),
    ),
    Case(
        _T + "invalid defaults with enabled feature gate, structural schema (unknown field)",
        V,
        f"{SCHEMA}.properties.b.default",
        schema(
            "{type: object, properties: {b: {type: object, properties: {c: {type: string}}, default: {c: x, d: 1}}}}"
        ),
    ),
    Case(
        _T + "invalid defaults with enabled feature gate, structural schema (required)",
        V,
        f"{SCHEMA}.properties.b.default.c",
        schema(
            "{type: object, properties: {b: {type: object, required: [c], properties: {c: {type: string}}, default: {}}}}"
        ),
    ),
    Case(
        _T + "valid defaults: preserved unknown fields",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {b: {type: object, x-kubernetes-preserve-unknown-fields: true, default: {x: {y: 1}}}}}"
        ),
    ),
    Case(
        _T + "valid defaults: a nested default inside a default",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {b: {type: object, default: {}, properties: {c: {type: string, default: x, enum: [x, y]}}}}}"
        ),
    ),
    Case(
        _T + "additionalProperties at resource root",
        V,
        f"{SCHEMA}.additionalProperties",
        schema("{type: object, additionalProperties: {type: string}}"),
    ),
    Case(
        _T + "top-level metadata default",
        V,
        f"{SCHEMA}.properties.metadata.default",
        schema("{type: object, properties: {metadata: {type: object, default: {name: foo}}}}"),
    ),
    Case(
        _T + "v1.15 era tests for metadata defaults (kind)",
        V,
        f"{SCHEMA}.properties.kind.default",
        schema("{type: object, properties: {kind: {type: string, default: Foo}}}"),
    ),
    Case(
        _T + "default inside additionalSchema",
        V,
        f"{SCHEMA}.properties.metadata.properties.annotations.additionalProperties.default",
        schema(
            "{type: object, properties: {metadata: {type: object, properties: {annotations: {type: object, additionalProperties: {type: string, default: abc}}}}}}"
        ),
    ),
    Case(
        _T + "contradicting meta field types (kind)",
        V,
        f"{SCHEMA}.properties.kind.type",
        schema("{type: object, properties: {kind: {type: integer}}}"),
    ),
    Case(
        _T + "contradicting meta field types (metadata)",
        V,
        f"{SCHEMA}.properties.metadata.type",
        schema("{type: object, properties: {metadata: {type: string}}}"),
    ),
    Case(
        _T + "metadata restricted to name and generateName",
        V,
        f"{SCHEMA}.properties.metadata",
        schema("{type: object, properties: {metadata: {type: object, properties: {labels: {type: object}}}}}"),
    ),
    Case(
        _T + "metadata may restrict name",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {metadata: {type: object, properties: {name: {type: string, maxLength: 10}}}}}"
        ),
    ),
    Case(
        _T + "x-kubernetes-validations should be forbidden under oneOf/anyOf/allOf/not, structural schema",
        V,
        f"{SCHEMA}.properties.a.anyOf[0].x-kubernetes-validations",
        schema(
            "{type: object, properties: {a: {type: number, anyOf: [{x-kubernetes-validations: [{rule: self > 0}]}]}}}"
        ),
    ),
    Case(
        _T + "x-kubernetes-validations should have valid reason and fieldPath",
        V,
        f"{SCHEMA}.x-kubernetes-validations[0].reason",
        schema(
            "{type: object, properties: {a: {type: string}}, x-kubernetes-validations: [{rule: 'self.a == \"a\"', reason: InternalError, fieldPath: .a}]}"
        ),
    ),
    Case(
        _T + "x-kubernetes-validations should have valid fieldPath for array (quoted keys)",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {'a.c': {type: number}, foo: {type: object, properties: {'b.c': {type: object, properties: {c: {type: number}}}}}},"
            " x-kubernetes-validations: [{rule: 'true', fieldPath: \".foo['b.c'].c\"}, {rule: 'true', fieldPath: \"['a.c']\"}]}"
        ),
    ),
    Case(
        _T + "x-kubernetes-validations should have valid fieldPath for array (.a.c)",
        V,
        f"{SCHEMA}.x-kubernetes-validations[0].fieldPath",
        schema(
            "{type: object, properties: {'a.c': {type: number}}, x-kubernetes-validations: [{rule: 'true', fieldPath: .a.c}]}"
        ),
    ),
    Case(
        _T + "x-kubernetes-validations should have valid fieldPath for array (.list[0])",
        V,
        f"{SCHEMA}.x-kubernetes-validations[0].fieldPath",
        schema(
            "{type: object, properties: {list: {type: array, items: {type: object, properties: {a: {type: number}}}}}, x-kubernetes-validations: [{rule: 'true', fieldPath: '.list[0]'}]}"
        ),
    ),
    Case(
        _T + "x-kubernetes-validations should have valid fieldPath for array (blank)",
        V,
        f"{SCHEMA}.x-kubernetes-validations[0].fieldPath",
        schema("{type: object, x-kubernetes-validations: [{rule: 'true', fieldPath: '   '}]}"),
    ),
    Case(
        _T + "x-kubernetes-validations should have valid fieldPath for array (..)",
        V,
        f"{SCHEMA}.x-kubernetes-validations[0].fieldPath",
        schema(
            "{type: object, properties: {a: {type: string}}, x-kubernetes-validations: [{rule: 'true', fieldPath: '..'}]}"
        ),
    ),
    Case(
        _T + "x-kubernetes-validations have invalid fieldPath",
        V,
        f"{SCHEMA}.x-kubernetes-validations[0].fieldPath",
        schema(
            "{type: object, properties: {a: {type: string}}, x-kubernetes-validations: [{rule: 'true', fieldPath: .b}]}"
        ),
    ),
    Case(
        _T + "valid name printer column formats",
        V,
        ACCEPTED,
        schema(
            "{type: object}",
            extra="additionalPrinterColumns: [{name: Age, type: date, jsonPath: .metadata.creationTimestamp}, {name: N, type: integer, format: int32, jsonPath: .spec.n}]",
        ),
    ),
    Case(
        _T + "printer column type",
        V,
        "spec.additionalPrinterColumns[0].type",
        schema("{type: object}", extra="additionalPrinterColumns: [{name: A, type: time, jsonPath: .a}]"),
    ),
    Case(
        _T + "printer column format",
        V,
        "spec.additionalPrinterColumns[0].format",
        schema(
            "{type: object}", extra="additionalPrinterColumns: [{name: A, type: string, format: uuid, jsonPath: .a}]"
        ),
    ),
    Case(
        _T + "printer column JSONPath",
        V,
        "spec.additionalPrinterColumns[0].JSONPath",
        schema("{type: object}", extra="additionalPrinterColumns: [{name: A, type: string, jsonPath: a}]"),
    ),
    Case(
        _T + "protected group without approval",
        V,
        "metadata.annotations['api-approved.kubernetes.io']",
        "{metadata: {name: plural.group.k8s.io}, spec: {group: group.k8s.io}}",
    ),
    Case(
        _T + "protected group with approval URL",
        V,
        ACCEPTED,
        "{metadata: {name: plural.group.k8s.io, annotations: {api-approved.kubernetes.io: 'https://github.com/kubernetes/kubernetes/pull/78458'}}, spec: {group: group.k8s.io}}",
    ),
    Case(
        _T + "protected group unapproved",
        V,
        ACCEPTED,
        "{metadata: {name: plural.x.kubernetes.io, annotations: {api-approved.kubernetes.io: 'unapproved, experimental'}}, spec: {group: x.kubernetes.io}}",
    ),
    Case(
        _T + "protected group with an invalid approval",
        V,
        "metadata.annotations['api-approved.kubernetes.io']",
        "{metadata: {name: plural.group.k8s.io, annotations: {api-approved.kubernetes.io: 'yes'}}, spec: {group: group.k8s.io}}",
    ),
]


def _pattern(pattern: str) -> str:
    """A schema whose property ``a`` is a string of this pattern, as YAML."""
    return yaml.safe_dump({"type": "object", "properties": {"a": {"type": "string", "pattern": pattern}}})


_V = "TestValidateCustomResourceDefinitionValidation/"

VALIDATION = [
    Case(_V + "empty", V, ACCEPTED, schema("{type: object}")),
    Case(_V + "empty with status", V, ACCEPTED, schema("{type: object}", status=True)),
    Case(
        _V + "root type having invalid value, with status",
        V,
        f"{SCHEMA}.type",
        schema("{type: string}", status=True),
    ),
    Case(
        _V + "non-allowed root field with status",
        V,
        SCHEMA,
        schema("{type: object, properties: {a: {type: string}}, anyOf: [{required: [a]}]}", status=True),
    ),
    Case(
        _V + "all allowed fields at the root of the schema with status",
        V,
        ACCEPTED,
        schema(
            """
            type: object
            description: This is a description
            format: date-time
            title: This is a title
            maximum: 10
            minimum: 5
            maxLength: 10
            minLength: 5
            pattern: '^[a-z]$'
            maxItems: 10
            minItems: 5
            multipleOf: 3
            required: [spec, status]
            properties: {spec: {type: object}, status: {type: object}}
            externalDocs: {description: This is an external documentation description}
            example: {foo: bar}
            x-kubernetes-preserve-unknown-fields: true
            """,
            status=True,
        ),
    ),
    Case(
        _V + "null type",
        V,
        f"{SCHEMA}.properties.null.type",
        schema("{type: object, properties: {'null': {type: 'null'}}}"),
    ),
    Case(_V + "nullable at the root", V, f"{SCHEMA}.nullable", schema("{type: object, nullable: true}")),
    Case(
        _V + "nullable without type",
        V,
        f"{SCHEMA}.properties.nullable.type",
        schema("{type: object, properties: {nullable: {nullable: true}}}"),
    ),
    Case(
        _V + "nullable with types",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {a: {type: object, nullable: true}, b: {type: array, nullable: true, items: {type: string}}, c: {type: integer, nullable: true}}}"
        ),
    ),
    Case(
        _V + "must be structural, but isn't",
        V,
        f"{SCHEMA}.properties.foo.type",
        schema("{type: object, properties: {foo: {x-kubernetes-int-or-string: false}}}"),
    ),
    Case(
        _V + "must be structural",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {a: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}}}"
        ),
    ),
    Case(
        _V + "require valid types, valid",
        V,
        ACCEPTED,
        schema("{type: object, properties: {a: {type: string}, b: {type: boolean}, c: {type: number}}}"),
    ),
    Case(
        _V + "require valid types, invalid",
        V,
        f"{SCHEMA}.properties.foo.type",
        schema("{type: object, properties: {foo: {type: null-or}}}"),
    ),
    Case(
        _V + "array without items",
        V,
        f"{SCHEMA}.properties.a.items",
        schema("{type: object, properties: {a: {type: array}}}"),
    ),
    Case(
        _V + "items without type",
        V,
        f"{SCHEMA}.properties.a.items.type",
        schema("{type: object, properties: {a: {type: array, items: {}}}}"),
    ),
    Case(_V + "root type must be object", V, f"{SCHEMA}.type", schema("{type: array, items: {type: string}}")),
    Case(
        _V + "invalid type with list type extension set",
        V,
        f"{SCHEMA}.properties.a.type",
        schema("{type: object, properties: {a: {type: object, x-kubernetes-list-type: set}}}"),
    ),
    Case(
        _V + "unset type with list type extension set",
        V,
        f"{SCHEMA}.properties.a.type",
        schema("{type: object, properties: {a: {x-kubernetes-list-type: set}}}"),
    ),
    Case(
        _V + "invalid list type extension",
        V,
        f"{SCHEMA}.properties.a.x-kubernetes-list-type",
        schema(
            "{type: object, properties: {a: {type: array, items: {type: string}, x-kubernetes-list-type: invalid}}}"
        ),
    ),
    Case(
        _V + "invalid list type extension with list map keys extension non-empty",
        V,
        f"{SCHEMA}.properties.a.x-kubernetes-list-type",
        schema(
            "{type: object, properties: {a: {type: array, items: {type: string}, x-kubernetes-list-type: set, x-kubernetes-list-map-keys: [key]}}}"
        ),
    ),
    Case(
        _V + "unset list type extension with list map keys extension non-empty",
        V,
        f"{SCHEMA}.properties.a.x-kubernetes-list-type",
        schema(
            "{type: object, properties: {a: {type: array, items: {type: string}, x-kubernetes-list-map-keys: [key]}}}"
        ),
    ),
    Case(
        _V + "empty list map keys extension with list type extension map",
        V,
        f"{SCHEMA}.properties.a.x-kubernetes-list-map-keys",
        schema("{type: object, properties: {a: {type: array, items: {type: object}, x-kubernetes-list-type: map}}}"),
    ),
    Case(
        _V + "no items schema with list type extension map",
        V,
        f"{SCHEMA}.properties.a.items",
        schema(
            "{type: object, properties: {a: {type: array, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [key]}}}"
        ),
    ),
    Case(
        _V + "non object item with list type extension map",
        V,
        f"{SCHEMA}.properties.a.items.type",
        schema(
            "{type: object, properties: {a: {type: array, items: {type: string}, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [key]}}}"
        ),
    ),
    Case(
        _V + "items with key missing from properties with list type extension map",
        V,
        f"{SCHEMA}.properties.a.x-kubernetes-list-map-keys",
        schema(
            "{type: object, properties: {a: {type: array, items: {type: object, properties: {a: {type: string}}, required: [a]}, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [b]}}}"
        ),
    ),
    Case(
        _V + "items with non scalar key property type with list type extension map",
        V,
        f"{SCHEMA}.properties.a.items.properties.a.type",
        schema(
            "{type: object, properties: {a: {type: array, items: {type: object, required: [a], properties: {a: {type: array, items: {type: string}}}}, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [a]}}}"
        ),
    ),
    Case(
        _V + "duplicate map keys with list type extension map",
        V,
        f"{SCHEMA}.properties.a.x-kubernetes-list-map-keys",
        schema(
            "{type: object, properties: {a: {type: array, items: {type: object, required: [a], properties: {a: {type: string}}}, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [a, a]}}}"
        ),
    ),
    Case(
        _V + "allowed schema with list type extension map",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {a: {type: array, items: {type: object, required: [a], properties: {a: {type: string}, b: {type: integer, default: 1}}}, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [a, b]}}}"
        ),
    ),
    Case(
        _V + "allowed list-type atomic",
        V,
        ACCEPTED,
        schema("{type: object, properties: {a: {type: array, items: {type: string}, x-kubernetes-list-type: atomic}}}"),
    ),
    Case(
        _V + "allowed list-type atomic with non-atomic items",
        V,
        ACCEPTED,
        schema("{type: object, properties: {a: {type: array, items: {type: object}, x-kubernetes-list-type: atomic}}}"),
    ),
    Case(
        _V + "allowed list-type set with scalar items",
        V,
        ACCEPTED,
        schema("{type: object, properties: {a: {type: array, items: {type: string}, x-kubernetes-list-type: set}}}"),
    ),
    Case(
        _V + "allowed list-type set with atomic map items",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {a: {type: array, items: {type: object, x-kubernetes-map-type: atomic, properties: {foo: {type: string}}}, x-kubernetes-list-type: set}}}"
        ),
    ),
    Case(
        _V + "invalid list-type set with non-atomic map items",
        V,
        f"{SCHEMA}.properties.a.items.x-kubernetes-map-type",
        schema(
            "{type: object, properties: {a: {type: array, items: {type: object, x-kubernetes-map-type: granular, properties: {foo: {type: string}}}, x-kubernetes-list-type: set}}}"
        ),
    ),
    Case(
        _V + "invalid list-type set with unspecified map-type for map items",
        V,
        f"{SCHEMA}.properties.a.items.x-kubernetes-map-type",
        schema(
            "{type: object, properties: {a: {type: array, items: {type: object, properties: {foo: {type: string}}}, x-kubernetes-list-type: set}}}"
        ),
    ),
    Case(
        _V + "allowed list-type set with unspecified list-type in list items",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {a: {type: array, items: {type: array, items: {type: string}}, x-kubernetes-list-type: set}}}"
        ),
    ),
    Case(
        _V + "invalid list-type set with with non-atomic list items",
        V,
        f"{SCHEMA}.properties.a.items.x-kubernetes-list-type",
        schema(
            "{type: object, properties: {a: {type: array, items: {type: array, items: {type: string}, x-kubernetes-list-type: set}, x-kubernetes-list-type: set}}}"
        ),
    ),
    Case(
        _V + "invalid type with map type extension (granular)",
        V,
        f"{SCHEMA}.properties.a.type",
        schema(
            "{type: object, properties: {a: {type: array, items: {type: string}, x-kubernetes-map-type: granular}}}"
        ),
    ),
    Case(
        _V + "unset type with map type extension (atomic)",
        V,
        f"{SCHEMA}.properties.a.type",
        schema("{type: object, properties: {a: {x-kubernetes-map-type: atomic}}}"),
    ),
    Case(
        _V + "invalid map type",
        V,
        f"{SCHEMA}.properties.a.x-kubernetes-map-type",
        schema("{type: object, properties: {a: {type: object, x-kubernetes-map-type: foo}}}"),
    ),
    Case(
        _V + "allowed type with map type extension (granular)",
        V,
        ACCEPTED,
        schema("{type: object, properties: {a: {type: object, x-kubernetes-map-type: granular}}}"),
    ),
    Case(
        _V + "invalid map with non-required key and no default",
        V,
        f"{SCHEMA}.properties.a.items.properties.key.default",
        schema(
            "{type: object, properties: {a: {type: array, items: {type: object, properties: {key: {type: string}}}, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [key]}}}"
        ),
    ),
    Case(
        _V + "allowed map with non-required key and default",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {a: {type: array, items: {type: object, properties: {key: {type: string, default: x}}}, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [key]}}}"
        ),
    ),
    Case(
        _V + "invalid map with nullable key",
        V,
        f"{SCHEMA}.properties.a.items.properties.key.nullable",
        schema(
            "{type: object, properties: {a: {type: array, items: {type: object, required: [key], properties: {key: {type: string, nullable: true}}}, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [key]}}}"
        ),
    ),
    Case(
        _V + "invalid map with nullable items",
        V,
        f"{SCHEMA}.properties.a.items.nullable",
        schema(
            "{type: object, properties: {a: {type: array, items: {type: object, nullable: true, required: [key], properties: {key: {type: string}}}, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [key]}}}"
        ),
    ),
    Case(
        _V + "invalid set with nullable items",
        V,
        f"{SCHEMA}.properties.a.items.nullable",
        schema(
            "{type: object, properties: {a: {type: array, items: {type: string, nullable: true}, x-kubernetes-list-type: set}}}"
        ),
    ),
    Case(
        _V + "valid x-kubernetes-validations for scalar element",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {subRoot: {type: string, x-kubernetes-validations: [{rule: 'self.startsWith(\"s\")', message: subRoot should start with 's'.}]}}}"
        ),
    ),
    Case(
        _V + "invalid x-kubernetes-validations with empty rule",
        V,
        f"{SCHEMA}.x-kubernetes-validations[0].rule",
        schema("{type: object, x-kubernetes-validations: [{rule: ' ', message: empty}]}"),
    ),
    Case(
        _V + "valid x-kubernetes-validations with empty validators",
        V,
        ACCEPTED,
        schema("{type: object, x-kubernetes-validations: []}"),
    ),
    Case(
        _V + "invalid rule in x-kubernetes-validations",
        V,
        f"{SCHEMA}.x-kubernetes-validations[0].rule",
        schema(
            "{type: object, properties: {a: {type: integer}}, x-kubernetes-validations: [{rule: 'self.a >', message: broken}]}"
        ),
    ),
    Case(
        _V + "multiline rule with message",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {a: {type: integer}}, x-kubernetes-validations: [{rule: \"self.a > 0 &&\\nself.a < 10\", message: 'between'}]}"
        ),
    ),
    Case(
        _V + "multiline rule without message",
        V,
        f"{SCHEMA}.x-kubernetes-validations[0].message",
        schema(
            '{type: object, properties: {a: {type: integer}}, x-kubernetes-validations: [{rule: "self.a > 0 &&\\nself.a < 10"}]}'
        ),
    ),
    Case(
        _V + "invalid and required messages",
        V,
        f"{SCHEMA}.x-kubernetes-validations[0].message",
        schema(
            "{type: object, properties: {a: {type: integer}}, x-kubernetes-validations: [{rule: 'self.a > 0', message: '   '}]}"
        ),
    ),
    Case(
        _V + "message with a line break",
        V,
        f"{SCHEMA}.x-kubernetes-validations[0].message",
        schema(
            "{type: object, properties: {a: {type: integer}}, x-kubernetes-validations: [{rule: 'self.a > 0', message: \"one\\ntwo\"}]}"
        ),
    ),
    Case(
        _V + "forbid transition rule on element of list of type atomic",
        V,
        f"{SCHEMA}.properties.v.items.x-kubernetes-validations[0].rule",
        schema(
            "{type: object, properties: {v: {type: array, x-kubernetes-list-type: atomic, items: {type: string, maxLength: 1, x-kubernetes-validations: [{rule: self == oldSelf}]}}}}"
        ),
    ),
    Case(
        _V + "forbid transition rule on element of list defaulting to type atomic",
        V,
        f"{SCHEMA}.properties.v.items.x-kubernetes-validations[0].rule",
        schema(
            "{type: object, properties: {v: {type: array, items: {type: string, maxLength: 1, x-kubernetes-validations: [{rule: self == oldSelf}]}}}}"
        ),
    ),
    Case(
        _V + "allow transition rule on list of type atomic",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {v: {type: array, x-kubernetes-list-type: atomic, maxItems: 10, items: {type: string, maxLength: 1}, x-kubernetes-validations: [{rule: self == oldSelf}]}}}"
        ),
    ),
    Case(
        _V + "forbid transition rule on element of list of type set",
        V,
        f"{SCHEMA}.properties.v.items.x-kubernetes-validations[0].rule",
        schema(
            "{type: object, properties: {v: {type: array, x-kubernetes-list-type: set, items: {type: string, maxLength: 1, x-kubernetes-validations: [{rule: self == oldSelf}]}}}}"
        ),
    ),
    Case(
        _V + "allow transition rule on element of list of type map",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {v: {type: array, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [name],"
            " items: {type: object, required: [name], properties: {name: {type: string, maxLength: 5}}, x-kubernetes-validations: [{rule: self == oldSelf}]}}}}"
        ),
    ),
    Case(
        _V + "allow transition rule on element of map of type granular",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {v: {type: object, x-kubernetes-map-type: granular, properties: {subfield: {type: string, x-kubernetes-validations: [{rule: self == oldSelf}]}}}}}"
        ),
    ),
    Case(
        _V + "forbid transition rule on element of map of unrecognized type",
        V,
        f"{SCHEMA}.properties.v.properties.subfield.x-kubernetes-validations[0].rule",
        schema(
            "{type: object, properties: {v: {type: object, x-kubernetes-map-type: future, properties: {subfield: {type: string, x-kubernetes-validations: [{rule: self == oldSelf}]}}}}}"
        ),
    ),
    Case(
        _V + "forbid setting optionalOldSelf to true if oldSelf is not used",
        V,
        f"{SCHEMA}.properties.v.x-kubernetes-validations[0].optionalOldSelf",
        schema(
            "{type: object, properties: {v: {type: string, maxLength: 10, x-kubernetes-validations: [{rule: 'self.size() > 0', optionalOldSelf: true}]}}}"
        ),
    ),
    Case(
        _V + "forbid setting optionalOldSelf to false if oldSelf is not used",
        V,
        f"{SCHEMA}.properties.v.x-kubernetes-validations[0].optionalOldSelf",
        schema(
            "{type: object, properties: {v: {type: string, maxLength: 10, x-kubernetes-validations: [{rule: 'self.size() > 0', optionalOldSelf: false}]}}}"
        ),
    ),
    Case(
        _V + "optionalOldSelf is dropped before 1.30 (CRDValidationRatcheting alpha)",
        "1.29",
        ACCEPTED,
        schema(
            "{type: object, properties: {v: {type: string, maxLength: 10, x-kubernetes-validations: [{rule: 'self.size() > 0', optionalOldSelf: true}]}}}"
        ),
    ),
    Case(
        _V + "skip CEL expression validation when OpenAPIv3 schema is an invalid structural schema",
        V,
        f"{SCHEMA}.properties.a.type",
        schema("{type: object, properties: {a: {}}, x-kubernetes-validations: [{rule: 'self.a >'}]}"),
    ),
    Case(
        _V + "optional list elements and map entries parse (cel-go optional syntax)",
        V,
        ACCEPTED,
        schema(
            '{type: object, properties: {a: {type: string}}, x-kubernetes-validations: [{rule: "[?self.?a].size() <= 1"}, {rule: "{?\'k\': self.?a}.size() <= 1"}]}'
        ),
    ),
    Case(
        _V + "invalid rule in x-kubernetes-validations (undeclared reference, as cel.Compile's checker says)",
        V,
        f"{SCHEMA}.x-kubernetes-validations[0].rule",
        schema(
            "{type: object, properties: {spec: {type: object}}, x-kubernetes-validations: [{rule: 'has(object.spec)'}]}"
        ),
    ),
    Case(
        _V + "invalid x-kubernetes-validations for unknown property",
        V,
        f"{SCHEMA}.x-kubernetes-validations[0].rule",
        schema("{type: object, x-kubernetes-validations: [{rule: 'self.unknownProp > 0'}]}"),
    ),
    Case(
        _V + "invalid x-kubernetes-validations for unknown nested property",
        V,
        f"{SCHEMA}.properties.spec.x-kubernetes-validations[0].rule",
        schema(
            "{type: object, properties: {spec: {type: object, properties: {a: {type: object, properties: {b: {type: string}}}}, x-kubernetes-validations: [{rule: \"self.a.c == 'x' || self.a.b == 'self.zz'\"}]}}}"
        ),
    ),
    Case(
        _V + "selections of map keys, methods and the metadata name are not refused",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {m: {type: object, additionalProperties: {type: string}}, s: {type: string}},"
            " x-kubernetes-validations: [{rule: \"self.m.anything == 'a' || self.s.startsWith('x') || self.metadata.name == 'n'\"}]}"
        ),
    ),
    Case(
        _V + "macro variables, libraries and type names are declared",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {l: {type: array, items: {type: string}}, m: {type: object, additionalProperties: {type: integer}}},"
            ' x-kubernetes-validations: [{rule: "self.l.all(x, self.l.exists(y, x == y)) && self.m.all(k, self.m[k] >= 0) && type(self.l) == list'
            ' && cel.bind(n, size(self.l), n < 3) && math.greatest(1, 2) == 2 && optional.of(1).hasValue()"}]}'
        ),
    ),
    Case(
        _V + "x-kubernetes-validations rule invalidated by messageExpression syntax error",
        V,
        f"{SCHEMA}.x-kubernetes-validations[0].messageExpression",
        schema(
            "{type: object, properties: {a: {type: integer}}, x-kubernetes-validations: [{rule: 'self.a > 0', messageExpression: '\"a\" +'}]}"
        ),
    ),
    Case(
        _V + "x-kubernetes-validations rule with messageExpression",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {a: {type: integer}}, x-kubernetes-validations: [{rule: 'self.a > 0', messageExpression: '\"a is \" + string(self.a)'}]}"
        ),
    ),
    Case(
        _V + "x-kubernetes-validations rule invalidated by messageExpression being only empty spaces",
        V,
        f"{SCHEMA}.x-kubernetes-validations[0].messageExpression",
        schema(
            "{type: object, properties: {a: {type: integer}}, x-kubernetes-validations: [{rule: 'self.a > 0', messageExpression: '   '}]}"
        ),
    ),
    Case(
        _V + "valid default with x-kubernetes-validations",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {embedded: {type: object, default: {x: 1}, properties: {x: {type: integer}}, x-kubernetes-validations: [{rule: self.x > 0}]}}}"
        ),
    ),
    Case(
        _V + "invalid default with x-kubernetes-validations",
        V,
        f"{SCHEMA}.properties.embedded.default",
        schema(
            "{type: object, properties: {embedded: {type: object, default: {x: -1}, properties: {x: {type: integer}}, x-kubernetes-validations: [{rule: self.x > 0}]}}}"
        ),
    ),
    Case(
        _V + "uniqueItems forbidden",
        V,
        f"{SCHEMA}.properties.a.uniqueItems",
        schema("{type: object, properties: {a: {type: array, uniqueItems: true, items: {type: string}}}}"),
    ),
    Case(
        _V + "$ref forbidden",
        V,
        f"{SCHEMA}.properties.a['$ref']",
        schema("{type: object, properties: {a: {type: object, $ref: '#/definitions/x'}}}"),
    ),
    Case(
        _V + "patternProperties forbidden",
        V,
        f"{SCHEMA}.properties.a.patternProperties",
        schema("{type: object, properties: {a: {type: object, patternProperties: {'^x': {type: string}}}}}"),
    ),
    Case(
        _V + "description under anyOf is not structural",
        V,
        f"{SCHEMA}.properties.a.anyOf[0].description",
        schema("{type: object, properties: {a: {type: string, anyOf: [{description: 'short', maxLength: 3}]}}}"),
    ),
    Case(
        _V + "type under allOf is not structural",
        V,
        f"{SCHEMA}.properties.a.allOf[0].type",
        schema("{type: object, properties: {a: {type: string, allOf: [{type: string}]}}}"),
    ),
    Case(
        _V + "int-or-string anyOf is structural",
        V,
        ACCEPTED,
        schema(
            "{type: object, properties: {a: {x-kubernetes-int-or-string: true, allOf: [{anyOf: [{type: integer}, {type: string}]}, {pattern: '^[0-9]+%?$'}]}}}"
        ),
    ),
    Case(
        _V + "root junctor names a property that does not exist",
        V,
        f"{SCHEMA}.properties.b",
        schema(
            "{type: object, properties: {a: {type: string}}, anyOf: [{required: [a]}, {properties: {b: {maxLength: 2}}}]}"
        ),
    ),
    Case(
        _V + "nested metadata in a junctor",
        V,
        f"{SCHEMA}.anyOf[0].properties.metadata",
        schema(
            "{type: object, properties: {metadata: {type: object}}, anyOf: [{properties: {metadata: {required: [name]}}}]}"
        ),
    ),
    Case(
        _V + "pattern with a lookahead is no RE2",
        V,
        f"{SCHEMA}.properties.a.pattern",
        schema("{type: object, properties: {a: {type: string, pattern: '^(?!x).*$'}}}"),
    ),
    Case(
        _V + "pattern with a backreference is no RE2", V, f"{SCHEMA}.properties.a.pattern", schema(_pattern(r"^(a)\1$"))
    ),
    Case(
        _V + "pattern with an octal escape and lookahead-like literals",
        V,
        ACCEPTED,
        schema(_pattern(r"^\101\(?=[(?=]$")),
    ),
    Case(
        _V + "pattern in RE2 syntax",
        V,
        ACCEPTED,
        schema("{type: object, properties: {a: {type: string, pattern: '^[[:alpha:]]\\pL+\\z'}}}"),
    ),
]

_F = "TestValidateFieldPath/"
_FIELD_PATH_SCHEMA = yaml.safe_load(
    """
    type: object
    properties:
      foo: {type: object, additionalProperties: {type: object, properties: {f1: {type: number}}}}
      a:
        type: object
        properties:
          bbb: {type: object, properties: {c: {type: number}, '34': {type: number}}}
          bbb.c: {type: object, properties: {a-b34: {type: number}}}
      list: {type: array, items: {type: object, properties: {a: {type: number}, a-b.34: {type: number}}}}
    """
)


def _field_path(name: str, path: str, valid: bool) -> Case:
    rooted = {**_FIELD_PATH_SCHEMA, "x-kubernetes-validations": [{"rule": "true", "fieldPath": path}]}
    where = f"{SCHEMA}.x-kubernetes-validations[0].fieldPath"
    return Case(_F + name, V, ACCEPTED if valid else where, schema(yaml.safe_dump(rooted)))


FIELD_PATHS = [
    _field_path("Valid .a", ".a", True),
    _field_path("Valid .a.b", ".a.bbb", True),
    _field_path("Valid .foo.f1", ".foo.f1", True),
    _field_path("Invalid map syntax .a.b", ".a['bbb']", True),
    _field_path("Valid .a['bbb.c']", ".a['bbb.c']", True),
    _field_path("Valid .a['bbb.c'].a-b34", ".a['bbb.c'].a-b34", True),
    _field_path("Valid .a['bbb.c']['a-b34']", ".a['bbb.c']['a-b34']", True),
    _field_path("Valid .a.bbb.c", ".a.bbb.c", True),
    _field_path("Valid .a.bbb.34", ".a.bbb['34']", True),
    _field_path("Invalid map key", ".a.foo", False),
    _field_path("Malformed map key", ".a.bbb[0]", False),
    _field_path("number in field names", ".a.bbb.34", True),
    _field_path("Valid .list", ".list", True),
    _field_path("Invalid .list[1]", ".list[1]", False),
    _field_path("Unsopported .list.a", ".list.a", False),
    _field_path("Unsupported .list['a-b.34']", ".list['a-b.34']", False),
    _field_path("Invalid .list.a-b.34", ".list.a-b.34", False),
    _field_path("Missing leading dot", "a", False),
    _field_path("Nonexistent field", ".c", False),
    _field_path("Duplicate dots", ".a..b", False),
    _field_path("Negative array index", ".list[-1]", False),
    _field_path("Floating-point array index", ".list[1.0]", False),
]

_S = "TestSelectableFields/"
_SELECTABLE_SCHEMA = "{type: object, properties: {spec: {type: object, properties: {color: {type: string}, size: {type: integer}, tags: {type: array, items: {type: string}}}}}}"

SELECTABLE = [
    Case(
        _S + "valid",
        V,
        ACCEPTED,
        schema(_SELECTABLE_SCHEMA, extra="selectableFields: [{jsonPath: .spec.color}, {jsonPath: .spec.size}]"),
    ),
    Case(
        _S + "invalid path",
        V,
        "spec.selectableFields[0].jsonPath",
        schema(_SELECTABLE_SCHEMA, extra="selectableFields: [{jsonPath: .spec.nope}]"),
    ),
    Case(
        _S + "array type not allowed",
        V,
        "spec.selectableFields[0].jsonPath",
        schema(_SELECTABLE_SCHEMA, extra="selectableFields: [{jsonPath: .spec.tags}]"),
    ),
    Case(
        _S + "duplicate",
        V,
        "spec.selectableFields[1].jsonPath",
        schema(_SELECTABLE_SCHEMA, extra="selectableFields: [{jsonPath: .spec.color}, {jsonPath: .spec.color}]"),
    ),
    Case(
        _S + "before 1.31 the field is dropped",
        "1.30",
        ACCEPTED,
        schema(_SELECTABLE_SCHEMA, extra="selectableFields: [{jsonPath: .spec.nope}]"),
    ),
]

_D = "Test_validateDeprecationWarning/"

DEPRECATION = [
    Case(_D + "not deprecated, nil warning", V, ACCEPTED, schema("{type: object}", extra="deprecated: false")),
    Case(
        _D + "not deprecated, empty warning",
        V,
        "spec.versions[0].deprecationWarning",
        schema("{type: object}", extra="{deprecated: false, deprecationWarning: ''}"),
    ),
    Case(
        _D + "deprecated, empty warning",
        V,
        "spec.versions[0].deprecationWarning",
        schema("{type: object}", extra="{deprecated: true, deprecationWarning: ''}"),
    ),
    Case(
        _D + "deprecated, long warning",
        V,
        "spec.versions[0].deprecationWarning",
        schema("{type: object}", extra=f"{{deprecated: true, deprecationWarning: {'x' * 257}}}"),
    ),
    Case(
        _D + "deprecated, valid warning",
        V,
        ACCEPTED,
        schema("{type: object}", extra="{deprecated: true, deprecationWarning: use v2}"),
    ),
]

CASES = SPEC + VALIDATION + FIELD_PATHS + SELECTABLE + DEPRECATION


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.go_test)
def test_the_server_verdict(case: Case) -> None:
    assert_server_verdict(manifest(case), case.kube_version, case.expected)


def test_cases_cover_both_ways() -> None:
    for area in (SPEC, VALIDATION, FIELD_PATHS, SELECTABLE, DEPRECATION):
        assert {c.expected == ACCEPTED for c in area} == {True, False}
    assert len({c.go_test for c in CASES}) == len(CASES), "each case is named once"


def test_the_base_is_valid_at_every_version() -> None:
    from k8slab.validation.schema import supported_versions

    for version in supported_versions():
        assert check([BASE], kube_version=version, cross_checks=False).problems == []


# Custom resources against a CRD: the defaulting, pruning, list-type and objectmeta tests.


def _crd(text: str) -> dict[str, Any]:
    return merge(BASE, yaml.safe_load(schema(text, status=True)))


def _cr(text: str) -> dict[str, Any]:
    body: dict[str, Any] = {"apiVersion": "group.com/version", "kind": "Plural", "metadata": {"name": "a"}}
    body.update(yaml.safe_load(textwrap.dedent(text)) or {})
    return body


class CR(NamedTuple):
    go_test: str
    crd: str
    cr: str
    expected: str


CUSTOM = [
    CR(
        "defaulting/TestDefault/nested defaults",
        "{type: object, properties: {spec: {type: object, default: {}, properties: {a: {type: integer, default: 1}},"
        " x-kubernetes-validations: [{rule: '!has(self.a) || self.a == 1'}]}}}",
        "{}",
        ACCEPTED,
    ),
    CR(
        "defaulting/TestDefault/a given value is not defaulted",
        "{type: object, properties: {spec: {type: object, default: {}, properties: {a: {type: integer, default: 1}},"
        " x-kubernetes-validations: [{rule: '!has(self.a) || self.a == 1'}]}}}",
        "{spec: {a: 3}}",
        "spec",
    ),
    CR(
        "defaulting/TestDefault/a default inside a default is applied",
        "{type: object, properties: {spec: {type: object, default: {}, properties: {a: {type: integer, default: 1}}}},"
        " x-kubernetes-validations: [{rule: 'self.spec.a == 1'}]}",
        "{}",
        ACCEPTED,
    ),
    CR(
        "defaulting/TestPruneNonNullableNullsWithoutDefaults/null of a non-nullable field is dropped",
        "{type: object, properties: {spec: {type: object, required: [], properties: {a: {type: string}}}}}",
        "{spec: {a: null}}",
        ACCEPTED,
    ),
    CR(
        "defaulting/TestDefault/null of a defaulted field is defaulted",
        "{type: object, properties: {spec: {type: object, properties: {a: {type: string, default: x, enum: [x]}}}}}",
        "{spec: {a: null}}",
        ACCEPTED,
    ),
    CR(
        "defaulting/TestDefault/nullable null is kept",
        "{type: object, properties: {spec: {type: object, properties: {a: {type: string, nullable: true, default: x}}}}}",
        "{spec: {a: null}}",
        ACCEPTED,
    ),
    CR(
        "pruning/TestPrune/unknown field (strict field validation)",
        "{type: object, properties: {spec: {type: object, properties: {a: {type: string}}}}}",
        "{spec: {a: x, b: y}}",
        "spec.b",
    ),
    CR(
        "pruning/TestPrune/x-kubernetes-preserve-unknown-fields keeps unknown fields",
        "{type: object, properties: {spec: {type: object, x-kubernetes-preserve-unknown-fields: true, properties: {a: {type: string}}}}}",
        "{spec: {a: x, b: {c: 1}}}",
        ACCEPTED,
    ),
    CR(
        "listtype/TestValidateListSetsAndMaps/set with duplicates",
        "{type: object, properties: {spec: {type: object, properties: {s: {type: array, x-kubernetes-list-type: set, items: {type: string}}}}}}",
        "{spec: {s: [a, b, a]}}",
        "spec.s[2]",
    ),
    CR(
        "listtype/TestValidateListSetsAndMaps/map with duplicate keys",
        "{type: object, properties: {spec: {type: object, properties: {m: {type: array, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [k],"
        " items: {type: object, required: [k], properties: {k: {type: string}, v: {type: integer}}}}}}}}",
        "{spec: {m: [{k: a, v: 1}, {k: a, v: 2}]}}",
        "spec.m[1]",
    ),
    CR(
        "listtype/TestValidateListSetsAndMaps/map with distinct keys",
        "{type: object, properties: {spec: {type: object, properties: {m: {type: array, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [k],"
        " items: {type: object, required: [k], properties: {k: {type: string}, v: {type: integer}}}}}}}}",
        "{spec: {m: [{k: a, v: 1}, {k: b, v: 1}]}}",
        ACCEPTED,
    ),
    CR(
        "objectmeta/TestValidateEmbeddedResource/missing kind",
        "{type: object, properties: {spec: {type: object, properties: {e: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}}}}}",
        "{spec: {e: {apiVersion: v1}}}",
        "spec.e.kind",
    ),
    CR(
        "objectmeta/TestValidateEmbeddedResource/valid",
        "{type: object, properties: {spec: {type: object, properties: {e: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}}}}}",
        "{spec: {e: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}}}",
        ACCEPTED,
    ),
    CR(
        "objectmeta/TestValidateEmbeddedResource/invalid kind",
        "{type: object, properties: {spec: {type: object, properties: {e: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}}}}}",
        "{spec: {e: {apiVersion: foo/v1, kind: foo.bar-com}}}",
        "spec.e.kind",
    ),
    CR(
        "objectmeta/TestValidateEmbeddedResource/no name",
        "{type: object, properties: {spec: {type: object, properties: {e: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}}}}}",
        "{spec: {e: {apiVersion: foo/v1, kind: Foo, metadata: {namespace: kube-system}}}}",
        ACCEPTED,
    ),
    CR(
        "objectmeta/TestValidateEmbeddedResource/invalid (name)",
        "{type: object, properties: {spec: {type: object, properties: {e: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}}}}}",
        "{spec: {e: {apiVersion: foo/v1, kind: Foo, metadata: {name: '..'}}}}",
        "spec.e.metadata.name",
    ),
    CR(
        "objectmeta/TestValidateEmbeddedResource/invalid (namespace)",
        "{type: object, properties: {spec: {type: object, properties: {e: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}}}}}",
        "{spec: {e: {apiVersion: foo/v1, kind: Foo, metadata: {name: foo, namespace: $$$}}}}",
        "spec.e.metadata.namespace",
    ),
    CR(
        "objectmeta/TestValidateEmbeddedResource/invalid (labels)",
        "{type: object, properties: {spec: {type: object, properties: {e: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}}}}}",
        "{spec: {e: {apiVersion: foo/v1, kind: Foo, metadata: {name: foo, labels: {'#': '#'}}}}}",
        "spec.e.metadata.labels",
    ),
    CR(
        "objectmeta/TestValidateEmbeddedResource/invalid (annotations)",
        "{type: object, properties: {spec: {type: object, properties: {e: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}}}}}",
        "{spec: {e: {apiVersion: foo/v1, kind: Foo, metadata: {name: foo, annotations: {'#': '#'}}}}}",
        "spec.e.metadata.annotations",
    ),
    CR(
        "objectmeta/TestValidate/items",
        "{type: object, properties: {spec: {type: object, properties: {items: {type: array, items: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}}}}}}",
        "{spec: {items: [{}]}}",
        "spec.items[0].apiVersion",
    ),
    CR(
        "objectmeta/TestValidate/additionalProperties",
        "{type: object, properties: {spec: {type: object, properties: {m: {type: object, additionalProperties: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}}}}}}",
        "{spec: {m: {foo: {}}}}",
        "spec.m.foo.kind",
    ),
    CR(
        "cel/TestValidationExpressions/a rule of syntax the parser here cannot read is not run",
        '{type: object, properties: {spec: {type: object, properties: {a: {type: string}}, x-kubernetes-validations: [{rule: "[?self.?a].size() == 1"}]}}}',
        "{spec: {a: x}}",
        ACCEPTED,
    ),
    CR(
        "cel/TestValidationExpressions/rule fails",
        "{type: object, properties: {spec: {type: object, properties: {a: {type: integer}}, x-kubernetes-validations: [{rule: self.a < 10, message: small}]}}}",
        "{spec: {a: 11}}",
        "spec",
    ),
    CR(
        "cel/TestValidationExpressions/status is dropped on create with the status subresource",
        "{type: object, properties: {status: {type: object, properties: {a: {type: integer, maximum: 1}}}}}",
        "{status: {a: 5}}",
        ACCEPTED,
    ),
]


@pytest.mark.parametrize("case", CUSTOM, ids=lambda c: c.go_test)
def test_custom_resources(case: CR) -> None:
    crd = _crd(case.crd)
    assert check([crd], cross_checks=False).problems == [], "the CRD itself is valid"
    paths = [p.path for p in validate_custom(_cr(case.cr), crd)]
    if case.expected == ACCEPTED:
        assert paths == []
    else:
        assert case.expected in paths


def _subtrees(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _subtrees(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _subtrees(item, (*path, index))
    return found


def _replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copied = copy.deepcopy(value)
    target = copied
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = new
    return copied


def test_any_field_of_the_wrong_type_is_reported_not_a_crash() -> None:
    """Every field of a rich CRD, in turn, replaced by a value of each other JSON type: never an exception."""
    from pathlib import Path

    text = (Path(__file__).parent / "fixtures" / "validate" / "valid" / "crds.yaml").read_text()
    crd = yaml.safe_load(text.split("\n---\n")[0])
    assert check([crd], cross_checks=False).problems == []
    for path in _subtrees(crd)[1:]:
        for new in (None, 7, "x", True, [], [1, {"a": []}], {}, {"type": ["a"]}):
            broken = _replaced(crd, path, new)
            check([broken], cross_checks=False)  # must not raise


def test_a_custom_resource_of_a_broken_crd_is_reported_not_a_crash() -> None:
    """Each field of the served version's schema replaced by a wrong type; its custom resource still checks."""
    from pathlib import Path

    from k8slab.errors import UsageError

    text = (Path(__file__).parent / "fixtures" / "validate" / "valid" / "crds.yaml").read_text()
    crd = yaml.safe_load(text.split("\n---\n")[0])
    widget = {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}}
    widget["spec"] = {"ports": [{"port": 1}], "template": {"apiVersion": "v1", "kind": "X"}, "tags": ["a"]}
    assert validate_custom(widget, crd) == []
    for path in _subtrees(crd)[1:]:
        if path[:3] != ("spec", "versions", 1):
            continue
        for new in (None, 7, "x", [], {"type": ["a"]}):
            with contextlib.suppress(UsageError):
                validate_custom(widget, _replaced(crd, path, new))


def test_invalid_defaults_are_found_exactly() -> None:
    """TestValidateCustomResourceDefinition/invalid defaults with enabled feature gate, structural schema: every error, no other."""
    crd = merge(
        BASE,
        yaml.safe_load(
            schema(
                """
                type: object
                properties:
                  a: {type: object, properties: {foo: {type: string}}, default: {foo: abc, bar: 42}}
                  b: {type: object, properties: {foo: {type: string}}, default: {foo: abc}}
                  c: {type: object, properties: {foo: {type: string}}, default: {foo: 42}}
                  d:
                    type: object
                    properties: {good: {type: string, pattern: a}, bad: {type: string, pattern: b}}
                    default: {good: a, bad: a}
                  e:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
                    properties:
                      preserveUnknownFields: {type: object, default: {foo: abc, bar: 42}}
                      nestedProperties: {type: object, properties: {foo: {type: string}}, default: {foo: abc, bar: 42}}
                  embedded:
                    type: object
                    x-kubernetes-embedded-resource: true
                    properties: {foo: {type: string}}
                    default: {foo: abc, apiVersion: foo/v1, kind: v1, metadata: {name: foo}}
                  embedded-preserve:
                    type: object
                    x-kubernetes-embedded-resource: true
                    x-kubernetes-preserve-unknown-fields: true
                    properties: {foo: {type: string}}
                    default: {foo: abc, apiVersion: foo/v1, kind: v1, metadata: {name: foo}, bar: 42}
                  embedded-preserve-unpruned-objectmeta:
                    type: object
                    x-kubernetes-embedded-resource: true
                    x-kubernetes-preserve-unknown-fields: true
                    properties: {foo: {type: string}}
                    default: {foo: abc, apiVersion: foo/v1, kind: v1, metadata: {name: foo, unspecified: bar}, bar: 42}
                """
            )
        ),
    )
    paths = {p.path for p in check([crd], cross_checks=False).problems}
    assert paths == {
        f"{SCHEMA}.properties.a.default",
        f"{SCHEMA}.properties.c.default.foo",
        f"{SCHEMA}.properties.d.default.bad",
        f"{SCHEMA}.properties.e.properties.preserveUnknownFields.default",
        f"{SCHEMA}.properties.e.properties.nestedProperties.default",
    }


def _shared_documents(pattern: str) -> list[dict[str, Any]]:
    from .conftest import SHARED_CRDS

    assert SHARED_CRDS.is_dir(), f"{SHARED_CRDS} is not there"
    return [
        doc
        for path in sorted(SHARED_CRDS.glob(pattern))
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8"))
        if isinstance(doc, dict)
    ]


@pytest.mark.parametrize("version", ["1.31", "1.33", "1.37"])
def test_the_shipped_crds_pass_as_the_server_accepts_them(version: str) -> None:
    """Gateway API, cert-manager and prometheus-operator CRDs, as their projects ship them.

    From 1.31: before, cert-manager's ``selectableFields`` is a field the CRD API does not have.
    """
    crds = [d for d in _shared_documents("*/*.yaml") if d.get("kind") == "CustomResourceDefinition"]
    assert len(crds) >= 19
    assert check(crds, kube_version=version, cross_checks=False).problems == []


def test_the_gateway_api_examples_pass_against_the_shipped_crds() -> None:
    crds = [d for d in _shared_documents("gateway-api/*.yaml") if d.get("kind") == "CustomResourceDefinition"]
    examples = _shared_documents("gateway-api/examples/**/*.yaml")
    assert len(examples) >= 81
    report = check(examples, crds=crds, cross_checks=False)
    assert report.problems == []
    assert not [u for u in report.unchecked if not u.startswith("Namespace")]
