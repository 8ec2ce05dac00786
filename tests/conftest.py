"""One standard tree of units and named users, built once per test database through the real actions.

    TLĐ  Tổng Liên đoàn Lao động Việt Nam (national)
    ├── BT   LĐLĐ tỉnh Bến Tre (province)
    │   ├── CT    LĐLĐ huyện Châu Thành (upper)
    │   │   ├── MAY   CĐCS Công ty TNHH May Việt Tiến Bến Tre (grassroots, FDI): Trần Trung Hào, Nguyễn Thị Đào, Lê Văn Đức
    │   │   └── THPT  CĐCS Trường THPT Châu Thành A (grassroots, public service): Huỳnh Thị Mai
    │   └── TPBT  LĐLĐ thành phố Bến Tre (upper)
    │       └── DUA   CĐCS Công ty CP Dừa Bến Tre (grassroots, private): Võ Thị Hồng
    └── TV   LĐLĐ tỉnh Trà Vinh (province)
        └── LD    Công đoàn các KCN Trà Vinh (upper)
            └── GIAY  CĐCS Công ty TNHH Giày Trà Vinh (grassroots, FDI): Phạm Văn Bình

Users: admin (system administrator), province_officer (officer of BT), province_leader (leader of BT),
district_leader (leader of CT), grassroots_officer (officer of MAY), council_member (council of BT),
outsider (officer of TV: another branch).
"""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

PASSWORD = "mat-khau-thu-nghiem"

UNITS = [
    # code, parent, name, short, level, sector
    ("TLD", None, "Tổng Liên đoàn Lao động Việt Nam", "TLĐ", "national", ""),
    ("BT", "TLD", "Liên đoàn Lao động tỉnh Bến Tre", "LĐLĐ Bến Tre", "province", ""),
    ("CT", "BT", "Liên đoàn Lao động huyện Châu Thành", "LĐLĐ Châu Thành", "upper", ""),
    ("MAY", "CT", "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre", "CĐCS May Việt Tiến", "grassroots", "fdi"),
    ("THPT", "CT", "Công đoàn cơ sở Trường THPT Châu Thành A", "CĐCS THPT Châu Thành A", "grassroots",
     "public_service"),
    ("TPBT", "BT", "Liên đoàn Lao động thành phố Bến Tre", "LĐLĐ TP Bến Tre", "upper", ""),
    ("DUA", "TPBT", "Công đoàn cơ sở Công ty Cổ phần Dừa Bến Tre", "CĐCS Dừa Bến Tre", "grassroots", "private"),
    ("TV", "TLD", "Liên đoàn Lao động tỉnh Trà Vinh", "LĐLĐ Trà Vinh", "province", ""),
    ("LD", "TV", "Công đoàn các Khu công nghiệp Trà Vinh", "CĐ KCN Trà Vinh", "upper", ""),
    ("GIAY", "LD", "Công đoàn cơ sở Công ty TNHH Giày Trà Vinh", "CĐCS Giày Trà Vinh", "grassroots", "fdi"),
]  # fmt: skip
PEOPLE = [
    # full name, unit, gender, birth date, national id, direct production worker, union member
    ("Trần Trung Hào", "MAY", "male", datetime.date(1980, 5, 1), "083080000001", True, True),
    ("Nguyễn Thị Đào", "MAY", "female", datetime.date(1992, 3, 8), "083192000002", True, True),
    ("Lê Văn Đức", "MAY", "male", datetime.date(1988, 11, 20), "", False, False),
    ("Huỳnh Thị Mai", "THPT", "female", datetime.date(1985, 9, 5), "", False, True),
    ("Võ Thị Hồng", "DUA", "female", datetime.date(1990, 1, 15), "", True, True),
    ("Phạm Văn Bình", "GIAY", "male", datetime.date(1987, 7, 7), "084087000009", True, True),
]
USERS = [
    # username, unit, role
    ("admin", "TLD", "admin"),
    ("province_officer", "BT", "officer"),
    ("province_leader", "BT", "leader"),
    ("district_leader", "CT", "leader"),
    ("grassroots_officer", "MAY", "officer"),
    ("council_member", "BT", "council"),
    ("outsider", "TV", "officer"),
]


def build_standard_tree():
    from thidua.orgs import actions
    from thidua.orgs.models import Unit

    founded = datetime.date(2015, 1, 1)
    units = {}
    for code, parent, name, short, level, sector in UNITS:
        units[code] = actions.create_unit(
            units.get(parent), by=None, code=code, name=name, short_name=short, level=level, sector=sector,
            founded_on=founded,
        )  # fmt: skip
    for full_name, code, gender, birth, nid, direct, member in PEOPLE:
        actions.create_person(
            by=None, unit=Unit.objects.get(code=code), full_name=full_name, gender=gender, birth_date=birth,
            national_id=nid, joined_on=datetime.date(2016, 1, 1),
            membership={"is_direct_production_worker": direct, "is_member": member},
        )  # fmt: skip
    User = get_user_model()
    for username, code, role in USERS:
        user = User.objects.create_user(username=username, password=PASSWORD)
        actions.grant_role(user, Unit.objects.get(code=code), role, by=None)


@pytest.fixture(autouse=True)
def _standard_tree(request, django_db_blocker):
    """Commit the standard tree outside the test's transaction when it is missing: once per test database, and
    again after a transactional test (browser tests) has flushed it."""
    if not any(name in request.fixturenames for name in ("db", "transactional_db", "live_server")) and not (
        request.node.get_closest_marker("django_db")
    ):
        return
    request.getfixturevalue("django_db_setup")
    from thidua.orgs.models import Unit

    with django_db_blocker.unblock():
        if not Unit.objects.filter(code="TLD").exists():
            build_standard_tree()


@pytest.fixture
def tree(db):
    """The standard units by code, e.g. ``tree.MAY``."""
    from thidua.orgs.models import Unit

    return SimpleNamespace(**{u.code: u for u in Unit.objects.all()})


@pytest.fixture
def users(db):
    """The named users, e.g. ``users.outsider``."""
    User = get_user_model()
    return SimpleNamespace(**{u.username: u for u in User.objects.all()})


@pytest.fixture
def people(db):
    """The standard people by family name + given name without diacritics, e.g. ``people.tran_hao``."""
    from thidua.core.text import fold
    from thidua.orgs.models import Person

    return SimpleNamespace(**{f"{fold(p.family_name)}_{fold(p.given_name)}": p for p in Person.objects.all()})


@pytest.fixture
def client_for(client):
    """``client_for(users.outsider)`` — a test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def _settings_for_tests(settings, tmp_path_factory):
    attachments_dir = tmp_path_factory.mktemp("attachments")  # attached files of one test, never under var/
    settings.ATTACHMENTS_DIR = attachments_dir
    settings.ROLLUP_EXPORTS_DIR = tmp_path_factory.getbasetemp() / "exports"  # never var/ (reap sweeps it)
    settings.TASKS_INLINE = True
    settings.AXES_ENABLED = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(attachments_dir), "base_url": None},
        },
    }


def pytest_configure(config):
    from tests import write_path

    write_path.install()


@pytest.fixture(autouse=True)
def _writes_go_through_actions():
    """The write-path check (tests/write_path.py): a test fails when thidua code wrote a domain model outside an
    action. Tests arranging data directly are not concerned (no thidua code on the stack)."""
    from tests import write_path

    write_path.take()
    yield
    found = write_path.take()
    if found:
        pytest.fail("Writes outside the actions:\n" + "\n".join(f"  {v}" for v in found), pytrace=False)


@pytest.fixture
def carry_out():
    """``carry_out(client, url, data)``: prepare a restructuring through its page, then approve it (confirming what
    ends) as the same user; returns the approval's response (the preparation's when it did not prepare)."""
    from django.urls import reverse

    def run(client, url, data, approver=None):
        from thidua.orgs.models import RestructuringRequest

        before = RestructuringRequest.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        prepared = client.post(url, data)
        created = RestructuringRequest.objects.filter(pk__gt=before).order_by("-pk").first()
        if prepared.status_code != 302 or created is None:
            return prepared
        return (approver or client).post(
            reverse("orgs:restructuring-transition", args=[created.pk, "approve"]), {"confirm": "on"}
        )

    return run
