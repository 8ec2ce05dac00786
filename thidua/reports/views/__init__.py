"""The pages of phase reports: report forms (``forms``), expected reports (``reports``), the entry grid
(``entry``)."""
