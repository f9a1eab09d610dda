"""Every public page type is valid HTML by the Nu HTML Checker (vnu.jar), checked in one run."""

import json
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


def test_every_public_page_type_is_valid_html(client, demo):
    require_tools()
    pages = html_pages(client)
    assert len(pages) >= 4, pages.keys()
    folder = ARTIFACTS / "html"
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for url, html in pages.items():
        path = folder / f"{slug(url)}.html"
        path.write_text(html, encoding="utf-8")
        files[path.resolve().as_uri()] = url
    errors = run_vnu(sorted(folder / f"{slug(url)}.html" for url in pages))
    report = [f"{files.get(m.get('url'), m.get('url'))}:{m.get('lastLine')}: {m.get('message')}" for m in errors]
    assert not report, "invalid HTML:\n" + "\n".join(report)


def test_the_checker_catches_invalid_html(tmp_path):
    require_tools()
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html lang="zh-Hans"><title>x</title><img src="a.png"><p><div></p>')
    assert run_vnu([bad]), "vnu.jar should report an <img> without alt"
