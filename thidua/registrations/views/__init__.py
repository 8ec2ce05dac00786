"""The registrations app's pages, one module a subject (``catalog``, then emulation registration, initiatives,
research topics and congress works)."""
