"""Production settings refuse what is unsafe; `check --deploy` has nothing to say."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "astop_site.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def strong_key():
    return secrets.token_urlsafe(50)


def test_production_refuses_to_start_without_a_key():
    result = run_manage("check", DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_a_weak_key():
    result = run_manage("check", DJANGO_SECRET_KEY="short", DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "too weak for production" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", DJANGO_SECRET_KEY=strong_key())
    assert result.returncode != 0
    assert "Set DJANGO_ALLOWED_HOSTS" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_SECRET_KEY=strong_key(), DJANGO_ALLOWED_HOSTS="archive.example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_debug_accepts_a_development_key():
    result = run_manage("check", DJANGO_DEBUG="1", DJANGO_SECRET_KEY="dev")
    assert result.returncode == 0, result.stderr


def test_redis_and_the_proxy_count_come_from_the_environment():
    code = (
        "from django.conf import settings; c = settings.CACHES['default'];"
        "print(c['BACKEND'], c['LOCATION'], c['OPTIONS']['socket_timeout'],"
        " settings.PUBLIC_CACHE_SECONDS, settings.TRUSTED_PROXY_COUNT)"
    )
    result = run_manage(
        "shell", "--no-imports", "-c", code,
        DJANGO_SECRET_KEY=strong_key(), DJANGO_ALLOWED_HOSTS="archive.example.org",
        REDIS_URL="redis://cache.internal:6379/0", DJANGO_TRUSTED_PROXY_COUNT="1",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "meetings.cache.FailSoftRedisCache", "redis://cache.internal:6379/0", "0.5", "300", "1",
    ]  # fmt: skip
