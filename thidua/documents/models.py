"""The documents app holds no data: it turns plain contexts (``contexts.py``) into official DOCX/PDF files
(``render``). What a document says is stored by the domain apps (plans, awards...)."""
