"""Progress output: on a terminal, one line per object rewritten in place; elsewhere (CI logs), plain lines."""

from __future__ import annotations

import os
from typing import TextIO

__all__ = ["Progress"]

_UP = "\033[{n}F"  # cursor to the start of the line n lines up
_CLEAR = "\033[2K"  # clear the whole line


class Progress:
    """Writes messages and per-object states to ``out`` (nothing when ``out`` is None).

    ``tty`` defaults to ``out.isatty()`` (and TERM is not ``dumb``). In a terminal the block of
    object lines is redrawn in place on each change; otherwise each change is one new line.
    """

    def __init__(self, out: TextIO | None, *, tty: bool | None = None) -> None:
        self.out = out
        if tty is None:
            isatty = getattr(out, "isatty", None)
            tty = bool(out is not None and callable(isatty) and isatty() and os.environ.get("TERM") != "dumb")
        self.tty = tty
        self._states: dict[str, str] = {}
        self._drawn = 0

    def line(self, text: str) -> None:
        """A message on a line of its own (below any object block)."""
        if self.out is None:
            return
        self._drawn = 0  # the block above stays as it is; a new block starts below
        self._states.clear()
        self.out.write(text + "\n")
        self.out.flush()

    def update(self, obj: str, state: str) -> None:
        """Show ``obj``'s new ``state``; unchanged states print nothing."""
        if self.out is None or self._states.get(obj) == state:
            return
        self._states[obj] = state
        if not self.tty:
            self.out.write(f"{obj}: {state}\n")
        else:
            width = max(len(k) for k in self._states)
            text = "".join(f"{_CLEAR}{k.ljust(width)}  {v}\n" for k, v in self._states.items())
            self.out.write((_UP.format(n=self._drawn) if self._drawn else "") + text)
            self._drawn = len(self._states)
        self.out.flush()
