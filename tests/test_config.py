"""Config (k8slab.builders.config): a ConfigMap from dicts (JSON), strings or a directory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import k8slab as kl
from k8slab.builders.base import RenderContext

CTX = RenderContext(namespace="ns", instance="lab")


def data_of(config: kl.Config) -> dict[str, str]:
    (obj,) = config.render(CTX)
    assert obj["apiVersion"] == "v1"
    assert obj["kind"] == "ConfigMap"
    data: dict[str, str] = obj.get("data", {})
    return data


def spec_error(fn: Any, *args: Any, **kwargs: Any) -> kl.SpecError:
    with pytest.raises(kl.SpecError) as info:
        fn(*args, **kwargs)
    return info.value


# --- values --------------------------------------------------------------------------------


def test_dict_becomes_json_text_with_sorted_keys_and_trailing_newline() -> None:
    value = {"zeta": 1, "alpha": {"nested_b": True, "nested_a": None}, "list": [3, 1]}
    text = data_of(kl.Config("app", data={"config.json": value}))["config.json"]
    assert isinstance(text, str)
    assert json.loads(text) == value
    assert text.endswith("}\n")
    assert not text.endswith("\n\n")
    assert text.index('"alpha"') < text.index('"list"') < text.index('"zeta"')
    assert text.index('"nested_a"') < text.index('"nested_b"')


def test_list_becomes_json_and_unicode_is_kept_literally() -> None:
    text = data_of(kl.Config("app", data={"names.json": ["café", "naïve"]}))["names.json"]
    assert json.loads(text) == ["café", "naïve"]
    assert "café" in text
    assert text.endswith("\n")


def test_string_is_kept_as_it_is() -> None:
    raw = "key = value\n  indented: yes\nno-newline-at-end"
    assert data_of(kl.Config("app", data={"app.ini": raw}))["app.ini"] == raw


def test_keys_are_sorted_and_metadata_is_set() -> None:
    (obj,) = kl.Config("app.settings", data={"b": "2", "a": "1"}).render(CTX)
    assert list(obj["data"]) == ["a", "b"]
    assert obj["metadata"]["name"] == "app.settings"
    assert obj["metadata"]["namespace"] == "ns"
    assert obj["metadata"]["labels"]["app.kubernetes.io/managed-by"] == "k8slab"


def test_empty_config_has_no_data_and_immutable_is_opt_in() -> None:
    (obj,) = kl.Config("empty").render(CTX)
    assert "data" not in obj
    assert "immutable" not in obj
    (obj,) = kl.Config("fixed", data={"a": "1"}, immutable=True).render(CTX)
    assert obj["immutable"] is True


def test_invalid_key_and_name_are_refused_with_path() -> None:
    err = spec_error(kl.Config, "app", data={"bad/key": "x"})
    assert err.path.startswith("data")
    assert "bad/key" in err.path
    assert spec_error(kl.Config, "App_Config").path == "name"


def test_size_limit_is_one_mib_of_rendered_text() -> None:
    kl.Config("big", data={"k": "x" * (1024 * 1024)})  # the values hold exactly 1 MiB, as ValidateConfigMap counts
    assert spec_error(kl.Config, "big", data={"k": "x" * (1024 * 1024 + 1)}).path == "data"
    # A dict is measured as its JSON text, which is larger than its characters.
    assert spec_error(kl.Config, "big", data={"k.json": {"v": "x" * (1024 * 1024 - 10)}}).path == "data"


# --- from_dir ------------------------------------------------------------------------------


def test_from_dir_one_key_per_file_sorted(tmp_path: Path) -> None:
    (tmp_path / "b.conf").write_text("second\n")
    (tmp_path / "a.conf").write_text("first\n")
    (tmp_path / ".hidden").write_text("dot\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "inner.conf").write_text("not included\n")
    config = kl.Config.from_dir("files", tmp_path)
    assert config.keys() == (".hidden", "a.conf", "b.conf")
    data = data_of(config)
    assert list(data) == [".hidden", "a.conf", "b.conf"]
    assert data["a.conf"] == "first\n"
    assert data["b.conf"] == "second\n"
    assert "inner.conf" not in data


def test_from_dir_accepts_str_path(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("x")
    assert data_of(kl.Config.from_dir("files", str(tmp_path))) == {"x.txt": "x"}


def test_from_dir_invalid_file_name(tmp_path: Path) -> None:
    (tmp_path / "bad name.txt").write_text("x")
    err = spec_error(kl.Config.from_dir, "files", tmp_path)
    assert err.path.startswith("data")
    assert "bad name.txt" in err.path
    assert "ConfigMap or Secret key" in err.problems[0].message


def test_from_dir_binary_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "blob.bin").write_bytes(b"\xff\xfe\x00")
    err = spec_error(kl.Config.from_dir, "files", tmp_path)
    assert err.path == "data['blob.bin']"
    assert "UTF-8" in err.problems[0].message


def test_from_dir_missing_directory(tmp_path: Path) -> None:
    assert spec_error(kl.Config.from_dir, "files", tmp_path / "nope").path == "directory"
    (tmp_path / "file").write_text("x")
    assert spec_error(kl.Config.from_dir, "files", tmp_path / "file").path == "directory"


# --- references ----------------------------------------------------------------------------


def test_ref_renders_nothing_and_keeps_known_keys() -> None:
    ref = kl.Config.ref("shared", keys=["b", "a"])
    assert ref.render(CTX) == []
    assert ref.existing
    assert ref.keys() == ("b", "a")


def test_ref_cannot_carry_data() -> None:
    assert spec_error(kl.Config, "shared", existing=True, data={"a": "1"}).path == "data"


# --- env() and mount() ---------------------------------------------------------------------


def test_env_all_keys_with_prefix() -> None:
    config = kl.Config("app", data={"MODE": "prod"})
    assert config.env().render_env_from(CTX) == {"configMapRef": {"name": "app"}}
    assert config.env(prefix="APP_").render_env_from(CTX) == {"configMapRef": {"name": "app"}, "prefix": "APP_"}
    assert config.env().render_env(CTX) == []
    assert config.env().used_keys() == ()


def test_env_chosen_keys() -> None:
    config = kl.Config("app", data={"mode": "prod", "level": "info"})
    env = config.env({"LOG_LEVEL": "level", "APP_MODE": "mode"})
    assert env.render_env_from(CTX) is None
    assert env.render_env(CTX) == [
        {"name": "APP_MODE", "valueFrom": {"configMapKeyRef": {"key": "mode", "name": "app"}}},
        {"name": "LOG_LEVEL", "valueFrom": {"configMapKeyRef": {"key": "level", "name": "app"}}},
    ]
    assert env.used_keys() == ("level", "mode")


def test_env_rules() -> None:
    config = kl.Config("app", data={"mode": "prod"})
    with pytest.raises(kl.SpecError):
        config.env({})
    with pytest.raises(kl.SpecError):
        config.env({"MODE": "mode"}, prefix="X_")
    with pytest.raises(kl.SpecError) as info:
        config.env({"1BAD": "mode"})
    assert info.value.path.startswith("keys")


def test_mount_renders_config_map_volume_and_read_only_mount() -> None:
    config = kl.Config("app.cfg", data={"config.json": {"a": 1}})
    mount = config.mount("/app/config")
    assert mount.volume == "config-app-cfg"
    assert mount.render_volume(CTX) == {"configMap": {"name": "app.cfg"}, "name": "config-app-cfg"}
    assert mount.render_mount() == {"mountPath": "/app/config", "name": "config-app-cfg", "readOnly": True}


def test_mount_items_and_mode() -> None:
    config = kl.Config("app", data={"config.json": "{}"})
    volume = config.mount("/app", items={"config.json": "conf/app.json"}, default_mode=0o400).render_volume(CTX)
    assert volume["configMap"]["items"] == [{"key": "config.json", "path": "conf/app.json"}]
    assert volume["configMap"]["defaultMode"] == 0o400


@pytest.mark.parametrize("path", ["relative/dir", "/app/../etc", "/app/", "/a:b", "/app//x"])
def test_mount_path_must_be_absolute_and_normalized(path: str) -> None:
    with pytest.raises(kl.SpecError):
        kl.Config("app").mount(path)


@pytest.mark.parametrize("rel", ["/abs", "../up", "a/../../b", ""])
def test_mount_item_paths_must_be_relative(rel: str) -> None:
    with pytest.raises(kl.SpecError):
        kl.Config("app", data={"k": "v"}).mount("/app", items={"k": rel})


def test_mount_mode_must_be_permission_bits() -> None:
    with pytest.raises(kl.SpecError) as info:
        kl.Config("app").mount("/app", default_mode=0o1000)
    assert info.value.path == "default_mode"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None)
@given(value=st.dictionaries(st.text(max_size=8), JSON, max_size=5))
def test_any_dict_round_trips_through_json(value: dict[str, Any]) -> None:
    text = data_of(kl.Config("app", data={"v.json": value}))["v.json"]
    assert json.loads(text) == value
    assert text.endswith("\n")
