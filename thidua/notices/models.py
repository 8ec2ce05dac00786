"""Notices: an in-app message to a unit (its people see it) or to one user — a plan received, a phase opening, a
reminder, a request to act. Apps create them with one action, ``thidua.notices.actions.notify``; the bell, the
notices page, the dashboard block and the daily e-mail digest read them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.dates import format_datetime
from thidua.core.notify import kind_label
from thidua.core.permissions import VIEW
from thidua.core.scoping import ScopedQuerySet, own_paths, scope_q, sees_everything


class NoticeQuerySet(ScopedQuerySet):
    """A unit's notice is seen in the unit's subtree and by the successors of the unit once it ended (decision 0011:
    they carry on its records, its inbox included); a user's notice by that user only (``visible_to``). The bell, the
    dashboard, the notices page and the digest show what is addressed to the user (``for_user``): the notices of the
    units they hold a role on, of the units those inherited through a merger or took over at a dissolution, and their
    own."""

    scope_lookup = "unit__path"

    def visible_to(self, user, perm: str = VIEW):
        from thidua.orgs.models import Unit
        from thidua.orgs.queries import predecessors_of

        mine = Q(user=user) if getattr(user, "pk", None) else Q(pk__in=[])
        if sees_everything(user):
            return self.filter(Q(unit__isnull=False) | mine)
        inherited = Q(unit__in=predecessors_of(Unit.objects.visible_to(user, perm)))
        return self.filter(
            (Q(unit__isnull=False) & (scope_q(user, self.scope_lookup, perm) | inherited)) | mine
        )

    def for_user(self, user):
        """The notices addressed to the user's own units (their predecessors' included) and to the user: one
        query."""
        from thidua.orgs.models import Unit
        from thidua.orgs.queries import predecessors_of

        if not getattr(user, "pk", None) or not user.is_active:
            return self.none()
        own = own_paths(user)
        inherited = Q(unit__in=predecessors_of(Unit.objects.filter(path__in=own))) if own else Q(pk__in=[])
        return self.filter(Q(unit__path__in=own) | inherited | Q(user=user))

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    """One notice to one unit (shared by the people of the unit: read once for all) or to one user. ``key`` makes a
    notice unique per recipient, so an action or a daily job that runs twice tells nobody twice."""

    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị nhận"), on_delete=models.PROTECT, null=True,
                             blank=True, related_name="notices")  # fmt: skip
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.PROTECT,
                             null=True, blank=True, related_name="notices")  # fmt: skip
    kind = models.CharField(_("loại thông báo"), max_length=40)
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    key = models.CharField(max_length=120, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    mailed_at = models.DateTimeField(_("đã gửi thư lúc"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "-created_at"], name="notices_unit_idx"),
            models.Index(fields=["user", "-created_at"], name="notices_user_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, user__isnull=True) | Q(unit__isnull=True, user__isnull=False),
                name="notices_one_recipient",
            ),
            models.UniqueConstraint(
                fields=["unit", "key"], condition=~Q(key="") & Q(unit__isnull=False), name="notices_unit_key"
            ),  # fmt: skip
            models.UniqueConstraint(
                fields=["user", "key"], condition=~Q(key="") & Q(user__isnull=False), name="notices_user_key"
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return self.title

    def get_kind_display(self) -> str:
        return kind_label(self.kind)

    @property
    def recipient_name(self) -> str:
        if self.unit_id:
            return self.unit.short_name or self.unit.name
        return self.user.get_full_name() or self.user.get_username()


class NoticeDigest(models.Model):
    """One daily e-mail digest sent to a user: the next one lists only what came after it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("gửi lúc"))
    notice_count = models.PositiveIntegerField(_("số thông báo"))

    class Meta:
        verbose_name = _("thư tổng hợp thông báo")
        verbose_name_plural = _("thư tổng hợp thông báo")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["user", "-sent_at"], name="notices_digest_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} – {format_datetime(self.sent_at)}"
