"""Typed Alertmanager settings for the kube-prometheus-stack release: receivers, routes, storage.

Credentials (a Slack URL, a webhook token) never go into the values file: Alertmanager reads them
from a Secret mounted at ``/etc/alertmanager/secrets/NAME/KEY``. See https://prometheus.io/docs/alerting/latest/configuration/
"""

from __future__ import annotations

import re
from dataclasses import KW_ONLY
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field

from .._model import builder, spec_error
from ..types import ConfigKey, Duration, FrozenList, PositiveQuantity, StorageClassName
from .limits import Limits
from .secret import Secret

__all__ = ["Alertmanager", "Receiver", "Route", "SecretKey", "Slack", "Storage", "Webhook"]

_CONFIG = "https://prometheus.io/docs/alerting/latest/configuration/"
_ROUTE = f"{_CONFIG}#route"
_AM_API = "https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.AlertmanagerSpec"
_RESOURCES = "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"
_STORAGE = "https://github.com/prometheus-operator/prometheus-operator/blob/main/Documentation/platform/storage.md"
_MATCHER = re.compile(r'\s*[a-zA-Z_][a-zA-Z0-9_]*\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|[^\s"{},]*)\s*')
SECRETS_DIR = "/etc/alertmanager/secrets"
"""Where the operator mounts ``alertmanagerSpec.secrets``: one directory per Secret."""


def _matcher(value: str) -> str:
    if not _MATCHER.fullmatch(value):
        raise ValueError("must be a matcher such as 'severity = \"critical\"' (operators =, !=, =~, !~)")
    return value


Matcher = Annotated[str, AfterValidator(_matcher)]


@builder
class SecretKey:
    """One key of a Secret in the monitoring namespace, mounted into Alertmanager as a file.

    ``SecretKey(kl.Secret.ref("slack", keys=["url"]), "url")``
    """

    secret: Secret = Field(
        description="The Secret (or Secret.ref) holding the value. See https://kubernetes.io/docs/concepts/configuration/secret/"
    )
    key: ConfigKey = Field(
        description="The key within the Secret. See https://kubernetes.io/docs/concepts/configuration/secret/"
    )

    def __post_init__(self) -> None:
        known = self.secret.keys()
        if (known or not self.secret.existing) and self.key not in known:
            raise spec_error("SecretKey", "key", f"Secret {self.secret.name} has no key {self.key!r}")

    @property
    def path(self) -> str:
        """The file the Alertmanager container reads the value from."""
        return f"{SECRETS_DIR}/{self.secret.name}/{self.key}"


@builder
class Webhook:
    """A webhook receiver config: a URL given inline or read from a Secret. See https://prometheus.io/docs/alerting/latest/configuration/#webhook_config"""

    url: str | None = Field(
        default=None, description=f"The URL, inline (http or https). Default: None. See {_CONFIG}#webhook_config"
    )
    _: KW_ONLY
    url_secret: SecretKey | None = Field(
        default=None,
        description=f"The URL read from a Secret key (url_file). Default: None. See {_CONFIG}#webhook_config",
    )
    send_resolved: bool = Field(
        default=True, description=f"Notify about resolved alerts too. Default: True. See {_CONFIG}"
    )

    def __post_init__(self) -> None:
        if (self.url is None) == (self.url_secret is None):
            raise spec_error("Webhook", "url", "give exactly one of url and url_secret")
        if self.url is not None and not re.fullmatch(r"https?://\S+", self.url):
            raise spec_error("Webhook", "url", "must be an http:// or https:// URL")

    def render(self) -> dict[str, Any]:
        """The ``webhook_configs[]`` entry."""
        where = {"url": self.url} if self.url_secret is None else {"url_file": self.url_secret.path}
        return {**where, "send_resolved": self.send_resolved}


@builder
class Slack:
    """A Slack receiver config; the incoming-webhook URL always comes from a Secret. See https://prometheus.io/docs/alerting/latest/configuration/#slack_config"""

    api_url_secret: SecretKey = Field(
        description=f"The Slack webhook URL, read from a Secret key (api_url_file). See {_CONFIG}"
    )
    _: KW_ONLY
    channel: str | None = Field(
        default=None,
        description=f"The channel, e.g. '#alerts'. Default: None (the webhook's own). See {_CONFIG}#slack_config",
    )
    send_resolved: bool = Field(
        default=True, description=f"Notify about resolved alerts too. Default: True. See {_CONFIG}"
    )

    def render(self) -> dict[str, Any]:
        """The ``slack_configs[]`` entry."""
        out: dict[str, Any] = {"api_url_file": self.api_url_secret.path, "send_resolved": self.send_resolved}
        if self.channel is not None:
            out["channel"] = self.channel
        return out


@builder
class Receiver:
    """A named notification target; a receiver with no configs drops alerts (like the chart's 'null'). See https://prometheus.io/docs/alerting/latest/configuration/#receiver"""

    name: str = Field(min_length=1, description=f"The receiver's name, used by routes. See {_CONFIG}#receiver")
    _: KW_ONLY
    webhooks: FrozenList[Webhook] = Field(
        default=(), description=f"Webhook configs. Default: (). See {_CONFIG}#webhook_config"
    )
    slack: FrozenList[Slack] = Field(default=(), description=f"Slack configs. Default: (). See {_CONFIG}#slack_config")

    def secret_keys(self) -> list[SecretKey]:
        """The Secret keys this receiver reads."""
        keys = [w.url_secret for w in self.webhooks if w.url_secret is not None]
        return keys + [s.api_url_secret for s in self.slack]

    def render(self) -> dict[str, Any]:
        """The ``receivers[]`` entry."""
        out: dict[str, Any] = {"name": self.name}
        if self.webhooks:
            out["webhook_configs"] = [w.render() for w in self.webhooks]
        if self.slack:
            out["slack_configs"] = [s.render() for s in self.slack]
        return out


@builder
class Route:
    """A routing-tree node: alerts matching ``matchers`` go to ``receiver``. See https://prometheus.io/docs/alerting/latest/configuration/#route"""

    receiver: str = Field(min_length=1, description=f"The receiver's name. See {_ROUTE}")
    _: KW_ONLY
    matchers: FrozenList[Matcher] = Field(
        default=(), description=f"Matchers like 'severity = \"critical\"'. Default: () (all). See {_CONFIG}#matcher"
    )
    group_by: FrozenList[str] | None = Field(
        default=None, description=f"Labels that group alerts. Default: None (the parent's). See {_ROUTE}"
    )
    group_wait: Duration | None = Field(
        default=None,
        description=f"Wait before a new group's first notification. Default: None (the parent's). See {_ROUTE}",
    )
    group_interval: Duration | None = Field(
        default=None, description=f"Wait between a group's notifications. Default: None (the parent's). See {_ROUTE}"
    )
    repeat_interval: Duration | None = Field(
        default=None, description=f"Wait before re-sending a notification. Default: None (the parent's). See {_ROUTE}"
    )
    continue_: bool = Field(
        default=False, description=f"Keep trying sibling routes ('continue'). Default: False. See {_ROUTE}"
    )
    routes: FrozenList[Route] = Field(default=(), description=f"Child routes, in order. Default: (). See {_ROUTE}")

    def receivers(self, path: str = "route") -> list[tuple[str, str]]:
        """(field path, receiver name) of this node and every child."""
        out = [(f"{path}.receiver", self.receiver)]
        for i, child in enumerate(self.routes):
            out += child.receivers(f"{path}.routes[{i}]")
        return out

    def render(self, extra: tuple[dict[str, Any], ...] = (), *, top: bool = False) -> dict[str, Any]:
        """The route block; ``extra`` child routes go first (k8slab's Watchdog silencer).

        The top route always lists its children, even none: the chart's default children
        (which name its 'null' receiver) must not survive Helm's merge of values.
        """
        out: dict[str, Any] = {"receiver": self.receiver}
        optional = {
            "group_by": list(self.group_by) if self.group_by is not None else None,
            "group_interval": self.group_interval,
            "group_wait": self.group_wait,
            "matchers": list(self.matchers) or None,
            "repeat_interval": self.repeat_interval,
        }
        out.update({k: v for k, v in optional.items() if v is not None})
        if self.continue_:
            out["continue"] = True
        children = [*extra, *(r.render() for r in self.routes)]
        if children or top:
            out["routes"] = children
        return out


@builder
class Storage:
    """A PersistentVolumeClaim template for Prometheus or Alertmanager data. See https://github.com/prometheus-operator/prometheus-operator/blob/main/Documentation/platform/storage.md"""

    size: PositiveQuantity = Field(default="10Gi", description=f"Requested storage. Default: '10Gi'. See {_STORAGE}")
    _: KW_ONLY
    storage_class: StorageClassName | None = Field(
        default=None,
        description="StorageClass; None uses the cluster default. Default: None. "
        "See https://kubernetes.io/docs/concepts/storage/storage-classes/",
    )
    access_modes: FrozenList[Literal["ReadWriteOnce", "ReadWriteOncePod", "ReadWriteMany"]] = Field(
        default=("ReadWriteOnce",),
        min_length=1,
        description="Access modes. Default: ('ReadWriteOnce',). "
        "See https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes",
    )

    def __post_init__(self) -> None:
        if "ReadWriteOncePod" in self.access_modes and len(self.access_modes) > 1:  # ValidatePersistentVolumeClaimSpec
            raise spec_error("Storage", "access_modes", "must not combine ReadWriteOncePod with other access modes")

    def render(self) -> dict[str, Any]:
        """The ``storageSpec`` / ``storage`` block."""
        spec: dict[str, Any] = {
            "accessModes": list(self.access_modes),
            "resources": {"requests": {"storage": self.size}},
        }
        if self.storage_class is not None:
            spec["storageClassName"] = self.storage_class
        return {"volumeClaimTemplate": {"spec": spec}}


@builder
class Alertmanager:
    """The stack's Alertmanager: receivers, the routing tree, retention, storage and resources.

    With no receivers the chart's own configuration stays (every alert goes to 'null').
    See https://prometheus.io/docs/alerting/latest/configuration/
    """

    _: KW_ONLY
    receivers: FrozenList[Receiver] = Field(
        default=(), description=f"Receivers. Default: () (the chart's 'null'). See {_CONFIG}#receiver"
    )
    route: Route | None = Field(
        default=None,
        description=f"The routing tree. Default: None (everything to the first receiver). See {_CONFIG}#route",
    )
    silence_watchdog: bool = Field(
        default=True,
        description="Route the chart's always-firing 'Watchdog' alert to a 'null' receiver. Default: True. "
        "See https://runbooks.prometheus-operator.dev/runbooks/general/watchdog/",
    )
    retention: Duration = Field(
        default="120h", description=f"How long silences and notification state are kept. Default: '120h'. See {_AM_API}"
    )
    storage: Storage | None = Field(
        default=None, description=f"Persistent storage. Default: None (emptyDir). See {_STORAGE}"
    )
    resources: Limits | None = Field(
        default=None, description=f"Container resources. Default: None (the chart's, unset). See {_RESOURCES}"
    )

    def __post_init__(self) -> None:
        names = [r.name for r in self.receivers]
        for i, name in enumerate(names):
            if name in names[:i]:
                raise spec_error("Alertmanager", f"receivers[{i}].name", "receiver names must be unique")
        if self.route is not None and not self.receivers:
            raise spec_error("Alertmanager", "route", "a route needs receivers")
        known = {*names, *(["null"] if self.silence_watchdog else [])}
        for path, name in self.route.receivers() if self.route else ():
            if name not in known:
                raise spec_error("Alertmanager", path, f"names no receiver (known: {', '.join(sorted(known))})")

    def secrets(self) -> list[Secret]:
        """The Secrets the receivers read, each once."""
        out: list[Secret] = []
        for key in (k for r in self.receivers for k in r.secret_keys()):
            if key.secret not in out:
                out.append(key.secret)
        return out

    def values(self) -> dict[str, Any]:
        """The chart's ``alertmanager`` section."""
        spec: dict[str, Any] = {"retention": self.retention}
        if self.storage is not None:
            spec["storage"] = self.storage.render()
        if self.resources is not None:
            spec["resources"] = self.resources.render()
        if self.secrets():
            spec["secrets"] = sorted(s.name for s in self.secrets())
        out: dict[str, Any] = {"alertmanagerSpec": spec, "enabled": True}
        if self.receivers:
            receivers = [r.render() for r in self.receivers]
            watchdog: tuple[dict[str, Any], ...] = ()
            if self.silence_watchdog:
                watchdog = ({"matchers": ['alertname = "Watchdog"'], "receiver": "null"},)
                if "null" not in {r.name for r in self.receivers}:
                    receivers.append({"name": "null"})
            route = self.route or Route(self.receivers[0].name)
            out["config"] = {"receivers": receivers, "route": route.render(watchdog, top=True)}
        return out
