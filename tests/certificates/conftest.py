import pytest

from tests.registrations.builders import ensure_catalog


@pytest.fixture(autouse=True)
def _catalog(db):
    ensure_catalog()


@pytest.fixture
def decision(tree, people):
    """Quyết định 01/QĐ-LĐLĐ of the Châu Thành federation (CT), issued: Giấy khen for three workers of MAY and a
    collective (THPT); Lê Văn Đức's award revoked afterwards."""
    from tests.certificates.builders import ct_decision

    return ct_decision(tree, people)
