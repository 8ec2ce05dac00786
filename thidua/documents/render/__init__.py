"""Official documents as files: ``render_docx`` and ``render_pdf`` turn an ``OfficialDocument``
(``thidua.documents.parts``) into the bytes of a .docx or a .pdf laid out as Decree 30/2020/NĐ-CP says."""

from thidua.documents.render.docx import render_docx
from thidua.documents.render.pdf import render_pdf

__all__ = ["render_docx", "render_pdf"]
