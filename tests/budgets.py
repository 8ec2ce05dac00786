"""Query budgets of the pages that several apps compose.

The unit page is the tree's own queries plus each app's panel (a few queries each, whatever the data). Every app adds
a panel, so the tests assert this ceiling, and that the count does not grow with the data (no N+1), rather than an
exact number that each new panel would break.
"""

UNIT_PAGE_QUERY_BUDGET = 32
