"""Secret (k8slab.builders.secret): values never shown, base64 data, typed Secrets, files and env."""

from __future__ import annotations

import base64
import dataclasses
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import k8slab as kl
from k8slab.builders.base import RenderContext

CTX = RenderContext(namespace="ns", instance="lab")
VALUE = "hunter2-Sup3rS3cret"
MIB = 1024 * 1024


def render_one(secret: kl.Secret) -> dict[str, Any]:
    (obj,) = secret.render(CTX)
    return obj


def decoded(obj: dict[str, Any]) -> dict[str, bytes]:
    return {k: base64.b64decode(v, validate=True) for k, v in obj["data"].items()}


def spec_error(fn: Any, *args: Any, **kwargs: Any) -> kl.SpecError:
    with pytest.raises(kl.SpecError) as info:
        fn(*args, **kwargs)
    return info.value


def assert_hidden(err: kl.SpecError, value: str) -> None:
    """The value is in no part of the error, its problems, or a chained exception."""
    assert value not in str(err)
    assert value not in repr(err)
    for p in err.problems:
        assert value not in p.path
        assert value not in p.message
        assert value not in p.obj
    assert err.__cause__ is None
    assert err.__context__ is None


# --- repr and str --------------------------------------------------------------------------


def test_repr_and_str_show_keys_but_never_values() -> None:
    secret = kl.Secret("db", data={"password": VALUE, "username": "admin-user-name"})
    for text in (repr(secret), str(secret), f"{secret}", repr([secret])):
        assert VALUE not in text
        assert "admin-user-name" not in text
        assert "password" in text
        assert "db" in text


def test_repr_of_an_app_using_the_secret_hides_the_values() -> None:
    secret = kl.Secret("db", data={"password": VALUE})
    app = kl.App("web", image="nginx:1.27", port=8080, secrets=[secret, secret.mount("/etc/db")])
    assert VALUE not in repr(app)
    assert VALUE not in str(app)


def test_repr_hides_values_read_from_files(tmp_path: Path) -> None:
    (tmp_path / "token").write_text(VALUE)
    (tmp_path / "blob").write_bytes(b"\xff\xfe" + VALUE.encode())
    secret = kl.Secret.from_files("files", {"token": tmp_path / "token", "blob": str(tmp_path / "blob")})
    assert VALUE not in repr(secret)
    assert VALUE not in str(secret)
    assert "\\xff" not in repr(secret)


def test_repr_hides_values_read_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("K8SLAB_TEST_PASSWORD", VALUE)
    secret = kl.Secret.from_env("db", {"password": "K8SLAB_TEST_PASSWORD"})
    assert VALUE not in repr(secret)
    assert VALUE not in str(secret)


# --- rendering -----------------------------------------------------------------------------


def test_data_is_rendered_as_base64_in_data() -> None:
    obj = render_one(kl.Secret("db", data={"username": "admin", "password": VALUE, "raw": b"\x00\xff"}))
    assert obj["apiVersion"] == "v1"
    assert obj["kind"] == "Secret"
    assert obj["type"] == "Opaque"
    assert obj["metadata"]["name"] == "db"
    assert obj["metadata"]["namespace"] == "ns"
    assert "stringData" not in obj
    assert list(obj["data"]) == ["password", "raw", "username"]
    assert decoded(obj) == {"username": b"admin", "password": VALUE.encode(), "raw": b"\x00\xff"}
    # The plain value is nowhere in the object, only its base64 form.
    assert VALUE not in repr(obj)


def test_unicode_value_is_encoded_as_utf8() -> None:
    obj = render_one(kl.Secret("db", data={"word": "pässwörd"}))
    assert decoded(obj)["word"] == "pässwörd".encode()


def test_empty_secret_has_no_data_and_immutable_is_opt_in() -> None:
    assert "data" not in render_one(kl.Secret("empty"))
    assert "immutable" not in render_one(kl.Secret("db", data={"a": "b"}))
    assert render_one(kl.Secret("db", data={"a": "b"}, immutable=True))["immutable"] is True


def test_secret_is_immutable() -> None:
    secret = kl.Secret("db", data={"a": "b"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        secret.name = "other"  # type: ignore[misc]


def test_name_must_be_a_dns_subdomain() -> None:
    assert render_one(kl.Secret("db.prod", data={"a": "b"}))["metadata"]["name"] == "db.prod"
    err = spec_error(kl.Secret, "DB_Prod", data={"a": "b"})
    assert err.path == "name"


# --- typed Secrets -------------------------------------------------------------------------


def test_tls_secret_needs_crt_and_key() -> None:
    err = spec_error(kl.Secret, "tls", type="kubernetes.io/tls", data={"tls.crt": "CERT"})
    assert err.path == "data['tls.key']"
    err = spec_error(kl.Secret, "tls", type="kubernetes.io/tls", data={"tls.key": "KEY"})
    assert err.path == "data['tls.crt']"
    obj = render_one(kl.Secret("tls", type="kubernetes.io/tls", data={"tls.crt": "CERT", "tls.key": "KEY"}))
    assert obj["type"] == "kubernetes.io/tls"
    assert set(obj["data"]) == {"tls.crt", "tls.key"}


@pytest.mark.parametrize(
    ("type_", "key"),
    [("kubernetes.io/ssh-auth", "ssh-privatekey"), ("kubernetes.io/dockerconfigjson", ".dockerconfigjson")],
)
def test_typed_secret_needs_its_key(type_: str, key: str) -> None:
    err = spec_error(kl.Secret, "typed", type=type_, data={"other": "x"})
    assert err.path == f"data[{key!r}]"
    value = "{}" if key == ".dockerconfigjson" else "x"
    assert render_one(kl.Secret("typed", type=type_, data={key: value}))["type"] == type_  # type: ignore[arg-type]


def test_basic_auth_needs_username_or_password() -> None:
    err = spec_error(kl.Secret, "auth", type="kubernetes.io/basic-auth", data={"user": "x"})
    assert err.path == "data"
    for key in ("username", "password"):
        kl.Secret("auth", type="kubernetes.io/basic-auth", data={key: "x"})


def test_unknown_type_is_refused() -> None:
    assert spec_error(kl.Secret, "x", type="kubernetes.io/nonsense").path == "type"


# --- size ----------------------------------------------------------------------------------


def test_total_size_is_at_most_one_mib() -> None:
    kl.Secret("big", data={"k": "x" * MIB})  # the values hold exactly 1 MiB, as ValidateSecret counts
    err = spec_error(kl.Secret, "big", data={"k": "x" * (MIB + 1)})
    assert err.path == "data"
    assert "1 MiB" in str(err)
    err = spec_error(kl.Secret, "big", data={"a": "x" * (MIB // 2), "b": b"y" * (MIB // 2 + 1)})
    assert err.path == "data"


# --- from_files ----------------------------------------------------------------------------


def test_from_files_reads_text_and_binary(tmp_path: Path) -> None:
    (tmp_path / "cert.pem").write_text("-----BEGIN CERT-----\nabc\n")
    binary = bytes(range(256))
    (tmp_path / "keystore").write_bytes(binary)
    secret = kl.Secret.from_files("files", {"cert.pem": tmp_path / "cert.pem", "keystore": tmp_path / "keystore"})
    assert secret.keys() == ("cert.pem", "keystore")
    data = decoded(render_one(secret))
    assert data == {"cert.pem": b"-----BEGIN CERT-----\nabc\n", "keystore": binary}


def test_from_files_typed(tmp_path: Path) -> None:
    (tmp_path / "crt").write_text("CERT")
    (tmp_path / "key").write_text("KEY")
    files = {"tls.crt": tmp_path / "crt", "tls.key": tmp_path / "key"}
    obj = render_one(kl.Secret.from_files("tls", files, type="kubernetes.io/tls"))
    assert obj["type"] == "kubernetes.io/tls"
    with pytest.raises(kl.SpecError):
        kl.Secret.from_files("tls", {"tls.crt": tmp_path / "crt"}, type="kubernetes.io/tls")


def test_from_files_missing_file(tmp_path: Path) -> None:
    err = spec_error(kl.Secret.from_files, "files", {"token": tmp_path / "nope"})
    assert err.path == "files['token']"
    assert "cannot read" in err.problems[0].message


# --- from_env ------------------------------------------------------------------------------


def test_from_env_mapping_and_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("K8SLAB_T_USER", "admin")
    monkeypatch.setenv("K8SLAB_T_PASS", VALUE)
    secret = kl.Secret.from_env("db", {"username": "K8SLAB_T_USER", "password": "K8SLAB_T_PASS"})
    assert decoded(render_one(secret)) == {"username": b"admin", "password": VALUE.encode()}
    secret = kl.Secret.from_env("db", ["K8SLAB_T_USER"])
    assert decoded(render_one(secret)) == {"K8SLAB_T_USER": b"admin"}


def test_from_env_missing_variable_names_it_but_no_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("K8SLAB_T_PASS", VALUE)
    monkeypatch.delenv("K8SLAB_T_MISSING", raising=False)
    err = spec_error(kl.Secret.from_env, "db", {"password": "K8SLAB_T_PASS", "token": "K8SLAB_T_MISSING"})
    assert "K8SLAB_T_MISSING" in str(err)
    assert err.path == "variables['token']"
    assert_hidden(err, VALUE)


# --- references ----------------------------------------------------------------------------


def test_ref_renders_nothing_and_knows_its_keys() -> None:
    ref = kl.Secret.ref("external", keys=["password"])
    assert ref.render(CTX) == []
    assert ref.existing
    assert ref.keys() == ("password",)
    assert kl.Secret.ref("external").keys() == ()


def test_ref_cannot_carry_data() -> None:
    err = spec_error(kl.Secret, "external", existing=True, data={"password": VALUE})
    assert err.path == "data"
    assert_hidden(err, VALUE)


def test_ref_of_a_typed_secret_needs_no_data() -> None:
    ref = kl.Secret("tls", type="kubernetes.io/tls", existing=True, keys_known=("tls.crt", "tls.key"))
    assert ref.render(CTX) == []


# --- use helpers ---------------------------------------------------------------------------


def test_env_and_mount_helpers() -> None:
    secret = kl.Secret("db", data={"password": VALUE})
    assert secret.env().render_env_from(CTX) == {"secretRef": {"name": "db"}}
    chosen = secret.env({"DB_PASSWORD": "password"})
    assert chosen.render_env_from(CTX) is None
    assert chosen.render_env(CTX) == [
        {"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"key": "password", "name": "db"}}}
    ]
    mount = secret.mount("/etc/db")
    assert mount.render_volume(CTX)["secret"] == {"defaultMode": 0o440, "secretName": "db"}
    assert mount.render_mount() == {"mountPath": "/etc/db", "name": "secret-db", "readOnly": True}


# --- errors never quote a value (property) ------------------------------------------------

SECRET_VALUES = st.text(min_size=1, max_size=40).map(lambda s: "s3cr3t:" + s)
BAD_KEYS = st.sampled_from(["bad key", "a/b", ".", "..", "", "ключ", "x" * 254])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=SECRET_VALUES, key=BAD_KEYS)
def test_error_for_a_bad_key_never_includes_the_value(value: str, key: str) -> None:
    err = spec_error(kl.Secret, "db", data={key: value, "ok": value})
    assert err.path.startswith("data")
    assert_hidden(err, value)


@settings(max_examples=60, deadline=None)
@given(value=SECRET_VALUES)
def test_error_from_a_whole_object_rule_never_includes_the_value(value: str) -> None:
    # The check runs after the fields were accepted: the error must still not carry the input.
    err = spec_error(kl.Secret, "tls", type="kubernetes.io/tls", data={"tls.crt": value})
    assert err.path == "data['tls.key']"
    assert_hidden(err, value)
    err = spec_error(kl.Secret, "BAD NAME", data={"password": value})
    assert err.path == "name"
    assert_hidden(err, value)


@settings(max_examples=30, deadline=None)
@given(value=st.binary(min_size=8, max_size=40))
def test_error_for_bytes_value_never_includes_it(value: bytes) -> None:
    err = spec_error(kl.Secret, "db", data={"bad key": value}, type="kubernetes.io/tls")
    assert repr(value) not in str(err)
    assert repr(value)[2:-1] not in repr(err)
    assert err.__context__ is None
