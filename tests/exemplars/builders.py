"""Small builders for the exemplars' tests (through the actions, as the system would)."""

from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from thidua.exemplars import actions

D = datetime.date


def exemplar(unit, person=None, *, by=None, **fields):
    values = {"person": person, "story": "Tận tụy, sáng tạo, giúp đỡ đồng nghiệp.", "year": 2017,
              "recognised_on": D(2017, 12, 20)}  # fmt: skip
    values.update(fields)
    return actions.create_exemplar(unit, by=by, **values)


def png(name: str = "anh.png", size: tuple[int, int] = (8, 6)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf(name: str = "bao-cao.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf"
    )


def tra_vinh(world):
    """The Trà Vinh branch's exemplary model (Phạm Văn Bình, recognised by the GIAY union), its replication in the
    same union and the Trà Vinh federation's 2017 board: for the scope matrix (tests/test_scope_matrix.py)."""
    from types import SimpleNamespace

    from thidua.exemplars.models import Exemplar, HonourBoard, Replication

    tree = world.tree
    model = Exemplar.objects.filter(unit=tree.GIAY).first()
    if model is None:
        model = exemplar(tree.GIAY, world.people.pham_binh, title="Gương sáng Giày Trà Vinh", published=True)
        actions.record_replication(
            model, tree.GIAY, by=None, since=D(2017, 12, 21), result="Nhân rộng tại Giày"
        )
        actions.create_board(tree.TV, by=None, year=2017, published=True)
    return SimpleNamespace(
        exemplar=model,
        replication=Replication.objects.get(exemplar=model),
        board=HonourBoard.objects.get(unit=tree.TV, year=2017),
    )
