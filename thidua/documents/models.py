"""The documents app holds no data: it lays out the plain data of ``parts`` as official DOCX/PDF files
(``render``). What a document says is stored by the domain apps (plans, awards...)."""
