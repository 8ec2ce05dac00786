"""The shipped data file: loaded by the migration, reloaded idempotently, changes recorded, bad files refused."""

import copy
import datetime
import io
import json

import pytest
from django.core.management import call_command

from thidua.core.models import AuditEvent
from thidua.registrations import actions, loading
from thidua.registrations.models import Award, BaseSalary, CatalogLoad, Regulation, Rule
from thidua.registrations.queries import rule_for

from .builders import federation_layer


@pytest.fixture
def data():
    return loading.read_catalog()[0]


def _counts():
    return (
        Rule.objects.filter(archived_at__isnull=True).count(),
        Award.objects.filter(archived_at__isnull=True).count(),
        Regulation.objects.filter(archived_at__isnull=True).count(),
        BaseSalary.objects.filter(archived_at__isnull=True).count(),
    )


def test_the_shipped_file_is_valid_and_loaded(data):
    assert loading.check_catalog(data) == []
    assert _counts() == (
        len(data["rules"]),
        len(data["awards"]),
        len(data["regulations"]),
        len(data["base_salaries"]),
    )


def test_every_fact_keeps_its_mark_and_source(data):
    rule = Rule.objects.get(key="bang-khen-ttg@nd152-2025")
    assert (rule.mark, rule.fact("multiplier_collective")[0], rule.fact("multiplier_individual")[0]) == (
        "VERIFIED",
        "VERIFIED",
        "SECONDARY",
    )
    assert Rule.objects.get(key="bang-khen-ttg@nd98-2023").mark == "UNVERIFIED"
    collective = Rule.objects.get(key="tt-ld-xuat-sac@nd98-2023")  # NĐ 98 Điều 54 read; its criteria are not
    assert (collective.mark, collective.fact("multiplier_collective")[0]) == ("SECONDARY", "VERIFIED")
    assert BaseSalary.objects.get(valid_from=datetime.date(2026, 7, 1)).mark == "VERIFIED"


def test_reloading_the_same_file_changes_nothing():
    before = (_counts(), AuditEvent.objects.count(), CatalogLoad.objects.count())
    assert actions.load_catalog(by=None) is None
    assert (_counts(), AuditEvent.objects.count(), CatalogLoad.objects.count()) == before


def test_a_new_version_of_the_file_is_loaded_with_what_changed(data, users):
    new = copy.deepcopy(data)
    new["version"] = "2027-01-01.1"
    rule = next(r for r in new["rules"] if loading.rule_key(r) == "lao-dong-tien-tien@nd152-2025")
    rule["multiplier_individual"] = 40
    new["rules"] = [
        r for r in new["rules"] if loading.rule_key(r) != "giai-thuong-nguyen-duc-canh@qd999-2024"
    ]
    new["base_salaries"].append({"valid_from": "2027-07-01", "amount": 2_700_000, "instrument": "Nghị định giả định",
                                 "mark": "UNVERIFIED"})  # fmt: skip

    load = actions.load_catalog(new, by=users.admin, digest="x")

    summary = {key: sorted(f"{c['kind']}:{c['key']}" for c in load.summary[key]) for key in load.summary}
    assert summary == {
        "added": ["base_salary:2027-07-01"],
        "changed": ["rule:lao-dong-tien-tien@nd152-2025"],
        "archived": ["rule:giai-thuong-nguyen-duc-canh@qd999-2024"],
    }
    changed = load.summary["changed"][0]["changes"]
    assert changed == {"multiplier_individual": [30, 40]}
    assert rule_for("lao-dong-tien-tien", datetime.date(2026, 1, 1)).value("multiplier_individual") == 40
    assert rule_for("giai-thuong-nguyen-duc-canh", datetime.date(2026, 1, 1)) is None
    audited = AuditEvent.objects.filter(note="Nạp danh mục 2027-01-01.1")
    assert sorted(audited.values_list("action", flat=True)) == ["archive", "create", "update"]
    assert set(audited.values_list("actor", flat=True)) == {users.admin.pk}
    # the same version again: nothing
    assert actions.load_catalog(new, by=users.admin) is None
    # the old file again: the rule comes back
    back = actions.load_catalog(data, by=None)
    assert sorted(c["key"] for c in back.summary["changed"]) == [
        "giai-thuong-nguyen-duc-canh@qd999-2024",
        "lao-dong-tien-tien@nd152-2025",
    ]
    assert sorted(c["key"] for c in back.summary["archived"]) == ["2027-07-01"]


def test_reloading_leaves_the_federation_layers_alone(tree, data):
    _, rule = federation_layer(tree.BT, quotas=[{"percent": 10, "of": "lao-dong-tien-tien"}])
    new = copy.deepcopy(data)
    new["version"] = "2027"
    actions.load_catalog(new, by=None)
    rule.refresh_from_db()
    assert rule.archived_at is None
    assert rule.regulation.archived_at is None


def test_a_bad_file_is_refused_naming_each_entry_and_changes_nothing(data):
    bad = copy.deepcopy(data)
    bad["rules"][0]["award"] = "khong-co"
    bad["rules"][1]["multiplier_individual"] = 0.3
    bad["base_salaries"][0]["amount"] = -1
    before = (_counts(), AuditEvent.objects.count())
    with pytest.raises(loading.CatalogError) as error:
        actions.load_catalog(bad, by=None)
    assert error.value.errors == [
        "Quy định thứ 1 (khong-co@qd1564-2014): không có danh hiệu, hình thức mã “khong-co”.",
        "Quy định thứ 2 (doan-vien-xuat-sac@qd2106-2017): “multiplier_individual” phải là số nguyên không âm "
        "(hệ số tính theo phần trăm).",
        "Mức lương cơ sở thứ 1 (2016-05-01): “amount” phải là số nguyên dương (đồng).",
    ]
    assert (_counts(), AuditEvent.objects.count()) == before


def test_the_command_reloads_a_file_and_says_what_changed(tmp_path, data):
    new = copy.deepcopy(data)
    new["version"] = "2027-02"
    next(r for r in new["rules"] if loading.rule_key(r) == "cstd-co-so@nd152-2025")[
        "vote_threshold_percent"
    ] = 85
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(new, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    call_command("load_catalog", str(path), stdout=out)
    assert out.getvalue().splitlines() == [
        "Sửa rule cstd-co-so@nd152-2025: vote_threshold_percent",
        "Đã nạp phiên bản 2027-02: thêm 0, sửa 1, lưu trữ 0.",
    ]
    out = io.StringIO()
    call_command("load_catalog", str(path), stdout=out)
    assert out.getvalue() == "Danh mục đã đúng với tệp, không có gì thay đổi.\n"
