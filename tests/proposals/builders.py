"""Proposals as the tests need them, through the real actions."""

from __future__ import annotations

from thidua.core.actions import attach_file
from thidua.proposals import actions
from thidua.proposals.models import RewardKind
from thidua.registrations.models import Award

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def kind(code: str = "cong-trang") -> RewardKind:
    return RewardKind.objects.get(code=code)


def award(code: str) -> Award:
    return Award.objects.get(code=code)


def minutes(proposal, by=None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    return attach_file(
        proposal,
        upload,
        by=by,
        description="Biên bản họp Hội đồng thi đua – khen thưởng",
        part="council_minutes",
    )


def proposal_with(
    unit,
    people=(),
    *,
    by=None,
    award_code="bang-khen-ldld",
    year=2017,
    kind_code="cong-trang",
    complete=True,
    **values,
):
    """A draft proposal of ``unit`` with ``people`` proposed for one award, its dossier complete unless told."""
    p = actions.create_proposal(unit, by=by, kind=kind(kind_code), year=year, **values)
    for person in people:
        actions.add_nominee(
            p,
            by=by,
            person=person,
            award=award(award_code),
            achievement="Hoàn thành xuất sắc nhiệm vụ." if complete else "",
        )
    if complete and not p.own_level:
        minutes(p, by=by)
    return p


def sent(unit, people=(), *, by=None, **kwargs):
    p = proposal_with(unit, people, by=by, **kwargs)
    return actions.send_proposal(p, by=by)
