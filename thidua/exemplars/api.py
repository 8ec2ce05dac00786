"""Điển hình tiên tiến in the API (read): exemplary models with their replications, honour boards. Same scoping as
the pages (a model of another branch is 404). The public honour board is a page, not an API route."""

from __future__ import annotations

import datetime

from ninja import Field, Query, Router, Schema

from thidua.core.api import Page, PageFilters, caller, id_field, id_path, page, responses, search_field
from thidua.core.paging import limit_field
from thidua.core.scoping import get_for_user
from thidua.orgs.api import UnitRef, unit_ref
from thidua.orgs.models import Unit

from .models import Exemplar, ExemplarKind, HonourBoard
from .queries import exemplars_for, replications_of

router = Router(tags=["Điển hình tiên tiến"])


class ExemplarOut(Schema):
    id: int
    kind: ExemplarKind
    kind_label: str
    name: str = Field(description="Tên cá nhân, tập thể")
    person_id: int | None
    collective: UnitRef | None = Field(description="Tập thể được công nhận")
    workplace: str = Field(description="Đơn vị công tác")
    unit: UnitRef = Field(description="Đơn vị công nhận")
    movement: str = Field(description="Phong trào thi đua")
    title: str
    story: str
    year: int
    recognised_on: datetime.date
    recognition: str = Field(description="Hình thức công nhận (quyết định, sự kiện)")
    decision: str = Field(description="Số quyết định khen thưởng, nếu có")
    published: bool = Field(description="Công khai trên bảng vàng")
    replication_count: int


class ExemplarPage(Page):
    items: list[ExemplarOut]


class ExemplarQuery(PageFilters):
    year: int | None = Field(None, description="Năm")
    kind: ExemplarKind | None = Field(None, description="Loại điển hình")
    unit: int | None = id_field("Id đơn vị: điển hình do đơn vị này và đơn vị trực thuộc công nhận")
    q: str = search_field("Tên (không cần dấu)")
    limit: int = limit_field(max_limit=200)


class ReplicationOut(Schema):
    id: int
    unit: UnitRef = Field(description="Đơn vị nhân rộng")
    since: datetime.date
    result: str
    participants: int | None = Field(description="Số người tham gia")
    benefit: int | None = Field(description="Giá trị làm lợi (đồng)")


class ExemplarDetailOut(ExemplarOut):
    replications: list[ReplicationOut]


def _exemplar(e: Exemplar, replication_count: int) -> dict:
    return {
        "id": e.pk, "kind": e.kind, "kind_label": e.get_kind_display(), "name": e.name, "person_id": e.person_id,
        "collective": unit_ref(e.collective) if e.collective_id else None, "workplace": e.workplace,
        "unit": unit_ref(e.unit), "movement": str(e.movement) if e.movement_id else "", "title": e.title,
        "story": e.story, "year": e.year, "recognised_on": e.recognised_on, "recognition": e.recognition,
        "decision": e.decision.reference if e.decision_id else "", "published": e.published,
        "replication_count": replication_count,
    }  # fmt: skip


@router.get("/exemplars/", response=responses(ExemplarPage), url_name="exemplar-list")
def list_exemplars(request, filters: Query[ExemplarQuery]):
    """Điển hình tiên tiến, gương người tốt việc tốt trong phạm vi người gọi (mới nhất trước)."""
    user = caller(request)
    unit = get_for_user(Unit, user, pk=filters.unit) if filters.unit else None
    qs = exemplars_for(user, year=filters.year, kind=filters.kind or "", unit=unit, q=filters.q or "")
    return page(qs.select_related("collective"), filters, lambda e: _exemplar(e, e.replication_count))


@router.get("/exemplars/{exemplar_id}/", response=responses(ExemplarDetailOut), url_name="exemplar-detail")
def exemplar_detail(request, exemplar_id: int = id_path("Id của điển hình")):
    """Một điển hình và các đơn vị nhân rộng mà người gọi được xem."""
    user = caller(request)
    e = get_for_user(Exemplar.objects.select_related("unit", "movement", "decision__register", "collective"),
                     user, pk=exemplar_id)  # fmt: skip
    replications = [
        {"id": r.pk, "unit": unit_ref(r.unit), "since": r.since, "result": r.result,
         "participants": r.participants, "benefit": r.benefit}
        for r in replications_of(user, e)
    ]  # fmt: skip
    return {**_exemplar(e, len(replications)), "replications": replications}


class BoardOut(Schema):
    id: int
    unit: UnitRef
    year: int
    title: str
    introduction: str
    published: bool = Field(description="Trang tôn vinh công khai đang mở")
    public_path: str | None = Field(description="Đường dẫn trang công khai (khi đã công khai)")


class BoardPage(Page):
    items: list[BoardOut]


@router.get("/honour-boards/", response=responses(BoardPage), url_name="honour-board-list")
def list_boards(request, filters: Query[PageFilters]):
    """Bảng vàng của các đơn vị trong phạm vi người gọi."""
    from django.urls import reverse

    boards = (
        HonourBoard.objects.visible_to(caller(request)).filter(archived_at__isnull=True)
        .select_related("unit").order_by("-year", "unit__path")
    )  # fmt: skip
    return page(boards, filters, lambda b: {
        "id": b.pk, "unit": unit_ref(b.unit), "year": b.year, "title": b.title, "introduction": b.introduction,
        "published": b.published,
        "public_path": reverse("exemplars:public-board", args=[b.unit.code, b.year]) if b.published else None,
    })  # fmt: skip
