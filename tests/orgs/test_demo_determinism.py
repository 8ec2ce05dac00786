"""The demo loads the same on every run (apart from tests/orgs/test_demo.py, whose module-wide demo would be in the way)."""

import pytest
from django.db import transaction

from tests.orgs.test_demo import SMALL, _Rollback, snapshot_of_demo
from thidua.orgs.demo import load_demo
from thidua.orgs.models import Unit


def test_load_is_deterministic(db):
    with pytest.raises(_Rollback), transaction.atomic():
        load_demo(**SMALL)
        first = snapshot_of_demo()
        raise _Rollback
    assert not Unit.objects.filter(code="VLG").exists()
    load_demo(**SMALL)
    assert snapshot_of_demo() == first
    assert len(first[1]) > 800
