"""Bằng khen, Giấy khen: the certificate of each award, the issuer's emblem, the layouts of pre-printed blanks.

- ``Certificate``: one per award of an issued decision (``AwardRecord`` from a ``DecisionLine``), with a serial
  number that cannot be guessed (random, 12 characters of an alphabet without look-alike characters) printed on it
  with a QR code to the public verification page. Its state follows the record: genuine while the award stands,
  revoked once it is taken back. Never deleted.
- ``Emblem``: the image the issuer's administrator uploads (the national emblem or the union's emblem, none ships
  with a free licence), drawn above the title; one current per issuer, earlier ones kept (archived).
- ``BlankLayout``: a pre-printed blank (phôi) of an issuer and a printer: paper, and for each variable field its
  position (x, y in millimetres from the top left corner of the sheet), font and size, calibrated on a test page.

Reads are scoped on the issuer's subtree (certificates through their decision).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.scoping import ScopedQuerySet

SERIAL_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud or typed without confusion
SERIAL_LENGTH = 12


class CertificateQuerySet(ScopedQuerySet):
    scope_lookup = "decision__issuer__path"


class Certificate(models.Model):
    serial = models.CharField(_("số hiệu"), max_length=SERIAL_LENGTH, unique=True)
    decision = models.ForeignKey("rewards.Decision", verbose_name=_("quyết định"), on_delete=models.PROTECT,
                                 related_name="certificates")  # fmt: skip
    record = models.OneToOneField("rewards.AwardRecord", verbose_name=_("khen thưởng"), on_delete=models.PROTECT,
                                  related_name="certificate")  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("bằng khen, giấy khen")
        verbose_name_plural = _("bằng khen, giấy khen")
        ordering = ["decision", "record__decision_line__sort", "record__decision_line_id"]

    def __str__(self) -> str:
        return f"{self.display_serial}"

    @property
    def display_serial(self) -> str:
        """ "7KQM-9XTR-4HBC": in groups of four, as printed."""
        return "-".join(self.serial[i : i + 4] for i in range(0, len(self.serial), 4))

    @property
    def is_revoked(self) -> bool:
        return self.record.revoked_id is not None


class IssuerScopedQuerySet(ScopedQuerySet):
    scope_lookup = "issuer__path"

    def active(self):
        return self.filter(archived_at__isnull=True)


class Emblem(models.Model):
    issuer = models.ForeignKey("orgs.Unit", verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT,
                               related_name="certificate_emblems")  # fmt: skip
    file = models.CharField(_("tệp ảnh"), max_length=300)
    name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    uploaded_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = IssuerScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("biểu tượng in trên bằng khen")
        verbose_name_plural = _("biểu tượng in trên bằng khen")
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer"],
                condition=Q(archived_at__isnull=True),
                name="certificates_one_emblem_per_issuer",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return self.name


class Paper(models.TextChoices):
    A4_LANDSCAPE = "a4-landscape", _("A4 khổ ngang (297 × 210 mm)")
    A4_PORTRAIT = "a4-portrait", _("A4 khổ dọc (210 × 297 mm)")
    A3_LANDSCAPE = "a3-landscape", _("A3 khổ ngang (420 × 297 mm)")


PAPER_SIZES_MM = {
    Paper.A4_LANDSCAPE: (297.0, 210.0),
    Paper.A4_PORTRAIT: (210.0, 297.0),
    Paper.A3_LANDSCAPE: (420.0, 297.0),
}


class BlankLayout(models.Model):
    """``fields``: ``{field: {"x": mm, "y": mm, "font": name, "size": pt, "align": "left|center"}}`` for the fields
    of ``documents.BLANK_FIELDS``; x, y from the top left corner of the sheet (y to the text's baseline)."""

    issuer = models.ForeignKey("orgs.Unit", verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT,
                               related_name="certificate_blanks")  # fmt: skip
    name = models.CharField(
        _("tên phôi"), max_length=150, help_text=_("Ví dụ: Phôi Bằng khen 2017 – máy in phòng CS-PL")
    )
    paper = models.CharField(_("khổ giấy"), max_length=20, choices=Paper.choices, default=Paper.A4_LANDSCAPE)
    fields = models.JSONField(_("vị trí các trường"), default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = IssuerScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("mẫu in trên phôi")
        verbose_name_plural = _("mẫu in trên phôi")
        ordering = ["issuer__path", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "name"],
                condition=Q(archived_at__isnull=True),
                name="certificates_blank_name_unique",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def size_mm(self) -> tuple[float, float]:
        return PAPER_SIZES_MM.get(self.paper, PAPER_SIZES_MM[Paper.A4_LANDSCAPE])


class Batch(models.Model):
    """One run of the batch generation of a decision's certificates (a task): the file ready to print."""

    decision = models.ForeignKey("rewards.Decision", verbose_name=_("quyết định"), on_delete=models.PROTECT,
                                 related_name="certificate_batches")  # fmt: skip
    layout = models.ForeignKey(BlankLayout, verbose_name=_("in trên phôi"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="batches")  # fmt: skip
    task = models.ForeignKey("core.Task", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    file = models.CharField(_("tệp"), max_length=300, blank=True)
    count = models.PositiveIntegerField(_("số bằng"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt in bằng khen")
        verbose_name_plural = _("đợt in bằng khen")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.decision_id}: {self.count}"
