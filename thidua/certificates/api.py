"""Certificates in the API (/api/v1/): the public verification of a serial — the only route of the API without
login, answering the same shape for a genuine, a revoked and an unknown serial —, a decision's certificates with
their serials and state, and issuing the serials of a decision (scoped like the pages)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.errors import HttpError

from thidua.core.api import ErrorOut, InputErrorsOut, caller, id_path, responses
from thidua.core.scoping import get_for_user
from thidua.rewards.models import Decision

from . import actions, permissions, queries

router = Router(tags=["Bằng khen, giấy khen"])


class VerifyOut(Schema):
    state: str = Field(
        description="genuine (thật, còn hiệu lực), revoked (đã thu hồi) hoặc unknown (không có)"
    )
    serial: str = Field("", description="Số hiệu như in trên bằng (XXXX-XXXX-XXXX)")
    name: str = Field("", description="Cá nhân, tập thể được tặng")
    award: str = Field("", description="Danh hiệu, hình thức khen thưởng")
    year: int | None = Field(None, description="Năm thành tích")
    decision: str = Field("", description="Số, ký hiệu quyết định")
    decided_on: str = Field("", description="Ngày quyết định (dd/mm/yyyy)")
    issuer: str = Field("", description="Cơ quan ban hành")


@router.get("/certificates/verify/{serial}/", auth=None, url_name="certificate-verify",
            response={200: VerifyOut, 422: InputErrorsOut, 429: ErrorOut},
            summary="Xác thực bằng khen, giấy khen theo số hiệu (không cần đăng nhập)")  # fmt: skip
def verify(request: HttpRequest, serial: str = Path(..., max_length=40, description="Số hiệu in trên bằng")):
    """Chỉ trả tên người (tập thể) được tặng, danh hiệu/hình thức, quyết định và cơ quan ban hành; cùng một dạng
    trả lời cho số hiệu không có (state = unknown). Mỗi địa chỉ tra tối đa 30 lượt mỗi phút (429)."""
    if queries.over_limit(request.META.get("REMOTE_ADDR", "")):
        raise HttpError(429, _("Có quá nhiều lượt tra cứu từ địa chỉ này. Hãy thử lại sau một phút."))
    result = queries.verify(serial)
    return {key: result.get(key, VerifyOut.model_fields[key].default) for key in VerifyOut.model_fields}


class CertificateOut(Schema):
    record_id: int = Field(description="Id của khen thưởng (quá trình khen thưởng)")
    name: str
    award: str
    year: int
    serial: str = Field("", description="Số hiệu (rỗng khi chưa cấp)")
    state: str = Field(description="genuine (đã cấp số hiệu), revoked (đã thu hồi), none (chưa cấp số hiệu)")
    verify_url: str = Field("", description="Địa chỉ trang xác thực công khai")


class DecisionCertificatesOut(Schema):
    decision_id: int
    reference: str
    items: list[CertificateOut]


def _decision(request: HttpRequest, decision_id: int) -> Decision:
    decision = get_for_user(
        Decision.objects.select_related("register", "issuer"), caller(request), pk=decision_id
    )
    if not decision.is_issued:
        raise HttpError(404, _("Không tìm thấy."))
    return decision


def _out(request: HttpRequest, decision: Decision) -> dict:
    base = request.build_absolute_uri("/")
    items = []
    for row in queries.rows_of(decision):
        record, cert = row.record, row.certificate
        line = record.decision_line
        items.append({
            "record_id": record.pk, "name": (line.name_at_time if line else "") or str(record.person or record.unit),
            "award": record.award.name, "year": record.year, "serial": cert.display_serial if cert else "",
            "state": row.state, "verify_url": queries.verify_url(cert.serial, base) if cert else "",
        })  # fmt: skip
    return {"decision_id": decision.pk, "reference": decision.reference, "items": items}


@router.get("/certificates/decisions/{decision_id}/", response=responses(DecisionCertificatesOut),
            url_name="certificate-decision")  # fmt: skip
def decision_certificates(request: HttpRequest, decision_id: int = id_path("Id của quyết định đã ban hành")):
    """Bằng khen, giấy khen của một quyết định: mỗi người, tập thể được khen với số hiệu và tình trạng."""
    return _out(request, _decision(request, decision_id))


@router.post("/certificates/decisions/{decision_id}/issue/", url_name="certificate-issue",
             response={**responses(DecisionCertificatesOut), 400: ErrorOut, 403: ErrorOut},
             summary="Cấp số hiệu cho các bằng khen, giấy khen của quyết định")  # fmt: skip
def issue(request: HttpRequest, decision_id: int = id_path("Id của quyết định đã ban hành")):
    """Cán bộ của cơ quan ban hành (hoặc cấp trên): mỗi khen thưởng còn hiệu lực chưa có số hiệu được cấp một số
    hiệu; gọi lại không cấp thêm."""
    decision = _decision(request, decision_id)
    user = caller(request)
    if not permissions.can_print_certificates(user, decision):
        raise HttpError(403, _("Người dùng không có quyền in bằng khen của quyết định này."))
    try:
        actions.issue_certificates(decision, by=user)
    except PermissionDenied as exc:
        raise HttpError(403, _("Người dùng không có quyền in bằng khen của quyết định này.")) from exc
    except ValidationError as exc:
        raise HttpError(400, " ".join(exc.messages)) from exc
    return _out(request, decision)
