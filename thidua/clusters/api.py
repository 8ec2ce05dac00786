"""Cụm, khối thi đua in the API: the list (per year), one cluster with its members and leaders of a year, the
ranking of a covenant, and a member's scores entered. The same scoping as the pages (404 outside), the same
actions (403 without the right, 400 with the Vietnamese reason naming the wrong cell)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from thidua.core.api import (
    MAX_ID,
    ErrorOut,
    Page,
    PageFilters,
    body_doc,
    caller,
    id_path,
    json_body,
    page,
    responses,
)
from thidua.core.scoping import get_for_user
from thidua.orgs.api import UnitRef, unit_ref

from . import actions, queries
from .models import Cluster, ClusterKind, Covenant

router = Router(tags=["Cụm, khối thi đua"])
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, 403: ErrorOut}


class ClusterOut(Schema):
    id: int
    name: str
    kind: ClusterKind
    kind_label: str
    issuer: UnitRef = Field(description="Đơn vị ra quyết định thành lập (cấp trên)")
    decision_number: str
    decision_date: datetime.date
    member_count: int = Field(description="Số đơn vị thành viên trong năm hỏi")
    leader: UnitRef | None = Field(description="Cụm trưởng trong năm hỏi")
    deputy: UnitRef | None = Field(description="Cụm phó trong năm hỏi")


class ClusterPage(Page):
    items: list[ClusterOut]


class ClusterQuery(PageFilters):
    year: int | None = Field(None, ge=1945, le=2200, description="Năm (mặc định: năm nay)")


class CovenantRef(Schema):
    id: int
    title: str
    version: int
    status: str
    signed_on: datetime.date | None


class ClusterDetail(ClusterOut):
    year: int
    members: list[UnitRef]
    covenants: list[CovenantRef]


def _row(c: Cluster, year: int) -> dict[str, Any]:
    this = c.this_year[0] if getattr(c, "this_year", None) else c.years.filter(year=year).first()
    return {
        "id": c.pk, "name": c.name, "kind": c.kind, "kind_label": c.get_kind_display(), "issuer": unit_ref(c.issuer),
        "decision_number": c.decision_number, "decision_date": c.decision_date,
        "member_count": c.member_count if hasattr(c, "member_count") else len(queries.members_in(c, year)),
        "leader": unit_ref(this.leader) if this else None,
        "deputy": unit_ref(this.deputy) if this and this.deputy else None,
    }  # fmt: skip


@router.get("/clusters/", response=responses(ClusterPage), url_name="cluster-list")
def list_clusters(request, filters: Query[ClusterQuery]):
    """Các cụm, khối thi đua trong phạm vi: do đơn vị mình (hoặc cấp dưới) thành lập, hoặc đơn vị mình là thành viên."""
    year = filters.year or timezone.localdate().year
    return page(queries.clusters_for_list(caller(request), year), filters, lambda c: _row(c, year))


@router.get("/clusters/{cluster_id}/", response=responses(ClusterDetail), url_name="cluster-detail")
def get_cluster(request, cluster_id: int = id_path("Id của cụm, khối"),
                year: int | None = Query(None, ge=1945, le=2200)):  # fmt: skip
    """Một cụm, khối: thành viên, cụm trưởng, cụm phó và các giao ước của năm hỏi."""
    user = caller(request)
    cluster = get_for_user(Cluster.objects.select_related("issuer"), user, pk=cluster_id)
    year = year or timezone.localdate().year
    members = queries.members_in(cluster, year)
    covenants = cluster.covenants.filter(year=year).order_by("-version")
    return {**_row(cluster, year), "member_count": len(members), "year": year,
            "members": [unit_ref(u) for u in members],
            "covenants": [{"id": c.pk, "title": c.title, "version": c.version, "status": c.status,
                           "signed_on": c.signed_on} for c in covenants]}  # fmt: skip


class RankRowOut(Schema):
    rank: int
    tied: bool = Field(description="Đồng hạng với đơn vị khác")
    unit: UnitRef
    scores: list[Decimal | None] = Field(description="Điểm từng tiêu chí, theo thứ tự tiêu chí")
    total: Decimal


class CriterionOut(Schema):
    id: int
    name: str
    max_points: Decimal
    method: str
    method_label: str


class RankingOut(Schema):
    covenant_id: int
    year: int
    max_total: Decimal
    criteria: list[CriterionOut]
    rows: list[RankRowOut]


def _covenant(user, covenant_id: int) -> Covenant:
    covenant = Covenant.objects.filter(
        pk=covenant_id, cluster__in=Cluster.objects.visible_to(user).values("pk")
    )
    found = covenant.select_related("cluster", "cluster__issuer").first()
    if found is None:
        raise Http404
    return found


@router.get("/covenants/{covenant_id}/ranking/", response=responses(RankingOut), url_name="covenant-ranking")
def get_ranking(request, covenant_id: int = id_path("Id của giao ước")):
    """Tổng điểm và xếp hạng theo giao ước (đồng hạng được ghi rõ)."""
    covenant = _covenant(caller(request), covenant_id)
    table = queries.ranking(covenant)
    return {
        "covenant_id": covenant.pk, "year": covenant.year, "max_total": table.max_total,
        "criteria": [{"id": c.pk, "name": c.name, "max_points": c.max_points, "method": c.method,
                      "method_label": c.get_method_display()} for c in table.criteria],
        "rows": [{"rank": r.rank, "tied": r.tied, "unit": unit_ref(r.unit), "scores": r.scores, "total": r.total}
                 for r in table.rows],
    }  # fmt: skip


class ScoreIn(Schema):
    criterion_id: int = Field(..., ge=1, le=MAX_ID)
    unit_id: int = Field(..., ge=1, le=MAX_ID, description="Đơn vị được chấm")
    points: str = Field(..., max_length=12, description="Điểm, ví dụ “8,5”; để trống: giữ nguyên")


class ScoresIn(Schema):
    by_unit_id: int = Field(..., ge=1, le=MAX_ID, description="Đơn vị chấm (đơn vị thành viên của mình)")
    scores: list[ScoreIn] = Field(..., max_length=2000)


class ScoresOut(Schema):
    changed: int


@router.post("/covenants/{covenant_id}/scores/", url_name="covenant-scores",
             response={**responses(ScoresOut), **WRITE_ERRORS}, openapi_extra=body_doc(ScoresIn),
             summary="Đơn vị thành viên nhập điểm chấm")  # fmt: skip
def enter_scores(request: HttpRequest, covenant_id: int = id_path("Id của giao ước")):
    """Tất cả hoặc không: một ô sai (không phải số, ngoài khoảng điểm) thì không lưu gì (400, nêu đơn vị và tiêu chí)."""
    user = caller(request)
    covenant = _covenant(user, covenant_id)
    body = json_body(request, ScoresIn)
    by_unit = next(
        (u for u in queries.members_in(covenant.cluster, covenant.year) if u.pk == body.by_unit_id), None
    )
    if by_unit is None:
        raise HttpError(
            400, _("Đơn vị chấm không phải thành viên của cụm năm %(year)s.") % {"year": covenant.year}
        )
    try:
        changed = actions.enter_scores(covenant, by_unit, by=user,
                                       values={(s.criterion_id, s.unit_id): s.points for s in body.scores})  # fmt: skip
    except PermissionDenied as exc:
        raise HttpError(403, _("Người dùng không chấm điểm thay đơn vị này được.")) from exc
    except ValidationError as exc:
        raise HttpError(400, " ".join(exc.messages)) from exc
    return {"changed": changed}
