"""`manage.py backup` and `restore`: a restore into an empty database gives back exactly
the same data (dumpdata byte for byte) and the same uploaded files."""

import io
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from .conftest import _load_demo

ROOT = Path(__file__).resolve().parent.parent
UPLOAD = "attachments/2026/11/安全生产检查通知.pdf"
UPLOAD_BYTES = b"%PDF-1.7\n" + "娄底".encode() * 1000


def dump_all(**kwargs) -> bytes:
    out = io.StringIO()
    call_command("dumpdata", indent=1, stdout=out, **kwargs)
    return out.getvalue().encode()


def _manage(env, *args):
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    return result.stdout


@pytest.fixture
def empty_database(tmp_path):
    """A DATABASE_URL of a new, empty database of the same engine as the tests'."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    params = connection.settings_dict
    name = f"{params['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(
        host=params["HOST"],
        port=params["PORT"],
        user=params["USER"],
        password=params["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    admin.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
    password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
    yield f"postgres://{params['USER']}{password}@{params['HOST']}:{params['PORT']}/{name}"
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.mark.django_db(transaction=True)
def test_a_restore_into_an_empty_database_gives_identical_data_and_files(tmp_path, settings, empty_database):
    _load_demo()
    call_command("load_demo", accounts_file=str(tmp_path / "accounts.txt"), stdout=io.StringIO())
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / UPLOAD).parent.mkdir(parents=True)
    (tmp_path / "media" / UPLOAD).write_bytes(UPLOAD_BYTES)
    before = dump_all()
    assert b"loudi_portal.department" in before and b"demo_editor" in before

    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["engine"] == connection.vendor and f"media/{UPLOAD}" in manifest["sha256"]

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DATABASE_URL=empty_database, MEDIA_ROOT=str(tmp_path / "restored-media"), VAR_DIR=str(tmp_path))
    _manage(env, "restore", str(tmp_path / "backup"))
    _manage(env, "dumpdata", "--indent", "1", "--output", str(tmp_path / "after.json"))

    assert (tmp_path / "after.json").read_bytes() == before
    assert (tmp_path / "restored-media" / UPLOAD).read_bytes() == UPLOAD_BYTES


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty_or_a_damaged_backup(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path / "backup"), stdout=io.StringIO())
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    db_file = tmp_path / "backup" / next(iter(manifest["sha256"]))
    db_file.write_bytes(db_file.read_bytes()[:-10])
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(tmp_path / "backup"), "--force", stdout=io.StringIO())


def test_backup_refuses_to_write_over_an_earlier_backup(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "manifest.json").write_text("{}")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "old"))
