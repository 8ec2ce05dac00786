"""Pages of plans: the list (own plans and the inbox of plans to deploy), a plan as its official text reads with its
phases, commemorations and cascade, the draft form, the workflow buttons, the import of an official text, and the
calendar of a unit's year.

Each view validates input, calls one action or query, and renders. A plan the user cannot see is 404; a plan they see
but may not act on is 403.
"""
