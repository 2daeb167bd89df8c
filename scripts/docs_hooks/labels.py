"""mkdocs hook: give code blocks a title that says what they are (code, its output, an excerpt).

The pages mark their samples for tests/test_docs.py with ``<!-- doc: KEY=VALUE -->`` on the
line before a fence. This hook reads the same marks and adds a title to the fence, in the
built page only (the Markdown files stay as they are):

- ``file=examples/x.py`` / ``program=...``: the file's path;
- ``output`` and ``exact=...``: "Output";
- ``yaml=...``: "Output (excerpt)" (the check allows keys and items to be left out);
- ``raises=SpecError``: "Python (raises SpecError)".
"""

from __future__ import annotations

import re
from typing import Any

_DIRECTIVE = re.compile(r"^<!-- doc: (?P<key>[a-z]+)(?:=(?P<value>.*?))? -->$")
_FENCE = re.compile(r"^(?P<fence>```+)(?P<lang>[\w+-]*)\s*$")


def _title(key: str, value: str) -> str | None:
    if key in ("file", "program"):
        return value
    if key in ("output", "exact"):
        return "Output"
    if key == "yaml":
        return "Output (excerpt)"
    if key == "raises":
        return f"Python (raises {value})"
    return None


def label_blocks(markdown: str) -> str:
    """``markdown`` with a ``title="..."`` on every fence that follows a doc directive."""
    lines = markdown.split("\n")
    for i in range(1, len(lines)):
        directive = _DIRECTIVE.match(lines[i - 1])
        fence = _FENCE.match(lines[i])
        if directive is None or fence is None:
            continue
        title = _title(directive["key"], directive["value"] or "")
        if title:
            lines[i] = f'{fence["fence"]}{fence["lang"] or "text"} title="{title}"'
    return "\n".join(lines)


def on_page_markdown(markdown: str, **_: Any) -> str:
    """mkdocs event: label the page's marked code blocks."""
    return label_blocks(markdown)
