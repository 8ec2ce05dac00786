"""The documents kit: the parts of an official document as Decree 30/2020/NĐ-CP lays them out, as plain data
(``parts``), and the renderers that turn them into DOCX and PDF (``render``). It knows no app and holds no data: each
app builds its documents from its records in ``<app>/documents.py``."""
