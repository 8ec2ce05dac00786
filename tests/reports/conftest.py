import pytest

from thidua.reports import actions
from thidua.reports.models import Indicator


def ensure_indicators() -> None:
    """The default catalog (loaded by the migration; a test that flushed the tables gets it back)."""
    if not Indicator.objects.filter(owner__isnull=True).exists():
        actions.load_indicators(by=None)


@pytest.fixture(autouse=True)
def _indicators(db):
    ensure_indicators()
