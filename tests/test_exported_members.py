"""The public API is exactly what ``k8slab.__all__`` lists, sorted, and every name resolves."""

from __future__ import annotations

import k8slab as kl


def test_all_is_sorted_and_resolves() -> None:
    assert kl.__all__ == sorted(kl.__all__)
    for name in kl.__all__:
        assert hasattr(kl, name), name


def test_public_names_are_all_listed() -> None:
    public = {n for n in dir(kl) if not n.startswith("_")} - {"builders", "errors", "stack", "types", "quantity"}
    modules = {n for n in public if type(getattr(kl, n)).__name__ == "module"}
    assert public - modules == set(kl.__all__) - {"__version__"}


def test_every_builder_field_is_documented_with_a_default() -> None:
    for name in kl.__all__:
        obj = getattr(kl, name)
        if not (isinstance(obj, type) and hasattr(obj, "__pydantic_fields__")):
            continue
        for field in obj.__pydantic_fields__.values():  # type: ignore[attr-defined]
            assert field.description, f"{name}: a field has no description"
            if not field.is_required():
                assert "Default" in field.description or "default" in field.description, (
                    f"{name}: {field.description!r} does not state its default"
                )
