"""The "Mái ấm Công đoàn" fund (quỹ “Mái ấm Công đoàn”): a ledger per unit that is only ever appended to.

- ``FundEntry``: one line of a unit's fund book — a contribution (ủng hộ: from a unit or a person, with its receipt
  number) or a grant paid out (chi hỗ trợ, tied to its ``Grant``). An entry is never edited nor deleted: a mistake is
  put right by a *correction*, a new entry of the same unit, kind and book year whose ``amount`` is the difference
  (negative to reduce, the opposite of the whole amount to void) and which names the entry it corrects
  (``corrects``) and the reason. So the effective amount of an entry is its amount plus its corrections', and the
  balance of a unit and year is the sum of the contributions minus the sum of the grants, corrections included.
- ``Grant``: the case behind a grant entry — a member in hardship, or a house built or repaired (nhà “Mái ấm Công
  đoàn”): beneficiary, place (localities of ``thidua.orgs.localities``), approval, handover date, photos (attachments).
  Its details may change (audited); its money only through the ledger.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.scoping import ScopedQuerySet


class EntryKind(models.TextChoices):
    CONTRIBUTION = "contribution", _("Ủng hộ quỹ")
    GRANT = "grant", _("Chi hỗ trợ")


class GrantKind(models.TextChoices):
    HARDSHIP = "hardship", _("Trợ cấp đoàn viên khó khăn")
    HOUSE_NEW = "house_new", _("Xây mới nhà “Mái ấm Công đoàn”")
    HOUSE_REPAIR = "house_repair", _("Sửa chữa nhà “Mái ấm Công đoàn”")


HOUSE_KINDS = (GrantKind.HOUSE_NEW, GrantKind.HOUSE_REPAIR)


class FundQuerySet(ScopedQuerySet):
    scope_lookup = "unit__path"


class GrantQuerySet(FundQuerySet):
    def current(self):
        return self.filter(archived_at__isnull=True)

    def houses(self):
        return self.filter(kind__in=HOUSE_KINDS)


class Grant(models.Model):
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị chi hỗ trợ"), on_delete=models.PROTECT,
                             related_name="fund_grants")  # fmt: skip
    kind = models.CharField(_("hình thức hỗ trợ"), max_length=16, choices=GrantKind.choices)
    beneficiary_name = models.CharField(_("người được hỗ trợ"), max_length=200)
    beneficiary = models.ForeignKey("orgs.Person", verbose_name=_("đoàn viên"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="fund_grants")  # fmt: skip
    beneficiary_unit = models.ForeignKey("orgs.Unit", verbose_name=_("công đoàn cơ sở của người được hỗ trợ"),
                                         null=True, blank=True, on_delete=models.PROTECT, related_name="+")  # fmt: skip
    province_code = models.CharField(_("tỉnh, thành phố"), max_length=10, blank=True)
    ward_code = models.CharField(_("xã, phường"), max_length=10, blank=True)
    address = models.CharField(_("địa chỉ (ấp, khu phố)"), max_length=300, blank=True)
    circumstances = models.TextField(_("hoàn cảnh"), blank=True)
    approval_number = models.CharField(_("số quyết định hỗ trợ"), max_length=60)
    approved_on = models.DateField(_("ngày quyết định"))
    handed_over_on = models.DateField(_("ngày bàn giao"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("khoản hỗ trợ từ quỹ “Mái ấm Công đoàn”")
        verbose_name_plural = _("khoản hỗ trợ từ quỹ “Mái ấm Công đoàn”")
        ordering = ["-approved_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "approved_on"], name="fund_grant_unit_idx"),
            models.Index(fields=["kind", "handed_over_on"], name="fund_grant_handover_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(handed_over_on__isnull=True) | Q(handed_over_on__gte=models.F("approved_on")),
                name="fund_grant_handover_after_approval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.beneficiary_name}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("union_fund:grant-detail", args=[self.pk])

    @property
    def is_house(self) -> bool:
        return self.kind in HOUSE_KINDS

    @property
    def place(self) -> str:
        """'Ấp 3, Xã An Phước, Tỉnh Vĩnh Long' from the address and the localities package."""
        from thidua.orgs.localities import locality

        return ", ".join(p for p in (self.address, locality(self.province_code, self.ward_code)) if p)


class FundEntry(models.Model):
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("sổ quỹ của đơn vị"), on_delete=models.PROTECT,
                             related_name="fund_entries")  # fmt: skip
    kind = models.CharField(_("loại bút toán"), max_length=16, choices=EntryKind.choices)
    entry_date = models.DateField(_("ngày"))
    year = models.PositiveSmallIntegerField(_("năm sổ quỹ"))
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    # a contribution: from a unit of the tree, or a person / an outside body named in full
    contributor_unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị ủng hộ"), null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")  # fmt: skip
    contributor_name = models.CharField(_("người, đơn vị ủng hộ"), max_length=300, blank=True)
    receipt_number = models.CharField(_("số biên lai, phiếu thu"), max_length=60, blank=True)
    # a grant: the case it pays
    grant = models.ForeignKey(Grant, verbose_name=_("khoản hỗ trợ"), null=True, blank=True, on_delete=models.PROTECT,
                              related_name="entries")  # fmt: skip
    corrects = models.ForeignKey("self", verbose_name=_("điều chỉnh cho bút toán"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="corrections")  # fmt: skip
    note = models.CharField(_("nội dung, lý do"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("ghi sổ lúc"), auto_now_add=True)

    objects = FundQuerySet.as_manager()

    class Meta:
        verbose_name = _("bút toán quỹ “Mái ấm Công đoàn”")
        verbose_name_plural = _("sổ quỹ “Mái ấm Công đoàn”")
        ordering = ["entry_date", "id"]
        indexes = [
            models.Index(fields=["unit", "year", "kind"], name="fund_entry_unit_year_idx"),
            models.Index(fields=["year", "kind"], name="fund_entry_year_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["contribution", "grant"]), name="fund_entry_kind"),
            models.CheckConstraint(
                condition=(Q(corrects__isnull=True) & Q(amount__gt=0))
                | (Q(corrects__isnull=False) & ~Q(amount=0)),
                name="fund_entry_amount",
            ),  # an original is positive; a correction is a non-zero difference
            models.CheckConstraint(
                condition=Q(kind="contribution", grant__isnull=True) | Q(kind="grant", grant__isnull=False),
                name="fund_entry_grant_only_for_grants",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount:,} đ ({self.entry_date.isoformat()})".replace(
            ",", "."
        )

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None

    @property
    def signed_amount(self) -> int:
        """The entry's effect on the balance: contributions add, grants subtract."""
        return self.amount if self.kind == EntryKind.CONTRIBUTION else -self.amount
