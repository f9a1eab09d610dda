"""`manage.py restore DIR`: put a backup made by `manage.py backup` back.

The target database must be empty (a new SQLite file or a new PostgreSQL
database: `createdb -E UTF8 -T template0 ...`) unless --force is given, and of
the same engine as the backup. Every file is checked against the manifest's
SHA-256 before anything is written. Uploaded files go back into MEDIA_ROOT.
"""

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ._backup_common import MANIFEST, MEDIA_DIR, media_files, pg_args_and_env, pg_tool, sha256


class Command(BaseCommand):
    help = "Restore the database and uploaded files from a directory made by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a directory written by `manage.py backup`")
        parser.add_argument("--force", action="store_true", help="replace the contents of a database that is not empty")

    def handle(self, *args, directory, force=False, **options):
        source = Path(directory)
        try:
            manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"{source} holds no readable backup manifest ({exc}).") from exc
        if manifest.get("engine") != connection.vendor:
            raise CommandError(
                f"The backup is of a {manifest.get('engine')} database; this site uses {connection.vendor}."
            )
        for name, digest in manifest["sha256"].items():
            path = source / name
            if not path.is_file() or sha256(path) != digest:
                raise CommandError(f"{path} is missing or damaged (SHA-256 differs from the manifest).")
        if connection.introspection.table_names() and not force:
            raise CommandError("The database is not empty. Restore into a new database, or add --force to replace it.")

        db_file = source / manifest["database"]
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            backup = sqlite3.connect(db_file)
            try:
                backup.backup(connection.connection)
            finally:
                backup.close()
        else:
            conn_args, env = pg_args_and_env()
            command = [
                pg_tool("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
            ]
            if force:
                command += ["--clean", "--if-exists"]
            command += [*conn_args, "--dbname", connection.settings_dict["NAME"], str(db_file)]
            connection.close()
            result = subprocess.run(command, env=env, capture_output=True, text=True)
            if result.returncode:
                raise CommandError(f"pg_restore failed: {result.stderr.strip()}")

        media_root = Path(settings.MEDIA_ROOT)
        files = media_files(source / MEDIA_DIR)
        for backup_copy in files:
            target = media_root / backup_copy.relative_to(source / MEDIA_DIR)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(backup_copy, target)
        self.stdout.write(self.style.SUCCESS(f"Restored the database and {len(files)} uploaded files from {source}."))
