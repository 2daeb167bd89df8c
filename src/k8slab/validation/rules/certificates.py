"""CertificateSigningRequests (certificates.k8s.io/v1).

From the API server's ``pkg/apis/certificates/validation`` ``ValidateCertificateSigningRequestCreate``
(``validateCSR``, ``ValidateSignerName``, ``validateCertificateSigningRequestOptions``): the request
is a PEM block of type CERTIFICATE REQUEST (its PKCS#10 signature is not checked here); at least one
known usage, none repeated; a signer name of a domain, a '/' and a path; expirationSeconds of at
least 600 when set.
"""

from __future__ import annotations

import base64
import binascii
import re

from ...errors import Problem
from ...syntax import check_dns_subdomain
from ._base import REQUIRED, Findings, Obj, integer, mapping, rule_message, seq

__all__ = ["check_certificate_signing_request"]

_API_VERSION = "certificates.k8s.io/v1"
_USAGES = frozenset(
    {
        "signing",
        "digital signature",
        "content commitment",
        "key encipherment",
        "key agreement",
        "data encipherment",
        "cert sign",
        "crl sign",
        "encipher only",
        "decipher only",
        "any",
        "server auth",
        "client auth",
        "code signing",
        "email protection",
        "s/mime",
        "ipsec end system",
        "ipsec tunnel",
        "ipsec user",
        "timestamping",
        "ocsp signing",
        "microsoft sgc",
        "netscape sgc",
    }
)
_PEM_BLOCK = re.compile(rb"-----BEGIN ([^-\r\n]*)-----\r?\n(.*?)-----END \1-----", re.S)
_MIN_EXPIRATION = 600


def _request_problem(request: str) -> str | None:
    """validateCSR's parsing, as far as it goes without X.509: base64 of a PEM CERTIFICATE REQUEST block."""
    try:
        pem = base64.b64decode(request.replace("\r", "").replace("\n", ""), validate=True)  # as Go's StdEncoding
    except (binascii.Error, ValueError):
        return "must be a base64-encoded PEM certificate request"
    block = _PEM_BLOCK.search(pem)  # pem.Decode: the first block, after any leading text
    if block is None:
        return "must contain a PEM block"
    if block.group(1) != b"CERTIFICATE REQUEST":
        return "must be a PEM block of type CERTIFICATE REQUEST"
    body = b"".join(line for line in block.group(2).split() if b":" not in line)  # headers aside
    try:
        der = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        return "must hold a base64 DER certificate request in its PEM block"
    if not der.startswith(b"\x30"):
        return "must hold a DER certificate request in its PEM block"
    return None


def _signer_problem(signer: str) -> str | None:
    """ValidateSignerName, its structure only: a domain (a DNS-1123 subdomain), '/', a path."""
    if not signer:
        return REQUIRED
    domain, slash, path = signer.partition("/")
    if not slash or not domain or not path:
        return "must be a domain and a path such as 'example.com/signer-name'"
    message = rule_message(check_dns_subdomain, domain)
    return "must start with a DNS-1123 subdomain: " + message if message else None


def check_certificate_signing_request(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidateCertificateSigningRequestCreate of a certificates.k8s.io/v1 CertificateSigningRequest."""
    if obj.get("kind") != "CertificateSigningRequest" or obj.get("apiVersion") != _API_VERSION:
        return []
    found = Findings(obj, kube_version)
    spec = mapping(obj.get("spec"))
    request = spec.get("request")
    if isinstance(request, str):
        message = _request_problem(request) if request else REQUIRED
        if message:
            found.add(("spec", "request"), message)
    usages = seq(spec.get("usages"))
    if not usages:
        found.add(("spec", "usages"), REQUIRED)
    seen: set[str] = set()
    for i, usage in enumerate(usages):
        if not isinstance(usage, str):
            continue
        if usage not in _USAGES:
            found.add(("spec", "usages", i), "must be a known key usage, such as 'client auth' or 'server auth'")
        elif usage in seen:
            found.add(("spec", "usages", i), "must not be a duplicate")
        seen.add(usage)
    signer = spec.get("signerName")
    if isinstance(signer, str):
        message = _signer_problem(signer)
        if message:
            found.add(("spec", "signerName"), message)
    seconds = integer(spec.get("expirationSeconds"))
    if seconds is not None and seconds < _MIN_EXPIRATION:
        found.add(("spec", "expirationSeconds"), f"must be at least {_MIN_EXPIRATION} (10 minutes)")
    return found.problems
