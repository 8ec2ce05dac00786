"""Reading a plan's official text (Markdown, plain text, .docx, text-based PDF) into plain data.

Pure Python, no database: ``parse_plan_file`` and ``parse_plan_text`` return a dict of JSON-ready values (dates as
ISO strings, a missing field as None) with a list of Vietnamese ``warnings`` for everything odd; odd input never
raises. The modules follow the document: ``extract`` (bytes -> text), ``normalize`` (encodings, quotes, dashes,
wrapped lines), ``header``, ``bases`` (legal bases), ``movements``, ``phases`` and ``commemorations``,
``recipients``, ``signer``, ``body`` (the long texts: introduction, purposes and requirements, measures by kind
of unit, the paragraph after the phases, reporting duties, closing); ``dates`` reads the Vietnamese ways of writing a date; ``document`` puts them together.
"""

from .document import parse_plan_file, parse_plan_text

__all__ = ["parse_plan_file", "parse_plan_text"]
