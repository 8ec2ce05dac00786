import pytest

from tests.registrations.builders import ensure_catalog


@pytest.fixture(autouse=True)
def _catalog(db):
    ensure_catalog()
