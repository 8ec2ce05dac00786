"""The dashboard composes the blocks the apps register in core's registry, in order; a block may stay out."""

import pytest
from django.urls import reverse

from thidua.core import dashboard, panels

pytestmark = pytest.mark.django_db


@pytest.fixture
def extra_blocks(monkeypatch):
    monkeypatch.setattr(panels, "_panels", dict(panels._panels))


def test_apps_blocks_show_in_their_order(client_for, users, extra_blocks):
    assert [p.key for p in panels.panels_of(dashboard.PAGE)] == [
        "notices",
        "units",
        "plan-history",
        "report_rollup",
    ]
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


def test_apps_add_panels_to_the_unit_and_person_pages(
    client_for, users, extra_blocks, settings, tmp_path, tree, people
):
    """A higher app shows its part of a unit's or a person's page without the page's app importing it."""
    (tmp_path / "unit_panel.html").write_text('<section data-testid="unit-extra">{{ name }}</section>')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    panels.register_panel("unit", "extra", order=10, template="unit_panel.html",
                          context=lambda request, unit: {"name": f"Phần thêm của {unit.name}"})  # fmt: skip
    panels.register_panel("person", "extra", order=10, template="unit_panel.html",
                          context=lambda request, person: {"name": person.full_name} if request.user.username != "outsider" else None)  # fmt: skip
    client = client_for(users.province_officer)
    html = client.get(reverse("orgs:unit-detail", args=[tree.MAY.pk])).content.decode()
    assert f'<section data-testid="unit-extra">Phần thêm của {tree.MAY.name}</section>' in html
    person = people.tran_hao
    html = client.get(reverse("orgs:person-detail", args=[person.pk])).content.decode()
    assert f'<section data-testid="unit-extra">{person.full_name}</section>' in html
