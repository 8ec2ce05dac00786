"""A registration season in the standard tree, arranged directly (tests arrange data; the pages and actions under
test do the writing).

Below Bến Tre (BT) five units must register: CT, MAY, THPT (under CT), TPBT, DUA (under TPBT).
- MAY: sent late, aims for "CĐCS vững mạnh"; Trần Trung Hào aims for Lao động tiên tiến and Chiến sĩ thi đua cơ
  sở, Nguyễn Thị Đào for Lao động tiên tiến;
- THPT: acknowledged, aims for "Tập thể lao động tiên tiến"; Huỳnh Thị Mai for Lao động tiên tiến;
- DUA: a draft (not sent) naming Võ Thị Hồng; CT: returned by the province; TPBT: nothing.
In Trà Vinh, GIAY sent its registration with Phạm Văn Bình (must never show in Bến Tre's figures).
"""

from __future__ import annotations

import datetime

from thidua.registrations.models import (
    Award,
    CollectiveTarget,
    IndividualEntry,
    Registration,
    RegistrationStatus,
)

YEAR = 2017
DEADLINE = datetime.date(YEAR, 1, 25)


def registration(unit, status, *, late=False, year=YEAR):
    return Registration.objects.create(unit=unit, year=year, status=status, deadline=DEADLINE, late=late)


def season(tree, people):
    award = {a.code: a for a in Award.objects.all()}
    may = registration(tree.MAY, RegistrationStatus.SUBMITTED, late=True)
    CollectiveTarget.objects.create(registration=may, award=award["cdcs-vung-manh"])
    IndividualEntry.objects.create(
        registration=may, person=people.tran_hao, award=award["lao-dong-tien-tien"]
    )
    IndividualEntry.objects.create(
        registration=may, person=people.tran_hao, award=award["cstd-co-so"], order=2
    )
    IndividualEntry.objects.create(registration=may, person=people.nguyen_dao, award=award["lao-dong-tien-tien"],
                                   order=3)  # fmt: skip
    thpt = registration(tree.THPT, RegistrationStatus.ACKNOWLEDGED)
    CollectiveTarget.objects.create(registration=thpt, award=award["tt-ld-tien-tien"])
    IndividualEntry.objects.create(
        registration=thpt, person=people.huynh_mai, award=award["lao-dong-tien-tien"]
    )
    dua = registration(tree.DUA, RegistrationStatus.DRAFT)
    IndividualEntry.objects.create(registration=dua, person=people.vo_hong, award=award["lao-dong-tien-tien"])
    registration(tree.CT, RegistrationStatus.RETURNED)
    giay = registration(tree.GIAY, RegistrationStatus.SUBMITTED)
    CollectiveTarget.objects.create(registration=giay, award=award["cdcs-vung-manh"])
    IndividualEntry.objects.create(registration=giay, person=people.pham_binh, award=award["cstd-co-so"])
    return {"MAY": may, "THPT": thpt, "DUA": dua, "GIAY": giay}
