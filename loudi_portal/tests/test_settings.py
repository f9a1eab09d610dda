"""Settings come from the environment and refuse unsafe production starts."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_settings(env_overrides: dict, code: str = "print('ok')") -> subprocess.CompletedProcess:
    """Load the settings in a fresh process; VAR_DIR is an empty folder unless given."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "SECURE_HTTPS", "DATABASE_URL", "VAR_DIR", "MEDIA_ROOT"}
    }
    script = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='loudi_portal.settings'; django.setup(); " + code
    with tempfile.TemporaryDirectory() as empty_var:
        env["VAR_DIR"] = empty_var
        env.update(env_overrides)
        return subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
        )


def test_production_start_without_secret_key_is_refused():
    result = run_settings({"ALLOWED_HOSTS": "example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_start_without_allowed_hosts_is_refused():
    result = run_settings({"SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_key_file_written_by_make_run_is_used_when_secret_key_is_unset(tmp_path):
    (tmp_path / "secret_key").write_text("from-the-key-file-" + "k" * 40 + "\n")
    code = "from django.conf import settings as s; print(s.SECRET_KEY, s.DEBUG, ','.join(s.ALLOWED_HOSTS))"
    result = run_settings({"VAR_DIR": str(tmp_path)}, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["from-the-key-file-" + "k" * 40, "False", "127.0.0.1,localhost"]


def test_secret_key_in_the_environment_wins_over_the_key_file(tmp_path):
    (tmp_path / "secret_key").write_text("from-the-key-file-" + "k" * 40)
    code = "from django.conf import settings as s; print(s.SECRET_KEY)"
    result = run_settings({"VAR_DIR": str(tmp_path), "SECRET_KEY": "e" * 50, "ALLOWED_HOSTS": "example.org"}, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "e" * 50


def test_empty_key_file_is_refused_like_a_missing_key(tmp_path):
    (tmp_path / "secret_key").write_text("\n")
    result = run_settings({"VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_may_start_without_secret_key():
    result = run_settings({"DEBUG": "1"})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("value", ["maybe", "2", "TRUE!"])
def test_vague_boolean_is_refused(value):
    result = run_settings({"DEBUG": value})
    assert result.returncode != 0
    assert "is not a boolean" in result.stderr


def test_production_defaults_are_safe():
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.TIME_ZONE, s.LANGUAGE_CODE, s.USE_TZ)"
    )
    result = run_settings({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "example.org"}, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "31536000", "True", "True", "Asia/Shanghai", "zh-hans", "True"]


def test_database_url_selects_postgresql_with_persistent_connections():
    code = "from django.conf import settings as s; d=s.DATABASES['default']; print(d['ENGINE'], d['NAME'], d['CONN_MAX_AGE'])"
    result = run_settings({"DEBUG": "1", "DATABASE_URL": "postgres://u:p@db.example:5432/portal"}, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "portal", "60"]


def test_without_database_url_sqlite_runs_in_wal_mode(tmp_path):
    code = "from django.db import connection; c=connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    result = run_settings({"DEBUG": "1", "VAR_DIR": str(tmp_path)}, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "wal"
    assert (tmp_path / "db.sqlite3").exists()


def test_check_deploy_is_clean_with_production_environment():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_HTTPS"}}
    env.update(
        {
            "SECRET_KEY": "k8Jd2-production-like-secret-key-for-check-deploy-9f3a7c1e5b",
            "ALLOWED_HOSTS": "yjj.example.gov.cn",
            "SITE_URL": "https://yjj.example.gov.cn",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
