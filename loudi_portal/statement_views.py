"""无障碍声明 and 隐私声明: the two statements every page's footer links to (docs/inspection.md)."""

import json
from datetime import date

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from . import pagemeta

# When the statements' text was last reviewed against the site (update it with the text).
STATEMENTS_REVIEWED_ON = date(2026, 12, 1)
# The accessibility test run (tests/browser/test_accessibility.py) records itself here when it passes.
ACCESSIBILITY_RUN_FILE = "accessibility-run.json"

STATEMENT_COLUMN = pagemeta.Column(
    name="网站声明",
    description="本站的无障碍声明和隐私声明：适用范围、符合的标准、已知局限、个人信息的收集与保存。",
    keywords="无障碍声明,隐私声明,个人信息保护",
    type="概况信息",
)


MODE_LABELS = {"standard": _("标准版"), "care": _("关怀版")}


def last_accessibility_run() -> dict | None:
    """The recorded last passing accessibility run ({"on", "pages", "widths", "modes"}), or None.

    `make test` copies the record of a passing run into the site's VAR_DIR; a server gets the
    one of its release's CI run (docs/deployment.md).
    """
    path = settings.VAR_DIR / ACCESSIBILITY_RUN_FILE
    try:
        run = json.loads(path.read_text(encoding="utf-8"))
        return {
            **run,
            "on": date.fromisoformat(run["on"]),
            "widths_text": "、".join(str(int(w)) for w in run.get("widths", [])),
            "modes_text": "、".join(str(MODE_LABELS.get(m, m)) for m in run.get("modes", [])),
        }
    except (OSError, ValueError, KeyError, TypeError):
        return None


@pagemeta.page_meta(column=STATEMENT_COLUMN)
@require_safe
def accessibility_statement(request):
    """/accessibility/: scope, conformance, known limits, alternative formats, feedback (no query)."""
    ctx = {"run": last_accessibility_run(), "reviewed_on": STATEMENTS_REVIEWED_ON}
    return render(request, "statements/accessibility.html", ctx)


@pagemeta.page_meta(column=STATEMENT_COLUMN)
@require_safe
def privacy_statement(request):
    """/privacy/: what each form collects, why, how long it is kept, who sees it (no query)."""
    return render(request, "statements/privacy.html", {"reviewed_on": STATEMENTS_REVIEWED_ON})
