import importlib
import secrets
from pathlib import Path

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.db import transaction

from loudi_portal.audit_chain import batched_links
from loudi_portal.caching import one_bump
from loudi_portal.demo import marked_as_demo
from loudi_portal.registry import app_modules
from loudi_portal.roles import staff_groups, sync_role_groups

ACCOUNT_MARK = "用户名"
SAMPLES_HEADING = "演示查询（在公开页面上试用）："


def demo_modules() -> list[str]:
    """Each app's `demo.py`, in PROJECT_APPS order (see loudi_portal/demo.py for the two phases)."""
    return app_modules("demo")


def demo_accounts() -> list[tuple[str, str, str]]:
    """(group name, username, label) of one demo account per staff group the portal defines."""
    return [(group, f"demo_{slug}", f"{group}（演示）") for slug, group in staff_groups().items()]


class Command(BaseCommand):
    help = "Load the demo content of every part of the portal (safe to re-run: nothing is duplicated)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--accounts-file",
            help="Also create one demo staff account per role (development only), keep their "
            "passwords in this file with the demo's tracking numbers and query codes; existing "
            "accounts are left alone.",
        )

    def handle(self, *args, accounts_file=None, **options):
        modules = [importlib.import_module(name) for name in demo_modules()]
        with one_bump(), marked_as_demo():
            # Two phases: every app's records (`load`), then what is computed from all of them,
            # such as the yearly reports (`load_late`, where an app has one).
            for phase in ("load", "load_late"):
                for module in modules:
                    if hasattr(module, phase):
                        with transaction.atomic(), batched_links():
                            getattr(module, phase)(stdout=self.stdout)
        if accounts_file:
            path = Path(accounts_file)
            accounts = self.create_accounts(path)
            samples = [line for module in modules if hasattr(module, "tracking_samples")
                       for line in module.tracking_samples()]  # fmt: skip
            self.write_file(path, accounts, samples)
            if samples:
                self.stdout.write(SAMPLES_HEADING)
                for line in samples:
                    self.stdout.write("  " + line)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))

    def create_accounts(self, path: Path) -> list[str]:
        """Create the missing demo accounts; return every account line (kept ones first)."""
        sync_role_groups()
        old = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        kept = {}
        for line in old:
            if ACCOUNT_MARK in line:
                kept[line.split(ACCOUNT_MARK)[1].split()[0]] = line
        lines, created = [], []
        for group_name, username, label in demo_accounts():
            group = Group.objects.filter(name=group_name).first()
            if group is None:
                self.stderr.write(f"没有“{group_name}”组（请先运行 migrate），未创建 {username}。")
                continue
            if User.objects.filter(username=username).exists():
                if username in kept:
                    lines.append(kept[username])
                continue
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(username=username, password=password, is_staff=True, last_name=label)
            user.groups.add(group)
            line = f"{label:<16} {ACCOUNT_MARK} {username:<14} 密码 {password}"
            lines.append(line)
            created.append(line)
        if created:
            self.stdout.write(f"已创建演示账号（密码保存在 {path}）：")
            for line in created:
                self.stdout.write("  " + line)
        return lines

    def write_file(self, path: Path, accounts: list[str], samples: list[str]) -> None:
        text = "\n".join(accounts) + "\n"
        if samples:
            text += "\n" + SAMPLES_HEADING + "\n" + "\n".join("  " + line for line in samples) + "\n"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        path.chmod(0o600)
