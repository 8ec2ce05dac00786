"""The exemplars' demo builder on the standard tree (the full demo is checked by `manage.py load_demo`)."""

from __future__ import annotations

import pytest

from thidua.exemplars.demo import load_demo_exemplars
from thidua.exemplars.models import Exemplar, HonourBoard

pytestmark = pytest.mark.django_db


def test_demo_models_and_published_board_once(tree, client):
    assert load_demo_exemplars(tree.BT, tree.MAY) == {"exemplars": 2, "replications": 0}
    assert sorted(Exemplar.objects.values_list("name", flat=True)) == sorted(
        [tree.MAY.name, "Nguyễn Thị Đào"]
    )
    assert HonourBoard.objects.get(unit=tree.BT, year=2017).published
    body = client.get("/bang-vang/BT/2017/").content.decode()
    assert "Tổ công đoàn tự quản an toàn lao động" in body
    assert load_demo_exemplars(tree.BT, tree.MAY) == {"exemplars": 0, "replications": 0}
    assert Exemplar.objects.count() == 2
