"""The demo (load_demo, demo_accounts) on a small size: shapes of the tree, history, idempotence, determinism, scope."""

import datetime
import io

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from django.urls import reverse

from tests.conftest import build_standard_tree
from thidua.core.models import AuditEvent
from thidua.orgs import queries
from thidua.orgs.demo import build, load_demo
from thidua.orgs.models import (
    Level,
    Membership,
    Person,
    Position,
    RoleAssignment,
    Sector,
    Unit,
    UnitEvent,
    UnitVersion,
)

SMALL = {"grassroots": 40, "people": 900, "neighbour_grassroots": 8}
D2017 = datetime.date(2017, 6, 1)
D2025 = datetime.date(2025, 7, 1)
DISTRICT_FEDERATIONS_2017 = [
    "Liên đoàn Lao động thành phố Bến Tre",
    "Liên đoàn Lao động huyện Châu Thành",
    "Liên đoàn Lao động huyện Chợ Lách",
    "Liên đoàn Lao động huyện Mỏ Cày Nam",
    "Liên đoàn Lao động huyện Giồng Trôm",
    "Liên đoàn Lao động huyện Bình Đại",
    "Liên đoàn Lao động huyện Ba Tri",
    "Liên đoàn Lao động huyện Thạnh Phú",
    "Liên đoàn Lao động huyện Mỏ Cày Bắc",
]
SECTOR_UNIONS_2017 = [
    "Công đoàn ngành Giáo dục tỉnh Bến Tre",
    "Công đoàn ngành Y tế tỉnh Bến Tre",
    "Công đoàn Viên chức tỉnh Bến Tre",
    "Công đoàn các Khu công nghiệp tỉnh Bến Tre",
]


@pytest.fixture(scope="module")
def _demo_in_module(django_db_setup, django_db_blocker, tmp_path_factory):
    """The small demo loaded once for the module's tests, inside a transaction rolled back after the last of them
    (each test runs in a savepoint of it): loading it is the slow part, and the tests only read it or roll back.
    The standard tree is committed first and the tests' settings apply, as the function-scoped autouse fixtures of
    tests/conftest.py would do."""
    test_settings = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], TASKS_INLINE=True, AXES_ENABLED=False,
        ATTACHMENTS_DIR=tmp_path_factory.mktemp("demo-attachments"),
    )  # fmt: skip
    with django_db_blocker.unblock(), test_settings:
        if not Unit.objects.filter(code="TLD").exists():
            build_standard_tree()
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_demo(**SMALL)
            call_command("load_demo", stdout=io.StringIO(), **SMALL)  # sets the accounts, as `make run` does
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(_demo_in_module, db):
    return {u.code: u for u in Unit.objects.filter(code__regex=r"^(BTR|TVH|VLG)")}


FOUNDED_2017 = 3  # the enterprises demo founds max(3, grassroots // 40) unions through the 2017 pipeline


def bentre_grassroots():
    return Unit.objects.grassroots().filter(code__startswith="BTR-")


def founded_through_the_pipeline():
    """The grassroots unions the enterprises' demo (run by the load_demo command) founds in 2017 (``BTR-DNnnn``)."""
    return bentre_grassroots().filter(code__startswith="BTR-DN")


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Unit,
            UnitVersion,
            UnitEvent,
            Person,
            Membership,
            AuditEvent,
            RoleAssignment,
            get_user_model(),
        )
    }


def test_2017_tree_has_the_city_eight_districts_and_the_sector_unions_under_the_national_root(demo):
    tree = queries.tree_as_of(demo["BTR"], D2017, max_depth=1)
    assert [v.name for v in tree] == [
        "Liên đoàn Lao động tỉnh Bến Tre",
        *DISTRICT_FEDERATIONS_2017,
        *SECTOR_UNIONS_2017,
    ]
    assert tree[0].parent.code == "TLD"  # the existing national root is reused
    assert Unit.objects.filter(level=Level.NATIONAL, depth=1).count() == 1


def test_demo_grassroots_unions_cover_every_sector(demo):
    sectors = set(bentre_grassroots().values_list("sector", flat=True))
    assert sectors == set(Sector.values)


def test_demo_size_knob_sets_grassroots_and_people(demo):
    # about the number asked for: each upper union and each sector keeps at least one
    assert bentre_grassroots().exclude(code__startswith="BTR-DN").count() == 42
    # plus the handful the enterprises' demo founds in 2017, scaled on the same knob (3 on this small size)
    founded = founded_through_the_pipeline()
    assert founded.count() == FOUNDED_2017
    assert {u.founded_on.year for u in founded} == {2017}
    assert bentre_grassroots().count() == 42 + FOUNDED_2017
    assert Unit.objects.grassroots().filter(code__startswith="TVH-").count() == 11
    assert Unit.objects.grassroots().filter(code__startswith="VLG-").count() == 11
    people = Person.objects.filter(unit__code__startswith="BTR-").count()
    assert 880 <= people <= 960


def test_every_grassroots_union_has_one_chair_and_no_more(demo):
    chairs = dict(
        Membership.objects.current()
        .filter(position=Position.CHAIR, unit__code__regex=r"^(BTR|TVH|VLG)-")
        .values_list("unit__code")
        .annotate(n=Count("pk"))
    )
    grassroots = Unit.objects.grassroots().filter(code__regex=r"^(BTR|TVH|VLG)-")
    assert set(chairs.values()) == {1}
    assert set(chairs) == set(grassroots.values_list("code", flat=True))


def test_members_have_card_numbers_and_non_members_have_none(demo):
    current = Membership.objects.current().filter(unit__code__startswith="BTR-")
    assert not current.filter(is_member=True, card_number="").exists()
    assert not current.filter(is_member=False).exclude(card_number="").exists()
    assert current.filter(is_member=False).exists()
    assert current.filter(is_direct_production_worker=True, unit__sector=Sector.FDI).exists()
    assert not current.filter(is_direct_production_worker=True, unit__sector=Sector.ADMINISTRATIVE).exists()


def test_counters_match_the_open_memberships(demo):
    unit = Unit.objects.get(code="BTR-MAYBT")
    assert unit.member_count == Membership.objects.current().filter(unit=unit, is_member=True).count()
    assert unit.worker_count == Membership.objects.current().filter(unit=unit).count()
    assert unit.member_count > 0


def test_transfers_between_2015_and_2024_keep_the_membership_history(demo):
    transfers = Membership.objects.filter(
        left_reason=Membership.LeftReason.TRANSFER, unit__code__startswith="BTR-"
    )
    assert transfers.count() > 20
    assert transfers.filter(left_on__lt=datetime.date(2015, 1, 1)).count() == 0
    assert transfers.filter(left_on__gt=datetime.date(2024, 12, 31)).count() == 0
    moved = transfers.first()
    person = moved.person
    history = list(person.memberships.order_by("joined_on").values_list("unit_id", "joined_on", "left_on"))
    assert history == [(moved.unit_id, moved.joined_on, moved.left_on), (person.unit_id, moved.left_on, None)]


def test_2025_district_federations_are_dissolved_and_their_unions_moved_to_area_unions(demo):
    chau_thanh = Unit.objects.get(code="BTR-CT")
    assert (chau_thanh.dissolved_on, chau_thanh.ended_as) == (D2025, "dissolved")
    assert UnitEvent.objects.get(unit=chau_thanh, kind=UnitEvent.Kind.DISSOLVED).effective_on == D2025
    area = Unit.objects.get(code="VLG-KVCT")
    assert (area.name, area.level, area.founded_on) == ("Công đoàn khu vực Châu Thành", Level.UPPER, D2025)
    moved = UnitEvent.objects.filter(kind=UnitEvent.Kind.MOVED, from_parent=chau_thanh, to_parent=area)
    assert moved.count() > 0
    assert set(moved.values_list("effective_on", flat=True)) == {D2025}
    assert Unit.objects.filter(path__subtree=chau_thanh.path).count() == 1  # nothing left under it
    for event in moved:
        # a union founded later in 2017 (through the enterprises' pipeline) is seen once it exists
        in_2017 = max(D2017, event.unit.founded_on)
        assert [v.unit.code for v in queries.ancestors_as_of(event.unit, in_2017)][:3] == [
            "TLD",
            "BTR",
            "BTR-CT",
        ]
        assert [v.unit.code for v in queries.ancestors_as_of(event.unit, D2025)][:3] == [
            "TLD",
            "VLG",
            "VLG-KVCT",
        ]


def test_2025_the_three_federations_are_consolidated_into_vinh_long(demo):
    for code in ("BTR", "TVH"):
        unit = Unit.objects.get(code=code)
        assert (unit.dissolved_on, unit.merged_into.code, unit.ended_as) == (D2025, "VLG", "consolidated")
        assert UnitEvent.objects.get(unit=unit, kind=UnitEvent.Kind.CONSOLIDATED).effective_on == D2025
        assert not UnitEvent.objects.filter(unit=unit, kind__in=["merged", "dissolved"]).exists()
    education = Unit.objects.get(code="BTR-GD")
    assert (education.dissolved_on, education.merged_into.code, education.ended_as) == (
        D2025,
        "VLG-GD",
        "merged",
    )
    assert UnitEvent.objects.get(unit=education, kind=UnitEvent.Kind.MERGED).note.startswith("Sáp nhập")
    assert queries.tree_as_of(demo["BTR"], datetime.date.today()) == []
    today = queries.tree_as_of(demo["VLG"], datetime.date.today())
    codes_today = {v.unit.code for v in today}
    assert set(bentre_grassroots().values_list("code", flat=True)) <= codes_today
    assert not any(v.level == Level.PROVINCE for v in today[1:])
    assert {v.parent.code for v in today if v.depth == demo["VLG"].depth + 1} == {"VLG"}
    assert "BTR-CT" not in codes_today and "BTR-CT" in {
        v.unit.code for v in queries.tree_as_of(demo["BTR"], D2017)
    }
    assert queries.subtree_totals(Unit.objects.get(code="VLG"))["grassroots"] == 42 + FOUNDED_2017 + 11 + 11


def test_second_load_changes_nothing(demo):
    before = counts()
    assert load_demo(**SMALL) is None
    out = io.StringIO()
    call_command("load_demo", stdout=out, **SMALL)
    assert "không thay đổi gì" in out.getvalue()
    assert counts() == before


class _Rollback(Exception):
    pass


def snapshot_of_demo():
    units = list(
        Unit.objects.filter(code__regex=r"^(BTR|TVH|VLG)")
        .order_by("code")
        .values_list("code", "name", "path")
    )
    people = list(
        Person.objects.filter(unit__code__regex=r"^(BTR|TVH|VLG)-")
        .order_by("unit__code", "full_name", "birth_date", "national_id")
        .values_list("unit__code", "full_name", "gender", "birth_date", "national_id")
    )
    return units, people


def test_demo_accounts_log_in_with_the_demo_password(demo, client):
    for username in (
        "admin",
        "bentre",
        "bentre-leader",
        "chauthanh",
        "kcn",
        "cdcs-maybentre",
        "hoidong",
        "xem",
    ):
        assert client.login(username=username, password=settings.DEMO_PASSWORD), username
    assert client.get(reverse("home:dashboard")).status_code == 200


def visible_codes(username):
    user = get_user_model().objects.get(username=username)
    return set(Unit.objects.visible_to(user).values_list("code", flat=True))


def test_bentre_officer_sees_the_bentre_grassroots_unions_today_and_not_other_branches(demo):
    seen = visible_codes("bentre")
    assert set(bentre_grassroots().values_list("code", flat=True)) <= seen
    assert "MAY" not in seen and "BT" not in seen  # the standard tree's Bến Tre is another branch
    assert RoleAssignment.objects.get(user__username="bentre").unit.code == "VLG"
    assert RoleAssignment.objects.get(user__username="bentre-leader").role == RoleAssignment.Role.LEADER


def test_each_level_account_sees_only_its_subtree(demo):
    chau_thanh = visible_codes("chauthanh")
    area = Unit.objects.get(code="VLG-KVCT")
    assert chau_thanh == set(Unit.objects.filter(path__subtree=area.path).values_list("code", flat=True))
    assert "BTR-MAYBT" not in chau_thanh and len(chau_thanh) > 1
    assert visible_codes("cdcs-maybentre") == {"BTR-MAYBT"}
    assert "BTR-MAYBT" in visible_codes("kcn")
    assert "VLG-KVCT" not in visible_codes("kcn")
    assert {"TLD", "BT", "MAY", "VLG", "BTR-MAYBT"} <= visible_codes("admin")


def test_demo_accounts_command_lists_every_login_with_unit_and_password(demo):
    out = io.StringIO()
    call_command("demo_accounts", stdout=out)
    text = out.getvalue()
    assert f"password of every account: {settings.DEMO_PASSWORD}" in text
    for username in (
        "admin",
        "bentre",
        "bentre-leader",
        "chauthanh",
        "kcn",
        "giaoduc",
        "cdcs-maybentre",
        "hoidong",
    ):
        assert f"\n{username} " in text
    assert "Đơn vị / unit: Công đoàn khu vực Châu Thành" in text
    assert "Đơn vị / unit: Liên đoàn Lao động tỉnh Vĩnh Long" in text


def test_plan_is_the_same_for_the_same_size_and_keeps_the_named_union():
    first = build.plan_grassroots(build.BENTRE, 40, 900)
    second = build.plan_grassroots(build.BENTRE, 40, 900)
    assert [(s.code, s.org, s.size) for s in first] == [(s.code, s.org, s.size) for s in second]
    assert "BTR-MAYBT" in {s.code for s in first}
