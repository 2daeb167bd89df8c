"""jsonschema_rs is imported with a stand-in for email.utils that reads its build date as the real one does."""

from __future__ import annotations

import datetime
import email.utils
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from k8slab.validation import jsonschema_import

_ZONES = st.builds(
    lambda minutes: datetime.timezone(datetime.timedelta(minutes=minutes)), st.integers(-23 * 60 - 59, 23 * 60 + 59)
)


@given(st.datetimes(min_value=datetime.datetime(1900, 1, 1), timezones=_ZONES))
def test_the_build_date_reads_as_email_utils_reads_it(when: datetime.datetime) -> None:
    text = email.utils.format_datetime(when.replace(microsecond=0))
    assert jsonschema_import.build_date(text) == email.utils.parsedate_to_datetime(text)


@given(st.text(max_size=40))
def test_other_text_is_left_to_email_utils(text: str) -> None:
    found = jsonschema_import.build_date(text)
    if found is not None:
        assert found == email.utils.parsedate_to_datetime(text)


def test_the_stand_in_hands_everything_else_to_the_real_module() -> None:
    stand_in = jsonschema_import._stand_in()
    assert stand_in.formatdate(0) == email.utils.formatdate(0)
    assert stand_in.parsedate_to_datetime("Tue, 1 Dec 2026 10:00:00 GMT") == email.utils.parsedate_to_datetime(
        "Tue, 1 Dec 2026 10:00:00 GMT"
    )


def test_after_the_import_email_utils_is_the_real_module() -> None:
    probe = (
        "import sys; from k8slab.validation import schema; import email.utils, jsonschema_rs; "
        "print('email.utils' in sys.modules, email.utils.formatdate(0), jsonschema_rs.Draft202012Validator is not None)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "Thu,", "01", "Jan", "1970", "00:00:00", "-0000", "True"]
