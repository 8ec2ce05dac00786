import pytest

from tests.documents import reference as ref
from thidua.documents.render import render_docx, render_pdf
from thidua.plans.documents import plan_document_from_parsed


@pytest.fixture(scope="module")
def full_context():
    """The reference plan with its whole text (the hand-built body)."""
    return plan_document_from_parsed(
        {**ref.REFERENCE_STRUCTURE, "sections": ref.REFERENCE_SECTIONS},
        issuer_name=ref.ISSUER,
        parent_body_name=ref.PARENT_BODY,
    )


@pytest.fixture(scope="module")
def reference_docx(full_context):
    return render_docx(full_context)


@pytest.fixture(scope="module")
def reference_pdf(full_context):
    return render_pdf(full_context)
