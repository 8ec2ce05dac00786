"""Plans: the official document that launches an emulation movement, and its cascade down the union tree.

A ``Plan`` is one document of an issuing unit (``Kế hoạch số 13/KH-LĐLĐ``) laid out as the official text reads:

    issuer, kind, number/symbol, place and date          -> Plan.issuer, kind, number, symbol, year, place, date
    title (the summary under the kind)                    -> Plan.title
    "Căn cứ ..." (legal bases)                            -> LegalBasis rows (order), linked to a plan of the system
    introduction ("... xây dựng Kế hoạch ... sau:")       -> Plan.introduction
    I. Mục đích, yêu cầu                                  -> Plan.purposes, Plan.requirements
    II. Nội dung thi đua: focus movements                 -> Movement rows (order, quoted names, text)
    III. Biện pháp tổ chức thực hiện                      -> Measure rows (target kind of unit, order, text)
    the phases ("Đợt 1: Từ đầu năm đến 31/8/2017 ...")   -> Phase rows, each with PhaseCommemoration rows
    after the phases ("Sau mỗi đợt thi đua ...")          -> Plan.phase_review
    reporting ("báo cáo kết quả về LĐLĐ tỉnh ...")        -> ReportingDuty rows; Plan.closing holds the last paragraph
    "Nơi nhận"                                            -> Recipient rows (purpose: để báo cáo, để thực hiện, lưu)
    signature block                                       -> Plan.signer_on_behalf / signer_title / signer_name

Workflow: draft -> issued -> closed (``plans.actions``; the allowed transitions and the permission each needs are
the workflow ``permissions.PLAN_WORKFLOW`` on the kit ``thidua.core.workflow``). Every transition writes a ``PlanEvent``; an issued plan is read-only and changes to
it are ``PlanAmendment`` rows. Issuing delivers the plan to the recipients that are units of the system
(``PlanDelivery``: each unit's inbox of plans to deploy). A plan built from an upper plan names it in ``based_on``
and carries the chain of its ancestors in ``lineage`` ("12/40/"), so the whole cascade below a plan is one query.

The models live in one module per idea and are all importable from here (``from thidua.plans.models import Plan``):

    plans.py            DocumentKind, PlanStatus, Plan (with its queryset)
    parts.py            LegalBasis, Movement, Measure, ReportingDuty, Recipient
    phases.py           Phase
    commemorations.py   Commemoration (the catalog), PhaseCommemoration (a plan's)
    history.py          PlanDelivery, PlanAmendment, PlanEvent
"""

from .commemorations import Commemoration, CommemorationKind, PhaseCommemoration, is_major, is_round
from .history import NoticeKind, PlanAmendment, PlanDelivery, PlanDeliveryQuerySet, PlanEvent
from .parts import (
    FreeSection,
    LegalBasis,
    Measure,
    MeasureTarget,
    Movement,
    Recipient,
    RecipientPurpose,
    ReportingDuty,
)
from .phases import Phase, PhaseQuerySet, PhaseStatus
from .plans import (
    ISSUED_KINDS,
    KIND_ABBREVIATIONS,
    PLAN_AUDIT_FIELDS,
    DocumentKind,
    Plan,
    PlanQuerySet,
    PlanStatus,
)

__all__ = [
    "NoticeKind",
    "ISSUED_KINDS",
    "KIND_ABBREVIATIONS",
    "PLAN_AUDIT_FIELDS",
    "Commemoration",
    "FreeSection",
    "CommemorationKind",
    "DocumentKind",
    "LegalBasis",
    "Measure",
    "MeasureTarget",
    "Movement",
    "Phase",
    "PhaseCommemoration",
    "PhaseQuerySet",
    "PhaseStatus",
    "Plan",
    "PlanAmendment",
    "PlanDelivery",
    "PlanDeliveryQuerySet",
    "PlanEvent",
    "PlanQuerySet",
    "PlanStatus",
    "Recipient",
    "RecipientPurpose",
    "ReportingDuty",
    "is_major",
    "is_round",
]
