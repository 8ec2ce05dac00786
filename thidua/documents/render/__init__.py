"""Official documents as files: ``render_plan_docx`` and ``render_plan_pdf`` turn a plan context
(``thidua.documents.contexts``) into the bytes of a .docx or a .pdf laid out as Decree 30/2020/NĐ-CP says."""

from thidua.documents.render.docx import render_plan_docx
from thidua.documents.render.pdf import render_plan_pdf

__all__ = ["render_plan_docx", "render_plan_pdf"]
