import importlib

import pytest

from tests.registrations.builders import ensure_catalog


@pytest.fixture(autouse=True)
def _catalog_and_conditions(db):
    """The shipped catalog and general conditions (loaded by migrations; again after a browser test's flush —
    through the data migration, the conditions' one write path)."""
    from django.apps import apps

    from thidua.eligibility.models import Condition

    ensure_catalog()
    if not Condition.objects.exists():
        importlib.import_module("thidua.eligibility.migrations.0003_benefit_thresholds_qd1564").load(
            apps, None
        )
