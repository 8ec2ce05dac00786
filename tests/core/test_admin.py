"""Django's admin has no back door around the actions and their audit trail, and speaks Vietnamese."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.orgs.models import Membership, Person, RoleAssignment, Unit, UnitEvent, UnitVersion
from thidua.plans.models import Commemoration

EDITABLE_IN_ADMIN = {"auth.user", "auth.group", "plans.commemoration"}
THIRD_PARTY = {"axes"}


def test_every_domain_model_is_read_only_in_the_admin(rf, users):
    request = rf.get("/quan-tri/")
    request.user = users.admin
    checked = []
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        if label in EDITABLE_IN_ADMIN or model._meta.app_label in THIRD_PARTY:
            continue
        assert not model_admin.has_add_permission(request), label
        assert not model_admin.has_change_permission(request), label
        assert not model_admin.has_delete_permission(request), label
        checked.append(label)
    assert {"orgs.unit", "orgs.person", "orgs.membership", "orgs.unitevent", "orgs.unitversion",
            "orgs.roleassignment", "orgs.restructuringrequest", "plans.plan", "core.auditevent",
            "api.apitoken", "rewards.decision", "rewards.decisionregister", "rewards.revocation",
            "rewards.awardrecord", "eligibility.condition", "eligibility.exclusion", "eligibility.taskrating",
            "eligibility.override"} <= set(checked)  # fmt: skip


def test_the_eligibility_conditions_are_listed_in_the_admin(client_for, users):
    from thidua.eligibility.models import Condition

    response = client_for(users.admin).get("/quan-tri/eligibility/condition/")
    # Shipped by a migration (unless a live-server test flushed them).
    shown = Condition.objects.order_by("key").first()
    assert response.status_code == 200
    assert shown is None or shown.key in response.content.decode()


@pytest.mark.parametrize("model", [Membership, Person, UnitEvent, Unit, RoleAssignment, UnitVersion])
def test_admin_refuses_to_delete_or_change_a_domain_record(client_for, users, model):
    obj = model.objects.order_by("pk").first() or pytest.skip("no row")
    client = client_for(users.admin)
    info = model._meta.app_label, model._meta.model_name
    deleted = client.post(reverse(f"admin:{info[0]}_{info[1]}_delete", args=[obj.pk]), {"post": "yes"})
    assert deleted.status_code == 403
    changed = client.post(reverse(f"admin:{info[0]}_{info[1]}_change", args=[obj.pk]), {})
    assert changed.status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()


def test_admin_refuses_to_delete_a_login(client_for, users):
    response = client_for(users.admin).post(
        reverse("admin:auth_user_delete", args=[users.outsider.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert type(users.outsider).objects.filter(pk=users.outsider.pk).exists()


def test_commemoration_changed_in_the_admin_is_audited(client_for, users):
    client = client_for(users.admin)
    response = client.post(
        reverse("admin:plans_commemoration_add"),
        {"name": "Ngày thử nghiệm", "short_name": "", "base_date": "01/05/1886", "kind": "international",
         "citation": "", "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    item = Commemoration.objects.get(name="Ngày thử nghiệm")
    event = AuditEvent.objects.get(object_id=str(item.pk), content_type__model="commemoration")
    assert event.action == "create"
    assert event.actor == users.admin
    assert event.changes["base_date"] == [None, datetime.date(1886, 5, 1).isoformat()]


ENGLISH_IN_ADMIN = ["Access attempts", "Thêm vào", "Skip to main content", "Model name", "Toggle theme", "Axes",
                    "Show counts", "Attempt Time"]  # fmt: skip


@pytest.mark.parametrize(
    "url", ["/quan-tri/", "/quan-tri/axes/accessattempt/", "/quan-tri/plans/commemoration/add/"]
)
def test_admin_pages_are_in_vietnamese(client_for, users, url):
    page = client_for(users.admin).get(url).content.decode()
    for english in ENGLISH_IN_ADMIN:
        assert english not in page, english
    assert "Đăng nhập sai" in page


def test_admin_password_change_page_is_all_vietnamese(client_for, users):
    response = client_for(users.admin).get(
        reverse("admin:auth_user_password_change", args=[users.outsider.pk])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "If disabled" not in html
    assert "mật khẩu hiện tại của người dùng này sẽ mất" in html
