"""The API server's semantic rules, one module per area, each rule a function ``(obj, kube_version) -> problems``.

``ALL`` lists them in the order their problems are reported; :mod:`k8slab.validation.engine`
registers them in its ``RULES``. Every rule reads a plain object (any manifest, not only
k8slab's), tolerates fields of the wrong type (the schema check reports those), reports field
paths in the API server's notation, and never puts a field's value in a message.

====================  ===========================================================================
module                what it checks
====================  ===========================================================================
``metadata``          names per kind, namespaces, labels, annotations (also of templates), owners, finalizers
``containers``        container names, images, ports, env, resources (huge pages), resize policies
``volumes``           volumes, volume mounts and volume devices
``volume_sources``    each volume source (helpers of ``volumes``, no rule of its own)
``claims``            PersistentVolumeClaims and claim templates
``data``              ConfigMaps and Secrets
``probes``            probes, init-container restrictions
``lifecycle``         lifecycle hooks (postStart, preStop) and their handlers
``security``          pod and container security contexts
``workloads``         pod specs; the apps workloads, ReplicationControllers, ControllerRevisions
``scheduling``        node and pod affinity, tolerations, topology spread constraints
``pods``              DNS config, host aliases, sysctls, downward-API field paths, ephemeral containers
``podfields``         node and class names, gates, host namespaces, the OS, Windows options
``podmeta``           pod-specific annotations (also of templates); what a pod may not carry on create
``batch``             Jobs and CronJobs
``services``          Services
``limitranges``       LimitRanges and ResourceQuotas
``networking``        Ingresses, IngressClasses and NetworkPolicies
``policy``            PodDisruptionBudgets and HorizontalPodAutoscalers
``rbac``              Roles, ClusterRoles, RoleBindings and ClusterRoleBindings
``storage``           StorageClasses
``scheduling_class``  PriorityClasses
``webhooks``          validating and mutating admission webhook configurations
``persistent``        PersistentVolumes
``endpoints``         Endpoints and EndpointSlices
``apiservices``       APIServices (kube-aggregator)
``node_classes``      RuntimeClasses
``csi``               CSI drivers, nodes and attachments; storage capacities; attributes classes
``leases``            Leases
``certificates``      CertificateSigningRequests
``admission``         validating and mutating admission policies and their bindings
``flowcontrol``       FlowSchemas and PriorityLevelConfigurations (API priority and fairness)
``crds``              CustomResourceDefinitions: names, versions, conversion, columns, subresources
``crd_schemas``       a CRD version's schema: structural, list and map types, CEL rules (helpers of ``crds``)
``crd_defaults``      a CRD schema's defaults: pruned, valid, passing their rules (helpers of ``crds``)
====================  ===========================================================================
"""

from __future__ import annotations

from ._base import Rule
from .admission import (
    check_admission_policy,
    check_admission_policy_binding,
    check_mutating_policy,
    check_mutating_policy_binding,
)
from .apiservices import check_api_service
from .batch import check_batch
from .certificates import check_certificate_signing_request
from .claims import check_claims
from .containers import check_containers
from .crds import check_crd
from .csi import (
    check_csi_driver,
    check_csi_node,
    check_storage_capacity,
    check_volume_attachment,
    check_volume_attributes_class,
)
from .data import check_data
from .endpoints import check_endpoint_slice, check_endpoints
from .flowcontrol import check_flow_schema, check_priority_level
from .leases import check_lease
from .lifecycle import check_lifecycle
from .limitranges import check_limit_range, check_resource_quota
from .metadata import check_metadata
from .networking import check_ingress, check_ingress_class, check_network_policy
from .node_classes import check_runtime_class
from .persistent import check_persistent_volume
from .podfields import check_pod_fields
from .podmeta import check_pod_meta
from .pods import check_pod_extras
from .policy import check_autoscaler, check_disruption_budget
from .probes import check_probes
from .rbac import check_rbac
from .scheduling import check_scheduling
from .scheduling_class import check_priority_class
from .security import check_security
from .services import check_service
from .storage import check_storage_class
from .volumes import check_volumes
from .webhooks import check_webhook_configuration
from .workloads import check_controller_revision, check_workload

__all__ = ["ALL", "Rule"]

ALL: tuple[Rule, ...] = (
    check_metadata,
    check_workload,
    check_scheduling,
    check_pod_extras,
    check_pod_fields,
    check_pod_meta,
    check_batch,
    check_containers,
    check_volumes,
    check_probes,
    check_lifecycle,
    check_security,
    check_claims,
    check_data,
    check_service,
    check_limit_range,
    check_resource_quota,
    check_ingress,
    check_ingress_class,
    check_network_policy,
    check_disruption_budget,
    check_autoscaler,
    check_rbac,
    check_storage_class,
    check_priority_class,
    check_webhook_configuration,
    check_controller_revision,
    check_persistent_volume,
    check_endpoints,
    check_endpoint_slice,
    check_api_service,
    check_runtime_class,
    check_csi_driver,
    check_csi_node,
    check_volume_attachment,
    check_storage_capacity,
    check_volume_attributes_class,
    check_lease,
    check_certificate_signing_request,
    check_admission_policy,
    check_admission_policy_binding,
    check_mutating_policy,
    check_mutating_policy_binding,
    check_flow_schema,
    check_priority_level,
    check_crd,
)
"""Every rule, in reporting order."""
