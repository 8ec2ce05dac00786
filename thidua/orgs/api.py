"""The orgs routes of the API: units and people, read through the same scoping as the pages, and transfer requests
(read, sent, accepted, refused and withdrawn, through the same actions as the pages).

Every read goes through ``visible_to(user)`` / ``get_for_user``: a unit or person outside the caller's subtrees is
404, and a filter that names one (``parent``, ``unit``) is 404 as well. Lists are paged (``limit``/``offset``, with the
total ``count``) and cost the same number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from thidua.core.api import (
    ErrorOut,
    Page,
    PageFilters,
    body_doc,
    caller,
    id_field,
    id_path,
    json_body,
    page,
    responses,
    search_field,
)
from thidua.core.forms import CleanText
from thidua.core.paging import paginate
from thidua.core.permissions import VIEW
from thidua.core.scoping import get_for_user, has_perm
from thidua.core.search import search_folded

from . import actions, queries
from .models import Gender, JobCategory, Level, Membership, Person, Position, Sector, TransferRequest, Unit
from .permissions import (
    can_decide_transfer,
    can_see_personal_data,
    can_see_phone,
    can_see_transfer_person,
    can_withdraw_transfer,
)

router = Router()

LEVELS = dict(Level.choices)
SECTORS = dict(Sector.choices)
GENDERS = dict(Gender.choices)
POSITIONS = dict(Position.choices)
JOB_CATEGORIES = dict(JobCategory.choices)
LEFT_REASONS = dict(Membership.LeftReason.choices)


# --- schemas --------------------------------------------------------------------------------------------------


class UnitRef(Schema):
    id: int = Field(description="Mã số (id) của đơn vị")
    code: str = Field(description="Mã đơn vị")
    name: str = Field(description="Tên đơn vị")


class UnitOut(UnitRef):
    short_name: str = Field(description="Tên viết tắt")
    level: Level = Field(description="Cấp của đơn vị")
    level_label: str = Field(description="Tên cấp (tiếng Việt)")
    sector: Sector | None = Field(description="Khu vực, loại hình (chỉ với công đoàn cơ sở)")
    sector_label: str = Field(description="Tên khu vực, loại hình (tiếng Việt)")
    parent_id: int | None = Field(
        description="Id của đơn vị cấp trên trực tiếp; null khi không có hoặc nằm ngoài phạm vi của người dùng"
    )
    province_code: str = Field(description="Mã tỉnh, thành phố")
    ward_code: str = Field(description="Mã xã, phường")
    founded_on: datetime.date | None = Field(description="Ngày thành lập")
    dissolved_on: datetime.date | None = Field(description="Ngày giải thể, sáp nhập")
    is_active: bool = Field(description="Đơn vị đang hoạt động (chưa giải thể, sáp nhập hoặc lưu trữ)")
    member_count: int = Field(description="Số đoàn viên của riêng đơn vị (không gồm đơn vị trực thuộc)")
    worker_count: int = Field(description="Số CNVCLĐ của riêng đơn vị")
    direct_worker_count: int = Field(description="Số công nhân trực tiếp sản xuất của riêng đơn vị")


class SubtreeTotals(Schema):
    grassroots: int = Field(
        description="Số công đoàn cơ sở đang hoạt động trong đơn vị và các đơn vị trực thuộc"
    )
    members: int = Field(description="Tổng số đoàn viên")
    workers: int = Field(description="Tổng số CNVCLĐ")
    direct_workers: int = Field(description="Tổng số công nhân trực tiếp sản xuất")


class ChildTotals(SubtreeTotals):
    units: int = Field(description="Số đơn vị đang hoạt động trong nhánh, kể cả đơn vị trực thuộc này")


class UnitDetail(UnitOut):
    address: str = Field(description="Địa chỉ")
    workforce_size: int | None = Field(description="Số lao động")
    parent: UnitRef | None = Field(description="Đơn vị cấp trên trực tiếp (nếu trong phạm vi của người dùng)")
    children_count: int = Field(description="Số đơn vị trực thuộc trực tiếp đang hoạt động")
    totals: SubtreeTotals = Field(description="Số liệu tổng hợp của đơn vị và các đơn vị trực thuộc")


class UnitChild(UnitOut):
    totals: ChildTotals = Field(description="Số liệu tổng hợp của đơn vị trực thuộc này và cấp dưới của nó")


class UnitPage(Page):
    items: list[UnitOut] = Field(description="Các đơn vị của trang này, theo thứ tự cây tổ chức")


class UnitFilters(PageFilters):
    q: CleanText = search_field("Tìm theo tên, tên viết tắt hoặc mã; không phân biệt dấu, chữ hoa")
    level: Level | None = Field(None, description="Chỉ các đơn vị ở cấp này")
    sector: Sector | None = Field(None, description="Chỉ các công đoàn cơ sở thuộc khu vực, loại hình này")
    parent: int | None = id_field("Chỉ các đơn vị trực thuộc trực tiếp đơn vị có id này")
    active: bool | None = Field(
        None,
        description="true: chỉ đơn vị đang hoạt động; false: chỉ đơn vị đã giải thể, lưu trữ; bỏ trống: tất cả",
    )


class MembershipOut(Schema):
    unit: UnitRef = Field(description="Công đoàn cơ sở")
    card_number: str = Field(description="Số thẻ đoàn viên")
    joined_on: datetime.date = Field(description="Ngày vào")
    left_on: datetime.date | None = Field(description="Ngày rời; null khi đang sinh hoạt")
    left_reason: str = Field(description="Lý do rời (mã)")
    left_reason_label: str = Field(description="Lý do rời (tiếng Việt)")
    position: Position = Field(description="Chức vụ công đoàn")
    position_label: str = Field(description="Chức vụ công đoàn (tiếng Việt)")
    job_category: JobCategory = Field(description="Đối tượng")
    job_category_label: str = Field(description="Đối tượng (tiếng Việt)")
    is_direct_production_worker: bool = Field(description="Công nhân trực tiếp sản xuất")
    is_member: bool = Field(description="Là đoàn viên (false: người lao động chưa là đoàn viên)")


class PersonOut(Schema):
    id: int = Field(description="Mã số (id) của người lao động")
    full_name: str = Field(description="Họ và tên")
    family_name: str = Field(description="Họ")
    middle_name: str = Field(description="Tên đệm")
    given_name: str = Field(description="Tên")
    gender: Gender | None = Field(description="Giới tính")
    gender_label: str = Field(description="Giới tính (tiếng Việt)")
    personal_data_visible: bool = Field(
        description="Người dùng được xem đầy đủ ngày sinh và số CCCD (cán bộ quản lý công đoàn cơ sở của người này)"
    )
    birth_date: datetime.date | None = Field(
        description="Ngày sinh; null nếu người dùng không được xem đầy đủ"
    )
    birth_year: int | None = Field(description="Năm sinh")
    national_id: str = Field(description="Số CCCD; chỉ hiện 3 số cuối nếu người dùng không được xem đầy đủ")
    unit: UnitRef | None = Field(description="Công đoàn cơ sở đang quản lý hồ sơ")
    is_archived: bool = Field(description="Hồ sơ đã lưu trữ")


class PersonListItem(PersonOut):
    position: Position | None = Field(description="Chức vụ công đoàn hiện nay; null nếu không còn sinh hoạt")
    card_number: str | None = Field(description="Số thẻ đoàn viên hiện nay")
    joined_on: datetime.date | None = Field(description="Ngày vào công đoàn cơ sở hiện nay")
    is_member: bool | None = Field(description="Là đoàn viên (theo lần sinh hoạt hiện nay)")
    is_direct_production_worker: bool | None = Field(description="Công nhân trực tiếp sản xuất (hiện nay)")


class PersonDetail(PersonOut):
    phone: str = Field(description="Điện thoại; chỉ hiện 3 số cuối nếu người dùng không được xem đầy đủ")
    email: str = Field(description="Thư điện tử")
    memberships: list[MembershipOut] = Field(description="Quá trình sinh hoạt công đoàn, mới nhất trước")


class PersonPage(Page):
    items: list[PersonListItem] = Field(
        description="Những người của trang này, theo thứ tự tiếng Việt (tên, tên đệm, họ)"
    )


class PersonFilters(PageFilters):
    q: CleanText = search_field("Tìm theo họ tên; không phân biệt dấu, chữ hoa (tran trung hao)")
    unit: int | None = id_field("Chỉ người thuộc đơn vị có id này và các đơn vị trực thuộc")
    is_member: bool | None = Field(
        None, description="true: chỉ đoàn viên; false: chỉ người chưa là đoàn viên"
    )
    direct_production: bool | None = Field(
        None, description="Chỉ công nhân trực tiếp sản xuất (true) hoặc không"
    )
    gender: Gender | None = Field(None, description="Giới tính")


# --- building the output --------------------------------------------------------------------------------------


def _parent_path(unit: Unit) -> str:
    return unit.path[: -Unit.steplen] if unit.depth > 1 else ""


def _visible_parents(user, units: list[Unit]) -> dict[str, Unit]:
    """The parents of these units that the user may see, by path — one query for any number of units."""
    paths = {p for p in (_parent_path(u) for u in units) if p and has_perm(user, VIEW, p)}
    if not paths:
        return {}
    return {u.path: u for u in Unit.objects.filter(path__in=paths).only("pk", "path", "code", "name")}


def _unit_data(unit: Unit, parents: dict[str, Unit]) -> dict:
    parent = parents.get(_parent_path(unit))
    return {
        "id": unit.pk,
        "code": unit.code,
        "name": unit.name,
        "short_name": unit.short_name,
        "level": unit.level,
        "level_label": str(LEVELS.get(unit.level, "")),
        "sector": unit.sector or None,
        "sector_label": str(SECTORS.get(unit.sector, "")),
        "parent_id": parent.pk if parent else None,
        "province_code": unit.province_code,
        "ward_code": unit.ward_code,
        "founded_on": unit.founded_on,
        "dissolved_on": unit.dissolved_on,
        "is_active": unit.is_active,
        "member_count": unit.member_count,
        "worker_count": unit.worker_count,
        "direct_worker_count": unit.direct_worker_count,
    }


def unit_ref(unit: Unit | None) -> dict | None:
    """A unit as ``UnitRef`` (every app's routes name units so)."""
    return {"id": unit.pk, "code": unit.code, "name": unit.name} if unit is not None else None


def _person_data(user, person: Person) -> dict:
    visible = can_see_personal_data(user, person)
    return {
        "id": person.pk,
        "full_name": person.full_name,
        "family_name": person.family_name,
        "middle_name": person.middle_name,
        "given_name": person.given_name,
        "gender": person.gender or None,
        "gender_label": str(GENDERS.get(person.gender, "")),
        "personal_data_visible": visible,
        "birth_date": person.birth_date if visible else None,
        "birth_year": person.birth_date.year if person.birth_date else None,
        "national_id": person.national_id if visible else person.masked_national_id,
        "unit": unit_ref(person.unit),
        "is_archived": person.archived_at is not None,
    }


# --- units ----------------------------------------------------------------------------------------------------


@router.get("/units/", url_name="unit-list", response=responses(UnitPage), tags=["Đơn vị"],
            summary="Danh sách đơn vị")  # fmt: skip
def list_units(request: HttpRequest, filters: Query[UnitFilters]):
    """Các đơn vị trong phạm vi của người dùng, theo thứ tự cây tổ chức; tìm kiếm, lọc và phân trang."""
    user = caller(request)
    units = Unit.objects.visible_to(user)
    if filters.parent is not None:
        parent = get_for_user(Unit, user, pk=filters.parent)
        units = units.filter(path__subtree=parent.path, depth=parent.depth + 1)
    if filters.level is not None:
        units = units.filter(level=filters.level)
    if filters.sector is not None:
        units = units.filter(sector=filters.sector)
    if filters.active is True:
        units = units.active()
    elif filters.active is False:
        units = units.exclude(archived_at__isnull=True, dissolved_on__isnull=True)
    units = search_folded(units, filters.q, "name", "short_name", "code")
    count, rows = paginate(units.order_by("path"), filters)
    parents = _visible_parents(user, rows)  # one query for the page's parents, before the rows are built
    return {"count": count, "items": [_unit_data(u, parents) for u in rows]}


@router.get(
    "/units/{int:unit_id}/",
    url_name="unit-detail",
    response=responses(UnitDetail),
    tags=["Đơn vị"],
    summary="Thông tin một đơn vị",
)
def get_unit(request: HttpRequest, unit_id: int = id_path("Id của đơn vị")):
    """Thông tin đơn vị, đơn vị cấp trên, số đơn vị trực thuộc và số liệu tổng hợp của cả nhánh."""
    user = caller(request)
    unit = get_for_user(Unit, user, pk=unit_id)
    parents = _visible_parents(user, [unit])
    data = _unit_data(unit, parents)
    parent = parents.get(_parent_path(unit))
    children = Unit.objects.filter(path__subtree=unit.path, depth=unit.depth + 1).active()
    return {
        **data,
        "address": unit.address,
        "workforce_size": unit.workforce_size,
        "parent": unit_ref(parent),
        "children_count": children.count(),
        "totals": queries.subtree_totals(unit),
    }


@router.get(
    "/units/{int:unit_id}/children/",
    url_name="unit-children",
    response=responses(list[UnitChild]),
    tags=["Đơn vị"],
    summary="Các đơn vị trực thuộc, kèm số liệu tổng hợp",
)
def list_unit_children(
    request: HttpRequest,
    unit_id: int = id_path("Id của đơn vị"),
    include_inactive: bool = Query(False, description="Gồm cả đơn vị đã giải thể, sáp nhập, lưu trữ"),
):
    """Các đơn vị trực thuộc trực tiếp, mỗi đơn vị kèm số liệu tổng hợp của nhánh của nó."""
    user = caller(request)
    unit = get_for_user(Unit, user, pk=unit_id)
    parents = {unit.path: unit}
    return [
        {
            **_unit_data(child, parents),
            "totals": {
                "grassroots": child.total_grassroots,
                "members": child.total_members,
                "workers": child.total_workers,
                "direct_workers": child.total_direct_workers,
                "units": child.total_units,
            },
        }
        for child in queries.children_with_totals(unit, include_inactive=include_inactive)
    ]


# --- people ---------------------------------------------------------------------------------------------------


@router.get(
    "/people/",
    url_name="person-list",
    response=responses(PersonPage),
    tags=["Người lao động"],
    summary="Danh sách người lao động",
)
def list_people(request: HttpRequest, filters: Query[PersonFilters]):
    """Người lao động trong phạm vi của người dùng, theo thứ tự tiếng Việt; tìm theo tên không dấu, lọc, phân trang.
    Ngày sinh và số CCCD chỉ hiện đầy đủ cho cán bộ quản lý công đoàn cơ sở của người đó."""
    user = caller(request)
    unit = get_for_user(Unit, user, pk=filters.unit) if filters.unit is not None else None
    people = queries.people_for_list(
        user,
        filters.q,
        unit,
        is_member=filters.is_member,
        direct_production=filters.direct_production,
        gender=filters.gender or "",
    )
    return page(people, filters, lambda person: {
        **_person_data(user, person),
        "position": person.current_position,
        "card_number": person.current_card_number,
        "joined_on": person.current_joined_on,
        "is_member": person.current_is_member,
        "is_direct_production_worker": person.current_is_direct,
    })  # fmt: skip


@router.get(
    "/people/{int:person_id}/",
    url_name="person-detail",
    response=responses(PersonDetail),
    tags=["Người lao động"],
    summary="Hồ sơ một người",
)
def get_person(request: HttpRequest, person_id: int = id_path("Id của người lao động")):
    """Hồ sơ người lao động và quá trình sinh hoạt công đoàn."""
    user = caller(request)
    person = get_for_user(Person.objects.select_related("unit"), user, pk=person_id)
    memberships = person.memberships.select_related("unit").order_by("-joined_on", "-id")
    return {
        **_person_data(user, person),
        "phone": person.phone if can_see_phone(user, person) else person.masked_phone,
        "email": person.email,
        "memberships": [
            {
                "unit": unit_ref(m.unit),
                "card_number": m.card_number,
                "joined_on": m.joined_on,
                "left_on": m.left_on,
                "left_reason": m.left_reason,
                "left_reason_label": str(LEFT_REASONS.get(m.left_reason, "")),
                "position": m.position,
                "position_label": str(POSITIONS.get(m.position, "")),
                "job_category": m.job_category,
                "job_category_label": str(JOB_CATEGORIES.get(m.job_category, "")),
                "is_direct_production_worker": m.is_direct_production_worker,
                "is_member": m.is_member,
            }
            for m in memberships
        ],
    }


# --- transfer requests ----------------------------------------------------------------------------------------
# A union asks to take over a person recorded in another branch; the person's union (or a level above it) accepts
# or refuses; the asking union may withdraw it while pending. The same scoping as the pages: a
# request is seen from both ends; the person's record behind it only as the pages show it.

TRANSFER_STATUSES = dict(TransferRequest.Status.choices)


class TransferRequestOut(Schema):
    id: int = Field(description="Mã số (id) của đề nghị")
    status: TransferRequest.Status = Field(description="Trạng thái")
    status_label: str = Field(description="Trạng thái (tiếng Việt)")
    full_name: str = Field(description="Họ và tên theo đề nghị")
    national_id: str = Field(description="Số CCCD, chỉ hiện 3 số cuối")
    person_id: int | None = Field(
        description="Id của hồ sơ người lao động nếu người dùng được xem hồ sơ đó; null nếu không"
    )
    from_unit: UnitRef = Field(description="Công đoàn hiện tại của người lao động")
    to_unit: UnitRef = Field(description="Công đoàn đề nghị tiếp nhận")
    reason: str = Field(description="Lý do từ chối hoặc rút")
    requested_at: datetime.datetime = Field(description="Thời điểm đề nghị")
    decided_at: datetime.datetime | None = Field(description="Thời điểm chấp nhận, từ chối hoặc rút")
    can_decide: bool = Field(description="Người dùng được chấp nhận hoặc từ chối đề nghị này")
    can_withdraw: bool = Field(description="Người dùng được rút đề nghị này")


class TransferRequestPage(Page):
    items: list[TransferRequestOut] = Field(description="Các đề nghị của trang này, mới nhất trước")


class TransferRequestFilters(PageFilters):
    status: TransferRequest.Status | None = Field(None, description="Chỉ các đề nghị ở trạng thái này")


def _transfer_data(user, item: TransferRequest) -> dict:
    from .models import mask_national_id

    person = item.person
    person_visible = (
        can_see_transfer_person(user, item)
        and person.unit is not None
        and has_perm(user, VIEW, person.unit.path)
    )
    return {
        "id": item.pk, "status": item.status, "status_label": str(TRANSFER_STATUSES[item.status]),
        "full_name": item.full_name, "national_id": mask_national_id(item.person.national_id),
        "person_id": item.person_id if person_visible else None,
        "from_unit": unit_ref(item.from_unit), "to_unit": unit_ref(item.to_unit), "reason": item.reason,
        "requested_at": item.requested_at, "decided_at": item.decided_at,
        "can_decide": can_decide_transfer(user, item), "can_withdraw": can_withdraw_transfer(user, item),
    }  # fmt: skip


def _transfers():
    return TransferRequest.objects.select_related("person__unit", "from_unit", "to_unit")


@router.get("/transfer-requests/", url_name="transfer-request-list", response=responses(TransferRequestPage),
            tags=["Chuyển sinh hoạt"], summary="Danh sách đề nghị chuyển sinh hoạt")  # fmt: skip
def list_transfer_requests(request: HttpRequest, filters: Query[TransferRequestFilters]):
    """Các đề nghị mà người dùng thấy: gửi đến công đoàn mình quản lý và do công đoàn mình gửi."""
    user = caller(request)
    items = _transfers().visible_to(user)
    if filters.status is not None:
        items = items.filter(status=filters.status)
    return page(items.order_by("-requested_at", "-id"), filters, lambda item: _transfer_data(user, item))


@router.get("/transfer-requests/{int:request_id}/", url_name="transfer-request-detail",
            response=responses(TransferRequestOut), tags=["Chuyển sinh hoạt"],
            summary="Một đề nghị chuyển sinh hoạt")  # fmt: skip
def get_transfer_request(request: HttpRequest, request_id: int = id_path("Id của đề nghị")):
    user = caller(request)
    return _transfer_data(user, get_for_user(_transfers(), user, pk=request_id))


# --- transfer requests: writing (the same actions as the pages) --------------------------------------------------
# Token callers need no CSRF token; session callers do. A request (or a unit) outside the caller's scope is 404
# before anything sent is read; a refused right is 403, a refused state or content 400, both in Vietnamese.

TRANSFER_WRITE = {**responses(TransferRequestOut), 400: ErrorOut, 403: ErrorOut}


class TransferRequestIn(Schema):
    to_unit_id: int = id_field("Id của công đoàn cơ sở tiếp nhận (do người gọi quản lý)")
    national_id: CleanText = Field(..., max_length=12, description="Số CCCD của người lao động")
    full_name: CleanText = Field(
        ..., max_length=150, description="Họ và tên của người lao động, như trong hồ sơ"
    )


class ReasonIn(Schema):
    reason: CleanText = Field("", max_length=500, description="Lý do")


class RefuseIn(Schema):
    reason: CleanText = Field(..., min_length=1, max_length=500, description="Lý do từ chối (bắt buộc)")


def _transfer_write(request: HttpRequest, step, *args, **kwargs) -> TransferRequest:
    try:
        return step(*args, by=caller(request), **kwargs)
    except PermissionDenied as exc:
        raise HttpError(403, _("Người dùng không có quyền thực hiện thao tác này với đề nghị.")) from exc
    except ValidationError as exc:
        raise HttpError(400, " ".join(exc.messages)) from exc


def _visible_transfer(request: HttpRequest, request_id: int) -> TransferRequest:
    return get_for_user(_transfers(), caller(request), pk=request_id)


def _answer(request: HttpRequest, item: TransferRequest) -> dict:
    return _transfer_data(caller(request), _transfers().get(pk=item.pk))


@router.post("/transfer-requests/", url_name="transfer-request-create", response=TRANSFER_WRITE,
             tags=["Chuyển sinh hoạt"], summary="Gửi đề nghị tiếp nhận một người lao động từ công đoàn khác",
             openapi_extra=body_doc(TransferRequestIn))  # fmt: skip
def create_transfer_request(request: HttpRequest):
    """Công đoàn cơ sở người gọi quản lý đề nghị tiếp nhận người lao động đang thuộc công đoàn khác, nêu số CCCD và
    họ tên đúng như hồ sơ. Sai thông tin thì trả 400 cùng một lời, không xác nhận người đó có trong hệ thống."""
    user = caller(request)
    body = json_body(request, TransferRequestIn)
    to_unit = get_for_user(Unit, user, pk=body.to_unit_id)
    created = _transfer_write(request, actions.request_transfer, to_unit=to_unit, national_id=body.national_id,
                              full_name=body.full_name)  # fmt: skip
    return _answer(request, created)


@router.post("/transfer-requests/{request_id}/accept/", url_name="transfer-request-accept",
             response=TRANSFER_WRITE, tags=["Chuyển sinh hoạt"], summary="Chấp nhận đề nghị: người lao động chuyển "
             "sinh hoạt đến công đoàn đề nghị từ hôm nay")  # fmt: skip
def accept_transfer_request(request: HttpRequest, request_id: int = id_path("Id của đề nghị")):
    """Công đoàn hiện tại của người lao động (hoặc cấp trên của nó) chấp nhận."""
    item = _visible_transfer(request, request_id)
    return _answer(request, _transfer_write(request, actions.accept_transfer, item))


@router.post("/transfer-requests/{request_id}/refuse/", url_name="transfer-request-refuse",
             response=TRANSFER_WRITE, tags=["Chuyển sinh hoạt"], summary="Từ chối đề nghị, nêu lý do",
             openapi_extra=body_doc(RefuseIn))  # fmt: skip
def refuse_transfer_request(request: HttpRequest, request_id: int = id_path("Id của đề nghị")):
    """Công đoàn hiện tại của người lao động (hoặc cấp trên của nó) từ chối; lý do được báo cho công đoàn đề nghị."""
    item = _visible_transfer(request, request_id)
    body = json_body(request, RefuseIn)
    return _answer(request, _transfer_write(request, actions.refuse_transfer, item, reason=body.reason))


@router.post("/transfer-requests/{request_id}/withdraw/", url_name="transfer-request-withdraw",
             response=TRANSFER_WRITE, tags=["Chuyển sinh hoạt"], summary="Rút đề nghị còn chờ xem xét",
             openapi_extra=body_doc(ReasonIn))  # fmt: skip
def withdraw_transfer_request(request: HttpRequest, request_id: int = id_path("Id của đề nghị")):
    """Người gửi đề nghị, hoặc người quản lý công đoàn đề nghị, rút đề nghị khi chưa được xem xét."""
    item = _visible_transfer(request, request_id)
    body = json_body(request, ReasonIn)
    return _answer(request, _transfer_write(request, actions.withdraw_transfer, item, reason=body.reason))
