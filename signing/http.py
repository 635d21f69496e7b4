"""The public repository and OCSP responder over HTTP (FastAPI router).

``/repository/`` lists every CA generation with its certificate, link certificates and
CRL; ``/repository/fingerprints`` (HTML) and ``/repository/fingerprints.json`` give the
SHA-256 and SHA-1 fingerprints relying parties compare out of band.  ``/ocsp`` answers
RFC 6960 requests by POST and by GET (base64 request in the path).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import html
import re
import urllib.parse
from collections.abc import Callable
from typing import Any

from cryptography import x509
from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

from signing.authority import CertificateAuthority, GenerationInfo

CERT_TYPE = "application/pkix-cert"
CRL_TYPE = "application/pkix-crl"
OCSP_REQUEST_TYPE = "application/ocsp-request"
OCSP_RESPONSE_TYPE = "application/ocsp-response"
MAX_OCSP_REQUEST = 10_000
_FILE = re.compile(r"^gen([1-9][0-9]{0,5})(-new-with-old|-old-with-new)?\.(cer|crl)$")


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _documents(info: GenerationInfo) -> list[tuple[str, str, bytes]]:
    """Return (kind, file name, DER) of the certificates published for one generation."""
    docs = [("CA certificate", f"gen{info.number}.cer", info.certificate)]
    if info.new_with_old is not None:
        docs.append(("Link certificate NewWithOld", f"gen{info.number}-new-with-old.cer", info.new_with_old))
    if info.old_with_new is not None:
        docs.append(("Link certificate OldWithNew", f"gen{info.number}-old-with-new.cer", info.old_with_new))
    return docs


def fingerprints(ca: CertificateAuthority) -> list[dict[str, Any]]:
    """Return the fingerprint table of every CA and link certificate."""
    rows = []
    for info in ca.generations():
        for kind, name, der_bytes in _documents(info):
            certificate = x509.load_der_x509_certificate(der_bytes)
            rows.append(
                {
                    "generation": info.number,
                    "kind": kind,
                    "file": name,
                    "subject": certificate.subject.rfc4514_string(),
                    "issuer": certificate.issuer.rfc4514_string(),
                    "not_before": certificate.not_valid_before_utc.isoformat(),
                    "not_after": certificate.not_valid_after_utc.isoformat(),
                    "sha256": _colon(hashlib.sha256(der_bytes).hexdigest()),
                    "sha1": _colon(hashlib.sha1(der_bytes).hexdigest()),
                }
            )
    return rows


def _colon(hex_digest: str) -> str:
    return ":".join(hex_digest[i : i + 2] for i in range(0, len(hex_digest), 2)).upper()


def _page(title: str, body: str) -> HTMLResponse:
    return HTMLResponse(
        "<!doctype html><html lang='ja'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )


def build_router(ca: CertificateAuthority, clock: Callable[[], dt.datetime] = _utc_now) -> APIRouter:
    """Return the router serving ``/repository/...`` and ``/ocsp`` for *ca*."""
    router = APIRouter()

    @router.get("/repository/", response_class=HTMLResponse)
    @router.get("/repository/index.html", response_class=HTMLResponse)
    def index() -> HTMLResponse:
        items = []
        for info in ca.generations():
            links = "".join(
                f"<li>{html.escape(kind)}: <a href='{name}'>{name}</a></li>" for kind, name, _ in _documents(info)
            )
            next_update = info.crl_next_update.isoformat() if info.crl_next_update else "-"
            links += (
                f"<li>CRL: <a href='gen{info.number}.crl'>gen{info.number}.crl</a> "
                f"(number {info.crl_number}, nextUpdate {html.escape(next_update)})</li>"
            )
            items.append(
                f"<h2>Generation {info.number}</h2><p>valid {info.not_before.isoformat()} - "
                f"{info.not_after.isoformat()}</p><ul>{links}</ul>"
            )
        body = "".join(items) + "<p><a href='fingerprints'>Fingerprints / フィンガープリント</a></p>"
        return _page("CA Repository / リポジトリ", body)

    @router.get("/repository/index.json")
    def index_json() -> JSONResponse:
        return JSONResponse(
            [
                {
                    "generation": info.number,
                    "certificates": [name for _, name, _ in _documents(info)],
                    "crl": f"gen{info.number}.crl",
                    "crl_number": info.crl_number,
                    "crl_next_update": info.crl_next_update.isoformat() if info.crl_next_update else None,
                }
                for info in ca.generations()
            ]
        )

    @router.get("/repository/fingerprints", response_class=HTMLResponse)
    def fingerprints_html() -> HTMLResponse:
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(str(row[k]))}</td>"
                for k in ("generation", "kind", "file", "subject", "sha256", "sha1")
            )
            + "</tr>"
            for row in fingerprints(ca)
        )
        header = "".join(f"<th>{h}</th>" for h in ("Generation", "Kind", "File", "Subject", "SHA-256", "SHA-1"))
        return _page("Fingerprints / フィンガープリント", f"<table border='1'><tr>{header}</tr>{rows}</table>")

    @router.get("/repository/fingerprints.json")
    def fingerprints_json() -> JSONResponse:
        return JSONResponse(fingerprints(ca))

    @router.get("/repository/audit-checkpoints", response_class=Response, responses={
        200: {"description": "Signed checkpoints of the help desk's audit log (one JSON object a line)",
              "content": {"text/plain": {}}},
        404: {"description": "Nothing published yet"}})
    def audit_checkpoints() -> Response:
        # Published beside the certificates so that a copy leaves the machine (see core.checkpoints).
        path = ca.publish_dir / "audit-checkpoints"
        if not path.is_file():
            raise HTTPException(status_code=404)
        return Response(path.read_bytes(), media_type="text/plain; charset=utf-8")

    @router.get("/repository/{name}", response_class=Response, responses={
        200: {"description": "A CA certificate, link certificate or CRL (DER)",
              "content": {CERT_TYPE: {}, CRL_TYPE: {}}},
        404: {"description": "No such document"}})
    def document(name: str) -> Response:
        match = _FILE.match(name)
        if match is None:
            raise HTTPException(status_code=404)
        number = int(match.group(1))
        if match.group(3) == "crl":
            if match.group(2) is not None:
                raise HTTPException(status_code=404)
            path = ca.crl_path(number)
            if not path.is_file():
                raise HTTPException(status_code=404)
            # Read whole: a FileResponse stats, then opens, and a CRL renamed into place in between
            # (another publisher, or the node-sharing copy) would be sent with the wrong length.
            return Response(path.read_bytes(), media_type=CRL_TYPE)
        for info in ca.generations():
            if info.number == number:
                for _, file_name, der_bytes in _documents(info):
                    if file_name == name:
                        return Response(der_bytes, media_type=CERT_TYPE)
        raise HTTPException(status_code=404)

    ocsp_doc: dict[int | str, dict[str, Any]] = {
        200: {"description": "An OCSP response (RFC 6960)", "content": {OCSP_RESPONSE_TYPE: {}}},
    }

    @router.post("/ocsp", response_class=Response, responses={
        **ocsp_doc, 413: {"description": "Request too large"}})
    async def ocsp_post(request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_OCSP_REQUEST:
            raise HTTPException(status_code=413)
        return Response(ca.ocsp_response(body, clock()), media_type=OCSP_RESPONSE_TYPE)

    @router.get("/ocsp/{encoded:path}", response_class=Response, responses={
        **ocsp_doc, 414: {"description": "Request too long"}})
    def ocsp_get(encoded: str) -> Response:
        text = urllib.parse.unquote(encoded)
        if len(text) > MAX_OCSP_REQUEST:
            raise HTTPException(status_code=414)
        try:
            request_der = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            request_der = b""
        return Response(
            ca.ocsp_response(request_der, clock()),
            media_type=OCSP_RESPONSE_TYPE,
            headers={"Cache-Control": "max-age=60, public"},
        )

    return router
