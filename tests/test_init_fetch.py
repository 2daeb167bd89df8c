"""InitFetch (k8slab.builders.init_fetch): download a file into a volume before the app starts."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import k8slab as kl
from k8slab.builders.base import RenderContext

CTX = RenderContext(namespace="ns", instance="lab")
URL = "https://example.com/assets/index.html"
SHA = "ab" * 32


def pod_spec(*fetches: kl.InitFetch, **kwargs: Any) -> dict[str, Any]:
    built = kl.App("web", image="nginx:1.27", port=8080, init=list(fetches), **kwargs)
    spec: dict[str, Any] = built.render(CTX)[0]["spec"]["template"]["spec"]
    return spec


def env_of(init_container: dict[str, Any]) -> dict[str, str]:
    return {e["name"]: e["value"] for e in init_container["env"]}


def spec_error(*args: Any, **kwargs: Any) -> kl.SpecError:
    with pytest.raises(kl.SpecError) as info:
        kl.InitFetch(*args, **kwargs)
    return info.value


def test_init_container_shared_volume_and_read_only_app_mount() -> None:
    spec = pod_spec(kl.InitFetch(URL, "/app/static"))
    (init,) = spec["initContainers"]
    assert init["name"] == "fetch-0"
    assert init["image"] == "curlimages/curl:8.11.1"
    assert init["volumeMounts"] == [{"mountPath": "/app/static", "name": "fetch-0"}]
    assert {"emptyDir": {"sizeLimit": "256Mi"}, "name": "fetch-0"} in spec["volumes"]
    (app,) = spec["containers"]
    assert {"mountPath": "/app/static", "name": "fetch-0", "readOnly": True} in app["volumeMounts"]


def test_url_is_passed_via_env_and_never_spliced_into_the_script() -> None:
    evil = "https://example.com/a.txt?q=$(rm${IFS}-rf${IFS}/)&x=`id`;'\""
    first = pod_spec(kl.InitFetch(evil, "/data"))["initContainers"][0]
    second = pod_spec(kl.InitFetch(URL, "/data"))["initContainers"][0]
    assert first["command"][:2] == ["sh", "-c"]
    script = first["command"][2]
    assert script == second["command"][2]
    assert evil not in script
    assert "example.com" not in script
    assert '"$FETCH_URL"' in script
    assert env_of(first)["FETCH_URL"] == evil
    assert "args" not in first


def test_script_verifies_before_the_file_appears() -> None:
    script = pod_spec(kl.InitFetch(URL, "/data", sha256=SHA))["initContainers"][0]["command"][2]
    assert script.startswith("set -eu")
    assert script.index("sha256sum -c") < script.index("mv ")
    assert "--fail" in script


def test_env_carries_every_setting() -> None:
    fetch = kl.InitFetch(URL, "/data", sha256=SHA, retries=5, timeout_seconds=120, filename="site.html")
    env = env_of(pod_spec(fetch)["initContainers"][0])
    assert env == {
        "FETCH_DIR": "/data",
        "FETCH_FILE": "site.html",
        "FETCH_RETRIES": "5",
        "FETCH_SHA256": SHA,
        "FETCH_TIMEOUT": "120",
        "FETCH_URL": URL,
    }
    assert env_of(pod_spec(kl.InitFetch(URL, "/data"))["initContainers"][0])["FETCH_SHA256"] == ""


@pytest.mark.parametrize("sha", [SHA.upper(), SHA[:-1], SHA + "0", "g" * 64, "sha256:" + SHA, ""])
def test_sha256_must_be_64_lowercase_hex(sha: str) -> None:
    assert spec_error(URL, "/data", sha256=sha).path == "sha256"


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/file.txt",
        "file:///etc/passwd",
        "example.com/file.txt",
        "https:///file.txt",
        "https://example.com/a file.txt",
        "https://example.com/file.txt\n",
        "",
    ],
)
def test_only_http_urls_with_a_host(url: str) -> None:
    err = spec_error(url, "/data")
    assert "http" in str(err)


def test_http_and_https_are_accepted() -> None:
    kl.InitFetch("http://mirror.local/pkg.tar.gz", "/data")
    kl.InitFetch("https://example.com:8443/pkg.tar.gz", "/data")


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://example.com/assets/index.html", "index.html"),
        ("https://example.com/a/b/data.json?token=x#frag", "data.json"),
        ("https://example.com/v1.2.3.tar.gz", "v1.2.3.tar.gz"),
    ],
)
def test_filename_is_derived_from_the_url(url: str, name: str) -> None:
    fetch = kl.InitFetch(url, "/data")
    assert fetch.file_name() == name
    assert env_of(pod_spec(fetch)["initContainers"][0])["FETCH_FILE"] == name


@pytest.mark.parametrize(
    "url", ["https://example.com/", "https://example.com", "https://example.com/dir/..", "https://x.io/a%20b"]
)
def test_filename_is_required_when_the_url_has_none(url: str) -> None:
    err = spec_error(url, "/data")
    assert "filename" in str(err)
    assert kl.InitFetch(url, "/data", filename="page.html").file_name() == "page.html"


def test_filename_must_be_a_plain_file_name() -> None:
    assert spec_error(URL, "/data", filename="../etc/passwd").path == "filename"
    assert spec_error(URL, "/data", filename="a/b").path == "filename"


@pytest.mark.parametrize("path", ["relative", "/data/", "/a/../b", "/a//b"])
def test_path_must_be_absolute_and_normalized(path: str) -> None:
    assert "path" in str(spec_error(URL, path))


def test_init_container_is_secure_and_has_resources() -> None:
    spec = pod_spec(kl.InitFetch(URL, "/data"))
    init = spec["initContainers"][0]
    app = spec["containers"][0]
    context = init["securityContext"]
    assert context == app["securityContext"]
    assert context["runAsNonRoot"] is True
    assert context["allowPrivilegeEscalation"] is False
    assert context["readOnlyRootFilesystem"] is True
    assert context["capabilities"] == {"drop": ["ALL"]}
    assert init["resources"] == {
        "limits": {"cpu": "100m", "memory": "64Mi"},
        "requests": {"cpu": "100m", "memory": "64Mi"},
    }
    assert init["imagePullPolicy"] == "Always"


def test_init_container_follows_the_workload_security() -> None:
    spec = pod_spec(kl.InitFetch(URL, "/data"), security=kl.Security(run_as_user=20000))
    assert spec["initContainers"][0]["securityContext"]["runAsUser"] == 20000


def test_custom_limits_name_and_image() -> None:
    fetch = kl.InitFetch(URL, "/data", name="assets", image="alpine/curl:8.9.1", limits=kl.Limits(cpu="1"))
    spec = pod_spec(fetch)
    init = spec["initContainers"][0]
    assert init["name"] == "assets"
    assert init["image"] == "alpine/curl:8.9.1"
    assert init["resources"]["limits"]["cpu"] == "1"
    assert {"emptyDir": {"sizeLimit": "256Mi"}, "name": "assets"} in spec["volumes"]


def test_init_image_rules() -> None:
    assert spec_error(URL, "/data", image="curl image").path == "image"
    built = kl.App("web", image="nginx:1.27", port=80, init=[kl.InitFetch(URL, "/data")])
    annotations = built.render(CTX)[0]["metadata"]["annotations"]
    digest_skip = next(v for v in annotations.values() if v.startswith("CKV_K8S_43="))
    assert "curlimages/curl:8.11.1" in digest_skip


def test_several_fetches_get_their_own_volumes() -> None:
    spec = pod_spec(kl.InitFetch(URL, "/a"), kl.InitFetch("https://example.com/b.txt", "/b"))
    assert [c["name"] for c in spec["initContainers"]] == ["fetch-0", "fetch-1"]
    mounts = {m["mountPath"]: m["name"] for m in spec["containers"][0]["volumeMounts"]}
    assert mounts["/a"] == "fetch-0"
    assert mounts["/b"] == "fetch-1"


def test_fetch_clashes_are_refused() -> None:
    with pytest.raises(kl.SpecError):
        pod_spec(kl.InitFetch(URL, "/data"), kl.InitFetch(URL, "/data"))
    with pytest.raises(kl.SpecError):
        pod_spec(kl.InitFetch(URL, "/tmp"))
    with pytest.raises(kl.SpecError) as info:
        pod_spec(kl.InitFetch(URL, "/a", name="same"), kl.InitFetch(URL, "/b", name="same"))
    assert info.value.path == "init"
    with pytest.raises(kl.SpecError) as info:
        pod_spec(kl.InitFetch(URL, "/a"), kl.InitFetch(URL, "/b", name="fetch-0"))
    assert info.value.path == "init"
    with pytest.raises(kl.SpecError) as info:
        pod_spec(kl.InitFetch(URL, "/a", name="web"))  # the app container is called "web" too
    assert info.value.path == "init"


@pytest.mark.parametrize(("field", "value"), [("retries", -1), ("retries", 21), ("timeout_seconds", 0)])
def test_numeric_bounds(field: str, value: int) -> None:
    assert spec_error(URL, "/data", **{field: value}).path == field


def test_error_does_not_quote_the_url() -> None:
    err = spec_error("ftp://user:hunter2@example.com/x", "/data")
    assert "hunter2" not in str(err)


@settings(max_examples=50, deadline=None)
@given(query=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Cc", "Zl", "Zp")), max_size=30))
def test_any_query_stays_out_of_the_script(query: str) -> None:
    url = f"https://example.com/file.bin?{query}"
    init = pod_spec(kl.InitFetch(url, "/data"))["initContainers"][0]
    assert env_of(init)["FETCH_URL"] == url
    assert init["command"] == pod_spec(kl.InitFetch(URL, "/data"))["initContainers"][0]["command"]
