"""The server process killed with SIGKILL in the middle of a batch sync, then started again.

A tablet sends its queue (PUT then submit per COE) and retries like pwa/src/sync.js. The server
is killed at chosen points of the batch, at once or a few milliseconds into the request, so the
kill lands before, during or after the request's transaction; it is started again on the same
port. The tablet's retries must complete the batch, and the database must hold each COE exactly
once, submitted, with both children and both signatures: nothing doubled, nothing lost.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from tests.faults.conftest import (
    FaultDatabase,
    ServerProcess,
    TabletClient,
    assert_exactly_once,
    queued_coe,
    sign_in,
)

NETWORK_FAILURES = {"ConnectionError", "ChunkedEncodingError", "ReadTimeout"}


def test_a_killed_server_loses_and_doubles_nothing(
    fault_db: FaultDatabase, server: ServerProcess
) -> None:
    client = TabletClient(server.base, sign_in(server.base))
    batch = [queued_coe(number) for number in range(6)]
    # (step, COE number) -> how long after the request starts the server dies.
    kills = {("put", 1): 0.0, ("submit", 3): 0.02}
    restarts: list[threading.Thread] = []

    def kill_and_restart(delay: float) -> None:
        time.sleep(delay)
        server.kill()
        time.sleep(0.3)  # the tablet meets a dead server for a while
        server.start()

    def before_request(step: str, number: int) -> None:
        delay = kills.pop((step, number), None)
        if delay is not None:
            for restart in restarts:
                restart.join()  # one kill at a time
            restart = threading.Thread(target=kill_and_restart, args=(delay,))
            restarts.append(restart)
            restart.start()
            if delay == 0.0:
                time.sleep(0.05)  # the request meets a dead server

    client.before_request = before_request
    answers = [client.send(number, coe) for number, coe in enumerate(batch)]
    for restart in restarts:
        restart.join()

    assert not kills
    assert server.starts == 3
    assert [answer["status"] for answer in answers] == ["submitted"] * len(batch)
    assert [len(answer["children"]) for answer in answers] == [2] * len(batch)
    failed = [attempt for attempt in client.attempts if attempt[2] in NETWORK_FAILURES]
    assert failed, "the tablet never noticed a kill"
    assert_exactly_once(fault_db, batch)

    # A tablet that lost every acknowledgement sends its whole queue again: nothing changes.
    again = TabletClient(server.base, sign_in(server.base))
    for number, coe in enumerate(batch):
        assert again.send(number, coe)["id"] == coe["id"]
    assert {attempt[2] for attempt in again.attempts} == {"200"}
    assert_exactly_once(fault_db, batch)


def test_the_same_requests_at_the_same_moment_make_one_coe(
    fault_db: FaultDatabase, server: ServerProcess
) -> None:
    """A tablet and its retry racing: each PUT and submission sent twice at once."""
    token = sign_in(server.base)
    batch = [queued_coe(number) for number in range(4)]
    answers: list[dict[str, Any]] = []
    lock = threading.Lock()

    def send(number: int, coe: dict[str, Any], start: threading.Barrier) -> None:
        client = TabletClient(server.base, token)
        start.wait()
        answer = client.send(number, coe)
        with lock:
            answers.append(answer)

    for number, coe in enumerate(batch):
        start = threading.Barrier(2)
        twins = [threading.Thread(target=send, args=(number, coe, start)) for _ in range(2)]
        for twin in twins:
            twin.start()
        for twin in twins:
            twin.join()

    assert len(answers) == 2 * len(batch)
    assert {answer["status"] for answer in answers} == {"submitted"}
    assert_exactly_once(fault_db, batch)
