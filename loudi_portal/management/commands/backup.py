"""`manage.py backup DIR`: a consistent copy of the database and of the uploaded files.

SQLite: SQLite's online backup API (safe while the site is serving).
PostgreSQL: `pg_dump --format=custom` (a consistent snapshot; restore with `manage.py restore`).
MEDIA_ROOT: every uploaded file, copied as it is. A manifest records the engine,
the time, and a SHA-256 of every file, which `restore` verifies.
"""

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from ._backup_common import MANIFEST, MEDIA_DIR, PG_FILE, SQLITE_FILE, media_files, pg_args_and_env, pg_tool, sha256


class Command(BaseCommand):
    help = "Back up the database and the uploaded files (MEDIA_ROOT) into a new or empty directory."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="where to write the backup (created if missing; must be empty)")

    def handle(self, *args, directory, **options):
        target = Path(directory)
        if target.exists() and any(target.iterdir()):
            raise CommandError(f"{target} is not empty: give a new directory for each backup.")
        target.mkdir(parents=True, exist_ok=True)

        vendor = connection.vendor
        if vendor == "sqlite":
            db_file = target / SQLITE_FILE
            connection.ensure_connection()
            destination = sqlite3.connect(db_file)
            try:
                connection.connection.backup(destination)
            finally:
                destination.close()
        elif vendor == "postgresql":
            db_file = target / PG_FILE
            conn_args, env = pg_args_and_env()
            command = [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(db_file)]
            command += [*conn_args, "--dbname", connection.settings_dict["NAME"]]
            result = subprocess.run(command, env=env, capture_output=True, text=True)
            if result.returncode:
                raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        else:
            raise CommandError(f"No backup method for the {vendor} database engine.")

        media_root = Path(settings.MEDIA_ROOT)
        files = media_files(media_root)
        (target / MEDIA_DIR).mkdir()
        for source in files:
            copy = target / MEDIA_DIR / source.relative_to(media_root)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy)

        manifest = {
            "format": 1,
            "engine": vendor,
            "created": timezone.now().isoformat(),
            "database": db_file.name,
            "sha256": {str(p.relative_to(target)): sha256(p) for p in [db_file, *media_files(target / MEDIA_DIR)]},
        }
        (target / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        self.stdout.write(
            self.style.SUCCESS(f"Backed up the {vendor} database and {len(files)} uploaded files to {target}.")
        )
