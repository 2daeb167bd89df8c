"""Python source text: string literals and docstrings that ruff leaves as they are."""

from __future__ import annotations

import textwrap

__all__ = ["docstring", "explode", "overlong", "py_str"]

_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(text: str, quote: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch == quote:
            out.append("\\" + ch)
        elif ord(ch) < 32 or ord(ch) > 126:
            out.append(
                f"\\x{ord(ch):02x}"
                if ord(ch) < 256
                else f"\\u{ord(ch):04x}"
                if ord(ch) < 65536
                else f"\\U{ord(ch):08x}"
            )
        else:
            out.append(ch)
    return "".join(out)


def py_str(text: str) -> str:
    """A string literal: double quotes unless single ones need fewer escapes (as ruff format prefers); ASCII only."""
    quote = "'" if text.count('"') > text.count("'") else '"'
    return quote + _escape(text, quote) + quote


def _doc_escape(text: str) -> str:
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\t":
            out.append("    ")
        elif ord(ch) < 32 and ch != "\n":
            continue
        elif ord(ch) > 126:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) < 65536 else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return "".join(out).replace('"""', '\\"\\"\\"')


def docstring(text: str, indent: int, width: int = 116) -> list[str]:
    """A docstring as source lines at ``indent`` spaces: lines wrapped, paragraphs and list items kept."""
    pad = " " * indent
    lines: list[str] = []
    for raw in _doc_escape(text.strip()).splitlines():
        raw = raw.rstrip()
        if not raw:
            if lines and lines[-1]:
                lines.append("")
            continue
        lead = len(raw) - len(raw.lstrip())
        wrapped = textwrap.wrap(
            raw.lstrip(), width=max(40, width - indent - lead), break_long_words=False, break_on_hyphens=False
        )
        lines += [" " * lead + w for w in wrapped]
    while lines and not lines[-1]:
        lines.pop()
    if not lines:
        return []
    if lines[0].startswith(" "):
        lines[0] = lines[0].lstrip()
    if len(lines) == 1 and len(pad) + 7 + len(lines[0]) <= 120:
        return [f'{pad}"""{lines[0]}{" " if lines[0].endswith(chr(34)) else ""}"""']
    out = [f'{pad}"""{lines[0]}']
    out += [f"{pad}{line}" if line else "" for line in lines[1:]]
    out.append(f'{pad}"""')
    return out


def overlong(line: str) -> bool:
    """Whether ruff's E501 flags ``line``: over 120 characters and more than one word."""
    return len(line) > 120 and len(line.split()) > 1


def _split(args: str) -> list[str]:
    """Split ``args`` at its top-level commas (outside brackets and string literals)."""
    parts, depth, quote, start, i = [], 0, "", 0, 0
    while i < len(args):
        ch = args[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(args[start:i].strip())
            start = i + 1
        i += 1
    parts.append(args[start:].strip())
    return [p for p in parts if p]


def explode(head: str, expr: str, indent: int, tail: str = "") -> list[str]:
    """``head + expr + tail`` as lines; when too long, ``expr``'s outer brackets hold one item a line.

    The trailing commas are "magic": ruff format keeps the exploded layout as it is.
    """
    pad = " " * indent
    line = f"{pad}{head}{expr}{tail}"
    opening = min((i for i in (expr.find("["), expr.find("(")) if i > 0), default=-1)
    if not overlong(line) or opening < 0 or expr[-1] not in ")]":
        return [line]
    items = _split(expr[opening + 1 : -1])
    if len(items) < 2:
        return [line]
    out = [f"{pad}{head}{expr[: opening + 1]}"]
    for item in items:
        out += explode("", item, indent + 4, ",")
    out.append(f"{pad}{expr[-1]}{tail}")
    return out
