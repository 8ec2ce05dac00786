"""The union tree (with its history), people and their memberships, and who may act where."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from thidua.core.dates import format_date
from thidua.core.scoping import ScopedQuerySet


class Level(models.TextChoices):
    NATIONAL = "national", _("Tổng Liên đoàn")
    PROVINCE = "province", _("LĐLĐ tỉnh, thành phố")
    CENTRAL_SECTOR = "central_sector", _("Công đoàn ngành trung ương")
    UPPER = "upper", _("Công đoàn cấp trên trực tiếp cơ sở")
    GRASSROOTS = "grassroots", _("Công đoàn cơ sở")
    SUB_GRASSROOTS = "sub_grassroots", _("Công đoàn bộ phận, tổ công đoàn")


# Folded beginnings of names that already state their level.
LEVEL_NAME_PREFIXES = {
    "national": ("tong lien doan",),
    "province": ("lien doan lao dong tinh", "lien doan lao dong thanh pho", "ldld tinh", "ldld thanh pho"),
    "grassroots": ("cong doan co so", "cdcs "),
    "sub_grassroots": ("cong doan bo phan", "to cong doan"),
}


class Sector(models.TextChoices):
    STATE_ENTERPRISE = "state_enterprise", _("Doanh nghiệp nhà nước")
    FDI = "fdi", _("Doanh nghiệp có vốn đầu tư nước ngoài")
    PRIVATE = "private", _("Doanh nghiệp ngoài nhà nước")
    COOPERATIVE = "cooperative", _("Hợp tác xã")
    ADMINISTRATIVE = "administrative", _("Cơ quan hành chính")
    PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp công lập")
    OTHER = "other", _("Loại hình khác")


class EndKind(models.TextChoices):
    """How a unit ended, as its decision says: these are distinct acts."""

    DISSOLVED = "dissolved", _("Giải thể")
    MERGED = "merged", _("Sáp nhập")  # absorbed into an existing unit
    CONSOLIDATED = "consolidated", _("Hợp nhất")  # units forming one (new) unit


# Words for each way of ending, as pages say them.
END_WORDS = {
    EndKind.DISSOLVED: {
        "label": _("Giải thể"),
        "done": _("Đã giải thể"),
        "date": _("Ngày giải thể"),
        "into": "",
    },
    EndKind.MERGED: {
        "label": _("Sáp nhập"),
        "done": _("Đã sáp nhập"),
        "date": _("Ngày sáp nhập"),
        "into": _("Sáp nhập vào"),
    },
    EndKind.CONSOLIDATED: {
        "label": _("Hợp nhất"),
        "done": _("Đã hợp nhất"),
        "date": _("Ngày hợp nhất"),
        "into": _("Hợp nhất thành"),
    },
}


class UnitQuerySet(MP_NodeQuerySet, ScopedQuerySet):
    scope_lookup = "path"

    def active(self):
        return self.filter(archived_at__isnull=True, dissolved_on__isnull=True)

    def in_subtree(self, unit: Unit):
        return self.filter(path__subtree=unit.path)

    def grassroots(self):
        return self.filter(level=Level.GRASSROOTS)

    def vietnamese_order(self):
        """By name in Vietnamese dictionary order ("Bình Đại" before "Bình Minh", "Cầu Kè" before "Châu Thành")."""
        return self.order_by("sort_key", "path")


class UnitManager(MP_NodeManager.from_queryset(UnitQuerySet)):  # type: ignore[misc]
    def get_queryset(self):
        return UnitQuerySet(self.model, using=self._db).order_by("path")


class Unit(MP_Node):
    """A union organisation (tổ chức công đoàn) at any level. Its place in the tree is ``path`` (treebeard)."""

    code = models.CharField(_("mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=300)
    # The name's Vietnamese collation key (thidua.core.text.unit_sort_key), kept by the actions that name a unit.
    sort_key = models.CharField(max_length=1000, editable=False, default="", db_index=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    level = models.CharField(_("cấp"), max_length=20, choices=Level.choices)
    sector = models.CharField(_("khu vực, loại hình"), max_length=20, choices=Sector.choices, blank=True)
    province_code = models.CharField(_("mã tỉnh, thành phố"), max_length=10, blank=True)
    ward_code = models.CharField(_("mã xã, phường"), max_length=10, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    workforce_size = models.PositiveIntegerField(_("số lao động"), null=True, blank=True)
    founded_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    dissolved_on = models.DateField(_("ngày giải thể, sáp nhập, hợp nhất"), null=True, blank=True)
    ended_as = models.CharField(_("hình thức kết thúc"), max_length=20, choices=EndKind.choices, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("sáp nhập, hợp nhất vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Counts of the unit's own open memberships, kept by orgs.actions (recount_members); subtrees sum them.
    member_count = models.PositiveIntegerField(_("số đoàn viên"), default=0)
    worker_count = models.PositiveIntegerField(_("số CNVCLĐ"), default=0)
    direct_worker_count = models.PositiveIntegerField(_("số công nhân trực tiếp sản xuất"), default=0)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)
    # An ended unit's subtree totals on its last day (queries.subtree_totals_as_of), written by the action that
    # ends it: the figure of record its history panels show without recounting the memberships of that day.
    last_totals = models.JSONField(_("số liệu ngày cuối"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitManager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        indexes = [
            models.Index(fields=["path"], name="unit_path_prefix_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["level", "path"], name="unit_level_path_idx"),
            models.Index(fields=["depth", "path"], name="unit_depth_path_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(sector="") | Q(level__in=["grassroots", "sub_grassroots"]),
                name="unit_sector_only_grassroots",
            ),
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(founded_on__isnull=True)
                | Q(dissolved_on__gte=models.F("founded_on")),
                name="unit_dissolved_after_founded",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.archived_at is None and self.dissolved_on is None

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def end_words(self) -> dict:
        """ "Đã sáp nhập", "Ngày sáp nhập", "Sáp nhập vào" — the words for how this unit ended."""
        kind = self.ended_as or (EndKind.MERGED if self.merged_into_id else EndKind.DISSOLVED)
        return END_WORDS[EndKind(kind)]

    @property
    def name_states_level(self) -> bool:
        """The name already says the level ("Công đoàn cơ sở Công ty …", "Liên đoàn Lao động tỉnh …"): a level
        label beside it would say it twice."""
        from thidua.core.text import fold

        name = fold(self.name)
        return any(name.startswith(prefix) for prefix in LEVEL_NAME_PREFIXES.get(self.level, ()))


class UnitScopedQuerySet(ScopedQuerySet):
    """Rows that belong to one unit: visible with that unit's subtree."""

    scope_lookup = "unit__path"


class UnitVersionQuerySet(UnitScopedQuerySet):
    def as_of(self, day: datetime.date):
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day), valid_from__lte=day)


class UnitVersion(models.Model):
    """A unit's name and place in the tree during a period [valid_from, valid_to): the tree as of any date."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="versions")
    parent = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    path = models.CharField(max_length=255)
    depth = models.PositiveIntegerField()
    name = models.CharField(_("tên đơn vị"), max_length=300)
    sort_key = models.CharField(max_length=1000, editable=False, default="")
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    level = models.CharField(_("cấp"), max_length=20, choices=Level.choices)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến (không kể)"), null=True, blank=True)

    objects = UnitVersionQuerySet.as_manager()

    # Not columns: the subtree's numbers on the day shown, set by queries.roots_as_of / children_as_of.
    total_units: int
    total_grassroots: int
    total_members: int

    class Meta:
        verbose_name = _("phiên bản đơn vị")
        verbose_name_plural = _("phiên bản đơn vị")
        ordering = ["unit", "valid_from"]
        indexes = [
            models.Index(fields=["path", "valid_from"], name="unitversion_path_idx"),
            models.Index(fields=["unit", "valid_from"], name="unitversion_unit_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="unitversion_period_positive",
            ),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(valid_to__isnull=True), name="unitversion_one_open"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.name} ({format_date(self.valid_from)} – {format_date(self.valid_to)})"
            if self.valid_to
            else self.name
        )


class UnitEvent(models.Model):
    """A restructuring of the tree, with its effective date and the decision that made it."""

    class Kind(models.TextChoices):
        FOUNDED = "founded", _("Thành lập")
        RENAMED = "renamed", _("Đổi tên")
        MOVED = "moved", _("Chuyển về đơn vị cấp trên khác")
        MERGED = "merged", _("Sáp nhập")
        CONSOLIDATED = "consolidated", _("Hợp nhất")
        DISSOLVED = "dissolved", _("Giải thể")
        REOPENED = "reopened", _("Hủy giải thể (ghi nhận nhầm)")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("loại thay đổi"), max_length=20, choices=Kind.choices)
    effective_on = models.DateField(_("ngày hiệu lực"))
    from_parent = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_parent = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    merged_into = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    old_name = models.CharField(max_length=300, blank=True)
    new_name = models.CharField(max_length=300, blank=True)
    decision = models.CharField(_("quyết định số"), max_length=100, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("thay đổi tổ chức")
        verbose_name_plural = _("thay đổi tổ chức")
        ordering = ["-effective_on", "-id"]
        indexes = [models.Index(fields=["unit", "effective_on"], name="unitevent_unit_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit} ({format_date(self.effective_on)})"


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class PersonQuerySet(UnitScopedQuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)

    def search(self, text: str):
        """Folded-substring search on the name: 'tran trung hao' finds 'Trần Trung Hào', 'd' finds 'Đ'.

        On SQLite, text of three characters or more goes through the trigram index of migration 0003 (the same
        LIKE, answered by FTS5); PostgreSQL's pg_trgm index serves the plain LIKE."""
        from django.db import connections
        from django.db.models.expressions import RawSQL

        from thidua.core.text import fold

        key = fold(text)
        if not key:
            return self
        if connections[self.db].vendor == "sqlite" and len(key) >= 3:
            # Wildcards mean nothing in a name; dropping them keeps the LIKE free of ESCAPE, which FTS5 needs.
            pattern = "%" + key.replace("%", "").replace("_", "") + "%"
            matches = RawSQL("SELECT rowid FROM orgs_person_fts WHERE search_name LIKE %s", [pattern])
            return self.filter(pk__in=matches)
        return self.filter(search_name__contains=key)

    def vietnamese_order(self):
        return self.order_by("sort_key", "id")

    def match_tiers(self, text: str) -> list:
        """The matches of ``text`` split by how well they match, best first, each without the ones before it: the
        folded name exactly, whole words, a word that starts with the text, any other substring — the order of
        ``best_matches_first``. Each tier is a queryset (unordered) that a list reads in Vietnamese order with a
        LIMIT, so the first page of a common text stops after a few rows instead of ranking every match.

        On PostgreSQL the word tiers also go through the full-text index of migration 0008 (``to_tsvector('simple',
        search_name)``; names are already folded, so the simple dictionary is the unaccented one); the exact
        ``LIKE`` on the padded name stays beside it, so the answer is the same as the plain comparison's."""
        from django.db import connections
        from django.db.models import BooleanField, Value
        from django.db.models.expressions import RawSQL
        from django.db.models.functions import Concat

        from thidua.core.text import fold

        key = fold(text)
        if not key:
            return [self]
        words = key.split(" ")
        if connections[self.db].vendor == "postgresql" and all(w.isalnum() and w.isascii() for w in words):
            # The words' index answers the word tiers alone: a second condition on the padded name would hide
            # from the planner how common the words are (it would guess a handful of rows and sort them all).
            sql = "to_tsvector('simple'::regconfig, orgs_person.search_name) @@ to_tsquery('simple'::regconfig, %s)"
            phrase = " <-> ".join(words)
            whole = RawSQL(sql, [phrase], output_field=BooleanField())
            start = RawSQL(sql, [phrase + ":*"], output_field=BooleanField())
            return [
                self.filter(search_name=key),
                self.filter(whole).exclude(search_name=key),
                self.filter(start).exclude(whole),
                self.search(text).exclude(start),
            ]
        padded = self.alias(
            search_padded=Concat(Value(" "), "search_name", Value(" "), output_field=models.CharField())
        )
        whole_q = Q(search_padded__contains=f" {key} ")
        start_q = Q(search_padded__contains=f" {key}")
        tiers = [
            self.filter(search_name=key),
            padded.filter(whole_q).exclude(search_name=key),
            padded.filter(start_q).exclude(whole_q),
            padded.search(text).exclude(start_q),
        ]
        return tiers

    def best_matches_first(self, text: str):
        """Order the matches of ``text`` by how well they match, then in Vietnamese order: the full name exactly
        as typed (with diacritics), the folded name exactly, whole words, a word that starts with the text, any
        substring. The rank is one CASE expression computed in the database over the rows already found."""
        from django.db.models import Case, IntegerField, Value, When
        from django.db.models.functions import Concat

        from thidua.core.text import fold, nfc

        typed, key = nfc(text), fold(text)
        if not key:
            return self.vietnamese_order()
        padded = Concat(Value(" "), "search_name", Value(" "), output_field=models.CharField())
        rank = Case(
            When(full_name__in=sorted({typed, typed.title()}), then=Value(0)),
            When(search_name=key, then=Value(1)),
            When(search_padded__contains=f" {key} ", then=Value(2)),
            When(search_padded__contains=f" {key}", then=Value(3)),
            default=Value(4),
            output_field=IntegerField(),
        )
        return self.annotate(search_padded=padded, search_rank=rank).order_by("search_rank", "sort_key", "id")


class Person(models.Model):
    """A member or worker. The record follows the person across transfers; ``unit`` is the grassroots union that
    holds it now (or last held it), and decides who may see it."""

    full_name = models.CharField(_("họ và tên"), max_length=150)
    family_name = models.CharField(_("họ"), max_length=50, blank=True)
    middle_name = models.CharField(_("tên đệm"), max_length=100, blank=True)
    given_name = models.CharField(_("tên"), max_length=50, blank=True)
    sort_key = models.CharField(max_length=400, editable=False, db_index=True)
    search_name = models.CharField(max_length=150, editable=False, db_index=True)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    national_id = models.CharField(_("số CCCD"), max_length=12, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("công đoàn cơ sở"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("người lao động")
        verbose_name_plural = _("người lao động")
        ordering = ["sort_key", "id"]
        indexes = [models.Index(fields=["unit", "sort_key"], name="person_unit_sort_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["national_id"], condition=~Q(national_id=""), name="person_national_id_unique"
            ),
            models.CheckConstraint(
                condition=Q(national_id="") | Q(national_id__regex=r"^[0-9]{9}([0-9]{3})?$"),
                name="person_national_id_digits",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def masked_national_id(self) -> str:
        return mask_national_id(self.national_id)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


class PersonWord(models.Model):
    """One word of a person's folded name (``Person.search_name`` split on spaces, each distinct word once), with the
    person's ``sort_key``: the inverted index of the ranked search (decision 0040), of the people in use only (an
    archived record's words are taken out; the archive's list is searched without them). The index on (word, sort_key,
    person) lists the people who have a word in the people list's own order, so a word's first page is a range
    scan that stops after the page, on PostgreSQL and SQLite alike. Kept by ``actions.index_names`` (every write of
    a name: create, edit, the bulk import, the demo's writer) and rebuilt in one statement by
    ``actions.rebuild_name_index`` (the generator, after a bulk load)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="words", db_index=False)
    word = models.CharField(max_length=150)
    sort_key = models.CharField(max_length=400)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "word"], name="person_word_unique")]
        indexes = [models.Index(fields=["word", "sort_key", "person"], name="person_word_walk_idx")]

    def __str__(self) -> str:
        return self.word


class NameWord(models.Model):
    """Every word that is or was in someone's folded name, once: the vocabulary the search looks through for the
    words that start with or contain the text typed ("d" → dung, duc, dao...), each then read from ``PersonWord``.
    Only grows (a word nobody has any more leads to an empty range). ``people`` is the number of its rows in
    ``PersonWord`` (the people in use who have the word), kept in the same statements as the rows: the count of a
    one-word search of the whole list without a walk (decision 0040)."""

    word = models.CharField(max_length=150, primary_key=True)
    people = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.word


def mask_national_id(nid: str) -> str:
    """Only the last three digits of a national ID: ``•••••••••001``."""
    return f"{'•' * (len(nid) - 3)}{nid[-3:]}" if nid else ""


def mask_phone(phone: str) -> str:
    """Only the last three digits of a phone number, like national IDs: ``•••••••678``."""
    return f"{'•' * max(len(phone) - 3, 0)}{phone[-3:]}" if phone else ""


class Position(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch công đoàn")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch công đoàn")
    COMMITTEE = "committee", _("Ủy viên Ban Chấp hành")
    GROUP_LEADER = "group_leader", _("Tổ trưởng công đoàn")
    MEMBER = "member", _("Đoàn viên")
    NONE = "none", _("Không giữ chức vụ công đoàn")


class JobCategory(models.TextChoices):
    WORKER = "worker", _("Công nhân")
    CIVIL_SERVANT = "civil_servant", _("Công chức")
    PUBLIC_EMPLOYEE = "public_employee", _("Viên chức")
    EMPLOYEE = "employee", _("Người lao động")
    MANAGER = "manager", _("Cán bộ quản lý")


class MembershipQuerySet(UnitScopedQuerySet):
    def current(self):
        return self.filter(left_on__isnull=True)

    def as_of(self, day: datetime.date):
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gt=day), joined_on__lte=day)


class Membership(models.Model):
    """A person's time in one grassroots union: as a union member (đoàn viên) or as a non-member worker."""

    class LeftReason(models.TextChoices):
        TRANSFER = "transfer", _("Chuyển sinh hoạt")
        RETIRED = "retired", _("Nghỉ hưu")
        RESIGNED = "resigned", _("Thôi việc")
        LEFT_UNION = "left_union", _("Ra khỏi tổ chức công đoàn")
        UNIT_DISSOLVED = "unit_dissolved", _("Đơn vị giải thể")
        OTHER = "other", _("Khác")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    unit = models.ForeignKey(
        Unit, verbose_name=_("công đoàn cơ sở"), on_delete=models.PROTECT, related_name="memberships"
    )
    card_number = models.CharField(_("số thẻ đoàn viên"), max_length=30, blank=True)
    joined_on = models.DateField(_("ngày vào"))
    left_on = models.DateField(_("ngày rời"), null=True, blank=True)
    left_reason = models.CharField(_("lý do rời"), max_length=20, choices=LeftReason.choices, blank=True)
    position = models.CharField(
        _("chức vụ công đoàn"), max_length=20, choices=Position.choices, default=Position.MEMBER
    )
    job_category = models.CharField(
        _("đối tượng"), max_length=20, choices=JobCategory.choices, default=JobCategory.EMPLOYEE
    )
    is_direct_production_worker = models.BooleanField(_("công nhân trực tiếp sản xuất"), default=False)
    is_member = models.BooleanField(_("là đoàn viên"), default=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("quá trình sinh hoạt công đoàn")
        verbose_name_plural = _("quá trình sinh hoạt công đoàn")
        ordering = ["person", "-joined_on"]
        indexes = [
            models.Index(fields=["unit", "left_on"], name="membership_unit_open_idx"),
            models.Index(fields=["person", "joined_on"], name="membership_person_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(left_on__isnull=True), name="membership_one_open"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="membership_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.unit}"


class RoleAssignment(models.Model):
    """A user's role on a unit; it covers the unit's whole subtree."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Quản trị hệ thống")
        LEADER = "leader", _("Lãnh đạo (duyệt, ký)")
        OFFICER = "officer", _("Cán bộ nghiệp vụ (soạn, gửi)")
        COUNCIL = "council", _("Thành viên Hội đồng thi đua – khen thưởng")
        VIEWER = "viewer", _("Xem")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="roles")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="role_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"


class TransferRequestQuerySet(models.QuerySet):
    """A transfer request is seen from both ends: in the subtree of the union that asks (``to_unit``) and in the
    subtree of the union that holds the person (``from_unit``)."""

    def visible_to(self, user, perm: str = "view"):
        from thidua.core.scoping import scope_q

        return self.filter(scope_q(user, "to_unit__path", perm) | scope_q(user, "from_unit__path", perm))

    def pending(self):
        return self.filter(status=TransferRequest.Status.REQUESTED)


class TransferRequest(models.Model):
    """A union asks to take over a person recorded in another union (the usual way members move between branches).
    The person's current union, or a level above both, accepts or refuses; until then the asking union sees only
    its request, not the person's record."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Đang chờ xem xét")
        ACCEPTED = "accepted", _("Đã chấp nhận")
        REFUSED = "refused", _("Đã từ chối")
        WITHDRAWN = "withdrawn", _("Đã rút")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="transfer_requests")
    from_unit = models.ForeignKey(
        Unit, verbose_name=_("công đoàn hiện tại"), on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.ForeignKey(
        Unit, verbose_name=_("công đoàn đề nghị tiếp nhận"), on_delete=models.PROTECT, related_name="+"
    )
    # What the asking union typed: shown to it instead of the person's record.
    full_name = models.CharField(_("họ và tên (theo đề nghị)"), max_length=150)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    reason = models.CharField(_("lý do"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đề nghị"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("ngày đề nghị"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("ngày quyết định"), null=True, blank=True)

    objects = TransferRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("đề nghị chuyển sinh hoạt")
        verbose_name_plural = _("đề nghị chuyển sinh hoạt")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "to_unit"],
                condition=Q(status="requested"),
                name="transferrequest_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(status="requested") | Q(decided_at__isnull=False),
                name="transferrequest_decided_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} → {self.to_unit}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.REQUESTED


class RestructuringRequest(models.Model):
    """A restructuring of the tree, prepared by an officer of the level above and approved by a leader of that
    level (issue 8): approving it carries it out. ``units`` are the units restructured (several only when they
    merge into one), ``unit`` the first of them (what scopes the request: whoever sees it sees the request);
    ``target`` is the new parent of a move or the unit merged into. ``impact`` keeps what ended, counted when it
    was approved (``orgs.impact``)."""

    class Kind(models.TextChoices):
        RENAME = "rename", _("Đổi tên")
        MOVE = "move", _("Chuyển về đơn vị cấp trên khác")
        MERGE = "merge", _("Sáp nhập")
        CONSOLIDATE = "consolidate", _("Hợp nhất")
        DISSOLVE = "dissolve", _("Giải thể")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Chờ lãnh đạo duyệt")
        APPROVED = "approved", _("Đã duyệt và thực hiện")
        RETURNED = "returned", _("Đã trả lại")
        WITHDRAWN = "withdrawn", _("Đã rút")

    ENDING_KINDS = frozenset({"merge", "consolidate", "dissolve"})

    kind = models.CharField(_("loại sắp xếp"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="restructuring_requests")  # fmt: skip
    units = models.ManyToManyField(Unit, verbose_name=_("các đơn vị sắp xếp"), related_name="+")
    target = models.ForeignKey(Unit, verbose_name=_("đơn vị tiếp nhận"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")  # fmt: skip
    new_name = models.CharField(_("tên mới"), max_length=300, blank=True)
    new_short_name = models.CharField(_("tên viết tắt mới"), max_length=100, blank=True)
    effective_on = models.DateField(_("ngày hiệu lực"))
    decision = models.CharField(_("quyết định số"), max_length=100, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    impact = models.JSONField(_("những gì kết thúc"), default=dict, blank=True)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người chuẩn bị"), null=True,
                                    on_delete=models.PROTECT, related_name="+")  # fmt: skip
    prepared_at = models.DateTimeField(_("ngày chuẩn bị"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người duyệt"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")  # fmt: skip
    decided_at = models.DateTimeField(_("ngày duyệt"), null=True, blank=True)
    reason = models.CharField(_("lý do trả lại"), max_length=500, blank=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("đề nghị sắp xếp tổ chức")
        verbose_name_plural = _("đề nghị sắp xếp tổ chức")
        ordering = ["-prepared_at", "-id"]
        indexes = [models.Index(fields=["status", "unit"], name="restructuring_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"], condition=Q(status="submitted"), name="restructuring_one_pending"
            )  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit}"

    @property
    def is_ending(self) -> bool:
        return self.kind in self.ENDING_KINDS


class RestructuringEvent(models.Model):
    """One step of a restructuring request (prepared, approved, returned, withdrawn), with who and when."""

    request = models.ForeignKey(RestructuringRequest, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("thao tác"), max_length=20)
    from_status = models.CharField(_("từ trạng thái"), max_length=20, choices=RestructuringRequest.Status.choices,
                                   blank=True)  # fmt: skip
    to_status = models.CharField(
        _("sang trạng thái"), max_length=20, choices=RestructuringRequest.Status.choices
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+")  # fmt: skip
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("bước xử lý đề nghị sắp xếp")
        verbose_name_plural = _("bước xử lý đề nghị sắp xếp")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.request}"
