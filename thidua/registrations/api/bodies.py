"""The JSON body of a write route and its entry in the OpenAPI schema: the API kit's (``thidua.core.api``),
named here for the registrations' routes."""

from thidua.core.api import body_doc, json_body

__all__ = ["body_doc", "json_body"]
