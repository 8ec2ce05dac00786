"""notices/0001 takes over the notices a database kept in core's table before notices became an app."""

import importlib

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models

from thidua.core.audit import history_of
from thidua.notices.models import Notice

pytestmark = pytest.mark.django_db(transaction=True)  # the schema editor works outside a transaction

take_over = importlib.import_module("thidua.notices.migrations.0001_initial").take_over_core_notices


class OldNotice(models.Model):
    """core.Notice as core/0002 created it (no user, no mailed_at)."""

    kind = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True)
    created_by_id = models.BigIntegerField(null=True)
    unit_id = models.BigIntegerField()

    class Meta:
        app_label = "tests_old_core"
        db_table = "core_notice"

    def __str__(self) -> str:
        return self.title


def test_old_core_notices_keep_their_ids_and_audit_and_the_old_table_goes(tree, users):
    from django.utils import timezone

    with connection.schema_editor() as editor:
        editor.create_model(OldNotice)
    OldNotice.objects.create(id=41, kind="reminder", title="Nhắc cũ", key="k", created_at=timezone.now(),
                             unit_id=tree.BT.pk)  # fmt: skip
    old_type, _created = ContentType.objects.get_or_create(app_label="core", model="notice")
    ContentType.objects.filter(app_label="notices", model="notice").delete()
    ContentType.objects.clear_cache()
    from thidua.core.models import AuditEvent

    AuditEvent.objects.create(action="update", content_type=old_type, object_id="41", object_repr="Nhắc cũ")
    with connection.schema_editor() as editor:
        take_over(apps, editor)
    ContentType.objects.clear_cache()
    notice = Notice.objects.get()
    assert (notice.pk, notice.title, notice.key, notice.unit) == (41, "Nhắc cũ", "k", tree.BT)
    assert [e.object_repr for e in history_of(notice)] == ["Nhắc cũ"]
    assert "core_notice" not in connection.introspection.table_names()
    Notice.objects.create(unit=tree.BT, kind="reminder", title="Mới")
    assert Notice.objects.order_by("-pk").first().pk > 41
