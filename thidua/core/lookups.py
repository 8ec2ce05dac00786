"""``path__subtree=P``: rows whose materialized path starts with P, in a form each database can index.

SQLite does not use an index for ``LIKE 'P%'`` (its LIKE is case-insensitive), so there the lookup is the range
``P <= path < P || '~'`` (paths use 0-9A-Z, all below '~'). Elsewhere it is Django's ``startswith``
(PostgreSQL: ``LIKE 'P%'``, served by the ``varchar_pattern_ops`` index that the tree declares on its path).
"""

from django.db import models
from django.db.models.lookups import Lookup, StartsWith


@models.CharField.register_lookup
class Subtree(Lookup):
    lookup_name = "subtree"

    def as_sql(self, compiler, connection):
        return StartsWith(self.lhs, self.rhs).as_sql(compiler, connection)

    def as_sqlite(self, compiler, connection):
        if not self.rhs_is_direct_value():
            return self.as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"({lhs} >= %s AND {lhs} < %s)", [*lhs_params, self.rhs, *lhs_params, self.rhs + "~"]
