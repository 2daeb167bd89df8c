"""Secret values never show in the API server's messages: masked before any clipping or re-spacing.

A 403 or 422 message may quote a value the stack sends in a Secret, as is, with its spaces
collapsed, Go-quoted, or base64-encoded; a long one may sit where the message is clipped.
"""

from __future__ import annotations

import base64
import io
import json
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from k8slab.deploy import Cluster, apply
from k8slab.deploy.failures import error_from_status
from k8slab.deploy.secrets import MASK, Redactor
from k8slab.errors import ApplyError, Forbidden, Invalid

from .k8s_emulator import Emulator
from .k8s_emulator import manifests as m

PASSWORD = "correct horse  battery-staple"
TOKEN = "tok-" + "".join(string.ascii_letters[i % 52] for i in range(600))
"""A long token: clipped at 400 characters before masking, its first part used to show."""


def _secret() -> dict[str, object]:
    return {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": "creds", "namespace": "lab"},
        "stringData": {"password": PASSWORD, "token": TOKEN},
    }


def _leaks(text: str) -> list[str]:
    """Any piece of a value (8 characters or more) that shows in ``text``."""
    pieces = []
    for value in (PASSWORD, " ".join(PASSWORD.split()), TOKEN):
        pieces += [value[i : i + 8] for i in range(len(value) - 7)]
    pieces += [base64.b64encode(" ".join(PASSWORD.split()).encode()).decode()[:12]]
    return sorted({p for p in pieces if p in text})


def test_a_403_quoting_values_in_every_form_shows_none(emulator: Emulator, cluster: Cluster) -> None:
    collapsed = " ".join(PASSWORD.split())
    message = (
        f"secrets is forbidden: password={PASSWORD} or password={collapsed} (base64"
        f" {base64.b64encode(collapsed.encode()).decode()}), {'x' * 300} token={TOKEN}"
    )
    emulator.fail("PATCH", "/configmaps/cfg$", 403, message=message)
    with pytest.raises(Forbidden) as err:
        apply([m.namespace(), _secret(), m.configmap()], name="lab", cluster=cluster, output=io.StringIO())
    text = str(err.value)
    assert _leaks(text) == []
    assert f"password={MASK} or password={MASK} (base64 {MASK})" in text
    assert text.count("\n") == 0 and len(text) < 600


def test_a_422_quoting_values_in_its_message_and_causes_shows_none(emulator: Emulator, cluster: Cluster) -> None:
    quoted = json.dumps(PASSWORD + "\n")[1:-1]
    emulator.fail(
        "PATCH",
        "/configmaps/cfg$",
        422,
        message=f'ConfigMap "cfg" is invalid: data: Invalid value: "password=correct horse battery-staple" {TOKEN}',
        causes=(
            {"field": "data.a", "message": f"Invalid value: {'y' * 390}{TOKEN}"},
            {"field": "data.b", "message": f'Invalid value: "{quoted}"'},
        ),
    )
    secret = _secret()
    secret["stringData"] = {"password": PASSWORD + "\n", "token": TOKEN}
    with pytest.raises(Invalid) as err:
        apply([m.namespace(), secret, m.configmap()], name="lab", cluster=cluster, output=io.StringIO())
    text = str(err.value) + repr(err.value.problems) + " ".join(p.message for p in err.value.problems)
    assert _leaks(text) == []
    assert [p.message for p in err.value.problems][1] == f'Invalid value: "{MASK}"'


@settings(max_examples=60, deadline=None)
@given(
    value=st.text(min_size=4, max_size=120).filter(lambda v: len(v.strip()) >= 4),
    before=st.integers(0, 450),
    status=st.sampled_from([403, 404, 409, 422, 500]),
)
def test_no_value_or_its_prefix_survives_any_position(value: str, before: int, status: int) -> None:
    redact = Redactor()
    redact.add_objects([{"kind": "Secret", "stringData": {"k": value}}])

    def shown(message: str) -> str:
        body = json.dumps({"message": message}).encode()
        error = error_from_status(status, "X", body, verb="patch", resource="configmaps", redact=redact)
        assert isinstance(error, ApplyError)
        return str(error) + " ".join(p.message for p in getattr(error, "problems", ()))

    text, without = shown("." * before + value + " tail"), shown("." * before + " tail")
    collapsed = " ".join(value.split())
    if len(collapsed) >= 4 and collapsed not in without:  # words of k8slab's own sentence are not the value
        assert collapsed not in text
    if len(value) >= 14 and value.isalnum():
        assert value[:13] not in text  # the clipped prefix of a long value never shows
