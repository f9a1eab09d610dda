"""Security checks in one place: the back-office role matrix, headers on every public
URL, CSRF on every POST form, secure cookies under production settings, and no
personal data on any public page or in any public export."""

import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse

from loudi_portal.roles import ROLES, computed_grants

from . import personal_data
from .sitewalk import NOT_FOUND_URL, example_urls, html_pages, public_forms

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
PERSONAS = ["anonymous", *ROLES]  # anonymous, editor, reviewer, auditor, admin
ACTIONS = ["view", "add", "change", "delete"]
PERSONA_FIXTURE = {"editor": "editor", "reviewer": "reviewer", "auditor": "auditor", "admin": "admin_user"}

# Where a ModelAdmin is deliberately stricter than the role table (never looser), and why.
STRICTER_THAN_TABLE = {
    ("loudi_portal.bureauprofile", "add"): "one profile only: once it exists it is edited, not added",
    ("enforcement.hazard", "add"): "a hazard is recorded on its inspection (the inline there), never on its own",
}


# --- The role matrix --------------------------------------------------------------


def _admin_models():
    return sorted(admin.site._registry, key=lambda m: m._meta.label_lower)


def _expected(role: str, model, action: str) -> bool:
    if role == "anonymous":
        return False
    key = (model._meta.app_label, f"{action}_{model._meta.model_name}")
    return key in computed_grants()[role]


@pytest.mark.parametrize("model", _admin_models(), ids=lambda m: m._meta.label_lower)
def test_every_role_may_do_exactly_what_the_role_table_says_in_the_back_office(model, request, demo):
    """The whole matrix (persona x view/add/change/delete) of one admin model against roles.py."""
    model_admin = admin.site._registry[model]
    label = model._meta.label_lower
    factory = RequestFactory()
    mismatches = []
    for persona in PERSONAS:
        http_request = factory.get("/admin/")
        http_request.user = (
            AnonymousUser() if persona == "anonymous" else request.getfixturevalue(PERSONA_FIXTURE[persona])
        )
        site_ok = admin.site.has_permission(http_request)
        for action in ACTIONS:
            actual = site_ok and getattr(model_admin, f"has_{action}_permission")(http_request)
            expected = _expected(persona, model, action)
            if actual == expected:
                continue
            if expected and not actual and (label, action) in STRICTER_THAN_TABLE:
                continue
            mismatches.append(f"{persona} {action}: admin says {actual}, roles.py says {expected}")
    assert not mismatches, f"{label}: " + "; ".join(mismatches)


@pytest.mark.parametrize("model", _admin_models(), ids=lambda m: m._meta.label_lower)
def test_the_back_office_list_opens_exactly_for_the_roles_that_may_view(model, request, client, demo):
    """The same table over HTTP: each role's GET of the model's list page (200, or 403)."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    wrong = {}
    for role, fixture in PERSONA_FIXTURE.items():
        client.force_login(request.getfixturevalue(fixture))
        may = _expected(role, model, "view") or _expected(role, model, "change")
        status = client.get(url).status_code
        if status != (200 if may else 403):
            wrong[role] = status
    assert not wrong, f"{url}: {wrong}"


@pytest.mark.parametrize("model", _admin_models(), ids=lambda m: m._meta.label_lower)
def test_the_public_cannot_open_any_back_office_list(model, client):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def test_the_role_matrix_would_notice_a_role_that_gains_a_right(editor, monkeypatch):
    """The check can fail: an editor who could delete staff accounts is reported."""
    from django.contrib.auth.models import Permission, User

    editor.user_permissions.add(Permission.objects.get(codename="delete_user"))
    editor = User.objects.get(pk=editor.pk)
    http_request = RequestFactory().get("/admin/")
    http_request.user = editor
    monkeypatch.setattr(http_request.user, "is_superuser", True)  # StaffUserAdmin lets only superusers delete
    assert admin.site._registry[User].has_delete_permission(http_request)
    assert not _expected("editor", User, "delete")


# --- Headers on every public URL ----------------------------------------------------


def _all_example_urls():
    return [url for urls in example_urls().values() for url in urls] + [NOT_FOUND_URL]


def test_every_public_url_sends_strict_security_headers(client, demo):
    problems = {}
    for url in _all_example_urls():
        response = client.get(url)
        csp = response.get("Content-Security-Policy", "")
        directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
        wrong = []
        if directives.get("default-src") != "'self'" or "unsafe-inline" in csp or "unsafe-eval" in csp:
            wrong.append(f"CSP {csp!r}")
        if directives.get("frame-ancestors") != "'none'":
            wrong.append("frame-ancestors")
        for header, value in [
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
            ("X-Frame-Options", "DENY"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
        ]:
            if response.get(header) != value:
                wrong.append(f"{header}={response.get(header)!r}")
        if "camera=()" not in response.get("Permissions-Policy", ""):
            wrong.append("Permissions-Policy")
        if wrong:
            problems[url] = wrong
    assert not problems, problems


# --- CSRF on every POST form --------------------------------------------------------


def test_every_post_form_refuses_a_submission_without_its_csrf_token(client, demo):
    forms = [f for f in public_forms(html_pages(client)) if f.method == "post"]
    strict = Client(enforce_csrf_checks=True)
    targets = [f.action for f in forms] + [reverse("admin:login")]
    refused = {url: strict.post(url, {"username": "x", "password": "y"}).status_code for url in targets}
    assert all(code == 403 for code in refused.values()), refused


def test_a_form_with_its_csrf_token_is_accepted(demo):
    strict = Client(enforce_csrf_checks=True)
    strict.get(reverse("admin:login"))
    token = strict.cookies["csrftoken"].value
    response = strict.post(reverse("admin:login"), {"username": "x", "password": "y", "csrfmiddlewaretoken": token})
    assert response.status_code == 200  # the form again, with "wrong password", not a CSRF refusal


# --- Production settings ------------------------------------------------------------

PRODUCTION_PROBE = textwrap.dedent(
    """
    import json, django
    django.setup()
    from django.conf import settings
    # No collectstatic here: resolve static files without the manifest.
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    # Tables straight from the models, as pytest-django's --no-migrations does: the migrations'
    # own tests are `makemigrations --check` and the test database; replaying them costs ~1 min.
    from django.apps import apps
    settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client
    call_command("migrate", run_syncdb=True, verbosity=0)
    User.objects.create_user("probe", password="probe-password-0123456789", is_staff=True)
    c = Client()
    plain = c.get("/about/")
    page = c.get("/admin/login/", secure=True)
    token = c.cookies["csrftoken"].value
    login = c.post("/admin/login/?next=/admin/", {"username": "probe", "password": "probe-password-0123456789",
                   "csrfmiddlewaretoken": token}, secure=True, headers={"referer": "https://testserver/admin/login/"})
    cookies = {}
    for response in (page, login):
        for name, morsel in response.cookies.items():
            cookies[name] = {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"]),
                             "samesite": morsel["samesite"]}
    print(json.dumps({"plain_status": plain.status_code, "plain_location": plain.get("Location", ""),
                      "hsts": page.get("Strict-Transport-Security", ""), "login_status": login.status_code,
                      "cookies": cookies}))
    """
)


def test_production_settings_send_cookies_only_over_https_and_hsts(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECURE_HTTPS", "DATABASE_URL", "SENDFILE_NGINX", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="loudi_portal.settings",
        SECRET_KEY="production-probe-" + "k" * 50,
        ALLOWED_HOSTS="testserver",
        SITE_URL="https://testserver",
        DATABASE_URL="sqlite://:memory:",  # a file database makes the migrations ~20x slower (fsync)
        VAR_DIR=str(tmp_path),
        LOG_LEVEL="ERROR",
    )
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["plain_status"] == 301 and probe["plain_location"].startswith("https://")
    assert probe["hsts"].startswith("max-age=31536000")
    assert probe["login_status"] == 302, "the probe should have logged in"
    assert {"csrftoken", "sessionid"} <= set(probe["cookies"]), probe["cookies"]
    for name, flags in probe["cookies"].items():
        assert flags["secure"] and flags["httponly"] and flags["samesite"] == "Lax", (name, flags)


# --- Personal data ------------------------------------------------------------------

EXPORT_FORMATS = ["csv", "json", "xlsx"]


def _text_of(response) -> str:
    body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if "spreadsheetml" in response.get("Content-Type", ""):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row)
    return body.decode("utf-8", "replace")


def public_documents(client) -> dict[str, str]:
    """Every public page and the exports offered from it: url -> text."""
    docs = {}
    for url in _all_example_urls():
        response = client.get(url)
        if response.status_code in (200, 404):
            docs[url] = _text_of(response)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            for fmt in EXPORT_FORMATS:
                export_url = f"{url}{'&' if '?' in url else '?'}format={fmt}"
                export = client.get(export_url)
                if export.status_code == 200 and not export.get("Content-Type", "").startswith("text/html"):
                    docs[export_url] = _text_of(export)
    return docs


@pytest.fixture
def demo_with_staff(demo, tmp_path):
    call_command("load_demo", accounts_file=str(tmp_path / "accounts.txt"), stdout=io.StringIO())


def test_no_public_page_or_export_shows_personal_data(client, demo_with_staff):
    values = personal_data.personal_values()
    assert "demo_editor" in values, "the demo staff accounts should be among the personal values"
    from interact.models import Message

    senders = {name for name in Message.objects.values_list("name", flat=True) if len(name) == 3}
    assert senders & values, "three-character senders' names are searched too"
    leaks = {}
    for url, text in public_documents(client).items():
        found = sorted(v for v in values if v in text)
        if found:
            leaks[url] = found[:5]
    assert not leaks, f"personal data on public pages or exports: {leaks}"


def test_the_personal_data_table_names_real_fields():
    from django.apps import apps

    for label, names in personal_data.personal_fields().items():
        model = apps.get_model(label)
        for name in names:
            model._meta.get_field(name)  # raises FieldDoesNotExist for a typo
