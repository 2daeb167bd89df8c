"""Import ``jsonschema_rs`` without the email package it loads for its build date.

At import, jsonschema_rs (through pyo3-built) records when it was built, parsing that date with
``email.utils.parsedate_to_datetime``; importing ``email.utils`` loads socket, random, datetime
and half of the email package, 10 ms in all: a twelfth of ``k8slab validate`` on a small file,
for a date no one reads. While jsonschema_rs is imported, ``email.utils`` is a stand-in whose
``parsedate_to_datetime`` reads that one format (``Thu, 12 Nov 2026 07:50:16 +0000``), and
which hands anything else to the real module. The stand-in is used only when this is the sole
thread (another thread could import ``email.utils`` meanwhile) and ``email.utils`` is not
loaded yet, and it is gone once the import is done.
"""

from __future__ import annotations

import datetime
import sys
import types
from typing import Any

__all__ = ["import_jsonschema_rs"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_NAME = "email.utils"


def build_date(text: str) -> datetime.datetime | None:
    """``Thu, 12 Nov 2026 07:50:16 +0000`` as an aware datetime; None for any other text."""
    parts = text.split()
    if len(parts) != 6 or parts[2] not in _MONTHS:
        return None
    _, day, month, year, clock, zone = parts
    hms = clock.split(":")
    if not (len(hms) == 3 and all(p.isdigit() for p in (day, year, *hms))):
        return None
    if not (len(zone) == 5 and zone[0] in "+-" and zone[1:].isdigit()):
        return None
    offset = datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
    hour, minute, second = (int(p) for p in hms)
    try:
        return datetime.datetime(
            int(year),
            _MONTHS.index(month) + 1,
            int(day),
            hour,
            minute,
            second,
            tzinfo=datetime.timezone(-offset if zone[0] == "-" else offset),
        )
    except ValueError:
        return None


def _real() -> types.ModuleType:
    """The real ``email.utils``, in place of the stand-in."""
    found = sys.modules.get(_NAME)
    if found is not None and getattr(found, "_k8slab_stand_in", False):
        del sys.modules[_NAME]
    import email.utils

    return email.utils


def _stand_in() -> types.ModuleType:
    module = types.ModuleType(_NAME, "k8slab's stand-in while jsonschema_rs is imported (see k8slab.validation)")

    def parsedate_to_datetime(data: str) -> Any:
        found = build_date(data) if isinstance(data, str) else None
        return found if found is not None else _real().parsedate_to_datetime(data)

    def real_attribute(name: str) -> Any:  # the module's __getattr__: anything else is the real module's
        return getattr(_real(), name)

    vars(module).update(parsedate_to_datetime=parsedate_to_datetime, __getattr__=real_attribute, _k8slab_stand_in=True)
    return module


def import_jsonschema_rs() -> types.ModuleType:
    """``import jsonschema_rs``, with the stand-in for ``email.utils`` when it is safe."""
    if "jsonschema_rs" in sys.modules or _NAME in sys.modules:
        import jsonschema_rs

        return jsonschema_rs
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        import jsonschema_rs

        return jsonschema_rs
    stand_in = sys.modules[_NAME] = _stand_in()
    try:
        import jsonschema_rs
    finally:
        if sys.modules.get(_NAME) is stand_in:
            del sys.modules[_NAME]
        package = sys.modules.get("email")
        if package is not None and getattr(package, "utils", None) is stand_in:
            delattr(package, "utils")
    return jsonschema_rs
