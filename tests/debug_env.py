"""Loaded by pytest before Django's settings (``-p tests.debug_env`` in pyproject.toml): the tests run on the
development path, with ``DEBUG=1`` set explicitly as ``make run`` does (DEBUG is off unless turned on).
pytest-django still runs each test with ``settings.DEBUG = False``."""

import os

os.environ.setdefault("DEBUG", "1")
