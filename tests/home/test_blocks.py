"""The dashboard composes the blocks the apps register in core's registry, in order; a block may stay out."""

import pytest
from django.urls import reverse

from thidua.core import dashboard

pytestmark = pytest.mark.django_db


@pytest.fixture
def extra_blocks(monkeypatch):
    monkeypatch.setattr(dashboard, "_blocks", dict(dashboard._blocks))


def test_apps_blocks_show_in_their_order(client_for, users, extra_blocks):
    assert [b.key for b in dashboard.blocks()] == ["notices", "units"]
    html = client_for(users.province_officer).get(reverse("home:dashboard")).content.decode()
    assert html.index('data-testid="dashboard-notices"') < html.index('class="mb-4 dashboard-panel"')


def test_a_block_whose_context_is_none_is_left_out(client_for, users, extra_blocks, settings, tmp_path):
    (tmp_path / "extra.html").write_text('<section data-testid="extra">{{ word }}</section>')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    dashboard.register_block("extra", order=15, template="extra.html",
                             context=lambda request: {"word": "Khối thêm"} if request.user.username == "admin" else None)  # fmt: skip
    assert '<section data-testid="extra">Khối thêm</section>' in client_for(users.admin).get(
        reverse("home:dashboard")).content.decode()  # fmt: skip
    assert (
        'data-testid="extra"'
        not in client_for(users.province_officer).get(reverse("home:dashboard")).content.decode()
    )
