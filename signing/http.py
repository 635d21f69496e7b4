"""The public repository and OCSP responder over HTTP (FastAPI router).

``/repository/`` lists every CA generation with its certificate, link certificates and
CRL; ``/repository/fingerprints`` (HTML) and ``/repository/fingerprints.json`` give the
SHA-256 and SHA-1 fingerprints relying parties compare out of band.  ``/ocsp`` answers
RFC 6960 requests by POST and by GET (base64 request in the path).

The HTML pages are public (relying parties, applicants): Japanese first with English beside
it, times in Japan Standard Time, rendered from ``signing/templates`` with autoescaping and
styled by their own small stylesheet (``/repository/style.css``).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import re
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from cryptography import x509
from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from signing.authority import CertificateAuthority, GenerationInfo

CERT_TYPE = "application/pkix-cert"
CRL_TYPE = "application/pkix-crl"
OCSP_REQUEST_TYPE = "application/ocsp-request"
OCSP_RESPONSE_TYPE = "application/ocsp-response"
MAX_OCSP_REQUEST = 10_000
_FILE = re.compile(r"^gen([1-9][0-9]{0,5})(-new-with-old|-old-with-new)?\.(cer|crl)$")
_TEMPLATES = Path(__file__).with_name("templates")
_JST = ZoneInfo("Asia/Tokyo")
#: The document kinds as the public pages name them (Japanese, then English).
_LABELS = {
    "CA certificate": "CA 証明書 / CA certificate",
    "Link certificate NewWithOld": "リンク証明書 NewWithOld（新CA鍵を旧CA鍵で署名）/ Link certificate NewWithOld",
    "Link certificate OldWithNew": "リンク証明書 OldWithNew（旧CA鍵を新CA鍵で署名）/ Link certificate OldWithNew",
}
_env = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape(["html"]))


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


def _jst(when: dt.datetime | None) -> str:
    """*when* as the public pages show it: Japan Standard Time to the minute, or a dash."""
    if when is None:
        return "—"
    return when.astimezone(_JST).strftime("%Y-%m-%d %H:%M JST")


def _render(template: str, **values: Any) -> HTMLResponse:
    return HTMLResponse(_env.get_template(template).render(**values))


def build_router(ca: CertificateAuthority, clock: Callable[[], dt.datetime] = _utc_now) -> APIRouter:
    """Return the router serving ``/repository/...`` and ``/ocsp`` for *ca*."""
    router = APIRouter()

    @router.get("/repository/", response_class=HTMLResponse)
    @router.get("/repository/index.html", response_class=HTMLResponse)
    def index() -> HTMLResponse:
        infos = ca.generations()
        generations = [
            {
                "number": info.number,
                "current": info is infos[-1],
                "not_before": _jst(info.not_before),
                "not_after": _jst(info.not_after),
                "crl_number": info.crl_number,
                "this_update": _jst(info.crl_this_update),
                "next_update": _jst(info.crl_next_update),
                "documents": [
                    {"label": _LABELS[kind], "file": name, "sha256": _colon(hashlib.sha256(der).hexdigest())}
                    for kind, name, der in _documents(info)
                ],
            }
            for info in infos
        ]
        return _render("repository.html", generations=generations, ocsp_url=f"{ca.base_url}/ocsp")

    @router.get("/repository/style.css", response_class=Response)
    def stylesheet() -> Response:
        return Response((_TEMPLATES / "repository.css").read_bytes(), media_type="text/css; charset=utf-8",
                        headers={"Cache-Control": "max-age=3600, public"})

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
        rows = [
            {**row, "label": _LABELS[row["kind"]],
             "not_before": _jst(dt.datetime.fromisoformat(row["not_before"])),
             "not_after": _jst(dt.datetime.fromisoformat(row["not_after"]))}
            for row in fingerprints(ca)
        ]
        return _render("fingerprints.html", rows=rows)

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
