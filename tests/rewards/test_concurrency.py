"""Numbers under concurrency: several threads, each with its own database connection, issue decisions of one
register at the same moment. On PostgreSQL they run in the test database itself; on SQLite (whose test database
lives in memory, shared by one connection) the committed test database is copied to a WAL file (``VACUUM INTO``)
and the threads open their own connections to it — the same IMMEDIATE transactions and busy timeout as a
deployment. Either way the numbers must be 1..N, none repeated, none skipped."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from thidua.rewards import actions
from thidua.rewards.models import AwardRecord, Decision

from .builders import draft, person_line, register

THREADS = 4
PER_THREAD = 5
pytestmark = pytest.mark.django_db(transaction=True)


def _point_threads_at(path: str | None):
    """Make connections opened from now on (in new threads) use the SQLite file ``path``; return the undo."""
    handler_settings = connections.settings
    original = handler_settings["default"]
    if path is None:
        return lambda: None
    handler_settings["default"] = {
        **original,
        "NAME": path,
        "TEST": {**original.get("TEST", {}), "NAME": path},
    }

    def undo():
        handler_settings["default"] = original

    return undo


def _issue_concurrently(decision_ids: list[int]) -> tuple[list[int], list[BaseException]]:
    barrier = threading.Barrier(THREADS)
    numbers: list[int] = []
    failures: list[BaseException] = []
    lock = threading.Lock()
    chunks = [decision_ids[i::THREADS] for i in range(THREADS)]

    def work(ids: list[int]) -> None:
        try:
            barrier.wait(timeout=30)
            for pk in ids:
                issued = actions.issue_decision(Decision.objects.get(pk=pk), by=None)
                with lock:
                    numbers.append(issued.number)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            with lock:
                failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return numbers, failures


def _read_in_a_thread(fn):
    out: list = []

    def run():
        try:
            out.append(fn())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return out[0]


def test_concurrent_issuers_of_one_register_get_numbers_1_to_n(tree, people, tmp_path):
    reg = register(tree.BT)
    everyone = [people.tran_hao, people.nguyen_dao, people.le_duc, people.huynh_mai, people.vo_hong]
    awards = ["lao-dong-tien-tien", "cstd-co-so", "giay-khen-cap-tren", "bang-khen-ldld"]
    ids = []
    for i in range(THREADS * PER_THREAD):
        person, award = everyone[i % len(everyone)], awards[i // len(everyone)]
        ids.append(draft(reg, [person_line(person, award=award)], title=f"Về việc khen thưởng số {i}").pk)
    path = None
    if connection.vendor == "sqlite":
        path = str(tmp_path / "concurrent.sqlite3")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [path])
    undo = _point_threads_at(path)
    try:
        numbers, failures = _issue_concurrently(ids)
        stored = _read_in_a_thread(
            lambda: (
                sorted(Decision.objects.filter(register_id=reg.pk).values_list("number", flat=True)),
                AwardRecord.objects.count(),
                Decision.objects.get(pk=ids[0]).register.next_number,
            )
        )
    finally:
        undo()
    assert failures == []
    n = THREADS * PER_THREAD
    assert sorted(numbers) == list(range(1, n + 1))
    assert stored == (list(range(1, n + 1)), n, n + 1)
    if path is not None:  # the threads wrote to the file, not to the test database
        assert not Decision.objects.filter(number__isnull=False).exists()
