import pytest

from tests.registrations.builders import ensure_catalog


@pytest.fixture(autouse=True)
def _catalog_and_conditions(db):
    """The shipped catalog and general conditions (loaded by migrations; again after a browser test's flush)."""
    from thidua.eligibility.conditions import load
    from thidua.eligibility.models import Condition

    ensure_catalog()
    if not Condition.objects.exists():
        load(Condition)
