"""Every `manage.py` command the docs show exists, takes the documented arguments and,
when it only reads, runs cleanly: a reader can paste it right after `make run`."""

import io
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands, load_command_class

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
PREFIX = ".venv/bin/python manage.py "

# Documented commands that read only: each is run against the test database.
READ_ONLY = {"help", "check", "workdays", "verify_history", "showmigrations", "diffsettings"}
# Documented commands that write (the database, files or the search index): their
# arguments are parsed, but they are not run here; their own tests cover them.
MUTATING = {
    "migrate",
    "load_demo",
    "createsuperuser",
    "collectstatic",
    "backup",
    "restore",
    "chain_history",
    "reindex_notices",
    "refresh_approval_deadlines",
    "record_publicity_lapses",
    "prune_export_files",  # deletes files; loudi_portal/tests/test_export_jobs.py runs it
    "prune_db_task_results",
    "db_worker",  # runs queued jobs until stopped; loudi_portal/tests/test_export_jobs.py runs it
    "site_selfcheck",  # keeps its run for the staff page; tests/test_selfcheck.py runs it
}


def documented_commands() -> list[tuple[str, list[str]]]:
    """Every `manage.py …` line inside a fenced code block, as (where, argv)."""
    found = []
    for path in DOCS:
        for block in FENCE.findall(path.read_text(encoding="utf-8")):
            for line in block.splitlines():
                if "manage.py" not in line:
                    continue
                words = shlex.split(line, comments=True)
                where = f"{path.relative_to(ROOT)}: {line.strip()}"
                found.append((where, words))
    return found


COMMANDS = documented_commands()


def argv_of(words: list[str]) -> list[str]:
    """The arguments after `manage.py`, with <placeholders> filled in."""
    index = words.index("manage.py")
    return [re.sub(r"<[^>]+>", "0" * 64, word) for word in words[index + 1 :]]


def test_the_docs_show_commands_at_all():
    names = {argv_of(words)[0] for _, words in COMMANDS}
    assert {"workdays", "verify_history", "backup", "restore"} <= names


@pytest.mark.parametrize(("where", "words"), COMMANDS, ids=[where for where, _ in COMMANDS])
def test_documented_command_is_written_as_the_checkout_runs_it(where, words):
    line = shlex.join(words)
    assert PREFIX.strip() in line, f"{where}: write it as `{PREFIX}…`"


@pytest.mark.parametrize(("where", "words"), COMMANDS, ids=[where for where, _ in COMMANDS])
def test_documented_command_exists_and_its_arguments_parse(where, words, settings):
    # Parse as production does: the conftest runs jobs inline, but prune_db_task_results
    # checks its --backend against the configured queue, which in production is the database.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    name, *args = argv_of(words)
    assert name in get_commands(), f"{where}: no command {name!r}"
    assert name in READ_ONLY | MUTATING, f"{where}: say in this test whether {name!r} only reads"
    command = load_command_class(get_commands()[name], name)
    command.create_parser("manage.py", name).parse_args(args)


def read_only_runs():
    runs = []
    for where, words in COMMANDS:
        name, *args = argv_of(words)
        if name not in READ_ONLY or any("<" in word for word in words):
            continue
        if name == "check" and "--deploy" in args:
            continue  # needs the production environment: tests the settings' own check-deploy test
        runs.append(pytest.param(name, args, id=where))
    return runs


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args"), read_only_runs())
def test_documented_read_only_command_succeeds_on_a_migrated_database(name, args):
    out = io.StringIO()
    try:
        call_command(name, *args, stdout=out, stderr=io.StringIO())
    except SystemExit as exc:  # verify_history reports BROKEN with exit code 1
        assert exc.code in (0, None), out.getvalue()
    if name == "verify_history":
        assert out.getvalue().startswith("OK"), out.getvalue()


def test_manage_py_runs_with_the_key_file_make_run_writes(tmp_path):
    """Right after `make run` there is no SECRET_KEY in the shell, only var/secret_key."""
    (tmp_path / "secret_key").write_text("key-file-" + "s" * 50 + "\n")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "SECURE_HTTPS", "DATABASE_URL", "MEDIA_ROOT"}
    }
    env["VAR_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SECRET_KEY is not set" not in result.stderr
