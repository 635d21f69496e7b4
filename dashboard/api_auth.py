"""Who may call the operators' API, and what an irreversible action demands (step-up).

* A bearer token belongs to one operator; the token of a disabled or locked-out operator is
  refused (a lock-out from failed logins stops the API too).
* Tokens carry scopes: ``read`` (GET), ``work`` (callbacks, documents, manual intake, ...) and
  ``decide`` (approve / reject). Without scopes stored on the operator, the role's are used:
  operators get ``read`` and ``work``, supervisors and admins all three.
* Approve and reject need a fresh TOTP code: the ``X-Madoguchi-TOTP`` header (each time step
  once only), or an ``X-Madoguchi-Approval`` token from ``POST /api/step-up`` (valid
  :data:`APPROVAL_TOKEN_TTL`, bound to the operator and their TOTP secret). A wrong code counts
  as a failed login, so guessing codes locks the account.
* Every use of a token beyond reading, and every refusal, is written to the audit log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from core.container import Container
from core.models import Operator
from core.operators import operator_by_token
from dashboard.auth import lockout_delay, use_totp_step

bearer = HTTPBearer(auto_error=False)
SCOPES = ("read", "work", "decide")
ROLE_SCOPES = {"operator": ("read", "work"), "supervisor": SCOPES, "admin": SCOPES}
APPROVAL_TOKEN_TTL = dt.timedelta(minutes=5)
TOTP_HEADER = "X-Madoguchi-TOTP"
APPROVAL_HEADER = "X-Madoguchi-Approval"


def scopes_of(op: Operator) -> tuple[str, ...]:
    stored = op.api_token_scopes
    return tuple(stored) if stored is not None else ROLE_SCOPES.get(op.role, ("read",))


def _approval_mac(op: Operator, expires: int) -> str:
    # Keyed with server-side secrets of this operator: a new token or TOTP secret voids old approvals.
    key = f"{op.api_token_hash}:{op.totp_secret}".encode()
    return hmac.new(key, f"approve:{op.id}:{expires}".encode(), hashlib.sha256).hexdigest()


class StepUpIn(BaseModel):
    code: str = Field(min_length=6, max_length=8, description="the current TOTP code")


class StepUpOut(BaseModel):
    approval_token: str
    expires_at: dt.datetime


class Refused(Exception):
    """A refused call; raised inside the transaction, turned into an HTTP error after it commits."""

    def __init__(self, code: int, why: str, op: Operator | None = None) -> None:
        super().__init__(why)
        self.code, self.why, self.op = code, why, op

    def http(self) -> HTTPException:
        return HTTPException(self.code, self.why,
                             headers={"WWW-Authenticate": "Bearer"} if self.code == 401 else None)


class ApiAuth:
    """FastAPI dependencies for bearer tokens, scopes and step-up."""

    def __init__(self, c: Container) -> None:
        self.c = c

    def _audit_refusal(self, session: Session, request: Request, refused: Refused) -> None:
        if refused.op is not None:  # unknown tokens have nobody to write down
            self.c.audit.append(session, at=self.c.clock.now(), actor=refused.op.username,
                                action="api_token_refused",
                                detail={"method": request.method, "path": request.url.path, "reason": refused.why})

    def _load(self, session: Session, creds: HTTPAuthorizationCredentials | None, scope: str) -> Operator:
        if creds is None or creds.scheme.lower() != "bearer":
            raise Refused(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
        op = operator_by_token(session, creds.credentials)
        if op is None:  # unknown token, or a disabled operator's
            raise Refused(status.HTTP_401_UNAUTHORIZED, "invalid token")
        now = self.c.clock.now()
        if op.locked_until is not None and op.locked_until > now:
            raise Refused(status.HTTP_401_UNAUTHORIZED, "account locked", op)
        if scope not in scopes_of(op):
            raise Refused(status.HTTP_403_FORBIDDEN, f"token lacks the {scope!r} scope", op)
        return op

    def _write(self, request: Request, creds: HTTPAuthorizationCredentials | None, scope: str,
               totp: str | None = None, approval: str | None = None, step_up: bool = False) -> Operator:
        """Load, check and audit in one write transaction; refusals are committed (audit, counters)."""
        refused: Refused | None = None
        with self.c.factory() as session, session.begin():
            try:
                op = self._load(session, creds, scope)
                detail = {"method": request.method, "path": request.url.path, "scope": scope}
                if step_up:
                    detail["step_up"] = self._step_up(session, op, totp, approval)
                self.c.audit.append(session, at=self.c.clock.now(), actor=op.username, action="api_token_used",
                                    detail=detail)
                session.flush()
                session.expunge(op)
            except Refused as exc:
                refused = exc
                self._audit_refusal(session, request, exc)
        if refused is not None:
            raise refused.http()
        return op

    def operator(self, request: Request,
                 creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Operator:
        """Any API call: ``read`` for GET (not audited), ``work`` for everything else (audited)."""
        if request.method not in ("GET", "HEAD"):
            return self._write(request, creds, "work")
        with self.c.read_factory() as session:
            try:
                op = self._load(session, creds, "read")
                session.expunge(op)
                return op
            except Refused as exc:
                refused = exc
        if refused.op is not None:
            with self.c.factory() as session, session.begin():
                self._audit_refusal(session, request, refused)
        raise refused.http()

    def approver(self, request: Request,
                 creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
                 totp: Annotated[str | None, Header(alias=TOTP_HEADER, max_length=8)] = None,
                 approval: Annotated[str | None, Header(alias=APPROVAL_HEADER, max_length=200)] = None) -> Operator:
        """Approve / reject: the ``decide`` scope and a fresh TOTP code (or approval token)."""
        return self._write(request, creds, "decide", totp, approval, step_up=True)

    def _step_up(self, session: Session, op: Operator, totp: str | None, approval: str | None) -> str:
        now = self.c.clock.now()
        if not op.totp_secret:
            raise Refused(status.HTTP_403_FORBIDDEN, "approving needs TOTP: enrol it on the dashboard first", op)
        if approval:
            op_id, _, rest = approval.partition(".")
            expires, _, mac = rest.partition(".")
            if (op_id == str(op.id) and expires.isdigit() and int(expires) > now.timestamp()
                    and hmac.compare_digest(mac, _approval_mac(op, int(expires)))):
                return "approval_token"
            raise Refused(status.HTTP_401_UNAUTHORIZED, "approval token invalid or expired", op)
        if not totp:
            raise Refused(status.HTTP_401_UNAUTHORIZED, f"a fresh TOTP code is needed ({TOTP_HEADER} header, or "
                          f"an {APPROVAL_HEADER} token from POST /api/step-up)", op)
        if not use_totp_step(session, op.id, op.totp_secret, totp, now):
            self._fail(session, op, now)
            raise Refused(status.HTTP_401_UNAUTHORIZED, "TOTP code wrong or already used", op)
        return "totp"

    @staticmethod
    def _fail(session: Session, op: Operator, now: dt.datetime) -> None:
        op.failed_logins = (op.failed_logins or 0) + 1
        delay = lockout_delay(op.failed_logins)
        op.locked_until = now + delay if delay else None

    def router(self) -> APIRouter:
        """``POST /api/step-up``: trade a TOTP code for a short-lived approval token."""
        router = APIRouter(tags=["operators"])

        @router.post("/step-up", response_model=StepUpOut, responses={
            401: {"description": "Missing or invalid bearer token, wrong or reused TOTP code, or account locked"},
            403: {"description": "The token lacks the decide scope, or TOTP is not enrolled"}})
        def step_up(body: StepUpIn, request: Request,
                    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> StepUpOut:
            op = self._write(request, creds, "decide", body.code, None, step_up=True)
            expires = int((self.c.clock.now() + APPROVAL_TOKEN_TTL).timestamp())
            token = f"{op.id}.{expires}.{_approval_mac(op, expires)}"
            return StepUpOut(approval_token=token, expires_at=dt.datetime.fromtimestamp(expires, dt.UTC))

        return router
