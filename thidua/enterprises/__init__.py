"""Enterprises without a union, the path from survey to a founded grassroots union, officers per area, supervision:
the upper-level union's own work beside the emulation (section III.2 of the reference plan). See
docs/decisions/0021-enterprises-and-supervision.md."""
