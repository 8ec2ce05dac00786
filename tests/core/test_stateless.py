"""Stateless web processes: sessions and cache in Redis (or the database), uploads through the storage API
(issue 16)."""

import json
import secrets
import uuid

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import caches
from django.test import Client

from tests.core.test_settings import run_manage

REDIS_URL = "redis://127.0.0.1:6379/7"


def redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:  # noqa: BLE001
        return False


needs_redis = pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")

SHOW = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps([s.SESSION_ENGINE, s.CACHES['default']['BACKEND'], s.STORAGES['default']['BACKEND'], "
    "s.STORAGES['attachments']['BACKEND'], s.STORAGES['attachments'].get('OPTIONS', {}).get('location'), "
    "s.HEALTH_CHECK_CACHE]))"
)


def shown(**env) -> list:
    result = run_manage("shell", "-c", SHOW, SECRET_KEY=secrets.token_urlsafe(50), **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_one_server_keeps_sessions_in_the_database_and_files_on_disk():
    engine, cache, default, attachments, _location, check_cache = shown()
    assert engine == "django.contrib.sessions.backends.db"
    assert cache == "django.core.cache.backends.locmem.LocMemCache"
    assert default == attachments == "django.core.files.storage.FileSystemStorage"
    assert check_cache is False


def test_several_servers_share_redis_and_an_s3_bucket():
    engine, cache, default, attachments, location, check_cache = shown(
        REDIS_URL=REDIS_URL, S3_BUCKET="thidua-files", S3_ENDPOINT_URL="http://127.0.0.1:9000"
    )
    assert engine == "django.contrib.sessions.backends.cached_db"
    assert cache == "django.core.cache.backends.redis.RedisCache"
    assert default == attachments == "storages.backends.s3.S3Storage"
    assert location == "attachments"
    assert check_cache is True


def test_session_store_can_be_chosen():
    assert shown(REDIS_URL=REDIS_URL, SESSION_STORE="cache")[0] == "django.contrib.sessions.backends.cache"


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"thidua-test-{uuid.uuid4().hex[:8]}",
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.HEALTH_CHECK_CACHE = True
    yield caches["default"]
    caches["default"].clear()


@needs_redis
def test_a_session_opened_on_one_process_is_read_by_another_even_after_redis_forgets(redis_cache, users):
    first = Client()
    first.force_login(users.province_officer)
    cookie = first.cookies["sessionid"].value
    # Another web process: another client, the same cookie, nothing shared but Redis and the database.
    second = Client()
    second.cookies["sessionid"] = cookie
    assert second.get("/").status_code == 200
    redis_cache.clear()  # Redis restarted: the database still has the session
    third = Client()
    third.cookies["sessionid"] = cookie
    response = third.get("/")
    assert response.status_code == 200
    assert int(third.session[SESSION_KEY]) == users.province_officer.pk


@needs_redis
def test_health_checks_the_shared_cache(redis_cache, client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert client.get("/health/").json()["checks"]["cache"] == "ok"


def test_health_fails_when_the_shared_cache_is_down(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }
    settings.HEALTH_CHECK_CACHE = True
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "fail"
