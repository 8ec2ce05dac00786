"""The router against a real primary and streaming replica, started by scripts/test-replica.sh (`make test-replica`).

pytest-django creates the test database on the primary (the replica replays its creation and its migrations); the
``replica`` alias, a test mirror of ``default`` in the settings, is then pointed back at the replica's copy of that
test database, so that reads routed there really cross to the other server. Skipped when no replica is configured.
"""

import copy
import os
import subprocess

import pytest
from django.conf import settings
from django.db import connections

ORIGINAL_REPLICA = copy.deepcopy(settings.DATABASES.get("replica"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    if ORIGINAL_REPLICA is None:
        yield
        return
    replica = connections["replica"]
    replica.close()
    replica.settings_dict = {
        **copy.deepcopy(ORIGINAL_REPLICA),
        "NAME": connections["default"].settings_dict["NAME"],
    }
    yield
    replica.close()


@pytest.fixture
def replica_control():
    """``replica_control("stop")`` / ``("start")``: the script passes the pg_ctl command of its replica."""
    command = os.environ["REPLICA_PG_CTL"].split()

    def run(action: str) -> None:
        subprocess.run([*command, action], check=True, capture_output=True, timeout=60)

    return run
