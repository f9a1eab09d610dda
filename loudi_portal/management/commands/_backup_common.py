"""What `backup` and `restore` share: the backup folder's layout and how to reach PostgreSQL."""

import hashlib
import os
import shutil
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connection

MANIFEST = "manifest.json"
SQLITE_FILE = "db.sqlite3"
PG_FILE = "db.dump"  # pg_dump --format=custom
MEDIA_DIR = "media"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise CommandError(f"`{name}` is not installed (Debian package postgresql-client).")
    return found


def pg_args_and_env() -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump/pg_restore from the Django settings (password in the environment)."""
    params = connection.settings_dict
    args = []
    if params.get("HOST"):
        args += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", str(params["USER"])]
    env = dict(os.environ)
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    return args + ["--no-password"], env


def media_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
