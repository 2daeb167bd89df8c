"""The builder decorator's error translation: field paths without pydantic internals, all problems at once."""

from __future__ import annotations

import pytest

import k8slab as kl


def test_union_members_are_one_problem_at_the_field() -> None:
    with pytest.raises(kl.SpecError) as err:
        kl.Secret("s", data={"password": 5})  # type: ignore[dict-item]
    (problem,) = err.value.problems
    assert problem.path == "data.password"
    assert "string" in problem.message and "bytes" in problem.message


def test_a_bad_key_is_named_as_the_key() -> None:
    with pytest.raises(kl.SpecError) as err:
        kl.Config("c", data={"bad key!": "x"})
    (problem,) = err.value.problems
    assert problem.path == "data['bad key!']"
    assert problem.message.startswith("the key must be a ConfigMap or Secret key")


def test_builder_class_names_never_appear_in_paths() -> None:
    with pytest.raises(kl.SpecError) as err:
        kl.App("web", image="nginx:1.27", secrets=[5], strategy="Bogus")  # type: ignore[list-item, arg-type]
    paths = sorted(p.path for p in err.value.problems)
    assert paths == ["secrets[0]", "strategy"]


def test_every_invalid_field_is_reported_together() -> None:
    with pytest.raises(kl.SpecError) as err:
        kl.App("Bad_Name", image="nginx:1.27", port=0, replicas=-1)
    assert sorted(p.path for p in err.value.problems) == ["name", "port", "replicas"]
    assert all(p.obj == "App/Bad_Name" for p in err.value.problems)
