"""Every change to the emulation clusters, audited: set a cluster and its members (history kept), the year's leader
and deputy, the covenant (drafted, signed and locked, amended as a new version), the members' scores (all or
nothing, the wrong cell named), the meeting and its votes, and the proposal it sends into the rewards path."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import actions as core_actions
from thidua.core import audit
from thidua.core.dates import format_date
from thidua.core.models import Attachment
from thidua.core.text import nfc
from thidua.documents.render import render_docx
from thidua.orgs.models import Unit
from thidua.proposals import actions as proposal_actions
from thidua.proposals import queries as proposal_queries
from thidua.proposals.models import Proposal, RewardKind

from . import permissions, queries
from .documents import minutes_document, ranking_workbook
from .models import (
    Cluster,
    ClusterKind,
    ClusterMember,
    ClusterYear,
    Covenant,
    CovenantStatus,
    Criterion,
    Meeting,
    MeetingVote,
    Method,
    Score,
    Selection,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

CLUSTER_FIELDS = ["issuer_id", "kind", "name", "decision_number", "decision_date", "note", "archived_at"]
MEMBER_FIELDS = ["cluster_id", "unit_id", "since_year", "until_year", "decision_number", "order"]
COVENANT_FIELDS = ["cluster_id", "year", "version", "status", "title", "exclude_own_score", "signed_on",
                   "signed_place", "amends_id"]  # fmt: skip
CRITERION_FIELDS = ["covenant_id", "order", "name", "max_points", "method", "indicator_id", "report_form_id",
                    "thresholds", "description"]  # fmt: skip
MEETING_FIELDS = ["cluster_id", "year", "held_on", "place", "minutes", "proposal_id"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _clean(value: str | None) -> str:
    return " ".join(nfc(value or "").split())


def decimal_text(value: Decimal) -> str:
    """Points as written in Vietnamese: "40", "8,5"."""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def _actor(by: User | None):
    return by if getattr(by, "pk", None) else None


def _year(value: Any) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        year = 0
    if not 1945 <= year <= 2200:
        raise ValidationError({"year": _("Năm không hợp lệ.")})
    return year


# --- the cluster and its members ---------------------------------------------------------------------------------


def _check_member_unit(issuer: Unit, unit: Unit, year: int) -> None:
    if unit.pk == issuer.pk or not proposal_queries.was_above(
        unit, issuer, year
    ):  # under it now, or in that year
        raise ValidationError({"unit": _("“%(unit)s” không thuộc %(issuer)s: chỉ đơn vị cấp dưới của đơn vị ra "
                                         "quyết định mới vào cụm được.") % {"unit": unit.name,
                                                                          "issuer": issuer.name}})  # fmt: skip
    if not unit.is_active and year >= timezone.localdate().year:  # a past year's members may have ended since
        raise ValidationError({"unit": _("“%(unit)s” không còn hoạt động.") % {"unit": unit.name}})


@transaction.atomic
def create_cluster(issuer: Unit, *, by: User | None, name: str, decision_number: str,
                   decision_date: datetime.date, kind: str = ClusterKind.AREA, note: str = "",
                   members: Iterable[Unit] = (), since_year: int | None = None) -> Cluster:  # fmt: skip
    """A cluster set by ``issuer``'s decision, with its first members (from ``since_year``, the decision's year
    unless given), in the order given (the rotation's order)."""
    if by is not None and not permissions.can_create_cluster(by, issuer):
        raise PermissionDenied
    name, number = _clean(name), _clean(decision_number)
    if not name:
        raise ValidationError({"name": _("Cần ghi tên cụm, khối thi đua.")})
    if not number:
        raise ValidationError({"decision_number": _("Cần ghi số quyết định thành lập cụm, khối.")})
    if kind not in ClusterKind.values:
        raise ValidationError({"kind": _("Loại cụm, khối không hợp lệ.")})
    if Cluster.objects.current().filter(issuer=issuer, name=name).exists():
        raise ValidationError({"name": _("%(issuer)s đã có cụm, khối “%(name)s”.") % {"issuer": issuer.name,
                                                                                     "name": name}})  # fmt: skip
    cluster = Cluster.objects.create(issuer=issuer, kind=kind, name=name[:200], decision_number=number[:60],
                                     decision_date=decision_date, note=(note or "").strip(),
                                     created_by=_actor(by))  # fmt: skip
    audit.record(cluster, by=by, action="create", after=audit.snapshot(cluster, CLUSTER_FIELDS))
    for unit in members:
        add_member(cluster, unit, by=by, since_year=since_year or decision_date.year, decision_number=number)
    return cluster


@transaction.atomic
def update_cluster(cluster: Cluster, *, by: User | None, **values: Any) -> Cluster:
    cluster = Cluster.objects.select_for_update().select_related("issuer").get(pk=cluster.pk)
    if by is not None and not permissions.can_manage_cluster(by, cluster):
        raise PermissionDenied
    unknown = set(values) - {"name", "kind", "decision_number", "decision_date", "note"}
    if unknown:
        raise ValidationError(_("Không sửa được: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    before = audit.snapshot(cluster, CLUSTER_FIELDS)
    for key, value in values.items():
        setattr(cluster, key, _clean(value) if key in ("name", "decision_number") else value)
    if not cluster.name or not cluster.decision_number:
        raise ValidationError({"name": _("Cần ghi tên cụm, khối và số quyết định.")})
    if (
        Cluster.objects.current()
        .filter(issuer=cluster.issuer, name=cluster.name)
        .exclude(pk=cluster.pk)
        .exists()
    ):
        raise ValidationError({"name": _("Tên cụm, khối này đã có.")})
    cluster.save()
    audit.record(
        cluster, by=by, action="update", before=before, after=audit.snapshot(cluster, CLUSTER_FIELDS)
    )
    return cluster


@transaction.atomic
def archive_cluster(cluster: Cluster, *, by: User | None) -> Cluster:
    cluster = Cluster.objects.select_for_update().select_related("issuer").get(pk=cluster.pk)
    if by is not None and not permissions.can_manage_cluster(by, cluster):
        raise PermissionDenied
    before = audit.snapshot(cluster, CLUSTER_FIELDS)
    cluster.archived_at = timezone.now()
    cluster.save(update_fields=["archived_at", "updated_at"])
    audit.record(
        cluster, by=by, action="archive", before=before, after=audit.snapshot(cluster, CLUSTER_FIELDS)
    )
    return cluster


@transaction.atomic
def add_member(cluster: Cluster, unit: Unit, *, by: User | None, since_year: int,
               decision_number: str = "") -> ClusterMember:  # fmt: skip
    """``unit`` joins from ``since_year`` (by the decision named), last in the rotation's order."""
    cluster = Cluster.objects.select_for_update().select_related("issuer").get(pk=cluster.pk)
    if by is not None and not permissions.can_manage_cluster(by, cluster):
        raise PermissionDenied
    year = _year(since_year)
    _check_member_unit(cluster.issuer, unit, year)
    if cluster.memberships.filter(unit=unit, until_year__isnull=True).exists():
        raise ValidationError({"unit": _("“%(unit)s” đã là thành viên của cụm.") % {"unit": unit.name}})
    order = (cluster.memberships.aggregate(m=Max("order"))["m"] or 0) + 1
    member = ClusterMember.objects.create(cluster=cluster, unit=unit, since_year=year, order=order,
                                          decision_number=_clean(decision_number)[:60])  # fmt: skip
    audit.record(member, by=by, action="create", after=audit.snapshot(member, MEMBER_FIELDS))
    return member


@transaction.atomic
def end_membership(member: ClusterMember, *, by: User | None, last_year: int,
                   decision_number: str = "") -> ClusterMember:  # fmt: skip
    """The unit leaves after ``last_year``: the row stays (the years it was a member are kept)."""
    member = (
        ClusterMember.objects.select_for_update()
        .select_related("cluster", "cluster__issuer", "unit")
        .get(pk=member.pk)
    )
    if by is not None and not permissions.can_manage_cluster(by, member.cluster):
        raise PermissionDenied
    year = _year(last_year)
    if member.until_year is not None:
        raise ValidationError(_("“%(unit)s” đã rời cụm từ trước.") % {"unit": member.unit.name})
    if year < member.since_year - 1:
        raise ValidationError({"last_year": _("Năm cuối phải từ năm %(year)s trở đi.")
                               % {"year": member.since_year - 1}})  # fmt: skip
    before = audit.snapshot(member, MEMBER_FIELDS)
    member.until_year = year
    if decision_number:
        member.decision_number = _clean(decision_number)[:60]
    member.save()
    audit.record(member, by=by, action="update", before=before, after=audit.snapshot(member, MEMBER_FIELDS),
                 note=_("Rời cụm sau năm %(year)s") % {"year": year})  # fmt: skip
    return member


@transaction.atomic
def set_leaders(cluster: Cluster, year: int, *, by: User | None, leader: Unit,
                deputy: Unit | None = None) -> ClusterYear:  # fmt: skip
    """The leader unit (cụm trưởng) and the deputy (cụm phó) of ``year``: members of that year."""
    cluster = Cluster.objects.select_for_update().select_related("issuer").get(pk=cluster.pk)
    if by is not None and not permissions.can_manage_cluster(by, cluster):
        raise PermissionDenied
    year = _year(year)
    members = {u.pk for u in queries.members_in(cluster, year)}
    if leader.pk not in members:
        raise ValidationError({"leader": _("Cụm trưởng phải là đơn vị thành viên của cụm năm %(year)s.")
                               % {"year": year}})  # fmt: skip
    if deputy is not None and deputy.pk not in members:
        raise ValidationError({"deputy": _("Cụm phó phải là đơn vị thành viên của cụm năm %(year)s.")
                               % {"year": year}})  # fmt: skip
    if deputy is not None and deputy.pk == leader.pk:
        raise ValidationError({"deputy": _("Cụm phó phải khác cụm trưởng.")})
    row = ClusterYear.objects.filter(cluster=cluster, year=year).first()
    before = {"leader_id": row.leader_id, "deputy_id": row.deputy_id} if row else {}
    if row is None:
        row = ClusterYear.objects.create(cluster=cluster, year=year, leader=leader, deputy=deputy)
    else:
        row.leader, row.deputy = leader, deputy
        row.save()
    audit.record(row, by=by, action="update" if before else "create", before=before,
                 after={"leader_id": leader.pk, "deputy_id": deputy.pk if deputy else None})  # fmt: skip
    return row


# --- the covenant ------------------------------------------------------------------------------------------------


@transaction.atomic
def create_covenant(cluster: Cluster, year: int, *, by: User | None, title: str = "",
                    exclude_own_score: bool = True) -> Covenant:  # fmt: skip
    """The year's draft covenant; when one is signed already, an amendment: a new version with its criteria
    copied, to be signed in turn (the signed one stays in force until then)."""
    cluster = Cluster.objects.select_for_update().select_related("issuer").get(pk=cluster.pk)
    year = _year(year)
    if by is not None and not permissions.can_edit_covenant(by, cluster, year):
        raise PermissionDenied
    if cluster.covenants.filter(year=year, status=CovenantStatus.DRAFT).exists():
        raise ValidationError(_("Đã có bản dự thảo giao ước năm %(year)s: hãy sửa bản đó.") % {"year": year})
    signed = queries.covenant_in_force(cluster, year)
    version = (cluster.covenants.filter(year=year).aggregate(m=Max("version"))["m"] or 0) + 1
    title = _clean(title) or (
        _("Giao ước thi đua năm %(year)s của %(cluster)s") % {"year": year, "cluster": cluster.name}
    )
    if signed is not None and not _clean(title).startswith(_("Sửa đổi")):
        title = _("Sửa đổi lần %(n)s – %(title)s") % {"n": version - 1, "title": signed.title}
    covenant = Covenant.objects.create(
        cluster=cluster, year=year, version=version, title=title[:300], amends=signed, created_by=_actor(by),
        exclude_own_score=signed.exclude_own_score if signed is not None else bool(exclude_own_score),
    )  # fmt: skip
    if signed is not None:
        for c in signed.criteria.order_by("order", "id"):
            Criterion.objects.create(covenant=covenant, order=c.order, name=c.name, max_points=c.max_points,
                                     method=c.method, indicator=c.indicator, report_form=c.report_form,
                                     thresholds=c.thresholds, description=c.description)  # fmt: skip
    audit.record(covenant, by=by, action="create", after=audit.snapshot(covenant, COVENANT_FIELDS))
    return covenant


def _criterion_values(covenant: Covenant, values: dict[str, Any]) -> dict[str, Any]:
    name = _clean(values.get("name"))
    if not name:
        raise ValidationError({"name": _("Cần ghi nội dung tiêu chí.")})
    try:
        max_points = Decimal(str(values.get("max_points"))).quantize(queries.CENT)
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({"max_points": _("Điểm tối đa phải là một số.")}) from exc
    if max_points <= 0 or max_points > 1000:
        raise ValidationError({"max_points": _("Điểm tối đa phải lớn hơn 0 và không quá 1.000.")})
    method = values.get("method") or Method.PEER
    if method not in Method.values:
        raise ValidationError({"method": _("Cách chấm không hợp lệ.")})
    indicator, form = values.get("indicator"), values.get("report_form")
    thresholds: list = []
    if method != Method.PEER:
        if indicator is None or form is None:
            raise ValidationError(
                {"indicator": _("Chấm theo chỉ tiêu báo cáo: cần chọn mẫu báo cáo và chỉ tiêu.")}
            )
        if not form.form_indicators.filter(indicator=indicator).exists():
            raise ValidationError({"indicator": _("Chỉ tiêu “%(indicator)s” không có trong mẫu báo cáo đã chọn.")
                                   % {"indicator": indicator.name}})  # fmt: skip
        if method == Method.THRESHOLDS:
            thresholds = _thresholds(values.get("thresholds"), max_points)
    else:
        indicator = form = None
    order = values.get("order") or (covenant.criteria.aggregate(m=Max("order"))["m"] or 0) + 1
    return {"name": name[:300], "max_points": max_points, "method": method, "indicator": indicator,
            "report_form": form, "thresholds": thresholds, "order": int(order),
            "description": _clean(values.get("description"))[:500]}  # fmt: skip


def _thresholds(raw: Any, max_points: Decimal) -> list[list[str]]:
    """``"50:5; 80:8; 100:10"`` or ``[[50, 5], ...]``: from each value, its points (at most the maximum)."""
    pairs = raw if isinstance(raw, list) else [p.split(":") for p in str(raw or "").replace(",", ";").split(";")
                                               if p.strip()]  # fmt: skip
    result = []
    for n, pair in enumerate(pairs, start=1):
        try:
            start, pts = Decimal(str(pair[0]).strip()), Decimal(str(pair[1]).strip())
        except (InvalidOperation, IndexError, ValueError) as exc:
            raise ValidationError(
                {"thresholds": _("Mức thứ %(n)s không đúng dạng “giá trị:điểm”.") % {"n": n}}
            ) from exc
        if pts < 0 or pts > max_points:
            raise ValidationError({"thresholds": _("Mức thứ %(n)s: điểm phải từ 0 đến %(max)s.")
                                   % {"n": n, "max": max_points}})  # fmt: skip
        result.append([str(start), str(pts)])
    if not result:
        raise ValidationError({"thresholds": _("Chấm theo các mức: cần ghi ít nhất một mức “giá trị:điểm”.")})
    return sorted(result, key=lambda p: Decimal(p[0]))


def _editable(covenant: Covenant, by: User | None) -> Covenant:
    covenant = (
        Covenant.objects.select_for_update().select_related("cluster", "cluster__issuer").get(pk=covenant.pk)
    )
    if by is not None and not permissions.can_edit_covenant(by, covenant.cluster, covenant.year):
        raise PermissionDenied
    if covenant.is_locked:
        raise ValidationError(_("Giao ước đã ký kết: không sửa được nữa; hãy lập bản sửa đổi."))
    return covenant


@transaction.atomic
def add_criterion(covenant: Covenant, *, by: User | None, **values: Any) -> Criterion:
    covenant = _editable(covenant, by)
    criterion = Criterion.objects.create(covenant=covenant, **_criterion_values(covenant, values))
    audit.record(criterion, by=by, action="create", after=audit.snapshot(criterion, CRITERION_FIELDS))
    return criterion


@transaction.atomic
def update_criterion(criterion: Criterion, *, by: User | None, **values: Any) -> Criterion:
    covenant = _editable(criterion.covenant, by)
    criterion = Criterion.objects.get(pk=criterion.pk)
    before = audit.snapshot(criterion, CRITERION_FIELDS)
    merged = {"name": criterion.name, "max_points": criterion.max_points, "method": criterion.method,
              "indicator": criterion.indicator, "report_form": criterion.report_form,
              "thresholds": criterion.thresholds, "order": criterion.order,
              "description": criterion.description} | values  # fmt: skip
    for key, value in _criterion_values(covenant, merged).items():
        setattr(criterion, key, value)
    criterion.save()
    audit.record(criterion, by=by, action="update", before=before,
                 after=audit.snapshot(criterion, CRITERION_FIELDS))  # fmt: skip
    return criterion


@transaction.atomic
def sign_covenant(covenant: Covenant, *, by: User | None, signed_on: datetime.date, place: str = "",
                  signers: Iterable[Unit] = ()) -> Covenant:  # fmt: skip
    """Signed by the members named (members of that year), on ``signed_on``: locked from then on; an amendment
    supersedes the version it amends."""
    covenant = _editable(covenant, by)
    members = {u.pk: u for u in queries.members_in(covenant.cluster, covenant.year)}
    signers = list(signers)
    outside = [u.name for u in signers if u.pk not in members]
    if outside:
        raise ValidationError({"signers": _("Không phải thành viên của cụm năm %(year)s: %(units)s.")
                               % {"year": covenant.year, "units": ", ".join(outside)}})  # fmt: skip
    if not signers:
        raise ValidationError({"signers": _("Cần chọn các đơn vị ký kết giao ước.")})
    criteria = list(covenant.criteria.all())
    if not criteria:
        raise ValidationError(_("Giao ước chưa có tiêu chí nào."))
    if signed_on is None:
        raise ValidationError({"signed_on": _("Cần ghi ngày ký kết.")})
    before = audit.snapshot(covenant, COVENANT_FIELDS)
    if covenant.amends_id:
        old = Covenant.objects.select_for_update().get(pk=covenant.amends_id)
        old_before = audit.snapshot(old, COVENANT_FIELDS)
        old.status = CovenantStatus.SUPERSEDED
        old.save(update_fields=["status", "updated_at"])
        audit.record(old, by=by, action="update", before=old_before, after=audit.snapshot(old, COVENANT_FIELDS),
                     note=_("Được sửa đổi bằng lần %(n)s") % {"n": covenant.version})  # fmt: skip
    covenant.status = CovenantStatus.SIGNED
    covenant.signed_on = signed_on
    covenant.signed_place = _clean(place)[:200]
    covenant.save()
    covenant.signers.set(signers)
    after = audit.snapshot(covenant, COVENANT_FIELDS) | {"signers": sorted(u.pk for u in signers)}
    audit.record(covenant, by=by, action="sign", before=before, after=after)
    return covenant


# --- scores ------------------------------------------------------------------------------------------------------


@transaction.atomic
def enter_scores(covenant: Covenant, by_unit: Unit, *, by: User | None,
                 values: Mapping[tuple[int, int], Any]) -> int:  # fmt: skip
    """``by_unit``'s scores on the signed covenant's peer criteria: ``(criterion id, scored unit id) -> points``
    (text as typed: "8,5" or "8.5"; empty leaves a cell as it is). All or nothing: the first wrong cell is named
    (the unit and the criterion). Returns the number of cells changed."""
    covenant = Covenant.objects.select_related("cluster", "cluster__issuer").get(pk=covenant.pk)
    if by is not None and not permissions.can_enter_scores(by, covenant, by_unit):
        raise PermissionDenied
    if covenant.status != CovenantStatus.SIGNED:
        raise ValidationError(_("Chỉ chấm điểm theo giao ước đang có hiệu lực."))
    criteria = {c.pk: c for c in covenant.criteria.filter(method=Method.PEER)}
    members = {u.pk: u for u in queries.members_in(covenant.cluster, covenant.year)}
    if by_unit.pk not in members:
        raise PermissionDenied
    existing = {(s.criterion_id, s.unit_id): s for s in
                Score.objects.select_for_update().filter(criterion__in=list(criteria), by_unit=by_unit)}  # fmt: skip
    errors: list[ValidationError] = []
    changes = []

    def wrong(message: str, cell: tuple[int, int]) -> None:
        errors.append(ValidationError(message, code="cell", params={"cell": cell}))

    for (criterion_id, unit_id), raw in values.items():
        criterion, unit = criteria.get(criterion_id), members.get(unit_id)
        if criterion is None or unit is None:
            wrong(_("Ô điểm không thuộc giao ước này (tiêu chí %(c)s, đơn vị %(u)s).") % {"c": criterion_id,
                                                                                       "u": unit_id},
                  (criterion_id, unit_id))  # fmt: skip
            continue
        text = str(raw if raw is not None else "").strip().replace(",", ".")
        if not text:
            continue
        where = {
            "unit": unit.display_name,
            "criterion": criterion.name,
            "max": decimal_text(criterion.max_points),
        }
        try:
            pts = Decimal(text)
            if not pts.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            wrong(_("Điểm của %(unit)s, tiêu chí “%(criterion)s”: “%(text)s” không phải là số.")
                  % (where | {"text": raw}), (criterion_id, unit_id))  # fmt: skip
            continue
        if pts < 0 or pts > criterion.max_points:
            wrong(_("Điểm của %(unit)s, tiêu chí “%(criterion)s”: phải từ 0 đến %(max)s.") % where,
                  (criterion_id, unit_id))  # fmt: skip
            continue
        if pts != pts.quantize(queries.CENT):
            wrong(_("Điểm của %(unit)s, tiêu chí “%(criterion)s”: lấy tối đa hai chữ số thập phân.") % where,
                  (criterion_id, unit_id))  # fmt: skip
            continue
        changes.append((criterion, unit, pts.quantize(queries.CENT)))
    if errors:
        raise ValidationError(errors)
    changed = 0
    actor = _actor(by)
    for criterion, unit, pts in changes:
        score = existing.get((criterion.pk, unit.pk))
        if score is not None and score.points == pts:
            continue
        before = {"points": str(score.points)} if score else {}
        if score is None:
            score = Score.objects.create(criterion=criterion, by_unit=by_unit, unit=unit, points=pts,
                                         updated_by=actor)  # fmt: skip
        else:
            score.points, score.updated_by = pts, actor
            score.save(update_fields=["points", "updated_by", "updated_at"])
        audit.record(score, by=by, action="update" if before else "create", before=before,
                     after={"points": str(pts), "by_unit_id": by_unit.pk, "unit_id": unit.pk,
                            "criterion_id": criterion.pk})  # fmt: skip
        changed += 1
    return changed


# --- the meeting and the proposal ------------------------------------------------------------------------------


@transaction.atomic
def record_meeting(cluster: Cluster, year: int, *, by: User | None, held_on: datetime.date, place: str = "",
                   minutes: str = "", attendees: Iterable[Unit] = ()) -> Meeting:  # fmt: skip
    """The year-end meeting (bình xét, suy tôn): its date, place, minutes and the member units present."""
    cluster = Cluster.objects.select_for_update().select_related("issuer").get(pk=cluster.pk)
    year = _year(year)
    if by is not None and not permissions.can_lead(by, cluster, year):
        raise PermissionDenied
    members = {u.pk for u in queries.members_in(cluster, year)}
    attendees = list(attendees)
    if any(u.pk not in members for u in attendees):
        raise ValidationError({"attendees": _("Chỉ các đơn vị thành viên của cụm năm %(year)s dự họp.")
                               % {"year": year}})  # fmt: skip
    if held_on is None:
        raise ValidationError({"held_on": _("Cần ghi ngày họp.")})
    meeting = Meeting.objects.filter(cluster=cluster, year=year).first()
    if meeting is not None and meeting.proposal_id:
        raise ValidationError(_("Kết quả bình xét đã gửi đề nghị khen thưởng: không sửa được nữa."))
    before = audit.snapshot(meeting, MEETING_FIELDS) if meeting else {}
    text = "\n".join(" ".join(line.split()) for line in nfc(minutes or "").splitlines()).strip()
    if meeting is None:
        meeting = Meeting.objects.create(cluster=cluster, year=year, held_on=held_on, place=_clean(place)[:200],
                                         minutes=text, created_by=_actor(by))  # fmt: skip
    else:
        meeting.held_on, meeting.place, meeting.minutes = held_on, _clean(place)[:200], text
        meeting.save()
    meeting.attendees.set(attendees)
    after = audit.snapshot(meeting, MEETING_FIELDS) | {"attendees": sorted(u.pk for u in attendees)}
    audit.record(meeting, by=by, action="update" if before else "create", before=before, after=after)
    return meeting


@transaction.atomic
def record_votes(meeting: Meeting, *, by: User | None, award, votes: Mapping[int, int | None],
                 seats: int = 1) -> VoteOutcome:  # fmt: skip
    """The votes for ``award``: one per member unit present (``voter id -> candidate id``, None: no vote), for a
    member of the cluster; the ``seats`` units with the most votes are chosen. A tie at the last seat chooses
    nobody and says so (``VoteOutcome.tied``): the votes stay as a round, and the meeting votes again."""
    meeting = (
        Meeting.objects.select_for_update().select_related("cluster", "cluster__issuer").get(pk=meeting.pk)
    )
    if by is not None and not permissions.can_lead(by, meeting.cluster, meeting.year):
        raise PermissionDenied
    if meeting.proposal_id:
        raise ValidationError(_("Kết quả bình xét đã gửi đề nghị khen thưởng: không sửa được nữa."))
    if award is None or not award.for_collectives:
        raise ValidationError({"award": _("Cần chọn một danh hiệu, hình thức dành cho tập thể.")})
    members = {u.pk: u for u in queries.members_in(meeting.cluster, meeting.year)}
    present = set(meeting.attendees.values_list("pk", flat=True))
    cast: dict[int, int] = {}
    for voter_id, candidate_id in votes.items():
        if voter_id not in present:
            raise ValidationError({"votes": _("Đơn vị không dự họp không bỏ phiếu được (%(unit)s).")
                                   % {"unit": members[voter_id].name if voter_id in members else voter_id}})  # fmt: skip
        if candidate_id in (None, ""):
            continue
        if int(candidate_id) not in members:
            raise ValidationError({"votes": _("Phiếu của %(unit)s chọn một đơn vị không thuộc cụm.")
                                   % {"unit": members[voter_id].name}})  # fmt: skip
        cast[voter_id] = int(candidate_id)
    if not 1 <= int(seats) <= len(members):
        raise ValidationError(
            {"seats": _("Số đơn vị được suy tôn phải từ 1 đến %(n)s.") % {"n": len(members)}}
        )
    if meeting.selections.filter(award=award).exists():
        raise ValidationError({"award": _("Đã có kết quả bình xét “%(award)s”.") % {"award": award.name}})
    last_round = meeting.votes.filter(award=award).aggregate(m=Max("round"))["m"] or 0
    MeetingVote.objects.bulk_create(MeetingVote(meeting=meeting, award=award, round=last_round + 1, voter_id=v,
                                                candidate_id=c) for v, c in cast.items())  # fmt: skip
    counts: dict[int, int] = {}
    for candidate in cast.values():
        counts[candidate] = counts.get(candidate, 0) + 1
    ordered = sorted(counts.items(), key=lambda kv: -kv[1])
    chosen = ordered[: int(seats)]
    tie = len(ordered) > len(chosen) and chosen and ordered[len(chosen)][1] == chosen[-1][1]
    selections = []
    if not tie:
        selections = [Selection.objects.create(meeting=meeting, award=award, unit_id=unit_id, votes=n,
                                               voters=len(cast)) for unit_id, n in chosen]  # fmt: skip
    audit.record(meeting, by=by, action="record_votes",
                 after={"award": award.code, "round": last_round + 1, "votes": sorted(cast.items()), "seats": int(seats),
                        "chosen": [s.unit_id for s in selections]},
                 note=_("Hòa phiếu: cần bỏ phiếu lại") if tie else "")  # fmt: skip
    tied = sorted((members[u] for u, n in ordered if tie and n == chosen[-1][1]), key=lambda u: u.name)
    return VoteOutcome(selections, tied, chosen[-1][1] if tie else 0)


@dataclass
class VoteOutcome:
    """The units chosen — or, when the count is tied at the last seat, nobody and the tied units (vote again)."""

    chosen: list[Selection]
    tied: list[Unit]
    tied_votes: int

    @property
    def message(self) -> str:
        if self.tied:
            return _("Hòa phiếu giữa %(units)s (%(n)s phiếu mỗi đơn vị): chưa chọn được, cần bỏ phiếu lại.") % {
                "units": ", ".join(u.name for u in self.tied), "n": self.tied_votes}  # fmt: skip
        return _("Đã ghi kết quả bình xét: %(units)s.") % {
            "units": ", ".join(s.unit.name for s in self.chosen)
        }


@transaction.atomic
def send_to_rewards(meeting: Meeting, *, by: User | None, kind: RewardKind | None = None) -> Proposal:
    """The meeting's choice as a proposal of the year's leader unit to the level above (the cluster's issuer),
    through the proposals' actions: the chosen units as collective nominees, the ranking with every score attached
    as .xlsx, and the minutes attached. A draft the leader unit then completes and sends on the proposal's page."""
    meeting = (
        Meeting.objects.select_for_update().select_related("cluster", "cluster__issuer").get(pk=meeting.pk)
    )
    cluster, year = meeting.cluster, meeting.year
    if by is not None and not permissions.can_lead(by, cluster, year):
        raise PermissionDenied
    if meeting.proposal_id:
        raise ValidationError(_("Kết quả bình xét đã được gửi thành đề nghị khen thưởng."))
    selections = list(meeting.selections.select_related("award", "unit").order_by("award__sort", "award_id",
                                                                                  "-votes", "id"))  # fmt: skip
    if not selections:
        raise ValidationError(_("Hội nghị chưa có kết quả bình xét, suy tôn."))
    covenant = queries.covenant_in_force(cluster, year)
    if covenant is None:
        raise ValidationError(_("Cụm chưa có giao ước thi đua năm %(year)s đã ký kết.") % {"year": year})
    leader = permissions.leader_of(cluster, year)
    assert leader is not None  # noqa: S101 - can_lead / the meeting needs one
    kind = kind or RewardKind.objects.get(code="cong-trang")
    table = queries.ranking(covenant)
    place = {row.unit.pk: row for row in table.rows}
    proposal = proposal_actions.create_proposal(
        leader, by=by, kind=kind, year=year, to_unit=cluster.issuer,
        title=_("Đề nghị khen thưởng các đơn vị dẫn đầu %(cluster)s năm %(year)s")
        % {"cluster": cluster.name, "year": year},
    )  # fmt: skip
    for s in selections:
        row = place.get(s.unit_id)
        summary = _("Xếp thứ %(rank)s/%(n)s %(cluster)s năm %(year)s, đạt %(total)s/%(max)s điểm; được %(votes)s/"
                    "%(voters)s đơn vị thành viên suy tôn tại hội nghị ngày %(date)s.") % {
            "rank": row.rank if row else "–", "n": len(table.rows), "cluster": cluster.name, "year": year,
            "total": row.total if row else "0", "max": table.max_total, "votes": s.votes, "voters": s.voters,
            "date": format_date(meeting.held_on)}  # fmt: skip
        proposal_actions.add_nominee(proposal, by=by, award=s.award, unit=s.unit, summary=summary,
                                     achievement=summary, peers=True)  # fmt: skip
    stem = f"bang-diem-{cluster.pk}-{year}"
    core_actions.attach_file(proposal, SimpleUploadedFile(f"{stem}.xlsx", ranking_workbook(table), content_type=XLSX),
                             by=by, description=_("Bảng tổng hợp điểm, xếp hạng %(cluster)s năm %(year)s")
                             % {"cluster": cluster.name, "year": year})  # fmt: skip
    core_actions.attach_file(
        proposal,
        SimpleUploadedFile(f"bien-ban-binh-xet-{cluster.pk}-{year}.docx", render_docx(minutes_document(meeting)),
                           content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        by=by, description=_("Biên bản hội nghị bình xét, suy tôn %(cluster)s năm %(year)s")
        % {"cluster": cluster.name, "year": year}, part=Attachment.Part.COUNCIL_MINUTES,
    )  # fmt: skip
    before = audit.snapshot(meeting, MEETING_FIELDS)
    meeting.proposal = proposal
    meeting.save(update_fields=["proposal", "updated_at"])
    audit.record(meeting, by=by, action="send_to_rewards", before=before,
                 after=audit.snapshot(meeting, MEETING_FIELDS))  # fmt: skip
    return proposal
