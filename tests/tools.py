"""Where the external checkers live, and how a test says it cannot run them.

In CI (CI=true) a missing tool is an error, never a silent skip: `.ci/run`
installs Chromium, Java and the npm packages, so their absence means a broken setup.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
ON_POSTGRES = bool(os.environ.get("DATABASE_URL"))
SQLITE_ONLY_REASON = (
    "browser and HTML-validity checks run on the SQLite pass only (DATABASE_URL is set): "
    "they test markup, which does not depend on the database, and CI runs the suite twice"
)


def missing_tool_reason() -> str | None:
    """Why the browser and validator checks cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is absent (Debian package `chromium`; `.ci/run` installs it)"
    if not AXE_JS.exists() or not VNU_JAR.exists():
        return "node_modules is missing axe-core or vnu-jar (run `npm ci`; `make test` does when npm exists)"
    if shutil.which("java") is None:
        return "no `java` on PATH (Debian `default-jre-headless`; the Nu HTML Checker needs Java 11+)"
    return None


def require_tools():
    """Skip (or, in CI, fail) when a checker is missing; skip on the PostgreSQL pass."""
    if ON_POSTGRES:
        pytest.skip(SQLITE_ONLY_REASON)
    reason = missing_tool_reason()
    if reason:
        if IN_CI:
            pytest.fail(f"CI must run the browser and validator checks, but {reason}")
        pytest.skip(reason)


def slug(url: str) -> str:
    """A file name for a URL: /search/?q=x -> search_q_x."""
    return re.sub(r"[^A-Za-z0-9]+", "_", url).strip("_")[:80] or "home"
