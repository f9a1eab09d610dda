import importlib
import secrets
from pathlib import Path

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.db import transaction

from loudi_portal.registry import app_modules
from loudi_portal.roles import ROLES, sync_role_groups

DEMO_ACCOUNTS = [
    ("editor", "demo_editor", "录入员（演示）"),
    ("reviewer", "demo_reviewer", "审核员（演示）"),
    ("auditor", "demo_auditor", "审计员（演示）"),
    ("admin", "demo_admin", "管理员（演示）"),
]


def demo_modules() -> list[str]:
    """Each app's `demo.py`, in PROJECT_APPS order."""
    return app_modules("demo")


class Command(BaseCommand):
    help = "Load the demo content of every part of the portal (safe to re-run: nothing is duplicated)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--accounts-file",
            help="Also create one demo staff account per role (development only) and keep their "
            "passwords in this file; existing accounts are left alone.",
        )

    def handle(self, *args, accounts_file=None, **options):
        for module_name in demo_modules():
            module = importlib.import_module(module_name)
            with transaction.atomic():
                module.load(stdout=self.stdout)
        if accounts_file:
            self.create_accounts(Path(accounts_file))
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))

    def create_accounts(self, path: Path) -> None:
        sync_role_groups()
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        created = []
        for role, username, label in DEMO_ACCOUNTS:
            if User.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(username=username, password=password, is_staff=True, last_name=label)
            user.groups.add(Group.objects.get(name=ROLES[role]))
            created.append(f"{label:<12} 用户名 {username:<14} 密码 {password}")
        if created:
            lines = [line for line in lines if not any(u in line for _r, u, _l in DEMO_ACCOUNTS)] + created
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            path.chmod(0o600)
            self.stdout.write(f"已创建演示账号（密码保存在 {path}）：")
            for line in created:
                self.stdout.write("  " + line)
