"""Units are listed in Vietnamese order everywhere: the tree, the selects and pickers, the exports."""

import datetime
import importlib
import io

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from openpyxl import load_workbook

from thidua.core.text import unit_sort_key
from thidua.orgs import actions, queries
from thidua.orgs.models import Unit, UnitVersion

pytestmark = pytest.mark.django_db

FOUNDED = datetime.date(2016, 1, 1)
# Created in an order that is neither Vietnamese nor byte order.
UPPER_NAMES = ["LĐLĐ huyện Châu Thành B", "LĐLĐ huyện Cầu Kè", "LĐLĐ huyện Bình Minh", "LĐLĐ huyện Bình Đại"]
EXPECTED = ["LĐLĐ huyện Bình Đại", "LĐLĐ huyện Bình Minh", "LĐLĐ huyện Cầu Kè", "LĐLĐ huyện Châu Thành B"]


@pytest.fixture
def uppers(tree):
    return [
        actions.create_unit(tree.TV, by=None, code=f"UP{i}", name=name, level="upper", founded_on=FOUNDED)
        for i, name in enumerate(UPPER_NAMES)
    ]


@pytest.fixture
def grassroots(tree):
    names = ["CĐCS Châu Thành", "CĐCS Cầu Kè", "CĐCS Bình Minh", "CĐCS Bình Đại"]
    return [
        actions.create_unit(
            tree.LD,
            by=None,
            code=f"GR{i}",
            name=name,
            level="grassroots",
            sector="private",
            founded_on=FOUNDED,
        )  # fmt: skip
        for i, name in enumerate(names)
    ]


def test_sort_key_orders_names_the_vietnamese_way():
    names = ["Châu Thành", "Cầu Kè", "Bình Minh", "Bình Đại", "Ba Tri"]
    assert sorted(names, key=unit_sort_key) == ["Ba Tri", "Bình Đại", "Bình Minh", "Cầu Kè", "Châu Thành"]


def test_created_and_renamed_units_keep_their_sort_key(tree):
    unit = actions.create_unit(tree.TV, by=None, code="X1", name="LĐLĐ huyện Cầu Kè", level="upper",
                               founded_on=FOUNDED)  # fmt: skip
    assert Unit.objects.get(pk=unit.pk).sort_key == unit_sort_key("LĐLĐ huyện Cầu Kè")
    actions.rename_unit(unit, by=None, name="LĐLĐ huyện Châu Thành", effective_on=datetime.date(2020, 1, 1))
    assert Unit.objects.get(pk=unit.pk).sort_key == unit_sort_key("LĐLĐ huyện Châu Thành")
    assert UnitVersion.objects.get(unit=unit, valid_to__isnull=True).sort_key == unit_sort_key(
        "LĐLĐ huyện Châu Thành"
    )


def test_children_in_the_tree_are_in_vietnamese_order(uppers, tree, client_for, users):
    names = [c.name for c in queries.children_with_totals(tree.TV)]
    assert names == ["Công đoàn các Khu công nghiệp Trà Vinh", *EXPECTED]
    response = client_for(users.outsider).get(reverse("orgs:unit-children", args=[tree.TV.pk]))
    html = response.content.decode()
    positions = [html.index(name) for name in EXPECTED]
    assert positions == sorted(positions)


def test_children_as_of_a_date_are_in_vietnamese_order(uppers, tree, users):
    versions = queries.children_as_of(tree.TV, datetime.date(2020, 1, 1), users.outsider)
    assert [v.name for v in versions] == ["Công đoàn các Khu công nghiệp Trà Vinh", *EXPECTED]


def test_grassroots_select_of_the_person_form_is_in_vietnamese_order(grassroots, client_for, users):
    html = client_for(users.outsider).get(reverse("orgs:person-create")).content.decode()
    expected = ["CĐCS Bình Đại", "CĐCS Bình Minh", "CĐCS Cầu Kè", "CĐCS Châu Thành"]
    positions = [html.index(f">{name}<") for name in expected]
    assert positions == sorted(positions)


def test_unit_picker_lists_matches_in_vietnamese_order(uppers, tree, users):
    found = queries.search_units(Unit.objects.visible_to(users.outsider), "lđlđ huyện")
    assert [u.name for u in found] == EXPECTED


def test_filter_select_keeps_the_tree_with_siblings_in_vietnamese_order(uppers, client_for, users):
    html = client_for(users.outsider).get(reverse("orgs:person-list")).content.decode()
    positions = [html.index(f"{name}</option>") for name in ["LĐLĐ Trà Vinh", "CĐ KCN Trà Vinh", *EXPECTED]]
    assert positions == sorted(positions)


def test_unit_export_lists_siblings_in_vietnamese_order(uppers, tree, client_for, users):
    response = client_for(users.outsider).get(reverse("orgs:unit-export", args=[tree.TV.pk]))
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    cells = [str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c]
    positions = [cells.index(name) for name in EXPECTED]
    assert positions == sorted(positions)


def test_migration_fills_the_sort_key_of_existing_units(uppers):
    Unit.objects.update(sort_key="")
    UnitVersion.objects.update(sort_key="")
    migration = importlib.import_module("thidua.orgs.migrations.0004_unit_sort_key")
    migration.fill_sort_keys(django_apps, None)
    unit = Unit.objects.get(code="UP1")
    assert unit.sort_key == unit_sort_key("LĐLĐ huyện Cầu Kè")
    assert not UnitVersion.objects.filter(sort_key="").exists()


def test_children_of_different_levels_are_in_name_order_not_grouped_by_level(uppers, tree, users):
    """A grassroots union directly under the province is listed by its name among the upper-level unions."""
    actions.create_unit(tree.TV, by=None, code="XN1", name="Xí nghiệp Đường Trà Vinh", level="grassroots",
                        sector="private", founded_on=FOUNDED)  # fmt: skip
    names = [c.name for c in queries.children_with_totals(tree.TV)]
    assert names[-1] == "Xí nghiệp Đường Trà Vinh"
    assert names == sorted(names, key=unit_sort_key)
    versions = queries.children_as_of(tree.TV, datetime.date(2020, 1, 1), users.outsider)
    assert [v.name for v in versions][-1] == "Xí nghiệp Đường Trà Vinh"


def test_admin_lists_units_in_vietnamese_order(uppers, client_for, users):
    html = client_for(users.admin).get(reverse("admin:orgs_unit_changelist") + "?q=huyện").content.decode()
    positions = [html.index(f">{name}<") for name in EXPECTED]
    assert positions == sorted(positions)
