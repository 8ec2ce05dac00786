"""Serials, layouts and emblems: written through the actions, checked against the acting user, audited."""

import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.rewards.builders import draft, person_line, register, user_of
from thidua.certificates import actions
from thidua.certificates.models import BlankLayout, Certificate, Emblem
from thidua.core.models import AuditEvent
from thidua.rewards.models import AwardRecord

SERIAL = re.compile(r"^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{12}$")


def test_each_standing_award_gets_one_random_serial(decision, people, users):
    created = actions.issue_certificates(decision, by=users.district_leader)
    assert len(created) == 3  # Lê Văn Đức's award was revoked before printing
    serials = [c.serial for c in created]
    assert all(SERIAL.match(s) for s in serials)
    assert len(set(serials)) == 3
    assert not Certificate.objects.filter(record__person=people.le_duc).exists()
    assert AuditEvent.objects.filter(action="issue_certificate", actor=users.district_leader).count() == 3


def test_issuing_again_creates_nothing(decision, users):
    first = {c.serial for c in actions.issue_certificates(decision, by=users.district_leader)}
    assert actions.issue_certificates(decision, by=users.district_leader) == []
    assert set(Certificate.objects.values_list("serial", flat=True)) == first


def test_a_draft_gets_no_certificates(tree, people, users):
    decision = draft(register(tree.CT), [person_line(people.tran_hao, award="giay-khen-cap-tren")])
    with pytest.raises(ValidationError, match="chưa ban hành"):
        actions.issue_certificates(decision, by=users.district_leader)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("own", True),
        ("parent", True),
        ("ancestor", True),
        ("sibling", False),
        ("child", False),
        ("outsider", False),
    ],
)
def test_who_may_issue_serials_of_a_decision(decision, tree, users, who, allowed):
    user = {
        "own": users.district_leader, "parent": users.province_officer,
        "ancestor": user_of(tree.TLD, "tld_officer"), "sibling": user_of(tree.TPBT, "tpbt_officer"),
        "child": users.grassroots_officer, "outsider": users.outsider,
    }[who]  # fmt: skip
    if allowed:
        assert len(actions.issue_certificates(decision, by=user)) == 3
    else:
        with pytest.raises(PermissionDenied):
            actions.issue_certificates(decision, by=user)
        assert not Certificate.objects.exists()


def test_a_revoked_award_keeps_its_certificate_marked_revoked(decision, people, users):
    from thidua.rewards import actions as reward_actions

    actions.issue_certificates(decision, by=users.district_leader)
    record = AwardRecord.objects.get(decision_line__decision=decision, person=people.nguyen_dao)
    reward_actions.revoke_award(record, by=users.district_leader, reason="fraud", revoked_on=record.decided_on,
                                reference="03/QĐ-LĐLĐ")  # fmt: skip
    cert = Certificate.objects.get(record=record)
    assert cert.is_revoked


def test_layout_starts_from_the_full_certificates_positions_and_saves_a_calibration(tree):
    officer = user_of(tree.CT, "ct_officer")
    layout = actions.create_layout(tree.CT, by=officer, name="Phôi Giấy khen 2017")
    assert layout.fields["name"]["x"] == 148.5 and layout.fields["name"]["font"] == "DancingScript-Bold"
    fields = {**layout.fields, "name": {**layout.fields["name"], "x": 150.0, "y": 104.5, "size": 28}}
    actions.update_layout(layout, by=officer, name="Phôi Giấy khen 2017", paper="a4-landscape", fields=fields)
    layout.refresh_from_db()
    assert layout.fields["name"] == {"x": 150.0, "y": 104.5, "font": "DancingScript-Bold", "size": 28.0,
                                     "align": "center", "width": 250}  # fmt: skip
    event = AuditEvent.objects.filter(action="update_layout").get()
    assert event.actor == officer and "fields" in event.changes


def test_a_position_off_the_sheet_is_refused_naming_the_field_and_nothing_changes(tree):
    officer = user_of(tree.CT, "ct_officer")
    layout = actions.create_layout(tree.CT, by=officer, name="Phôi A")
    bad = {**layout.fields, "serial": {**layout.fields["serial"], "y": 250}}
    with pytest.raises(ValidationError) as error:
        actions.update_layout(layout, by=officer, name="Phôi A", paper="a4-landscape", fields=bad)
    assert error.value.message_dict == {
        "serial_y": ["Số hiệu: vị trí y = 250 mm nằm ngoài tờ giấy (0–210 mm)."]
    }
    layout.refresh_from_db()
    assert layout.fields["serial"]["y"] == 182


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("own", True), ("own_leader", False), ("parent", True), ("ancestor", True), ("sibling", False),
     ("child", False), ("outsider", False)],
)  # fmt: skip
def test_who_may_edit_a_units_blank_layout(tree, users, who, allowed):
    layout = actions.create_layout(tree.CT, by=None, name="Phôi B")
    user = {
        "own": user_of(tree.CT, "ct_officer"), "own_leader": users.district_leader,
        "parent": users.province_officer, "ancestor": user_of(tree.TLD, "tld_admin", "admin"),
        "sibling": user_of(tree.TPBT, "tpbt_officer"), "child": users.grassroots_officer, "outsider": users.outsider,
    }[who]  # fmt: skip
    fields = {**layout.fields, "name": {**layout.fields["name"], "x": 140}}
    if allowed:
        actions.update_layout(layout, by=user, name="Phôi B", paper="a4-landscape", fields=fields)
        assert BlankLayout.objects.get().fields["name"]["x"] == 140
    else:
        with pytest.raises(PermissionDenied):
            actions.update_layout(layout, by=user, name="Phôi B", paper="a4-landscape", fields=fields)
        assert BlankLayout.objects.get().fields["name"]["x"] == 148.5


def _png(size=(40, 40)):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def test_an_emblem_replaces_the_previous_one(tree):
    officer = user_of(tree.CT, "ct_officer")
    first = actions.upload_emblem(tree.CT, SimpleUploadedFile("quoc-huy.png", _png()), by=officer)
    second = actions.upload_emblem(tree.CT, SimpleUploadedFile("bieu-trung.png", _png()), by=officer)
    first.refresh_from_db()
    assert first.archived_at is not None and second.archived_at is None
    assert Emblem.objects.filter(issuer=tree.CT, archived_at__isnull=True).get() == second


def test_an_emblem_that_is_not_an_image_is_refused(tree):
    officer = user_of(tree.CT, "ct_officer")
    with pytest.raises(ValidationError) as error:
        actions.upload_emblem(
            tree.CT, SimpleUploadedFile("quoc-huy.png", b"%PDF-1.4 khong phai anh"), by=officer
        )
    assert "quoc-huy.png" in " ".join(error.value.message_dict["file"])
    assert not Emblem.objects.exists()
