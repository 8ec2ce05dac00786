"""Reading a plan's official text (Markdown, plain text, .docx, text-based PDF) into plain data.

Pure Python, no database: ``parse_plan`` (a file: path, bytes or upload; also ``parse_plan_file``) and
``parse_plan_text`` return one typed structure, ``result.ParsedPlan`` (real dates, long texts as paragraphs, measures
by kind of unit), with ``warnings`` in Vietnamese for everything odd, each naming the part (and phase) it concerns;
odd text never raises, a file that is not what it says (corrupt, dangerous, far too large) raises
``extract.UnreadableFile``. The modules follow the document: ``extract`` (bytes -> text), ``normalize`` (encodings, quotes, dashes,
wrapped lines), ``header``, ``bases`` (legal bases), ``movements``, ``phases`` and ``commemorations``,
``recipients``, ``signer``, ``body`` (the long texts: introduction, purposes and requirements, measures by kind
of unit, the paragraph after the phases, reporting duties, closing); ``dates`` reads the Vietnamese ways of writing a date; ``document`` puts them together.
"""

from .document import parse_plan, parse_plan_file, parse_plan_text
from .extract import UnreadableFile
from .result import ParsedPlan, ParseWarning

__all__ = ["ParseWarning", "ParsedPlan", "UnreadableFile", "parse_plan", "parse_plan_file", "parse_plan_text"]
