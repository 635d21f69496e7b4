"""Three ``madoguchi serve`` nodes on one PostgreSQL database; one is SIGKILLed during a burst of mail.

Shows: every mail answered 250 is processed exactly once (a sender that lost its answer retries
on the next node; the copy is recognised as a duplicate), no job's effect happens twice, CRL
numbers strictly increase across all nodes, and every live node serves the newest CRL within
2 s of the revocation being visible.  300 mails by default; ``MADOGUCHI_CLUSTER_MAILS=1000``
for the long run.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import smtplib
import threading
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography import x509
from sqlalchemy import create_engine, text

from tests.conftest import ServerProcess, fresh_postgres_database, run_cli, server_env, start_server
from tests.integration.ops.ops_support import approver_headers, emergency_mail, staff, wait_for

MAILS = int(os.environ.get("MADOGUCHI_CLUSTER_MAILS", "300"))
SENDERS = 4
#: Seconds between two mails of one sender: the burst lasts about as long as the approvals (~15 s).
PACE = 15 * SENDERS / MAILS


def question(n: int) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = f"burst{n}@example.org"
    msg["To"] = "support@madoguchi.test"
    msg["Subject"] = f"証明書の有効期間について ({n})"
    msg["Message-ID"] = f"<burst-{n}@example.org>"
    msg.set_content(f"証明書の有効期間は何年ですか。問い合わせ番号 {n}\n", charset="utf-8")
    return msg


class Burst:
    """SMTP clients spreading MAILS mails over the nodes; a refused or cut connection moves to the next node."""

    def __init__(self, nodes: list[ServerProcess]) -> None:
        self.nodes = nodes
        self.acked: set[str] = set()
        self.lock = threading.Lock()

    def run(self, first: int) -> None:
        conns: dict[int, smtplib.SMTP] = {}
        for n in range(first, MAILS, SENDERS):
            time.sleep(PACE)
            msg, node = question(n), n % len(self.nodes)
            for attempt in range(len(self.nodes) * 3):
                k = (node + attempt) % len(self.nodes)
                try:
                    if k not in conns:
                        conns[k] = smtplib.SMTP("127.0.0.1", self.nodes[k].smtp_port, timeout=30)
                    conns[k].send_message(msg)
                except (smtplib.SMTPException, OSError):
                    conns.pop(k, None)
                    continue
                with self.lock:
                    self.acked.add(str(msg["Message-ID"]))
                break
        for conn in conns.values():
            try:
                conn.quit()
            except (smtplib.SMTPException, OSError):
                pass


def crl_number(der: bytes) -> int:
    return int(x509.load_der_x509_crl(der).extensions.get_extension_for_class(x509.CRLNumber).value.crl_number)


@pytest.mark.postgres
def test_three_nodes_one_database_survive_sigkill(tmp_path: Path) -> None:
    with fresh_postgres_database() as url:
        envs = [server_env(url, tmp_path / f"node{i}") for i in range(3)]
        for env in envs:
            env["MADOGUCHI_JOB_STALE_SECONDS"] = "5"
        run_cli(envs[0], "init")
        for env in envs[1:]:
            # A node is deployed with the CA keys and the audit key of the first (not its repository).
            target = Path(env["MADOGUCHI_DATA_DIR"])
            shutil.copytree(tmp_path / "node0" / "ca" / "keys", target / "ca" / "keys")
            shutil.copy2(tmp_path / "node0" / "audit.key", target / "audit.key")
        holders = [p for p in json.loads(run_cli(envs[0], "demo", "--load-only", "--json")) if p["serials"]]
        a, b = staff(envs[0])
        nodes = [start_server(env) for env in envs]
        try:
            _drive(nodes, holders, a, b, url)
        finally:
            for node in nodes:
                node.stop()
        _check_database(url)


def _drive(nodes: list[ServerProcess], holders: list[dict[str, Any]], a: dict[str, str], b: dict[str, str],
           url: str) -> None:
    burst = Burst(nodes)
    senders = [threading.Thread(target=burst.run, args=(i,)) for i in range(SENDERS)]
    killed_at: list[int] = []

    def killer() -> None:
        wait_for(lambda: len(burst.acked) >= MAILS // 3, timeout=300, interval=0.01)
        nodes[1].proc.send_signal(signal.SIGKILL)
        killed_at.append(len(burst.acked))

    kill = threading.Thread(target=killer)
    for t in [*senders, kill]:
        t.start()
    # The approvals go to the two nodes that survive; the killed one takes mail and runs jobs until it dies.
    live = [nodes[0], nodes[2]]
    propagation = [_revoke(person, live[i % 2], live[(i + 1) % 2], live, a, b) for i, person in enumerate(holders)]
    kill.join(timeout=300)
    nodes[1].proc.wait(timeout=30)
    for t in senders:
        t.join(timeout=300)
    assert len(burst.acked) >= MAILS * 0.9, len(burst.acked)
    assert killed_at and killed_at[0] < len(burst.acked)  # the kill fell in the middle of the burst
    engine = create_engine(url)
    try:
        def settled() -> bool:
            with engine.connect() as conn:
                return conn.execute(text("SELECT count(*) FROM jobs WHERE status IN ('pending', 'running')")
                                    ).scalar_one() == 0 and conn.execute(
                    text("SELECT count(*) FROM inbound_messages WHERE status = 'stored'")).scalar_one() == 0
        wait_for(settled, timeout=300, interval=0.5)
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT message_id, status FROM inbound_messages")).all()
    finally:
        engine.dispose()
    processed: dict[str, int] = {}
    for message_id, status in rows:
        if status in ("processed", "automated"):
            processed[message_id] = processed.get(message_id, 0) + 1
        else:
            assert status == "duplicate", status
    for message_id in burst.acked:
        assert processed.get(message_id) == 1, message_id
    newest = max(crl_number(httpx.get(f"{n.base}/repository/gen1.crl").content) for n in live)
    for node in live:
        assert crl_number(httpx.get(f"{node.base}/repository/gen1.crl").content) == newest
    print(f"\ncluster: {len(burst.acked)}/{MAILS} mails acked (node 1 killed after {killed_at[0]}), "
          f"{len(propagation)} revocations, CRL propagation after revocation seen: "
          f"max {max(propagation):.2f} s")


def _revoke(person: dict[str, Any], entry: ServerProcess, other: ServerProcess, live: list[ServerProcess],
            a: dict[str, str], b: dict[str, str]) -> float:
    """Mail on *entry*, confirm there, approve on *other*; return how long until every live node serves the CRL."""
    with smtplib.SMTP("127.0.0.1", entry.smtp_port, timeout=30) as smtp:
        smtp.send_message(emergency_mail(person))
    http_a = httpx.Client(base_url=entry.base, timeout=30)
    http_b = httpx.Client(base_url=other.base, timeout=30)
    case = wait_for(lambda: next((x for x in http_a.get("/api/cases", headers=a).json()
                                  if x["reply_to"] == person["email"] and x["state"] == "awaiting_callback"),
                                 None), timeout=120)
    task = wait_for(lambda: next((t for t in http_a.get("/api/callbacks", headers=a).json()
                                  if t["case_tag"] == case["tag"]), None))
    assert http_a.post(f"/api/callbacks/{task['id']}/result", headers=a,
                       json={"outcome": "reached_confirmed", "notes": "ok"}).status_code == 200
    assert http_b.post(f"/api/cases/{case['tag']}/approve", headers=approver_headers(http_b, b),
                       json={}).status_code == 200
    done = wait_for(lambda: (lambda d: d if d["state"] == "revoked" else None)(
        http_b.get(f"/api/cases/{case['tag']}", headers=a).json()), timeout=120, interval=0.05)
    seen = time.monotonic()
    for node in live:
        # Every live node serves a CRL at least as new as the one carrying this revocation, 2 s after it is seen.
        wait_for(lambda node=node: crl_number(httpx.get(f"{node.base}/repository/gen1.crl").content)
                 >= done["crl_number"], timeout=max(0.0, seen + 2.0 - time.monotonic()), interval=0.05)
    return time.monotonic() - seen


def _check_database(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            per_message = conn.execute(text(
                "SELECT inbound_message_id, count(*) FROM cases WHERE inbound_message_id IS NOT NULL "
                "GROUP BY inbound_message_id HAVING count(*) > 1")).all()
            assert per_message == []  # one case per processed mail: no processing ran twice
            executed = conn.execute(text(
                "SELECT case_id, count(*) FROM audit_events WHERE action = 'Executed' GROUP BY case_id "
                "HAVING count(*) > 1")).all()
            assert executed == []  # no revocation carried out twice
            rerun = conn.execute(text("SELECT count(*) FROM jobs WHERE attempts > 1")).scalar_one()
            assert rerun <= 1  # at most the one job the killed node's worker was running
            assert conn.execute(text("SELECT count(*) FROM jobs WHERE status = 'failed'")).scalar_one() == 0
            numbers = [n for (n,) in conn.execute(text(
                "SELECT c.number FROM ca_crl c JOIN ca_generation g ON g.id = c.generation_id "
                "WHERE g.number = 1 ORDER BY c.id"))]
            assert numbers == sorted(set(numbers)) and len(numbers) >= 2  # strictly increasing across nodes
            shared = conn.execute(text("SELECT number FROM crl_copies WHERE generation = 1")).scalar_one()
            assert shared == numbers[-1]
    finally:
        engine.dispose()
