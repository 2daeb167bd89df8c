"""PEM text, checked like Go's ``encoding/pem.Decode``: the blocks of a TLS certificate and key.

Only the structure is checked (armour lines, base64 body, a DER SEQUENCE inside); nothing is
decoded further, so a value that passes may still be a certificate the server rejects.
"""

from __future__ import annotations

import base64
import binascii
import re

__all__ = ["CERTIFICATE_TYPES", "KEY_TYPES", "pem_blocks", "pem_problem"]

CERTIFICATE_TYPES = ("CERTIFICATE",)
KEY_TYPES = ("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY")

_BLOCK = re.compile(
    r"-----BEGIN (?P<type>[A-Z0-9 ]+)-----\r?\n(?P<body>(?:[^-][^\n]*\n)*?)-----END (?P=type)-----(?:\r?\n|$)"
)


def pem_blocks(text: str) -> list[tuple[str, bytes]] | None:
    """(type, DER bytes) of every block; None when any part of the text is not a well-formed block.

    Mirrors ``pem.Decode``: text between blocks is allowed only as blank lines; each body
    is base64 (line breaks ignored) and, for the kinds here, a DER SEQUENCE (first byte 0x30).
    """
    blocks: list[tuple[str, bytes]] = []
    pos = 0
    for match in _BLOCK.finditer(text):
        if text[pos : match.start()].strip():
            return None
        body = re.sub(r"\s+", "", match["body"])
        if ":" in match["body"]:  # RFC 1421 headers (encrypted keys): not usable by a server
            return None
        try:
            der = base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):
            return None
        if not der or der[0] != 0x30:
            return None
        blocks.append((match["type"], der))
        pos = match.end()
    if text[pos:].strip() or not blocks:
        return None
    return blocks


def pem_problem(text: str, types: tuple[str, ...], *, single: bool) -> str | None:
    """Why ``text`` is not PEM of ``types`` (one block if ``single``); None when it is."""
    blocks = pem_blocks(text)
    wanted = " or ".join(types)
    if blocks is None:
        return f"must be PEM text: -----BEGIN {types[0]}----- ... -----END {types[0]}-----"
    if any(kind not in types for kind, _ in blocks):
        return f"must hold only {wanted} blocks"
    if single and len(blocks) != 1:
        return f"must hold exactly one {wanted} block"
    return None
