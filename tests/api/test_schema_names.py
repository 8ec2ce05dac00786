"""Each answer schema of the API has a name of its own: the OpenAPI document keys its components by class name, so
two apps' ``RollupOut`` (or ``NomineeOut``...) silently became one, and a route's answers were then documented (and
checked by the fuzzing test) against another app's schema."""

from collections import defaultdict

from ninja import Schema

from thidua.api.api import api


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_no_two_schemas_of_the_api_share_a_component_name():
    components = set(api.get_openapi_schema()["components"]["schemas"])
    modules = defaultdict(set)
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("thidua.") and cls.__name__ in components:
            modules[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    assert {name: found for name, found in modules.items() if len(found) > 1} == {}
