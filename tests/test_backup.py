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


# The drill: a backup taken while staff keep saving, restored into an empty database.
EXPORT_SCRIPT = """
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loudi_portal.settings")
django.setup()
from loudi_portal.audit import dataset_by_key
from loudi_portal.exports import write_export
dataset = dataset_by_key("notices")
rows = dataset.everything()
ids = [int(i) for i in sys.argv[2].split(",")] if len(sys.argv) > 2 and sys.argv[2] else None
if ids is not None:
    rows = rows.filter(pk__in=ids)
with open(sys.argv[1], "wb") as out:
    write_export("csv", rows, dataset.columns, title=dataset.title, filters=None, fileobj=out)
print(",".join(str(pk) for pk in dataset.everything().values_list("pk", flat=True)))
"""


def _export_notices(env, target: Path, ids: list[int] | None = None) -> list[int]:
    """The auditor's CSV of every notice (drafts included) from the database `env` names; its ids."""
    script = target.with_suffix(".py")
    script.write_text(EXPORT_SCRIPT, encoding="utf-8")
    args = [sys.executable, str(script), str(target), ",".join(map(str, ids or []))]
    result = subprocess.run(args, cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    out = result.stdout.decode().strip().splitlines()[-1] if result.stdout.strip() else ""
    return [int(pk) for pk in out.split(",") if pk]


@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_while_staff_keep_saving_restores_every_acknowledged_save(tmp_path, settings, empty_database):
    if connection.vendor != "postgresql":
        pytest.skip("writes during the backup need several real database connections (PostgreSQL)")
    import threading
    import time

    from django.db import connections, transaction

    from disclosure.models import Category, Notice

    from .conftest import _reseed_migration_data

    _reseed_migration_data()
    settings.MEDIA_ROOT = tmp_path / "media"
    category = Category.objects.order_by("pk").first()
    existing = set(Notice.objects.values_list("pk", flat=True))  # whatever the database held already
    acknowledged: list[int] = []  # a save counts once its transaction has committed
    stop, errors = threading.Event(), []

    def staff_keep_saving():
        try:
            n = 0
            while not stop.is_set():
                n += 1
                with transaction.atomic():
                    notice = Notice.objects.create(
                        title=f"备份演练：编辑保存的第{n}份草稿", category=category, body=f"<p>第{n}份草稿的正文。</p>"
                    )
                acknowledged.append(notice.pk)
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    writer = threading.Thread(target=staff_keep_saving)
    writer.start()
    try:
        deadline = time.monotonic() + 60
        while len(acknowledged) < 20 and time.monotonic() < deadline and not errors:
            time.sleep(0.05)
        before_backup = list(acknowledged)
        call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
        after_backup = len(acknowledged)
        deadline = time.monotonic() + 30
        while len(acknowledged) < after_backup + 5 and time.monotonic() < deadline and not errors:
            time.sleep(0.05)  # the writes go on after the backup, as on a live site
    finally:
        stop.set()
        writer.join(timeout=60)
    assert not errors, errors
    assert len(before_backup) >= 20 and len(acknowledged) > after_backup, "the writes ran before, during and after"

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DATABASE_URL=empty_database, MEDIA_ROOT=str(tmp_path / "restored-media"), VAR_DIR=str(tmp_path))
    _manage(env, "restore", str(tmp_path / "backup"))
    restored_ids = _export_notices(env, tmp_path / "restored.csv")

    # Every save acknowledged before the backup began is in the restore; nothing is there that
    # was never acknowledged (no torn or half-written rows), whatever came in during the backup.
    assert existing | set(before_backup) <= set(restored_ids) <= existing | set(acknowledged)
    # The auditor's export of the restored database is, byte for byte, the export of the same
    # records from the live database.
    live_env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    params = connection.settings_dict
    password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
    live_env["DATABASE_URL"] = (
        f"postgres://{params['USER']}{password}@{params['HOST']}:{params['PORT']}/{params['NAME']}"
    )
    _export_notices(live_env, tmp_path / "live.csv", restored_ids)
    restored_csv = (tmp_path / "restored.csv").read_bytes()
    assert restored_csv == (tmp_path / "live.csv").read_bytes()
    assert "备份演练：编辑保存的第1份草稿".encode() in restored_csv
    # The restored history chain verifies (the backup cut no chain link in half).
    _manage(env, "verify_history")
