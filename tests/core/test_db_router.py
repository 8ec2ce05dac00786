"""The read replica's router without a replica: what it decides (issue 16). tests/replica runs it against a real one
(`make test-replica`)."""

import time

from django.conf import settings
from django.test import RequestFactory
from django.urls import get_resolver

from thidua.core import db_router
from thidua.core.models import Task
from thidua.orgs.models import Unit

router = db_router.ReplicaRouter()


def test_every_page_named_for_the_replica_exists():
    names = set()

    def walk(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern, inner)
            elif pattern.name:
                names.add(namespace + pattern.name)

    walk(get_resolver())
    missing = sorted(set(settings.READ_REPLICA_VIEWS) - names)
    assert not missing, f"READ_REPLICA_VIEWS names routes that do not exist: {missing}"


def test_without_a_replica_everything_reads_from_the_primary():
    with db_router.reads_may_lag():
        assert router.db_for_read(Unit) == "default"


def test_outside_a_lagging_page_reads_go_to_the_primary(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": settings.DATABASES["default"]}
    assert router.db_for_read(Unit) == "default"


def test_sessions_users_and_the_queue_never_read_from_the_replica(settings):
    from django.contrib.auth.models import User
    from django.contrib.sessions.models import Session

    settings.DATABASES = {**settings.DATABASES, "replica": settings.DATABASES["default"]}
    with db_router.reads_may_lag():
        assert [router.db_for_read(m) for m in (User, Session, Task)] == ["default"] * 3


def test_a_write_sends_the_reads_after_it_to_the_primary(settings, monkeypatch):
    settings.DATABASES = {**settings.DATABASES, "replica": settings.DATABASES["default"]}
    monkeypatch.setattr(db_router, "replica_usable", lambda state=None: True)
    with db_router.reads_may_lag():
        assert router.db_for_read(Unit) == "replica"
        assert router.db_for_write(Unit) == "default"
        assert router.db_for_read(Unit) == "default"


def test_an_unreachable_replica_sends_reads_to_the_primary(settings, monkeypatch):
    settings.DATABASES = {**settings.DATABASES, "replica": settings.DATABASES["default"]}
    monkeypatch.setattr(db_router, "replica_usable", lambda state=None: False)
    with db_router.reads_may_lag():
        assert router.db_for_read(Unit) == "default"


def test_a_user_who_just_saved_reads_from_the_primary(settings):
    factory = RequestFactory()
    assert db_router.may_read_replica(factory.get("/")) is True
    assert db_router.may_read_replica(factory.post("/")) is False
    recent = factory.get("/")
    recent.COOKIES[db_router.WROTE_COOKIE] = f"{time.time() - 3:.0f}"
    assert db_router.may_read_replica(recent) is False
    old = factory.get("/")
    old.COOKIES[db_router.WROTE_COOKIE] = f"{time.time() - settings.REPLICA_STICKY_SECONDS - 5:.0f}"
    assert db_router.may_read_replica(old) is True


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "orgs") is True
    assert router.allow_migrate("replica", "orgs") is False
