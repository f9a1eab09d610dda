"""Every public page type is valid HTML by the Nu HTML Checker (vnu.jar), checked in one run."""

import json
import shutil
import subprocess

import pytest

from .sitewalk import html_pages
from .tools import ARTIFACTS, VNU_JAR, require_tools, slug

pytestmark = pytest.mark.django_db


def run_vnu(files) -> list[dict]:
    """Check the files in one JVM start; return the error messages (warnings are not failures)."""
    result = subprocess.run(
        ["java", "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stdout or '{"messages": []}')["messages"]
    if result.returncode not in (0, 1) or (result.returncode == 1 and not messages):
        raise RuntimeError(f"vnu.jar failed to run: {result.stderr[-2000:]}")
    return [m for m in messages if m.get("type") in {"error", "non-document-error"}]


# A page with known errors checked in the same run: proves the checker ran and reports.
CONTROL = '<!DOCTYPE html><html lang="zh-Hans"><title>x</title><img src="a.png"><p><div></p>'


def test_every_public_page_type_is_valid_html(client, demo):
    require_tools()
    pages = html_pages(client)
    assert len(pages) >= 4, pages.keys()
    folder = ARTIFACTS / "html"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    names = {}
    for url, html in pages.items():
        path = folder / f"{slug(url)}.html"
        path.write_text(html, encoding="utf-8")
        names[path.name] = url
    control = folder / "zz-control-invalid.html"
    control.write_text(CONTROL, encoding="utf-8")

    errors = run_vnu(sorted(folder.glob("*.html")))  # one JVM start for every page

    def file_of(message):  # vnu.jar names files as file:/abs/path
        return message.get("url", "").rsplit("/", 1)[-1]

    assert any(file_of(m) == control.name for m in errors), "vnu.jar should report the control page's <img> without alt"
    report = [
        f"{names.get(file_of(m), m.get('url'))}:{m.get('lastLine')}: {m.get('message')}"
        for m in errors
        if file_of(m) != control.name
    ]
    assert not report, "invalid HTML:\n" + "\n".join(report)
