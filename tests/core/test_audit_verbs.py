"""Audit verbs are free text owned by the apps that write them; the apps name them for the trail."""

from thidua.core import audit
from thidua.core.models import AuditEvent


def test_apps_name_their_verbs_for_the_trail():
    assert [audit.verb_label(v) for v in ("create", "merge", "issue")] == ["Tạo mới", "Sáp nhập", "Ban hành"]


def test_a_verb_no_app_named_shows_as_written(db, tree, users):
    event = audit.record(tree.BT, by=users.admin, action="review_opened", after={"name": "x"})
    event = AuditEvent.objects.get(pk=event.pk)
    assert (event.action, event.get_action_display()) == ("review_opened", "review_opened")


def test_a_new_verb_is_stored_without_a_migration(db, tree, users):
    audit.name_verbs({"review_opened": "Mở phiên xét duyệt"})
    try:
        event = audit.record(tree.BT, by=users.admin, action="review_opened", after={"name": "x"})
        assert AuditEvent.objects.get(pk=event.pk).get_action_display() == "Mở phiên xét duyệt"
    finally:
        audit._VERB_LABELS.pop("review_opened")
